//! The SVG backend's markup for each shape plotters can ask for.

use plotters::drawing::IntoDrawingArea;
use plotters::element::Rectangle;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontTransform, IntoFont, RGBAColor, RGBColor, ShapeStyle, TextStyle};
use plotters_backend::{BackendColor, DrawingBackend};

use super::{Class, Classed, FONT_PX, INK, Svg, text_width};
use crate::charts::render::Colour;

const BLUE_RGB: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const BLUE: BackendColor = BackendColor {
    alpha: 1.0,
    rgb: (0x00, 0x72, 0xB2),
};

/// What `draw` writes after the root, `<title>` and `<desc>`.
fn body(draw: impl FnOnce(&mut Svg)) -> String {
    let mut out = String::new();
    let mut svg = Svg::new(&mut out, (40, 30), "mb-x", "T", "D");
    draw(&mut svg);
    svg.present().unwrap();
    out.split_once("</desc>\n").unwrap().1.to_string()
}

fn stroke(colour: RGBAColor, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: colour,
        filled: false,
        stroke_width: width,
    }
}

fn text_style(colour: RGBAColor, h: HPos, v: VPos) -> TextStyle<'static> {
    ("sans-serif", FONT_PX)
        .into_font()
        .color(&colour)
        .pos(Pos::new(h, v))
}

#[test]
fn root_title_and_desc() {
    let mut out = String::new();
    Svg::new(&mut out, (480, 120), "mb-c-x", "A & B", "<d>");
    assert_eq!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 120\" class=\"mb-chart\" \
         role=\"img\" aria-labelledby=\"mb-c-x-title mb-c-x-desc\" \
         font-family=\"system-ui,sans-serif\" font-size=\"14\" fill=\"currentColor\">\n\
         <title id=\"mb-c-x-title\">A &amp; B</title>\n<desc id=\"mb-c-x-desc\">&lt;d&gt;</desc>\n"
    );
}

#[test]
fn present_closes_the_document_once() {
    let written = body(|svg| {
        svg.present().unwrap();
    });
    assert_eq!(written, "</svg>\n");
}

#[test]
fn shapes_leave_out_defaults() {
    let written = body(|svg| {
        svg.draw_rect((1, 2), (4, 8), &BLUE, true).unwrap();
        svg.draw_rect((1, 2), (4, 8), &BLUE.mix(0.5), false)
            .unwrap();
        svg.draw_circle((5, 6), 3, &BLUE, true).unwrap();
        svg.draw_circle((5, 6), 3, &BLUE, false).unwrap();
        svg.draw_pixel((7, 8), BLUE).unwrap();
        svg.draw_path([(0, 0), (3, 4), (5, 5)], &stroke(INK.to_rgba(), 1))
            .unwrap();
        svg.draw_path([(0, 0), (3, 4)], &stroke(INK.mix(0.2), 2))
            .unwrap();
        svg.draw_line((0, 1), (2, 3), &stroke(RGBColor(1, 2, 3).to_rgba(), 3))
            .unwrap();
        svg.fill_polygon([(0, 0), (3, 0), (0, 3)], &BLUE).unwrap();
    });
    assert_eq!(
        written,
        "<rect x=\"1\" y=\"2\" width=\"3\" height=\"6\" fill=\"#0072B2\"/>\n\
         <rect x=\"1\" y=\"2\" width=\"3\" height=\"6\" opacity=\"0.5\" fill=\"none\" stroke=\"#0072B2\"/>\n\
         <circle cx=\"5\" cy=\"6\" r=\"3\" fill=\"#0072B2\"/>\n\
         <circle cx=\"5\" cy=\"6\" r=\"3\" fill=\"none\" stroke=\"#0072B2\"/>\n\
         <rect x=\"7\" y=\"8\" width=\"1\" height=\"1\" fill=\"#0072B2\"/>\n\
         <polyline fill=\"none\" stroke=\"currentColor\" points=\"0,0 3,4 5,5\"/>\n\
         <polyline fill=\"none\" opacity=\"0.2\" stroke=\"currentColor\" stroke-width=\"2\" points=\"0,0 3,4\"/>\n\
         <line stroke=\"#010203\" stroke-width=\"3\" x1=\"0\" y1=\"1\" x2=\"2\" y2=\"3\"/>\n\
         <polygon fill=\"#0072B2\" points=\"0,0 3,0 0,3\"/>\n\
         </svg>\n"
    );
}

#[test]
fn transparent_shapes_are_not_written() {
    let clear = BLUE.mix(0.0);
    let written = body(|svg| {
        svg.draw_rect((1, 2), (4, 8), &clear, true).unwrap();
        svg.draw_circle((5, 6), 3, &clear, true).unwrap();
        svg.draw_path([(0, 0), (3, 4)], &clear).unwrap();
        let style = text_style(INK.mix(0.0), HPos::Left, VPos::Top);
        svg.draw_text("hidden", &style, (1, 1)).unwrap();
    });
    assert_eq!(written, "</svg>\n");
}

#[test]
fn text_anchors_ink_and_escaping() {
    let written = body(|svg| {
        let ink = text_style(INK.to_rgba(), HPos::Left, VPos::Top);
        svg.draw_text("a <b> & 'c' \"d\"", &ink, (1, 2)).unwrap();
        let faded = text_style(INK.mix(0.5), HPos::Center, VPos::Center);
        svg.draw_text("mid", &faded, (3, 4)).unwrap();
        let blue = text_style(BLUE_RGB.to_rgba(), HPos::Right, VPos::Bottom);
        svg.draw_text("end", &blue, (5, 6)).unwrap();
    });
    assert_eq!(
        written,
        "<text x=\"1\" y=\"2\" dy=\"0.76em\">a &lt;b&gt; &amp; &apos;c&apos; &quot;d&quot;</text>\n\
         <text x=\"3\" y=\"4\" dy=\"0.5ex\" text-anchor=\"middle\" opacity=\"0.5\">mid</text>\n\
         <text x=\"5\" y=\"6\" dy=\"-0.5ex\" text-anchor=\"end\" fill=\"#0072B2\">end</text>\n\
         </svg>\n"
    );
}

#[test]
fn text_it_cannot_write_is_refused() {
    let mut out = String::new();
    let mut svg = Svg::new(&mut out, (40, 30), "mb-x", "T", "D");
    let turned =
        text_style(INK.to_rgba(), HPos::Left, VPos::Top).transform(FontTransform::Rotate90);
    assert!(svg.draw_text("x", &turned, (1, 1)).is_err());
    let bold = ("sans-serif", FONT_PX, plotters::style::FontStyle::Bold)
        .into_font()
        .color(&INK);
    assert!(svg.draw_text("x", &bold, (1, 1)).is_err());
}

#[test]
fn text_size_is_the_layout_estimate() {
    let svg_text = "Needs a check-in: 12";
    let mut out = String::new();
    let svg = Svg::new(&mut out, (40, 30), "mb-x", "T", "D");
    let style = text_style(INK.to_rgba(), HPos::Left, VPos::Top);
    let (w, h) = svg.estimate_text_size(svg_text, &style).unwrap();
    assert_eq!(i64::from(w), i64::from(text_width(svg_text)));
    assert_eq!(h, 14);
}

#[test]
fn classed_elements_carry_their_class_and_others_none() {
    let mut out = String::new();
    {
        let area = Svg::new(&mut out, (40, 30), "mb-x", "T", "D").into_drawing_area();
        let fill = BLUE_RGB.filled();
        area.draw(&Classed::new(
            Class::Bar(Colour::Orange),
            Rectangle::new([(1, 1), (3, 3)], fill),
        ))
        .unwrap();
        area.draw(&Rectangle::new([(1, 1), (3, 3)], fill)).unwrap();
        area.draw(&Classed::new(
            Class::KeyStroke(Colour::Vermillion),
            Rectangle::new([(3, 3), (1, 1)], fill),
        ))
        .unwrap();
        area.present().unwrap();
    }
    let body = out.split_once("</desc>\n").unwrap().1;
    assert_eq!(
        body,
        "<rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" fill=\"#0072B2\" class=\"mb-bar mb-fill-orange\"/>\n\
         <rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" fill=\"#0072B2\"/>\n\
         <rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" fill=\"#0072B2\" class=\"mb-key mb-stroke-vermillion\"/>\n\
         </svg>\n"
    );
}
