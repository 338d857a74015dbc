//! Field validation. Every checker accepts any Unicode input and never
//! panics: strings are walked by `char`, never sliced by byte index.
//! A failed check is a [`Problem`]; the journey words it in the resident's
//! language with the field's own name ([`Problem::msg`]).


use super::text::Msg;

mod date;

pub use date::{validate_date, DateInput};

/// What is wrong with one answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Required and not given (the field's own `<key>.missing` text).
    Missing,
    /// Longer than the payload allows, in characters.
    TooLong(usize),
    /// Holds control or direction-override characters.
    Hidden,
    Phone,
    Email,
    Postcode,
    Money,
    /// A date with some boxes empty: which (day, month, year).
    DateParts(bool, bool, bool),
    /// A year that is not 4 digits.
    Year,
    /// A date that does not exist.
    RealDate,
    /// A date after today.
    Future,
    /// Anything else, said in full.
    Said(Msg),
}

impl Problem {
    /// The message for a field whose key is `key` (for `<key>.missing`) and
    /// whose name, starting a sentence, is `name`.
    pub fn msg(&self, key: &str, name: Msg) -> Msg {
        let named = |k: &'static str| Msg::new(k).msg("name", name.clone());
        match self {
            Problem::Missing => Msg::new(format!("{key}.missing")),
            Problem::TooLong(max) => named("err.too_long").count(*max as i64),
            Problem::Hidden => named("err.hidden"),
            // Example numbers (Ofcom's, for drama), kept left to right in right-to-left text.
            Problem::Phone => Msg::new("err.phone").ltr("landline", "01632 960 001").ltr("mobile", "07700 900 982"),
            Problem::Email => Msg::new("err.email"),
            Problem::Postcode => Msg::new("err.postcode"),
            Problem::Money => Msg::new("err.money"),
            Problem::DateParts(d, m, y) => named(match (d, m, y) {
                (true, true, _) => "err.date.needs_day_month",
                (true, _, true) => "err.date.needs_day_year",
                (_, true, true) => "err.date.needs_month_year",
                (true, _, _) => "err.date.needs_day",
                (_, true, _) => "err.date.needs_month",
                _ => "err.date.needs_year",
            }),
            Problem::Year => Msg::new("err.date.year"),
            Problem::RealDate => Msg::new("err.date.real"),
            Problem::Future => named("err.date.future"),
            Problem::Said(m) => m.clone(),
        }
    }
}

/// One problem with a payload field, by its dotted path (`"resident.phone"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub path: String,
    pub problem: Problem,
}

impl Invalid {
    pub fn new(path: impl Into<String>, problem: Problem) -> Self {
        Invalid { path: path.into(), problem }
    }
}

/// One error to show: the field's key (the anchor the error summary links
/// to) and the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Msg,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Msg) -> Self {
        FieldError { field: field.into(), message }
    }
}

/// The longest answers the payload takes, in characters. The pages, the
/// case model and the JSON Schema all use these (`payload::LIMITS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Long free text: what went wrong, impact, reasons.
    Long,
    /// Short free text: contact times, location.
    Short,
    /// Names, address lines, languages.
    Name,
    /// References such as a tenancy or complaint reference.
    Reference,
}

impl Limit {
    pub const fn chars(self) -> usize {
        match self {
            Limit::Long => 2000,
            Limit::Short => 200,
            Limit::Name => 100,
            Limit::Reference => 50,
        }
    }
}

/// Characters that never belong in an answer: C0 and C1 controls (but
/// tab, and line breaks where `lines` allows them) and the bidirectional
/// embedding, override and isolate controls, which make text read
/// differently from how it is stored ("Trojan Source").
pub fn is_hidden(c: char, lines: bool) -> bool {
    match c {
        '\t' => false,
        '\n' | '\r' => !lines,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// Characters that show nothing on their own: whitespace, zero-width
/// spaces and joiners, the word joiner, the byte-order mark, the soft
/// hyphen. A value made only of these is empty. (Joiners inside words, as
/// in Urdu or emoji, are kept: only emptiness is judged.)
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' | '\u{034F}')
}

/// True when nothing visible is left once whitespace and invisible
/// characters are taken away.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_invisible)
}

/// Trims whitespace and invisible characters from both ends.
pub fn clean(s: &str) -> String {
    s.trim_matches(is_invisible).to_string()
}

/// `None` for blank input, otherwise the trimmed text.
pub fn clean_optional(s: Option<&str>) -> Option<String> {
    s.filter(|t| !is_blank(t)).map(clean)
}

/// Number of characters as GOV.UK counts them (Unicode scalar values).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Checks free text: required or not, no hidden characters (line breaks
/// only where `lines`), at most `max` characters once trimmed.
pub fn check_text(value: &str, required: bool, lines: bool, max: usize) -> Result<(), Problem> {
    if is_blank(value) {
        return if required { Err(Problem::Missing) } else { Ok(()) };
    }
    if value.chars().any(|c| is_hidden(c, lines)) {
        return Err(Problem::Hidden);
    }
    if char_len(&clean(value)) > max {
        return Err(Problem::TooLong(max));
    }
    Ok(())
}

/// State of a GOV.UK character count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharacterCount {
    pub used: usize,
    pub max: usize,
}

impl CharacterCount {
    /// Counted as [`check_text`] counts: without leading and trailing
    /// spaces, so the count never says "too many" for text it accepts.
    pub fn new(text: &str, max: usize) -> Self {
        CharacterCount { used: char_len(text.trim_matches(is_invisible)), max }
    }

    pub fn is_over(&self) -> bool {
        self.used > self.max
    }

    /// "You have 40 characters remaining" / "You have 12 characters too many".
    pub fn msg(&self) -> Msg {
        if self.is_over() {
            Msg::new("chars.over").count((self.used - self.max) as i64)
        } else {
            Msg::new("chars.left").count((self.max - self.used) as i64)
        }
    }
}

/// Lenient UK phone check: digits with spaces, brackets and dashes; 10 or
/// 11 digits starting 0, or +44 (or 0044) then the number without its
/// leading 0 (an optional "(0)" is allowed). Returns the trimmed input,
/// with Urdu or Arabic digits as 0-9 and without the invisible direction
/// marks a right-to-left keyboard or a copied number can carry.
pub fn validate_phone(input: &str) -> Result<String, Problem> {
    let t: String = date::ascii_digits(input)
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    let t = t.trim();
    if char_len(t) > 40 {
        return Err(Problem::Phone);
    }
    let mut digits = String::new();
    let mut plus = false;
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            '(' | ')' | '-' => {}
            ' ' | '\u{a0}' => {}
            _ => return Err(Problem::Phone),
        }
    }
    let international = if plus { Some(digits.as_str()) } else { digits.strip_prefix("00") };
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
        Err(Problem::Phone)
    }
}

/// The WHATWG rule for `<input type=email>` (the local part is ASCII
/// letters, digits and ``.!#$%&'*+/=?^_`{|}~-``; each domain label is
/// letters, digits and inner hyphens, at most 63 long), plus a domain with
/// a dot and a top-level part of two or more letters, so "name@example"
/// (almost always a typing slip) is caught. Domain labels may be Unicode
/// letters: browsers send those as punycode. Returns the trimmed input.
pub fn validate_email(input: &str) -> Result<String, Problem> {
    let t = input.trim();
    if t.is_empty() || char_len(t) > 254 {
        return Err(Problem::Email);
    }
    let Some((local, domain)) = t.split_once('@') else { return Err(Problem::Email) };
    let atext = |c: char| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c);
    if local.is_empty() || char_len(local) > 64 || !local.chars().all(atext) {
        return Err(Problem::Email);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &str| {
        let n = char_len(l);
        (1..=63).contains(&n)
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c == '-' || c.is_ascii_alphanumeric() || (c.is_alphanumeric() && !c.is_ascii()))
    };
    let tld = labels.last().copied().unwrap_or("");
    if labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) || char_len(tld) < 2 || !tld.chars().all(char::is_alphabetic) {
        return Err(Problem::Email);
    }
    Ok(t.to_string())
}

/// Normalise a UK postcode to upper case with one space ("SW1A 1AA"),
/// accepting any spacing and case. `None` if it is not a real format.
/// GIR 0AA is accepted.
pub fn normalise_postcode(input: &str) -> Option<String> {
    let chars: Vec<char> = input.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
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
    let i: Vec<char> = inward.chars().collect();
    let inward_ok = n(&i[0]) && l(&i[1]) && l(&i[2]);
    let o: Vec<char> = outward.chars().collect();
    let outward_ok = match o.as_slice() {
        [a, b] => l(a) && n(b),                                            // A9
        [a, b, c] => l(a) && ((n(b) && (n(c) || l(c))) || (l(b) && n(c))), // A99, A9A, AA9
        [a, b, c, d] => l(a) && l(b) && n(c) && (n(d) || l(d)),            // AA99, AA9A
        _ => false,
    };
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

/// A real UK postcode, normalised.
pub fn validate_postcode(input: &str) -> Result<String, Problem> {
    normalise_postcode(input).ok_or(Problem::Postcode)
}

/// Parse an amount in pounds ("£1,250.50", "250") into pence. A comma
/// followed by one or two final digits and no point is a decimal comma, as
/// many languages write it ("250,50" is £250.50, not £25,050); otherwise
/// commas group thousands.
pub fn parse_money(input: &str) -> Result<u64, Problem> {
    let mut t: String = input.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if !t.contains('.') {
        if let Some((whole, tail)) = t.rsplit_once(',') {
            if (1..=2).contains(&tail.len()) && tail.chars().all(|c| c.is_ascii_digit()) {
                t = format!("{whole}.{tail}");
            }
        }
    }
    let t: String = t.chars().filter(|c| *c != ',').collect();
    let t = t.strip_prefix('£').unwrap_or(&t);
    let (pounds, pence) = match t.split_once('.') {
        Some((p, c)) => (p, Some(c)),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(pounds) || pounds.len() > 9 {
        return Err(Problem::Money);
    }
    let pence = match pence {
        None => 0,
        Some(p) if digits(p) && p.len() <= 2 => p.parse::<u64>().map_err(|_| Problem::Money)? * if p.len() == 1 { 10 } else { 1 },
        Some(_) => return Err(Problem::Money),
    };
    Ok(pounds.parse::<u64>().map_err(|_| Problem::Money)? * 100 + pence)
}

/// Pence as pounds, without the currency sign: 25050 → "250.50", 25000 → "250".
pub fn format_pounds(pence: u64) -> String {
    if pence.is_multiple_of(100) {
        (pence / 100).to_string()
    } else {
        format!("{}.{:02}", pence / 100, pence % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn date(day: &str, month: &str, year: &str) -> Result<NaiveDate, Problem> {
        validate_date(&DateInput::new(day, month, year), today(), true)
    }

    #[test]
    fn digits_of_other_scripts() {
        // An Urdu keyboard types ۲۳ ۱۱ ۲۰۲۶; an Arabic one ٢٣ ١١ ٢٠٢٦.
        assert_eq!(date("۲۳", "۱۱", "۲۰۲۶"), Ok(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()));
        assert_eq!(date("٢", "٣", "٢٠٢٦"), Ok(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
        assert_eq!(date("２", "３", "２０２６"), Ok(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
        assert_eq!(date("۲۳", "۱۱", "۲۶"), Err(Problem::Year));
        assert_eq!(validate_phone("۰۷۷۰۰ ۹۰۰ ۹۸۲"), Ok("07700 900 982".into()));
        // Pasted from a right-to-left line, wrapped in direction marks.
        assert_eq!(validate_phone("\u{202A}07700 900 982\u{202C}"), Ok("07700 900 982".into()));
        assert_eq!(validate_phone("\u{2066}+44 7700 900982\u{2069}\u{200E}"), Ok("+44 7700 900982".into()));
        assert_eq!(validate_phone("٠٧٧٠٠٩٠٠٩٨٢"), Ok("07700900982".into()));
        assert_eq!(validate_phone("07700\u{202e}900982"), Ok("07700900982".into()));
    }

    #[test]
    fn dates() {
        assert_eq!(date("1", "3", "2026"), Ok(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(date(" 01 ", "Mar", "2026"), date("1", "3", "2026"));
        assert_eq!(date("1", "march", "2026"), date("1", "3", "2026"));
        assert_eq!(date("1", "Sept", "2026"), date("1", "9", "2026"));
        assert_eq!(date("", "", ""), Err(Problem::Missing));
        assert_eq!(date("1", "", "2026"), Err(Problem::DateParts(false, true, false)));
        assert_eq!(date("", "", "2026"), Err(Problem::DateParts(true, true, false)));
        assert_eq!(date("31", "2", "2026"), Err(Problem::RealDate));
        assert_eq!(date("29", "2", "2025"), Err(Problem::RealDate));
        assert!(date("29", "2", "2024").is_ok());
        assert_eq!(date("1", "13", "2026"), Err(Problem::RealDate));
        assert_eq!(date("x", "1", "2026"), Err(Problem::RealDate));
        assert_eq!(date("1", "1", "26"), Err(Problem::Year));
        assert_eq!(date("1", "1", "0999"), Err(Problem::RealDate));
        assert_eq!(date("24", "11", "2026"), Err(Problem::Future));
        assert!(date("23", "11", "2026").is_ok(), "today is allowed");
        assert!(validate_date(&DateInput::new("1", "1", "2030"), today(), false).is_ok());
        let d = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
        assert_eq!(validate_date(&DateInput::from_date(d), today(), true), Ok(d));
    }

    #[test]
    fn problems_are_worded_with_the_field_name() {
        let name = Msg::new("started.name");
        assert_eq!(Problem::Missing.msg("started", name.clone()).key, "started.missing");
        assert_eq!(Problem::DateParts(true, false, true).msg("started", name.clone()).key, "err.date.needs_day_year");
        let m = Problem::TooLong(100).msg("name", name.clone());
        assert_eq!(m.key, "err.too_long");
        assert!(m.args.contains(&("count", crate::domain::text::Arg::Num(100))));
        assert!(m.args.contains(&("name", crate::domain::text::Arg::Msg(Box::new(name)))));
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
            "", "12345", "7700 900 982", "+1 212 555 0100", "0770090098212", "07700 900 98a", "07700+900982",
            "+44 07700 900 9", "+44", "ring me", "07700\u{200b}900982", "٠٧٧٠٠٩٠٠٩",
        ] {
            assert_eq!(validate_phone(bad), Err(Problem::Phone), "{bad}");
        }
    }

    #[test]
    fn the_phone_errors_examples_are_phone_numbers_kept_left_to_right() {
        let msg = Problem::Phone.msg("phone", Msg::new("phone.name"));
        for (_, example) in &msg.args {
            let crate::domain::text::Arg::Ltr(n) = example else { panic!("{example:?}") };
            assert_eq!(validate_phone(n).as_ref(), Ok(n), "{n}");
        }
        let ur = crate::domain::text::shipped::get("ur").render(&msg);
        assert!(ur.contains("\u{2066}01632 960 001\u{2069}") && ur.contains("\u{2066}07700 900 982\u{2069}"), "{ur}");
        let en = crate::domain::text::shipped::english().render(&msg);
        assert_eq!(en, "Enter a phone number, like 01632 960 001 or 07700 900 982");
    }

    #[test]
    fn emails_follow_the_whatwg_rule() {
        for ok in ["name@example.com", " first.last+tag@sub.example.co.uk ", "a@b.io", "o'neil@exämple.com", "x_y-z@example-homes.org.uk"] {
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
            "name@exa_mple.com",
            "<name>@example.com",
            "zoë@example.com",
            "name\u{202e}@example.com",
            "name\u{200b}@example.com",
            "name@exam\u{200b}ple.com",
            "name@example.com\u{0}",
        ] {
            assert_eq!(validate_email(bad), Err(Problem::Email), "{bad:?}");
        }
    }

    #[test]
    fn postcodes() {
        for (input, want) in [
            ("sw1a1aa", "SW1A 1AA"),
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
        for bad in ["", "SW1A", "12345", "SW1A 1A", "SW1A 1AAA", "1W1A 1AA", "SW1A A1A", "S 1AA", "AAA1 1AA", "ŞW1A 1AA", "SW1A-1AA"] {
            assert_eq!(validate_postcode(bad), Err(Problem::Postcode), "{bad}");
        }
    }

    #[test]
    fn character_counts() {
        let text = "x".repeat(1960);
        assert_eq!(CharacterCount::new(&text, 2000).msg(), Msg::new("chars.left").count(40));
        let text = "é".repeat(2012);
        assert_eq!(CharacterCount::new(&text, 2000).msg(), Msg::new("chars.over").count(12));
        assert!(CharacterCount::new("abcd", 3).is_over());
        // Trailing spaces and line breaks are not counted, as check_text does not count them.
        assert!(!CharacterCount::new("abc  \n\n ", 3).is_over());
        assert_eq!(check_text("abc  \n\n ", true, true, 3), Ok(()));
        assert_eq!(check_text(&"😀".repeat(2001), true, true, 2000), Err(Problem::TooLong(2000)));
        assert_eq!(check_text(&"😀".repeat(2000), true, true, 2000), Ok(()));
        assert_eq!(clean_optional(Some("   ")), None);
        assert_eq!(clean_optional(Some(" a ")), Some("a".into()));
    }

    #[test]
    fn invisible_only_text_is_empty() {
        for blank in ["", "   ", "\u{200b}", "\u{200b}\u{200d}\u{feff}", "\u{a0}\u{2060}\u{ad}", " \u{200c} "] {
            assert!(is_blank(blank), "{blank:?}");
            assert_eq!(check_text(blank, true, false, 100), Err(Problem::Missing), "{blank:?}");
            assert_eq!(check_text(blank, false, false, 100), Ok(()), "{blank:?}");
        }
        assert_eq!(clean_optional(Some("\u{200b}")), None);
        assert_eq!(clean("\u{feff} Sam \u{200b}"), "Sam");
    }

    #[test]
    fn control_and_override_characters_are_refused() {
        for bad in ["Sam\u{0}", "Sam\u{1b}[31m", "Sam\u{7f}", "Sam\u{85}x", "\u{202e}maS", "a\u{202a}b", "a\u{2066}b\u{2069}", "a\u{2067}b"] {
            assert_eq!(check_text(bad, true, true, 100), Err(Problem::Hidden), "{bad:?}");
        }
        assert_eq!(check_text("line one\nline two", true, false, 100), Err(Problem::Hidden), "no line breaks in a one-line answer");
        assert_eq!(check_text("line one\r\nline two\ttabbed", true, true, 100), Ok(()));
    }

    #[test]
    fn money() {
        assert_eq!(parse_money("250"), Ok(25_000));
        assert_eq!(parse_money("£1,250.50"), Ok(125_050));
        assert_eq!(parse_money(" £ 12.5 "), Ok(1_250));
        // A decimal comma, as Polish and Welsh keyboards often give it.
        assert_eq!(parse_money("250,50"), Ok(25_050));
        assert_eq!(parse_money("1.250,5"), Err(Problem::Money), "not both");
        assert_eq!(parse_money("1,250"), Ok(125_000), "three digits after a comma: thousands");
        for bad in ["", "£", "abc", "1.234", "1.2.3", "-5", "12.", "9999999999"] {
            assert_eq!(parse_money(bad), Err(Problem::Money), "{bad}");
        }
        assert_eq!(format_pounds(25_050), "250.50");
        assert_eq!(format_pounds(25_000), "250");
        assert_eq!(format_pounds(5), "0.05");
    }

    proptest! {
        #[test]
        fn validators_never_panic(s in "\\PC*", t in ".*", u in "[0-9 +()\\-]{0,20}") {
            for x in [&s, &t, &u] {
                let _ = validate_phone(x);
                let _ = validate_email(x);
                let _ = validate_postcode(x);
                let _ = parse_money(x);
                let _ = check_text(x, true, true, 10);
                let _ = CharacterCount::new(x, 5).msg();
                let _ = validate_date(&DateInput::new(x, x, x), today(), true);
                let _ = validate_date(&DateInput::new(&s, &t, &u), today(), false);
            }
        }

        /// Letters of any script, digits, punctuation and emoji pass unchanged.
        #[test]
        fn real_text_in_any_script_passes_unchanged(
            s in "[\\p{L}\\p{M}\\p{N}\\p{P}\\p{Zs}\\p{So}\u{200c}\u{200d}\u{1F300}-\u{1F64F}]{1,80}"
        ) {
            prop_assume!(!is_blank(&s));
            prop_assert_eq!(check_text(&s, true, false, 2000), Ok(()));
            prop_assert_eq!(clean(&s), s.trim_matches(is_invisible));
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
            prop_assert_eq!(validate_date(&DateInput::from_date(d), today(), false), Ok(d));
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
