//! A tiny inline trend line for index pages.

/// viewBox size of a sparkline.
const W: f64 = 100.0;
const H: f64 = 24.0;
const PAD: f64 = 2.5;

/// A small SVG trend of `values` (e.g. meetings per pair-month by quarter):
/// a line through the known values, broken at `None`, with a dot on the
/// last known value and on any value with no neighbour. The vertical scale
/// starts at 0 (or the lowest value when negative). `None` when no value is
/// known. Decorative (`aria-hidden`): pages show the figures as text.
pub fn sparkline(values: &[Option<f64>]) -> Option<String> {
    let values: Vec<Option<f64>> = values.iter().map(|v| v.filter(|v| v.is_finite())).collect();
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    if known.is_empty() {
        return None;
    }
    let lo = known.iter().copied().fold(0.0, f64::min);
    let hi = known.iter().copied().fold(lo, f64::max);
    let n = values.len();
    let x = |i: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| {
        if hi > lo {
            H - PAD - (H - 2.0 * PAD) * (v - lo) / (hi - lo)
        } else {
            H / 2.0
        }
    };
    let point = |i: usize, v: f64| format!("{:.1},{:.1}", x(i), y(v));
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" class=\"mb-spark\" \
         aria-hidden=\"true\" focusable=\"false\" fill=\"currentColor\">"
    );
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
                let pts: Vec<String> = run.iter().map(|&(i, v)| point(i, v)).collect();
                svg.push_str(&format!(
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"currentColor\" \
                     stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
                    pts.join(" ")
                ));
            }
        }
    }
    if let Some(last) = points.iter().flatten().last()
        && !dots.contains(last)
    {
        dots.push(*last);
    }
    for (i, v) in dots {
        svg.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\"/>",
            x(i),
            y(v)
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}
