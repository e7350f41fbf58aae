//! The plotters backend charts are drawn on: writes the SVG markup the site publishes, element by element.
//!
//! It implements plotters' [`DrawingBackend`] and writes each shape
//! plotters hands it as one line of SVG: the root has a viewBox and no
//! size, `role="img"`, `<title>` and `<desc>`, and sets the font once;
//! the page's ink is `currentColor`; attributes equal to SVG's defaults
//! are left out; and every element drawn through [`Classed`] carries its
//! CSS class (the table in [`crate::charts`]).

use std::convert::Infallible;
use std::fmt::Write as _;

use plotters::element::{Circle, Drawable, PathElement, PointCollection, Rectangle, Text};
use plotters::style::RGBColor;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

use super::Colour;
use crate::util::html::escape_svg;

/// The page's text colour. Plotters' colours are plain RGB, so black
/// stands for it and is written `currentColor` (no series is black).
pub(super) const INK: RGBColor = RGBColor(0, 0, 0);

fn is_ink(colour: BackendColor) -> bool {
    colour.rgb == (INK.0, INK.1, INK.2)
}

/// The font size the root sets, in viewBox units.
pub(super) const FONT_PX: f64 = 14.0;
/// Estimated advance of one character at [`FONT_PX`] (large enough to
/// stay legible when a 480-unit-wide chart shrinks to a phone).
const CHAR_W: f64 = 7.7;

/// The estimated width of `s` in the root's font: layout and
/// [`DrawingBackend::estimate_text_size`] agree on it.
pub(super) fn text_width(s: &str) -> i32 {
    (s.chars().count() as f64 * CHAR_W).ceil() as i32
}

/// What an element is in the chart, written as its `class` attribute.
#[derive(Clone, Copy, Debug)]
pub(super) enum Class {
    /// Legend text.
    Key,
    /// A legend swatch or a legend line's dot.
    KeyFill(Colour),
    /// A legend line.
    KeyStroke(Colour),
    /// A band over a category whose figure is withheld, and its legend swatch.
    Gap,
    KeyGap,
    Bar(Colour),
    Line(Colour),
    Dot(Colour),
    Grid,
    Axis,
    /// Axis and tick labels.
    Label,
}

impl Class {
    fn write(self, out: &mut String) {
        let (role, paint) = match self {
            Class::Key => ("mb-key", None),
            Class::KeyFill(c) => ("mb-key", Some(("fill", c))),
            Class::KeyStroke(c) => ("mb-key", Some(("stroke", c))),
            Class::Gap => ("mb-gap", None),
            Class::KeyGap => ("mb-key mb-gap", None),
            Class::Bar(c) => ("mb-bar", Some(("fill", c))),
            Class::Line(c) => ("mb-line", Some(("stroke", c))),
            Class::Dot(c) => ("mb-dot", Some(("fill", c))),
            Class::Grid => ("mb-grid", None),
            Class::Axis => ("mb-axis", None),
            Class::Label => ("mb-label", None),
        };
        out.push_str(role);
        if let Some((paint, colour)) = paint {
            out.push_str(" mb-");
            out.push_str(paint);
            out.push('-');
            out.push_str(colour.name());
        }
    }
}

/// A plotters element whose shapes [`Svg`] writes with `class`.
pub(super) struct Classed<E> {
    class: Class,
    element: E,
}

impl<E> Classed<E> {
    pub(super) fn new(class: Class, element: E) -> Classed<E> {
        Classed { class, element }
    }
}

/// The element's own points, for each element the charts draw. (One
/// impl for every `E` would send rustc looking through endless
/// `Classed<Classed<…>>` candidates at each `draw` call: E0275.)
macro_rules! classed_points {
    ($(<$($lt:lifetime),*> $element:ty;)*) => {$(
        impl<'a, $($lt),*> PointCollection<'a, BackendCoord> for &'a Classed<$element> {
            type Point = <&'a $element as PointCollection<'a, BackendCoord>>::Point;
            type IntoIter = <&'a $element as PointCollection<'a, BackendCoord>>::IntoIter;

            fn point_iter(self) -> Self::IntoIter {
                self.element.point_iter()
            }
        }
    )*};
}

classed_points! {
    <> Rectangle<BackendCoord>;
    <> PathElement<BackendCoord>;
    <> Circle<BackendCoord, i32>;
    <'s, 't> Text<'s, BackendCoord, &'t str>;
}

impl<'s, E: Drawable<Svg<'s>>> Drawable<Svg<'s>> for Classed<E> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        pos: I,
        backend: &mut Svg<'s>,
        parent_dim: (u32, u32),
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        backend.class = Some(self.class);
        let drawn = self.element.draw(pos, backend, parent_dim);
        backend.class = None;
        drawn
    }
}

/// An attribute's value as the SVG is written: integers through itoa,
/// since `write!` for every coordinate was a tenth of drawing a chart.
trait AttrValue {
    fn write_to(&self, out: &mut String);
}

impl AttrValue for i32 {
    fn write_to(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

impl AttrValue for u32 {
    fn write_to(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

impl AttrValue for &str {
    fn write_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl AttrValue for f64 {
    fn write_to(&self, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = write!(out, "{self}");
    }
}

/// Writes a chart into a string as plotters draws it; [`present`]
/// closes the document.
///
/// [`present`]: DrawingBackend::present
pub(super) struct Svg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The class of the element being drawn.
    class: Option<Class>,
    closed: bool,
}

type Drawn = Result<(), DrawingErrorKind<Infallible>>;

impl<'a> Svg<'a> {
    /// Starts the document: the root, then `<title>` and `<desc>` with
    /// ids `{ids}-title` and `{ids}-desc`.
    pub(super) fn new(
        out: &'a mut String,
        (w, h): (u32, u32),
        ids: &str,
        title: &str,
        desc: &str,
    ) -> Svg<'a> {
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"mb-chart\" \
             role=\"img\" aria-labelledby=\"{ids}-title {ids}-desc\" font-family=\"system-ui,sans-serif\" \
             font-size=\"{FONT_PX}\" fill=\"currentColor\">\n<title id=\"{ids}-title\">{}</title>\n\
             <desc id=\"{ids}-desc\">{}</desc>\n",
            escape_svg(title),
            escape_svg(desc)
        );
        Svg {
            out,
            size: (w, h),
            class: None,
            closed: false,
        }
    }

    fn open(&mut self, name: &str) {
        self.out.push('<');
        self.out.push_str(name);
    }

    fn attr(&mut self, key: &str, value: impl AttrValue) {
        self.out.push(' ');
        self.out.push_str(key);
        self.out.push_str("=\"");
        value.write_to(self.out);
        self.out.push('"');
    }

    /// `key` painted with `colour`: the page's ink or `#RRGGBB`.
    fn paint(&mut self, key: &str, colour: BackendColor) {
        if is_ink(colour) {
            self.attr(key, "currentColor");
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            let (r, g, b) = colour.rgb;
            let mut hex = String::with_capacity(7);
            hex.push('#');
            for byte in [r, g, b] {
                hex.push(char::from(HEX[usize::from(byte >> 4)]));
                hex.push(char::from(HEX[usize::from(byte & 15)]));
            }
            self.attr(key, hex.as_str());
        }
    }

    fn opacity(&mut self, colour: BackendColor) {
        if colour.alpha != 1.0 {
            self.attr("opacity", colour.alpha);
        }
    }

    /// A filled shape's `fill`, or an outline's `fill="none"` and `stroke`.
    fn fill_or_outline(&mut self, colour: BackendColor, fill: bool) {
        if fill {
            self.paint("fill", colour);
        } else {
            self.attr("fill", "none");
            self.paint("stroke", colour);
        }
    }

    fn stroke_width(&mut self, width: u32) {
        if width > 1 {
            self.attr("stroke-width", width);
        }
    }

    fn points(&mut self, points: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (i, (x, y)) in points.into_iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            x.write_to(self.out);
            self.out.push(',');
            y.write_to(self.out);
        }
        self.out.push('"');
    }

    fn class(&mut self) {
        if let Some(class) = self.class {
            self.out.push_str(" class=\"");
            class.write(self.out);
            self.out.push('"');
        }
    }

    fn close(&mut self) -> Drawn {
        self.class();
        self.out.push_str("/>\n");
        Ok(())
    }
}

/// Shapes and text plotters asks for; fully transparent ones are not
/// written, as in plotters' own backends.
impl DrawingBackend for Svg<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Drawn {
        self.draw_rect((x, y), (x + 1, y + 1), &colour, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.open("line");
        self.opacity(colour);
        self.paint("stroke", colour);
        self.stroke_width(style.stroke_width());
        self.attr("x1", from.0);
        self.attr("y1", from.1);
        self.attr("x2", to.0);
        self.attr("y2", to.1);
        self.close()
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.open("rect");
        self.attr("x", x0);
        self.attr("y", y0);
        self.attr("width", x1 - x0);
        self.attr("height", y1 - y0);
        self.opacity(colour);
        self.fill_or_outline(colour, fill);
        self.close()
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.open("polyline");
        self.attr("fill", "none");
        self.opacity(colour);
        self.paint("stroke", colour);
        self.stroke_width(style.stroke_width());
        self.points(path);
        self.close()
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.open("circle");
        self.attr("cx", x);
        self.attr("cy", y);
        self.attr("r", radius);
        self.opacity(colour);
        self.fill_or_outline(colour, fill);
        self.close()
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.open("polygon");
        self.opacity(colour);
        self.paint("fill", colour);
        self.points(vertices);
        self.close()
    }

    /// Upright text in the root's font (family and size are the root's);
    /// other styles are refused rather than drawn wrong.
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Drawn {
        if !matches!(style.style(), FontStyle::Normal)
            || !matches!(style.transform(), FontTransform::None)
        {
            return Err(DrawingErrorKind::FontError(
                "charts draw upright text in the normal style only".into(),
            ));
        }
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        self.open("text");
        self.attr("x", x);
        self.attr("y", y);
        // Shifts the baseline so that `y` is the text's top, middle or
        // bottom, without knowing the font's metrics.
        self.attr(
            "dy",
            match anchor.v_pos {
                VPos::Top => "0.76em",
                VPos::Center => "0.5ex",
                VPos::Bottom => "-0.5ex",
            },
        );
        match anchor.h_pos {
            HPos::Left => {}
            HPos::Center => self.attr("text-anchor", "middle"),
            HPos::Right => self.attr("text-anchor", "end"),
        }
        self.opacity(colour);
        // The root's fill is the page's ink.
        if !is_ink(colour) {
            self.paint("fill", colour);
        }
        self.class();
        self.out.push('>');
        self.out.push_str(&escape_svg(text));
        self.out.push_str("</text>\n");
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        _: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        Ok((text_width(text).unsigned_abs(), FONT_PX as u32))
    }
}

#[cfg(test)]
mod tests;
