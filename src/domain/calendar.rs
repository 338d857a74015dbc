//! UK bank holidays and working-day arithmetic.
//!
//! A working day is Monday to Friday and not a bank holiday in the
//! landlord's [`Region`].
//!
//! **Counting convention.** The day something is received is day 0 and
//! each following working day counts one. Something received on a weekend
//! or bank holiday is treated as received on the next working day, which is
//! then day 0. So a complaint received on Monday 23 November 2026 reaches 5
//! working days on Monday 30 November 2026. A deadline is missed from the
//! first working day after it.
//!
//! **Data.** For 2018 to 2027 the dates are the published ones from the
//! gov.uk bank holidays feed (`https://www.gov.uk/bank-holidays.json`,
//! divisions `england-and-wales`, `scotland`, `northern-ireland`), which
//! include one-off days that no rule predicts. Other years are derived by
//! rule: New Year's Day, Good Friday, Easter Monday (not Scotland), early
//! May (first Monday), spring (last Monday of May), summer (last Monday of
//! August; first Monday of August in Scotland), Christmas Day and Boxing
//! Day, plus 2 January and St Andrew's Day (30 November) in Scotland and
//! St Patrick's Day (17 March) and the Battle of the Boyne (12 July) in
//! Northern Ireland. A fixed-date holiday on a weekend (or on a day already
//! taken by another holiday) moves forward to the next free weekday.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Which set of UK bank holidays applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// `"england-and-wales"` (the default).
    #[default]
    EnglandAndWales,
    /// `"scotland"`.
    Scotland,
    /// `"northern-ireland"`.
    NorthernIreland,
}

impl Region {
    /// The gov.uk division name, e.g. `"england-and-wales"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::EnglandAndWales => "england-and-wales",
            Region::Scotland => "scotland",
            Region::NorthernIreland => "northern-ireland",
        }
    }

    /// Parse a gov.uk division name.
    pub fn parse(s: &str) -> Option<Region> {
        match s.trim() {
            "england-and-wales" => Some(Region::EnglandAndWales),
            "scotland" => Some(Region::Scotland),
            "northern-ireland" => Some(Region::NorthernIreland),
            _ => None,
        }
    }

    fn published(self) -> &'static [u32] {
        match self {
            Region::EnglandAndWales => ENGLAND_AND_WALES,
            Region::Scotland => SCOTLAND,
            Region::NorthernIreland => NORTHERN_IRELAND,
        }
    }
}

/// First and last year for which the published gov.uk dates are shipped.
pub const PUBLISHED_YEARS: (i32, i32) = (2018, 2027);

// Published dates, as YYYY_MM_DD, from https://www.gov.uk/bank-holidays.json.
// One-off days included: 2020-05-08 (early May moved for VE Day),
// 2022-06-02 (spring holiday moved), 2022-06-03 (Platinum Jubilee),
// 2022-09-19 (State Funeral), 2023-05-08 (Coronation).
#[allow(clippy::inconsistent_digit_grouping)]
const ENGLAND_AND_WALES: &[u32] = &[
    2018_01_01, 2018_03_30, 2018_04_02, 2018_05_07, 2018_05_28, 2018_08_27, 2018_12_25, 2018_12_26,
    2019_01_01, 2019_04_19, 2019_04_22, 2019_05_06, 2019_05_27, 2019_08_26, 2019_12_25, 2019_12_26,
    2020_01_01, 2020_04_10, 2020_04_13, 2020_05_08, 2020_05_25, 2020_08_31, 2020_12_25, 2020_12_28,
    2021_01_01, 2021_04_02, 2021_04_05, 2021_05_03, 2021_05_31, 2021_08_30, 2021_12_27, 2021_12_28,
    2022_01_03, 2022_04_15, 2022_04_18, 2022_05_02, 2022_06_02, 2022_06_03, 2022_08_29, 2022_09_19,
    2022_12_26, 2022_12_27,
    2023_01_02, 2023_04_07, 2023_04_10, 2023_05_01, 2023_05_08, 2023_05_29, 2023_08_28, 2023_12_25,
    2023_12_26,
    2024_01_01, 2024_03_29, 2024_04_01, 2024_05_06, 2024_05_27, 2024_08_26, 2024_12_25, 2024_12_26,
    2025_01_01, 2025_04_18, 2025_04_21, 2025_05_05, 2025_05_26, 2025_08_25, 2025_12_25, 2025_12_26,
    2026_01_01, 2026_04_03, 2026_04_06, 2026_05_04, 2026_05_25, 2026_08_31, 2026_12_25, 2026_12_28,
    2027_01_01, 2027_03_26, 2027_03_29, 2027_05_03, 2027_05_31, 2027_08_30, 2027_12_27, 2027_12_28,
];

#[allow(clippy::inconsistent_digit_grouping)]
const SCOTLAND: &[u32] = &[
    2018_01_01, 2018_01_02, 2018_03_30, 2018_05_07, 2018_05_28, 2018_08_06, 2018_11_30, 2018_12_25,
    2018_12_26,
    2019_01_01, 2019_01_02, 2019_04_19, 2019_05_06, 2019_05_27, 2019_08_05, 2019_12_02, 2019_12_25,
    2019_12_26,
    2020_01_01, 2020_01_02, 2020_04_10, 2020_05_08, 2020_05_25, 2020_08_03, 2020_11_30, 2020_12_25,
    2020_12_28,
    2021_01_01, 2021_01_04, 2021_04_02, 2021_05_03, 2021_05_31, 2021_08_02, 2021_11_30, 2021_12_27,
    2021_12_28,
    2022_01_03, 2022_01_04, 2022_04_15, 2022_05_02, 2022_06_02, 2022_06_03, 2022_08_01, 2022_09_19,
    2022_11_30, 2022_12_26, 2022_12_27,
    2023_01_02, 2023_01_03, 2023_04_07, 2023_05_01, 2023_05_08, 2023_05_29, 2023_08_07, 2023_11_30,
    2023_12_25, 2023_12_26,
    2024_01_01, 2024_01_02, 2024_03_29, 2024_05_06, 2024_05_27, 2024_08_05, 2024_12_02, 2024_12_25,
    2024_12_26,
    2025_01_01, 2025_01_02, 2025_04_18, 2025_05_05, 2025_05_26, 2025_08_04, 2025_12_01, 2025_12_25,
    2025_12_26,
    2026_01_01, 2026_01_02, 2026_04_03, 2026_05_04, 2026_05_25, 2026_08_03, 2026_11_30, 2026_12_25,
    2026_12_28,
    2027_01_01, 2027_01_04, 2027_03_26, 2027_05_03, 2027_05_31, 2027_08_02, 2027_11_30, 2027_12_27,
    2027_12_28,
];

#[allow(clippy::inconsistent_digit_grouping)]
const NORTHERN_IRELAND: &[u32] = &[
    2018_01_01, 2018_03_19, 2018_03_30, 2018_04_02, 2018_05_07, 2018_05_28, 2018_07_12, 2018_08_27,
    2018_12_25, 2018_12_26,
    2019_01_01, 2019_03_18, 2019_04_19, 2019_04_22, 2019_05_06, 2019_05_27, 2019_07_12, 2019_08_26,
    2019_12_25, 2019_12_26,
    2020_01_01, 2020_03_17, 2020_04_10, 2020_04_13, 2020_05_08, 2020_05_25, 2020_07_13, 2020_08_31,
    2020_12_25, 2020_12_28,
    2021_01_01, 2021_03_17, 2021_04_02, 2021_04_05, 2021_05_03, 2021_05_31, 2021_07_12, 2021_08_30,
    2021_12_27, 2021_12_28,
    2022_01_03, 2022_03_17, 2022_04_15, 2022_04_18, 2022_05_02, 2022_06_02, 2022_06_03, 2022_07_12,
    2022_08_29, 2022_09_19, 2022_12_26, 2022_12_27,
    2023_01_02, 2023_03_17, 2023_04_07, 2023_04_10, 2023_05_01, 2023_05_08, 2023_05_29, 2023_07_12,
    2023_08_28, 2023_12_25, 2023_12_26,
    2024_01_01, 2024_03_18, 2024_03_29, 2024_04_01, 2024_05_06, 2024_05_27, 2024_07_12, 2024_08_26,
    2024_12_25, 2024_12_26,
    2025_01_01, 2025_03_17, 2025_04_18, 2025_04_21, 2025_05_05, 2025_05_26, 2025_07_14, 2025_08_25,
    2025_12_25, 2025_12_26,
    2026_01_01, 2026_03_17, 2026_04_03, 2026_04_06, 2026_05_04, 2026_05_25, 2026_07_13, 2026_08_31,
    2026_12_25, 2026_12_28,
    2027_01_01, 2027_03_17, 2027_03_26, 2027_03_29, 2027_05_03, 2027_05_31, 2027_07_12, 2027_08_30,
    2027_12_27, 2027_12_28,
];

fn pack(d: NaiveDate) -> u32 {
    // Years handled here are always positive (chrono dates before year 0
    // are not bank-holiday relevant); clamp rather than wrap.
    let y = d.year().max(0) as u32;
    y * 10_000 + d.month() * 100 + d.day()
}

fn unpack(n: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt((n / 10_000) as i32, (n / 100) % 100, n % 100)
}

/// Easter Sunday in the Gregorian calendar (anonymous Gregorian computus).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The last Sunday of `month` (March or October: when UK clocks change).
pub fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = NaiveDate::from_ymd_opt(year, month + 1, 1)?;
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_signed(Duration::days(i64::from(back)))
}

/// The date in the UK at the instant `at`: the day a landlord receives
/// what is sent then, and "today" for every deadline, wherever the
/// resident's clock is set. UK time is GMT, or BST (UTC+1) from 01:00 UTC
/// on the last Sunday in March to 01:00 UTC on the last Sunday in October
/// (Summer Time Order 2002).
pub fn uk_date(at: DateTime<Utc>) -> NaiveDate {
    let utc = at.naive_utc();
    let change = |month| last_sunday(utc.year(), month).and_then(|d| d.and_hms_opt(1, 0, 0));
    let summer = matches!((change(3), change(10)), (Some(from), Some(to)) if from <= utc && utc < to);
    let uk = if summer { utc.checked_add_signed(Duration::hours(1)).unwrap_or(utc) } else { utc };
    uk.date()
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    // The fifth Monday if there is one, otherwise the fourth.
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
}

/// Bank holidays for `year` derived by rule only (no one-off days).
pub fn rule_bank_holidays(year: i32, region: Region) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = Vec::with_capacity(12);
    if let Some(easter) = easter_sunday(year) {
        days.push(easter - Duration::days(2)); // Good Friday
        if region != Region::Scotland {
            days.push(easter + Duration::days(1)); // Easter Monday
        }
    }
    days.extend(first_monday(year, 5)); // early May
    days.extend(last_monday(year, 5)); // spring
    days.extend(match region {
        Region::Scotland => first_monday(year, 8),
        _ => last_monday(year, 8),
    }); // summer
    let fixed: &[(u32, u32)] = match region {
        Region::EnglandAndWales => &[(1, 1), (12, 25), (12, 26)],
        Region::Scotland => &[(1, 1), (1, 2), (11, 30), (12, 25), (12, 26)],
        Region::NorthernIreland => &[(1, 1), (3, 17), (7, 12), (12, 25), (12, 26)],
    };
    for &(month, day) in fixed {
        let Some(mut d) = NaiveDate::from_ymd_opt(year, month, day) else {
            continue;
        };
        // Substitute: move forward to the next weekday not already a holiday.
        while is_weekend(d) || days.contains(&d) {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        days.push(d);
    }
    days.sort();
    days.dedup();
    days
}

/// Bank holidays for `year` in `region`: the published gov.uk dates for
/// 2018 to 2027, otherwise derived by rule.
pub fn bank_holidays(year: i32, region: Region) -> Vec<NaiveDate> {
    if (PUBLISHED_YEARS.0..=PUBLISHED_YEARS.1).contains(&year) {
        let y = year as u32;
        region
            .published()
            .iter()
            .filter(|&&n| n / 10_000 == y)
            .filter_map(|&n| unpack(n))
            .collect()
    } else {
        rule_bank_holidays(year, region)
    }
}

/// Is `date` a bank holiday in `region`?
pub fn is_bank_holiday(date: NaiveDate, region: Region) -> bool {
    let year = date.year();
    if (PUBLISHED_YEARS.0..=PUBLISHED_YEARS.1).contains(&year) {
        region.published().binary_search(&pack(date)).is_ok()
    } else {
        rule_bank_holidays(year, region).contains(&date)
    }
}

/// A date beyond what the calendar can count to (chrono's `NaiveDate::MAX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange;

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the date is beyond the calendar's range")
    }
}

impl std::error::Error for OutOfRange {}

/// Working-day arithmetic for one bank-holiday region.
///
/// See the module docs for the counting convention (received day is day 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Whose bank holidays apply.
    pub region: Region,
}

impl Calendar {
    /// A calendar for `region`.
    pub fn new(region: Region) -> Self {
        Calendar { region }
    }

    /// Monday to Friday and not a bank holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !is_bank_holiday(date, self.region)
    }

    /// The first working day strictly after `date`; an error past the last
    /// date the calendar can hold.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        let mut d = date;
        loop {
            d = d.succ_opt().ok_or(OutOfRange)?;
            if self.is_working_day(d) {
                return Ok(d);
            }
        }
    }

    /// Day 0 for something received on `received`: that day if it is a
    /// working day, otherwise the next working day.
    pub fn day_zero(&self, received: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        if self.is_working_day(received) {
            Ok(received)
        } else {
            self.next_working_day(received)
        }
    }

    /// The date `n` working days after `received`, where `received` (or the
    /// next working day, if it is not one) is day 0. Always a working day;
    /// an error past the last date the calendar can hold.
    ///
    /// Received Monday 23 November 2026, 5 working days → Monday 30 November 2026.
    pub fn add_working_days(&self, received: NaiveDate, n: u32) -> Result<NaiveDate, OutOfRange> {
        let mut d = self.day_zero(received)?;
        for _ in 0..n {
            d = self.next_working_day(d)?;
        }
        Ok(d)
    }

    /// How many working days fall after `from` up to and including `to`
    /// (0 if `to` is not after `from`). Inverse of [`Calendar::add_working_days`]:
    /// `working_days_after(day_zero(r), add_working_days(r, n)) == n`.
    ///
    /// This is also "late by": the working days after a deadline up to and
    /// including today.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut d = from;
        while d < to {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
            if self.is_working_day(d) {
                count += 1;
            }
        }
        count
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    const EW: Calendar = Calendar {
        region: Region::EnglandAndWales,
    };
    const SC: Calendar = Calendar {
        region: Region::Scotland,
    };
    const NI: Calendar = Calendar {
        region: Region::NorthernIreland,
    };

    #[test]
    fn uk_date_follows_gmt_and_british_summer_time() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // Winter: GMT, the UTC date.
        assert_eq!(uk_date(at("2026-11-23T23:59:59Z")), d(2026, 11, 23));
        assert_eq!(uk_date(at("2026-11-24T00:30:00+01:00")), d(2026, 11, 23));
        assert_eq!(uk_date(at("2026-11-23T21:00:00-05:00")), d(2026, 11, 24));
        // Summer: 23:00 UTC is midnight in the UK.
        assert_eq!(uk_date(at("2026-07-01T22:59:59Z")), d(2026, 7, 1));
        assert_eq!(uk_date(at("2026-07-01T23:00:00Z")), d(2026, 7, 2));
        // The clocks go forward at 01:00 UTC on Sunday 29 March 2026 and
        // back at 01:00 UTC on Sunday 25 October 2026.
        assert_eq!(uk_date(at("2026-03-28T23:30:00Z")), d(2026, 3, 28));
        assert_eq!(uk_date(at("2026-03-29T23:30:00Z")), d(2026, 3, 30));
        assert_eq!(uk_date(at("2026-10-24T23:30:00Z")), d(2026, 10, 25));
        assert_eq!(uk_date(at("2026-10-25T23:30:00Z")), d(2026, 10, 25));
        // New Year's Eve in Karachi is still the old year in the UK.
        assert_eq!(uk_date(at("2027-01-01T02:00:00+05:00")), d(2026, 12, 31));
        // The edges of chrono's range: no panic.
        assert_eq!(uk_date(DateTime::<Utc>::MAX_UTC), NaiveDate::MAX);
        assert_eq!(uk_date(DateTime::<Utc>::MIN_UTC), NaiveDate::MIN);
    }

    #[test]
    fn the_calendars_edges_are_errors_not_panics() {
        for cal in [EW, SC, NI] {
            // Nothing after the last date chrono holds.
            assert_eq!(cal.next_working_day(NaiveDate::MAX), Err(OutOfRange));
            assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), Err(OutOfRange));
            assert_eq!(cal.add_working_days(NaiveDate::MAX - Duration::days(3), 10), Err(OutOfRange));
            let last_working = cal.day_zero(NaiveDate::MAX - Duration::days(6)).unwrap();
            assert!(cal.is_working_day(last_working) && last_working <= NaiveDate::MAX);
            // Counting forward from the first date works.
            let zero = cal.day_zero(NaiveDate::MIN).unwrap();
            let later = cal.add_working_days(NaiveDate::MIN, 10).unwrap();
            assert_eq!(cal.working_days_after(zero, later), 10);
            assert_eq!(cal.working_days_after(NaiveDate::MAX, NaiveDate::MIN), 0);
        }
        assert!(!OutOfRange.to_string().is_empty());
    }

    #[test]
    fn published_tables_are_sorted_real_weekdays() {
        for region in [
            Region::EnglandAndWales,
            Region::Scotland,
            Region::NorthernIreland,
        ] {
            let table = region.published();
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{region:?} not sorted");
            for &n in table {
                let date = unpack(n).unwrap_or_else(|| panic!("{n} not a date"));
                assert!(!is_weekend(date), "{date} is a weekend");
            }
            for year in 2018..=2027 {
                assert!(!bank_holidays(year, region).is_empty());
            }
        }
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2018), Some(d(2018, 4, 1)));
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(d(2038, 4, 25)));
        assert_eq!(easter_sunday(2285), Some(d(2285, 3, 22)));
    }

    #[test]
    fn rules_match_published_except_one_off_days() {
        // Rules alone reproduce every published year apart from the
        // one-off changes, which are exactly these.
        let one_offs: &[(i32, &[NaiveDate], &[NaiveDate])] = &[
            (2020, &[d(2020, 5, 4)], &[d(2020, 5, 8)]),
            (
                2022,
                &[d(2022, 5, 30)],
                &[d(2022, 6, 2), d(2022, 6, 3), d(2022, 9, 19)],
            ),
            (2023, &[], &[d(2023, 5, 8)]),
        ];
        for region in [
            Region::EnglandAndWales,
            Region::Scotland,
            Region::NorthernIreland,
        ] {
            for year in 2018..=2027 {
                let mut expected = rule_bank_holidays(year, region);
                if let Some((_, removed, added)) = one_offs.iter().find(|o| o.0 == year) {
                    expected.retain(|x| !removed.contains(x));
                    expected.extend(added.iter().copied());
                    expected.sort();
                }
                assert_eq!(bank_holidays(year, region), expected, "{region:?} {year}");
            }
        }
    }

    #[test]
    fn christmas_and_new_year() {
        // 2026: Christmas Friday, Boxing Day Saturday → Monday 28 substitute.
        assert!(is_bank_holiday(d(2026, 12, 25), Region::EnglandAndWales));
        assert!(!is_bank_holiday(d(2026, 12, 26), Region::EnglandAndWales));
        assert!(is_bank_holiday(d(2026, 12, 28), Region::EnglandAndWales));
        assert!(!is_bank_holiday(d(2026, 12, 29), Region::EnglandAndWales));
        // Christmas 2021 on Saturday: Monday 27 and Tuesday 28.
        assert!(is_bank_holiday(d(2021, 12, 27), Region::EnglandAndWales));
        assert!(is_bank_holiday(d(2021, 12, 28), Region::EnglandAndWales));
        // Christmas 2022 on Sunday: Boxing Day Monday 26, substitute Tuesday 27.
        assert!(is_bank_holiday(d(2022, 12, 26), Region::EnglandAndWales));
        assert!(is_bank_holiday(d(2022, 12, 27), Region::EnglandAndWales));
        assert!(!is_bank_holiday(d(2022, 12, 28), Region::EnglandAndWales));
        // New Year 2022 on Saturday: Monday 3 January.
        assert!(is_bank_holiday(d(2022, 1, 3), Region::EnglandAndWales));
        assert!(!is_bank_holiday(d(2022, 1, 4), Region::EnglandAndWales));
        // Scotland adds 2 January: 2022 → Monday 3 and Tuesday 4.
        assert!(is_bank_holiday(d(2022, 1, 4), Region::Scotland));
        // 2027: Christmas Saturday → Monday 27 and Tuesday 28 everywhere.
        for r in [
            Region::EnglandAndWales,
            Region::Scotland,
            Region::NorthernIreland,
        ] {
            assert!(is_bank_holiday(d(2027, 12, 27), r));
            assert!(is_bank_holiday(d(2027, 12, 28), r));
            assert!(!is_bank_holiday(d(2027, 12, 29), r));
        }
        // Working days across Christmas 2026: Thursday 24 Dec + 1 wd = Tuesday 29 Dec.
        assert_eq!(EW.add_working_days(d(2026, 12, 24), 1).unwrap(), d(2026, 12, 29));
        // ... and New Year 2027 (Friday 1 Jan).
        assert_eq!(EW.add_working_days(d(2026, 12, 31), 1).unwrap(), d(2027, 1, 4));
        // Scotland 2027: 2 January is a Saturday → Monday 4 January.
        assert_eq!(SC.add_working_days(d(2026, 12, 31), 1).unwrap(), d(2027, 1, 5));
    }

    #[test]
    fn easter_holidays() {
        assert!(is_bank_holiday(d(2026, 4, 3), Region::EnglandAndWales));
        assert!(is_bank_holiday(d(2026, 4, 6), Region::EnglandAndWales));
        // No Easter Monday in Scotland.
        assert!(!is_bank_holiday(d(2026, 4, 6), Region::Scotland));
        assert!(is_bank_holiday(d(2026, 4, 3), Region::Scotland));
        // Thursday 2 April 2026 + 1 wd: over Good Friday, weekend, Easter Monday.
        assert_eq!(EW.add_working_days(d(2026, 4, 2), 1).unwrap(), d(2026, 4, 7));
        assert_eq!(SC.add_working_days(d(2026, 4, 2), 1).unwrap(), d(2026, 4, 6));
        // Rule-derived year: Easter 2030 is 21 April.
        assert!(is_bank_holiday(d(2030, 4, 19), Region::EnglandAndWales));
        assert!(is_bank_holiday(d(2030, 4, 22), Region::EnglandAndWales));
    }

    #[test]
    fn one_off_days() {
        let ew = Region::EnglandAndWales;
        // 2020: early May moved to Friday 8 May.
        assert!(is_bank_holiday(d(2020, 5, 8), ew));
        assert!(!is_bank_holiday(d(2020, 5, 4), ew));
        // 2022: spring holiday Thursday 2 June, Jubilee Friday 3 June, not 30 May.
        assert!(is_bank_holiday(d(2022, 6, 2), ew));
        assert!(is_bank_holiday(d(2022, 6, 3), ew));
        assert!(!is_bank_holiday(d(2022, 5, 30), ew));
        // State Funeral Monday 19 September 2022, in every region.
        for r in [
            Region::EnglandAndWales,
            Region::Scotland,
            Region::NorthernIreland,
        ] {
            assert!(is_bank_holiday(d(2022, 9, 19), r));
            assert!(is_bank_holiday(d(2023, 5, 8), r)); // Coronation
        }
        // Wednesday 1 June 2022 + 1 wd = Monday 6 June.
        assert_eq!(EW.add_working_days(d(2022, 6, 1), 1).unwrap(), d(2022, 6, 6));
        // Coronation: Friday 5 May 2023 + 1 = Tuesday 9 May.
        assert_eq!(EW.add_working_days(d(2023, 5, 5), 1).unwrap(), d(2023, 5, 9));
    }

    #[test]
    fn scotland_and_northern_ireland() {
        // Scotland's summer holiday is the first Monday of August.
        assert!(is_bank_holiday(d(2026, 8, 3), Region::Scotland));
        assert!(!is_bank_holiday(d(2026, 8, 31), Region::Scotland));
        assert!(!is_bank_holiday(d(2026, 8, 3), Region::EnglandAndWales));
        assert!(is_bank_holiday(d(2026, 8, 31), Region::EnglandAndWales));
        // St Andrew's Day: 2026 Monday; 2025 Sunday → Monday 1 December.
        assert!(is_bank_holiday(d(2026, 11, 30), Region::Scotland));
        assert!(is_bank_holiday(d(2025, 12, 1), Region::Scotland));
        assert!(!is_bank_holiday(d(2025, 12, 1), Region::EnglandAndWales));
        // Rule-derived: 2028 30 November is a Thursday.
        assert!(is_bank_holiday(d(2028, 11, 30), Region::Scotland));
        // St Patrick's 2024 Sunday → Monday 18 March; Boyne 2026 Sunday → Monday 13 July.
        assert!(is_bank_holiday(d(2024, 3, 18), Region::NorthernIreland));
        assert!(is_bank_holiday(d(2026, 7, 13), Region::NorthernIreland));
        assert!(is_bank_holiday(d(2025, 7, 14), Region::NorthernIreland));
        assert!(!is_bank_holiday(d(2026, 7, 13), Region::EnglandAndWales));
        assert_eq!(NI.add_working_days(d(2026, 7, 10), 1).unwrap(), d(2026, 7, 14));
        // Rule-derived 2029: St Patrick's is a Saturday → Monday 19 March.
        assert!(is_bank_holiday(d(2029, 3, 19), Region::NorthernIreland));
    }

    #[test]
    fn counting_convention() {
        // Received Monday 23 November 2026 is day 0.
        assert_eq!(EW.add_working_days(d(2026, 11, 23), 0).unwrap(), d(2026, 11, 23));
        assert_eq!(EW.add_working_days(d(2026, 11, 23), 5).unwrap(), d(2026, 11, 30));
        assert_eq!(EW.add_working_days(d(2026, 11, 30), 10).unwrap(), d(2026, 12, 14));
        // Scotland: 30 November 2026 is St Andrew's Day.
        assert_eq!(SC.add_working_days(d(2026, 11, 23), 5).unwrap(), d(2026, 12, 1));
        // Received on Saturday: day 0 is Monday.
        assert_eq!(EW.day_zero(d(2026, 11, 21)).unwrap(), d(2026, 11, 23));
        assert_eq!(EW.add_working_days(d(2026, 11, 21), 5).unwrap(), d(2026, 11, 30));
        // Received on Boxing Day substitute: day 0 is Tuesday 29 December.
        assert_eq!(EW.add_working_days(d(2026, 12, 28), 0).unwrap(), d(2026, 12, 29));
        assert_eq!(EW.working_days_after(d(2026, 11, 23), d(2026, 11, 30)), 5);
        assert_eq!(EW.working_days_after(d(2026, 11, 30), d(2026, 11, 23)), 0);
        assert_eq!(EW.working_days_after(d(2026, 12, 24), d(2026, 12, 28)), 0);
    }

    #[test]
    fn long_dates() {
        let en = crate::domain::text::shipped::english();
        assert_eq!(en.long_date(d(2026, 11, 30)), "Monday 30 November 2026");
        assert_eq!(en.long_date(d(2027, 1, 1)), "Friday 1 January 2027");
    }

    #[test]
    fn region_names() {
        for r in [
            Region::EnglandAndWales,
            Region::Scotland,
            Region::NorthernIreland,
        ] {
            assert_eq!(Region::parse(r.as_str()), Some(r));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
        assert_eq!(Region::parse("wales"), None);
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 1990-01-01 .. ~2100.
        (0i64..40_000).prop_map(|n| d(1990, 1, 1) + Duration::days(n))
    }
    fn any_region() -> impl Strategy<Value = Region> {
        prop_oneof![
            Just(Region::EnglandAndWales),
            Just(Region::Scotland),
            Just(Region::NorthernIreland)
        ]
    }

    proptest! {
        #[test]
        fn result_is_a_working_day(start in any_date(), n in 0u32..300, region in any_region()) {
            let cal = Calendar::new(region);
            let due = cal.add_working_days(start, n).unwrap();
            prop_assert!(cal.is_working_day(due));
            prop_assert!(due >= start);
        }

        #[test]
        fn monotonic_in_n_and_start(start in any_date(), n in 0u32..200, gap in 0i64..30, region in any_region()) {
            let cal = Calendar::new(region);
            prop_assert!(cal.add_working_days(start, n).unwrap() < cal.add_working_days(start, n + 1).unwrap());
            let later = start + Duration::days(gap);
            prop_assert!(cal.add_working_days(start, n).unwrap() <= cal.add_working_days(later, n).unwrap());
        }

        #[test]
        fn counting_inverts_adding(start in any_date(), n in 0u32..300, region in any_region()) {
            let cal = Calendar::new(region);
            let zero = cal.day_zero(start).unwrap();
            prop_assert_eq!(cal.working_days_after(zero, cal.add_working_days(start, n).unwrap()), n);
        }

        #[test]
        fn adding_is_additive(start in any_date(), a in 0u32..100, b in 0u32..100, region in any_region()) {
            let cal = Calendar::new(region);
            let step = cal.add_working_days(cal.add_working_days(start, a).unwrap(), b).unwrap();
            prop_assert_eq!(step, cal.add_working_days(start, a + b).unwrap());
        }

        #[test]
        fn five_working_days_span_one_to_two_weeks(start in any_date(), region in any_region()) {
            // Five working days always cross one weekend (7 calendar days);
            // bank holidays never stretch them past 13 (Scotland at Christmas).
            let cal = Calendar::new(region);
            let zero = cal.day_zero(start).unwrap();
            let span = (cal.add_working_days(start, 5).unwrap() - zero).num_days();
            prop_assert!((7..=13).contains(&span), "span {}", span);
        }
    }
}
