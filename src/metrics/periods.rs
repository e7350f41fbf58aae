//! The dates figures hang on (docs/metrics.md, "The method"): as_of, cohort spans, quarters, windows and months.

use crate::config::Config;
use crate::data::{Cohort, Program};
use crate::date::Date;

/// A span of whole days `[start, end]`, both ends included; never empty.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Span {
    pub start: Date,
    pub end: Date,
}

impl Span {
    /// The span `[start, end]`, or `None` when `end` is before `start`.
    pub fn new(start: Date, end: Date) -> Option<Span> {
        (start <= end).then_some(Span { start, end })
    }

    pub fn contains(self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn intersect(self, other: Span) -> Option<Span> {
        Span::new(self.start.max(other.start), self.end.min(other.end))
    }

    /// Number of days in the span (at least 1).
    pub fn days(self) -> u64 {
        u64::try_from(self.start.days_until(self.end)).map_or(0, |d| d + 1)
    }
}

/// `data.as_of` from the config, else the latest event date in the data.
pub fn as_of(program: &Program, config: &Config) -> Option<Date> {
    config.data.as_of.or_else(|| latest_event(program))
}

/// The latest *event* date (docs/metrics.md): meeting `date`, goal `created_on` /
/// `completed_on`, feedback `submitted_on`, pair `matched_on` / `ended_on`.
/// Planned dates (cohort `end_date`, goal `due_on`) do not count.
pub fn latest_event(program: &Program) -> Option<Date> {
    let pairs = program
        .pairs
        .iter()
        .flat_map(|p| std::iter::once(p.matched_on).chain(p.ended_on));
    let meetings = program.meetings.iter().flatten().map(|m| m.date);
    let goals = program
        .goals
        .iter()
        .flatten()
        .flat_map(|g| std::iter::once(g.created_on).chain(g.completed_on));
    let feedback = program.feedback.iter().flatten().map(|f| f.submitted_on);
    pairs.chain(meetings).chain(goals).chain(feedback).max()
}

/// The cohort span S = `[start_date, min(end_date, as_of)]`.
///
/// `None` when it is empty: the cohort starts after as_of (upcoming), or
/// (data the validator lets through) its `end_date` is before its
/// `start_date`. Either way the cohort has no figures.
pub fn cohort_span(cohort: &Cohort, as_of: Date) -> Option<Span> {
    let end = cohort.end_date.map_or(as_of, |e| e.min(as_of));
    Span::new(cohort.start_date, end)
}

/// Month index: `year * 12 + month - 1`, so consecutive months differ by one.
pub fn month_index(d: Date) -> i32 {
    let (y, m, _) = d.ymd();
    y * 12 + m as i32 - 1
}

/// The first day of the month with this [`month_index`].
pub fn month_start(index: i32) -> Date {
    Date(0).add_months_to_start(index - 1970 * 12)
}

/// A calendar month, serialized as `"2024-04"`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Month(pub i32);

impl Month {
    pub fn of(d: Date) -> Month {
        Month(month_index(d))
    }
    pub fn start(self) -> Date {
        month_start(self.0)
    }
    pub fn end(self) -> Date {
        month_start(self.0 + 1).add_days(-1)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}",
            self.0.div_euclid(12),
            self.0.rem_euclid(12) + 1
        )
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How dates fall into quarters: calendar quarters (start month 1), or
/// fiscal quarters starting in month m, labelled by the calendar year in
/// which the fiscal year ends (`FY2025-Q1`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct QuarterScheme {
    start_month: u32,
}

/// One quarter: a key that orders quarters in time (consecutive quarters
/// differ by one), its label and its own first and last day.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Quarter {
    pub key: i32,
    pub label: String,
    pub start: Date,
    pub end: Date,
}

impl QuarterScheme {
    /// `None` unless `start_month` is 1–12.
    pub fn new(start_month: u32) -> Option<QuarterScheme> {
        (1..=12)
            .contains(&start_month)
            .then_some(QuarterScheme { start_month })
    }

    /// The key of the quarter holding `d`, found arithmetically.
    pub fn key_of(self, d: Date) -> i32 {
        self.key_of_month(month_index(d))
    }

    /// The key of the quarter holding the month with this [`month_index`].
    pub fn key_of_month(self, month: i32) -> i32 {
        (month - (self.start_month as i32 - 1)).div_euclid(3)
    }

    /// The quarter with this key.
    pub fn quarter(self, key: i32) -> Quarter {
        let first_month = key * 3 + self.start_month as i32 - 1;
        let start = month_start(first_month);
        let end = month_start(first_month + 3).add_days(-1);
        // Key 4y is the first quarter of the (fiscal) year starting in year y.
        let year = key.div_euclid(4);
        let number = key.rem_euclid(4) + 1;
        let label = if self.start_month == 1 {
            format!("{year:04}-Q{number}")
        } else {
            format!("FY{:04}-Q{number}", year + 1)
        };
        Quarter {
            key,
            label,
            start,
            end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap_or(Date(0))
    }

    #[test]
    fn calendar_quarters() {
        let s = QuarterScheme::new(1).unwrap_or(QuarterScheme { start_month: 1 });
        let q = s.quarter(s.key_of(d(2024, 5, 17)));
        assert_eq!(q.label, "2024-Q2");
        assert_eq!((q.start, q.end), (d(2024, 4, 1), d(2024, 6, 30)));
        assert_eq!(s.quarter(s.key_of(d(2024, 12, 31))).label, "2024-Q4");
        assert_eq!(s.quarter(s.key_of(d(2025, 1, 1))).label, "2025-Q1");
    }

    #[test]
    fn fiscal_quarters_start_in_july() {
        // m = 7: FY2025 runs 2024-07-01 .. 2025-06-30.
        let s = QuarterScheme { start_month: 7 };
        let q = s.quarter(s.key_of(d(2024, 7, 15)));
        assert_eq!(q.label, "FY2025-Q1");
        assert_eq!((q.start, q.end), (d(2024, 7, 1), d(2024, 9, 30)));
        assert_eq!(s.quarter(s.key_of(d(2025, 6, 30))).label, "FY2025-Q4");
        assert_eq!(s.quarter(s.key_of(d(2024, 6, 30))).label, "FY2024-Q4");
        assert_eq!(s.quarter(s.key_of(d(2025, 1, 2))).label, "FY2025-Q3");
    }

    #[test]
    fn fiscal_quarters_start_in_april() {
        // m = 4: FY2025 runs 2024-04-01 .. 2025-03-31.
        let s = QuarterScheme { start_month: 4 };
        let q = s.quarter(s.key_of(d(2024, 4, 1)));
        assert_eq!(q.label, "FY2025-Q1");
        assert_eq!((q.start, q.end), (d(2024, 4, 1), d(2024, 6, 30)));
        assert_eq!(s.quarter(s.key_of(d(2024, 7, 15))).label, "FY2025-Q2");
        let q4 = s.quarter(s.key_of(d(2024, 2, 10)));
        assert_eq!(q4.label, "FY2024-Q4");
        assert_eq!((q4.start, q4.end), (d(2024, 1, 1), d(2024, 3, 31)));
        // Adjacent quarters have adjacent keys.
        assert_eq!(s.key_of(d(2024, 4, 1)) - s.key_of(d(2024, 3, 31)), 1);
    }

    #[test]
    fn bad_start_month() {
        assert!(QuarterScheme::new(0).is_none());
        assert!(QuarterScheme::new(13).is_none());
    }

    #[test]
    fn months() {
        let m = Month::of(d(2024, 2, 10));
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!((m.start(), m.end()), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(Month(m.0 + 11).to_string(), "2025-01");
    }
}
