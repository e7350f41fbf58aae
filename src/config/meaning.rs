//! Per-table keys that say what an export's rows mean (docs/data.md, "Exports in other shapes"): merged reports, derived tables, scales and labels for numbers, lookups by name, the roles asked for feedback.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::diag::{Diagnostics, quoted};
use crate::util::decimal::{Decimal, div_round_half_up};
use crate::util::text::{Lines, did_you_mean, list};

use super::schema::{Role, TableKind};

/// What a table's rows mean beyond their columns. Every key is optional;
/// the defaults read rows as mentorbook's own shape does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowMeaning {
    /// Meetings: rows of one pair with the same `meeting_id` are one meeting.
    pub merge_duplicates: bool,
    /// Cohorts, pairs: made from the other tables instead of a file.
    pub derive: bool,
    /// The config's line that sets `derive`, for messages.
    pub derive_line: Option<usize>,
    /// Feedback: the roles the program asks.
    pub respondents: Respondents,
    /// Feedback: the export's scale of `rating` and `nps`.
    pub rating_scale: Option<Scale>,
    pub nps_scale: Option<Scale>,
    /// Feedback: labels for numbers on mentorbook's scale, as
    /// (number, the export's labels for it).
    pub rating_labels: Vec<(u8, Vec<String>)>,
    pub nps_labels: Vec<(u8, Vec<String>)>,
    /// The row's `cohort_id` is a cohort's `name`, not its id.
    pub cohort_by_name: bool,
}

impl RowMeaning {
    /// The scale and labels of a scored column (`rating`, `nps`).
    pub fn scored(&self, column: &str) -> (Option<Scale>, &[(u8, Vec<String>)]) {
        match column {
            "rating" => (self.rating_scale, &self.rating_labels),
            "nps" => (self.nps_scale, &self.nps_labels),
            _ => (None, &[]),
        }
    }
}

/// The roles a program asks for feedback, indexed by [`Role`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Respondents(pub [bool; 2]);

impl Default for Respondents {
    fn default() -> Self {
        Respondents([true, true])
    }
}

impl Respondents {
    pub fn asks(self, role: Role) -> bool {
        self.0[role as usize]
    }

    /// How many roles are asked.
    pub fn count(self) -> u64 {
        self.0.iter().filter(|&&a| a).count() as u64
    }
}

/// An export's scale `[low, high]`, mapped linearly onto mentorbook's.
/// `low` may be above `high` (a scale whose best answer is its lowest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub low: Decimal,
    pub high: Decimal,
}

impl Scale {
    /// `x` mapped onto the whole numbers `min..=max`:
    /// min + (max − min)·(x − low)/(high − low), rounded half up, computed
    /// exactly; `None` when `x` is outside the scale.
    pub fn map(self, x: Decimal, min: u8, max: u8) -> Option<u8> {
        let (low, high, x) = (self.low.units(), self.high.units(), x.units());
        if x < low.min(high) || x > low.max(high) {
            return None;
        }
        // Both differences have the sign of (high − low): divide magnitudes.
        let n = i128::from(max - min) * (x - low).abs();
        let d = (high - low).abs();
        let step = div_round_half_up(n, d);
        u8::try_from(i128::from(min) + step).ok()
    }

    /// `[0, 1]`, as the config writes it.
    pub fn text(self) -> String {
        format!("[{}, {}]", self.low, self.high)
    }
}

/// The keys of a `[data.NAME]` table that [`read`] checks, as written.
#[derive(Default)]
pub(super) struct RawMeaning {
    pub merge_duplicates: Option<Spanned<bool>>,
    pub derive: Option<Spanned<bool>>,
    pub respondents: Option<Spanned<toml::Value>>,
    pub scales: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    pub lookup: BTreeMap<Spanned<String>, Spanned<String>>,
    /// `values.rating` and `values.nps`: number → label(s).
    pub labels: Vec<(Spanned<String>, NumberLabels)>,
}

/// One column's `values` table as written: number → the export's labels.
pub(super) type NumberLabels = BTreeMap<Spanned<String>, Vec<String>>;

/// Checks a table's keys into a [`RowMeaning`], reporting each misuse at
/// its line with the key's full path.
pub(super) fn read(
    kind: TableKind,
    raw: RawMeaning,
    lines: &Lines,
    file: &str,
    diags: &mut Diagnostics,
) -> RowMeaning {
    let name = kind.name();
    let mut error = |span: Range<usize>, message: String| {
        diags.error(file, Some(lines.line_of(span.start)), message);
    };
    let mut meaning = RowMeaning::default();
    if let Some(merge) = raw.merge_duplicates {
        if kind == TableKind::Meetings {
            meaning.merge_duplicates = *merge.get_ref();
        } else {
            error(
                merge.span(),
                format!(
                    "`data.{name}.merge_duplicates`: only `[data.meetings]` takes this key (meetings reported by both sides)"
                ),
            );
        }
    }
    if let Some(derive) = raw.derive {
        if matches!(kind, TableKind::Cohorts | TableKind::Pairs) {
            meaning.derive = *derive.get_ref();
            meaning.derive_line = Some(lines.line_of(derive.span().start));
        } else {
            error(
                derive.span(),
                format!(
                    "`data.{name}.derive`: only `[data.cohorts]` and `[data.pairs]` take this key ({name} are never derived)"
                ),
            );
        }
    }
    if let Some(respondents) = raw.respondents {
        let key = format!("data.{name}.respondents");
        if kind != TableKind::Feedback {
            error(
                respondents.span(),
                format!("`{key}`: only `[data.feedback]` takes this key"),
            );
        } else {
            match respondents_of(respondents.get_ref(), &key) {
                Ok(r) => meaning.respondents = r,
                Err(message) => error(respondents.span(), message),
            }
        }
    }
    let scored = kind.scored_columns();
    let scored_names: Vec<&str> = scored.iter().map(|(c, _, _)| c.name).collect();
    for (column, value) in raw.scales {
        let key = format!("data.{name}.scales.{}", column.get_ref());
        if scored.is_empty() {
            error(
                column.span(),
                format!(
                    "`data.{name}.scales`: only `[data.feedback]` takes scales (for `rating` and `nps`)"
                ),
            );
            continue;
        }
        if !scored_names.contains(&column.get_ref().as_str()) {
            error(
                column.span(),
                format!(
                    "`data.{name}.scales`: unknown column `{}`{} (expected one of {})",
                    column.get_ref(),
                    did_you_mean(column.get_ref(), &scored_names),
                    list(&scored_names)
                ),
            );
            continue;
        }
        match scale_of(value.get_ref()) {
            Ok(scale) if column.get_ref() == "rating" => meaning.rating_scale = Some(scale),
            Ok(scale) => meaning.nps_scale = Some(scale),
            Err(why) => error(value.span(), format!("`{key}`: {why}")),
        }
    }
    for (column, mapping) in raw.labels {
        let Some(&(_, min, max)) = scored.iter().find(|(c, _, _)| c.name == column.get_ref())
        else {
            continue;
        };
        let mut labels = Vec::new();
        for (value, texts) in mapping {
            let number = value.get_ref().trim().parse::<u8>().ok();
            match number.filter(|n| (min..=max).contains(n)) {
                Some(n) => labels.push((n, texts)),
                None => error(
                    value.span(),
                    format!(
                        "`data.{name}.values.{}`: {} is not a {} on mentorbook's scale (expected a whole number from {min} to {max})",
                        column.get_ref(),
                        quoted(value.get_ref()),
                        column.get_ref()
                    ),
                ),
            }
        }
        if column.get_ref() == "rating" {
            meaning.rating_labels = labels;
        } else {
            meaning.nps_labels = labels;
        }
    }
    for (column, target) in raw.lookup {
        let key = format!("data.{name}.lookup");
        if kind == TableKind::Cohorts || !kind.column_names().contains(&"cohort_id") {
            error(
                column.span(),
                format!("`{key}`: the {name} table refers to no cohort by name"),
            );
        } else if column.get_ref() != "cohort_id" {
            error(
                column.span(),
                format!(
                    "`{key}`: unknown column `{}`{} (only `cohort_id` can be looked up, by the cohorts' `name`)",
                    column.get_ref(),
                    did_you_mean(column.get_ref(), &["cohort_id"])
                ),
            );
        } else if target.get_ref() != "name" {
            error(
                target.span(),
                format!(
                    "`{key}.cohort_id`: {} is not a cohorts column to match (expected \"name\")",
                    quoted(target.get_ref())
                ),
            );
        } else {
            meaning.cohort_by_name = true;
        }
    }
    meaning
}

/// `["mentee"]`, `"mentee"` or `["mentor", "mentee"]`.
fn respondents_of(value: &toml::Value, key: &str) -> Result<Respondents, String> {
    let expected = format!(
        "expected a list of the roles asked, such as [\"mentee\"]: {}",
        list(&Role::NAMES)
    );
    let items: Vec<&toml::Value> = match value {
        toml::Value::Array(items) => items.iter().collect(),
        toml::Value::String(_) => vec![value],
        other => return Err(format!("`{key}`: found {} ({expected})", kind_of(other))),
    };
    let mut asked = [false; 2];
    for item in items {
        let toml::Value::String(role) = item else {
            return Err(format!(
                "`{key}`: found {} in the list ({expected})",
                kind_of(item)
            ));
        };
        match Role::ALL
            .iter()
            .find(|r| r.as_str() == role.trim().to_lowercase())
        {
            Some(r) => asked[*r as usize] = true,
            None => {
                return Err(format!(
                    "`{key}`: unknown role {}{} ({expected})",
                    quoted(role),
                    did_you_mean(role, &Role::NAMES)
                ));
            }
        }
    }
    if asked == [false, false] {
        return Err(format!("`{key}`: the list is empty ({expected})"));
    }
    Ok(Respondents(asked))
}

/// `[a, b]`: two different numbers.
fn scale_of(value: &toml::Value) -> Result<Scale, String> {
    const EXPECTED: &str =
        "expected the export's lowest and highest value, such as [0, 1] or [0, 10]";
    let toml::Value::Array(items) = value else {
        return Err(format!("found {} ({EXPECTED})", kind_of(value)));
    };
    let numbers: Vec<Option<Decimal>> = items.iter().map(number_of).collect();
    match numbers.as_slice() {
        [Some(low), Some(high)] if low != high => Ok(Scale {
            low: *low,
            high: *high,
        }),
        [Some(_), Some(_)] => Err(format!("both ends are the same number ({EXPECTED})")),
        [_, _] => Err(format!("an end is not a number ({EXPECTED})")),
        _ => Err(format!("found {} values ({EXPECTED})", items.len())),
    }
}

/// A TOML number (or a number written as a string), exactly.
fn number_of(value: &toml::Value) -> Option<Decimal> {
    match value {
        toml::Value::Integer(i) => {
            Some(Decimal::from_int(*i)).filter(|_| i.unsigned_abs() < 10u64.pow(18))
        }
        // A float's shortest text is the number the config wrote.
        toml::Value::Float(f) if f.is_finite() => Decimal::parse(&format!("{f}")),
        toml::Value::String(s) => Decimal::parse(s.trim()),
        _ => None,
    }
}

/// What a TOML value is, for a message: `a string`, `an array`.
fn kind_of(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(low: &str, high: &str) -> Scale {
        let d = |t: &str| Decimal::parse(t).unwrap_or(Decimal::from_int(-1));
        Scale {
            low: d(low),
            high: d(high),
        }
    }

    fn rating(s: Scale, x: &str) -> Option<u8> {
        s.map(Decimal::parse(x)?, 1, 5)
    }

    #[test]
    fn ratings_on_zero_to_one() {
        let s = scale("0", "1");
        // 1 + 4x: 0 → 1, 0.125 → 1.5 → 2 (half up), 0.25 → 2, 0.375 → 2.5 → 3,
        // 0.5 → 3, 0.625 → 3.5 → 4, 0.75 → 4, 0.875 → 4.5 → 5, 1 → 5.
        let expected = [
            ("0", 1),
            ("0.124999", 1),
            ("0.125", 2),
            ("0.25", 2),
            ("0.375", 3),
            ("0.5", 3),
            ("0.625", 4),
            ("0.75", 4),
            ("0.874999999999999999", 4),
            ("0.875", 5),
            ("1", 5),
            ("1.0", 5),
        ];
        for (x, want) in expected {
            assert_eq!(rating(s, x), Some(want), "{x}");
        }
        assert_eq!(rating(s, "1.000000000000000001"), None);
        assert_eq!(rating(s, "-0.000000000000000001"), None);
        assert_eq!(rating(s, "2"), None);
    }

    #[test]
    fn ratings_on_zero_to_ten_and_nps() {
        let s = scale("0", "10");
        // 1 + 0.4x: 9 → 4.6 → 5; 6.25 → 3.5 → 4; 6.2 → 3.48 → 3; 10 → 5; 0 → 1.
        assert_eq!(rating(s, "9"), Some(5));
        assert_eq!(rating(s, "6.25"), Some(4));
        assert_eq!(rating(s, "6.2"), Some(3));
        assert_eq!(rating(s, "1.25"), Some(2));
        assert_eq!(rating(s, "10"), Some(5));
        assert_eq!(rating(s, "0"), Some(1));
        assert_eq!(rating(s, "11"), None);
        // nps on [0, 1]: 10x; 0.95 → 9.5 → 10; 0.05 → 0.5 → 1; 0.04 → 0.
        let unit = scale("0", "1");
        let nps = |x: &str| unit.map(Decimal::parse(x).unwrap_or(Decimal::from_int(9)), 0, 10);
        assert_eq!(nps("0.95"), Some(10));
        assert_eq!(nps("0.05"), Some(1));
        assert_eq!(nps("0.04"), Some(0));
        assert_eq!(nps("0.65"), Some(7));
        // 1–7 onto 0–10: 10(x − 1)/6; 4 → 5; 5 → 6.67 → 7; 2 → 1.67 → 2.
        let seven = scale("1", "7");
        let nps7 = |x: &str| seven.map(Decimal::parse(x).unwrap_or(Decimal::from_int(99)), 0, 10);
        assert_eq!(nps7("4"), Some(5));
        assert_eq!(nps7("5"), Some(7));
        assert_eq!(nps7("2"), Some(2));
        assert_eq!(nps7("0"), None);
    }

    #[test]
    fn reversed_and_negative_scales() {
        // 1 = best: [5, 1] maps 5 → 1 and 1 → 5, 3 → 3, 4.5 → 1.5 → 2.
        let s = scale("5", "1");
        assert_eq!(rating(s, "5"), Some(1));
        assert_eq!(rating(s, "1"), Some(5));
        assert_eq!(rating(s, "3"), Some(3));
        assert_eq!(rating(s, "4.5"), Some(2));
        assert_eq!(rating(s, "0"), None);
        assert_eq!(rating(s, "6"), None);
        // [-2, 2]: −2 → 1, 0 → 3, 1 → 4, −1.5 → 1.5 → 2.
        let s = scale("-2", "2");
        assert_eq!(rating(s, "-2"), Some(1));
        assert_eq!(rating(s, "0"), Some(3));
        assert_eq!(rating(s, "1"), Some(4));
        assert_eq!(rating(s, "-1.5"), Some(2));
        assert_eq!(s.text(), "[-2, 2]");
    }

    proptest::proptest! {
        /// The mapping against exact rationals (num-rational): for decimals
        /// with up to 6 places on a scale [a, b], min + round_half_up((max −
        /// min)(x − a)/(b − a)), or nothing outside the scale.
        #[test]
        fn maps_as_exact_rationals(
            a in -1_000_000i64..1_000_000,
            width in 1i64..2_000_000,
            reversed in proptest::bool::ANY,
            t in -100_000i64..1_100_000,
            nps in proptest::bool::ANY,
        ) {
            use num_bigint::BigInt;
            use num_rational::BigRational;
            use num_traits::ToPrimitive;
            // Values in millionths: a, b = a + width (or swapped), x between.
            let (lo, hi) = (a, a + width);
            let (low, high) = if reversed { (hi, lo) } else { (lo, hi) };
            let x = lo + (i128::from(width) * i128::from(t) / 1_000_000) as i64;
            let dec = |v: i64| {
                Decimal::parse(&format!("{}{}.{:06}", if v < 0 { "-" } else { "" }, v.abs() / 1_000_000, v.abs() % 1_000_000))
            };
            let (Some(dl), Some(dh), Some(dx)) = (dec(low), dec(high), dec(x)) else {
                return Err(proptest::test_runner::TestCaseError::fail("decimal"));
            };
            let (min, max) = if nps { (0u8, 10u8) } else { (1, 5) };
            let got = Scale { low: dl, high: dh }.map(dx, min, max);
            let r = |v: i64| BigRational::new(BigInt::from(v), BigInt::from(1_000_000));
            let inside = x >= lo && x <= hi;
            let expected = inside.then(|| {
                let step = BigRational::from_integer(BigInt::from(max - min)) * (r(x) - r(low)) / (r(high) - r(low));
                let half = BigRational::new(BigInt::from(1), BigInt::from(2));
                let rounded = (step + half).floor().to_integer();
                u8::try_from(i64::from(min) + rounded.to_i64().unwrap_or(-1)).ok()
            }).flatten();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    fn read_text(kind: TableKind, toml_text: &str) -> (RowMeaning, Vec<String>) {
        let value: toml::Value = toml::from_str(toml_text).unwrap_or(toml::Value::Boolean(false));
        let mut raw = RawMeaning::default();
        if let Some(t) = value.as_table() {
            for (k, v) in t {
                let spanned = Spanned::new(0..0, v.clone());
                match k.as_str() {
                    "respondents" => raw.respondents = Some(spanned),
                    "scales" => {
                        for (c, s) in v.as_table().into_iter().flatten() {
                            raw.scales.insert(
                                Spanned::new(0..0, c.clone()),
                                Spanned::new(0..0, s.clone()),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut diags = Diagnostics::new();
        let meaning = read(
            kind,
            raw,
            &Lines::new(toml_text),
            "mentorbook.toml",
            &mut diags,
        );
        (meaning, diags.report_lines())
    }

    #[test]
    fn respondents_and_scales_are_checked() {
        let (m, errors) = read_text(
            TableKind::Feedback,
            "respondents = [\"Mentee\"]\nscales = { rating = [0, 1], nps = [0.0, 10] }",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(m.respondents, Respondents([false, true]));
        assert_eq!(m.rating_scale.map(Scale::text), Some("[0, 1]".into()));
        assert_eq!(m.nps_scale.map(Scale::text), Some("[0, 10]".into()));
        let (_, errors) = read_text(
            TableKind::Feedback,
            "respondents = [\"mentees\"]\nscales = { rating = [1, 1], nps = \"0-10\" }",
        );
        assert_eq!(
            errors,
            [
                "error: mentorbook.toml:1: `data.feedback.respondents`: unknown role \"mentees\": did you mean `mentee`? (expected a list of the roles asked, such as [\"mentee\"]: `mentor`, `mentee`)",
                "error: mentorbook.toml:1: `data.feedback.scales.nps`: found a string (expected the export's lowest and highest value, such as [0, 1] or [0, 10])",
                "error: mentorbook.toml:1: `data.feedback.scales.rating`: both ends are the same number (expected the export's lowest and highest value, such as [0, 1] or [0, 10])",
            ]
        );
        let (_, errors) = read_text(
            TableKind::Meetings,
            "respondents = []\nscales = { rating = [0, 1] }",
        );
        assert_eq!(
            errors,
            [
                "error: mentorbook.toml:1: `data.meetings.respondents`: only `[data.feedback]` takes this key",
                "error: mentorbook.toml:1: `data.meetings.scales`: only `[data.feedback]` takes scales (for `rating` and `nps`)",
            ]
        );
        let (_, errors) = read_text(TableKind::Feedback, "respondents = []");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("the list is empty"), "{errors:?}");
    }
}
