//! First, whether anyone is in danger (before any form: Awaab's Law); then
//! what the resident came to do.

use super::decl::{always, ask_if, checkboxes_of, radios, Ctx, Note, Opt, Page, Special, Stop, Tone};
use crate::domain::text::Msg;
use super::model::{Answers, Many, One, Value};
use crate::domain::choice::Choice;
use crate::domain::hazard::HazardKind;

/// The exclusive "None of these" on the first page.
pub const NO_HAZARD: &str = "none";

pub const HAZARDS: Many<HazardKind> = Many::new("hazards");

fn hazard_options(_: &Answers, _: &Ctx) -> Vec<Opt> {
    let mut v: Vec<Opt> = HazardKind::ALL.iter().map(|h| Opt::of(*h)).collect();
    v.push(Opt { value: NO_HAZARD, label: "hazard.none".into(), exclusive: true });
    v
}

fn hazard_values() -> Vec<&'static str> {
    let mut v = super::decl::values::<HazardKind>();
    v.push(NO_HAZARD);
    v
}

/// The first page's answer from the values ticked on the loader's plain
/// copy of it (`public/putright.js`): declared values only, in the
/// declared order; "None of these" only on its own (as the page's own
/// boxes allow).
pub fn hazards_from(ticked: &[String]) -> Value {
    let mut v: Vec<&'static str> = hazard_values().into_iter().filter(|h| ticked.iter().any(|t| t == h)).collect();
    if v.len() > 1 {
        v.retain(|h| *h != NO_HAZARD);
    }
    Value::Many(v)
}

pub static DANGER: Page = Page::ask("hazards", &[checkboxes_of("hazards", hazard_options, hazard_values).payload("hazard.hazards")]);
pub static ADVICE: Page = Page::special("emergency_advice", Special::EmergencyAdvice).button("button.to_form");

crate::choices! {
    /// What the resident came to do.
    pub enum Task in "task" {
        /// Something has gone wrong: a complaint or a service request.
        Problem, Request, Representative, Adjustments, Escalate, Ombudsman,
    }
}

pub const TASK: One<Task> = One::new("task");

/// The tasks that ask whether the resident wants a representative and
/// whether they have support needs (a complaint, a service request, a
/// stage 2 request): elsewhere a "yes" left from a task changed since
/// does not count.
pub fn asks_want(a: &Answers) -> bool {
    matches!(TASK.get(a), Some(Task::Problem | Task::Request | Task::Escalate))
}

/// Who gets the answers, with the landlord's privacy notice (UK GDPR
/// articles 13 and 14). Shown before the first personal question on every
/// route: on "What do you want to do?", and on "My complaints", whose
/// buttons open a stage 2 request or an Ombudsman referral past it.
pub const PRIVACY: Note =
    Note::link(|_, _| Some(Msg::new("task.privacy")), |c| c.config.privacy_notice_url.clone().map(|u| ("task.privacy_link", u)));

/// Before the first personal question: the privacy note, and the
/// landlord's complaints policy.
pub static WHAT_TO_DO: Page = Page::ask("task", &[radios(&TASK)]).notes(&[
    PRIVACY,
    // SPSO MCHP and NIPSO MCHP: a complaint may go straight to stage 2.
    Note { tone: Tone::Plain, text: |_, c| c.config.scheme().direct_to_stage2(), after: true, link: None },
    Note::link(|_, _| None, |c| c.config.policy_urls.complaints.clone().map(|u| ("link.complaints_policy", u))).below(),
]);

pub static STOPS: [Stop; 3] = [
    Stop { page: &DANGER, on: always },
    Stop { page: &ADVICE, on: |a, _| ask_if(!HAZARDS.get(a).is_empty()) },
    Stop { page: &WHAT_TO_DO, on: always },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::shipped;

    /// The loader's plain copy of this page (`public/putright.js`, between
    /// its FIRST QUESTION markers) has this page's values in this order,
    /// and each shipped catalogue's words for every key it shows.
    #[test]
    fn the_loaders_plain_first_question_matches_the_declaration_and_catalogues() {
        let loader = include_str!("../../../public/putright.js");
        let start = loader.find("const FIRST = ").expect("FIRST in the loader") + "const FIRST = ".len();
        let end = loader[start..].find(";\n// END FIRST QUESTION").expect("end marker") + start;
        let first: serde_json::Value = serde_json::from_str(&loader[start..end]).expect("FIRST is JSON");
        let values: Vec<&str> = first["hazards"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(values, hazard_values());
        let config = crate::domain::config::LandlordConfig::example();
        let ctx = Ctx { today: crate::domain::journey::tests::today(), config: &config };
        let mut keys: Vec<String> = hazard_options(&Answers::default(), &ctx).into_iter().map(|o| o.label).collect();
        keys.extend(["hazards.label", "hazards.hint", "hazards.missing", "hazards.exclusive", "button.continue", "emergency_advice.call", "advice.999"].map(String::from));
        // The gas line of each nation, and both before the config says which (hazard::gas_advice).
        keys.extend(["advice.gas", "advice.gas_ni", "advice.gas_any"].map(String::from));
        use crate::domain::choice::Choice;
        for scheme in crate::domain::scheme::Scheme::ALL {
            assert!(loader.contains(&format!("'{}'", scheme.value())), "the loader's gasAdvice names scheme {}", scheme.value());
        }
        let words = first["words"].as_object().unwrap();
        assert_eq!(words.len(), shipped::FILES.len(), "one entry per shipped language");
        for (locale, json) in shipped::FILES {
            let catalogue: serde_json::Value = serde_json::from_str(json).unwrap();
            let copy = &words[locale];
            for key in &keys {
                assert!(copy.get(key).is_some(), "{locale}: the loader lacks {key}");
            }
            for (key, text) in copy.as_object().unwrap() {
                if key == "@dir" {
                    assert_eq!(text.as_str(), Some(catalogue["@meta"]["dir"].as_str().unwrap_or("ltr")), "{locale}: direction");
                } else {
                    assert_eq!(text, &catalogue[key], "{locale}: {key} differs from public/i18n/{locale}.json");
                }
            }
        }
    }

    #[test]
    fn a_plain_answer_keeps_declared_values_only() {
        let ticked = |v: &[&str]| hazards_from(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(ticked(&["fire_safety", "gas_smell", "bogus"]), Value::Many(vec!["gas_smell", "fire_safety"]));
        assert_eq!(ticked(&["none"]), Value::Many(vec![NO_HAZARD]));
        assert_eq!(ticked(&["none", "no_water"]), Value::Many(vec!["no_water"]));
        assert_eq!(ticked(&[]), Value::Many(vec![]));
    }
}
