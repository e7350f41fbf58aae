//! Loading the repo's example program, and the same data exported in a platform's shape.

use std::path::Path;

use mentorbook::data;
use mentorbook::diag::Diagnostics;

fn open(root: &Path) -> data::Folder {
    let mut diags = Diagnostics::new();
    let folder = data::open(root, None, &mut diags);
    assert_eq!(diags.report_lines(), Vec::<String>::new());
    folder.unwrap_or_else(|| panic!("{} did not load", root.display()))
}

#[test]
fn the_example_program_loads_without_a_warning() {
    let folder = open(Path::new(env!("CARGO_MANIFEST_DIR")));
    let rows = folder.loaded.rows;
    assert!(rows.cohorts >= 6, "{rows:?}");
    assert!(rows.pairs >= 100, "{rows:?}");
    assert!(rows.participants > 0 && rows.meetings > 0 && rows.goals > 0 && rows.feedback > 0);
}

#[test]
fn a_platform_export_with_its_mapping_loads_to_the_same_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plain = open(root);
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
