//! The resident's journeys as data: the steps, the answers as typed, and the
//! rules for checking a step and choosing the next one.
//!
//! The UI shows one step at a time and asks this module what to check and
//! where to go next, so every route through the widget is testable natively.
//! Answers are kept exactly as typed (strings), so nothing the resident wrote
//! is lost when it does not pass a check; `to_submission` turns them into the
//! typed case model.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A page of the wizard. The wizard is this enum in a signal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// Before anything else: is anyone in danger now? (Awaab's Law)
    #[default]
    EmergencyCheck,
    Emergency,
    Start,
    // Something has gone wrong: complaint or service request (Code 1.2 to 1.5).
    ReportedBefore,
    FirstReport,
    WhatWentWrong,
    WhenStarted,
    WhenAware,
    DelayReason,
    Court,
    Tried,
    Impact,
    Outcome,
    // Service request.
    RequestWhat,
    RequestWhere,
    RequestUrgency,
    RequestAccess,
    // Representative (Code 3.6).
    WantRep,
    RepFiller,
    RepName,
    RepRelationship,
    RepContact,
    RepPowers,
    RepConsent,
    // Reasonable adjustments (Code 3.1, 5.10).
    WantAdjustments,
    AdjNeeds,
    AdjDetails,
    AdjDisability,
    // Stage 2 (Code 6.11 to 6.14).
    S2Reference,
    S2ResponseDate,
    S2Reasons,
    // Housing Ombudsman.
    OmbPosition,
    OmbDates,
    OmbLate,
    OmbWhy,
    OmbOutcome,
    OmbTell,
    OmbSummary,
    // About you, asked once.
    Name,
    Address,
    Contact,
    ContactPrefs,
    Check,
    Confirmation,
}

/// What the resident came to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    Problem,
    Request,
    Representative,
    Adjustments,
    Escalate,
    Ombudsman,
}

impl Task {
    pub const ALL: [Task; 6] =
        [Task::Problem, Task::Request, Task::Representative, Task::Adjustments, Task::Escalate, Task::Ombudsman];

    pub fn value(self) -> &'static str {
        match self {
            Task::Problem => "problem",
            Task::Request => "request",
            Task::Representative => "representative",
            Task::Adjustments => "adjustments",
            Task::Escalate => "escalate",
            Task::Ombudsman => "ombudsman",
        }
    }

    pub fn parse(s: &str) -> Option<Task> {
        Task::ALL.into_iter().find(|t| t.value() == s)
    }
}

pub use super::validate::{DateInput as DateParts, FieldError};
use super::triage::HazardKind;

/// The checkbox value for "None of these" on the first page.
pub const NO_HAZARD: &str = "none";

/// The checkbox value of a hazard: its name in the payload.
pub fn hazard_value(k: HazardKind) -> &'static str {
    match k {
        HazardKind::GasSmell => "gas_smell",
        HazardKind::ElectricalDanger => "electrical_danger",
        HazardKind::NoHeating => "no_heating",
        HazardKind::NoWater => "no_water",
        HazardKind::FloodingOrMajorLeak => "flooding_or_major_leak",
        HazardKind::StructuralDanger => "structural_danger",
        HazardKind::FireSafety => "fire_safety",
        HazardKind::SeriousDampAndMould => "serious_damp_and_mould",
        HazardKind::DampAndMould => "damp_and_mould",
    }
}

fn hazard_label(value: &str) -> &'static str {
    HazardKind::ALL.into_iter().find(|k| hazard_value(*k) == value).map_or("None of these", HazardKind::label)
}

fn blank(d: &DateParts) -> bool {
    d.day.trim().is_empty() && d.month.trim().is_empty() && d.year.trim().is_empty()
}

/// Every answer, exactly as typed. Serialised into the local draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    /// Hazard values ticked on the first page ([`HazardKind`] names), or
    /// `["none"]`.
    pub hazards: Vec<String>,
    pub task: String,
    // Problem / complaint definition (Code 5.6).
    pub reported_before: String,
    pub first_report_choice: String,
    pub what_went_wrong: String,
    pub started: DateParts,
    pub aware: DateParts,
    pub delay_reason: String,
    pub court: String,
    pub tried: String,
    pub tried_reference: String,
    pub impact: String,
    pub outcomes: Vec<String>,
    pub compensation_amount: String,
    pub outcome_other: String,
    // Service request.
    pub request_what: String,
    pub request_where: String,
    pub request_urgency: String,
    pub request_access: String,
    // Representative.
    pub want_rep: String,
    pub filler: String,
    pub rep_name: String,
    pub rep_relationship: String,
    pub rep_phone: String,
    pub rep_email: String,
    pub rep_powers: String,
    pub rep_consent: String,
    // Adjustments.
    pub want_adjustments: String,
    pub adj_needs: Vec<String>,
    pub adj_language: String,
    pub adj_times: String,
    pub adj_other: String,
    pub adj_disability: String,
    // Stage 2.
    pub s2_reference: String,
    pub s2_response: DateParts,
    pub s2_reasons: String,
    // Ombudsman.
    pub omb_position: String,
    pub omb_complained: DateParts,
    pub omb_acknowledged: DateParts,
    pub omb_answered: DateParts,
    pub omb_why: String,
    pub omb_outcome: String,
    pub omb_tell: String,
    // About you.
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub tenancy_ref: String,
    pub phone: String,
    pub email: String,
    pub contact_method: String,
    pub contact_times: String,
}

/// Longest free-text answer, in characters.
pub const LONG_TEXT: usize = 2000;
/// Longest short answer (names, references), in characters.
pub const SHORT_TEXT: usize = 200;

/// Needs that take more detail on the follow-up page.
const NEEDS_WITH_DETAILS: [&str; 4] = ["language", "interpreter", "set_times", "other"];

fn yes(s: &str) -> bool {
    s == "yes"
}

impl Answers {
    pub fn task(&self) -> Option<Task> {
        Task::parse(&self.task)
    }

    /// Is this going to the landlord as a complaint (rather than a service request)?
    /// Code 1.3 to 1.5: a first report may be a service request, but the resident
    /// chooses; having reported it before and still needing to come back is
    /// dissatisfaction, which is a complaint.
    pub fn is_complaint(&self) -> bool {
        match self.task() {
            Some(Task::Problem) => self.reported_before == "yes" || self.first_report_choice == "complaint",
            _ => false,
        }
    }

    /// The date the 12-month limit counts from (Code 2.x): when the resident
    /// became aware if they said, else when it started.
    pub fn limit_counts_from(&self, today: NaiveDate) -> Option<NaiveDate> {
        let started = v::date_parts(&self.started, "Date the problem started", today).ok()?;
        let aware = v::date_parts(&self.aware, "Date you found out", today).ok();
        Some(aware.map_or(started, |a| a.max(started)))
    }

    /// True when the problem is more than 12 months old (Code 2.3), counted
    /// from when it started or, if later, when the resident found out.
    pub fn older_than_12_months(&self, today: NaiveDate) -> bool {
        let Some(started) = v::date_parts(&self.started, "Date the problem started", today).ok() else {
            return false;
        };
        let aware = v::date_parts(&self.aware, "Date you found out", today).ok();
        super::exclusions::twelve_month_limit(started, aware) < today
    }

    /// The hazards ticked on the first page.
    pub fn hazard_kinds(&self) -> Vec<HazardKind> {
        HazardKind::ALL.into_iter().filter(|k| self.hazards.iter().any(|h| *h == hazard_value(*k))).collect()
    }

    fn about_you_done(&self, today: NaiveDate) -> bool {
        [Step::Name, Step::Address, Step::Contact, Step::ContactPrefs].iter().all(|s| self.check(*s, today).is_empty())
    }

    fn after_task_questions(&self, today: NaiveDate) -> Step {
        if self.about_you_done(today) {
            Step::Check
        } else {
            Step::Name
        }
    }

    fn after_rep(&self, today: NaiveDate) -> Step {
        match self.task() {
            Some(Task::Representative) => self.after_task_questions(today),
            _ => Step::WantAdjustments,
        }
    }

    /// The step after `step`, given the answers so far.
    pub fn next(&self, step: Step, today: NaiveDate) -> Step {
        use Step::*;
        match step {
            EmergencyCheck if !self.hazard_kinds().is_empty() => Emergency,
            EmergencyCheck | Emergency => Start,
            Start => match self.task() {
                Some(Task::Problem) => ReportedBefore,
                Some(Task::Request) => RequestWhat,
                Some(Task::Representative) => RepFiller,
                Some(Task::Adjustments) => AdjNeeds,
                Some(Task::Escalate) => S2Reference,
                Some(Task::Ombudsman) => OmbPosition,
                None => Start,
            },
            ReportedBefore if self.reported_before == "yes" => WhatWentWrong,
            ReportedBefore => FirstReport,
            FirstReport if self.first_report_choice == "service_request" => RequestWhat,
            FirstReport => WhatWentWrong,
            WhatWentWrong => WhenStarted,
            WhenStarted => WhenAware,
            WhenAware if self.older_than_12_months(today) => DelayReason,
            WhenAware | DelayReason => Court,
            Court => Tried,
            Tried => Impact,
            Impact => Outcome,
            Outcome => WantRep,
            RequestWhat => RequestWhere,
            RequestWhere => RequestUrgency,
            RequestUrgency => RequestAccess,
            RequestAccess => WantRep,
            WantRep if yes(&self.want_rep) => RepName,
            WantRep => WantAdjustments,
            RepFiller => RepName,
            RepName => RepRelationship,
            RepRelationship => RepContact,
            RepContact => RepPowers,
            RepPowers => RepConsent,
            RepConsent => self.after_rep(today),
            WantAdjustments if yes(&self.want_adjustments) => AdjNeeds,
            WantAdjustments => self.after_task_questions(today),
            AdjNeeds if self.adj_needs.iter().any(|n| NEEDS_WITH_DETAILS.contains(&n.as_str())) => AdjDetails,
            AdjNeeds | AdjDetails => AdjDisability,
            AdjDisability => self.after_task_questions(today),
            S2Reference => S2ResponseDate,
            S2ResponseDate => S2Reasons,
            S2Reasons => WantRep,
            OmbPosition => OmbDates,
            OmbDates => OmbLate,
            OmbLate => OmbWhy,
            OmbWhy => OmbOutcome,
            OmbOutcome => OmbTell,
            OmbTell if yes(&self.omb_tell) => self.after_task_questions(today),
            OmbTell => OmbSummary,
            OmbSummary => OmbSummary,
            Name => Address,
            Address => Contact,
            Contact => ContactPrefs,
            ContactPrefs => Check,
            Check => Confirmation,
            Confirmation => Confirmation,
        }
    }

    /// After a "Change" link: back to the check page, unless the change
    /// opened a question that has not been answered yet.
    pub fn next_after_change(&self, step: Step, today: NaiveDate) -> Step {
        let mut s = self.next(step, today);
        // Follow the route until a step needs an answer or we reach Check.
        for _ in 0..64 {
            if s == Step::Check || !self.check(s, today).is_empty() || !self.is_answerable(s) {
                return s;
            }
            s = self.next(s, today);
        }
        Step::Check
    }

    /// Steps that only show information have nothing to answer.
    fn is_answerable(&self, step: Step) -> bool {
        !matches!(step, Step::Emergency | Step::OmbLate | Step::OmbSummary | Step::Confirmation)
    }

    /// Every step on the resident's route from the start to `Check` (or the
    /// end of the journey), following the answers given so far.
    pub fn route(&self, today: NaiveDate) -> Vec<Step> {
        let mut out = vec![Step::EmergencyCheck];
        let mut s = Step::EmergencyCheck;
        for _ in 0..64 {
            let n = self.next(s, today);
            if n == s || out.contains(&n) {
                break;
            }
            if n == Step::Check && !out.contains(&Step::ContactPrefs) {
                // About you was answered before (and so skipped), but it is
                // still part of what is sent, so the check page lists it.
                out.extend([Step::Name, Step::Address, Step::Contact, Step::ContactPrefs]);
            }
            out.push(n);
            if n == Step::Check {
                break;
            }
            s = n;
        }
        out
    }
}

/// Collects the errors of one step.
struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: &str, r: Result<(), String>) {
        if let Err(m) = r {
            self.0.push(FieldError::new(field, m));
        }
    }
}

fn chosen(value: &str, message: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(message.to_owned())
    } else {
        Ok(())
    }
}

impl Answers {
    /// The problems with the answers on `step`, in page order. Empty means
    /// the resident can continue.
    pub fn check(&self, step: Step, today: NaiveDate) -> Vec<FieldError> {
                use Step::*;
        let mut e = Errors(Vec::new());
        match step {
            EmergencyCheck => {
                let none = self.hazards.iter().any(|h| h == NO_HAZARD);
                let msg = if self.hazards.is_empty() {
                    Some("Select what is happening, or select \u{201c}None of these\u{201d}")
                } else if none && self.hazards.len() > 1 {
                    Some("Select what is happening, or select only \u{201c}None of these\u{201d}")
                } else {
                    None
                };
                e.add("hazards", msg.map_or(Ok(()), |m| Err(m.to_owned())));
            }
            Start => e.add("task", chosen(&self.task, "Select what you want to do")),
            ReportedBefore => e.add("reported_before", chosen(&self.reported_before, "Select yes if you have told us about this before")),
            FirstReport => e.add("first_report_choice", chosen(&self.first_report_choice, "Select how you want us to deal with this")),
            WhatWentWrong => e.add("what_went_wrong", v::required_text(&self.what_went_wrong, "Enter what has gone wrong", "What has gone wrong", LONG_TEXT)),
            WhenStarted => e.add("started", v::date_parts(&self.started, "Date the problem started", today).map(|_| ())),
            WhenAware => {
                if !blank(&self.aware) {
                    e.add("aware", v::date_parts(&self.aware, "Date you found out", today).map(|_| ()));
                }
            }
            DelayReason => e.add("delay_reason", v::required_text(&self.delay_reason, "Enter why you are telling us about this now", "Why you are telling us now", LONG_TEXT)),
            Court => e.add("court", chosen(&self.court, "Select yes if you have started a court claim about this")),
            Tried => {
                e.add("tried", v::optional_text(&self.tried, "What you have already tried", LONG_TEXT));
                e.add("tried_reference", v::optional_text(&self.tried_reference, "Reference", SHORT_TEXT));
            }
            Impact => e.add("impact", v::required_text(&self.impact, "Enter how this has affected you and your household", "How this has affected you", LONG_TEXT)),
            Outcome => {
                e.add("outcomes", if self.outcomes.is_empty() { Err("Select what would put things right".into()) } else { Ok(()) });
                if self.outcomes.iter().any(|o| o == "compensation") && !self.compensation_amount.trim().is_empty() {
                    e.add("compensation_amount", v::money(&self.compensation_amount).map(|_| ()));
                }
                if self.outcomes.iter().any(|o| o == "other") {
                    e.add("outcome_other", v::required_text(&self.outcome_other, "Enter what else would put things right", "What else would put things right", LONG_TEXT));
                }
            }
            RequestWhat => e.add("request_what", v::required_text(&self.request_what, "Enter what needs doing", "What needs doing", LONG_TEXT)),
            RequestWhere => e.add("request_where", v::required_text(&self.request_where, "Enter where in your home it is", "Where in your home", SHORT_TEXT)),
            RequestUrgency => e.add("request_urgency", chosen(&self.request_urgency, "Select how soon it needs doing")),
            RequestAccess => e.add("request_access", v::optional_text(&self.request_access, "When we can get in", LONG_TEXT)),
            WantRep => e.add("want_rep", chosen(&self.want_rep, "Select yes if you want someone to deal with this for you")),
            RepFiller => e.add("filler", chosen(&self.filler, "Select who is filling in this form")),
            RepName => e.add("rep_name", v::required_text(&self.rep_name, "Enter the full name of the person who will act for you", "Name", SHORT_TEXT)),
            RepRelationship => e.add("rep_relationship", chosen(&self.rep_relationship, "Select who they are")),
            RepContact => {
                if self.rep_phone.trim().is_empty() && self.rep_email.trim().is_empty() {
                    e.add("rep_phone", Err("Enter a phone number or an email address for them".into()));
                } else {
                    if !self.rep_phone.trim().is_empty() {
                        e.add("rep_phone", v::phone(&self.rep_phone).map(|_| ()));
                    }
                    if !self.rep_email.trim().is_empty() {
                        e.add("rep_email", v::email(&self.rep_email).map(|_| ()));
                    }
                }
            }
            RepPowers => e.add("rep_powers", chosen(&self.rep_powers, "Select what they can do")),
            RepConsent => e.add("rep_consent", chosen(&self.rep_consent, "Select how the resident gives permission")),
            WantAdjustments => e.add("want_adjustments", chosen(&self.want_adjustments, "Select yes if you need us to change how we contact or support you")),
            AdjNeeds => e.add("adj_needs", if self.adj_needs.is_empty() { Err("Select what would help you".into()) } else { Ok(()) }),
            AdjDetails => {
                let has = |n: &str| self.adj_needs.iter().any(|x| x == n);
                if has("language") || has("interpreter") {
                    e.add("adj_language", v::required_text(&self.adj_language, "Enter the language you need, for example British Sign Language", "Language", SHORT_TEXT));
                }
                if has("set_times") {
                    e.add("adj_times", v::required_text(&self.adj_times, "Enter when we should contact you", "When to contact you", SHORT_TEXT));
                }
                if has("other") {
                    e.add("adj_other", v::required_text(&self.adj_other, "Enter what else would help", "What else would help", LONG_TEXT));
                }
            }
            AdjDisability => e.add("adj_disability", v::optional_text(&self.adj_disability, "Disability or health condition", LONG_TEXT)),
            S2Reference => e.add("s2_reference", v::optional_text(&self.s2_reference, "Complaint reference", SHORT_TEXT)),
            S2ResponseDate => {
                if !blank(&self.s2_response) {
                    e.add("s2_response", v::date_parts(&self.s2_response, "Date we answered", today).map(|_| ()));
                }
            }
            // Code 6.12: reasons for escalating are optional.
            S2Reasons => e.add("s2_reasons", v::optional_text(&self.s2_reasons, "Why you are unhappy with our answer", LONG_TEXT)),
            OmbPosition => e.add("omb_position", chosen(&self.omb_position, "Select where your complaint is up to")),
            OmbDates => {
                e.add("omb_complained", v::date_parts(&self.omb_complained, "Date you complained", today).map(|_| ()));
                if !blank(&self.omb_acknowledged) {
                    e.add("omb_acknowledged", v::date_parts(&self.omb_acknowledged, "Date we acknowledged it", today).map(|_| ()));
                }
                if !blank(&self.omb_answered) {
                    e.add("omb_answered", v::date_parts(&self.omb_answered, "Date we answered", today).map(|_| ()));
                }
            }
            OmbWhy => e.add("omb_why", v::required_text(&self.omb_why, "Enter why you are still unhappy", "Why you are still unhappy", LONG_TEXT)),
            OmbOutcome => e.add("omb_outcome", v::required_text(&self.omb_outcome, "Enter what you want to happen", "What you want to happen", LONG_TEXT)),
            OmbTell => e.add("omb_tell", chosen(&self.omb_tell, "Select yes if you want us to tell your landlord")),
            Name => e.add("name", v::required_text(&self.name, "Enter your full name", "Full name", SHORT_TEXT)),
            Address => {
                e.add("address", v::required_text(&self.address, "Enter the first line of your address", "Address", SHORT_TEXT));
                e.add("postcode", chosen(&self.postcode, "Enter your postcode"));
                e.add("tenancy_ref", v::optional_text(&self.tenancy_ref, "Tenancy reference", SHORT_TEXT));
                // Then the case model's own rules for these fields (formats, lengths).
                for err in self.resident().validate() {
                    let field = match err.field.as_str() {
                        f if f.starts_with("resident.address_lines") => "address",
                        "resident.postcode" => "postcode",
                        "resident.tenancy_reference" => "tenancy_ref",
                        _ => continue,
                    };
                    if !e.0.iter().any(|x| x.field == field) {
                        e.0.push(FieldError::new(field, err.message));
                    }
                }
            }
            Contact => {
                if self.phone.trim().is_empty() && self.email.trim().is_empty() {
                    e.add("phone", Err("Enter a phone number or an email address".into()));
                } else {
                    if !self.phone.trim().is_empty() {
                        e.add("phone", v::phone(&self.phone).map(|_| ()));
                    }
                    if !self.email.trim().is_empty() {
                        e.add("email", v::email(&self.email).map(|_| ()));
                    }
                }
            }
            ContactPrefs => {
                e.add("contact_method", chosen(&self.contact_method, "Select how you would like us to contact you"));
                e.add("contact_times", v::optional_text(&self.contact_times, "Best times to contact you", SHORT_TEXT));
                if e.0.is_empty() {
                    // The Contact page already checked the formats, so a phone or
                    // email error now means the chosen way has no detail to use.
                    if let Some(err) = self
                        .resident()
                        .validate()
                        .into_iter()
                        .find(|err| err.field == "resident.email" || err.field == "resident.phone")
                    {
                        e.0.push(FieldError::new("contact_method", err.message));
                    }
                }
            }
            Emergency | OmbLate | OmbSummary | Check | Confirmation => {}
        }
        e.0
    }
}

/// The field checks, as the journey uses them: each returns the message to show.
mod v {
    use chrono::NaiveDate;

    use super::super::validate as val;
    use super::DateParts;

    pub fn required_text(value: &str, missing: &str, label: &str, max: usize) -> Result<(), String> {
        val::require(value, missing)?;
        val::max_chars(label, value, max)
    }

    pub fn optional_text(value: &str, label: &str, max: usize) -> Result<(), String> {
        val::max_chars(label, value, max)
    }

    pub fn phone(value: &str) -> Result<String, String> {
        val::validate_phone(value)
    }

    pub fn email(value: &str) -> Result<String, String> {
        val::validate_email(value)
    }

    pub fn money(value: &str) -> Result<u64, String> {
        val::parse_money(value)
    }

    /// A real date, not in the future.
    pub fn date_parts(d: &DateParts, label: &str, today: NaiveDate) -> Result<NaiveDate, String> {
        val::validate_date(label, d, today, val::DateRule::NotFuture).map_err(|e| e.message)
    }
}

/// One row of "Check your answers".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub label: &'static str,
    pub value: String,
    /// The step its "Change" link opens.
    pub step: Step,
}

/// The words shown for a stored choice value.
pub fn choice_label(value: &str) -> &str {
    match value {
        "yes" => "Yes",
        "no" => "No",
        "not_sure" => "Not sure",
        "problem" => "Tell us something has gone wrong or you are unhappy",
        "request" => "Ask us to fix something or do something",
        "representative" => "Let someone deal with us for you",
        "adjustments" => "Ask us to change how we contact or support you",
        "escalate" => "Take your complaint to the next stage",
        "ombudsman" => "Go to the Housing Ombudsman",
        "service_request" => "Ask us to put it right",
        "complaint" => "Make a complaint",
        "apology" => "An apology",
        "repair" => "A repair or other work done",
        "explanation" => "An explanation of what happened",
        "compensation" => "Compensation (money)",
        "policy_change" => "A change to how things are done",
        "other" => "Something else",
        "urgent" => "Soon",
        "routine" => "It can wait for a normal appointment",
        "resident" => "The resident",
        "family_or_friend" => "A family member or friend",
        "advocate" => "An advocate or support worker",
        "councillor" => "A councillor",
        "mp" => "An MP",
        "solicitor" => "A solicitor",
        "attorney" => "An attorney under a lasting power of attorney",
        "executor" => "An executor or next of kin",
        "act" => "Deal with us for the resident",
        "accompany" => "Come with the resident to meetings and calls",
        "resident_confirms" => "The resident gives permission in this form",
        "signed_form" => "The resident will sign a permission form",
        "lpa" => "Lasting power of attorney",
        "elected_member" => "A councillor or MP acting with permission",
        "large_print" => "Large print",
        "easy_read" => "Easy read",
        "braille" => "Braille",
        "audio" => "Audio",
        "language" => "Letters in another language",
        "interpreter" => "An interpreter",
        "phone_not_writing" => "Phone calls instead of letters or emails",
        "writing_not_phone" => "Letters or emails instead of phone calls",
        "set_times" => "Contact only at certain times",
        "extra_time" => "More time to reply",
        "named_contact" => "One named person to deal with",
        "support_person" => "Someone with me at meetings",
        "final_response" => "I have had a final answer",
        "no_response" => "The answer is late, or there was no answer",
        "refused_escalation" => "Stage 2 was refused",
        "stage1_only" => "I have had a stage 1 answer only",
        "not_complained" => "I have not complained yet",
        "phone" => "Phone call",
        "text" => "Text message",
        "email" => "Email",
        "letter" => "Letter",
        other => other,
    }
}

fn date_text(d: &DateParts) -> String {
    if blank(d) {
        String::new()
    } else {
        format!("{} {} {}", d.day.trim(), d.month.trim(), d.year.trim())
    }
}

impl Answers {
    /// The rows of "Check your answers" for the steps on the resident's route.
    pub fn summary_rows(&self, today: NaiveDate) -> Vec<SummaryRow> {
        use Step::*;
        let mut rows = Vec::new();
        let mut row = |label: &'static str, value: String, step: Step| {
            rows.push(SummaryRow { label, value: if value.trim().is_empty() { "Not given".into() } else { value }, step });
        };
        let list = |vals: &[String]| vals.iter().map(|v| choice_label(v)).collect::<Vec<_>>().join("\n");
        for step in self.route(today) {
            match step {
                EmergencyCheck => row(
                    "Danger in your home now",
                    self.hazards.iter().map(|h| hazard_label(h)).collect::<Vec<_>>().join("\n"),
                    step,
                ),
                Start => row("What you want to do", choice_label(&self.task).into(), step),
                ReportedBefore => row("Told us before", choice_label(&self.reported_before).into(), step),
                FirstReport => row("How to deal with it", choice_label(&self.first_report_choice).into(), step),
                WhatWentWrong => row("What has gone wrong", self.what_went_wrong.clone(), step),
                WhenStarted => row("When it started", date_text(&self.started), step),
                WhenAware => row("When you found out", date_text(&self.aware), step),
                DelayReason => row("Why you are telling us now", self.delay_reason.clone(), step),
                Court => row("Court claim started", choice_label(&self.court).into(), step),
                Tried => {
                    let mut v = self.tried.clone();
                    if !self.tried_reference.trim().is_empty() {
                        v = format!("{v}\nReference: {}", self.tried_reference.trim());
                    }
                    row("What you have tried", v.trim().to_owned(), step)
                }
                Impact => row("How it has affected you", self.impact.clone(), step),
                Outcome => {
                    let mut v = list(&self.outcomes);
                    if self.outcomes.iter().any(|o| o == "compensation") && !self.compensation_amount.trim().is_empty() {
                        v.push_str(&format!("\nAmount: £{}", self.compensation_amount.trim().trim_start_matches('£')));
                    }
                    if self.outcomes.iter().any(|o| o == "other") {
                        v.push_str(&format!("\n{}", self.outcome_other.trim()));
                    }
                    row("What would put it right", v, step)
                }
                RequestWhat => row("What needs doing", self.request_what.clone(), step),
                RequestWhere => row("Where in the home", self.request_where.clone(), step),
                RequestUrgency => row("How soon", choice_label(&self.request_urgency).into(), step),
                RequestAccess => row("When we can get in", self.request_access.clone(), step),
                WantRep => row("Someone to act for you", choice_label(&self.want_rep).into(), step),
                RepFiller => row("Who is filling in the form", choice_label(&self.filler).into(), step),
                RepName => row("Representative's name", self.rep_name.clone(), step),
                RepRelationship => row("Who they are", choice_label(&self.rep_relationship).into(), step),
                RepContact => row(
                    "Representative's contact details",
                    [self.rep_phone.trim(), self.rep_email.trim()].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join("\n"),
                    step,
                ),
                RepPowers => row("What they can do", choice_label(&self.rep_powers).into(), step),
                RepConsent => row("Permission", choice_label(&self.rep_consent).into(), step),
                WantAdjustments => row("Changes to how we contact or support you", choice_label(&self.want_adjustments).into(), step),
                AdjNeeds => row("What would help", list(&self.adj_needs), step),
                AdjDetails => row(
                    "More about what you need",
                    [self.adj_language.trim(), self.adj_times.trim(), self.adj_other.trim()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("\n"),
                    step,
                ),
                AdjDisability => row("Disability or health condition", self.adj_disability.clone(), step),
                S2Reference => row("Complaint reference", self.s2_reference.clone(), step),
                S2ResponseDate => row("When we answered", date_text(&self.s2_response), step),
                S2Reasons => row("Why you are unhappy with our answer", self.s2_reasons.clone(), step),
                OmbPosition => row("Where your complaint is up to", choice_label(&self.omb_position).into(), step),
                OmbDates => row(
                    "Dates",
                    [
                        ("Complained", &self.omb_complained),
                        ("Acknowledged", &self.omb_acknowledged),
                        ("Answered", &self.omb_answered),
                    ]
                    .iter()
                    .filter(|(_, d)| !blank(d))
                    .map(|(l, d)| format!("{l}: {}", date_text(d)))
                    .collect::<Vec<_>>()
                    .join("\n"),
                    step,
                ),
                OmbWhy => row("Why you are still unhappy", self.omb_why.clone(), step),
                OmbOutcome => row("What you want to happen", self.omb_outcome.clone(), step),
                OmbTell => row("Tell your landlord", choice_label(&self.omb_tell).into(), step),
                Name => row("Name", self.name.clone(), step),
                Address => row(
                    "Address",
                    [self.address.trim(), self.postcode.trim(), self.tenancy_ref.trim()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("\n"),
                    step,
                ),
                Contact => row(
                    "Contact details",
                    [self.phone.trim(), self.email.trim()].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join("\n"),
                    step,
                ),
                ContactPrefs => {
                    let mut v = choice_label(&self.contact_method).to_owned();
                    if !self.contact_times.trim().is_empty() {
                        v = format!("{v}\n{}", self.contact_times.trim());
                    }
                    row("How to contact you", v, step)
                }
                Emergency | OmbLate | OmbSummary | Check | Confirmation => {}
            }
        }
        rows
    }
}

// ---------------------------------------------------------------------------
// From answers to the case model and the payload.

use super::case::{
    Adjustments, CaseKind, ComplaintDefinition, ConsentEvidence, ContactMethod, DisabilityDisclosure, Escalation,
    Format, Interpreter, OmbudsmanReferral, OutcomeSought, Representative, RepresentativeRole, RepresentativeScope,
    Resident, ResponsesHad, ServiceRequest, Urgency,
};
use super::config::LandlordConfig;
use super::late::LateCheck;
use super::payload::{Draft as PayloadDraft, Submission};
use super::triage::HazardFlag;

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn has(list: &[String], v: &str) -> bool {
    list.iter().any(|x| x == v)
}

/// Which of our field keys a payload path belongs to, so an error from the
/// payload's own checks lands on the right question.
fn field_for_path(path: &str) -> &'static str {
    const MAP: [(&str, &str); 16] = [
        ("resident.name", "name"),
        ("resident.postcode", "postcode"),
        ("resident.address", "address"),
        ("resident.phone", "phone"),
        ("resident.email", "email"),
        ("resident.preferred_contact", "contact_method"),
        ("resident.contact_times", "contact_times"),
        ("resident.tenancy", "tenancy_ref"),
        ("representative.name", "rep_name"),
        ("representative.phone", "rep_phone"),
        ("representative.email", "rep_email"),
        ("representative.consent", "rep_consent"),
        ("complaint.what_went_wrong", "what_went_wrong"),
        ("complaint.started_on", "started"),
        ("service_request.what_needs_doing", "request_what"),
        ("ombudsman.why_still_unhappy", "omb_why"),
    ];
    MAP.iter().find(|(p, _)| path.starts_with(p)).map_or("send", |(_, f)| f)
}

impl Answers {
    /// What kind of case the answers make, if the task is known.
    pub fn case_kind(&self) -> Option<CaseKind> {
        Some(match self.task()? {
            Task::Problem if self.is_complaint() => CaseKind::Complaint,
            Task::Problem | Task::Request => CaseKind::ServiceRequest,
            Task::Representative => CaseKind::RepresentativeAuthority,
            Task::Adjustments => CaseKind::AdjustmentsRequest,
            Task::Escalate => CaseKind::Stage2Escalation,
            Task::Ombudsman => CaseKind::OmbudsmanReferral,
        })
    }

    fn resident(&self) -> Resident {
        Resident {
            name: self.name.clone(),
            address_lines: opt(&self.address).into_iter().collect(),
            postcode: opt(&self.postcode),
            tenancy_reference: opt(&self.tenancy_ref),
            phone: opt(&self.phone),
            email: opt(&self.email),
            preferred_contact: match self.contact_method.as_str() {
                "phone" => ContactMethod::Phone,
                "text" => ContactMethod::Text,
                "letter" => ContactMethod::Letter,
                _ => ContactMethod::Email,
            },
            contact_times: opt(&self.contact_times),
        }
    }

    fn representative(&self) -> Option<Representative> {
        let wanted = self.task() == Some(Task::Representative) || yes(&self.want_rep);
        if !wanted {
            return None;
        }
        let role = match self.rep_relationship.as_str() {
            "advocate" => RepresentativeRole::AdvocateOrSupportWorker,
            "councillor" => RepresentativeRole::Councillor,
            "mp" => RepresentativeRole::Mp,
            "solicitor" => RepresentativeRole::Solicitor,
            "attorney" => RepresentativeRole::Attorney,
            "executor" => RepresentativeRole::ExecutorOrNextOfKin,
            _ => RepresentativeRole::FamilyOrFriend,
        };
        let consent = match self.rep_consent.as_str() {
            "resident_confirms" => ConsentEvidence::ResidentConfirms,
            "lpa" => ConsentEvidence::LastingPowerOfAttorney,
            "executor" => ConsentEvidence::ExecutorOrNextOfKin,
            "elected_member" => ConsentEvidence::ElectedRepresentativeWithPermission,
            _ => ConsentEvidence::SignedFormToFollow,
        };
        let mut r = Representative::new(role, &self.rep_name, consent);
        r.phone = opt(&self.rep_phone);
        r.email = opt(&self.rep_email);
        r.scope = if self.rep_powers == "accompany" {
            RepresentativeScope::AccompanyAtMeetings
        } else {
            RepresentativeScope::ActForResident
        };
        r.resident_confirmed = consent == ConsentEvidence::ResidentConfirms;
        r.submitted_by_representative = self.filler == "representative";
        Some(r)
    }

    fn adjustments(&self) -> Option<Adjustments> {
        let wanted = self.task() == Some(Task::Adjustments) || yes(&self.want_adjustments);
        if !wanted {
            return None;
        }
        let n = &self.adj_needs;
        let formats = [
            ("large_print", Format::LargePrint),
            ("easy_read", Format::EasyRead),
            ("braille", Format::Braille),
            ("audio", Format::Audio),
        ]
        .into_iter()
        .filter(|(v, _)| has(n, v))
        .map(|(_, f)| f)
        .collect();
        let language = opt(&self.adj_language);
        let bsl = language.as_deref().is_some_and(|l| {
            let l = l.to_lowercase();
            l.contains("bsl") || l.contains("sign language")
        });
        Some(Adjustments {
            formats,
            language: if has(n, "language") || has(n, "interpreter") { language } else { None },
            interpreter: has(n, "interpreter")
                .then_some(if bsl { Interpreter::BritishSignLanguage } else { Interpreter::Spoken }),
            contact_method: if has(n, "phone_not_writing") {
                Some(ContactMethod::Phone)
            } else if has(n, "writing_not_phone") {
                Some(if self.email.trim().is_empty() { ContactMethod::Letter } else { ContactMethod::Email })
            } else {
                None
            },
            contact_times: if has(n, "set_times") { opt(&self.adj_times) } else { None },
            extra_time: has(n, "extra_time"),
            single_contact: has(n, "named_contact"),
            support_person: has(n, "support_person"),
            other: if has(n, "other") { opt(&self.adj_other) } else { None },
            // Given after being told why it is asked and how it is kept:
            // that is the resident's consent to record it (Code 5.10).
            disability: opt(&self.adj_disability)
                .map(|details| DisabilityDisclosure { details, consent_to_record: true }),
        })
    }

    fn complaint(&self, today: NaiveDate) -> Option<ComplaintDefinition> {
        let started = v::date_parts(&self.started, "Date the problem started", today).ok()?;
        let outcomes = OutcomeSought {
            apology: has(&self.outcomes, "apology"),
            repair: has(&self.outcomes, "repair"),
            explanation: has(&self.outcomes, "explanation"),
            compensation: has(&self.outcomes, "compensation"),
            compensation_amount_pence: if has(&self.outcomes, "compensation") {
                v::money(&self.compensation_amount).ok()
            } else {
                None
            },
            policy_change: has(&self.outcomes, "policy_change"),
            something_else: if has(&self.outcomes, "other") { opt(&self.outcome_other) } else { None },
        };
        let mut c = ComplaintDefinition::new(&self.what_went_wrong, started, outcomes);
        c.became_aware_on = v::date_parts(&self.aware, "Date you found out", today).ok();
        c.tried_already = opt(&self.tried);
        c.tried_reference = opt(&self.tried_reference);
        c.impact = opt(&self.impact);
        c.delay_reason = if self.older_than_12_months(today) { opt(&self.delay_reason) } else { None };
        c.court_proceedings_filed = match self.court.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        c.previously_complained = None;
        c.about_service_request = self.reported_before == "yes";
        Some(c)
    }

    fn service_request(&self) -> ServiceRequest {
        let mut s = ServiceRequest::new(&self.request_what);
        s.location = opt(&self.request_where);
        s.urgency = if self.request_urgency == "urgent" { Urgency::Urgent } else { Urgency::Routine };
        s.access = opt(&self.request_access);
        s.reported_before = self.reported_before == "yes";
        // Code 1.3: a first report was offered the choice to complain.
        s.complaint_offered = self.task() == Some(Task::Problem);
        s
    }

    fn escalation(&self, today: NaiveDate) -> Escalation {
        Escalation {
            stage1_reference: opt(&self.s2_reference),
            stage1_response_on: v::date_parts(&self.s2_response, "Date we answered", today).ok(),
            reasons: opt(&self.s2_reasons),
            outcome_wanted: None,
            window: None,
        }
    }

    fn ombudsman_referral(&self) -> OmbudsmanReferral {
        OmbudsmanReferral {
            why_still_unhappy: self.omb_why.trim().to_owned(),
            outcome_wanted: self.omb_outcome.trim().to_owned(),
            responses_had: match self.omb_position.as_str() {
                "final_response" => ResponsesHad::Stage2,
                "stage1_only" | "refused_escalation" => ResponsesHad::Stage1,
                _ => ResponsesHad::None,
            },
            landlord_reference: None,
            tell_landlord: yes(&self.omb_tell),
        }
    }

    /// Builds the v1 payload. `submitted_at` is RFC 3339; `today` is the
    /// resident's local date. Errors name our own fields, so the UI can
    /// show them on the right question.
    pub fn to_submission(
        &self,
        id: &str,
        submitted_at: &str,
        today: NaiveDate,
        config: &LandlordConfig,
    ) -> Result<Submission, Vec<FieldError>> {
        let kind = self.case_kind().ok_or_else(|| vec![FieldError::new("task", "Select what you want to do")])?;
        let at = chrono::DateTime::parse_from_rfc3339(submitted_at)
            .map_err(|_| vec![FieldError::new("send", "The time of sending could not be read. Try again.")])?;
        let mut draft = PayloadDraft::new(kind, self.resident());
        if let Some(r) = self.representative() {
            draft = draft.with_representative(r);
        }
        if let Some(a) = self.adjustments() {
            draft = draft.with_adjustments(a);
        }
        if let Some(h) = HazardFlag::from_hazards(&self.hazard_kinds()) {
            draft = draft.with_hazard(h);
        }
        match kind {
            CaseKind::Complaint => {
                if let Some(c) = self.complaint(today) {
                    draft = draft.with_complaint(c);
                }
                if let Some(r) = opt(&self.tried_reference) {
                    draft = draft.with_previous_reference(&r, Some("Reference the resident gave"));
                }
            }
            CaseKind::ServiceRequest => draft = draft.with_service_request(self.service_request()),
            CaseKind::Stage2Escalation => {
                draft = draft.with_escalation(self.escalation(today));
                if let Some(r) = opt(&self.s2_reference) {
                    draft = draft.with_previous_reference(&r, Some("Stage 1 complaint"));
                }
            }
            CaseKind::OmbudsmanReferral => draft = draft.with_ombudsman(self.ombudsman_referral()),
            CaseKind::RepresentativeAuthority | CaseKind::AdjustmentsRequest => {}
        }
        draft.build(config, id, at).map_err(|errors| {
            errors.into_iter().map(|e| FieldError::new(field_for_path(&e.field), e.message)).collect()
        })
    }

    /// "Is my landlord late?" for the dates given on the Ombudsman pages.
    pub fn lateness(&self, config: &LandlordConfig, today: NaiveDate) -> Lateness {
        let Ok(made_on) = v::date_parts(&self.omb_complained, "Date you complained", today) else {
            return Lateness::default();
        };
        let mut check = LateCheck::stage1(made_on);
        check.acknowledged_on = v::date_parts(&self.omb_acknowledged, "Date we acknowledged it", today).ok();
        check.answered_on = v::date_parts(&self.omb_answered, "Date we answered", today).ok();
        // Judged against the Code's limits: that is what the Ombudsman applies.
        let report = check.check(today, &config.calendar(), &super::deadlines::Timescales::CODE);
        let name = config.landlord_name.as_str();
        let (late, rest): (Vec<_>, Vec<_>) = report.checks.iter().partition(|c| c.status.is_late());
        Lateness {
            missed: late.iter().map(|c| c.message(name)).collect(),
            upcoming: rest.iter().map(|c| c.message(name)).chain(report.notes.iter().cloned()).collect(),
        }
    }

    /// Where the landlord's window to ask for stage 2 stands, if it set one
    /// and the resident gave the date of the stage 1 answer.
    pub fn escalation_window_note(&self, config: &LandlordConfig, today: NaiveDate) -> Option<String> {
        let window = config.escalation_window?;
        let answered = v::date_parts(&self.s2_response, "Date we answered", today).ok()?;
        let closes = window.closes_on(answered);
        let name = &config.landlord_name;
        Some(if today <= closes {
            format!(
                "{name} asks for stage 2 requests within {} of its answer. You are in time: the last day is {}.",
                window.describe(),
                super::calendar::long_date(closes)
            )
        } else {
            format!(
                "{name} asks for stage 2 requests within {} of its answer, which was {}. \
                 You can still ask. {name} must think about it and, if it says no, tell you why. \
                 You can then go to the {}.",
                window.describe(),
                super::calendar::long_date(closes),
                config.ombudsman.name
            )
        })
    }

    /// The answers to start another task with: who the resident is, their
    /// representative and their support needs are kept, so nothing is asked
    /// twice (WCAG 3.3.7); the task itself starts fresh, emergency check first.
    pub fn for_another_task(&self) -> Answers {
        Answers {
            // A representative or support needs given in an earlier task
            // (perhaps as that task itself) answer these questions already.
            want_rep: if self.rep_name.trim().is_empty() { self.want_rep.clone() } else { "yes".into() },
            want_adjustments: if self.adj_needs.is_empty() { self.want_adjustments.clone() } else { "yes".into() },
            filler: self.filler.clone(),
            rep_name: self.rep_name.clone(),
            rep_relationship: self.rep_relationship.clone(),
            rep_phone: self.rep_phone.clone(),
            rep_email: self.rep_email.clone(),
            rep_powers: self.rep_powers.clone(),
            rep_consent: self.rep_consent.clone(),
            adj_needs: self.adj_needs.clone(),
            adj_language: self.adj_language.clone(),
            adj_times: self.adj_times.clone(),
            adj_other: self.adj_other.clone(),
            adj_disability: self.adj_disability.clone(),
            name: self.name.clone(),
            address: self.address.clone(),
            postcode: self.postcode.clone(),
            tenancy_ref: self.tenancy_ref.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            contact_method: self.contact_method.clone(),
            contact_times: self.contact_times.clone(),
            ..Answers::default()
        }
    }

    /// Every answer as plain text, for email, printing or the Ombudsman.
    pub fn plain_summary(&self, today: NaiveDate) -> String {
        self.summary_rows(today).iter().map(|r| format!("{}:\n{}\n", r.label, r.value)).collect::<Vec<_>>().join("\n")
    }

    /// The summary a resident can send to the Ombudsman (Code: what they
    /// need is why the resident is still unhappy, the outcome wanted, and
    /// the responses had).
    pub fn ombudsman_summary(&self, config: &LandlordConfig, today: NaiveDate) -> String {
        let mut out = format!("Landlord: {}\n", config.landlord_name);
        if !self.name.trim().is_empty() {
            out.push_str(&format!("My name: {}\n", self.name.trim()));
        }
        out.push_str(&format!("Where my complaint is up to: {}\n", choice_label(&self.omb_position)));
        for (label, d) in [
            ("I complained on", &self.omb_complained),
            ("They acknowledged it on", &self.omb_acknowledged),
            ("They answered on", &self.omb_answered),
        ] {
            if !blank(d) {
                out.push_str(&format!("{label}: {}\n", date_text(d)));
            }
        }
        for line in self.lateness(config, today).missed {
            out.push_str(&format!("{line}\n"));
        }
        out.push_str(&format!("\nWhy I am still unhappy:\n{}\n", self.omb_why.trim()));
        out.push_str(&format!("\nWhat I want to happen:\n{}\n", self.omb_outcome.trim()));
        out
    }
}

/// The result of "Is my landlord late?", in plain sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lateness {
    pub missed: Vec<String>,
    pub upcoming: Vec<String>,
}

/// What the confirmation page says: its title, and what happens next with dates.
pub fn receipt_lines(s: &Submission, config: &LandlordConfig) -> (String, Vec<String>) {
    let name = &config.landlord_name;
    let title = match s.kind {
        CaseKind::Complaint => "Your complaint has been sent",
        CaseKind::ServiceRequest => "Your request has been sent",
        CaseKind::Stage2Escalation => "Your stage 2 request has been sent",
        CaseKind::OmbudsmanReferral => "Your landlord has been told",
        CaseKind::RepresentativeAuthority => "Your representative details have been sent",
        CaseKind::AdjustmentsRequest => "Your request for support has been sent",
    }
    .to_owned();
    let mut lines: Vec<String> = s
        .expected_dates
        .iter()
        .filter(|d| !d.event.ends_with("_extension_limit"))
        .map(|d| match d.event.as_str() {
            "stage1_acknowledge" => format!("We will acknowledge your complaint by {}.", d.due_long()),
            "stage1_respond" => format!("We will send you our full answer by {}.", d.due_long()),
            "stage2_acknowledge" => format!("We will acknowledge your stage 2 request by {}.", d.due_long()),
            "stage2_respond" => format!("We will send you our final answer by {}.", d.due_long()),
            _ => format!("{} By {}.", d.basis, d.due_long()),
        })
        .collect();
    if let Some(ext) = s.expected_dates.iter().find(|d| d.event.ends_with("_extension_limit")) {
        lines.push(format!(
            "If we need more time we will tell you why. Even then, we must answer by {}.",
            ext.due_long()
        ));
    }
    match s.kind {
        CaseKind::ServiceRequest => lines.push(format!(
            "{name} will contact you to arrange this. If you are unhappy with how it is handled, you can make a complaint at any time."
        )),
        CaseKind::AdjustmentsRequest => lines.push(format!(
            "{name} will contact you to agree the changes, record them, and check them with you from time to time."
        )),
        CaseKind::RepresentativeAuthority => lines.push(format!(
            "{name} will check the permission and then deal with the representative as agreed."
        )),
        CaseKind::OmbudsmanReferral => lines.push(format!(
            "{name} now knows you are going to the {}. Contact the {} yourself too: their details are below.",
            config.ombudsman.name, config.ombudsman.name
        )),
        _ => {}
    }
    if !s.warnings.is_empty() {
        for w in &s.warnings {
            lines.push(w.message.clone());
        }
    }
    (title, lines)
}

/// What the confirmation page's "Download a copy" saves: a clean text
/// record of what was sent, the reference, what happens next and who to
/// contact, readable without the widget.
pub fn saved_copy(
    receipt: (&str, &str, &[String]),
    sent_on: NaiveDate,
    answers: &Answers,
    config: &LandlordConfig,
) -> String {
    let (title, reference, next_steps) = receipt;
    let mut out = format!("{title}\n\nSent to {} on {}.\nYour reference number: {reference}\n", config.landlord_name, super::calendar::long_date(sent_on));
    if !next_steps.is_empty() {
        out.push_str("\nWhat happens next\n");
        for line in next_steps {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str("We count working days: Monday to Friday, not bank holidays. The day we get your message is day 0.\n");
    }
    out.push_str("\nWhat you told us\n\n");
    out.push_str(&answers.plain_summary(sent_on));
    out.push_str(&format!("\nContact {}\nPhone: {}\n", config.landlord_name, config.phone));
    if let Some(email) = &config.email {
        out.push_str(&format!("Email: {email}\n"));
    }
    let omb = &config.ombudsman;
    out.push_str(&format!("\nIf you are unhappy with how we deal with this, you can ask the {} for help at any time. It is free.\n", omb.name));
    for (label, value) in [("Phone", &omb.phone), ("Email", &omb.email), ("Website", &omb.website)] {
        if let Some(v) = value {
            out.push_str(&format!("{label}: {v}\n"));
        }
    }
    if !omb.post.is_empty() {
        out.push_str(&format!("Post: {}\n", omb.post.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::examples::assert_schema_valid;
    use proptest::prelude::*;

    const ID: &str = "7d8a4c2e-1b3f-4a5d-9e6c-0f1a2b3c4d5e";
    const AT: &str = "2026-11-23T10:15:00+00:00";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn date(d: &str, m: &str, y: &str) -> DateParts {
        DateParts::new(d, m, y)
    }

    fn about_you(a: &mut Answers) {
        a.name = "Sam Resident".into();
        a.address = "Flat 2, 10 Example Road".into();
        a.postcode = "ex1 1aa".into();
        a.email = "sam@example.com".into();
        a.contact_method = "email".into();
    }

    fn base(task: &str) -> Answers {
        let mut a = Answers { hazards: vec![NO_HAZARD.into()], task: task.into(), ..Answers::default() };
        about_you(&mut a);
        a
    }

    fn complaint() -> Answers {
        let mut a = base("problem");
        a.reported_before = "yes".into();
        a.what_went_wrong = "The boiler repair was booked three times and nobody came.".into();
        a.started = date("2", "9", "2026");
        a.court = "no".into();
        a.impact = "We have had no hot water for weeks.".into();
        a.outcomes = vec!["repair".into(), "compensation".into()];
        a.compensation_amount = "150".into();
        a.want_rep = "no".into();
        a.want_adjustments = "no".into();
        a
    }

    /// Walks the route the way the UI does: check each step, then next.
    fn walk(a: &Answers) -> Vec<Step> {
        let mut s = Step::EmergencyCheck;
        let mut seen = vec![s];
        while s != Step::Check && s != Step::OmbSummary {
            assert_eq!(a.check(s, today()), vec![], "answers on {s:?} should pass");
            s = a.next(s, today());
            assert!(!seen.contains(&s), "route loops at {s:?}");
            seen.push(s);
        }
        seen
    }

    #[test]
    fn the_emergency_checklist_comes_first_and_leads_to_advice_when_ticked() {
        let mut a = Answers::default();
        assert_eq!(a.route(today())[0], Step::EmergencyCheck);
        assert_eq!(a.check(Step::EmergencyCheck, today())[0].field, "hazards");
        a.hazards = vec!["gas_smell".into()];
        assert_eq!(a.next(Step::EmergencyCheck, today()), Step::Emergency);
        assert_eq!(a.hazard_kinds(), vec![HazardKind::GasSmell]);
        a.hazards = vec![NO_HAZARD.into()];
        assert_eq!(a.next(Step::EmergencyCheck, today()), Step::Start);
        // "None of these" cannot be ticked with a hazard.
        a.hazards = vec![NO_HAZARD.into(), "no_water".into()];
        assert_eq!(a.check(Step::EmergencyCheck, today()).len(), 1);
    }

    #[test]
    fn every_hazard_has_a_checkbox_value_the_payload_understands() {
        for k in HazardKind::ALL {
            let json = serde_json::to_value(k).unwrap();
            assert_eq!(json.as_str(), Some(hazard_value(k)), "{k:?}");
        }
    }

    #[test]
    fn a_first_report_is_offered_the_choice_and_can_stay_a_service_request() {
        // Code 1.3 to 1.5: never requires the word "complaint".
        let mut a = base("problem");
        a.reported_before = "no".into();
        assert_eq!(a.next(Step::ReportedBefore, today()), Step::FirstReport);
        a.first_report_choice = "service_request".into();
        assert_eq!(a.next(Step::FirstReport, today()), Step::RequestWhat);
        assert_eq!(a.case_kind(), Some(CaseKind::ServiceRequest));
        a.first_report_choice = "complaint".into();
        assert_eq!(a.next(Step::FirstReport, today()), Step::WhatWentWrong);
        assert_eq!(a.case_kind(), Some(CaseKind::Complaint));
    }

    #[test]
    fn coming_back_about_something_already_reported_is_a_complaint() {
        // Code 1.5: dissatisfaction with the response to a service request is a complaint.
        let a = complaint();
        assert!(a.is_complaint());
        assert_eq!(a.next(Step::ReportedBefore, today()), Step::WhatWentWrong);
    }

    #[test]
    fn the_complaint_route_asks_each_part_of_the_definition_then_about_you_once() {
        let mut a = complaint();
        let route = walk(&a);
        for s in [Step::WhatWentWrong, Step::WhenStarted, Step::WhenAware, Step::Court, Step::Tried, Step::Impact, Step::Outcome]
        {
            assert!(route.contains(&s), "{s:?} missing from {route:?}");
        }
        assert!(!route.contains(&Step::DelayReason), "recent problems are not asked why they are late");
        assert!(!route.contains(&Step::Name), "about-you answers already given are not asked again");
        a.name.clear();
        assert!(a.route(today()).contains(&Step::Name));
    }

    #[test]
    fn a_problem_over_12_months_old_asks_why_but_never_blocks() {
        // Code 2.3: warn, ask for the reason for delay, still let them send.
        let mut a = complaint();
        a.started = date("1", "6", "2025");
        assert!(a.older_than_12_months(today()));
        assert_eq!(a.next(Step::WhenAware, today()), Step::DelayReason);
        assert_eq!(a.check(Step::DelayReason, today())[0].message, "Enter why you are telling us about this now");
        a.delay_reason = "I was in hospital.".into();
        // Found out recently: counted from then, so not over the limit.
        let mut b = a.clone();
        b.aware = date("1", "1", "2026");
        assert!(!b.older_than_12_months(today()));
        let s = a.to_submission(ID, AT, today(), &LandlordConfig::example()).expect("still submittable");
        assert!(!s.warnings.is_empty(), "the warning travels with the payload");
        assert_eq!(s.complaint.as_ref().unwrap().delay_reason.as_deref(), Some("I was in hospital."));
        assert_schema_valid(&s);
    }

    #[test]
    fn dates_are_checked_in_plain_english() {
        let mut a = complaint();
        a.started = date("", "", "");
        assert_eq!(a.check(Step::WhenStarted, today())[0].message, "Enter the date the problem started");
        a.started = date("31", "2", "2026");
        assert_eq!(a.check(Step::WhenStarted, today())[0].message, "Enter a real date");
        a.started = date("1", "1", "2027");
        assert_eq!(a.check(Step::WhenStarted, today())[0].message, "Date the problem started must be in the past");
        // What was typed is kept, valid or not.
        assert_eq!(a.started.day, "1");
    }

    #[test]
    fn change_links_return_to_check_unless_a_new_question_opened() {
        let mut a = complaint();
        assert_eq!(a.next_after_change(Step::Impact, today()), Step::Check);
        a.want_rep = "yes".into();
        assert_eq!(a.next_after_change(Step::WantRep, today()), Step::RepName);
    }

    #[test]
    fn every_task_builds_a_payload_that_matches_the_schema() {
        let config = LandlordConfig::example();
        let mut cases = vec![complaint()];

        let mut r = base("request");
        r.request_what = "The kitchen tap leaks.".into();
        r.request_where = "Kitchen".into();
        r.request_urgency = "routine".into();
        r.want_rep = "no".into();
        r.want_adjustments = "no".into();
        cases.push(r);

        let mut rep = base("representative");
        rep.filler = "representative".into();
        rep.rep_name = "Alex Helper".into();
        rep.rep_relationship = "advocate".into();
        rep.rep_phone = "07700 900 982".into();
        rep.rep_powers = "act".into();
        rep.rep_consent = "signed_form".into();
        cases.push(rep);

        let mut adj = base("adjustments");
        adj.adj_needs = vec!["interpreter".into(), "large_print".into(), "set_times".into()];
        adj.adj_language = "British Sign Language".into();
        adj.adj_times = "Weekday afternoons".into();
        cases.push(adj);

        let mut s2 = base("escalate");
        s2.s2_reference = "CMP-1234".into();
        s2.s2_response = date("10", "11", "2026");
        s2.want_rep = "no".into();
        s2.want_adjustments = "no".into();
        cases.push(s2);

        let mut omb = base("ombudsman");
        omb.omb_position = "no_response".into();
        omb.omb_complained = date("1", "9", "2026");
        omb.omb_why = "They never answered.".into();
        omb.omb_outcome = "A repair and an apology.".into();
        omb.omb_tell = "yes".into();
        cases.push(omb);

        let kinds = [
            CaseKind::Complaint,
            CaseKind::ServiceRequest,
            CaseKind::RepresentativeAuthority,
            CaseKind::AdjustmentsRequest,
            CaseKind::Stage2Escalation,
            CaseKind::OmbudsmanReferral,
        ];
        for (a, kind) in cases.iter().zip(kinds) {
            let route = walk(a);
            assert_eq!(*route.last().unwrap(), Step::Check, "{kind:?} reaches Check");
            let s = a.to_submission(ID, AT, today(), &config).unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
            assert_eq!(s.kind, kind);
            assert_eq!(s.resident.postcode.as_deref(), Some("EX1 1AA"));
            assert_schema_valid(&s);
            let (title, lines) = receipt_lines(&s, &config);
            assert!(!title.is_empty());
            if kind == CaseKind::Complaint {
                // Received Monday 23 November 2026: acknowledge by 30 November, answer by 14 December.
                assert!(lines.iter().any(|l| l.contains("Monday 30 November 2026")), "{lines:?}");
                assert!(lines.iter().any(|l| l.contains("Monday 14 December 2026")), "{lines:?}");
            }
        }
        let rep = &cases[2].to_submission(ID, AT, today(), &config).unwrap();
        assert!(rep.representative.as_ref().unwrap().submitted_by_representative);
    }

    #[test]
    fn the_ombudsman_route_can_end_without_sending() {
        let mut a = base("ombudsman");
        a.omb_position = "final_response".into();
        a.omb_complained = date("1", "6", "2026");
        a.omb_answered = date("1", "7", "2026");
        a.omb_why = "x".into();
        a.omb_outcome = "y".into();
        a.omb_tell = "no".into();
        assert_eq!(*walk(&a).last().unwrap(), Step::OmbSummary);
        let summary = a.ombudsman_summary(&LandlordConfig::example(), today());
        assert!(summary.contains("Why I am still unhappy:\nx"));
    }

    #[test]
    fn is_my_landlord_late_names_the_missed_deadline() {
        let mut a = base("ombudsman");
        // Complained Monday 2 November 2026; nothing since. Acknowledgement was
        // due Monday 9 November, so by 23 November it is 10 working days late.
        a.omb_complained = date("2", "11", "2026");
        let l = a.lateness(&LandlordConfig::example(), today());
        assert!(l.missed.iter().any(|m| m.contains("Monday 9 November 2026") && m.contains("10 working days")), "{l:?}");
        a.omb_complained = date("20", "11", "2026");
        assert!(a.lateness(&LandlordConfig::example(), today()).missed.is_empty());
    }

    #[test]
    fn the_escalation_window_explains_but_never_refuses() {
        let config = LandlordConfig::example();
        let mut a = base("escalate");
        a.s2_response = date("1", "11", "2026");
        assert!(a.escalation_window_note(&config, today()).unwrap().contains("You are in time"));
        a.s2_response = date("1", "9", "2026");
        let note = a.escalation_window_note(&config, today()).unwrap();
        assert!(note.contains("You can still ask"), "{note}");
    }

    #[test]
    fn contact_preference_needs_the_detail_to_use() {
        let mut a = base("adjustments");
        a.email.clear();
        a.phone = "07700 900 982".into();
        a.contact_method = "email".into();
        let e = a.check(Step::ContactPrefs, today());
        assert_eq!(e[0].field, "contact_method");
        a.contact_method = "text".into();
        assert_eq!(a.check(Step::ContactPrefs, today()), vec![]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_in_any_field_never_panics(text in "\\PC{0,300}", step_i in 0usize..44) {
            let mut a = complaint();
            a.what_went_wrong = text.clone();
            a.name = text.clone();
            a.postcode = text.clone();
            a.phone = text.clone();
            a.email = text.clone();
            a.started = DateParts::new(&text, &text, &text);
            a.compensation_amount = text.clone();
            let steps = a.route(today());
            let step = steps[step_i % steps.len()];
            let _ = a.check(step, today());
            let _ = a.next(step, today());
            let _ = a.summary_rows(today());
            let _ = a.to_submission(ID, AT, today(), &LandlordConfig::example());
        }
    }

    #[test]
    fn another_task_keeps_who_you_are_and_forgets_the_task() {
        let mut a = complaint();
        a.tenancy_ref = "T-123".into();
        a.adj_needs = vec!["large_print".into()];
        let next = a.for_another_task();
        assert_eq!(next.name, "Sam Resident");
        assert_eq!(next.postcode, "ex1 1aa");
        assert_eq!(next.tenancy_ref, "T-123");
        assert_eq!(next.contact_method, "email");
        assert_eq!(next.adj_needs, vec!["large_print".to_string()]);
        assert_eq!(next.want_adjustments, "yes", "support needs given before answer the question");
        assert_eq!(next.want_rep, "no");
        assert!(next.task.is_empty() && next.hazards.is_empty() && next.what_went_wrong.is_empty());
        assert!(next.outcomes.is_empty() && next.compensation_amount.is_empty());
        // The new task starts with the emergency check, and about-you is not asked again.
        let mut req = next.clone();
        req.hazards = vec![NO_HAZARD.into()];
        req.task = "request".into();
        req.request_what = "The bathroom extractor fan is broken.".into();
        req.request_where = "bathroom".into();
        req.request_urgency = "soon".into();
        req.want_rep = "no".into();
        req.want_adjustments = "no".into();
        let route = walk(&req);
        assert!(!route.contains(&Step::Name), "about you asked again: {route:?}");
        assert_eq!(route.last(), Some(&Step::Check));
        // Not asked again, but still shown on the check page, with its Change link.
        let rows = req.summary_rows(today());
        let name = rows.iter().find(|r| r.label == "Name").expect("a Name row");
        assert_eq!((name.value.as_str(), name.step), ("Sam Resident", Step::Name));
    }

    #[test]
    fn the_saved_copy_has_the_reference_dates_answers_and_contacts() {
        let config = LandlordConfig::example();
        let a = complaint();
        let steps = vec!["We will acknowledge your complaint by Monday 30 November 2026.".to_string()];
        let text = saved_copy(("Your complaint has been sent", "EH-000123", &steps), today(), &a, &config);
        assert!(text.starts_with("Your complaint has been sent\n"));
        assert!(text.contains("Your reference number: EH-000123"));
        assert!(text.contains("on Monday 23 November 2026"));
        assert!(text.contains("- We will acknowledge your complaint by Monday 30 November 2026."));
        assert!(text.contains("The boiler repair was booked three times"));
        assert!(text.contains(&config.phone));
        assert!(text.contains(&config.ombudsman.name));
    }
}
