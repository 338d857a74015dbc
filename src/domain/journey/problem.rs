//! Something has gone wrong: told apart as a complaint or a service
//! request the way the Code does (1.2 to 1.5, never needing the word
//! "complaint"), then the complaint definition (5.6), one question a page.

use super::decl::{ask_if, checkboxes, line, long_text, radios, Ctx, Field, Kind, Line, Note, Page, Stop, Tone};
use super::model::{Answers, Date, Many, One, Text, YesNo};
use super::start::{Task, TASK};
use crate::domain::case::{ComplaintDefinition, OutcomeSought};
use crate::domain::exclusions;
use crate::domain::text::Msg;
use crate::domain::validate::{parse_money, FieldError};

crate::choices! {
    pub enum ToldBefore in "reported_before" {
        Yes, No, NotSure,
    }
}

crate::choices! {
    pub enum FirstReport in "first_report_choice" {
        ServiceRequest, Complaint,
    }
}

crate::choices! {
    /// Remedies the resident can ask for (Code 7.1).
    pub enum Outcome in "outcome" {
        Apology, Repair, Explanation, Compensation, PolicyChange, Other,
    }
}

pub const REPORTED_BEFORE: One<ToldBefore> = One::new("reported_before");
pub const FIRST_REPORT: One<FirstReport> = One::new("first_report_choice");
pub const WHAT: Text = Text("what_went_wrong");
pub const STARTED: Date = Date("started");
pub const AWARE: Date = Date("aware");
pub const DELAY: Text = Text("delay_reason");
pub const COURT: One<YesNo> = One::new("court");
pub const TRIED: Text = Text("tried");
pub const TRIED_REF: Text = Text("tried_reference");
pub const IMPACT: Text = Text("impact");
pub const OUTCOMES: Many<Outcome> = Many::new("outcomes");
pub const AMOUNT: Text = Text("compensation_amount");
pub const OTHER: Text = Text("outcome_other");

/// Going to the landlord as a complaint. Code 1.3 to 1.5: a first report
/// may be a service request, but the resident chooses; having reported it
/// before and still needing to come back is dissatisfaction: a complaint.
pub fn is_complaint(a: &Answers) -> bool {
    TASK.is(a, Task::Problem) && (REPORTED_BEFORE.is(a, ToldBefore::Yes) || FIRST_REPORT.is(a, FirstReport::Complaint))
}

/// A first report the resident chose to keep as a service request.
pub fn chose_service_request(a: &Answers) -> bool {
    TASK.is(a, Task::Problem) && !REPORTED_BEFORE.is(a, ToldBefore::Yes) && FIRST_REPORT.is(a, FirstReport::ServiceRequest)
}

/// The scheme's time limit for complaining has passed: 12 months in
/// England (Code 2.3), 6 in the model procedures of Scotland, Wales and
/// Northern Ireland, or the landlord's longer limit.
pub fn outside_time_limit(a: &Answers, ctx: &Ctx) -> Option<exclusions::Exclusion> {
    let today = ctx.today;
    exclusions::outside_time_limit(STARTED.get(a, today)?, AWARE.get(a, today), today, ctx.config)
}

static REPORTED: Page = Page::ask("reported_before", &[radios(&REPORTED_BEFORE)]);
static CHOICE: Page = Page::ask("first_report_choice", &[radios(&FIRST_REPORT)]).notes(&[Note {
    tone: Tone::Inset,
    // "As this is the first time" only when the resident said so.
    text: |a, _| Some(Msg::new(if REPORTED_BEFORE.is(a, ToldBefore::NotSure) { "first_report_choice.note_unsure" } else { "first_report_choice.note" })),
    after: false, link: None
}]);
static WHAT_PAGE: Page = Page::ask("what_went_wrong", &[long_text(&WHAT).payload("complaint.what_went_wrong")]);
static STARTED_PAGE: Page = Page::ask("started", &[Field::new("started", Kind::Date).payload("complaint.started_on")]);
static AWARE_PAGE: Page =
    Page::ask("aware", &[Field::new("aware", Kind::Date).optional().payload("complaint.became_aware_on")]).check(aware_after_start);
static DELAY_PAGE: Page = Page::ask("delay_reason", &[long_text(&DELAY).optional().payload("complaint.delay_reason")]).notes(&[Note {
    // Code 2.3: past the time limit the landlord must still consider it
    // (the model procedures: exceptional circumstances); 2.4: a refusal is
    // explained, with the right to go to the Ombudsman. So the reason is
    // asked for but not required: a problem still going on may have no
    // reason to give, and the resident can always send their complaint.
    tone: Tone::Warning,
    text: |a, ctx| outside_time_limit(a, ctx).map(|e| with_right(e.message, ctx)),
    after: false, link: None
}]);
static COURT_PAGE: Page = Page::ask("court", &[radios(&COURT).payload("complaint.court_proceedings_filed")]).notes(&[Note {
    // Code 2.2: a claim at court may limit what the landlord looks at; 2.4.
    tone: Tone::Warning,
    text: |a, ctx| COURT.is(a, YesNo::Yes).then(|| with_right(exclusions::court(ctx.config.scheme()).message, ctx)),
    after: true, link: None
}]);
static TRIED_PAGE: Page = Page::titled(
    "tried",
    &[
        long_text(&TRIED).optional().payload("complaint.tried_already"),
        line(&TRIED_REF, Line::Reference).optional().payload("complaint.tried_reference"),
    ],
);
static IMPACT_PAGE: Page = Page::ask("impact", &[long_text(&IMPACT).payload("complaint.impact")]);
static OUTCOMES_PAGE: Page = Page::ask(
    "outcomes",
    &[
        checkboxes(&OUTCOMES).payload("complaint.outcomes"),
        line(&AMOUNT, Line::Money).optional().when(|a| OUTCOMES.has(a, Outcome::Compensation)),
        long_text(&OTHER).when(|a| OUTCOMES.has(a, Outcome::Other)).payload("complaint.outcomes.something_else"),
    ],
)
.notes(&[Note::link(|_, _| None, |c| c.config.policy_urls.compensation.clone().map(|u| ("link.compensation_policy", u))).below()]);

/// An exclusion warning with the resident's right to go to the Ombudsman
/// if the landlord says no (Code 2.4).
pub fn with_right(warning: Msg, ctx: &Ctx) -> Msg {
    Msg::new("warn.with_right").msg("warning", warning).msg("right", exclusions::ombudsman_right(ctx.config))
}

/// "When did you find out" cannot be before "when did it start".
fn aware_after_start(a: &Answers, ctx: &Ctx) -> Vec<FieldError> {
    match (STARTED.get(a, ctx.today), AWARE.get(a, ctx.today)) {
        (Some(s), Some(w)) if w < s => vec![FieldError::new("aware", Msg::new("aware.before_started").date("date", s))],
        _ => vec![],
    }
}

fn complaint_page(a: &Answers, _: &Ctx) -> super::decl::On {
    ask_if(is_complaint(a))
}

pub static STOPS: [Stop; 10] = [
    Stop { page: &REPORTED, on: |a, _| ask_if(TASK.is(a, Task::Problem)) },
    Stop { page: &CHOICE, on: |a, _| ask_if(TASK.is(a, Task::Problem) && !REPORTED_BEFORE.is(a, ToldBefore::Yes)) },
    Stop { page: &WHAT_PAGE, on: complaint_page },
    Stop { page: &STARTED_PAGE, on: complaint_page },
    Stop { page: &AWARE_PAGE, on: complaint_page },
    Stop { page: &DELAY_PAGE, on: |a, ctx| ask_if(is_complaint(a) && outside_time_limit(a, ctx).is_some()) },
    Stop { page: &COURT_PAGE, on: complaint_page },
    Stop { page: &TRIED_PAGE, on: complaint_page },
    Stop { page: &IMPACT_PAGE, on: complaint_page },
    Stop { page: &OUTCOMES_PAGE, on: complaint_page },
];

/// The complaint definition (Code 5.6), if the start date is known.
pub fn complaint(a: &Answers, ctx: &Ctx) -> Option<ComplaintDefinition> {
    let today = ctx.today;
    let has = |o| OUTCOMES.has(a, o);
    let outcomes = OutcomeSought {
        apology: has(Outcome::Apology),
        repair: has(Outcome::Repair),
        explanation: has(Outcome::Explanation),
        compensation: has(Outcome::Compensation),
        compensation_amount_pence: if has(Outcome::Compensation) { AMOUNT.opt(a).and_then(|m| parse_money(&m).ok()) } else { None },
        policy_change: has(Outcome::PolicyChange),
        something_else: if has(Outcome::Other) { OTHER.opt(a) } else { None },
    };
    let mut c = ComplaintDefinition::new(WHAT.get(a), STARTED.get(a, today)?, outcomes);
    c.became_aware_on = AWARE.get(a, today);
    c.tried_already = TRIED.opt(a);
    c.tried_reference = TRIED_REF.opt(a);
    c.impact = IMPACT.opt(a);
    c.delay_reason = if outside_time_limit(a, ctx).is_some() { DELAY.opt(a) } else { None };
    c.court_proceedings_filed = COURT.get(a).map(|c| c == YesNo::Yes);
    c.about_service_request = REPORTED_BEFORE.is(a, ToldBefore::Yes);
    Some(c)
}
