//! Numbers, percentages, dates, months and plural categories in a language's CLDR conventions (ICU4X).
//!
//! English keeps the forms the site has always written (ISO dates,
//! `1,234` counts, ungrouped decimals, `45.0%`), so an English site reads
//! as before; every other language goes through ICU4X's compiled CLDR
//! data (docs/languages.md, "Numbers and dates").

use icu_calendar::Date;
use icu_calendar::cal::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// The text for a figure with no value.
pub const NONE: &str = "—";

/// A language's formatters. English (`en` and its regions) keeps the
/// site's own forms; other languages hold ICU4X formatters.
pub struct Formats {
    plurals: PluralRules,
    cldr: Option<Cldr>,
}

struct Cldr {
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formats")
            .field("cldr", &self.cldr.is_some())
            .finish()
    }
}

/// Whether a tag is English, which keeps the site's own number and date forms.
pub fn is_english(tag: &str) -> bool {
    let lang = tag.split(['-', '_']).next().unwrap_or_default();
    lang.eq_ignore_ascii_case("en")
}

impl Formats {
    /// The formatters for a BCP 47 tag; `None` when ICU4X cannot read the
    /// tag or has no data for it (the caller reports the language).
    pub fn new(tag: &str) -> Option<Formats> {
        let locale: Locale = tag.parse().ok()?;
        let plurals = PluralRules::try_new_cardinal((&locale).into()).ok()?;
        if is_english(tag) {
            return Some(Formats {
                plurals,
                cldr: None,
            });
        }
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default()).ok()?;
        let percent = PercentFormatter::try_new((&locale).into(), Default::default()).ok()?;
        let date = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::medium()).ok()?;
        let month = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::medium()).ok()?;
        Some(Formats {
            plurals,
            cldr: Some(Cldr {
                decimal,
                percent,
                date,
                month,
            }),
        })
    }

    /// The CLDR plural category of a count (`one`, `few`, `other`, …).
    pub fn category(&self, n: u64) -> PluralCategory {
        self.plurals.category_for(n)
    }

    /// The categories this language's rules use, `other` last.
    pub fn categories(&self) -> Vec<PluralCategory> {
        self.plurals.categories().collect()
    }

    /// A whole number, grouped: `1,234` (en), `1.234` (pt-BR, de).
    pub fn count(&self, n: u64) -> String {
        match &self.cldr {
            Some(c) => c.decimal.format(&Decimal::from(n)).to_string(),
            None => group_english(&n.to_string()),
        }
    }

    /// A whole number, ungrouped in English (`1234`), grouped otherwise.
    pub fn whole(&self, n: u64) -> String {
        match &self.cldr {
            Some(c) => c.decimal.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    }

    /// A signed whole number (a score or a change): `-13`, `+2`.
    pub fn signed(&self, v: f64, plus: bool) -> String {
        let text = if plus {
            format!("{v:+.0}")
        } else {
            format!("{v:.0}")
        };
        self.localize(&text)
    }

    /// A number with `places` decimals; `—` without a finite value.
    pub fn decimal(&self, value: Option<f64>, places: usize) -> String {
        match value.filter(|v| v.is_finite()) {
            Some(v) => self.localize(&format!("{v:.places$}")),
            None => NONE.to_string(),
        }
    }

    /// A change with `places` decimals and its sign: `+2.5` (en), `+2,5` (pt-BR).
    pub fn change(&self, delta: f64, places: usize) -> String {
        self.localize(&format!("{delta:+.places$}"))
    }

    /// A rate given as a fraction, as a percentage with one decimal:
    /// `45.0%` (en), `45,0%` (pt-BR), `45,0 %` (de, fr).
    pub fn percent(&self, rate: Option<f64>) -> String {
        let Some(r) = rate.filter(|r| r.is_finite()) else {
            return NONE.to_string();
        };
        let text = format!("{:.1}", r * 100.0);
        match &self.cldr {
            Some(c) => match Decimal::try_from_str(&text) {
                Ok(d) => c.percent.format(&d).to_string(),
                Err(_) => format!("{text}%"),
            },
            None => format!("{text}%"),
        }
    }

    /// A fraction as a percentage with `places` decimals: `50%` (en, pt-BR), `50 %` (de).
    pub fn percent_places(&self, rate: f64, places: usize) -> String {
        let text = format!("{:.places$}", rate * 100.0);
        match &self.cldr {
            Some(c) => match Decimal::try_from_str(&text) {
                Ok(d) => c.percent.format(&d).to_string(),
                Err(_) => format!("{text}%"),
            },
            None => format!("{text}%"),
        }
    }

    /// A date: ISO `2025-03-05` (en), `5 de mar. de 2025` (pt-BR).
    pub fn date(&self, date: jiff::civil::Date) -> String {
        match (&self.cldr, gregorian(date)) {
            (Some(c), Some(d)) => c.date.format(&d).to_string(),
            _ => date.to_string(),
        }
    }

    /// A calendar month: `2025-03` (en), `mar. de 2025` (pt-BR).
    pub fn month(&self, year: i16, month: i8) -> String {
        let iso = || format!("{year:04}-{month:02}");
        let Some(c) = &self.cldr else {
            return iso();
        };
        match jiff::civil::Date::new(year, month, 1)
            .ok()
            .and_then(gregorian)
        {
            Some(d) => c.month.format(&d).to_string(),
            None => iso(),
        }
    }

    /// A number the program wrote in English form (`-1234.5`) in this
    /// language's digits and separators.
    fn localize(&self, english: &str) -> String {
        match &self.cldr {
            Some(c) => match Decimal::try_from_str(english) {
                // A `+` written in the text is kept (the sign display of the parsed decimal).
                Ok(d) => c.decimal.format(&d).to_string(),
                Err(_) => english.to_string(),
            },
            None => english.to_string(),
        }
    }
}

fn gregorian(date: jiff::civil::Date) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(i32::from(date.year()), date.month() as u8, date.day() as u8).ok()
}

/// `1234567` → `1,234,567`.
fn group_english(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A plural category as catalogs write it.
pub fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The category a catalog's key names, if it is one.
pub fn category_of(name: &str) -> Option<PluralCategory> {
    Some(match name {
        "zero" => PluralCategory::Zero,
        "one" => PluralCategory::One,
        "two" => PluralCategory::Two,
        "few" => PluralCategory::Few,
        "many" => PluralCategory::Many,
        "other" => PluralCategory::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(tag: &str) -> Formats {
        Formats::new(tag).unwrap()
    }

    #[test]
    fn english_keeps_the_sites_forms() {
        let en = f("en");
        assert_eq!(en.count(1_234_567), "1,234,567");
        assert_eq!(en.decimal(Some(1234.5), 1), "1234.5");
        assert_eq!(en.percent(Some(0.339)), "33.9%");
        assert_eq!(en.change(2.5, 1), "+2.5");
        let d = jiff::civil::date(2025, 3, 5);
        assert_eq!(en.date(d), "2025-03-05");
        assert_eq!(en.month(2025, 3), "2025-03");
    }

    #[test]
    fn other_languages_follow_cldr() {
        let pt = f("pt-BR");
        assert_eq!(pt.decimal(Some(1234.5), 1), "1.234,5");
        assert_eq!(pt.count(1234), "1.234");
        assert_eq!(pt.percent(Some(0.339)), "33,9%");
        assert_eq!(pt.change(2.5, 1), "+2,5");
        assert_eq!(pt.signed(-13.0, false), "-13");
        assert_eq!(f("de").percent(Some(0.339)), "33,9\u{a0}%");
        assert_eq!(f("fr").percent(Some(0.339)), "33,9\u{a0}%");
        assert_eq!(f("de").decimal(Some(1234.5), 1), "1.234,5");
        assert_eq!(pt.percent(None), NONE);
        let d = jiff::civil::date(2025, 3, 5);
        assert_eq!(pt.date(d), "5 de mar. de 2025");
        assert_eq!(pt.month(2025, 3), "mar. de 2025");
    }

    #[test]
    fn plural_categories() {
        let pt = f("pt-BR");
        assert_eq!(category_name(pt.category(1)), "one");
        assert_eq!(category_name(pt.category(0)), "one");
        assert_eq!(category_name(pt.category(2)), "other");
        let ar = f("ar");
        let names: Vec<&str> = [0, 1, 2, 3, 11, 100]
            .iter()
            .map(|n| category_name(ar.category(*n)))
            .collect();
        assert_eq!(names, ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(ar.categories().len(), 6);
    }
}
