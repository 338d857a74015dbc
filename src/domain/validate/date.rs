//! The GOV.UK date input: three boxes, kept exactly as typed, and the
//! checks that turn them into a date.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{is_blank, Problem};

/// The three text boxes of a GOV.UK date input, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInput {
    pub day: String,
    /// Month as a number or an English name ("11", "Nov", "November").
    pub month: String,
    pub year: String,
}

impl DateInput {
    pub fn new(day: &str, month: &str, year: &str) -> Self {
        DateInput { day: day.into(), month: month.into(), year: year.into() }
    }

    /// Fill the boxes from a date (to show a saved answer).
    pub fn from_date(date: NaiveDate) -> Self {
        DateInput { day: date.day().to_string(), month: date.month().to_string(), year: date.year().to_string() }
    }

    /// True when all three boxes are empty.
    pub fn is_blank(&self) -> bool {
        is_blank(&self.day) && is_blank(&self.month) && is_blank(&self.year)
    }
}

/// Digits as 0-9: a keyboard for Urdu or Arabic types its own digits
/// (U+06F0-06F9 or U+0660-0669), and a Chinese or Japanese one may type
/// full-width ones (U+FF10-FF19). Anything else is kept as it is.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            c => c,
        })
        .collect()
}

fn parse_small_number(s: &str, max_digits: usize) -> Option<u32> {
    if s.is_empty() || s.chars().count() > max_digits || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

fn parse_month(s: &str) -> Option<u32> {
    if let Some(n) = parse_small_number(s, 2) {
        return Some(n);
    }
    let lower = s.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    (1..=12u32).find(|&m| {
        let name = MONTHS[m as usize - 1];
        lower == name || (lower.chars().count() == 3 && name.starts_with(lower.as_str()))
    })
}

/// Checks a GOV.UK date input: all boxes given, a 4-digit year, a real
/// date from 1900 on, and (with `past`) not after `today`. All boxes
/// blank is [`Problem::Missing`].
pub fn validate_date(input: &DateInput, today: NaiveDate, past: bool) -> Result<NaiveDate, Problem> {
    let (day, month, year) = (ascii_digits(&input.day), ascii_digits(&input.month), ascii_digits(&input.year));
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    let missing = [day.is_empty(), month.is_empty(), year.is_empty()];
    if missing.iter().all(|m| *m) {
        return Err(Problem::Missing);
    }
    if missing.iter().any(|m| *m) {
        return Err(Problem::DateParts(missing[0], missing[1], missing[2]));
    }
    if year.chars().all(|c| c.is_ascii_digit()) && year.chars().count() != 4 {
        return Err(Problem::Year);
    }
    let date = match (parse_small_number(day, 2), parse_month(month), parse_small_number(year, 4)) {
        (Some(d), Some(m), Some(y)) if y >= 1900 => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    let date = date.ok_or(Problem::RealDate)?;
    if past && date > today {
        return Err(Problem::Future);
    }
    Ok(date)
}

