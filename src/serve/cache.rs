//! What a rebuild keeps for the next: each cohort's charts and dashboard page, by a hash of what they are made from.

use std::collections::HashMap;

use crate::build::{CohortCache, CohortCharts};
use crate::data::Program;
use crate::metrics::{self, CohortMetrics};
use crate::site::dashboards::Dashboards;
use crate::site::dashboards::cohort_comments;

/// Each cohort's charts and dashboard page, by a blake3 hash of everything
/// they are made from (see [`cohort_key`]). Pages also show the handbook
/// (navigation, templates): [`RenderCache::forget_pages`] when it is
/// reloaded. An empty cache renders everything.
#[derive(Default)]
pub struct RenderCache {
    charts: HashMap<blake3::Hash, CohortCharts>,
    pages: HashMap<blake3::Hash, String>,
    /// The current render's cohorts' keys, in the figures' order.
    keys: Vec<blake3::Hash>,
    /// The pages the current render made, kept once it succeeds.
    made: HashMap<blake3::Hash, String>,
    reused: Reused,
}

/// How many cohorts' pages and charts the last render took from the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reused {
    pub pages: usize,
    pub charts: usize,
}

impl RenderCache {
    /// Forgets the rendered pages and keeps the charts, which are drawn
    /// from the figures alone.
    pub fn forget_pages(&mut self) {
        self.pages.clear();
    }

    pub fn reused(&self) -> Reused {
        self.reused
    }
}

impl CohortCache for RenderCache {
    fn begin(&mut self, s: &Dashboards, program: &Program) {
        let titled = titled_goals(program);
        self.keys = s
            .metrics
            .cohorts
            .iter()
            .map(|c| {
                let json = metrics::cohort_json(s.metrics.as_of, c);
                cohort_key(s, program, c, &json, &titled[c.cohort as usize])
            })
            .collect();
        self.made.clear();
        let cached =
            |has: &dyn Fn(&blake3::Hash) -> bool| self.keys.iter().filter(|k| has(k)).count();
        self.reused = Reused {
            pages: cached(&|k| self.pages.contains_key(k)),
            charts: cached(&|k| self.charts.contains_key(k)),
        };
    }

    fn charts(&self, i: usize) -> Option<&CohortCharts> {
        self.keys.get(i).and_then(|k| self.charts.get(k))
    }

    fn page(&self, i: usize) -> Option<&str> {
        self.keys
            .get(i)
            .and_then(|k| self.pages.get(k))
            .map(String::as_str)
    }

    fn keep_page(&mut self, i: usize, html: &str) {
        if let Some(key) = self.keys.get(i) {
            self.made.insert(*key, html.to_string());
        }
    }

    fn finish(&mut self, charts: Vec<CohortCharts>) {
        self.charts = self.keys.iter().copied().zip(charts).collect();
        self.pages = std::mem::take(&mut self.made);
    }
}

/// The hash of what a cohort's charts and page are made from: its
/// metrics.json and figures, its row of the cohorts table, which tables
/// exist, the privacy threshold, and the goals with a title (`titled`) and
/// the comments the page shows when the config publishes them (they change
/// no figure).
fn cohort_key(
    s: &Dashboards,
    program: &Program,
    c: &CohortMetrics,
    json: &str,
    titled: &str,
) -> blake3::Hash {
    let cohort = &program.cohorts[c.cohort as usize];
    let mut h = blake3::Hasher::new();
    for part in [
        json.to_string(),
        format!("{c:?}"),
        format!("{:?}", (&cohort.slug, &cohort.track, &cohort.description)),
        format!("{:?}", (s.presence, s.k)),
        titled.to_string(),
        format!("{:?}", cohort_comments(&s.comments, s.comment_k, c)),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize()
}

/// Each cohort's goals that have a title, as text: empty unless the config
/// publishes goal titles (the loader keeps them only then). One pass over
/// the goals, where asking each cohort's titles would be one per cohort.
fn titled_goals(program: &Program) -> Vec<String> {
    let mut titled = vec![String::new(); program.cohorts.len()];
    for g in program.goals.iter().flatten() {
        if g.title.is_none() {
            continue;
        }
        if let Some(pair) = program.pairs.get(g.pair as usize) {
            titled[pair.cohort as usize].push_str(&format!("{g:?}\n"));
        }
    }
    titled
}
