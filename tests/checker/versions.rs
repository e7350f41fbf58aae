//! An independent audit of several published versions (docs/privacy.md, "Publishing over time").
//!
//! The test knows every feedback row and which rows each version had; the
//! audit reads only what each version published (every metrics.json) and
//! turns every value computed from the current data (no
//! `published_as_of`) into an equation over the rows behind it. Every row is
//! an unknown: dense integer elimination then says which rows, and which
//! small groups of rows, all the versions together determine.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{int_echelon, reduces_to_zero};

/// One feedback row as the test wrote it.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub cohort: String,
    /// Its quarter's label (`2025-Q1`).
    pub quarter: String,
    pub mentee: bool,
    pub rating: bool,
    pub nps: bool,
}

/// The two figure kinds.
pub(crate) const KINDS: [&str; 2] = ["mean_rating", "nps"];

#[derive(Default)]
pub(crate) struct Audit {
    pub rows: Vec<Row>,
    /// Per kind: each published value's rows.
    pub equations: [Vec<BTreeSet<usize>>; 2],
    /// Per kind: the rows of each cell (cohort, quarter, role) in each version.
    cells: [Vec<Vec<BTreeSet<usize>>>; 2],
    /// Per kind: the rows of each withheld figure.
    withheld: [Vec<BTreeSet<usize>>; 2],
}

fn holds(r: &Row, kind: usize) -> bool {
    if kind == 0 { r.rating } else { r.nps }
}

impl Audit {
    /// Reads one version's site (its files' paths and texts): `present`
    /// are the rows it was built from.
    pub(crate) fn add_version<'a>(
        &mut self,
        present: &[usize],
        files: impl Iterator<Item = (&'a str, &'a str)>,
    ) {
        for (path, text) in files {
            if !path.ends_with("metrics.json") {
                continue;
            }
            let json: Value = serde_json::from_str(text).expect("metrics.json");
            if let Some(cohort) = json.get("cohort") {
                let id = cohort["id"].as_str().unwrap_or_default().to_string();
                if !json["overall"].is_null() {
                    self.group(present, Some(&id), None, &json["overall"]);
                }
                for q in json["quarters"].as_array().into_iter().flatten() {
                    let label = q["quarter"].as_str().map(str::to_string);
                    self.group(present, Some(&id), label.as_deref(), q);
                }
            } else if let Some(label) = json.get("quarter").and_then(Value::as_str) {
                let label = label.to_string();
                self.group(present, None, Some(&label), &json);
                for c in json["cohorts"].as_array().into_iter().flatten() {
                    let id = c["id"].as_str().unwrap_or_default().to_string();
                    self.group(present, Some(&id), Some(&label), c);
                }
            }
        }
        for kind in 0..2 {
            let mut cells: Vec<(String, String, bool)> = present
                .iter()
                .map(|&i| {
                    let r = &self.rows[i];
                    (r.cohort.clone(), r.quarter.clone(), r.mentee)
                })
                .collect();
            cells.sort();
            cells.dedup();
            let version: Vec<BTreeSet<usize>> = cells
                .iter()
                .map(|(c, q, m)| {
                    present
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let r = &self.rows[i];
                            holds(r, kind) && &r.cohort == c && &r.quarter == q && r.mentee == *m
                        })
                        .collect()
                })
                .collect();
            self.cells[kind].push(version);
        }
    }

    /// The figures of one group (a cohort's overall or quarter, or a program quarter).
    fn group(&mut self, present: &[usize], cohort: Option<&str>, quarter: Option<&str>, m: &Value) {
        let fb = &m["feedback"];
        let roles = [
            (Some(false), &fb["by_role"]["mentor"]),
            (Some(true), &fb["by_role"]["mentee"]),
            (None, fb),
        ];
        for (role, f) in roles {
            for (kind, name) in KINDS.iter().enumerate() {
                let rows: BTreeSet<usize> = present
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let r = &self.rows[i];
                        holds(r, kind)
                            && cohort.is_none_or(|c| c == r.cohort)
                            && quarter.is_none_or(|q| q == r.quarter)
                            && role.is_none_or(|m| m == r.mentee)
                    })
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                if f[*name].is_null() {
                    self.withheld[kind].push(rows);
                } else if f.get("published_as_of").is_none() {
                    self.equations[kind].push(rows);
                }
            }
        }
    }

    /// Whether the equations of `kind` fix the sum of `group`.
    fn fixes(&self, echelon: &[(usize, Vec<i128>)], group: &BTreeSet<usize>) -> bool {
        let mut v = vec![0i128; self.rows.len()];
        for &i in group {
            v[i] = 1;
        }
        reduces_to_zero(v, echelon)
    }

    fn echelon(&self, kind: usize) -> Vec<(usize, Vec<i128>)> {
        let n = self.rows.len();
        let matrix: Vec<Vec<i128>> = self.equations[kind]
            .iter()
            .map(|eq| {
                let mut row = vec![0i128; n];
                for &i in eq {
                    row[i] = 1;
                }
                row
            })
            .collect();
        int_echelon(matrix, n)
    }

    /// Rows whose own value the published versions determine.
    pub(crate) fn determined_rows(&self, kind: usize) -> Vec<usize> {
        let echelon = self.echelon(kind);
        (0..self.rows.len())
            .filter(|&i| holds(&self.rows[i], kind))
            .filter(|&i| self.fixes(&echelon, &BTreeSet::from([i])))
            .collect()
    }

    /// Groups of 1 to k − 1 rows the versions together determine: rows that
    /// joined or left a cell between two versions, and withheld figures.
    pub(crate) fn determined_groups(&self, kind: usize, k: usize) -> Vec<BTreeSet<usize>> {
        let echelon = self.echelon(kind);
        let mut groups: Vec<BTreeSet<usize>> = self.withheld[kind].clone();
        let versions = &self.cells[kind];
        for pair in versions.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let before: BTreeSet<usize> = a.iter().flatten().copied().collect();
            let after: BTreeSet<usize> = b.iter().flatten().copied().collect();
            // Per cell of either version: the rows that joined, and that left.
            for cell in a.iter().chain(b) {
                let joined: BTreeSet<usize> = cell
                    .iter()
                    .copied()
                    .filter(|i| !before.contains(i))
                    .collect();
                let left: BTreeSet<usize> = cell
                    .iter()
                    .copied()
                    .filter(|i| !after.contains(i))
                    .collect();
                groups.push(joined);
                groups.push(left);
            }
        }
        groups.sort();
        groups.dedup();
        groups
            .into_iter()
            .filter(|g| !g.is_empty() && g.len() < k)
            .filter(|g| self.fixes(&echelon, g))
            .collect()
    }
}
