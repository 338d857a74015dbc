//! Triage: emergencies first, then complaint or service request.
//!
//! The resident never has to say "complaint" (Code 1.3). The UI asks a few
//! plain questions ([`Question`]) and calls [`TriageAnswers::triage`] after
//! each answer; it shows any [`HazardAdvice`] before anything else.

use serde::{Deserialize, Serialize};

use super::case::CaseKind;
use super::config::LandlordConfig;
use super::deadlines::{awaab, plural_wd, HazardLevel};

/// Something dangerous in the home, from the emergency checklist shown
/// before any form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HazardKind {
    /// A smell of gas.
    GasSmell,
    /// Exposed wires, sparking, water on electrics.
    ElectricalDanger,
    /// No heating.
    NoHeating,
    /// No water.
    NoWater,
    /// Flooding or a major leak.
    FloodingOrMajorLeak,
    /// Ceilings, walls, stairs or similar at risk of collapse.
    StructuralDanger,
    /// Fire safety: broken smoke alarms, blocked exits, fire doors.
    FireSafety,
    /// Serious damp and mould affecting someone's health.
    SeriousDampAndMould,
    /// Significant damp and mould, not (yet) affecting health.
    DampAndMould,
}

impl HazardKind {
    /// Every hazard, in checklist order.
    pub const ALL: [HazardKind; 9] = [
        HazardKind::GasSmell,
        HazardKind::ElectricalDanger,
        HazardKind::NoHeating,
        HazardKind::NoWater,
        HazardKind::FloodingOrMajorLeak,
        HazardKind::StructuralDanger,
        HazardKind::FireSafety,
        HazardKind::SeriousDampAndMould,
        HazardKind::DampAndMould,
    ];

    /// Emergency (24 hours) or significant (10 working days) under Awaab's Law.
    pub fn level(self) -> HazardLevel {
        match self {
            HazardKind::DampAndMould => HazardLevel::Significant,
            _ => HazardLevel::Emergency,
        }
    }

    /// Checklist wording.
    pub fn label(self) -> &'static str {
        match self {
            HazardKind::GasSmell => "I can smell gas",
            HazardKind::ElectricalDanger => "Something electrical is dangerous, sparking or wet",
            HazardKind::NoHeating => "I have no heating",
            HazardKind::NoWater => "I have no water",
            HazardKind::FloodingOrMajorLeak => "There is flooding or a major leak",
            HazardKind::StructuralDanger => "Part of the building could fall or collapse",
            HazardKind::FireSafety => "A fire alarm, fire door or escape route is broken or blocked",
            HazardKind::SeriousDampAndMould => "Damp or mould is making someone ill",
            HazardKind::DampAndMould => "There is a lot of damp or mould",
        }
    }
}

/// The hazard section of a payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardFlag {
    /// The most serious level among `hazards`.
    pub level: HazardLevel,
    /// What the resident ticked (at least one).
    pub hazards: Vec<HazardKind>,
    /// Anything they added.
    pub details: Option<String>,
    /// Whether someone in the household is especially at risk (for example
    /// very young, older, disabled or unwell), if they said.
    pub vulnerable_household: Option<bool>,
}

impl HazardFlag {
    /// A flag for the ticked hazards; `None` if none were ticked.
    pub fn from_hazards(hazards: &[HazardKind]) -> Option<HazardFlag> {
        let mut list = hazards.to_vec();
        list.sort();
        list.dedup();
        let level = if list.iter().any(|h| h.level() == HazardLevel::Emergency) {
            HazardLevel::Emergency
        } else {
            HazardLevel::Significant
        };
        (!list.is_empty()).then_some(HazardFlag {
            level,
            hazards: list,
            details: None,
            vulnerable_household: None,
        })
    }
}

/// What to tell the resident straight away about a hazard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HazardAdvice {
    /// Emergency or significant.
    pub level: HazardLevel,
    /// Headline, e.g. "Call Example Homes now on 0808 157 0999".
    pub headline: String,
    /// The number to call (the landlord's emergency line, or its main line).
    pub phone: String,
    /// Safety steps and what the landlord must do, in order.
    pub steps: Vec<String>,
}

impl HazardAdvice {
    /// Advice for the ticked hazards, using the landlord's numbers. `None`
    /// if nothing was ticked.
    pub fn new(hazards: &[HazardKind], config: &LandlordConfig) -> Option<HazardAdvice> {
        let flag = HazardFlag::from_hazards(hazards)?;
        let name = &config.landlord_name;
        let phone = config
            .emergency_phone
            .clone()
            .unwrap_or_else(|| config.phone.clone());
        let has = |h: HazardKind| flag.hazards.contains(&h);
        let mut steps = vec!["If anyone is in immediate danger, call 999.".to_string()];
        if has(HazardKind::GasSmell) {
            steps.push(
                "If you smell gas, call the National Gas Emergency Service on 0800 111 999. \
                 Open doors and windows, and do not use switches or naked flames."
                    .into(),
            );
        }
        if has(HazardKind::FireSafety) {
            steps.push("If there is a fire, get everyone out and call 999.".into());
        }
        if has(HazardKind::FloodingOrMajorLeak) {
            steps.push("If it is safe to, turn the water off at the stopcock.".into());
        }
        if has(HazardKind::ElectricalDanger) || has(HazardKind::FloodingOrMajorLeak) {
            steps.push("Keep away from wet electrics. If it is safe to, switch off at the fuse box.".into());
        }
        let headline = match flag.level {
            HazardLevel::Emergency => {
                steps.push(format!(
                    "Under Awaab's Law, {name} must investigate an emergency hazard and make it safe within {} hours.",
                    awaab::EMERGENCY_HOURS
                ));
                format!("Call {name} now on {phone}. Do not wait to fill in a form.")
            }
            HazardLevel::Significant => {
                steps.push(format!(
                    "Under Awaab's Law, {name} must investigate significant damp and mould within {}, \
                     and send you a written summary within {} after that.",
                    plural_wd(awaab::INVESTIGATE),
                    plural_wd(awaab::WRITTEN_SUMMARY)
                ));
                format!("Tell {name} about the damp and mould as soon as you can, on {phone} or with this form.")
            }
        };
        if !config.awaabs_law {
            // Awaab's Law applies in England only.
            steps.retain(|s| !s.starts_with("Under Awaab's Law"));
        }
        Some(HazardAdvice {
            level: flag.level,
            headline,
            phone,
            steps,
        })
    }
}

/// Has the resident already complained about this?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintProgress {
    /// No, not yet.
    NotYet,
    /// Yes, and waiting for a response.
    AwaitingResponse,
    /// Yes, and had a stage 1 response.
    Stage1Response,
    /// Yes, and had the final (stage 2) response.
    FinalResponse,
}

/// A question the UI should ask next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Question {
    /// "Have you already made a complaint about this?" → [`ComplaintProgress`].
    AlreadyComplained,
    /// "Have you reported this problem to us before?"
    ReportedBefore,
    /// "Are you unhappy with how it has been handled?"
    UnhappyWithHandling,
    /// "Would you like to make a complaint instead?"
    ChooseComplaint,
}

impl Question {
    /// Suggested wording.
    pub fn text(self) -> &'static str {
        match self {
            Question::AlreadyComplained => "Have you already made a complaint about this?",
            Question::ReportedBefore => "Have you reported this problem before?",
            Question::UnhappyWithHandling => {
                "Are you unhappy with how it has been handled, for example delays, missed appointments or poor work?"
            }
            Question::ChooseComplaint => "Would you like to make a complaint as well?",
        }
    }
}

/// Where triage sends the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// Make a complaint (stage 1).
    Complaint,
    /// Make a service request (a repair or other request, not a complaint).
    ServiceRequest,
    /// Ask for stage 2.
    Stage2Escalation,
    /// Go to the Ombudsman.
    OmbudsmanReferral,
    /// They are waiting on a complaint: check "is my landlord late?".
    ExistingComplaint,
}

impl Route {
    /// The payload kind this route produces, if it produces one.
    pub fn kind(self) -> Option<CaseKind> {
        match self {
            Route::Complaint => Some(CaseKind::Complaint),
            Route::ServiceRequest => Some(CaseKind::ServiceRequest),
            Route::Stage2Escalation => Some(CaseKind::Stage2Escalation),
            Route::OmbudsmanReferral => Some(CaseKind::OmbudsmanReferral),
            Route::ExistingComplaint => None,
        }
    }
}

/// The resident's answers so far. `None` means not asked yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageAnswers {
    /// Emergency checklist (asked first).
    pub hazards: Vec<HazardKind>,
    /// Have they already complained, and how far has it got?
    pub already_complained: Option<ComplaintProgress>,
    /// Have they reported the problem before?
    pub reported_before: Option<bool>,
    /// Are they unhappy with how it has been handled?
    pub unhappy_with_handling: Option<bool>,
    /// Their choice when offered a complaint instead of (or as well as) a
    /// service request.
    pub chooses_complaint: Option<bool>,
}

/// The triage decision so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Triage {
    /// Show this first, before any form.
    pub hazard: Option<HazardAdvice>,
    /// Where to go; `None` until enough questions are answered.
    pub route: Option<Route>,
    /// What to ask next, if anything.
    pub next_question: Option<Question>,
    /// The resident must be told it is a service request and offered the
    /// choice to complain (Code 1.3 to 1.5).
    pub offer_complaint: bool,
    /// Plain-English explanation of the decision (empty while undecided).
    pub message: String,
    /// Code sections behind the decision.
    pub code_sections: Vec<&'static str>,
}

impl TriageAnswers {
    /// Decide as far as the answers allow. Questions come in this order:
    /// already complained → reported before → unhappy with handling →
    /// choose complaint (only when offered).
    pub fn triage(&self, config: &LandlordConfig) -> Triage {
        let name = config.landlord_name.as_str();
        let ombudsman = config.ombudsman.name.as_str();
        let hazard = HazardAdvice::new(&self.hazards, config);
        let ask = |q: Question| Triage {
            hazard: hazard.clone(),
            route: None,
            next_question: Some(q),
            offer_complaint: false,
            message: String::new(),
            code_sections: vec![],
        };
        let decide = |route: Route, offer: bool, next: Option<Question>, message: String, sections: Vec<&'static str>| Triage {
            hazard: hazard.clone(),
            route: Some(route),
            next_question: next,
            offer_complaint: offer,
            message,
            code_sections: sections,
        };
        let progress = match self.already_complained {
            None => return ask(Question::AlreadyComplained),
            Some(p) => p,
        };
        match progress {
            ComplaintProgress::AwaitingResponse => {
                return decide(
                    Route::ExistingComplaint,
                    false,
                    None,
                    format!(
                        "You can check whether {name} has kept to the time limits for your complaint. \
                         If it has not replied, you can ask the {ombudsman} for help at any time."
                    ),
                    vec!["6.2", "6.3", "6.11", "6.14"],
                )
            }
            // Code 6.10: unresolved at stage 1 → stage 2; 6.12: no reasons required.
            ComplaintProgress::Stage1Response => {
                return decide(
                    Route::Stage2Escalation,
                    false,
                    None,
                    format!(
                        "You can ask {name} to look at your complaint again at stage 2, its final stage. \
                         You do not have to explain why."
                    ),
                    vec!["6.10", "6.12"],
                )
            }
            ComplaintProgress::FinalResponse => {
                return decide(
                    Route::OmbudsmanReferral,
                    false,
                    None,
                    format!(
                        "You have had {name}'s final response. If you are still unhappy, you can take your complaint to the {ombudsman}."
                    ),
                    vec!["6.19", "3.7"],
                )
            }
            ComplaintProgress::NotYet => {}
        }
        let reported_before = match self.reported_before {
            None => return ask(Question::ReportedBefore),
            Some(r) => r,
        };
        if reported_before {
            match self.unhappy_with_handling {
                None => return ask(Question::UnhappyWithHandling),
                // Code 1.5: dissatisfaction with the response to a service
                // request is a complaint; the request carries on.
                Some(true) => {
                    return decide(
                        Route::Complaint,
                        false,
                        None,
                        format!(
                            "Because you are unhappy with how {name} has handled this, it will be treated as a complaint. \
                             {name} must keep working on the problem while it looks into your complaint."
                        ),
                        vec!["1.2", "1.3", "1.5"],
                    )
                }
                Some(false) => {}
            }
        }
        // First report (or a follow-up without dissatisfaction): a service
        // request, but the resident is told and offered the choice (1.3-1.5).
        let (message, sections) = if reported_before {
            (
                format!(
                    "{name} will treat this as a follow-up to your earlier request. \
                     If you are unhappy with how it is being handled, you can make a complaint at any time."
                ),
                vec!["1.3", "1.4", "1.5"],
            )
        } else {
            (
                format!(
                    "As this is the first time you have reported it, {name} will treat it as a service request \
                     (a request to put something right) rather than a complaint. \
                     If you are unhappy with {name}, you can choose to make a complaint instead."
                ),
                vec!["1.3", "1.4"],
            )
        };
        match self.chooses_complaint {
            Some(true) => decide(
                Route::Complaint,
                true,
                None,
                format!("This will be a complaint. {name} will still deal with the problem itself."),
                vec!["1.3", "1.5"],
            ),
            Some(false) => decide(Route::ServiceRequest, true, None, message, sections),
            None => decide(
                Route::ServiceRequest,
                true,
                Some(Question::ChooseComplaint),
                message,
                sections,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> LandlordConfig {
        LandlordConfig::example()
    }

    fn answers(
        progress: Option<ComplaintProgress>,
        before: Option<bool>,
        unhappy: Option<bool>,
        choose: Option<bool>,
    ) -> TriageAnswers {
        TriageAnswers {
            hazards: vec![],
            already_complained: progress,
            reported_before: before,
            unhappy_with_handling: unhappy,
            chooses_complaint: choose,
        }
    }

    #[test]
    fn asks_questions_in_order() {
        let c = config();
        let t = answers(None, None, None, None).triage(&c);
        assert_eq!(t.next_question, Some(Question::AlreadyComplained));
        assert_eq!(t.route, None);
        let t = answers(Some(ComplaintProgress::NotYet), None, None, None).triage(&c);
        assert_eq!(t.next_question, Some(Question::ReportedBefore));
        let t = answers(Some(ComplaintProgress::NotYet), Some(true), None, None).triage(&c);
        assert_eq!(t.next_question, Some(Question::UnhappyWithHandling));
    }

    #[test]
    fn first_report_is_a_service_request_with_the_choice_offered() {
        // Code 1.4: first report → service request; 1.3: told and offered the choice.
        let t = answers(Some(ComplaintProgress::NotYet), Some(false), None, None).triage(&config());
        assert_eq!(t.route, Some(Route::ServiceRequest));
        assert!(t.offer_complaint);
        assert_eq!(t.next_question, Some(Question::ChooseComplaint));
        assert!(t.message.contains("service request"));
        assert!(t.message.contains("make a complaint"));
        assert!(t.code_sections.contains(&"1.4"));
        // Declining keeps it a service request with nothing more to ask.
        let t = answers(Some(ComplaintProgress::NotYet), Some(false), None, Some(false)).triage(&config());
        assert_eq!(t.route, Some(Route::ServiceRequest));
        assert_eq!(t.next_question, None);
        // Choosing to complain makes it a complaint, without the word being needed earlier.
        let t = answers(Some(ComplaintProgress::NotYet), Some(false), None, Some(true)).triage(&config());
        assert_eq!(t.route, Some(Route::Complaint));
        assert_eq!(t.route.and_then(Route::kind), Some(CaseKind::Complaint));
    }

    #[test]
    fn unhappy_with_handling_is_a_complaint() {
        // Code 1.5.
        let t = answers(Some(ComplaintProgress::NotYet), Some(true), Some(true), None).triage(&config());
        assert_eq!(t.route, Some(Route::Complaint));
        assert!(!t.offer_complaint);
        assert_eq!(t.next_question, None);
        assert!(t.code_sections.contains(&"1.5"));
        assert!(t.message.contains("keep working"));
    }

    #[test]
    fn reported_before_but_content_is_a_follow_up_service_request() {
        let t = answers(Some(ComplaintProgress::NotYet), Some(true), Some(false), None).triage(&config());
        assert_eq!(t.route, Some(Route::ServiceRequest));
        assert!(t.offer_complaint);
        assert!(t.message.contains("follow-up"));
    }

    #[test]
    fn existing_complaints_route_onwards() {
        let c = config();
        let t = answers(Some(ComplaintProgress::Stage1Response), None, None, None).triage(&c);
        assert_eq!(t.route, Some(Route::Stage2Escalation));
        assert!(t.message.contains("do not have to explain"));
        let t = answers(Some(ComplaintProgress::FinalResponse), None, None, None).triage(&c);
        assert_eq!(t.route, Some(Route::OmbudsmanReferral));
        assert!(t.message.contains("Housing Ombudsman"));
        let t = answers(Some(ComplaintProgress::AwaitingResponse), None, None, None).triage(&c);
        assert_eq!(t.route, Some(Route::ExistingComplaint));
        assert_eq!(Route::ExistingComplaint.kind(), None);
    }

    #[test]
    fn emergencies_are_flagged_first_whatever_else_is_answered() {
        let c = config();
        let mut a = TriageAnswers {
            hazards: vec![HazardKind::GasSmell],
            ..Default::default()
        };
        let t = a.triage(&c);
        let advice = t.hazard.expect("advice");
        assert_eq!(advice.level, HazardLevel::Emergency);
        assert_eq!(advice.phone, c.emergency_phone.clone().unwrap());
        assert!(advice.headline.contains(&advice.phone));
        assert!(advice.steps.iter().any(|s| s.contains("0800 111 999")));
        assert!(advice.steps.iter().any(|s| s.contains("24 hours")));
        a.hazards = vec![HazardKind::DampAndMould];
        let advice = a.triage(&c).hazard.unwrap();
        assert_eq!(advice.level, HazardLevel::Significant);
        assert!(advice.steps.iter().any(|s| s.contains("10 working days")));
        // Mixed: the most serious wins.
        a.hazards = vec![HazardKind::DampAndMould, HazardKind::NoWater];
        assert_eq!(a.triage(&c).hazard.unwrap().level, HazardLevel::Emergency);
        a.hazards.clear();
        assert_eq!(a.triage(&c).hazard, None);
    }

    #[test]
    fn every_listed_emergency_is_an_emergency() {
        for h in HazardKind::ALL {
            let want = if h == HazardKind::DampAndMould {
                HazardLevel::Significant
            } else {
                HazardLevel::Emergency
            };
            assert_eq!(h.level(), want, "{h:?}");
            assert!(!h.label().is_empty());
        }
        let flag = HazardFlag::from_hazards(&[HazardKind::NoWater, HazardKind::NoWater]).unwrap();
        assert_eq!(flag.hazards, vec![HazardKind::NoWater]);
        assert_eq!(HazardFlag::from_hazards(&[]), None);
    }

    #[test]
    fn outside_england_no_awaabs_law_promises() {
        let mut c = config();
        c.awaabs_law = false;
        let advice = HazardAdvice::new(&[HazardKind::GasSmell], &c).unwrap();
        assert!(!advice.steps.iter().any(|s| s.contains("Awaab")));
        assert!(advice.steps.iter().any(|s| s.contains("999")));
    }
}
