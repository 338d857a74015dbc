//! Every catalogue key is one the code can ask for, so a catalogue does not
//! carry words no one sees (and translators are not asked for them).
//!
//! The code is read as text (`src/` without its tests, and the loader
//! `public/putright.js`). A key is asked for when it is:
//!
//! - a string in the code (`"check.title"`; `key@rep` counts as `key`);
//! - a key pattern in the code with a word from the code in each hole:
//!   `format!("{}.hint", page.key)` with the page's key `"started"`,
//!   `format!("receipt.{}", event)` with `"stage1_respond"`, JavaScript's
//!   `` `hazard.${value}` ``, a choice's value as a word (`Scheme::England`
//!   is `"england-hos"`);
//! - or one of the keys made where a pattern alone would allow too much:
//!   the labels of the choices the pages offer, the tracker's actions and
//!   records, and "what happens next" for each kind of case.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use crate::domain::case::CaseKind;
use crate::domain::choice::Choice;
use crate::domain::config::LandlordConfig;
use crate::domain::journey::{self, Answers, Ctx, Kind};
use crate::domain::text::shipped;
use crate::domain::tracker::{Action, Record};

/// Keys kept though no code asks for them yet, and why.
const KEPT: &[(&str, &str)] = &[];

/// Patterns whose holes come from elsewhere than a pattern in the code:
/// `DeadlineCheck::worded` puts its family ("late", "tracker.status") in front.
const PATTERNS: &[&str] = &["late.{}.{}", "tracker.status.{}.{}"];

/// Patterns left to the keys made below: any word would fit them.
const MADE: &[&str] = &["receipt.then.{}"];

/// The code's text: `src/` without its tests, and the loader.
fn code() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if name != "tests" {
                    walk(&path, out);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" {
                let text = std::fs::read_to_string(&path).expect("read");
                let code = text.split("\n#[cfg(test)]").next().unwrap_or("").to_owned();
                out.push((name, code));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("src"), &mut out);
    out.push(("putright.js".into(), std::fs::read_to_string(root.join("public/putright.js")).expect("read the loader")));
    // Comments may name keys that are no longer asked for.
    out.into_iter()
        .map(|(name, text)| (name, text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")))
        .collect()
}

/// The strings in `text`: Rust's "..."; and '...' and `...` in JavaScript.
fn strings(text: &str, js: bool) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '"' || (js && (c == '\'' || c == '`')) {
                let mut s = String::new();
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => s.extend(chars.next()),
                        d if d == c => {
                            closed = true;
                            break;
                        }
                        d => s.push(d),
                    }
                }
                if closed {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// A pattern's fixed parts, with a hole between each: "receipt.{}" is
/// ["receipt.", ""]; JavaScript's `${...}` is a hole too.
fn parts(pattern: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        let (fixed, hole) = rest.split_at(i);
        out.last_mut().unwrap().push_str(fixed.strip_suffix('$').unwrap_or(fixed));
        let Some(j) = hole.find('}') else { break };
        out.push(String::new());
        rest = &hole[j + 1..];
    }
    out.last_mut().unwrap().push_str(rest);
    out
}

struct Code {
    words: HashSet<String>,
    patterns: Vec<Vec<String>>,
}

impl Code {
    fn read() -> Code {
        let mut words = HashSet::new();
        let mut patterns = Vec::new();
        for (name, text) in code() {
            for s in strings(&text, name.ends_with(".js")) {
                if s.contains('{') {
                    let p = parts(&s);
                    // A pattern of holes only ("{}.{}") would fit any key.
                    if p.iter().any(|f| f.chars().any(char::is_alphanumeric)) && !MADE.contains(&s.as_str()) {
                        patterns.push(p);
                    }
                } else {
                    words.insert(s);
                }
            }
            words.extend(choice_values(&text));
        }
        patterns.extend(PATTERNS.iter().map(|p| parts(p)));
        Code { words, patterns }
    }

    /// Whether `key` fits a pattern; a hole takes a word, or (`depth`)
    /// another pattern's fit ("stage1_answer" from "{}_answer").
    fn fits(&self, key: &str, depth: usize) -> bool {
        self.patterns.iter().any(|p| key.ends_with(p.last().unwrap().as_str()) && self.fill(&p[0], &p[1..], key, depth))
    }

    fn fill(&self, fixed: &str, rest: &[String], s: &str, depth: usize) -> bool {
        let Some(s) = s.strip_prefix(fixed) else { return false };
        let Some((next, rest)) = rest.split_first() else { return s.is_empty() };
        // The hole ends where the next fixed part starts.
        (0..=s.len()).filter(|i| s.is_char_boundary(*i) && s[*i..].starts_with(next.as_str())).any(|i| {
            let (hole, after) = s.split_at(i);
            (self.words.contains(hole) || (depth > 0 && !hole.is_empty() && self.fits(hole, depth - 1))) && self.fill(next, rest, after, depth)
        })
    }
}

/// The values `choices!` gives the variants declared in `text`.
fn choice_values(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for decl in text.split("crate::choices! {").skip(1) {
        let Some(body) = decl.split_once('{').map(|(_, b)| b.split('}').next().unwrap_or("")) else { continue };
        let body: String = body.lines().filter(|l| !l.trim_start().starts_with("///") && !l.trim_start().starts_with("#[")).collect::<Vec<_>>().join("\n");
        for variant in body.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            match variant.split_once('=') {
                Some((_, value)) => out.push(value.trim().trim_matches('"').to_owned()),
                None => out.push(snake(variant)),
            }
        }
    }
    out
}

/// `Stage2Escalation` is "stage2_escalation", as `choices!` spells it.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The keys made in code: every choice a page offers (and its hint), the
/// tracker's actions and records, and what happens next for each kind.
fn made() -> BTreeSet<String> {
    let config = LandlordConfig::example();
    let ctx = Ctx { today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), config: &config };
    let mut out = BTreeSet::new();
    for page in journey::pages() {
        for field in page.fields {
            if let Kind::Radios(options, _) | Kind::Checkboxes(options, _) = field.kind {
                for o in options(&Answers::default(), &ctx) {
                    out.insert(format!("{}.hint", o.label));
                    out.insert(o.label);
                }
            }
        }
    }
    out.extend(Action::ALL.iter().map(|a| a.label()));
    out.extend(Record::ALL.iter().map(|r| r.label()));
    out.extend(CaseKind::ALL.iter().filter_map(|k| journey::receipt::then(*k)).map(|m| m.key.into_owned()));
    out
}

#[test]
fn every_catalogue_key_is_asked_for_by_the_code() {
    let code = Code::read();
    let made = made();
    assert!(made.contains("hazard.gas_smell") && made.contains("receipt.then.service_request"), "{made:?}");
    let english = shipped::english();
    let mut unused: Vec<&str> = english
        .keys()
        .filter(|k| {
            let k = k.strip_suffix("@rep").unwrap_or(k);
            !(code.words.contains(k) || made.contains(k) || code.fits(k, 1) || KEPT.iter().any(|(kept, _)| *kept == k))
        })
        .collect();
    unused.sort();
    assert!(unused.is_empty(), "no code asks for these keys: delete them from every catalogue (or see this test's list of made keys): {unused:?}");
    for (kept, _) in KEPT {
        assert!(english.has(kept), "{kept} is kept but not in the catalogue");
    }
}

#[test]
fn the_reader_finds_strings_patterns_and_choice_values() {
    assert_eq!(strings(r#"t("a.b") + say('c') + `hazard.${v}` + "x\"y""#, true), vec!["a.b", "c", "hazard.${v}", "x\"y"]);
    assert_eq!(strings("f('c')", false), Vec::<String>::new());
    assert_eq!(parts("{}.hint"), vec!["", ".hint"]);
    assert_eq!(parts("hazard.${value}"), vec!["hazard.", ""]);
    assert_eq!(parts("scheme.{}.{part}"), vec!["scheme.", ".", ""]);
    let code = Code { words: ["stage1", "england-hos", "cite", ""].map(String::from).into(), patterns: vec![parts("scheme.{}.{part}"), parts("{}_answer")] };
    assert!(code.fits("scheme.england-hos.cite", 0));
    assert!(!code.fits("scheme.england-hos.stage1_answer", 0) && code.fits("scheme.england-hos.stage1_answer", 1));
    assert!(!code.fits("scheme.england-hos", 1), "the scheme's own name is not asked for");
    let decl = "crate::choices! {\n    /// Doc, with a comma.\n    pub enum Pet in \"pet\" {\n        BigDog, Stage2Cat = \"cat-2\",\n    }\n}";
    assert_eq!(choice_values(decl), vec!["big_dog", "cat-2"]);
}
