//! The calendar file, read back by a real iCalendar parser (the
//! `icalendar` crate's), and its lines checked octet by octet.

use icalendar::parser::{read_calendar, unfold, Component};

use super::*;
use crate::domain::tracker::ics::british_summer_time;

const PAGE: &str = "https://homes.example/complaints?widget=1";

/// A property's value, unescaped as a TEXT value.
fn text(c: &Component, name: &str) -> String {
    c.find_prop(name).unwrap_or_else(|| panic!("no {name}")).val.clone().unescape_text().as_str().to_owned()
}

fn value(c: &Component, name: &str) -> String {
    c.find_prop(name).unwrap_or_else(|| panic!("no {name}")).val.as_str().to_owned()
}

fn param(c: &Component, name: &str, key: &str) -> Option<String> {
    let p = c.find_prop(name)?;
    p.params.iter().find(|x| x.key.as_str() == key).and_then(|x| x.val.as_ref()).map(|v| v.as_str().to_owned())
}

/// Three notes on Tuesday 15 December 2026: C-1001 (acknowledged, its
/// answer due Monday 14 December and missed), C-2002 (sent Thursday 10
/// December: acknowledge by Thursday 17 December, answer by Tuesday 5
/// January 2027 over Christmas and New Year), a service request (no
/// deadlines) and a note long expired.
fn notes() -> Vec<Note> {
    let mut late = complaint(Scheme::England, d(2026, 11, 23));
    late.acknowledged_on = Some(d(2026, 11, 30));
    let new = Note { reference: "C-2002".into(), ..complaint(Scheme::England, d(2026, 12, 10)) };
    let service = Note { kind: CaseKind::ServiceRequest, reference: "SR-9".into(), ..complaint(Scheme::England, d(2026, 12, 1)) };
    let old = Note { reference: "C-0001".into(), ..complaint(Scheme::England, d(2024, 1, 8)) };
    vec![late, new, service, old]
}

fn valarm<'a>(e: &'a Component<'a>) -> &'a Component<'a> {
    e.components.iter().find(|c| c.name.as_str() == "VALARM").expect("a VALARM")
}

fn events(ics: &str) -> Vec<Component<'_>> {
    let cal = read_calendar(ics).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    cal.components.into_iter().filter(|c| c.name.as_str() == "VEVENT").collect()
}

#[test]
fn one_all_day_event_per_open_deadline_with_a_reminder_the_working_day_after() {
    let config = LandlordConfig::example();
    let file = ics(&notes(), d(2026, 12, 15), &config, PAGE, &english(&config));
    let unfolded = unfold(&file);
    let cal = read_calendar(&unfolded).unwrap();
    for (name, want) in [("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")] {
        assert_eq!(cal.properties.iter().find(|p| p.name.as_str() == name).map(|p| p.val.as_str()), Some(want), "{name}");
    }
    assert!(cal.properties.iter().any(|p| p.name.as_str() == "PRODID" && p.val.as_str().contains("Put Right")));

    let events = events(&unfolded);
    let got: Vec<(String, String, String, String)> = events
        .iter()
        .map(|e| (value(e, "UID"), value(e, "DTSTART"), value(e, "DTEND"), text(e, "SUMMARY")))
        .collect();
    let row = |uid: &str, start: &str, end: &str, summary: &str| (uid.to_owned(), start.to_owned(), end.to_owned(), summary.to_owned());
    assert_eq!(
        got,
        vec![
            row("example-homes-C-1001-stage1_respond@putright", "20261214", "20261215", "Example Homes must send you its stage 1 answer (reference C-1001)"),
            row("example-homes-C-2002-stage1_acknowledge@putright", "20261217", "20261218", "Example Homes must acknowledge your complaint (reference C-2002)"),
            row("example-homes-C-2002-stage1_respond@putright", "20270105", "20270106", "Example Homes must send you its stage 1 answer (reference C-2002)"),
        ]
    );
    for e in &events {
        assert_eq!(param(e, "DTSTART", "VALUE").as_deref(), Some("DATE"));
        assert_eq!(param(e, "DTEND", "VALUE").as_deref(), Some("DATE"));
        assert_eq!(value(e, "DTSTAMP"), "20261215T000000Z");
        assert_eq!(value(e, "URL"), PAGE);
        let description = text(e, "DESCRIPTION");
        assert!(description.ends_with(&format!("\n\nTo record what happened or take the next step, open {PAGE}")), "{description}");
        let alarms: Vec<&Component> = e.components.iter().filter(|c| c.name.as_str() == "VALARM").collect();
        assert_eq!(alarms.len(), 1);
        assert_eq!(value(alarms[0], "ACTION"), "DISPLAY");
        assert_eq!(param(alarms[0], "TRIGGER", "VALUE").as_deref(), Some("DATE-TIME"));
        assert!(description.starts_with(&text(alarms[0], "DESCRIPTION")));
    }
    let alarm = |i: usize| {
        let a = valarm(&events[i]);
        (value(a, "TRIGGER"), text(a, "DESCRIPTION"))
    };
    // Due Monday 14 December: late from Tuesday 15, 09:00 GMT.
    assert_eq!(
        alarm(0),
        (
            "20261215T090000Z".to_owned(),
            "Has Example Homes sent you its stage 1 answer? If not, you can ask for stage 2 or go to the Housing Ombudsman Service.".to_owned()
        )
    );
    // Due Thursday 17 December: Friday 18.
    assert_eq!(alarm(1).0, "20261218T090000Z");
    // Due Tuesday 5 January 2027: Wednesday 6.
    assert_eq!(alarm(2).0, "20270106T090000Z");
}

#[test]
fn the_same_deadline_keeps_its_uid_and_answered_ones_leave() {
    let config = LandlordConfig::example();
    let uids = |file: &str| events(&unfold(file)).iter().map(|e| value(e, "UID")).collect::<Vec<_>>();
    let mut notes = notes();
    let first = ics(&notes, d(2026, 12, 15), &config, PAGE, &english(&config));
    let later = ics(&notes, d(2026, 12, 16), &config, PAGE, &english(&config));
    assert_ne!(first, later, "stamped with the day");
    assert_eq!(uids(&first), uids(&later));
    // Once C-1001 is answered its event is gone; C-2002's keep their UIDs.
    notes[0].answered_on = Some(d(2026, 12, 16));
    let answered = ics(&notes, d(2026, 12, 16), &config, PAGE, &english(&config));
    assert_eq!(uids(&answered), uids(&first)[1..].to_vec());
    // Nothing open: a valid, empty calendar.
    let empty = ics(&[], d(2026, 12, 16), &config, PAGE, &english(&config));
    assert!(events(&unfold(&empty)).is_empty());
    assert!(empty.starts_with("BEGIN:VCALENDAR\r\n") && empty.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn lines_are_crlf_and_folded_at_75_octets_without_splitting_a_character() {
    let mut config = LandlordConfig::example();
    config.landlord_name = "Cymdeithas Tai Gogledd Cymru, Caerdydd; \\ Urdd y Tenantiaid".into();
    let mut notes = notes();
    notes[0].reference = "HA/2026/0042; lot 7, flat 3".into();
    for locale in ["en-GB", "cy", "ur", "pl"] {
        let w = words(locale, &config);
        let file = ics(&notes, d(2026, 12, 15), &config, PAGE, &w);
        assert!(!file.replace("\r\n", "").contains('\n') && !file.replace("\r\n", "").contains('\r'), "{locale}: bare line break");
        let lines: Vec<&str> = file.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        for line in &lines {
            assert!(line.len() <= 75, "{locale}: {} octets: {line}", line.len());
        }
        assert!(lines.iter().filter(|l| l.starts_with(' ')).count() >= 6, "{locale}: long lines folded");
        // Read back, every text is what the catalogue says, in full.
        let unfolded = unfold(&file);
        let events = events(&unfolded);
        assert_eq!(events.len(), 3, "{locale}");
        let summary = text(&events[0], "SUMMARY");
        assert!(summary.starts_with(config.landlord_name.as_str()) || summary.contains(config.landlord_name.as_str()), "{locale}: {summary}");
        assert!(summary.contains("HA/2026/0042; lot 7, flat 3"), "{locale}: {summary}");
        assert_eq!(value(&events[0], "UID"), "example-homes-HA-2026-0042--lot-7--flat-3-stage1_respond@putright");
    }
    // The words themselves, Welsh and Urdu, round-trip exactly.
    let cy = ics(&notes[..1], d(2026, 12, 15), &config, PAGE, &words("cy", &config));
    let cy = unfold(&cy);
    let e = &events(&cy)[0];
    assert_eq!(text(e, "SUMMARY"), format!("Rhaid i {} anfon ateb cam 1 atoch (cyfeirnod HA/2026/0042; lot 7, flat 3)", config.landlord_name));
    let ur = ics(&notes[..1], d(2026, 12, 15), &config, PAGE, &words("ur", &config));
    let ur = unfold(&ur);
    let e = &events(&ur)[0];
    assert_eq!(
        text(e, "SUMMARY"),
        format!("{} کو آپ کو پہلے مرحلے کا جواب بھیجنا ہے (حوالہ نمبر \u{2066}HA/2026/0042; lot 7, flat 3\u{2069})", config.landlord_name)
    );
    let alarm = valarm(e);
    assert!(text(alarm, "DESCRIPTION").starts_with(&format!("کیا {} نے آپ کو پہلے مرحلے کا جواب بھیج دیا ہے؟", config.landlord_name)));
}

#[test]
fn folding_and_escaping_by_hand() {
    use crate::domain::tracker::ics::{escape, fold};
    assert_eq!(escape("a\\b;c,d\ne\r\u{7}"), "a\\\\b\\;c\\,d\\ne");
    let mut out = String::new();
    fold(&mut out, &format!("SUMMARY:{}", "ب".repeat(60)));
    let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
    // 8 octets of name, then 2 octets a letter: 33 letters (74 octets) fit the first line.
    assert_eq!(lines[0].len(), 74);
    assert!(lines[1..].iter().all(|l| l.starts_with(' ') && l.len() <= 75));
    assert_eq!(unfold(&out).trim_end(), format!("SUMMARY:{}", "ب".repeat(60)));
    let mut short = String::new();
    fold(&mut short, "VERSION:2.0");
    assert_eq!(short, "VERSION:2.0\r\n");
}

#[test]
fn reminders_are_at_nine_in_the_uk_summer_or_winter() {
    // British Summer Time 2026: 29 March to 24 October inclusive; 2027
    // from 28 March.
    assert!(!british_summer_time(d(2026, 3, 28)));
    assert!(british_summer_time(d(2026, 3, 29)));
    assert!(british_summer_time(d(2026, 10, 24)));
    assert!(!british_summer_time(d(2026, 10, 25)));
    assert!(british_summer_time(d(2027, 3, 28)));
    let config = LandlordConfig::example();
    // The first event's day and its reminder's trigger.
    let first = |note: Note, today: NaiveDate| {
        let file = unfold(&ics(&[note], today, &config, PAGE, &english(&config)));
        let e = &events(&file)[0];
        (value(e, "DTSTART"), value(valarm(e), "TRIGGER"))
    };
    // Sent Monday 1 June 2026: acknowledge by Monday 8 June, reminded
    // Tuesday 9 June at 09:00 BST (08:00 UTC).
    assert_eq!(first(complaint(Scheme::England, d(2026, 6, 1)), d(2026, 6, 2)), ("20260608".to_owned(), "20260609T080000Z".to_owned()));
    // A Friday deadline is late from Monday: reminded then. Sent Friday
    // 20 November: acknowledge by Friday 27 November.
    assert_eq!(first(complaint(Scheme::England, d(2026, 11, 20)), d(2026, 11, 21)), ("20261127".to_owned(), "20261130T090000Z".to_owned()));
}

/// Sent Monday 23 November 2026 by a landlord whose own policy promised an
/// acknowledgement in 2 working days (Wednesday 25) where the Code allows 5
/// (Monday 30): the landlord's date gets its own event, its reminder the
/// working day after it giving the Code's limit; the Code's keeps its own.
#[test]
fn the_landlords_own_sooner_dates_get_their_own_events() {
    use crate::domain::deadlines::Timescales;
    let config = LandlordConfig::example();
    let promise = Timescales { stage1_acknowledge: 2, ..Timescales::CODE };
    let note = Note { reference: "C-3003".into(), ..complaint(Scheme::England, d(2026, 11, 23)) }.promising(&promise);
    let file = unfold(&ics(std::slice::from_ref(&note), d(2026, 11, 24), &config, PAGE, &english(&config)));
    let all = events(&file);
    let got: Vec<(String, String, String)> = all.iter().map(|e| (value(e, "UID"), value(e, "DTSTART"), text(e, "SUMMARY"))).collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(
        got[0],
        (
            "example-homes-C-3003-stage1_acknowledge-own@putright".to_owned(),
            "20261125".to_owned(),
            "Example Homes said it would acknowledge your complaint by this date (reference C-3003)".to_owned()
        )
    );
    assert_eq!(got[1].0, "example-homes-C-3003-stage1_acknowledge@putright");
    assert_eq!(got[1].1, "20261130");
    // The answer is counted from the acknowledgement's deadline (Code 6.3):
    // 10 working days after the landlord's own date, Wednesday 9 December,
    // and after the Code's, Monday 14 December.
    assert_eq!((got[2].0.as_str(), got[2].1.as_str()), ("example-homes-C-3003-stage1_respond-own@putright", "20261209"));
    assert_eq!((got[3].0.as_str(), got[3].1.as_str()), ("example-homes-C-3003-stage1_respond@putright", "20261214"));
    let own = valarm(&all[0]);
    // Late by its own policy from Thursday 26 November, 09:00 GMT.
    assert_eq!(value(own, "TRIGGER"), "20261126T090000Z");
    assert_eq!(
        text(own, "DESCRIPTION"),
        "Has Example Homes acknowledged your complaint? Its own complaints policy said it would by Wednesday 25 November 2026. \
         Under Code 6.2 it has until Monday 30 November 2026."
    );
    // Once the landlord's date to acknowledge has passed, its event goes;
    // the Code's stays.
    let later = unfold(&ics(std::slice::from_ref(&note), d(2026, 11, 26), &config, PAGE, &english(&config)));
    let uids: Vec<String> = events(&later).iter().map(|e| value(e, "UID")).collect();
    assert_eq!(
        uids,
        [
            "example-homes-C-3003-stage1_acknowledge@putright",
            "example-homes-C-3003-stage1_respond-own@putright",
            "example-homes-C-3003-stage1_respond@putright"
        ]
    );
}
