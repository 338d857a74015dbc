//! The resident-visible bugs of the first design, each pinned.

use super::super::model::{Value, YesNo};
use super::super::*;
use super::{en, fixtures, with_ctx};
use crate::domain::case::{ConsentEvidence, ContactMethod, RepresentativeRole};
use crate::domain::config::LandlordConfig;
use crate::domain::examples::words;
use crate::domain::text::{Msg, Render};

fn row(a: &Answers, page: &str) -> (String, Vec<String>) {
    let rows = with_ctx(|c| summary::rows(a, c, &words()));
    let r = rows.into_iter().find(|r| r.page == page).unwrap_or_else(|| panic!("no {page} row"));
    (r.label, r.lines)
}

#[test]
fn who_is_filling_it_in_shows_its_own_words_not_a_task_label() {
    // The same value "representative" was also a task, and the row showed the task's label.
    let a = fixtures::representative();
    assert_eq!(row(&a, "filler"), ("Who is filling in the form".into(), vec!["I am filling this in for the resident".into()]));
}

#[test]
fn permission_shows_its_own_words() {
    let a = fixtures::representative();
    assert_eq!(row(&a, "rep_consent").1, vec!["The resident will sign a permission form".to_owned()]);
}

#[test]
fn permission_that_does_not_suit_the_role_is_questioned_on_its_page() {
    // An attorney acts under a lasting power of attorney (Code 3.6).
    let mut a = fixtures::representative();
    rep::ROLE.set(&mut a, RepresentativeRole::Attorney);
    let p = page("rep_consent").unwrap();
    let errors = with_ctx(|c| p.errors(&a, c));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "rep_consent");
    let offered: Vec<_> = with_ctx(|c| match p.fields[0].kind {
        decl::Kind::Radios(o, _) => o(&a, c).into_iter().map(|o| o.value).collect(),
        _ => vec![],
    });
    assert_eq!(offered, vec!["lasting_power_of_attorney"]);
    // A representative filling in the form cannot give the resident's own permission.
    rep::ROLE.set(&mut a, RepresentativeRole::FamilyOrFriend);
    rep::CONSENT.set(&mut a, ConsentEvidence::ResidentConfirms);
    assert_eq!(with_ctx(|c| p.errors(&a, c))[0].field, "rep_consent");
    rep::FILLER.set(&mut a, rep::Filler::Resident);
    assert!(with_ctx(|c| p.passes(&a, c)));
}

#[test]
fn finding_out_before_it_started_is_questioned_on_its_page() {
    let mut a = fixtures::complaint();
    problem::AWARE.set(&mut a, "1", "8", "2026");
    let e = with_ctx(|c| page("aware").unwrap().errors(&a, c));
    assert_eq!(e[0].field, "aware");
    assert_eq!(en(&e[0].message), "The date you found out must be on or after the date the problem started (Wednesday 2 September 2026)");
}

#[test]
fn the_stage_2_window_note_names_the_answer_and_the_last_day_as_what_they_are() {
    // It used to call the window's closing date the date of the stage 1 answer.
    let mut a = fixtures::stage2();
    escalate::ANSWERED.set(&mut a, "1", "9", "2026");
    let note = with_ctx(|c| escalate::window_note(&a, c)).unwrap();
    assert!(!note.0, "outside the window");
    let text = en(&note.1);
    assert!(text.contains("which was Tuesday 1 September 2026"), "{text}");
    assert!(text.contains("The last day was Thursday 1 October 2026"), "{text}");
    assert!(text.contains("You can still ask"), "{text}");
    escalate::ANSWERED.set(&mut a, "10", "11", "2026");
    let (in_time, m) = with_ctx(|c| escalate::window_note(&a, c)).unwrap();
    assert!(in_time);
    assert!(en(&m).contains("the last day is Thursday 10 December 2026"), "{}", en(&m));
}

#[test]
fn contact_instead_records_the_way_the_resident_chose() {
    // "Text messages instead of phone calls" exists, and writing was recorded
    // as letter or email whatever the resident picked.
    for (need, method) in [
        (adjust::Need::TextNotPhone, ContactMethod::Text),
        (adjust::Need::EmailNotPhone, ContactMethod::Email),
        (adjust::Need::LetterNotPhone, ContactMethod::Letter),
        (adjust::Need::PhoneNotWriting, ContactMethod::Phone),
    ] {
        let mut a = fixtures::adjustments();
        adjust::NEEDS.set(&mut a, &[need]);
        about::METHOD.set(&mut a, ContactMethod::Email);
        let s = with_ctx(|c| to_submission(&a, super::ID, super::AT, "en-GB", c, &words())).unwrap();
        assert_eq!(s.adjustments.unwrap().contact_method, Some(method), "{need:?}");
    }
    let mut a = fixtures::adjustments();
    adjust::NEEDS.set(&mut a, &[adjust::Need::TextNotPhone, adjust::Need::LetterNotPhone]);
    let e = with_ctx(|c| page("adj_needs").unwrap().errors(&a, c));
    assert_eq!(e[0].field, "adj_needs");
}

#[test]
fn a_hazard_ticked_first_is_sent_with_every_task() {
    for (kind, mut a) in fixtures::all() {
        a.set("hazards", Value::Many(vec!["no_heating"]));
        let s = with_ctx(|c| to_submission(&a, super::ID, super::AT, "en-GB", c, &words())).unwrap();
        assert!(s.hazard.is_some(), "{kind}: hazard dropped");
    }
}

#[test]
fn the_court_warning_is_on_the_court_page_with_the_right_to_the_ombudsman() {
    let mut a = fixtures::complaint();
    let court = page("court").unwrap();
    let note = |a: &Answers| with_ctx(|c| court.notes.iter().find_map(|n| (n.text)(a, c)));
    assert!(note(&a).is_none(), "no warning for 'no'");
    problem::COURT.set(&mut a, YesNo::Yes);
    let text = en(&note(&a).expect("a warning for 'yes'"));
    assert!(text.contains("court"), "{text}");
    // Code 2.4: if the landlord declines, the resident can go to the Ombudsman.
    assert!(text.contains("Housing Ombudsman Service") && text.contains("0300 111 3000"), "{text}");
}

#[test]
fn the_twelve_month_warning_is_where_the_reason_is_asked_with_the_right() {
    let mut a = fixtures::complaint();
    problem::STARTED.set(&mut a, "1", "6", "2025");
    let route = super::walk(&{
        let mut b = a.clone();
        problem::DELAY.set(&mut b, "I was in hospital.");
        b
    });
    assert!(route.contains(&"delay_reason"));
    let p = page("delay_reason").unwrap();
    let text = with_ctx(|c| p.notes.iter().find_map(|n| (n.text)(&a, c))).map(|m| en(&m)).unwrap();
    assert!(text.contains("12 months") && text.contains("Housing Ombudsman Service"), "{text}");
    // Asked, not required: warn, ask why, and still let them send it (Code 2.3).
    assert!(with_ctx(|c| p.errors(&a, c)).is_empty(), "the reason is optional");
    assert!(with_ctx(|c| p.passes(&a, c)));
    assert!(super::walk(&a).contains(&"delay_reason"), "still asked with no reason given");
    let sent = serde_json::to_value(super::submit(&a)).unwrap();
    assert!(sent["complaint"]["delay_reason"].is_null(), "{}", sent["complaint"]);
}

/// An Ombudsman referral up to `position`, complained and answered on the dates given ("d m yyyy").
fn at_stage(position: ombudsman::Position, complained: &str, answered: &str) -> Answers {
    let mut a = fixtures::ombudsman();
    ombudsman::POSITION.set(&mut a, position);
    let parts = |d: &str| d.split(' ').map(str::to_owned).collect::<Vec<_>>();
    let (c, d) = (parts(complained), parts(answered));
    ombudsman::COMPLAINED.set(&mut a, &c[0], &c[1], &c[2]);
    ombudsman::ANSWERED.set(&mut a, &d[0], &d[1], &d[2]);
    a
}

#[test]
fn lateness_judges_the_stage_the_resident_is_waiting_on() {
    // Stage 2 asked for on Monday 2 November 2026, nothing heard: the stage 2
    // acknowledgement was due Monday 9 November (5 working days, Code 6.11).
    let mut a = at_stage(ombudsman::Position::WaitingStage2, "1 9 2026", "14 9 2026");
    ombudsman::ACKNOWLEDGED.set(&mut a, "2", "9", "2026");
    ombudsman::S2_REQUESTED.set(&mut a, "2", "11", "2026");
    let reports = with_ctx(|c| ombudsman::lateness(&a, c));
    let missed: Vec<String> = receipt::missed(&reports).iter().map(en).collect();
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].contains("stage 2 request by Monday 9 November 2026"), "{missed:?}");
    assert!(missed[0].contains("6.11"), "{missed:?}");
    // Stage 1 was answered on time: not reported late.
    assert!(missed.iter().all(|m| !m.contains("6.2") && !m.contains("6.3")));
}

#[test]
fn impossible_ombudsman_dates_are_questioned_on_their_page() {
    let mut a = at_stage(ombudsman::Position::Stage1Only, "23 11 2026", "20 11 2026");
    let p = page("omb_dates").unwrap();
    let e = with_ctx(|c| p.errors(&a, c));
    assert_eq!(e[0].field, "omb_answered");
    assert_eq!(en(&e[0].message), "The date they answered must be on or after the date you complained (Monday 23 November 2026)");
    ombudsman::ANSWERED.set(&mut a, "23", "11", "2026");
    ombudsman::ACKNOWLEDGED.set(&mut a, "23", "11", "2026");
    assert!(with_ctx(|c| p.passes(&a, c)));
}

#[test]
fn a_name_of_only_invisible_characters_is_refused() {
    let mut a = fixtures::complaint();
    about::NAME.set(&mut a, "\u{200b}");
    let e = with_ctx(|c| page("name").unwrap().errors(&a, c));
    assert_eq!(en(&e[0].message), "Enter your full name");
}

#[test]
fn representative_wording_follows_who_fills_in_the_form() {
    let w = words();
    let a = fixtures::representative();
    assert!(rep::by_rep(&a));
    assert_eq!(w.render(&Msg::new(w.variant("name.label", rep::by_rep(&a)))), "What is the resident's full name?");
    assert_eq!(w.render(&Msg::new(w.variant("name.label", false))), "What is your full name?");
    let _ = LandlordConfig::example();
}

#[test]
fn health_details_not_agreed_to_stay_out_of_every_copy() {
    // UK GDPR article 9: the email and saved copies held them after "No".
    let mut a = fixtures::complaint();
    adjust::WANT.set(&mut a, YesNo::Yes);
    adjust::NEEDS.set(&mut a, &[adjust::Need::LargePrint]);
    adjust::DISABILITY.set(&mut a, "I have epilepsy");
    adjust::CONSENT.set(&mut a, YesNo::No);
    let copy = with_ctx(|c| summary::plain(&a, c, &words()));
    assert!(!copy.contains("epilepsy"), "{copy}");
    assert!(copy.contains("Large print"), "{copy}");
    // Still shown on "Check your answers", where it can be changed.
    assert!(row(&a, "adj_disability").1.iter().any(|l| l.contains("epilepsy")));
    adjust::CONSENT.set(&mut a, YesNo::Yes);
    assert!(with_ctx(|c| summary::plain(&a, c, &words())).contains("I have epilepsy"));
}

#[test]
fn the_saved_copy_says_how_working_days_are_counted_from_a_weekend() {
    // domain.md's counting convention: received on a weekend or bank
    // holiday, the next working day is day 0.
    let next = vec!["We will reply by Monday 14 December 2026".to_owned()];
    let sent = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let copy = with_ctx(|c| receipt::saved_copy("Your complaint has been sent", "C-1", &next, "", sent, c, &words()));
    assert!(copy.contains(" on Saturday 21 November 2026."), "{copy}");
    assert!(copy.contains("The day we get your message is day 0. If it reaches us on a weekend or a bank holiday, the next working day is day 0."), "{copy}");
}

#[test]
fn the_scheme_sentences_are_shown_where_they_apply() {
    // SPSO and NIPSO let a complaint go straight to stage 2; England's Code does not (5.2, 6.10).
    let a = Answers::default();
    let notes = |scheme: &str| {
        let mut config = LandlordConfig::example();
        config.scheme = Some(<crate::domain::scheme::Scheme as crate::domain::choice::Choice>::parse(scheme).unwrap());
        let ctx = decl::Ctx { today: super::today(), config: &config };
        page("task").unwrap().notes.iter().filter_map(|n| (n.text)(&a, &ctx)).map(|m| en(&m)).collect::<Vec<_>>()
    };
    assert!(notes("scotland-spso").iter().any(|n| n.starts_with("You do not have to start at stage 1 (frontline response)")), "{:?}", notes("scotland-spso"));
    assert!(notes("northern-ireland-nipso").iter().any(|n| n.contains("straight away")));
    assert!(!notes("england-hos").iter().any(|n| n.contains("straight away")));
}

#[test]
fn not_sure_if_told_before_is_not_called_the_first_time() {
    let mut a = fixtures::complaint();
    let note = |a: &Answers| with_ctx(|c| page("first_report_choice").unwrap().notes.iter().filter_map(|n| (n.text)(a, c)).map(|m| en(&m)).collect::<String>());
    problem::REPORTED_BEFORE.set(&mut a, problem::ToldBefore::No);
    assert!(note(&a).starts_with("As this is the first time you have told us"), "{}", note(&a));
    problem::REPORTED_BEFORE.set(&mut a, problem::ToldBefore::NotSure);
    assert!(note(&a).starts_with("If this is the first time you have told us"), "{}", note(&a));
}

#[test]
fn contact_times_given_with_the_support_needs_are_not_asked_again() {
    let mut a = fixtures::complaint();
    let prefs = page("contact_method").unwrap();
    let asked = |a: &Answers| prefs.shown(a).map(|f| f.key).collect::<Vec<_>>();
    assert_eq!(asked(&a), ["contact_method", "contact_times"]);
    adjust::WANT.set(&mut a, YesNo::Yes);
    adjust::NEEDS.set(&mut a, &[adjust::Need::SetTimes]);
    adjust::TIMES.set(&mut a, "Weekday afternoons");
    assert_eq!(asked(&a), ["contact_method"]);
    // The landlord still gets them in both places.
    let r = about::resident(&a);
    assert_eq!(r.contact_times.as_deref(), Some("Weekday afternoons"));
    assert_eq!(adjust::adjustments(&a).unwrap().contact_times.as_deref(), Some("Weekday afternoons"));
    assert!(!with_ctx(|c| summary::rows(&a, c, &words())).iter().any(|r| r.page == "contact_method" && r.lines.iter().any(|l| l.contains("afternoons"))));
}

/// The confirmation is worded again after a language switch: what it keeps
/// in no language (the kind, the promised dates, the warnings as shown)
/// survives the outbox's JSON and gives the same lines as at Send in the
/// language sent, and the same dates in another.
#[test]
fn what_happens_next_is_kept_in_no_language_and_worded_in_any() {
    use crate::domain::journey::receipt::{next_steps, Next};
    use crate::domain::text::{shipped, Arg, Words};
    for (kind, a) in fixtures::all() {
        let s = super::submit(&a);
        let next: Next = serde_json::from_str(&serde_json::to_string(&Next::of(&s)).unwrap()).unwrap();
        assert_eq!(next, Next::of(&s), "{kind}");
        let (title, mut lines) = next.worded(&words());
        lines.extend(next.warnings.iter().cloned());
        assert_eq!(lines, next_steps(&s, &words()), "{kind}");
        assert_eq!(title, words().render(&crate::domain::journey::receipt::title(s.kind)));
        let pl = Words::new(shipped::get("pl")).share("landlord", Arg::Text("Example Homes".into()));
        let (title_pl, lines_pl) = next.worded(&pl);
        assert_ne!(title_pl, title, "{kind}");
        assert_eq!(lines_pl.len() + next.warnings.len(), lines.len(), "{kind}");
        for (d, line) in s.expected_dates.iter().filter(|d| !d.event.ends_with("_extension_limit")).zip(&lines_pl) {
            let (day, year) = (chrono::Datelike::day(&d.due).to_string(), chrono::Datelike::year(&d.due).to_string());
            assert!(line.contains(&day) && line.contains(&year) && !line.contains('{'), "{kind}: {line}");
            assert!(!lines.contains(line), "{kind}: {line} is worded in Polish");
        }
    }
}
