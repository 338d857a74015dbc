//! Words for the resident, in their language.
//!
//! The domain never writes English: it returns a [`Msg`], a message key
//! with named arguments, and a [`Catalogue`] (one JSON file per language,
//! `public/i18n/<locale>.json`, editable without Rust) turns it into text.
//!
//! # The catalogue format
//!
//! A flat JSON object from key to message:
//!
//! ```json
//! {
//!   "@meta": { "locale": "en-GB", "name": "English", "dir": "ltr" },
//!   "check.title": "Check your answers",
//!   "late.missed": "{landlord} should have {did} by {due}.",
//!   "chars.left": { "one": "You have {count} character remaining",
//!                   "other": "You have {count} characters remaining" }
//! }
//! ```
//!
//! - `{name}` is a placeholder, filled from the message's arguments;
//!   `{{` and `}}` are literal braces.
//! - An object instead of a string chooses by the number in `{count}`,
//!   with the CLDR plural categories of the language (`zero`, `one`,
//!   `two`, `few`, `many`, `other`; `other` is required).
//! - A key ending in `@rep` is the wording used when a representative
//!   fills in the form for the resident ("What is the resident's name?").
//! - `@meta` names the language in itself (for the language switch), its
//!   direction, and how numbers are grouped (`"group": ","`,
//!   `"group_min": 4` digits).
//!
//! Dates are written with the catalogue's own names (`date.weekday.1` is
//! Monday, `date.month.1` January) and pattern (`date.long`), so Welsh
//! reads "Dydd Llun 30 Tachwedd 2026".

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// An argument of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Text inserted as it is (a name, what the resident typed).
    Text(String),
    /// Text that must stay left to right inside right-to-left text: phone
    /// numbers, references, postcodes, email addresses.
    Ltr(String),
    /// A date, written long ("Monday 30 November 2026").
    Date(NaiveDate),
    /// A number, grouped the language's way; `count` also picks the plural.
    Num(i64),
    /// Another message, rendered first.
    Msg(Box<Msg>),
}

/// A message key and its arguments: words to show, in no language yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub key: Cow<'static, str>,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: impl Into<Cow<'static, str>>) -> Msg {
        Msg { key: key.into(), args: Vec::new() }
    }
    pub fn arg(mut self, name: &'static str, value: Arg) -> Msg {
        self.args.push((name, value));
        self
    }
    pub fn text(self, name: &'static str, value: impl Into<String>) -> Msg {
        self.arg(name, Arg::Text(value.into()))
    }
    pub fn ltr(self, name: &'static str, value: impl Into<String>) -> Msg {
        self.arg(name, Arg::Ltr(value.into()))
    }
    pub fn date(self, name: &'static str, value: NaiveDate) -> Msg {
        self.arg(name, Arg::Date(value))
    }
    pub fn num(self, name: &'static str, value: impl Into<i64>) -> Msg {
        self.arg(name, Arg::Num(value.into()))
    }
    /// `{count}`: the number that picks the plural form.
    pub fn count(self, value: impl Into<i64>) -> Msg {
        self.num("count", value)
    }
    pub fn msg(self, name: &'static str, value: Msg) -> Msg {
        self.arg(name, Arg::Msg(Box::new(value)))
    }
}

impl From<&'static str> for Msg {
    fn from(key: &'static str) -> Msg {
        Msg::new(key)
    }
}

impl From<String> for Msg {
    fn from(key: String) -> Msg {
        Msg::new(key)
    }
}

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// The cardinal plural category of the whole number `n` in `language`
/// (the primary subtag, e.g. "cy"), from the CLDR plural rules. Languages
/// not listed use "one" for 1 and "other" otherwise.
pub fn plural(language: &str, n: i64) -> Plural {
    use Plural::*;
    let n = n.unsigned_abs();
    let (n10, n100) = (n % 10, n % 100);
    match language {
        // Welsh: 0 zero, 1 one, 2 two, 3 few, 6 many.
        "cy" => match n {
            0 => Zero,
            1 => One,
            2 => Two,
            3 => Few,
            6 => Many,
            _ => Other,
        },
        // Polish (integers): 1 one; 2-4 (not 12-14) few; the rest many.
        "pl" => match n {
            1 => One,
            _ if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => Few,
            _ => Many,
        },
        // Romanian: 1 one; 0 and 2-19 (mod 100) few.
        "ro" => match n {
            1 => One,
            _ if n == 0 || (2..=19).contains(&n100) => Few,
            _ => Other,
        },
        // Arabic.
        "ar" => match n {
            0 => Zero,
            1 => One,
            2 => Two,
            _ if (3..=10).contains(&n100) => Few,
            _ if (11..=99).contains(&n100) => Many,
            _ => Other,
        },
        // Bengali, Farsi, Gujarati, Hindi: "one" for 0 and 1.
        "bn" | "fa" | "gu" | "hi" | "pa" => if n <= 1 { One } else { Other },
        // Lithuanian, Russian, Ukrainian (integers).
        "lt" => match (n10, n100) {
            (1, m) if !(11..=19).contains(&m) => One,
            (2..=9, m) if !(11..=19).contains(&m) => Few,
            _ => Other,
        },
        "ru" | "uk" => match (n10, n100) {
            (1, m) if m != 11 => One,
            (2..=4, m) if !(12..=14).contains(&m) => Few,
            _ => Many,
        },
        // Chinese, Vietnamese: one form.
        "zh" | "vi" => Other,
        _ => if n == 1 { One } else { Other },
    }
}

/// One message in a catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    Text(String),
    /// Forms by plural category, chosen by `{count}`.
    Plural(Vec<(String, String)>),
}

/// One language's messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// BCP 47 tag, e.g. "cy" or "en-GB".
    pub locale: String,
    /// The language named in itself ("Cymraeg").
    pub name: String,
    /// Right to left (Urdu, Arabic, Farsi, Pashto).
    pub rtl: bool,
    group: String,
    group_min: usize,
    entries: HashMap<String, Entry>,
}

/// Why a catalogue could not be read. Names the key, never the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueError(pub String);

impl Catalogue {
    /// Reads a catalogue from its JSON text.
    pub fn from_json(json: &str) -> Result<Catalogue, CatalogueError> {
        let value: Value = serde_json::from_str(json).map_err(|e| CatalogueError(format!("not JSON (line {})", e.line())))?;
        Catalogue::from_value(value)
    }

    /// Reads a catalogue from parsed JSON.
    pub fn from_value(value: Value) -> Result<Catalogue, CatalogueError> {
        let Value::Object(map) = value else { return Err(CatalogueError("must be a JSON object".into())) };
        let mut c = Catalogue { group: ",".into(), group_min: 4, ..Catalogue::default() };
        for (key, v) in map {
            if key == "@meta" {
                let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
                c.locale = s("locale").ok_or_else(|| CatalogueError("@meta.locale is missing".into()))?;
                c.name = s("name").unwrap_or_else(|| c.locale.clone());
                c.rtl = s("dir").as_deref() == Some("rtl");
                if let Some(g) = s("group") {
                    c.group = g;
                }
                if let Some(m) = v.get("group_min").and_then(Value::as_u64) {
                    c.group_min = m as usize;
                }
                continue;
            }
            let entry = match v {
                Value::String(s) => Entry::Text(s),
                Value::Object(forms) => {
                    let forms: Vec<(String, String)> = forms
                        .into_iter()
                        .map(|(k, v)| match v {
                            Value::String(s) => Ok((k, s)),
                            _ => Err(CatalogueError(format!("{key}.{k} must be text"))),
                        })
                        .collect::<Result<_, _>>()?;
                    if !forms.iter().any(|(k, _)| k == "other") {
                        return Err(CatalogueError(format!("{key} needs an \"other\" form")));
                    }
                    Entry::Plural(forms)
                }
                _ => return Err(CatalogueError(format!("{key} must be text or plural forms"))),
            };
            c.entries.insert(key, entry);
        }
        if c.locale.is_empty() {
            return Err(CatalogueError("@meta.locale is missing".into()));
        }
        Ok(c)
    }

    /// Adds or replaces messages from `other` (a landlord's own catalogue).
    pub fn merge(&mut self, other: Catalogue) {
        self.entries.extend(other.entries);
        if !other.name.is_empty() && other.name != other.locale {
            self.name = other.name;
        }
    }

    /// The primary language subtag ("cy" for "cy-GB").
    pub fn language(&self) -> &str {
        self.locale.split(['-', '_']).next().unwrap_or("")
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key, for the completeness tests.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The placeholders a key's text uses, sorted (for the tests that
    /// check every language uses the same ones).
    pub fn placeholders(&self, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        let texts: Vec<&str> = match self.entries.get(key) {
            Some(Entry::Text(t)) => vec![t],
            Some(Entry::Plural(forms)) => forms.iter().map(|(_, t)| t.as_str()).collect(),
            None => vec![],
        };
        for t in texts {
            let mut rest = t;
            while let Some(i) = rest.find('{') {
                rest = &rest[i + 1..];
                if let Some(stripped) = rest.strip_prefix('{') {
                    rest = stripped;
                    continue;
                }
                if let Some(j) = rest.find('}') {
                    let name = rest[..j].to_owned();
                    if !out.contains(&name) {
                        out.push(name);
                    }
                    rest = &rest[j + 1..];
                }
            }
        }
        out.sort();
        out
    }

    /// The plural categories a key defines, if it is a plural.
    pub fn plural_forms(&self, key: &str) -> Option<Vec<&str>> {
        match self.entries.get(key)? {
            Entry::Plural(forms) => Some(forms.iter().map(|(k, _)| k.as_str()).collect()),
            Entry::Text(_) => None,
        }
    }

    fn pattern(&self, key: &str, count: Option<i64>) -> Option<&str> {
        match self.entries.get(key)? {
            Entry::Text(t) => Some(t),
            Entry::Plural(forms) => {
                let cat = plural(self.language(), count.unwrap_or(0)).name();
                forms.iter().find(|(k, _)| k == cat).or_else(|| forms.iter().find(|(k, _)| k == "other")).map(|(_, t)| t.as_str())
            }
        }
    }

    /// A number, grouped the language's way ("2,000" or "2000").
    pub fn number(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        if n < 0 {
            out.push('-');
        }
        if digits.len() < self.group_min.max(1) {
            out.push_str(&digits);
            return out;
        }
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(&self.group);
            }
            out.push(ch);
        }
        out
    }

    /// A date written long in this language.
    pub fn long_date(&self, d: NaiveDate) -> String {
        let weekday = WEEKDAY_KEYS[d.weekday().num_days_from_monday() as usize];
        let month = MONTH_KEYS[(d.month0()) as usize];
        let msg = Msg::new("date.long")
            .text("weekday", self.plain(weekday))
            .num("day", i64::from(d.day()))
            .text("month", self.plain(month))
            .arg("year", Arg::Text(d.year().to_string()));
        self.render(&msg)
    }

    fn plain(&self, key: &str) -> String {
        self.pattern(key, None).unwrap_or(key).to_owned()
    }

    /// Renders `msg`. A key the catalogue lacks renders as the key itself
    /// (the completeness tests make sure that never ships).
    pub fn render(&self, msg: &Msg) -> String {
        self.render_with(msg, &[])
    }

    /// Renders `msg`, with `shared` arguments (the landlord's name and the
    /// like) available to every message.
    pub fn render_with(&self, msg: &Msg, shared: &[(&'static str, Arg)]) -> String {
        let count = msg.args.iter().find(|(k, _)| *k == "count").and_then(|(_, a)| match a {
            Arg::Num(n) => Some(*n),
            _ => None,
        });
        let Some(pattern) = self.pattern(&msg.key, count) else { return msg.key.to_string() };
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut rest = pattern;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let brace = &rest[i..i + 1];
            rest = &rest[i + 1..];
            if let Some(r) = rest.strip_prefix(brace) {
                out.push_str(brace);
                rest = r;
                continue;
            }
            if brace == "}" {
                out.push('}');
                continue;
            }
            let Some(j) = rest.find('}') else {
                out.push('{');
                continue;
            };
            let name = &rest[..j];
            rest = &rest[j + 1..];
            let arg = msg.args.iter().chain(shared.iter()).find(|(k, _)| *k == name).map(|(_, a)| a);
            match arg {
                Some(a) => self.push_arg(&mut out, a, shared),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn push_arg(&self, out: &mut String, arg: &Arg, shared: &[(&'static str, Arg)]) {
        match arg {
            Arg::Text(t) => out.push_str(t),
            Arg::Ltr(t) if self.rtl => {
                // Left-to-right isolate, so "0808 157 0192" keeps its order.
                out.push('\u{2066}');
                out.push_str(t);
                out.push('\u{2069}');
            }
            Arg::Ltr(t) => out.push_str(t),
            Arg::Date(d) => out.push_str(&self.long_date(*d)),
            Arg::Num(n) => out.push_str(&self.number(*n)),
            Arg::Msg(m) => out.push_str(&self.render_with(m, shared)),
        }
    }
}

/// Anything that can put a message into words.
pub trait Render {
    fn render(&self, msg: &Msg) -> String;
}

impl Render for Catalogue {
    fn render(&self, msg: &Msg) -> String {
        Catalogue::render(self, msg)
    }
}

/// The words of one widget: the resident's language, the default language
/// for anything a landlord's own catalogue lacks, and the landlord's
/// details (`{landlord}`, `{ombudsman}`, `{phone}`) that any message may use.
#[derive(Clone, Debug, Default)]
pub struct Words {
    pub lang: Catalogue,
    pub fallback: Option<Catalogue>,
    pub shared: Vec<(&'static str, Arg)>,
}

impl Words {
    pub fn new(lang: Catalogue) -> Words {
        Words { lang, fallback: None, shared: Vec::new() }
    }

    /// Adds an argument every message can use.
    pub fn share(mut self, name: &'static str, value: Arg) -> Words {
        self.shared.push((name, value));
        self
    }

    fn has(&self, key: &str) -> bool {
        self.lang.has(key) || self.fallback.as_ref().is_some_and(|f| f.has(key))
    }

    /// `key@rep` when a representative is filling in the form and that
    /// wording exists, else `key`.
    pub fn variant(&self, key: &str, rep: bool) -> String {
        let alt = format!("{key}@rep");
        if rep && self.has(&alt) {
            alt
        } else {
            key.to_owned()
        }
    }

    /// Whether a message exists: optional texts (a hint) are shown only
    /// when the catalogue has them.
    pub fn exists(&self, key: &str) -> bool {
        self.has(key)
    }
}

impl Render for Words {
    fn render(&self, msg: &Msg) -> String {
        // Nested messages first, each through the fallback if need be.
        let args = msg
            .args
            .iter()
            .map(|(k, a)| match a {
                Arg::Msg(m) => (*k, Arg::Text(self.render(m))),
                other => (*k, other.clone()),
            })
            .collect();
        let flat = Msg { key: msg.key.clone(), args };
        match &self.fallback {
            Some(f) if !self.lang.has(&msg.key) => f.render_with(&flat, &self.shared),
            _ => self.lang.render_with(&flat, &self.shared),
        }
    }
}

/// Catalogue keys of the weekdays, Monday first.
pub const WEEKDAY_KEYS: [&str; 7] =
    ["date.weekday.1", "date.weekday.2", "date.weekday.3", "date.weekday.4", "date.weekday.5", "date.weekday.6", "date.weekday.7"];
/// Catalogue keys of the months, January first.
pub const MONTH_KEYS: [&str; 12] = [
    "date.month.1",
    "date.month.2",
    "date.month.3",
    "date.month.4",
    "date.month.5",
    "date.month.6",
    "date.month.7",
    "date.month.8",
    "date.month.9",
    "date.month.10",
    "date.month.11",
    "date.month.12",
];

/// The catalogues shipped with the widget, for native tests: the same
/// files the browser downloads.
#[cfg(test)]
pub mod shipped {
    use super::Catalogue;

    pub const FILES: [(&str, &str); 1] = [("en-GB", include_str!("../../public/i18n/en-GB.json"))];

    pub fn get(locale: &str) -> Catalogue {
        let (_, json) = FILES.iter().find(|(l, _)| *l == locale).unwrap_or_else(|| panic!("no catalogue {locale}"));
        Catalogue::from_json(json).unwrap_or_else(|e| panic!("{locale}: {e:?}"))
    }

    pub fn english() -> Catalogue {
        get("en-GB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(json: &str) -> Catalogue {
        Catalogue::from_json(json).unwrap()
    }

    #[test]
    fn placeholders_plurals_and_escapes() {
        let c = cat(r#"{"@meta":{"locale":"en-GB"},
            "hi":"Hello {name}, {{not}} {missing}",
            "left":{"one":"{count} day left","other":"{count} days left"}}"#);
        assert_eq!(c.render(&Msg::new("hi").text("name", "Sam")), "Hello Sam, {not} {missing}");
        assert_eq!(c.render(&Msg::new("left").count(1)), "1 day left");
        assert_eq!(c.render(&Msg::new("left").count(2000)), "2,000 days left");
        assert_eq!(c.render(&Msg::new("nope")), "nope");
        assert_eq!(c.placeholders("hi"), vec!["missing", "name"]);
    }

    #[test]
    fn welsh_and_polish_plural_categories() {
        let cy: Vec<_> = (0..8).map(|n| plural("cy", n)).collect();
        use Plural::*;
        assert_eq!(cy, vec![Zero, One, Two, Few, Other, Other, Many, Other]);
        let pl: Vec<_> = [1, 2, 4, 5, 12, 14, 22, 25, 101, 112].iter().map(|n| plural("pl", *n)).collect();
        assert_eq!(pl, vec![One, Few, Few, Many, Many, Many, Few, Many, Many, Many]);
        assert_eq!(plural("ur", 1), One);
        assert_eq!(plural("ur", 0), Other);
        assert_eq!(plural("en", 0), Other);
    }

    #[test]
    fn ltr_isolates_only_in_rtl() {
        let rtl = cat(r#"{"@meta":{"locale":"ur","dir":"rtl"},"call":"فون {phone}"}"#);
        assert_eq!(rtl.render(&Msg::new("call").ltr("phone", "0808 157")), "فون \u{2066}0808 157\u{2069}");
        let ltr = cat(r#"{"@meta":{"locale":"en-GB"},"call":"Call {phone}"}"#);
        assert_eq!(ltr.render(&Msg::new("call").ltr("phone", "0808 157")), "Call 0808 157");
    }

    #[test]
    fn number_grouping_follows_the_catalogue() {
        let pl = cat(r#"{"@meta":{"locale":"pl","group":"\u00a0","group_min":5}}"#);
        assert_eq!(pl.number(2000), "2000");
        assert_eq!(pl.number(12000), "12\u{a0}000");
        let en = cat(r#"{"@meta":{"locale":"en-GB"}}"#);
        assert_eq!(en.number(999), "999");
        assert_eq!(en.number(-1234567), "-1,234,567");
    }

    #[test]
    fn bad_catalogues_name_the_key() {
        assert!(Catalogue::from_json("[]").is_err());
        assert!(Catalogue::from_json(r#"{"a":"b"}"#).is_err(), "no locale");
        let e = Catalogue::from_json(r#"{"@meta":{"locale":"x"},"k":{"one":"a"}}"#).unwrap_err();
        assert!(e.0.contains("k"), "{e:?}");
        let e = Catalogue::from_json(r#"{"@meta":{"locale":"x"},"k":3}"#).unwrap_err();
        assert!(e.0.contains('k'));
    }

    #[test]
    fn landlord_catalogue_overrides_and_adds() {
        let mut base = cat(r#"{"@meta":{"locale":"en-GB","name":"English"},"a":"A","b":"B"}"#);
        base.merge(cat(r#"{"@meta":{"locale":"en-GB"},"b":"Bee","c":"C"}"#));
        assert_eq!(base.render(&"a".into()), "A");
        assert_eq!(base.render(&"b".into()), "Bee");
        assert_eq!(base.render(&"c".into()), "C");
        assert_eq!(base.name, "English");
    }

    #[test]
    fn english_dates() {
        let en = shipped::english();
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(en.long_date(d), "Monday 30 November 2026");
    }
}
