//! Draws a category chart with plotters and rewrites its SVG into a small, accessible, restylable one.
//!
//! Plotters draws every element with integer coordinates; this module lays
//! the chart out itself (no mesh, no Histogram) and records a CSS class for
//! each element it draws. [`finish`] then rewrites plotters' output line by
//! line: the root gets a viewBox, `role="img"`, `<title>` and `<desc>`; ink
//! (text, axis) and grid colours become `currentColor`; default attributes
//! are dropped; every element gets its class.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::util::html::escape_svg as xml_escape;

/// Width of every chart's viewBox.
const W: i32 = 480;
/// Height of a vertical chart's viewBox.
const H: i32 = 260;
const PAD: i32 = 8;
/// Estimated advance of one character at the chart's 14px font (large
/// enough to stay legible when a 480-unit-wide chart shrinks to a phone).
const CHAR_W: f64 = 7.7;
const FONT_PX: f64 = 14.0;
const LEGEND_ROW: i32 = 20;
/// Height of one category of a horizontal chart.
const BAND_H: i32 = 26;
/// Category labels longer than this are cut (the table has them whole).
const MAX_LABEL_CHARS: usize = 22;

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

/// What an element is painted with. `Text` and `Grid` are sentinels that
/// [`finish`] turns into `currentColor`.
#[derive(Clone, Copy)]
enum Ink {
    Text,
    Grid,
    Series(Colour),
}

const TEXT_HEX: &str = "#000000";
const GRID_HEX: &str = "#808080";

impl Ink {
    fn rgba(self) -> RGBAColor {
        match self {
            Ink::Text => RGBAColor(0, 0, 0, 1.0),
            Ink::Grid => RGBAColor(0x80, 0x80, 0x80, 0.2),
            Ink::Series(c) => {
                let (r, g, b) = c.rgb();
                RGBAColor(r, g, b, 1.0)
            }
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
}

impl Axis {
    /// 0 up to a round number ≥ `max`, with 3–5 round steps (whole steps
    /// when `whole`).
    pub fn upto(max: f64, whole: bool) -> Axis {
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
        }
    }

    /// A fixed range with the given ticks.
    pub fn fixed(min: f64, max: f64, ticks: &[f64]) -> Axis {
        Axis {
            min,
            max,
            ticks: ticks.to_vec(),
            decimals: 0,
            scale: 1.0,
            suffix: "",
        }
    }

    /// 0–100 % for rates given as fractions.
    pub fn percent() -> Axis {
        Axis {
            scale: 100.0,
            suffix: "%",
            ..Axis::fixed(0.0, 1.0, &[0.0, 0.25, 0.5, 0.75, 1.0])
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
}

impl Plot {
    pub fn new(categories: Vec<String>, axis: Axis) -> Plot {
        Plot {
            categories,
            bars: Vec::new(),
            stacked: false,
            lines: Vec::new(),
            horizontal: false,
            legend: false,
            axis,
        }
    }
}

/// The plotters drawing area and the class of each element drawn so far.
struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    classes: Vec<String>,
}

fn style(ink: Ink, filled: bool, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: ink.rgba(),
        filled,
        stroke_width: width,
    }
}

impl Canvas<'_> {
    fn rect(
        &mut self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        ink: Ink,
        class: String,
    ) -> Option<()> {
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], style(ink, true, 0)))
            .ok()?;
        self.classes.push(class);
        Some(())
    }

    fn path(&mut self, points: Vec<(i32, i32)>, ink: Ink, width: u32, class: String) -> Option<()> {
        self.area
            .draw(&PathElement::new(points, style(ink, false, width)))
            .ok()?;
        self.classes.push(class);
        Some(())
    }

    fn dot(&mut self, at: (i32, i32), colour: Colour, class: String) -> Option<()> {
        self.area
            .draw(&Circle::new(at, 3, style(Ink::Series(colour), true, 0)))
            .ok()?;
        self.classes.push(class);
        Some(())
    }

    fn text(&mut self, text: &str, at: (i32, i32), h: HPos, v: VPos, class: &str) -> Option<()> {
        let style = ("sans-serif", FONT_PX)
            .into_font()
            .color(&Ink::Text.rgba())
            .pos(Pos::new(h, v));
        self.area
            .draw(&Text::new(text.to_string(), at, style))
            .ok()?;
        self.classes.push(class.to_string());
        Some(())
    }
}

fn text_width(s: &str) -> i32 {
    (s.chars().count() as f64 * CHAR_W).ceil() as i32
}

/// A category label fit for an axis: control characters as spaces, long
/// labels cut with an ellipsis.
fn short_label(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= MAX_LABEL_CHARS {
        clean
    } else {
        let mut cut: String = clean.chars().take(MAX_LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

#[derive(Clone, Copy, PartialEq)]
enum KeyKind {
    Bar,
    Line,
}

/// Legend items and their positions: (x, row).
fn legend_layout(plot: &Plot) -> (Vec<(KeyKind, &Series, i32, i32)>, i32) {
    if !plot.legend {
        return (Vec::new(), 0);
    }
    let items = plot
        .bars
        .iter()
        .map(|s| (KeyKind::Bar, s))
        .chain(plot.lines.iter().map(|s| (KeyKind::Line, s)));
    let mut out = Vec::new();
    let (mut x, mut row) = (PAD, 0);
    for (kind, s) in items {
        let w = 18 + text_width(&s.name) + 14;
        if x > PAD && x + w > W - PAD {
            x = PAD;
            row += 1;
        }
        out.push((kind, s, x, row));
        x += w;
    }
    let rows = if out.is_empty() { 0 } else { row + 1 };
    (out, rows * LEGEND_ROW + 4)
}

fn draw_legend(cv: &mut Canvas, plot: &Plot) -> Option<i32> {
    let (items, height) = legend_layout(plot);
    for (kind, s, x, row) in items {
        let y = PAD + row * LEGEND_ROW + LEGEND_ROW / 2;
        let name = s.colour.name();
        match kind {
            KeyKind::Bar => cv.rect(
                (x, y - 6),
                (x + 12, y + 6),
                Ink::Series(s.colour),
                format!("mb-key mb-fill-{name}"),
            )?,
            KeyKind::Line => {
                cv.path(
                    vec![(x, y), (x + 14, y)],
                    Ink::Series(s.colour),
                    2,
                    format!("mb-key mb-stroke-{name}"),
                )?;
                cv.dot((x + 7, y), s.colour, format!("mb-key mb-fill-{name}"))?;
            }
        }
        cv.text(&s.name, (x + 18, y), HPos::Left, VPos::Center, "mb-key")?;
    }
    Some(height)
}

/// Pixel extent of the bars of category `i` along its band: one
/// (start, end) per series (stacked: all the same).
fn bar_slots(plot: &Plot, band_start: f64, band: f64) -> Vec<(i32, i32)> {
    let n = if plot.stacked {
        1
    } else {
        plot.bars.len().max(1)
    };
    let group = (band * 0.72).min(44.0 * n as f64);
    let each = group / n as f64;
    let start = band_start + (band - group) / 2.0;
    (0..plot.bars.len())
        .map(|j| {
            let k = if plot.stacked { 0 } else { j };
            let a = start + each * k as f64;
            (a.round() as i32, (a + each).round() as i32)
        })
        .collect()
}

/// Each bar to draw: (series, category, from value, to value).
fn bar_segments(plot: &Plot) -> Vec<(usize, usize, f64, f64)> {
    let base = plot.axis.base();
    let mut out = Vec::new();
    for i in 0..plot.categories.len() {
        let mut top = base;
        for (j, s) in plot.bars.iter().enumerate() {
            let Some(v) = s.values.get(i).copied().flatten() else {
                continue;
            };
            if !v.is_finite() || v == 0.0 {
                continue;
            }
            let from = if plot.stacked { top } else { base };
            let to = from + v;
            if plot.stacked {
                top = to;
            }
            out.push((j, i, from, to));
        }
    }
    out
}

fn draw_vertical(cv: &mut Canvas, plot: &Plot, legend_h: i32) -> Option<()> {
    let axis = &plot.axis;
    let labels: Vec<String> = axis.ticks.iter().map(|t| axis.label(*t)).collect();
    let label_w = labels.iter().map(|l| text_width(l)).max().unwrap_or(0);
    let (x0, x1) = (PAD + label_w + 6, W - PAD);
    let (y0, y1) = (PAD + legend_h + 6, H - 24);
    let y_of = |v: f64| y1 - (axis.fraction(v) * f64::from(y1 - y0)).round() as i32;
    for (t, label) in axis.ticks.iter().zip(&labels) {
        let y = y_of(*t);
        if *t != axis.base() {
            cv.path(vec![(x0, y), (x1, y)], Ink::Grid, 1, "mb-grid".into())?;
        }
        cv.text(label, (x0 - 6, y), HPos::Right, VPos::Center, "mb-label")?;
    }
    let n = plot.categories.len().max(1);
    let band = f64::from(x1 - x0) / n as f64;
    for (j, i, from, to) in bar_segments(plot) {
        let slots = bar_slots(plot, f64::from(x0) + band * i as f64, band);
        let Some(&(a, b)) = slots.get(j) else {
            continue;
        };
        let (top, bottom) = (y_of(to), y_of(from));
        let top = top.min(bottom - 1);
        let colour = plot.bars[j].colour;
        cv.rect(
            (a, top),
            (b.max(a + 1), bottom),
            Ink::Series(colour),
            format!("mb-bar mb-fill-{}", colour.name()),
        )?;
    }
    let centre = |i: usize| (f64::from(x0) + band * (i as f64 + 0.5)).round() as i32;
    for s in &plot.lines {
        let name = s.colour.name();
        let points: Vec<Option<(i32, i32)>> = s
            .values
            .iter()
            .enumerate()
            .take(plot.categories.len())
            .map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (centre(i), y_of(v))))
            .collect();
        for run in points.split(Option::is_none) {
            let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
            if run.len() >= 2 {
                cv.path(
                    run,
                    Ink::Series(s.colour),
                    2,
                    format!("mb-line mb-stroke-{name}"),
                )?;
            }
        }
        for p in points.iter().flatten() {
            cv.dot(*p, s.colour, format!("mb-dot mb-fill-{name}"))?;
        }
    }
    cv.path(
        vec![(x0, y_of(axis.base())), (x1, y_of(axis.base()))],
        Ink::Text,
        1,
        "mb-axis".into(),
    )?;
    let cats: Vec<String> = plot.categories.iter().map(|c| short_label(c)).collect();
    let widest = cats.iter().map(|c| text_width(c)).max().unwrap_or(0);
    let every = ((f64::from(widest + 14) / band).ceil() as usize).max(1);
    for (i, c) in cats.iter().enumerate() {
        if i % every == 0 {
            cv.text(c, (centre(i), y1 + 6), HPos::Center, VPos::Top, "mb-label")?;
        }
    }
    Some(())
}

fn horizontal_height(plot: &Plot, legend_h: i32) -> i32 {
    let n = plot.categories.len().max(1) as i32;
    PAD + legend_h + 4 + n * BAND_H + 24 + PAD
}

fn draw_horizontal(cv: &mut Canvas, plot: &Plot, legend_h: i32) -> Option<()> {
    let axis = &plot.axis;
    let cats: Vec<String> = plot.categories.iter().map(|c| short_label(c)).collect();
    let cat_w = cats.iter().map(|c| text_width(c)).max().unwrap_or(0);
    let labels: Vec<String> = axis.ticks.iter().map(|t| axis.label(*t)).collect();
    let last_w = labels.last().map_or(0, |l| text_width(l));
    let (x0, x1) = (PAD + cat_w + 8, W - PAD - last_w / 2);
    let y0 = PAD + legend_h + 4;
    let y1 = y0 + plot.categories.len().max(1) as i32 * BAND_H;
    let x_of = |v: f64| x0 + (axis.fraction(v) * f64::from(x1 - x0)).round() as i32;
    for (t, label) in axis.ticks.iter().zip(&labels) {
        let x = x_of(*t);
        if *t != axis.base() {
            cv.path(vec![(x, y0), (x, y1)], Ink::Grid, 1, "mb-grid".into())?;
        }
        cv.text(label, (x, y1 + 6), HPos::Center, VPos::Top, "mb-label")?;
    }
    let band = f64::from(BAND_H);
    for (j, i, from, to) in bar_segments(plot) {
        let slots = bar_slots(plot, f64::from(y0) + band * i as f64, band);
        let Some(&(a, b)) = slots.get(j) else {
            continue;
        };
        let (left, right) = (x_of(from), x_of(to));
        let colour = plot.bars[j].colour;
        cv.rect(
            (left, a),
            (right.max(left + 1), b.max(a + 1)),
            Ink::Series(colour),
            format!("mb-bar mb-fill-{}", colour.name()),
        )?;
    }
    cv.path(
        vec![(x_of(axis.base()), y0), (x_of(axis.base()), y1)],
        Ink::Text,
        1,
        "mb-axis".into(),
    )?;
    for (i, c) in cats.iter().enumerate() {
        let y = y0 + BAND_H * i as i32 + BAND_H / 2;
        cv.text(c, (x0 - 8, y), HPos::Right, VPos::Center, "mb-label")?;
    }
    Some(())
}

/// Draws `plot` as an SVG whose `<title>`/`<desc>` ids start with `ids`.
/// `None` when plotters fails (it does not for a string target).
pub(crate) fn render(plot: &Plot, ids: &str, title: &str, desc: &str) -> Option<String> {
    let (_, legend_h) = legend_layout(plot);
    let height = if plot.horizontal {
        horizontal_height(plot, legend_h)
    } else {
        H
    };
    let mut buf = String::new();
    let classes = {
        let size = (W as u32, height as u32);
        let area = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        let mut cv = Canvas {
            area,
            classes: Vec::new(),
        };
        let legend_h = draw_legend(&mut cv, plot)?;
        if plot.horizontal {
            draw_horizontal(&mut cv, plot, legend_h)?;
        } else {
            draw_vertical(&mut cv, plot, legend_h)?;
        }
        cv.area.present().ok()?;
        cv.classes
    };
    Some(finish(&buf, &classes, (W, height), ids, title, desc))
}

/// Splits `<tag a="x" b="y"/>` (plotters' one-element-per-line output).
fn parse_tag(line: &str) -> Option<(&str, Vec<(&str, &str)>)> {
    let body = line.strip_prefix('<')?;
    let body = body
        .strip_suffix("/>")
        .or_else(|| body.strip_suffix('>'))?
        .trim_end();
    let (name, mut rest) = body.split_once(' ').unwrap_or((body, ""));
    let mut attrs = Vec::new();
    while let Some((key, after)) = rest.split_once("=\"") {
        let (value, next) = after.split_once('"')?;
        attrs.push((key.trim(), value));
        rest = next;
    }
    Some((name, attrs))
}

/// Rewrites one plotters element: ink to `currentColor`, default
/// attributes dropped, `class` added.
fn rewrite(name: &str, attrs: &[(&str, &str)], class: Option<&str>, out: &mut String) {
    out.push('<');
    out.push_str(name);
    let painted = |v: &str| v == TEXT_HEX || v == GRID_HEX;
    for &(key, value) in attrs {
        let value = match (key, value) {
            ("opacity", "1")
            | ("stroke", "none")
            | ("font-family", _)
            | ("font-size", _)
            | ("text-anchor", "start")
            | ("stroke-width", "0" | "1") => continue,
            ("stroke-width", _) if name != "polyline" && name != "line" => continue,
            ("fill", v) if name == "text" && v == TEXT_HEX => continue,
            ("fill" | "stroke", v) if painted(v) => "currentColor",
            ("points", v) => v.trim_end(),
            (_, v) => v,
        };
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        out.push_str(value);
        out.push('"');
    }
    if let Some(class) = class {
        out.push_str(" class=\"");
        out.push_str(class);
        out.push('"');
    }
}

/// Turns plotters' SVG into the published one (see the module docs).
fn finish(
    raw: &str,
    classes: &[String],
    (w, h): (i32, i32),
    ids: &str,
    title: &str,
    desc: &str,
) -> String {
    let mut out = String::with_capacity(raw.len());
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"mb-chart\" \
         role=\"img\" aria-labelledby=\"{ids}-title {ids}-desc\" font-family=\"system-ui,sans-serif\" \
         font-size=\"14\" fill=\"currentColor\">\n<title id=\"{ids}-title\">{}</title>\n\
         <desc id=\"{ids}-desc\">{}</desc>\n",
        xml_escape(title),
        xml_escape(desc)
    ));
    let mut classes = classes.iter();
    let mut lines = raw.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("<svg") || line.starts_with("</") || line.is_empty() {
            continue;
        }
        let Some((name, attrs)) = parse_tag(line) else {
            continue;
        };
        rewrite(name, &attrs, classes.next().map(String::as_str), &mut out);
        if name == "text" {
            out.push('>');
            // Plotters writes the (escaped) text on its own line, then `</text>`.
            for content in lines.by_ref() {
                if content == "</text>" {
                    break;
                }
                out.push_str(content);
            }
            out.push_str("</text>\n");
        } else {
            out.push_str("/>\n");
        }
    }
    out.push_str("</svg>\n");
    out
}
