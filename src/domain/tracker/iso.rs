//! Reading the note's `YYYY-MM-DD` dates by hand. chrono's own `FromStr`
//! (which its serde `Deserialize` uses) brings its general date parser
//! into the wasm for this one shape.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// `"2026-12-14"` as a date; `None` for anything else.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// A date read by [`parse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).map(IsoDate).ok_or_else(|| serde::de::Error::custom("not a YYYY-MM-DD date"))
    }
}

/// For `#[serde(deserialize_with = "iso::date")]`.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    IsoDate::deserialize(d).map(|x| x.0)
}

/// For `#[serde(default, deserialize_with = "iso::option")]`.
pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<IsoDate>::deserialize(d).map(|x| x.map(|x| x.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_chrono_writes_and_nothing_else() {
        for d in [NaiveDate::from_ymd_opt(2026, 12, 14).unwrap(), NaiveDate::from_ymd_opt(1, 1, 1).unwrap(), NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()] {
            assert_eq!(parse(&d.to_string()), Some(d));
            assert_eq!(parse(&d.to_string()), d.to_string().parse().ok());
        }
        for bad in ["", "2026-2-14", "2026-02-30", "2026/02/14", "20260214xx", "２０２６-02-14", "+2026-02-1", "2026-13-01", "abcd-ef-gh"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
