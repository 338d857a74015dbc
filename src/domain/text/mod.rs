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
//! reads "Dydd Llun 30 Tachwedd 2026". Inside a sentence a weekday may
//! take another form: `@meta.weekday_in_text`, and `@meta.weekday_after`
//! after a given word (Welsh "ar ddydd Gwener", Polish "do piątku").

use std::borrow::Cow;

use chrono::NaiveDate;

mod catalogue;
mod plural;

pub use catalogue::{Catalogue, CatalogueError};
pub use plural::{plural, Plural};

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

    pub const FILES: [(&str, &str); 4] = [
        ("en-GB", include_str!("../../../public/i18n/en-GB.json")),
        ("cy", include_str!("../../../public/i18n/cy.json")),
        ("ur", include_str!("../../../public/i18n/ur.json")),
        ("pl", include_str!("../../../public/i18n/pl.json")),
    ];

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

    mod used;

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

    /// Where `text` has digit groups split by a space ("0800 111 999")
    /// outside a left-to-right isolate (U+2066 ... U+2069): in right-to-left
    /// text the groups would show in reverse order ("999 111 0800").
    fn unisolated_number(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut depth = 0usize;
        for (i, c) in chars.iter().enumerate() {
            match c {
                '\u{2066}' | '\u{2067}' | '\u{2068}' => depth += 1,
                '\u{2069}' => depth = depth.saturating_sub(1),
                ' ' | '\u{a0}' if depth == 0 && i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
                    return Some(chars[i.saturating_sub(6)..(i + 7).min(chars.len())].iter().collect());
                }
                _ => {}
            }
        }
        None
    }

    #[test]
    fn a_spaced_number_is_found_outside_an_isolate_only() {
        assert!(unisolated_number("call 0800 111 999 now").is_some_and(|s| s.contains("0800 111")));
        assert!(unisolated_number("1\u{a0}000").is_some());
        assert_eq!(unisolated_number("call \u{2066}0800 111 999\u{2069} now"), None);
        assert_eq!(unisolated_number("999 or 0800"), None, "a word between numbers");
        assert!(unisolated_number("\u{2066}0800\u{2069} 111").is_none(), "one group each side of the isolate");
    }

    /// Phone numbers and the like typed into right-to-left text must be
    /// isolated (U+2066 ... U+2069), or given as a left-to-right argument
    /// (`Msg::ltr`). An example date ("27 3 2026") is three numbers that read
    /// right to left, like the day, month and year boxes: it is marked so
    /// with a right-to-left isolate (U+2067 ... U+2069).
    #[test]
    fn right_to_left_catalogues_isolate_spaced_numbers() {
        let mut rtl = 0;
        for (locale, json) in shipped::FILES {
            if !shipped::get(locale).rtl {
                continue;
            }
            rtl += 1;
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            for (key, v) in value.as_object().unwrap() {
                let texts: Vec<&str> = match v {
                    serde_json::Value::String(s) => vec![s],
                    serde_json::Value::Object(forms) if key != "@meta" => forms.values().filter_map(|f| f.as_str()).collect(),
                    _ => vec![],
                };
                for text in texts {
                    assert_eq!(unisolated_number(text), None, "{locale}: {key} has a number that will show reversed; wrap it in \\u2066...\\u2069 (a date's day month year in \\u2067...\\u2069)");
                }
            }
        }
        assert!(rtl > 0, "Urdu is right to left");
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

    #[test]
    fn every_catalogue_has_exactly_the_english_keys_and_placeholders() {
        let en = shipped::english();
        let mut en_keys: Vec<&str> = en.keys().collect();
        en_keys.sort();
        for (locale, _) in shipped::FILES {
            let c = shipped::get(locale);
            let mut keys: Vec<&str> = c.keys().collect();
            keys.sort();
            let missing: Vec<_> = en_keys.iter().filter(|k| !c.has(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !en.has(k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{locale}: missing {missing:?}, extra {extra:?}");
            for k in &en_keys {
                assert_eq!(c.placeholders(k), en.placeholders(k), "{locale}: {k}");
                // A plural in English is a plural everywhere, with every form its language uses.
                if en.plural_forms(k).is_some() {
                    let mut forms = c.plural_forms(k).unwrap_or_else(|| panic!("{locale}: {k} is not plural"));
                    forms.sort();
                    let mut want: Vec<&str> = match c.language() {
                        "cy" => vec!["zero", "one", "two", "few", "many", "other"],
                        "pl" => vec!["one", "few", "many", "other"],
                        _ => vec!["one", "other"],
                    };
                    want.sort();
                    assert_eq!(forms, want, "{locale}: {k}");
                }
            }
            assert!(!c.name.is_empty() && c.name != c.locale, "{locale} names itself");
        }
    }

    #[test]
    fn dates_and_plurals_in_every_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let cases = [
            ("en-GB", "Monday 30 November 2026", false),
            ("cy", "Dydd Llun 30 Tachwedd 2026", false),
            ("pl", "poniedziałek, 30 listopada 2026", false),
            ("ur", "پیر، 30 نومبر 2026", true),
        ];
        for (locale, want, rtl) in cases {
            let c = shipped::get(locale);
            assert_eq!(c.long_date(d), want, "{locale}");
            assert_eq!(c.rtl, rtl, "{locale}");
        }
        // Each number takes its language's form: Welsh 1 nod, 2 nod...; Polish 1 znak, 2 znaki, 5 znaków.
        let pl = shipped::get("pl");
        let left = |n: i64| pl.render(&Msg::new("chars.left").count(n));
        assert!(left(1).contains("1 znak") && !left(1).contains("znaki"), "{}", left(1));
        assert!(left(2).contains("2 znaki"), "{}", left(2));
        assert!(left(5).contains("5 znaków"), "{}", left(5));
        assert!(left(22).contains("22 znaki"), "{}", left(22));
        assert!(left(12).contains("12 znaków"), "{}", left(12));
        assert_eq!(pl.number(2000), "2000");
        let cy = shipped::get("cy");
        let forms: Vec<String> = [0, 1, 2, 3, 6, 20].iter().map(|n| cy.render(&Msg::new("chars.left").count(*n))).collect();
        for (n, f) in [0, 1, 2, 3, 6, 20].iter().zip(&forms) {
            assert!(f.contains(&n.to_string()), "{f}");
        }
        assert_eq!(forms.iter().collect::<std::collections::HashSet<_>>().len(), 6, "six Welsh forms: {forms:?}");
        let ur = shipped::get("ur");
        assert_ne!(ur.render(&Msg::new("chars.left").count(1)), ur.render(&Msg::new("chars.left").count(2)).replace('2', "1"));
    }

    #[test]
    fn weekdays_inside_a_sentence_take_the_form_the_catalogue_gives() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
        let cy = shipped::get("cy");
        let refused = cy.render(&Msg::new("tracker.refused").date("date", d).text("stage2", "cam 2").text("ombudsman", "yr Ombwdsmon"));
        assert!(refused.starts_with("Ar ddydd Gwener 11 Rhagfyr 2026 fe ddywedon"), "{refused}");
        let receipt = cy.render(&Msg::new("receipt.stage1_acknowledge").date("due", d));
        assert!(receipt.contains("erbyn dydd Gwener 11 Rhagfyr 2026"), "{receipt}");
        let pl = shipped::get("pl");
        let alarm = pl.render(&Msg::new("tracker.ics.own_alarm.stage1_acknowledge").date("due", d).date("limit", d).text("rule", "5.1").text("landlord", "X"));
        assert!(alarm.contains("do piątku, 11 grudnia 2026"), "{alarm}");
        let mine = |pattern: &str| {
            let soft = r#"["ddydd Llun","ddydd Mawrth","ddydd Mercher","ddydd Iau","ddydd Gwener","ddydd Sadwrn","ddydd Sul"]"#;
            let c = cat(&format!(r#"{{"@meta":{{"locale":"cy","weekday_in_text":["dydd Llun","dydd Mawrth","dydd Mercher","dydd Iau","dydd Gwener","dydd Sadwrn","dydd Sul"],"weekday_after":{{"ar":{soft},"tan":{soft}}}}},"date.long":"{{weekday}} {{day}}","date.weekday.5":"Dydd Gwener","m":"{pattern}"}}"#));
            c.render(&Msg::new("m").date("d", d))
        };
        assert_eq!(mine("{d}: da"), "Dydd Gwener 11: da", "a sentence's first word");
        assert_eq!(mine("Erbyn {d}. Wedyn {d}"), "Erbyn dydd Gwener 11. Wedyn dydd Gwener 11");
        assert_eq!(mine("Daeth i ben ar {d}."), "Daeth i ben ar ddydd Gwener 11.");
        assert_eq!(mine("Mae gennych tan {d} (sef {d})"), "Mae gennych tan ddydd Gwener 11 (sef dydd Gwener 11)");
        assert_eq!(mine("Un. {d}"), "Un. Dydd Gwener 11", "after a full stop");
        // A message inside another sees the words before it in the sentence.
        let c = cat(r#"{"@meta":{"locale":"cy","weekday_after":{"ar":["1","2","3","4","ddydd Gwener","6","7"]}},"date.long":"{weekday} {day}","date.weekday.5":"Dydd Gwener","outer":"Daeth i ben ar {inner}","inner":"{d}, yn hwyr"}"#);
        assert_eq!(c.render(&Msg::new("outer").msg("inner", Msg::new("inner").date("d", d))), "Daeth i ben ar ddydd Gwener 11, yn hwyr");
        // English, with no such lists, names the day the same everywhere.
        let en = shipped::get("en-GB");
        assert!(en.render(&Msg::new("tracker.refused").date("date", d).text("stage2", "stage 2").text("ombudsman", "the Ombudsman")).contains("Friday 11 December 2026"));
        // A list of the wrong length is the catalogue's error, named.
        let bad = Catalogue::from_json(r#"{"@meta":{"locale":"cy","weekday_after":{"ar":["ddydd Llun"]}}}"#).unwrap_err();
        assert!(bad.0.contains("@meta.weekday_after.ar"), "{}", bad.0);
        let bad = Catalogue::from_json(r#"{"@meta":{"locale":"cy","weekday_in_text":"dydd"}}"#).unwrap_err();
        assert!(bad.0.contains("@meta.weekday_in_text"), "{}", bad.0);
        // A landlord's own Welsh words keep the shipped forms; a catalogue
        // that declares its own forms brings them.
        let mut cy = shipped::get("cy");
        cy.merge(cat(r#"{"@meta":{"locale":"cy"},"receipt.stage1_acknowledge":"Byddwn ni'n cydnabod eich cwyn erbyn {due}."}"#));
        assert!(cy.render(&Msg::new("receipt.stage1_acknowledge").date("due", d)).contains("erbyn dydd Gwener"));
        let mut en = shipped::get("en-GB");
        en.merge(cat(r#"{"@meta":{"locale":"en-GB","weekday_in_text":["a","b","c","d","friday","f","g"]},"m":"by {d}"}"#));
        assert_eq!(en.render(&Msg::new("m").date("d", d)), "by friday 11 December 2026");
    }
}
