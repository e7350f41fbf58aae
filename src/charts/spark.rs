//! Small trend lines: compact charts on the home page and the cohorts side by side.

use std::fmt::Write as _;

use crate::util::html::escape_svg;

/// viewBox size of a small trend.
const W: f64 = 100.0;
const H: f64 = 24.0;
const PAD: f64 = 2.5;

/// What a small trend is drawn from.
#[derive(Clone, Debug, Default)]
pub struct Spark<'a> {
    /// One value per period; `None` is a gap in the line.
    pub values: &'a [Option<f64>],
    /// Periods whose figure is withheld: drawn as a faint band.
    pub withheld: &'a [usize],
    /// The vertical scale (bottom, top); by default from 0 (or the lowest
    /// value when negative) to the highest value.
    pub scale: Option<(f64, f64)>,
    /// The text alternative: `(ids, title, description)` makes the SVG an
    /// image named by them (`<title id="{ids}-title">`, `<desc
    /// id="{ids}-desc">`); `None` makes it decorative (`aria-hidden`),
    /// for pages that give the figures as text beside it.
    pub label: Option<(&'a str, &'a str, &'a str)>,
}

/// A small SVG trend: a line through the known values, broken at `None`,
/// with a dot on the last known value and on any value with no neighbour,
/// and a faint band over withheld periods. Same input → same bytes (one
/// decimal, fixed order). `None` when there is nothing to draw.
pub fn spark(s: &Spark) -> Option<String> {
    let values: Vec<Option<f64>> = s
        .values
        .iter()
        .map(|v| v.filter(|v| v.is_finite()))
        .collect();
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let n = values.len();
    let withheld: Vec<usize> = s.withheld.iter().copied().filter(|i| *i < n).collect();
    if known.is_empty() && withheld.is_empty() {
        return None;
    }
    let (lo, hi) = s.scale.unwrap_or_else(|| {
        let lo = known.iter().copied().fold(0.0, f64::min);
        (lo, known.iter().copied().fold(lo, f64::max))
    });
    let step = if n <= 1 {
        W - 2.0 * PAD
    } else {
        (W - 2.0 * PAD) / (n - 1) as f64
    };
    let x = |i: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            PAD + step * i as f64
        }
    };
    let y = |v: f64| {
        if hi > lo {
            let f = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
            H - PAD - (H - 2.0 * PAD) * f
        } else {
            H / 2.0
        }
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" class=\"mb-spark\" \
         fill=\"currentColor\""
    );
    match s.label {
        Some((ids, title, desc)) => {
            let _ = write!(
                svg,
                " role=\"img\" aria-labelledby=\"{ids}-title {ids}-desc\"><title id=\"{ids}-title\">{}</title>\
                 <desc id=\"{ids}-desc\">{}</desc>",
                escape_svg(title),
                escape_svg(desc)
            );
        }
        None => svg.push_str(" aria-hidden=\"true\" focusable=\"false\">"),
    }
    for i in withheld {
        let from = (x(i) - step / 2.0).max(0.0);
        let to = (x(i) + step / 2.0).min(W);
        let _ = write!(
            svg,
            "<rect x=\"{from:.1}\" y=\"0\" width=\"{:.1}\" height=\"{H}\" opacity=\"0.15\" class=\"mb-gap\"/>",
            to - from
        );
    }
    let points: Vec<Option<(usize, f64)>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    let mut dots: Vec<(usize, f64)> = Vec::new();
    for run in points.split(Option::is_none) {
        let run: Vec<(usize, f64)> = run.iter().flatten().copied().collect();
        match run.as_slice() {
            [] => {}
            [only] => dots.push(*only),
            _ => {
                let pts: Vec<String> = run
                    .iter()
                    .map(|&(i, v)| format!("{:.1},{:.1}", x(i), y(v)))
                    .collect();
                let _ = write!(
                    svg,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"currentColor\" \
                     stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
                    pts.join(" ")
                );
            }
        }
    }
    if let Some(last) = points.iter().flatten().last()
        && !dots.contains(last)
    {
        dots.push(*last);
    }
    for (i, v) in dots {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\"/>",
            x(i),
            y(v)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(values: &[Option<f64>]) -> Option<String> {
        spark(&Spark {
            values,
            ..Spark::default()
        })
    }

    #[test]
    fn nothing_known_nothing_drawn() {
        assert_eq!(line(&[]), None);
        assert_eq!(line(&[None, Some(f64::NAN)]), None);
    }

    #[test]
    fn a_line_broken_at_gaps_with_dots_where_alone_and_at_the_end() {
        let svg = line(&[Some(0.0), Some(2.0), None, Some(1.0)]).unwrap_or_default();
        assert_eq!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 24\" class=\"mb-spark\" \
             fill=\"currentColor\" aria-hidden=\"true\" focusable=\"false\">\
             <polyline points=\"2.5,21.5 34.2,2.5\" fill=\"none\" stroke=\"currentColor\" \
             stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\
             <circle cx=\"97.5\" cy=\"12.0\" r=\"2\"/></svg>"
        );
    }

    #[test]
    fn a_shared_scale_places_values_alike_and_clamps() {
        let on = |v: f64| {
            spark(&Spark {
                values: &[Some(v)],
                scale: Some((0.0, 4.0)),
                ..Spark::default()
            })
            .unwrap_or_default()
        };
        assert!(on(1.0).contains("cy=\"16.8\""), "{}", on(1.0));
        assert!(on(4.0).contains("cy=\"2.5\""));
        assert!(on(9.0).contains("cy=\"2.5\""), "clamped to the top");
    }

    #[test]
    fn withheld_periods_are_bands_and_a_label_names_the_image() {
        let svg = spark(&Spark {
            values: &[Some(4.0), None, Some(3.5)],
            withheld: &[1, 7],
            scale: Some((1.0, 5.0)),
            label: Some(("mb-x", "Mean <rating>", "2024-Q2 withheld")),
        })
        .unwrap_or_default();
        assert!(svg.contains(
            "role=\"img\" aria-labelledby=\"mb-x-title mb-x-desc\"><title id=\"mb-x-title\">Mean &lt;rating&gt;</title>\
             <desc id=\"mb-x-desc\">2024-Q2 withheld</desc>"
        ), "{svg}");
        assert!(!svg.contains("aria-hidden"));
        // Out-of-range periods are ignored.
        assert_eq!(svg.matches("class=\"mb-gap\"").count(), 1);
        assert!(
            svg.contains("<rect x=\"26.2\" y=\"0\" width=\"47.5\""),
            "{svg}"
        );
        // Only withheld periods, no value: still drawn.
        assert!(
            spark(&Spark {
                values: &[None],
                withheld: &[0],
                ..Spark::default()
            })
            .is_some()
        );
    }
}
