//! The cohorts table: ids, names, dates, and a page address (slug) per cohort that no other cohort shares.

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::config::schema::TableKind;
use crate::config::schema::cols::cohorts as c;
use crate::data::locate::TableFiles;
use crate::data::model::Cohort;
use crate::data::slug::{MAX_SLUG_LEN, is_reserved_name, path_slug};
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use super::Ids;
use super::rows::{for_each_row, schema_columns_suffice};

/// Loads the cohorts, interning their ids in `ids`; the cohorts and the count of rows read.
pub(super) fn load(
    file: &TableFiles,
    config: &Config,
    ids: &mut Ids,
    diags: &mut Diagnostics,
) -> (Vec<Cohort>, usize) {
    let mut cohorts = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut slugs = Slugs::default();
    let read = for_each_row(
        file,
        TableKind::Cohorts,
        config,
        diags,
        schema_columns_suffice,
        |r| {
            let id = r.required_text(c::COHORT_ID, "an id");
            let name = r.required_text(c::NAME, "a name");
            let start = r.required_date(c::START_DATE);
            let end = r.date(c::END_DATE);
            let description = r.text(c::DESCRIPTION);
            let track = r.text(c::TRACK);
            if let (Some(start), Some(end)) = (start, end)
                && end < start
            {
                r.error(
                    c::END_DATE,
                    format!("{end} is before start_date {start} (expected the same day or later)"),
                );
            }
            let Some(id) = id else { return };
            if let Err(first) = ids.cohorts.insert(id) {
                let at = r.first(lines[first as usize]);
                r.error(
                    c::COHORT_ID,
                    format!("{} is a duplicate ({at})", quoted(id)),
                );
                return;
            }
            let slug = path_slug(id);
            let problem = address_problem(id, &slug, &slugs, &|p| r.place(p));
            if let Some(problem) = problem {
                r.error(c::COHORT_ID, problem);
            }
            lines.push(r.position());
            slugs.insert(slug.clone(), (id.to_string(), r.position()));
            let (Some(name), Some(start), false) = (name, start, r.bad) else {
                // Keep indices aligned with the interner; the row is an error anyway.
                cohorts.push(Cohort {
                    id: id.to_string(),
                    slug,
                    name: String::new(),
                    start_date: Date(0),
                    end_date: None,
                    description: None,
                    track: None,
                });
                return;
            };
            cohorts.push(Cohort {
                id: id.to_string(),
                slug,
                name: name.to_string(),
                start_date: start,
                end_date: end,
                description: description.map(str::to_string),
                track: track.map(str::to_string),
            });
        },
    );
    ids.cohorts_file = read.origins.names().unwrap_or_else(|| file.display.clone());
    (cohorts, read.rows)
}

/// The cohort ids seen so far by page address: slug → (id, line).
pub(super) type Slugs = FxHashMap<String, (String, usize)>;

/// Why cohort `id` cannot have the page address `slug`, if it cannot.
pub(super) fn address_problem(
    id: &str,
    slug: &str,
    slugs: &Slugs,
    place: &dyn Fn(usize) -> String,
) -> Option<String> {
    if slug.is_empty() {
        Some(format!(
            "{} has no ASCII letter or digit to make a page address from",
            quoted(id)
        ))
    } else if slug.len() > MAX_SLUG_LEN {
        Some(format!(
            "{} makes a page address of {} characters, more than the {MAX_SLUG_LEN} a folder name can safely have (expected a shorter id)",
            quoted(id),
            slug.len()
        ))
    } else if is_reserved_name(slug) {
        Some(format!(
            "{} makes the page address cohorts/{slug}/, a folder name Windows reserves for a device (expected another id, e.g. {slug}-1)",
            quoted(id)
        ))
    } else {
        slugs.get(slug).map(|(other, at)| {
            format!(
                "{} and {} ({}) would share the page address cohorts/{slug}/ (expected ids that differ in more than case and punctuation)",
                quoted(id),
                quoted(other),
                place(*at)
            )
        })
    }
}
