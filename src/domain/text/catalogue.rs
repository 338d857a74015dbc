//! One language's messages, read from its JSON file, and how a message
//! becomes text: placeholders, plurals, numbers and dates.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::{plural, Arg, Msg, MONTH_KEYS, WEEKDAY_KEYS};

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
    /// Weekday names as written inside a sentence, and after a word that
    /// changes them (`@meta.weekday_in_text`, `@meta.weekday_after`).
    weekdays: Weekdays,
    entries: HashMap<String, Entry>,
}

/// How a language writes a weekday that is not the first word of its
/// sentence. Welsh lowercases "dydd" there, and after "ar" or "tan" it
/// takes the soft mutation ("ar ddydd Gwener", not "ar Dydd Gwener");
/// Polish puts it in the genitive after "do" ("do piątku").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Weekdays {
    /// Seven names, Monday first, or none.
    in_text: Vec<String>,
    /// A word, and the seven names that follow it.
    after: Vec<(String, Vec<String>)>,
}

impl Weekdays {
    /// Reads `@meta.weekday_in_text` (seven names) and
    /// `@meta.weekday_after` (an object from a word to seven names).
    fn read(meta: &Value) -> Result<Weekdays, CatalogueError> {
        let seven = |v: &Value, what: &str| -> Result<Vec<String>, CatalogueError> {
            let names: Option<Vec<String>> = v.as_array().and_then(|a| a.iter().map(|i| i.as_str().map(str::to_owned)).collect());
            names.filter(|n| n.len() == 7).ok_or_else(|| CatalogueError(format!("@meta.{what} must be seven names, Monday first")))
        };
        let in_text = match meta.get("weekday_in_text") {
            Some(v) => seven(v, "weekday_in_text")?,
            None => Vec::new(),
        };
        let after = match meta.get("weekday_after") {
            Some(Value::Object(words)) => words.iter().map(|(w, v)| Ok((w.clone(), seven(v, &format!("weekday_after.{w}"))?))).collect::<Result<_, _>>()?,
            Some(_) => return Err(CatalogueError("@meta.weekday_after must map a word to seven names".into())),
            None => Vec::new(),
        };
        Ok(Weekdays { in_text, after })
    }
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
                c.weekdays = Weekdays::read(&v)?;
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
        if other.weekdays != Weekdays::default() {
            self.weekdays = other.weekdays;
        }
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
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&self.group);
            }
            out.push(ch);
        }
        out
    }

    /// A date written long in this language.
    pub fn long_date(&self, d: NaiveDate) -> String {
        self.date_after(d, "")
    }

    /// A date written long after the text `before` (of the same sentence):
    /// at the start of a sentence its weekday is written as in the list of
    /// names, inside one as the catalogue's `@meta` says (see [`Weekdays`]).
    fn date_after(&self, d: NaiveDate, before: &str) -> String {
        let day = d.weekday().num_days_from_monday() as usize;
        let before = before.trim_end();
        let starts = before.is_empty() || before.ends_with(['.', ':', '!', '?']);
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let w = &self.weekdays;
        let weekday = if starts {
            None
        } else if let Some((_, names)) = w.after.iter().find(|(after, _)| after == word) {
            names.get(day)
        } else {
            w.in_text.get(day)
        };
        let weekday = weekday.cloned().unwrap_or_else(|| self.plain(WEEKDAY_KEYS[day]));
        let month = MONTH_KEYS[(d.month0()) as usize];
        let msg = Msg::new("date.long")
            .text("weekday", weekday)
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
        let mut out = String::new();
        self.render_into(&mut out, msg, shared);
        out
    }

    /// Appends `msg` to `out`. A message inside another is written in
    /// place, so a date in it sees the words before it in the same
    /// sentence ([`Self::date_after`]).
    fn render_into(&self, out: &mut String, msg: &Msg, shared: &[(&'static str, Arg)]) {
        let count = msg.args.iter().find(|(k, _)| *k == "count").and_then(|(_, a)| match a {
            Arg::Num(n) => Some(*n),
            _ => None,
        });
        let Some(pattern) = self.pattern(&msg.key, count) else { return out.push_str(&msg.key) };
        out.reserve(pattern.len() + 16);
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
                Some(a) => self.push_arg(out, a, shared),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out.push_str(rest);
    }

    /// Text that must stay left to right (a phone number, reference,
    /// postcode or email address): in a right-to-left language, inside a
    /// left-to-right isolate, so "0808 157 0192" keeps its order.
    pub fn ltr(&self, t: &str) -> String {
        if self.rtl {
            format!("\u{2066}{t}\u{2069}")
        } else {
            t.to_owned()
        }
    }

    fn push_arg(&self, out: &mut String, arg: &Arg, shared: &[(&'static str, Arg)]) {
        match arg {
            Arg::Text(t) => out.push_str(t),
            Arg::Ltr(t) => out.push_str(&self.ltr(t)),
            Arg::Date(d) => {
                let date = self.date_after(*d, out);
                out.push_str(&date);
            }
            Arg::Num(n) => out.push_str(&self.number(*n)),
            Arg::Msg(m) => self.render_into(out, m, shared),
        }
    }
}

