//! The evidence question: where it is asked, how a picked file is made
//! ready, and that what its page takes the payload takes.

use super::super::decl::Ctx;
use super::super::model::{Answers, YesNo};
use super::super::tests::fixtures;
use super::super::{flow, next, ombudsman, restore, route, summary, to_json, to_submission};
use super::*;
use crate::domain::config::LandlordConfig;
use crate::domain::examples::{schema_errors, words};
use crate::domain::text::Render;

const ID: &str = "7d8a4c2e-1b3f-4a5d-9e6c-0f1a2b3c4d5e";
const AT: &str = "2026-11-23T10:15:00+00:00";

fn with<R>(limits: AttachmentLimits, f: impl FnOnce(&Ctx) -> R) -> R {
    let config = LandlordConfig { attachments: limits, ..LandlordConfig::example() };
    f(&Ctx { today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), config: &config })
}

fn on() -> AttachmentLimits {
    AttachmentLimits::recommended()
}

fn file(id: &str, name: &str, t: MediaType, bytes: u64) -> Attachment {
    Attachment { id: id.into(), filename: name.into(), media_type: t, bytes, sha256: "0d".repeat(32) }
}

fn en(m: &Msg) -> String {
    words().render(m)
}

fn keys(a: &Answers, limits: AttachmentLimits) -> Vec<&'static str> {
    with(limits, |c| route(a, c).into_iter().map(|(p, _)| p.key).collect())
}

#[test]
fn asked_after_the_task_s_own_questions_where_evidence_helps() {
    for (kind, a) in fixtures::all() {
        let route = keys(&a, on());
        let asked = route.contains(&"evidence");
        let helps = matches!(kind, "complaint" | "service_request" | "stage2_escalation" | "ombudsman_referral");
        assert_eq!(asked, helps, "{kind}: {route:?}");
        if asked {
            // After what went wrong and before who the resident is.
            let at = route.iter().position(|k| *k == "evidence").unwrap();
            let task_questions = ["outcomes", "request_access", "s2_reasons", "omb_tell"];
            assert!(task_questions.contains(&route[at - 1]), "{kind}: after {}", route[at - 1]);
        }
        // Never when the landlord takes no files.
        assert!(!keys(&a, AttachmentLimits::default()).contains(&"evidence"), "{kind}");
    }
    // A referral the landlord is not told about is not sent, so nothing to attach.
    let mut a = fixtures::ombudsman();
    ombudsman::TELL.set(&mut a, YesNo::No);
    assert!(!keys(&a, on()).contains(&"evidence"));
}

#[test]
fn the_page_is_optional_and_continues_to_the_next_question() {
    let a = fixtures::complaint();
    with(on(), |c| {
        let page = flow::page("evidence").unwrap();
        assert_eq!(page.errors(&a, c), vec![]);
        assert_eq!(next(&a, c, page).key, "want_rep");
    });
}

#[test]
fn photos_become_jpeg_pdfs_stay_as_they_are() {
    let l = on();
    for t in [MediaType::Jpeg, MediaType::Png, MediaType::Webp, MediaType::Heic] {
        assert_eq!(plan(t, &l), Plan::Reencode { to: MediaType::Jpeg, long_side: 2000, quality: QUALITY }, "{t:?}");
    }
    assert_eq!(plan(MediaType::Pdf, &l), Plan::Keep);
    // A landlord that takes no JPEG: PNG and WebP keep their type (still
    // encoded again, so their metadata goes); HEIC stays as it is.
    let no_jpeg = AttachmentLimits { types: vec![MediaType::Png, MediaType::Webp, MediaType::Heic], ..on() };
    assert!(matches!(plan(MediaType::Png, &no_jpeg), Plan::Reencode { to: MediaType::Png, .. }));
    assert!(matches!(plan(MediaType::Webp, &no_jpeg), Plan::Reencode { to: MediaType::Webp, .. }));
    assert_eq!(plan(MediaType::Heic, &no_jpeg), Plan::Keep);
}

#[test]
fn a_photo_sent_as_it_was_is_known_from_its_type() {
    let l = on();
    assert!(kept_as_is(&file("a1", "IMG_0042.heic", MediaType::Heic, 9), &l), "the browser could not make it JPEG");
    assert!(kept_as_is(&file("a1", "plan.png", MediaType::Png, 9), &l), "a PNG stays PNG only if it could not be opened");
    assert!(!kept_as_is(&file("a1", "leak.jpg", MediaType::Jpeg, 9), &l));
    assert!(!kept_as_is(&file("a1", "letter.pdf", MediaType::Pdf, 9), &l), "a document is not a photo");
    // A landlord that takes no JPEG: HEIC is never opened; PNG is encoded again as PNG.
    let no_jpeg = AttachmentLimits { types: vec![MediaType::Png, MediaType::Heic, MediaType::Pdf], ..on() };
    assert!(kept_as_is(&file("a1", "IMG_0042.heic", MediaType::Heic, 9), &no_jpeg));
    assert!(!kept_as_is(&file("a1", "plan.png", MediaType::Png, 9), &no_jpeg));
}

#[test]
fn types_from_the_browser_or_the_name() {
    assert_eq!(media_type("image/jpeg", "x.pdf"), Some(MediaType::Jpeg));
    assert_eq!(media_type("image/gif", "x.jpg"), None, "the browser's word counts when it gives one");
    assert_eq!(media_type("", "IMG_0042.HEIC"), Some(MediaType::Heic));
    assert_eq!(media_type("", "scan.heif"), Some(MediaType::Heic));
    assert_eq!(media_type("", "letter.PDF"), Some(MediaType::Pdf));
    assert_eq!(media_type("", "notes.txt"), None);
    assert_eq!(media_type("", "no extension"), None);
}

#[test]
fn a_photo_encoded_again_is_named_for_its_new_type() {
    assert_eq!(ready_name("IMG_0042.HEIC", MediaType::Heic, MediaType::Jpeg), "IMG_0042.jpg");
    assert_eq!(ready_name("C:\\fakepath\\mould.png", MediaType::Png, MediaType::Jpeg), "mould.jpg");
    assert_eq!(ready_name("kitchen.jpeg", MediaType::Jpeg, MediaType::Jpeg), "kitchen.jpeg");
    assert_eq!(ready_name("damp", MediaType::Png, MediaType::Jpeg), "damp.jpg");
    assert_eq!(ready_name("v1.2 wall", MediaType::Webp, MediaType::Jpeg), "v1.2 wall.jpg");
    assert_eq!(ready_name(".png", MediaType::Png, MediaType::Jpeg), ".png.jpg");
    assert_eq!(ready_name("", MediaType::Heic, MediaType::Jpeg), "file.jpg");
    let long = format!("{}.heic", "a".repeat(300));
    let named = ready_name(&long, MediaType::Heic, MediaType::Jpeg);
    assert!(named.ends_with(".jpg") && named.chars().count() <= 255, "{named}");
}

#[test]
fn each_bad_file_is_refused_in_plain_words_before_any_work() {
    let l = AttachmentLimits { max_files: 2, max_file_bytes: 2_000_000, types: vec![MediaType::Jpeg, MediaType::Pdf], ..on() };
    let say = |name: &str, mime: &str, bytes: u64, have: &[Attachment]| refuse_picked(name, mime, bytes, have, &l).map(|m| en(&m));
    assert_eq!(say("leak.jpg", "image/jpeg", 6_000_000, &[]), None, "a big photo is made smaller first");
    assert_eq!(say("letter.pdf", "application/pdf", 1_500_000, &[]), None);
    assert_eq!(say("letter.pdf", "application/pdf", 2_000_001, &[]).as_deref(), Some("letter.pdf must be 2 MB or smaller"));
    assert_eq!(say("notes.txt", "text/plain", 10, &[]).as_deref(), Some("notes.txt is not a type of file you can send. You can send: JPG, PDF"));
    assert_eq!(say("shot.png", "image/png", 10, &[]).as_deref(), Some("shot.png is not a type of file you can send. You can send: JPG, PDF"));
    assert_eq!(say("blank.pdf", "application/pdf", 0, &[]).as_deref(), Some("blank.pdf is empty"));
    let two = [file("a1", "a.jpg", MediaType::Jpeg, 5), file("a2", "b.jpg", MediaType::Jpeg, 5)];
    assert_eq!(say("c.jpg", "image/jpeg", 5, &two).as_deref(), Some("You can only send up to 2 files"));
    assert_eq!(say("huge.jpg", "image/jpeg", 40_000_001, &[]).as_deref(), Some("huge.jpg must be 2 MB or smaller"));
    // Names are shown clean: no folders, no hidden characters.
    assert_eq!(say("C:\\Users\\sam\\bad\u{202e}.txt", "", 1, &[]).as_deref(), Some("bad.txt is not a type of file you can send. You can send: JPG, PDF"));
}

#[test]
fn a_file_made_ready_is_taken_only_if_send_would_take_it() {
    let l = AttachmentLimits { max_files: 3, max_file_bytes: 2_000_000, max_total_bytes: 3_000_000, ..on() };
    let have = vec![file("a1", "a.jpg", MediaType::Jpeg, 1_500_000)];
    assert_eq!(refuse_ready(&file("a2", "b.jpg", MediaType::Jpeg, 1_000_000), &have, &l), Vec::<Msg>::new());
    let big = refuse_ready(&file("a2", "b.jpg", MediaType::Jpeg, 2_000_001), &have, &l);
    assert_eq!(big.iter().map(en).collect::<Vec<_>>(), ["b.jpg must be 2 MB or smaller"]);
    let total = refuse_ready(&file("a2", "b.jpg", MediaType::Jpeg, 1_600_000), &have, &l);
    assert_eq!(total.iter().map(en).collect::<Vec<_>>(), ["Your files must add up to 3 MB or less. Remove a file, or send smaller ones"]);
    // A problem with a file already taken is not this file's.
    let mut odd = have.clone();
    odd[0].bytes = 0;
    assert_eq!(refuse_ready(&file("a2", "b.jpg", MediaType::Jpeg, 5), &odd, &l), Vec::<Msg>::new());
}

#[test]
fn what_the_page_takes_is_sent_and_the_schema_accepts() {
    for (kind, mut a) in fixtures::all() {
        let files = vec![file("a1", "kitchen ceiling.jpg", MediaType::Jpeg, 482_113), file("a2", "Letter.pdf", MediaType::Pdf, 81_920)];
        FILES.set(&mut a, files.clone());
        with(on(), |c| {
            assert!(route(&a, c).iter().all(|(p, _)| p.passes(&a, c)), "{kind}");
            let s = to_submission(&a, ID, AT, "en-GB", c, &words()).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
            let v = serde_json::to_value(&s).unwrap();
            assert!(schema_errors(&v).is_empty(), "{kind}: {:?}", schema_errors(&v));
            if offered(&a, c) {
                assert_eq!(s.attachments, files, "{kind}");
            } else {
                assert!(s.attachments.is_empty() && v.get("attachments").is_none(), "{kind}: files left from another task are not sent");
            }
        });
        // Files off since they were added: not asked, not sent, never refused.
        with(AttachmentLimits::default(), |c| {
            let s = to_submission(&a, ID, AT, "en-GB", c, &words()).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
            assert!(s.attachments.is_empty(), "{kind}");
        });
    }
}

#[test]
fn files_past_the_limits_are_refused_on_their_own_page() {
    // Limits made smaller since the files were added (a later visit).
    let mut a = fixtures::complaint();
    FILES.set(&mut a, vec![file("a1", "a.jpg", MediaType::Jpeg, 900_000), file("a2", "b.jpg", MediaType::Jpeg, 900_000)]);
    let one = AttachmentLimits { max_files: 1, ..on() };
    let e = with(one.clone(), |c| flow::page("evidence").unwrap().errors(&a, c));
    assert_eq!((e[0].field.as_str(), en(&e[0].message).as_str()), ("evidence", "You can only send 1 file"));
    // And a payload error about a file lands on this question.
    let e = with(one, |c| to_submission(&a, ID, AT, "en-GB", c, &words())).unwrap_err();
    assert!(e.iter().all(|x| x.field == "evidence"), "{e:?}");
}

#[test]
fn check_your_answers_lists_each_file_with_its_size() {
    let mut a = fixtures::complaint();
    FILES.set(&mut a, vec![file("a1", "kitchen ceiling.jpg", MediaType::Jpeg, 482_113), file("a2", "tiny.pdf", MediaType::Pdf, 300)]);
    let w = words();
    let row = with(on(), |c| summary::rows(&a, c, &w)).into_iter().find(|r| r.page == "evidence").unwrap();
    assert_eq!(row.label, "Photos and documents");
    assert_eq!(row.lines, ["kitchen ceiling.jpg (482 KB)\ntiny.pdf (1 KB)"]);
    let none = with(on(), |c| summary::rows(&fixtures::complaint(), c, &w)).into_iter().find(|r| r.page == "evidence").unwrap();
    assert_eq!(none.lines, ["Not given"]);
}

#[test]
fn the_draft_keeps_the_files_list_and_drops_what_the_widget_never_made() {
    let mut a = fixtures::complaint();
    let files = vec![file("0b5d8a0e-4c1f-4f7e-9a51-2f0c6f1d9e11", "leak.jpg", MediaType::Jpeg, 1000)];
    FILES.set(&mut a, files.clone());
    let (back, dropped) = restore(&to_json(&a));
    assert_eq!(FILES.get(&back), files.as_slice());
    assert!(dropped.is_empty());
    let mut j = to_json(&a);
    j["evidence"].as_array_mut().unwrap().extend([
        serde_json::json!({"id": "a 2", "filename": "x.jpg", "media_type": "image/jpeg", "bytes": 5, "sha256": "0d".repeat(32)}),
        serde_json::json!({"id": "a3", "filename": "x.gif", "media_type": "image/gif", "bytes": 5, "sha256": "0d".repeat(32)}),
        serde_json::json!({"id": "a4", "filename": "x.jpg", "media_type": "image/jpeg", "bytes": 0, "sha256": "0d".repeat(32)}),
        serde_json::json!("a5"),
    ]);
    let (back, dropped) = restore(&j);
    assert_eq!(FILES.get(&back), files.as_slice());
    assert_eq!(dropped, ["evidence"]);
    let (back, _) = restore(&serde_json::json!({"evidence": "leak.jpg"}));
    assert!(FILES.get(&back).is_empty());
    // An empty list is no answer at all.
    FILES.set(&mut a, vec![]);
    assert!(a.get("evidence").is_none());
}
