//! Where each element of a chart goes: legend, value axis, grid, bars, lines and labels, drawn as plotters elements.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBAColor, RGBColor, ShapeStyle};

use super::svg::{Class, Classed, FONT_PX, INK, Svg, text_width};
use super::{Colour, Plot, Series};

/// Width of every chart's viewBox.
const W: i32 = 480;
/// Height of a vertical chart's viewBox.
const H: i32 = 260;
const PAD: i32 = 8;
const LEGEND_ROW: i32 = 20;
/// Height of one category of a horizontal chart (at least: a label over
/// several lines makes its band taller).
const BAND_H: i32 = 26;
/// Category labels under a vertical chart longer than this are cut (the
/// table has them whole).
const MAX_LABEL_CHARS: usize = 22;
/// The longest line of a horizontal chart's category label, in characters:
/// longer labels wrap.
const LINE_CHARS: usize = 24;
/// The most lines a category label wraps over; beyond them it is cut with
/// an ellipsis (a name of 96 characters still shows whole).
const MAX_LINES: usize = 4;
/// Distance between the lines of a wrapped label.
const LINE_H: i32 = 16;

/// The chart's viewBox: a fixed height when vertical, one band per
/// category when horizontal.
pub(super) fn size(plot: &Plot) -> (u32, u32) {
    let (_, legend_h) = legend_layout(plot);
    let height = if plot.horizontal {
        horizontal_height(plot, legend_h)
    } else {
        H
    };
    (W.unsigned_abs(), height.unsigned_abs())
}

/// Draws `plot` on `area` (of [`size`]). `None` when plotters fails.
pub(super) fn draw(area: &DrawingArea<Svg<'_>, Shift>, plot: &Plot) -> Option<()> {
    let cv = Canvas { area };
    let legend_h = draw_legend(&cv, plot)?;
    if plot.horizontal {
        draw_horizontal(&cv, plot, legend_h)
    } else {
        draw_vertical(&cv, plot, legend_h)
    }
}

/// What an element is painted with: the page's ink (text, axis), the ink
/// faded (grid), or a series colour.
#[derive(Clone, Copy)]
enum Ink {
    Text,
    Grid,
    /// A band over a withheld figure.
    Gap,
    Series(Colour),
}

impl Ink {
    fn rgba(self) -> RGBAColor {
        match self {
            Ink::Text => INK.to_rgba(),
            Ink::Grid => INK.mix(0.2),
            Ink::Gap => INK.mix(0.12),
            Ink::Series(c) => {
                let (r, g, b) = c.rgb();
                RGBColor(r, g, b).to_rgba()
            }
        }
    }
}

/// The drawing area; each method draws one plotters element with the
/// class it carries in the markup.
struct Canvas<'c, 'a> {
    area: &'c DrawingArea<Svg<'a>, Shift>,
}

fn style(ink: Ink, filled: bool, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: ink.rgba(),
        filled,
        stroke_width: width,
    }
}

impl Canvas<'_, '_> {
    fn rect(&self, from: (i32, i32), to: (i32, i32), colour: Colour, class: Class) -> Option<()> {
        self.fill(from, to, Ink::Series(colour), class)
    }

    fn fill(&self, from: (i32, i32), to: (i32, i32), ink: Ink, class: Class) -> Option<()> {
        let rect = Rectangle::new([from, to], style(ink, true, 0));
        self.area.draw(&Classed::new(class, rect)).ok()
    }

    fn path(&self, points: Vec<(i32, i32)>, ink: Ink, width: u32, class: Class) -> Option<()> {
        let path = PathElement::new(points, style(ink, false, width));
        self.area.draw(&Classed::new(class, path)).ok()
    }

    fn dot(&self, at: (i32, i32), colour: Colour, class: Class) -> Option<()> {
        let dot = Circle::new(at, 3, style(Ink::Series(colour), true, 0));
        self.area.draw(&Classed::new(class, dot)).ok()
    }

    fn text(&self, text: &str, at: (i32, i32), h: HPos, v: VPos, class: Class) -> Option<()> {
        let style = ("sans-serif", FONT_PX)
            .into_font()
            .color(&Ink::Text.rgba())
            .pos(Pos::new(h, v));
        let text = Text::new(text, at, style);
        self.area.draw(&Classed::new(class, text)).ok()
    }
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

/// A horizontal chart's category label over lines of at most
/// [`LINE_CHARS`]: broken between words, a longer word broken inside, at
/// most [`MAX_LINES`] lines (the last cut with an ellipsis).
fn wrap_label(s: &str) -> Vec<String> {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in clean.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        let fits = line.chars().count() + usize::from(!line.is_empty()) + word.len();
        if !line.is_empty() && fits > LINE_CHARS {
            lines.push(std::mem::take(&mut line));
        }
        while line.is_empty() && word.len() > LINE_CHARS {
            let rest = word.split_off(LINE_CHARS);
            lines.push(word.into_iter().collect());
            word = rest;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            let mut cut: String = last.chars().take(LINE_CHARS - 1).collect();
            cut.push('…');
            *last = cut;
        }
    }
    lines
}

/// Each category's band of a horizontal chart: (top, height) below `y0`,
/// tall enough for its wrapped label.
fn bands(labels: &[Vec<String>], y0: i32) -> Vec<(i32, i32)> {
    let mut top = y0;
    labels
        .iter()
        .map(|lines| {
            let h = BAND_H.max(lines.len() as i32 * LINE_H + 8);
            let band = (top, h);
            top += h;
            band
        })
        .collect()
}

/// What a legend item shows: a series' swatch or line, or the gap band.
#[derive(Clone, Copy)]
enum Key<'p> {
    Bar(&'p Series),
    Line(&'p Series),
    Gap(&'p str),
}

impl Key<'_> {
    fn name(&self) -> &str {
        match self {
            Key::Bar(s) | Key::Line(s) => &s.name,
            Key::Gap(label) => label,
        }
    }
}

/// Legend items and their positions: (x, row). The series are listed when
/// `plot.legend`; the gap band whenever the chart has one.
fn legend_layout(plot: &Plot) -> (Vec<(Key<'_>, i32, i32)>, i32) {
    let mut items: Vec<Key> = Vec::new();
    if plot.legend {
        items.extend(plot.bars.iter().map(Key::Bar));
        items.extend(plot.lines.iter().map(Key::Line));
    }
    if !plot.gaps.categories.is_empty() && !plot.horizontal {
        items.push(Key::Gap(&plot.gaps.label));
    }
    let mut out = Vec::new();
    let (mut x, mut row) = (PAD, 0);
    for key in items {
        let w = 18 + text_width(key.name()) + 14;
        if x > PAD && x + w > W - PAD {
            x = PAD;
            row += 1;
        }
        out.push((key, x, row));
        x += w;
    }
    if out.is_empty() {
        return (out, 0);
    }
    (out, (row + 1) * LEGEND_ROW + 4)
}

fn draw_legend(cv: &Canvas, plot: &Plot) -> Option<i32> {
    let (items, height) = legend_layout(plot);
    for (key, x, row) in items {
        let y = PAD + row * LEGEND_ROW + LEGEND_ROW / 2;
        match key {
            Key::Bar(s) => cv.rect(
                (x, y - 6),
                (x + 12, y + 6),
                s.colour,
                Class::KeyFill(s.colour),
            )?,
            Key::Line(s) => {
                cv.path(
                    vec![(x, y), (x + 14, y)],
                    Ink::Series(s.colour),
                    2,
                    Class::KeyStroke(s.colour),
                )?;
                cv.dot((x + 7, y), s.colour, Class::KeyFill(s.colour))?;
            }
            Key::Gap(_) => cv.fill((x, y - 6), (x + 12, y + 6), Ink::Gap, Class::KeyGap)?,
        }
        cv.text(
            key.name(),
            (x + 18, y),
            HPos::Left,
            VPos::Center,
            Class::Key,
        )?;
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

fn draw_vertical(cv: &Canvas, plot: &Plot, legend_h: i32) -> Option<()> {
    let axis = &plot.axis;
    let labels: Vec<String> = axis.tick_labels();
    // Tick labels are right-aligned against the plot: a quarter more room
    // than the estimate keeps a wide font's "100%" inside the chart.
    let label_w = labels.iter().map(|l| text_width(l)).max().unwrap_or(0) * 5 / 4;
    let (x0, x1) = (PAD + label_w + 6, W - PAD);
    let (y0, y1) = (PAD + legend_h + 6, H - 24);
    let y_of = |v: f64| y1 - (axis.fraction(v) * f64::from(y1 - y0)).round() as i32;
    for (t, label) in axis.ticks.iter().zip(&labels) {
        let y = y_of(*t);
        if *t != axis.base() {
            cv.path(vec![(x0, y), (x1, y)], Ink::Grid, 1, Class::Grid)?;
        }
        cv.text(label, (x0 - 6, y), HPos::Right, VPos::Center, Class::Label)?;
    }
    let n = plot.categories.len().max(1);
    let band = f64::from(x1 - x0) / n as f64;
    for &i in plot.gaps.categories.iter().filter(|i| **i < n) {
        let a = (f64::from(x0) + band * i as f64).round() as i32;
        let b = (f64::from(x0) + band * (i + 1) as f64).round() as i32;
        cv.fill((a, y0), (b, y1), Ink::Gap, Class::Gap)?;
    }
    for (j, i, from, to) in bar_segments(plot) {
        let slots = bar_slots(plot, f64::from(x0) + band * i as f64, band);
        let Some(&(a, b)) = slots.get(j) else {
            continue;
        };
        let (top, bottom) = (y_of(to), y_of(from));
        let top = top.min(bottom - 1);
        let colour = plot.bars[j].colour;
        cv.rect((a, top), (b.max(a + 1), bottom), colour, Class::Bar(colour))?;
    }
    let centre = |i: usize| (f64::from(x0) + band * (i as f64 + 0.5)).round() as i32;
    for s in &plot.lines {
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
                cv.path(run, Ink::Series(s.colour), 2, Class::Line(s.colour))?;
            }
        }
        for p in points.iter().flatten() {
            cv.dot(*p, s.colour, Class::Dot(s.colour))?;
        }
    }
    cv.path(
        vec![(x0, y_of(axis.base())), (x1, y_of(axis.base()))],
        Ink::Text,
        1,
        Class::Axis,
    )?;
    let cats: Vec<String> = plot.categories.iter().map(|c| short_label(c)).collect();
    let widest = cats.iter().map(|c| text_width(c)).max().unwrap_or(0);
    let every = ((f64::from(widest + 14) / band).ceil() as usize).max(1);
    for (i, c) in cats.iter().enumerate() {
        if i % every == 0 {
            cv.text(
                c,
                (centre(i), y1 + 6),
                HPos::Center,
                VPos::Top,
                Class::Label,
            )?;
        }
    }
    Some(())
}

fn horizontal_height(plot: &Plot, legend_h: i32) -> i32 {
    let labels: Vec<Vec<String>> = plot.categories.iter().map(|c| wrap_label(c)).collect();
    let rows: i32 = bands(&labels, 0).iter().map(|(_, h)| h).sum();
    PAD + legend_h + 4 + rows.max(BAND_H) + 24 + PAD
}

fn draw_horizontal(cv: &Canvas, plot: &Plot, legend_h: i32) -> Option<()> {
    let axis = &plot.axis;
    let cats: Vec<Vec<String>> = plot.categories.iter().map(|c| wrap_label(c)).collect();
    let cat_w = cats
        .iter()
        .flatten()
        .map(|l| text_width(l))
        .max()
        .unwrap_or(0);
    let labels: Vec<String> = axis.tick_labels();
    let last_w = labels.last().map_or(0, |l| text_width(l));
    let (x0, x1) = (PAD + cat_w + 8, W - PAD - last_w / 2);
    let y0 = PAD + legend_h + 4;
    let rows = bands(&cats, y0);
    let y1 = rows.last().map_or(y0 + BAND_H, |(top, h)| top + h);
    let x_of = |v: f64| x0 + (axis.fraction(v) * f64::from(x1 - x0)).round() as i32;
    for (t, label) in axis.ticks.iter().zip(&labels) {
        let x = x_of(*t);
        if *t != axis.base() {
            cv.path(vec![(x, y0), (x, y1)], Ink::Grid, 1, Class::Grid)?;
        }
        cv.text(label, (x, y1 + 6), HPos::Center, VPos::Top, Class::Label)?;
    }
    for (j, i, from, to) in bar_segments(plot) {
        let Some(&(top, h)) = rows.get(i) else {
            continue;
        };
        // Bars keep one thickness: a taller band centres them.
        let band_start = f64::from(top) + f64::from(h - BAND_H) / 2.0;
        let slots = bar_slots(plot, band_start, f64::from(BAND_H));
        let Some(&(a, b)) = slots.get(j) else {
            continue;
        };
        let (left, right) = (x_of(from), x_of(to));
        let colour = plot.bars[j].colour;
        cv.rect(
            (left, a),
            (right.max(left + 1), b.max(a + 1)),
            colour,
            Class::Bar(colour),
        )?;
    }
    cv.path(
        vec![(x_of(axis.base()), y0), (x_of(axis.base()), y1)],
        Ink::Text,
        1,
        Class::Axis,
    )?;
    for (lines, (top, h)) in cats.iter().zip(&rows) {
        let n = lines.len() as i32;
        let first = top + h / 2 - (n - 1) * LINE_H / 2;
        for (k, line) in lines.iter().enumerate() {
            let y = first + k as i32 * LINE_H;
            cv.text(line, (x0 - 8, y), HPos::Right, VPos::Center, Class::Label)?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_stay_on_one_line() {
        assert_eq!(wrap_label("Alpha"), ["Alpha"]);
        assert_eq!(wrap_label("All cohorts"), ["All cohorts"]);
        assert_eq!(wrap_label(""), [""]);
    }

    #[test]
    fn long_labels_wrap_between_words_and_keep_every_word() {
        let name = "People & Operations mentoring for first-time managers, Winter 2025";
        assert!(name.chars().count() >= 60);
        let lines = wrap_label(name);
        assert_eq!(
            lines,
            [
                "People & Operations",
                "mentoring for first-time",
                "managers, Winter 2025"
            ]
        );
        assert!(lines.iter().all(|l| l.chars().count() <= LINE_CHARS));
        assert_eq!(lines.join(" "), name);
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken_and_too_many_lines_are_cut() {
        let word = "x".repeat(30);
        assert_eq!(wrap_label(&word), ["x".repeat(24), "x".repeat(6)]);
        let lines = wrap_label(&"word ".repeat(40));
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines[MAX_LINES - 1].ends_with('…'));
        assert!(lines.iter().all(|l| l.chars().count() <= LINE_CHARS));
        // Control characters never reach the SVG.
        assert_eq!(wrap_label("a\u{7}b"), ["a b"]);
    }

    #[test]
    fn bands_grow_with_their_label() {
        let labels = [vec!["a".to_string()], vec!["b".to_string(); 3]];
        assert_eq!(
            bands(&labels, 10),
            [(10, BAND_H), (10 + BAND_H, 3 * LINE_H + 8)]
        );
    }
}
