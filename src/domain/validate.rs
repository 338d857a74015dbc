//! Field validation with GOV.UK-style messages.
//!
//! Every function accepts any Unicode input and never panics: strings are
//! walked by `char`, never sliced by byte index. Inputs are trimmed first.
//! Each checker returns the cleaned value on success and the message to
//! show on failure.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::month_name;

/// One validation failure, for a GOV.UK error summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path of the field, matching the payload, e.g.
    /// `"resident.phone"` or `"complaint.started_on"`. The UI maps it to
    /// the input's id.
    pub field: String,
    /// Plain-English message, e.g. "Enter a real postcode".
    pub message: String,
}

impl FieldError {
    /// A new error for `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Message for a phone number in the wrong format.
pub const PHONE_FORMAT: &str = "Enter a phone number, like 01632 960 001 or 07700 900 982";
/// Message for an email address in the wrong format.
pub const EMAIL_FORMAT: &str = "Enter an email address in the correct format, like name@example.com";
/// Message for a postcode in the wrong format.
pub const POSTCODE_FORMAT: &str = "Enter a real postcode";
/// Message for a date that cannot exist.
pub const REAL_DATE: &str = "Enter a real date";
/// Message for a year that is not 4 digits.
pub const YEAR_FOUR_DIGITS: &str = "Year must include 4 numbers";
/// Message for an amount of money in the wrong format.
pub const MONEY_FORMAT: &str = "Enter an amount in pounds, like 250 or 250.50";

/// Maximum lengths (in characters) used across the forms.
pub mod limits {
    /// Long free text: what went wrong, impact, reasons.
    pub const LONG_TEXT: usize = 2000;
    /// Short free text: contact times, location, language.
    pub const SHORT_TEXT: usize = 200;
    /// Names and address lines.
    pub const NAME: usize = 100;
    /// References such as a tenancy or complaint reference.
    pub const REFERENCE: usize = 50;
}

/// Trim surrounding whitespace (Unicode aware).
pub fn clean(s: &str) -> String {
    s.trim().to_string()
}

/// `None` for blank input, otherwise the trimmed text.
pub fn clean_optional(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|t| !t.is_empty()).map(String::from)
}

/// Number of characters as GOV.UK counts them (Unicode scalar values).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Check a trimmed value is present, returning `message` if not.
pub fn require(value: &str, message: &str) -> Result<String, String> {
    let t = value.trim();
    if t.is_empty() {
        Err(message.to_string())
    } else {
        Ok(t.to_string())
    }
}

/// "What went wrong must be 2000 characters or less".
pub fn max_chars(label: &str, value: &str, max: usize) -> Result<(), String> {
    if char_len(value.trim()) > max {
        Err(format!("{label} must be {max} characters or less"))
    } else {
        Ok(())
    }
}

/// State of a GOV.UK character count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharacterCount {
    /// Characters used.
    pub used: usize,
    /// The limit.
    pub max: usize,
}

impl CharacterCount {
    /// Count `text` against `max`.
    pub fn new(text: &str, max: usize) -> Self {
        CharacterCount {
            used: char_len(text),
            max,
        }
    }

    /// True when over the limit.
    pub fn is_over(&self) -> bool {
        self.used > self.max
    }

    /// "You have 40 characters remaining" / "You have 12 characters too many".
    pub fn message(&self) -> String {
        let (n, tail) = if self.is_over() {
            (self.used - self.max, "too many")
        } else {
            (self.max - self.used, "remaining")
        };
        let unit = if n == 1 { "character" } else { "characters" };
        format!("You have {n} {unit} {tail}")
    }
}

/// Lenient UK phone check: digits with spaces, brackets and dashes; 10 or
/// 11 digits starting 0, or +44 (or 0044) then the number without its
/// leading 0 (an optional "(0)" is allowed). Returns the trimmed input.
pub fn validate_phone(input: &str) -> Result<String, String> {
    let t = input.trim();
    if char_len(t) > 40 {
        return Err(PHONE_FORMAT.into());
    }
    let mut digits = String::new();
    let mut plus = false;
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            '(' | ')' | '-' => {}
            c if c.is_whitespace() => {}
            _ => return Err(PHONE_FORMAT.into()),
        }
    }
    let international = if plus {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    let ok = match international {
        Some(rest) => match rest.strip_prefix("44") {
            Some(national) => {
                let national = national.strip_prefix('0').unwrap_or(national);
                (9..=10).contains(&national.len()) && !national.starts_with('0')
            }
            None => false,
        },
        None => digits.starts_with('0') && (10..=11).contains(&digits.len()),
    };
    if ok {
        Ok(t.to_string())
    } else {
        Err(PHONE_FORMAT.into())
    }
}

/// Lenient email check: one `@`, a non-empty local part, and a domain with
/// at least one dot. International (Unicode) addresses are accepted.
/// Returns the trimmed input.
pub fn validate_email(input: &str) -> Result<String, String> {
    let t = input.trim();
    let err = || Err(EMAIL_FORMAT.to_string());
    if t.is_empty() || char_len(t) > 254 || t.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return err();
    }
    let mut parts = t.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return err();
    };
    let bad_local = |c: char| "<>()[]\\,;:\"".contains(c);
    if local.is_empty()
        || char_len(local) > 64
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        || local.chars().any(bad_local)
    {
        return err();
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return err();
    }
    for label in &labels {
        if label.is_empty()
            || label.starts_with('-')
            || label.ends_with('-')
            || !label.chars().all(|c| c.is_alphanumeric() || c == '-')
        {
            return err();
        }
    }
    let tld = labels.last().copied().unwrap_or("");
    if char_len(tld) < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
        return err();
    }
    Ok(t.to_string())
}

/// Normalise a UK postcode to upper case with one space ("SW1A 1AA"),
/// accepting any spacing and case. `None` if it is not a real format.
/// GIR 0AA is accepted.
pub fn normalise_postcode(input: &str) -> Option<String> {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&chars.len()) || !chars.iter().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (outward, inward) = chars.split_at(chars.len() - 3);
    let outward: String = outward.iter().collect();
    let inward: String = inward.iter().collect();
    if outward == "GIR" && inward == "0AA" {
        return Some("GIR 0AA".into());
    }
    let l = |c: &char| c.is_ascii_alphabetic();
    let n = |c: &char| c.is_ascii_digit();
    let inward_ok = {
        let i: Vec<char> = inward.chars().collect();
        n(&i[0]) && l(&i[1]) && l(&i[2])
    };
    let o: Vec<char> = outward.chars().collect();
    let outward_ok = match o.as_slice() {
        [a, b] => l(a) && n(b),                                                  // A9
        [a, b, c] => l(a) && ((n(b) && (n(c) || l(c))) || (l(b) && n(c))), // A99, A9A, AA9
        [a, b, c, d] => l(a) && l(b) && n(c) && (n(d) || l(d)),            // AA99, AA9A
        _ => false,
    };
    if inward_ok && outward_ok {
        Some(format!("{outward} {inward}"))
    } else {
        None
    }
}

/// Postcode check with the GOV.UK message.
pub fn validate_postcode(input: &str) -> Result<String, String> {
    normalise_postcode(input).ok_or_else(|| POSTCODE_FORMAT.to_string())
}

/// Parse an amount in pounds ("£1,250.50", "250") into pence.
pub fn parse_money(input: &str) -> Result<u64, String> {
    let t: String = input
        .trim()
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let t = t.strip_prefix('£').unwrap_or(&t);
    let mut parts = t.split('.');
    let pounds = parts.next().unwrap_or("");
    let pence = parts.next();
    if parts.next().is_some()
        || pounds.is_empty()
        || pounds.len() > 9
        || !pounds.chars().all(|c| c.is_ascii_digit())
    {
        return Err(MONEY_FORMAT.into());
    }
    let pence_value = match pence {
        None => 0,
        Some(p) if (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()) => {
            let v: u64 = p.parse().map_err(|_| MONEY_FORMAT.to_string())?;
            if p.len() == 1 {
                v * 10
            } else {
                v
            }
        }
        Some(_) => return Err(MONEY_FORMAT.into()),
    };
    let pounds: u64 = pounds.parse().map_err(|_| MONEY_FORMAT.to_string())?;
    Ok(pounds * 100 + pence_value)
}

/// Format pence as pounds: 25050 → "£250.50", 25000 → "£250".
pub fn format_money(pence: u64) -> String {
    if pence.is_multiple_of(100) {
        format!("£{}", pence / 100)
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

/// The three text boxes of a GOV.UK date input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInput {
    /// Day, e.g. "23".
    pub day: String,
    /// Month as a number or an English name ("11", "Nov", "November").
    pub month: String,
    /// Year, 4 digits.
    pub year: String,
}

impl DateInput {
    /// Build from the three boxes.
    pub fn new(day: &str, month: &str, year: &str) -> Self {
        DateInput {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    /// Fill the boxes from a date (to show a saved answer).
    pub fn from_date(date: NaiveDate) -> Self {
        DateInput {
            day: date.day().to_string(),
            month: date.month().to_string(),
            year: date.year().to_string(),
        }
    }
}

/// Which dates are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRule {
    /// Not after today (today is allowed). Message if later: "… must be in the past".
    NotFuture,
    /// Any real date.
    Any,
}

/// A date input error: the message and which boxes to highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// e.g. "Date the problem started must include a month".
    pub message: String,
    /// Highlight the day box.
    pub day: bool,
    /// Highlight the month box.
    pub month: bool,
    /// Highlight the year box.
    pub year: bool,
}

impl DateError {
    fn all(message: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
            day: true,
            month: true,
            year: true,
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn parse_small_number(s: &str, max_digits: usize) -> Option<u32> {
    if s.is_empty() || s.chars().count() > max_digits || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_month(s: &str) -> Option<u32> {
    if let Some(n) = parse_small_number(s, 2) {
        return Some(n);
    }
    let lower = s.to_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    (1..=12).find(|&m| {
        let name = month_name(m).to_lowercase();
        lower == name || (lower.chars().count() == 3 && name.starts_with(lower.as_str()))
    })
}

/// Validate a GOV.UK date input. `label` is the field's name as used in
/// messages, starting with a capital, e.g. "Date the problem started".
///
/// Messages: "Enter the date the problem started" (all blank), "Date the
/// problem started must include a month" (part missing), "Year must include
/// 4 numbers", "Enter a real date" (impossible), "Date the problem started
/// must be in the past" (future, with [`DateRule::NotFuture`]).
pub fn validate_date(
    label: &str,
    input: &DateInput,
    today: NaiveDate,
    rule: DateRule,
) -> Result<NaiveDate, DateError> {
    let (day, month, year) = (input.day.trim(), input.month.trim(), input.year.trim());
    let missing = [day.is_empty(), month.is_empty(), year.is_empty()];
    if missing.iter().all(|m| *m) {
        return Err(DateError::all(format!("Enter the {}", lower_first(label))));
    }
    if missing.iter().any(|m| *m) {
        let names: Vec<&str> = ["day", "month", "year"]
            .iter()
            .zip(missing)
            .filter(|(_, m)| *m)
            .map(|(n, _)| *n)
            .collect();
        return Err(DateError {
            message: format!("{label} must include a {}", names.join(" and ")),
            day: missing[0],
            month: missing[1],
            year: missing[2],
        });
    }
    let d = parse_small_number(day, 2);
    let m = parse_month(month);
    let year_digits = year.chars().all(|c| c.is_ascii_digit());
    if year_digits && year.chars().count() != 4 {
        return Err(DateError {
            message: YEAR_FOUR_DIGITS.into(),
            day: false,
            month: false,
            year: true,
        });
    }
    let y = parse_small_number(year, 4);
    let date = match (d, m, y) {
        (Some(d), Some(m), Some(y)) if y >= 1900 => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    let Some(date) = date else {
        let day_bad = d.is_none_or(|d| !(1..=31).contains(&d));
        let month_bad = m.is_none_or(|m| !(1..=12).contains(&m));
        let year_bad = y.is_none_or(|y| y < 1900);
        // Each box plausible on its own (31 February): the day is wrong.
        let combination = !(day_bad || month_bad || year_bad);
        return Err(DateError {
            message: REAL_DATE.into(),
            day: day_bad || combination,
            month: month_bad,
            year: year_bad,
        });
    };
    if rule == DateRule::NotFuture && date > today {
        return Err(DateError::all(format!("{label} must be in the past")));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    const L: &str = "Date the problem started";

    fn date(day: &str, month: &str, year: &str) -> Result<NaiveDate, String> {
        validate_date(L, &DateInput::new(day, month, year), today(), DateRule::NotFuture)
            .map_err(|e| e.message)
    }

    #[test]
    fn dates() {
        assert_eq!(date("1", "3", "2026"), Ok(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(date(" 01 ", "Mar", "2026"), date("1", "3", "2026"));
        assert_eq!(date("1", "march", "2026"), date("1", "3", "2026"));
        assert_eq!(date("1", "Sept", "2026"), date("1", "9", "2026"));
        assert_eq!(date("", "", ""), Err("Enter the date the problem started".into()));
        assert_eq!(
            date("1", "", "2026"),
            Err("Date the problem started must include a month".into())
        );
        assert_eq!(
            date("", "", "2026"),
            Err("Date the problem started must include a day and month".into())
        );
        assert_eq!(
            date("4", "", " "),
            Err("Date the problem started must include a month and year".into())
        );
        assert_eq!(date("31", "2", "2026"), Err(REAL_DATE.into()));
        assert_eq!(date("29", "2", "2025"), Err(REAL_DATE.into()));
        assert!(date("29", "2", "2024").is_ok());
        assert_eq!(date("1", "13", "2026"), Err(REAL_DATE.into()));
        assert_eq!(date("x", "1", "2026"), Err(REAL_DATE.into()));
        assert_eq!(date("1", "1", "26"), Err(YEAR_FOUR_DIGITS.into()));
        assert_eq!(date("1", "1", "0999"), Err(REAL_DATE.into()));
        assert_eq!(
            date("24", "11", "2026"),
            Err("Date the problem started must be in the past".into())
        );
        assert!(date("23", "11", "2026").is_ok(), "today is allowed");
        let any = validate_date(L, &DateInput::new("1", "1", "2030"), today(), DateRule::Any);
        assert!(any.is_ok());
    }

    #[test]
    fn date_error_highlights_the_missing_box() {
        let e = validate_date(L, &DateInput::new("1", "", "2026"), today(), DateRule::Any)
            .unwrap_err();
        assert!(!e.day && e.month && !e.year);
        let e = validate_date(L, &DateInput::new("1", "1", "26"), today(), DateRule::Any)
            .unwrap_err();
        assert!(!e.day && !e.month && e.year);
        let e = validate_date(L, &DateInput::new("1", "14", "2026"), today(), DateRule::Any)
            .unwrap_err();
        assert!(!e.day && e.month && !e.year);
        let e = validate_date(L, &DateInput::new("31", "2", "2026"), today(), DateRule::Any)
            .unwrap_err();
        assert!(e.day && !e.month && !e.year);
    }

    #[test]
    fn date_input_round_trips() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
        let input = DateInput::from_date(d);
        assert_eq!(validate_date(L, &input, today(), DateRule::NotFuture), Ok(d));
    }

    #[test]
    fn phones() {
        for ok in [
            "01632 960 001",
            "07700 900 982",
            "07700900982",
            "+44 7700 900 982",
            "+44 (0)1632 960001",
            "0044 1632 960001",
            "(01632) 960-001",
            "020 7946 0000",
            "  0808 157 0192 ",
            "01632\u{a0}960001",
        ] {
            assert_eq!(validate_phone(ok), Ok(ok.trim().to_string()), "{ok}");
        }
        for bad in [
            "",
            "12345",
            "7700 900 982",
            "+1 212 555 0100",
            "0770090098212",
            "07700 900 98a",
            "07700+900982",
            "+44 07700 900 9",
            "+44",
            "ring me",
            "٠٧٧٠٠٩٠٠٩٨٢",
        ] {
            assert_eq!(validate_phone(bad), Err(PHONE_FORMAT.into()), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for ok in [
            "name@example.com",
            " first.last+tag@sub.example.co.uk ",
            "zoë@exämple.com",
            "a@b.io",
        ] {
            assert_eq!(validate_email(ok), Ok(ok.trim().to_string()), "{ok}");
        }
        for bad in [
            "",
            "name",
            "name@",
            "@example.com",
            "name@example",
            "name@@example.com",
            "na me@example.com",
            "name@example..com",
            "name@-example.com",
            "name@example.c",
            "name@1.2",
            ".name@example.com",
            "name.@example.com",
            "name@exa_mple.com",
            "<name>@example.com",
        ] {
            assert_eq!(validate_email(bad), Err(EMAIL_FORMAT.into()), "{bad}");
        }
    }

    #[test]
    fn postcodes() {
        for (input, want) in [
            ("sw1a1aa", "SW1A 1AA"),
            ("SW1A 1AA", "SW1A 1AA"),
            ("  pr2   0et ", "PR2 0ET"),
            ("M1 1AE", "M1 1AE"),
            ("B33 8TH", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
            ("W1A 0AX", "W1A 0AX"),
            ("EC1A 1BB", "EC1A 1BB"),
            ("gir 0aa", "GIR 0AA"),
            ("BT1 5GS", "BT1 5GS"),
        ] {
            assert_eq!(validate_postcode(input), Ok(want.to_string()), "{input}");
        }
        for bad in [
            "", "SW1A", "12345", "SW1A 1A", "SW1A 1AAA", "1W1A 1AA", "SW1A A1A", "S 1AA",
            "AAA1 1AA", "ŞW1A 1AA", "SW1A-1AA",
        ] {
            assert_eq!(validate_postcode(bad), Err(POSTCODE_FORMAT.into()), "{bad}");
        }
    }

    #[test]
    fn character_counts() {
        let text = "x".repeat(1960);
        assert_eq!(CharacterCount::new(&text, 2000).message(), "You have 40 characters remaining");
        let text = "é".repeat(2012);
        assert_eq!(CharacterCount::new(&text, 2000).message(), "You have 12 characters too many");
        assert_eq!(CharacterCount::new("ab", 3).message(), "You have 1 character remaining");
        assert_eq!(CharacterCount::new("abcd", 3).message(), "You have 1 character too many");
        assert!(CharacterCount::new("abcd", 3).is_over());
        assert_eq!(
            max_chars("What went wrong", &"😀".repeat(2001), 2000),
            Err("What went wrong must be 2000 characters or less".into())
        );
        assert_eq!(max_chars("What went wrong", &"😀".repeat(2000), 2000), Ok(()));
        assert_eq!(require("  ", "Enter x"), Err("Enter x".into()));
        assert_eq!(require(" y ", "Enter x"), Ok("y".into()));
        assert_eq!(clean_optional(Some("   ")), None);
        assert_eq!(clean_optional(Some(" a ")), Some("a".into()));
    }

    #[test]
    fn money() {
        assert_eq!(parse_money("250"), Ok(25_000));
        assert_eq!(parse_money("£1,250.50"), Ok(125_050));
        assert_eq!(parse_money(" £ 12.5 "), Ok(1_250));
        for bad in ["", "£", "abc", "1.234", "1.2.3", "-5", "12.", "9999999999"] {
            assert_eq!(parse_money(bad), Err(MONEY_FORMAT.into()), "{bad}");
        }
        assert_eq!(format_money(25_050), "£250.50");
        assert_eq!(format_money(25_000), "£250");
        assert_eq!(format_money(5), "£0.05");
    }

    proptest! {
        #[test]
        fn validators_never_panic(s in "\\PC*", t in ".*", u in "[0-9 +()\\-]{0,20}") {
            for x in [&s, &t, &u] {
                let _ = validate_phone(x);
                let _ = validate_email(x);
                let _ = validate_postcode(x);
                let _ = parse_money(x);
                let _ = max_chars("X", x, 10);
                let _ = CharacterCount::new(x, 5).message();
                let _ = validate_date(x, &DateInput::new(x, x, x), today(), DateRule::NotFuture);
                let _ = validate_date("Date", &DateInput::new(&s, &t, &u), today(), DateRule::Any);
            }
        }

        #[test]
        fn postcode_normalisation_is_idempotent(s in "[A-Za-z0-9 ]{0,10}") {
            if let Some(p) = normalise_postcode(&s) {
                prop_assert_eq!(normalise_postcode(&p), Some(p.clone()));
                prop_assert_eq!(p.chars().filter(|c| *c == ' ').count(), 1);
                prop_assert_eq!(p.to_uppercase(), p);
            }
        }

        #[test]
        fn valid_dates_round_trip(n in 0i64..50_000) {
            let d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(n);
            let got = validate_date("Date", &DateInput::from_date(d), today(), DateRule::Any);
            prop_assert_eq!(got, Ok(d));
        }

        #[test]
        fn uk_mobiles_accepted(rest in "[0-9]{9}") {
            let number = format!("07{rest}");
            prop_assert!(validate_phone(&number).is_ok());
            let spaced = format!("+44 7{} {}", &rest[..4], &rest[4..]);
            prop_assert!(validate_phone(&spaced).is_ok());
        }
    }
}
