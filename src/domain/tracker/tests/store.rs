//! The note as stored and read back, and the one-line definition.

use super::*;
use crate::domain::examples::example_submission;
use serde_json::json;

#[test]
fn a_note_from_the_payload_holds_no_contact_or_health_details() {
    let s = example_submission(CaseKind::Complaint);
    let note = Note::from_submission(&s, " HA-2026-0042 ");
    assert_eq!(note.reference, "HA-2026-0042");
    assert_eq!(note.kind, CaseKind::Complaint);
    assert_eq!(note.sent_on, d(2026, 11, 23));
    assert_eq!(note.scheme, Scheme::England);
    assert_eq!(note.what, "I reported a leak from the bathroom above the kitchen in August. Two repair appointments were\u{2026}");
    let events: Vec<&str> = note.promised.iter().map(|p| p.event.as_str()).collect();
    assert_eq!(events, ["stage1_acknowledge", "stage1_respond", "stage1_extension_limit"]);
    assert_eq!(note.promised[0].due, d(2026, 11, 30));
    let stored = write(std::slice::from_ref(&note));
    for private in [&s.resident.name, s.resident.email.as_ref().unwrap(), s.resident.phone.as_ref().unwrap(), s.resident.postcode.as_ref().unwrap()] {
        assert!(!stored.contains(private.as_str()), "{private} in {stored}");
    }
    assert_eq!(read(&stored), vec![note]);

    // Adjustments may be about health, a representative about someone
    // else: no line kept, and nothing but the note's own fields stored.
    let allowed = ["ref", "kind", "sent", "scheme", "due", "what", "ack", "ans", "ext", "s2_asked", "s2_ack", "s2_ans", "s2_ext"];
    for kind in [CaseKind::AdjustmentsRequest, CaseKind::RepresentativeAuthority] {
        let note = Note::from_submission(&example_submission(kind), "R-1");
        assert_eq!(note.what, "", "{kind:?}");
        let v: serde_json::Value = serde_json::from_str(&write(&[note])).unwrap();
        let fields = v["notes"][0].as_object().unwrap();
        assert!(fields.keys().all(|k| allowed.contains(&k.as_str())), "{fields:?}");
    }
    let service = Note::from_submission(&example_submission(CaseKind::ServiceRequest), "SR-1");
    assert!(!service.what.is_empty() && service.what.chars().count() <= LINE_CHARS);
}

#[test]
fn the_stored_form_is_compact() {
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.acknowledged_on = Some(d(2026, 11, 30));
    let stored = write(&[note]);
    assert_eq!(
        stored,
        r#"{"v":1,"notes":[{"ref":"C-1001","kind":"complaint","sent":"2026-11-23","scheme":"england-hos","what":"The leak in the kitchen ceiling","ack":"2026-11-30"}]}"#
    );
}

#[test]
fn bad_stored_notes_are_dropped_never_a_panic() {
    let good = json!({"ref": "C-1", "kind": "complaint", "sent": "2026-11-23", "scheme": "england-hos"});
    let with = |key: &str, value: serde_json::Value| {
        let mut v = good.clone();
        v[key] = value;
        v
    };
    let notes = json!([
        good,
        with("kind", json!("parking_ticket")),
        with("scheme", json!("mars")),
        with("sent", json!("2026-02-30")),
        with("sent", json!("1066-10-14")),
        with("ref", json!("   ")),
        with("ref", json!("a\u{0}b")),
        with("ref", json!("x".repeat(101))),
        with("ref", json!(42)),
        json!("not a note"),
        json!(null),
        // Unknown fields are ignored, the note kept.
        with("colour", json!("blue")),
        // A bad date recorded is dropped, the note kept.
        with("ans", json!("2026-11-01")),
        with("ack", json!("9999-01-01")),
        with("due", json!([["stage1_respond", "2026-12-14"], ["x", "3000-01-01"], "junk"])),
        with("due", json!([["stage1_respond", "2026-12-14"], ["stage1_acknowledge", "2026-11-30"]])),
    ]);
    let stored = json!({"v": 1, "notes": notes}).to_string();
    let back = read(&stored);
    assert_eq!(back.len(), 6, "{back:?}");
    assert!(back.iter().all(|n| n.reference == "C-1"));
    assert_eq!(back[2].answered_on, None);
    assert_eq!(back[3].acknowledged_on, None);
    // Of the promised dates, only those that can be read and believed.
    assert_eq!(back[4].promised, vec![Promised { event: "stage1_respond".into(), due: d(2026, 12, 14) }]);
    assert_eq!(back[5].promised.len(), 2);
    // A stage 2 date before stage 2 was asked for is dropped.
    let early = json!({"v": 1, "notes": [{"ref": "C-2", "kind": "complaint", "sent": "2026-11-23", "scheme": "england-hos",
        "s2_asked": "2026-12-10", "s2_ans": "2026-12-01"}]});
    let n = &read(&early.to_string())[0];
    assert_eq!((n.stage2_requested_on, n.stage2_answered_on), (Some(d(2026, 12, 10)), None));
    // Whole stores that are not this version or shape read as no notes.
    for bad in ["", "null", "[]", "{", r#"{"v":2,"notes":[]}"#, r#"{"notes":[{"ref":"C-1"}]}"#, r#"{"v":1,"notes":{}}"#, "\u{feff}{}"] {
        assert!(read(bad).is_empty(), "{bad}");
    }
    // Whatever the bytes, reading never panics.
    let sample = write(&[complaint(Scheme::Scotland, d(2026, 11, 23))]);
    for cut in 0..sample.len() {
        let _ = read(&sample[..cut]);
    }
}

#[test]
fn the_one_line_definition_is_cut_at_a_word_and_never_inside_a_character() {
    assert_eq!(one_line("  The boiler\n\nis broken\t again "), "The boiler is broken again");
    let long = "word ".repeat(40);
    let line = one_line(&long);
    assert!(line.ends_with("word\u{2026}") && line.chars().count() <= LINE_CHARS, "{line}");
    // Emoji, each several bytes, some several code points joined: the cut
    // falls at a space.
    let emoji = "Mould 🍄 again 👩‍👩‍👧‍👦 family ill 🤒🤒 ".repeat(6);
    let line = one_line(&emoji);
    assert!(line.chars().count() <= LINE_CHARS, "{line}");
    assert!(emoji.starts_with(line.trim_end_matches('\u{2026}')), "{line}");
    assert!(!line.contains("\u{200d}\u{2026}") && !line.ends_with(" \u{2026}"), "{line}");
    // One long run of joined emoji with no space: cut between whole emoji.
    let family = "👩‍👩‍👧‍👦".repeat(20);
    let line = one_line(&family);
    let kept = line.trim_end_matches('\u{2026}');
    assert!(kept.chars().count() < LINE_CHARS && !kept.is_empty());
    assert_eq!(kept.matches("👩‍👩‍👧‍👦").count() * "👩‍👩‍👧‍👦".chars().count(), kept.chars().count(), "{line}");
    // Flags are two letters each: never one alone.
    let flags = "🇬🇧".repeat(60);
    let kept = one_line(&flags).trim_end_matches('\u{2026}').chars().count();
    assert_eq!(kept % 2, 0);
    // Urdu, right to left, words with vowel marks: cut at a space.
    let urdu = "باورچی خانے کی چھت سے پانی ٹپک رہا ہے اور دیواروں پر پھپھوندی لگ گئی ہے۔ مرمت کے لیے دو بار آنے کا وعدہ کیا گیا مگر کوئی نہیں آیا۔";
    assert!(urdu.chars().count() > LINE_CHARS);
    let line = one_line(urdu);
    let kept = line.trim_end_matches('\u{2026}');
    assert!(line.chars().count() <= LINE_CHARS && urdu.starts_with(kept), "{line}");
    assert_eq!(urdu[kept.len()..].chars().next(), Some(' '), "cut at the end of a word: {line}");
    // A letter with its marks stays whole.
    let marked = format!("{}\u{0301}\u{0301}bc", "a".repeat(98));
    let kept = one_line(&marked);
    assert!(kept.trim_end_matches('\u{2026}').chars().all(|c| c == 'a'), "the marked letter goes whole: {kept}");
}

#[test]
fn expiry_counts_from_the_last_deadline() {
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    // Nothing heard: the last deadline is the stage 1 answer (Monday 14 December).
    assert_eq!(note.last_deadline(), d(2026, 12, 14));
    assert!(!note.expired(d(2027, 12, 14), 12));
    assert!(note.expired(d(2027, 12, 15), 12));
    assert!(!note.expired(d(2029, 12, 14), 36));
    // A promised date later than the scheme's (an extension limit) counts.
    note.promised.push(Promised { event: "stage1_extension_limit".into(), due: d(2026, 12, 30) });
    assert_eq!(note.last_deadline(), d(2026, 12, 30));
    // Stage 2 asked for: its answer is the last.
    note.stage2_requested_on = Some(d(2027, 1, 6));
    assert_eq!(note.last_deadline(), d(2027, 2, 10), "13 January + 20 working days (Code 6.11, 6.14)");
    assert!(note.expired(d(2027, 3, 11), 1));
    assert!(!note.expired(d(2027, 3, 10), 1));
}
