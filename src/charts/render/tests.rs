//! Whole charts of every layout held to snapshots.

use super::{Axis, Colour, Gaps, Plot, Series, render};

fn series(name: &str, colour: Colour, values: &[Option<f64>]) -> Series {
    Series {
        name: name.to_string(),
        colour,
        values: values.to_vec(),
    }
}

fn categories(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn drawn(plot: &Plot) -> String {
    render(
        plot,
        "mb-t-chart",
        "A <title> & more",
        "Says \"what\" it's about",
    )
    .unwrap()
}

#[test]
fn vertical_grouped_bars_lines_and_legend() {
    let mut plot = Plot::new(
        categories(&[
            "2024-01",
            "<R&D> \"quoted\" 'x'",
            "tab\tand\nnewline",
            "A category label far longer than fits",
            "2024-05",
        ]),
        Axis::upto(9.0, true),
    );
    plot.legend = true;
    plot.bars.push(series(
        "Mentors",
        Colour::Blue,
        &[Some(3.0), Some(0.0), None, Some(8.5), Some(f64::NAN)],
    ));
    plot.bars.push(series(
        "Mentees",
        Colour::Orange,
        &[Some(1.0), Some(4.0), Some(2.0), None, Some(9.0)],
    ));
    plot.lines.push(series(
        "All",
        Colour::Green,
        &[Some(2.0), None, Some(5.0), Some(6.0), Some(f64::INFINITY)],
    ));
    insta::assert_snapshot!(drawn(&plot));
}

#[test]
fn vertical_many_categories_label_every_few() {
    let names: Vec<String> = (1..=40).map(|i| format!("Week {i}")).collect();
    let mut plot = Plot::new(names, Axis::upto(0.018, false));
    plot.stacked = true;
    plot.bars.push(series(
        "Done",
        Colour::Green,
        &(0..40)
            .map(|i| Some(f64::from(i) / 4000.0))
            .collect::<Vec<_>>(),
    ));
    plot.bars.push(series(
        "Open",
        Colour::Sky,
        &(0..40)
            .map(|i| Some(f64::from(40 - i) / 8000.0))
            .collect::<Vec<_>>(),
    ));
    insta::assert_snapshot!(drawn(&plot));
}

#[test]
fn vertical_negative_axis() {
    let mut plot = Plot::new(
        categories(&["Q1", "Q2", "Q3"]),
        Axis::fixed(-100.0, 100.0, &[-100.0, -50.0, 0.0, 50.0, 100.0]),
    );
    plot.bars.push(series(
        "NPS",
        Colour::Vermillion,
        &[Some(-40.0), Some(25.0), Some(-0.001)],
    ));
    plot.lines.push(series(
        "Cohort",
        Colour::Blue,
        &[Some(-90.0), Some(f64::NAN), Some(120.0)],
    ));
    insta::assert_snapshot!(drawn(&plot));
}

#[test]
fn horizontal_stacked_legend_wraps() {
    let mut plot = Plot::new(categories(&["Pairs"]), Axis::upto(37.0, true));
    plot.horizontal = true;
    plot.stacked = true;
    plot.legend = true;
    plot.bars
        .push(series("On track: 20", Colour::Green, &[Some(20.0)]));
    plot.bars.push(series(
        "Needs a check-in: 12",
        Colour::Vermillion,
        &[Some(12.0)],
    ));
    plot.bars
        .push(series("Too early to tell: 5", Colour::Sky, &[Some(5.0)]));
    plot.bars.push(series(
        "Something else entirely: 0",
        Colour::Blue,
        &[Some(0.0)],
    ));
    insta::assert_snapshot!(drawn(&plot));
}

#[test]
fn horizontal_grouped_percent() {
    let mut plot = Plot::new(
        categories(&[
            "Cohort A",
            "<R&D> \"quoted\" 'x'",
            "tab\tand\r\nnewline\r",
            "The whole program, all cohorts",
        ]),
        Axis::percent(),
    );
    plot.horizontal = true;
    plot.legend = true;
    plot.bars.push(series(
        "Cohort",
        Colour::Blue,
        &[Some(0.25), Some(0.999), None, Some(0.4)],
    ));
    plot.bars.push(series(
        "All <respondents> & 'others'",
        Colour::Green,
        &[Some(0.5), Some(1.2), Some(0.0001), Some(0.3)],
    ));
    insta::assert_snapshot!(drawn(&plot));
}

#[test]
fn no_categories() {
    let plot = Plot::new(Vec::new(), Axis::upto(0.0, true));
    insta::assert_snapshot!(drawn(&plot));
    let mut plot = Plot::new(Vec::new(), Axis::upto(0.0, true));
    plot.horizontal = true;
    insta::assert_snapshot!(drawn(&plot));
}

#[test]
fn vertical_line_with_withheld_gaps() {
    let mut plot = Plot::new(
        categories(&["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]),
        Axis::fixed(1.0, 5.0, &[1.0, 2.0, 3.0, 4.0, 5.0]),
    );
    plot.lines.push(series(
        "Program",
        Colour::Blue,
        &[Some(4.2), None, Some(3.9), Some(4.0)],
    ));
    plot.gaps = Gaps {
        categories: vec![1, 9],
        label: "Withheld".into(),
    };
    let svg = drawn(&plot);
    // One band (the out-of-range category is ignored), named once in the legend.
    assert_eq!(svg.matches("class=\"mb-gap\"").count(), 1);
    assert_eq!(svg.matches("class=\"mb-key mb-gap\"").count(), 1);
    insta::assert_snapshot!(svg);
}
