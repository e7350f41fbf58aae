//! What a category chart is drawn from (categories, series, value axis, palette), and [`render`], which draws it with plotters.
//!
//! [`layout`] places every element with integer coordinates (no mesh, no
//! Histogram: the charts need less than plotters' chart builder does) and
//! draws it as a plotters element on [`svg::Svg`], our implementation of
//! plotters' `DrawingBackend`, which writes each shape as the site's SVG.
//!
//! Why a backend of our own: plotters' SVG backend writes a standalone
//! image (fixed size, a font on every text, every default attribute, black
//! ink), which was once rewritten here line by line into the page's markup,
//! so any change to plotters' output could silently change or break the
//! charts. Plotters still places the shapes (it clamps coordinates to the
//! drawing area and orders a rectangle's corners) but no longer writes
//! them: an upgrade of plotters cannot change the markup.

mod layout;
mod svg;

use plotters::drawing::IntoDrawingArea;

/// The Okabe–Ito palette (colour-blind safe), as used by the charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Colour {
    Blue,
    Orange,
    Green,
    Sky,
    Vermillion,
}

impl Colour {
    fn rgb(self) -> (u8, u8, u8) {
        match self {
            Colour::Blue => (0x00, 0x72, 0xB2),
            Colour::Orange => (0xE6, 0x9F, 0x00),
            Colour::Green => (0x00, 0x9E, 0x73),
            Colour::Sky => (0x56, 0xB4, 0xE9),
            Colour::Vermillion => (0xD5, 0x5E, 0x00),
        }
    }

    /// The colour's name in the `mb-fill-*` / `mb-stroke-*` classes.
    fn name(self) -> &'static str {
        match self {
            Colour::Blue => "blue",
            Colour::Orange => "orange",
            Colour::Green => "green",
            Colour::Sky => "sky",
            Colour::Vermillion => "vermillion",
        }
    }
}

/// One named series of values, one per category (`None`: not drawn).
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub name: String,
    pub colour: Colour,
    pub values: Vec<Option<f64>>,
}

/// The value axis: its range, ticks and how tick labels are written.
#[derive(Clone, Debug)]
pub(crate) struct Axis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
    /// Decimals of tick labels.
    pub decimals: usize,
    /// Tick labels show value × scale followed by suffix (e.g. 100, "%").
    pub scale: f64,
    pub suffix: &'static str,
    /// The tick labels in the chart's language, once [`Axis::localize`]d
    /// (empty: English, from [`Axis::label`]).
    pub labels: Vec<String>,
}

impl Axis {
    /// 0 up to a round number ≥ `max`, with 3–5 round steps (whole steps
    /// when `whole`).
    pub(super) fn upto(max: f64, whole: bool) -> Axis {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        let raw = max / 4.0;
        let mut magnitude = 10f64.powi(raw.log10().floor() as i32);
        if whole && magnitude < 1.0 {
            magnitude = 1.0;
        }
        let step = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        let steps = (max / step).ceil().max(1.0) as u32;
        // Enough decimals to write every tick exactly (step is 1, 2 or 5 × 10^n).
        let mut decimals = 0;
        while decimals < 6 && (step * 10f64.powi(decimals as i32)).fract().abs() > 1e-9 {
            decimals += 1;
        }
        Axis {
            min: 0.0,
            max: step * f64::from(steps),
            ticks: (0..=steps).map(|i| step * f64::from(i)).collect(),
            decimals,
            scale: 1.0,
            suffix: "",
            labels: Vec::new(),
        }
    }

    /// A fixed range with the given ticks.
    pub(super) fn fixed(min: f64, max: f64, ticks: &[f64]) -> Axis {
        Axis {
            min,
            max,
            ticks: ticks.to_vec(),
            decimals: 0,
            scale: 1.0,
            suffix: "",
            labels: Vec::new(),
        }
    }

    /// 0–100 % for rates given as fractions.
    pub(super) fn percent() -> Axis {
        Axis {
            scale: 100.0,
            suffix: "%",
            ..Axis::fixed(0.0, 1.0, &[0.0, 0.25, 0.5, 0.75, 1.0])
        }
    }

    /// A tick's label in the language of `w`: `2.5` (en), `2,5` (pt-BR),
    /// `50 %` (de); English keeps [`Axis::label`]'s form.
    pub(crate) fn label_in(&self, w: &crate::i18n::Words, v: f64) -> String {
        let x = v * self.scale;
        // A value that rounds to zero is written without a sign.
        let x = if x.abs() < 0.5 * 10f64.powi(-(self.decimals as i32)) {
            0.0
        } else {
            x
        };
        if self.suffix == "%" {
            w.formats().percent_places(x / 100.0, self.decimals)
        } else {
            w.decimal(Some(x), self.decimals)
        }
    }

    /// Writes the tick labels in the language of `w`.
    pub(crate) fn localize(&mut self, w: &crate::i18n::Words) {
        self.labels = self.ticks.iter().map(|t| self.label_in(w, *t)).collect();
    }

    /// Every tick's label.
    pub(crate) fn tick_labels(&self) -> Vec<String> {
        if self.labels.len() == self.ticks.len() {
            self.labels.clone()
        } else {
            self.ticks.iter().map(|t| self.label(*t)).collect()
        }
    }

    pub(crate) fn label(&self, v: f64) -> String {
        let s = format!("{:.*}{}", self.decimals, v * self.scale, self.suffix);
        if s.starts_with("-0") && s.trim_start_matches(['-', '0', '.']).is_empty() {
            s[1..].to_string()
        } else {
            s
        }
    }

    /// Where `v` falls between the axis ends, 0–1 (clamped).
    fn fraction(&self, v: f64) -> f64 {
        let span = self.max - self.min;
        if span <= 0.0 {
            return 0.0;
        }
        ((v - self.min) / span).clamp(0.0, 1.0)
    }

    /// The value bars grow from: 0 when in range, else the axis minimum.
    fn base(&self) -> f64 {
        0f64.clamp(self.min, self.max)
    }
}

/// A chart over categories: bars (grouped or stacked) and lines.
#[derive(Clone, Debug)]
pub(crate) struct Plot {
    pub categories: Vec<String>,
    pub bars: Vec<Series>,
    pub stacked: bool,
    /// Drawn at category centres; vertical charts only.
    pub lines: Vec<Series>,
    /// Categories down the left, values along the bottom.
    pub horizontal: bool,
    pub legend: bool,
    pub axis: Axis,
    /// Categories shaded as gaps (vertical charts only): figures withheld,
    /// named in the legend by [`Gaps::label`].
    pub gaps: Gaps,
}

/// Categories of a chart whose figure is withheld: each drawn as a faint
/// band, and the band named once in the legend.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gaps {
    pub categories: Vec<usize>,
    pub label: String,
}

impl Plot {
    pub(super) fn new(categories: Vec<String>, axis: Axis) -> Plot {
        Plot {
            categories,
            bars: Vec::new(),
            stacked: false,
            lines: Vec::new(),
            horizontal: false,
            legend: false,
            axis,
            gaps: Gaps::default(),
        }
    }
}

/// Draws `plot` as an SVG whose `<title>`/`<desc>` ids start with `ids`.
/// `None` when plotters reports an error (the backend reports none for
/// the elements [`layout`] draws).
pub(crate) fn render(plot: &Plot, ids: &str, title: &str, desc: &str) -> Option<String> {
    let mut out = String::new();
    {
        let svg = svg::Svg::new(&mut out, layout::size(plot), ids, title, desc);
        let area = svg.into_drawing_area();
        layout::draw(&area, plot)?;
        area.present().ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests;
