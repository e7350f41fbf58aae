//! Loading the repo's example program, and the same data exported in a platform's shape.

mod common;

use std::path::Path;

use common::{Workdir, load, repo};
use mentorbook::data;

/// The folder at `root`, which must load without an error or a warning.
fn open(root: &Path) -> data::Folder {
    let (folder, warnings) = load(root).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(warnings, Vec::<String>::new());
    folder
}

#[test]
fn the_example_program_loads_without_a_warning() {
    let folder = open(&repo());
    let rows = folder.loaded.rows;
    assert!(rows.cohorts >= 6, "{rows:?}");
    assert!(rows.pairs >= 100, "{rows:?}");
    assert!(rows.participants > 0 && rows.meetings > 0 && rows.goals > 0 && rows.feedback > 0);
}

#[test]
fn a_platform_export_with_its_mapping_loads_to_the_same_data() {
    let root = repo();
    let plain = open(&root);
    let platform = open(&root.join("tests/fixtures/platform-export"));
    assert_eq!(plain.loaded.rows, platform.loaded.rows);
    let (a, b) = (&plain.loaded.program, &platform.loaded.program);
    assert_eq!(a.cohorts, b.cohorts);
    assert_eq!(a.pairs, b.pairs);
    assert_eq!(a.participants, b.participants);
    assert_eq!(a.meetings, b.meetings);
    assert_eq!(a.goals, b.goals);
    assert_eq!(a.feedback, b.feedback);
    assert_eq!(a.people, b.people);
}

#[test]
fn repeated_dates_read_the_same_in_every_column_and_row() {
    // Each column keeps its last date to skip re-parsing a repeat: a
    // repeat, a change, another column's date and a bad date between
    // repeats must all read as if parsed afresh.
    let w = Workdir::new();
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,created_on,status,due_on,completed_on\n\
         g1,p1,2024-02-05,completed,2024-03-05,2024-02-05\n\
         g2,p1,2024-02-05,completed,2024-02-05,2024-03-05\n\
         g3,p1,2024-03-05,in_progress,2024-03-05,\n\
         g4,p1,2024-02-29,in_progress,2024-02-29 ,\n\
         g5,p1,2024-02-28,in_progress,2024-02-28,\n",
    );
    let folder = open(w.path());
    let goals = folder.loaded.program.goals.expect("goals");
    let day = |s: &str| mentorbook::date::Date::parse_default(s).expect("date");
    let got: Vec<_> = goals
        .iter()
        .map(|g| (g.created_on, g.due_on, g.completed_on))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                day("2024-02-05"),
                Some(day("2024-03-05")),
                Some(day("2024-02-05"))
            ),
            (
                day("2024-02-05"),
                Some(day("2024-02-05")),
                Some(day("2024-03-05"))
            ),
            (day("2024-03-05"), Some(day("2024-03-05")), None),
            (day("2024-02-29"), Some(day("2024-02-29")), None),
            (day("2024-02-28"), Some(day("2024-02-28")), None),
        ]
    );
}
