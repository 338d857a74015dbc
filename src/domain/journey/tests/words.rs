//! Every question in its own words (each choice shown, sent and copied as
//! its declaration says; the catalogue has every text a declaration names),
//! and each page's checks agreeing with the payload's limits.

use super::*;

// ---------------------------------------------------------------------------
// Every question in its own words.

/// The pages a fixture's route takes, with their fields.
fn answerable(a: &Answers) -> Vec<&'static Page> {
    with_ctx(|c| route(a, c).into_iter().filter(|(p, on)| p.answerable() && *on != On::No).map(|(p, _)| p).collect())
}

#[test]
fn every_choice_is_shown_sent_and_copied_as_its_own_question_says() {
    let w = words();
    let mut checked = 0;
    for (kind, base) in fixtures::all() {
        for page in answerable(&base) {
            for field in page.fields {
                let options = match field.kind {
                    Kind::Radios(o, _) | Kind::Checkboxes(o, _) => with_ctx(|c| o(&base, c)),
                    _ => continue,
                };
                for opt in options {
                    let mut a = base.clone();
                    let value = match field.kind {
                        Kind::Radios(..) => Value::One(opt.value),
                        _ => Value::Many(vec![opt.value]),
                    };
                    a.set(field.key, value);
                    if !field.visible(&a) || !with_ctx(|c| page.passes(&a, c)) {
                        continue; // this choice needs more on its page (e.g. "Something else")
                    }
                    let label = w.render(&Msg::new(opt.label.clone()));
                    let row = with_ctx(|c| summary::row(page, &a, c, &w));
                    assert!(row.lines.iter().any(|l| l.ends_with(&label)), "{kind}: {}={} shows {:?}, not {label:?}", field.key, opt.value, row.lines);
                    let copy = with_ctx(|c| summary::plain(&a, c, &w));
                    assert!(copy.contains(&label), "{kind}: saved copy lacks {label:?}");
                    // Where the payload holds the choice itself, it holds this value.
                    if !field.payload.is_empty() && with_ctx(|c| route(&a, c).iter().all(|(p, _)| p.passes(&a, c))) {
                        if let Ok(s) = with_ctx(|c| to_submission(&a, ID, AT, "en-GB", c, &w)) {
                            let v = serde_json::to_value(&s).unwrap();
                            let at = field.payload.split('.').fold(&v, |v, k| &v[k]);
                            if let Some(sent) = at.as_str() {
                                assert_eq!(sent, opt.value, "{kind}: {} sent as {sent}", field.payload);
                            }
                            assert_valid(&s);
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 60, "checked {checked} choices");
}

#[test]
fn the_catalogue_has_every_text_a_declaration_names() {
    let w = words();
    let has = |k: &str| w.lang.has(k);
    let mut missing = Vec::new();
    let mut need = |k: String| {
        if !has(&k) {
            missing.push(k);
        }
    };
    for p in pages() {
        if p.titled && p.special.is_none() {
            need(format!("{}.title", p.key));
        }
        if p.answerable() {
            need(format!("{}.row", p.key));
        }
        for f in p.fields {
            need(format!("{}.label", f.key));
            need(format!("{}.name", f.key));
            if !f.optional {
                need(format!("{}.missing", f.key));
            }
            if let Kind::Radios(_, d) | Kind::Checkboxes(_, d) = f.kind {
                let base = Answers::default();
                let labels: Vec<String> = match f.kind {
                    Kind::Radios(o, _) | Kind::Checkboxes(o, _) => with_ctx(|c| o(&base, c)).into_iter().map(|o| o.label).collect(),
                    _ => vec![],
                };
                assert_eq!(labels.len(), labels.iter().collect::<std::collections::HashSet<_>>().len(), "{}", f.key);
                labels.into_iter().for_each(&mut need);
                assert!(!d().is_empty());
            }
        }
    }
    assert!(missing.is_empty(), "missing from public/i18n/en-GB.json: {missing:#?}");
}

/// A page's fixed texts are drawn once, with the page (`Wizard::say_now`):
/// so the page that asks who is filling in the form must have no
/// representative wording (`key@rep`) that its own answer would switch to.
/// The texts every question page draws (button, "(optional)", date parts,
/// errors) must have none either.
#[test]
fn the_page_that_sets_the_wording_has_no_wording_of_its_own_to_switch() {
    let w = words();
    let alternatives: Vec<&str> = w.lang.keys().filter_map(|k| k.strip_suffix("@rep")).collect();
    assert!(!alternatives.is_empty(), "the catalogue has representative wording");
    let filler_pages: Vec<&Page> = pages().filter(|p| p.fields.iter().any(|f| f.key == rep::FILLER.0)).collect();
    assert!(!filler_pages.is_empty(), "a page asks who is filling in the form");
    let mut prefixes: Vec<String> = ["button.", "field.", "date.", "errors.", "link.", "note."].map(String::from).to_vec();
    for p in &filler_pages {
        prefixes.push(format!("{}.", p.key));
        prefixes.extend(p.fields.iter().map(|f| format!("{}.", f.key)));
    }
    let drawn: Vec<&&str> = alternatives.iter().filter(|k| prefixes.iter().any(|p| k.starts_with(p.as_str()))).collect();
    assert!(drawn.is_empty(), "representative wording on the page that chooses it: {drawn:?}");
}

// ---------------------------------------------------------------------------
// A page's checks and the payload's agree.

/// Every text field refuses, on its own page and naming itself, what the
/// payload would refuse: too long for the payload's limit, or holding
/// hidden characters.
#[test]
fn what_the_payload_refuses_is_refused_on_its_page_naming_the_field() {
    let mut seen = 0;
    for (kind, base) in fixtures::all() {
        for page in answerable(&base) {
            for f in page.shown(&base) {
                if !matches!(f.kind, Kind::Line(_) | Kind::LongText) {
                    continue;
                }
                let max = f.limit().chars();
                for bad in ["x".repeat(max + 1), "a\u{202e}b".to_owned()] {
                    let mut a = base.clone();
                    a.set(f.key, Value::Text(bad));
                    let errors = with_ctx(|c| page.errors(&a, c));
                    assert!(errors.iter().any(|e| e.field == f.key), "{kind}: {} accepted a value the payload refuses: {errors:?}", f.key);
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 40, "{seen}");
}

#[test]
fn names_and_references_are_limited_on_their_pages_as_the_payload_limits_them() {
    // Pages allowed 200 characters where the payload allowed 100 for names and 50 for references.
    for (key, limit) in [("name", Limit::Name), ("rep_name", Limit::Name), ("s2_reference", Limit::Reference), ("tenancy_ref", Limit::Reference), ("tried_reference", Limit::Reference)] {
        let f = pages().flat_map(|p| p.fields.iter()).find(|f| f.key == key).unwrap();
        assert_eq!(f.limit(), limit, "{key}");
    }
    let mut a = fixtures::complaint();
    about::NAME.set(&mut a, &"n".repeat(101));
    let e = with_ctx(|c| page("name").unwrap().errors(&a, c));
    assert_eq!(en(&e[0].message), "Full name must be 100 characters or fewer");
}
