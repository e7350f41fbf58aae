//! Calendar dates as whole days: parsing, formatting, months and quarters.

use std::fmt;

/// A calendar date, stored as the number of days since 1970-01-01.
///
/// Whole days are all mentorbook ever needs (SPEC §3), and an `i32` keeps
/// a million meetings small and comparisons free.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(pub i32);

impl Date {
    /// The date for a year, month (1–12) and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(-9999..=9999).contains(&year) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Year, month (1–12) and day of the month.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }

    /// The first day of this date's month.
    pub fn month_start(self) -> Date {
        let (y, m, _) = self.ymd();
        Date(days_from_civil(y, m, 1))
    }

    /// The last day of this date's month.
    pub fn month_end(self) -> Date {
        let (y, m, _) = self.ymd();
        Date(days_from_civil(y, m, days_in_month(y, m)))
    }

    /// The first day of the month `n` months after this date's month.
    pub fn add_months_to_start(self, n: i32) -> Date {
        let (y, m, _) = self.ymd();
        let index = y * 12 + (m as i32 - 1) + n;
        Date(days_from_civil(
            index.div_euclid(12),
            index.rem_euclid(12) as u32 + 1,
            1,
        ))
    }

    /// Parses the default date shapes of SPEC §2: `YYYY-MM-DD`, or an
    /// RFC 3339 date-time whose date is taken as written.
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

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
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
// for i32 days since 1970-01-01).
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
        assert_eq!(d.month_start().to_string(), "2024-11-01");
        assert_eq!(d.month_end().to_string(), "2024-11-30");
        assert_eq!(d.add_months_to_start(2).to_string(), "2025-01-01");
        assert_eq!(d.add_months_to_start(-11).to_string(), "2023-12-01");
    }
}
