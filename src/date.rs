//! Calendar dates as day numbers: parsing, formatting, stepping by days and months; jiff decides which dates exist.
//!
//! A [`Date`] is a day number, so that a million meetings stay small and
//! comparing or subtracting dates is integer arithmetic. jiff knows the
//! calendar: whether a year, month and day make a date (month lengths, leap
//! years, the years -9999 to 9999), and `date_format` parsing. Converting
//! between a day number and its year, month and day is done here, by the
//! public-domain arithmetic below, because it runs for every date read and
//! about twice for every event counted: the same conversion through jiff's
//! public API (`Date::duration_since`, `Date::checked_add`) took 15% more
//! instructions to compute the cohorts' figures and 3.3% more for a whole
//! `check` (BENCHMARKS.md, "Dates").

use std::fmt;

use jiff::civil;

/// A calendar date, stored as the number of days since 1970-01-01.
///
/// Whole days are all mentorbook ever needs (figures count days, never
/// hours: docs/metrics.md), and an `i32` keeps a million meetings small and
/// comparisons free.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(pub i32);

impl Date {
    /// The date for a year (-9999 to 9999), month (1–12) and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        let date = civil::Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        Some(Date::from_civil(date))
    }

    /// The day number of a jiff date.
    pub fn from_civil(date: civil::Date) -> Date {
        Date(days_from_civil(
            i32::from(date.year()),
            date.month() as u32,
            date.day() as u32,
        ))
    }

    /// Year, month (1–12) and day of the month.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }

    /// The first day of the month `n` months after this date's month
    /// (also past the year 9999, where a quarter can end).
    pub fn add_months_to_start(self, n: i32) -> Date {
        let (y, m, _) = self.ymd();
        let index = y * 12 + (m as i32 - 1) + n;
        Date(days_from_civil(
            index.div_euclid(12),
            index.rem_euclid(12) as u32 + 1,
            1,
        ))
    }

    /// Parses the default date shapes (docs/data.md, "How values are
    /// read"): `YYYY-MM-DD`, or an RFC 3339 date-time whose date is taken
    /// as written.
    ///
    /// The shape is checked here rather than by jiff's parser, whose
    /// Temporal grammar also takes `20240305`, `+05` offsets and `[zone]`
    /// annotations that the docs do not promise.
    pub fn parse_default(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() < 10 {
            return None;
        }
        let date = parse_ymd(&bytes[..10])?;
        if bytes.len() == 10 || is_time_suffix(&bytes[10..]) {
            Some(date)
        } else {
            None
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Strict `YYYY-MM-DD`: exactly four, two and two digits.
fn parse_ymd(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])? as i32;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    Date::from_ymd(year, month, day)
}

fn digits(b: &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(c - b'0');
    }
    Some(value)
}

/// The part of an RFC 3339 date-time after its date: `THH:MM`, optional
/// `:SS` and fraction, optional `Z` or `±HH:MM`. A space may stand for `T`.
fn is_time_suffix(b: &[u8]) -> bool {
    if !matches!(b.first(), Some(b'T' | b't' | b' ')) {
        return false;
    }
    let b = &b[1..];
    let two = |s: &[u8], max: u32| s.len() >= 2 && digits(&s[..2]).is_some_and(|v| v <= max);
    if b.len() < 5 || !two(b, 23) || b[2] != b':' || !two(&b[3..], 59) {
        return false;
    }
    let mut rest = &b[5..];
    if rest.first() == Some(&b':') {
        if !two(&rest[1..], 60) {
            return false;
        }
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return false;
            }
            rest = &rest[1 + n..];
        }
    }
    match rest {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', offset @ ..] => {
            offset.len() == 5 && two(offset, 23) && offset[2] == b':' && two(&offset[3..], 59)
        }
        _ => false,
    }
}

// Howard Hinnant's civil-date algorithms (public domain ideas, written here
// for i32 days since 1970-01-01), for any year: a day number past jiff's
// years still has a year, month and day.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_of_four_centuries() {
        let start = Date::from_ymd(1900, 1, 1).map(|d| d.0).unwrap_or_default();
        for n in start..start + 146_097 {
            let (y, m, d) = Date(n).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(n)));
        }
        assert_eq!(Date::from_ymd(1970, 1, 1), Some(Date(0)));
    }

    #[test]
    fn parses_strictly() {
        assert_eq!(
            Date::parse_default("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        for bad in [
            "2023-02-29",
            "2024-02-30",
            "2024-3-5",
            "2024-13-05",
            "24-03-05",
            "2024/03/05",
            "2024-03-05x",
            "",
        ] {
            assert_eq!(Date::parse_default(bad), None, "{bad}");
        }
    }

    #[test]
    fn takes_the_date_of_a_date_time_as_written() {
        for ok in [
            "2024-03-31T23:30-05:00",
            "2024-03-31T23:30:00Z",
            "2024-03-31T23:30:00.123+01:00",
            "2024-03-31 08:00",
        ] {
            assert_eq!(
                Date::parse_default(ok).map(|d| d.to_string()),
                Some("2024-03-31".into()),
                "{ok}"
            );
        }
        for bad in ["2024-03-31T25:00", "2024-03-31T", "2024-03-31T10:00+5"] {
            assert_eq!(Date::parse_default(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_arithmetic() {
        let d = Date::from_ymd(2024, 11, 15).unwrap_or(Date(0));
        assert_eq!(d.add_months_to_start(2).to_string(), "2025-01-01");
        assert_eq!(d.add_months_to_start(-11).to_string(), "2023-12-01");
        // The quarter after the last one a date can be read in.
        let last = Date::from_ymd(9999, 12, 31).unwrap_or(Date(0));
        assert_eq!(last.add_months_to_start(1), last.add_days(1));
        assert_eq!(last.add_days(1).to_string(), "10000-01-01");
    }

    #[test]
    fn jiff_and_the_day_numbers_agree() {
        for (y, m, d) in [
            (-9999, 1, 1),
            (-1, 12, 31),
            (0, 2, 29),
            (1600, 2, 29),
            (1970, 1, 1),
            (2000, 2, 29),
            (9999, 12, 31),
        ] {
            let date = Date::from_ymd(y, m, d).unwrap_or(Date(i32::MIN));
            assert_eq!(date.ymd(), (y, m, d));
            let jiff = civil::date(y as i16, m as i8, d as i8);
            assert_eq!(
                i64::from(date.0),
                jiff.duration_since(civil::date(1970, 1, 1)).as_hours() / 24
            );
        }
        for (y, m, d) in [
            (1900, 2, 29),
            (2023, 2, 29),
            (2024, 4, 31),
            (2024, 13, 1),
            (2024, 0, 1),
            (2024, 1, 0),
            (10000, 1, 1),
            (-10000, 12, 31),
        ] {
            assert_eq!(Date::from_ymd(y, m, d), None, "{y}-{m}-{d}");
        }
    }
}
