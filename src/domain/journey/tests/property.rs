//! The property the redesign exists for: whenever every page on a route
//! passes its own checks, the payload builds without an error and the JSON
//! Schema accepts it. Answers are generated page by page, as a resident
//! would give them: random choices, random text within and beyond its
//! limit (in any script, with hidden characters now and then), and dates
//! real, impossible, partial or in the future. A page that refuses an
//! answer is answered again, as the resident would be asked to.

use proptest::prelude::*;

use super::super::decl::{Field, Kind, Line, Page, Special};
use super::super::model::{Answers, Value};
use super::super::*;
use super::{today, with_ctx, AT, ID};
use crate::domain::examples::{schema_errors, words};
use crate::domain::payload::{Attachment, MediaType};
use crate::domain::validate::DateInput;

/// A small deterministic generator, so one proptest seed is one resident.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const SAMPLES: &[&str] = &[
    "Sam Resident",
    "Mae'r to yn gollwng ers mis Medi.",
    "ٹوٹی ہوئی کھڑکی",
    "Przeciekający dach 😟",
    "ঘরে স্যাঁতসেঁতে ভাব",
    "Line one\nline two",
    "\u{200b}",
    "  ",
    "a\u{202e}b",
    "x\u{0}y",
    "07700 900 982",
    "sam@example.com",
    "EX1 1AA",
    "150",
    "£1,250.50",
    "nope",
];

fn text(rng: &mut Rng, f: &Field) -> String {
    let max = f.limit().chars();
    match rng.below(6) {
        0 => "é".repeat(max + rng.below(3)),
        1 => "w".repeat(1 + rng.below(max)),
        _ => {
            // Mostly a right answer for its kind, else anything.
            let good = match f.kind {
                Kind::Line(Line::Phone) => "01632 960 001",
                Kind::Line(Line::Email) => "name@example.org",
                Kind::Line(Line::Postcode) => "pr2 0et",
                Kind::Line(Line::Money) => "75.50",
                _ => "Something happened and it matters.",
            };
            if rng.chance(70) { good.to_owned() } else { SAMPLES[rng.below(SAMPLES.len())].to_owned() }
        }
    }
}

fn date(rng: &mut Rng) -> DateInput {
    let pick = |rng: &mut Rng, xs: &[&str]| xs[rng.below(xs.len())].to_owned();
    let days = ["1", "15", "28", "31", "30", "", "x"];
    let months = ["1", "6", "9", "11", "12", "2", "13", ""];
    let years = ["2025", "2026", "2027", "26", "1899", ""];
    if rng.chance(60) {
        // A real date in the past few years.
        let d = today() - chrono::Duration::days(rng.below(900) as i64);
        return DateInput::from_date(d);
    }
    DateInput::new(&pick(rng, &days), &pick(rng, &months), &pick(rng, &years))
}

/// A few files as a device might list them: any type, sizes within and
/// beyond the limits, names in any script or with hidden characters.
fn files(rng: &mut Rng) -> Vec<Attachment> {
    let sizes = [1, 999, 482_113, 9_999_999, 10_000_000, 10_000_001, 0];
    (0..rng.below(5))
        .map(|i| Attachment {
            id: format!("a{i}"),
            filename: format!("{}.{}", SAMPLES[rng.below(SAMPLES.len())], ["jpg", "pdf", "heic"][rng.below(3)]),
            media_type: MediaType::ALL[rng.below(MediaType::ALL.len())],
            bytes: sizes[rng.below(sizes.len())],
            sha256: "0d".repeat(32),
        })
        .collect()
}

/// Gives one answer to `f`.
fn answer(rng: &mut Rng, a: &mut Answers, f: &Field) {
    let value = match f.kind {
        Kind::Radios(options, _) => {
            let opts = with_ctx(|c| options(a, c));
            if opts.is_empty() || rng.chance(8) {
                a.remove(f.key);
                return;
            }
            Value::One(opts[rng.below(opts.len())].value)
        }
        Kind::Checkboxes(options, _) => {
            let opts = with_ctx(|c| options(a, c));
            let mut ticked: Vec<&'static str> = opts.iter().filter(|_| rng.chance(30)).map(|o| o.value).collect();
            if ticked.is_empty() && rng.chance(90) {
                ticked.push(opts[rng.below(opts.len())].value);
            }
            Value::Many(ticked)
        }
        Kind::Line(_) | Kind::LongText => {
            if f.optional && rng.chance(30) {
                Value::Text(String::new())
            } else {
                Value::Text(text(rng, f))
            }
        }
        Kind::Date => Value::Date(date(rng)),
        Kind::Files => Value::Files(files(rng)),
    };
    a.set(f.key, value);
}

/// Answers `p` until it passes, as a resident corrects what is refused.
/// False if it still fails (the resident gave up).
fn settle(rng: &mut Rng, a: &mut Answers, p: &Page) -> bool {
    for _ in 0..25 {
        if !p.answerable() || with_ctx(|c| p.passes(a, c)) {
            break;
        }
        for f in p.fields {
            if f.visible(a) && (rng.chance(60) || with_ctx(|c| f.problem(a, c)).is_some()) {
                answer(rng, a, f);
            }
        }
    }
    with_ctx(|c| p.passes(a, c))
}

/// Walks a random resident from the first page with answers `a` to the
/// end of the route. Returns the answers and the pages shown (the UI's
/// trail) if it reached "Check your answers".
fn walk_on(rng: &mut Rng, mut a: Answers) -> Option<(Answers, Vec<&'static Page>)> {
    let mut p = first();
    let mut trail = Vec::new();
    for _ in 0..120 {
        if p.key == CHECK.key {
            return Some((a, trail));
        }
        if p.special == Some(Special::OmbudsmanSummary) || !settle(rng, &mut a, p) {
            return None;
        }
        trail.push(p);
        p = with_ctx(|c| next(&a, c, p));
    }
    None
}

/// Walks a random resident to the end of a route. Returns the answers if
/// it reached "Check your answers".
fn resident(seed: u64) -> Option<Answers> {
    walk_on(&mut Rng(seed | 1), Answers::default()).map(|(a, _)| a)
}

/// A random resident at "Check your answers" (half the time on a second
/// task, after "Do something else") follows the "Change" link of a random
/// row, gives that page's answers again, and continues as the UI does
/// (each page it is taken to answered until it passes). Returns the
/// answers if it came back to "Check your answers".
fn changed(seed: u64) -> Option<Answers> {
    let mut rng = Rng(seed | 1);
    let (mut a, mut trail) = walk_on(&mut rng, Answers::default())?;
    if rng.chance(50) {
        let next = with_ctx(|c| flow::for_another_task(&a, c));
        (a, trail) = walk_on(&mut rng, next)?;
    }
    trail.push(&CHECK);
    let rows: Vec<&'static Page> = with_ctx(|c| route(&a, c)).into_iter().map(|(p, _)| p).filter(|p| p.answerable()).collect();
    let mut p = rows[rng.below(rows.len())];
    for f in p.fields {
        if f.visible(&a) && rng.chance(70) {
            answer(&mut rng, &mut a, f);
        }
    }
    for _ in 0..120 {
        if p.key == CHECK.key {
            return Some(a);
        }
        if p.special == Some(Special::OmbudsmanSummary) || !settle(&mut rng, &mut a, p) {
            return None;
        }
        let next = with_ctx(|c| next_after_change(&a, c, p, &trail));
        trail.push(p);
        p = next;
    }
    None
}

/// The payload `a` makes, or why Send refused it.
fn send(a: &Answers) -> Result<(), TestCaseError> {
    let built = with_ctx(|c| to_submission(a, ID, AT, "en-GB", c, &words()));
    let s = match built {
        Ok(s) => s,
        Err(e) => return Err(TestCaseError::fail(format!("refused at Send after every page passed: {e:?}\n{:?}", to_json(a)))),
    };
    let v = serde_json::to_value(&s).unwrap();
    let errors = schema_errors(&v);
    prop_assert!(errors.is_empty(), "{:?}\n{}", errors, v);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Pages pass → the payload builds and validates; no error lands on "send".
    #[test]
    fn a_route_whose_pages_all_pass_builds_a_payload_the_schema_accepts(seed in any::<u64>()) {
        if let Some(a) = resident(seed) {
            send(&a)?;
        }
    }

    /// The same after a "Change" link, on a first task or another: an
    /// answer a page takes is never refused at Send.
    #[test]
    fn a_change_from_check_never_leads_to_a_refusal_at_send(seed in any::<u64>()) {
        if let Some(a) = changed(seed) {
            send(&a)?;
        }
    }
}

/// The generator does reach the end of every task, so the property above
/// is not vacuous.
#[test]
fn random_residents_reach_check_on_every_task() {
    let mut kinds = std::collections::BTreeSet::new();
    for seed in 1..4000u64 {
        if let Some(a) = resident(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)) {
            kinds.insert(case_kind(&a).map(crate::domain::choice::Choice::value).unwrap_or("none"));
        }
    }
    assert_eq!(kinds.len(), 6, "{kinds:?}");
}

/// Many random residents do come back to "Check your answers" after a
/// change, so the property after a change is not vacuous either.
#[test]
fn random_residents_come_back_to_check_after_a_change() {
    let back = (1..400u64).filter(|s| changed(s.wrapping_mul(0x9E37_79B9_7F4A_7C15)).is_some()).count();
    assert!(back > 100, "{back} of 399");
}
