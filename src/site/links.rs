//! Internal `@/` links: what they may point at, and relative URLs that work from `file://`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::markdown;
use crate::util::text::did_you_mean;

/// A page a link can point at.
#[derive(Debug, Clone, Default)]
pub(super) struct Target<'a> {
    /// Output file.
    pub out: String,
    /// The page's Markdown, whose headings give the anchors: read only
    /// when a link names one of them, since most pages are never linked
    /// to by anchor and a second parse of every page is a tenth of a large
    /// handbook's build (BENCHMARKS.md, "Pages").
    pub body: Option<&'a str>,
    /// The ids a link may name after `#`: given (role cards), or found in
    /// `body` on first use.
    pub anchors: OnceLock<BTreeSet<String>>,
}

impl Target<'_> {
    fn anchors(&self) -> &BTreeSet<String> {
        self.anchors.get_or_init(|| {
            self.body
                .map(|body| markdown::heading_ids(body).into_iter().collect())
                .unwrap_or_default()
        })
    }
}

/// Link targets by the name a link uses after `@/`:
/// `handbook/welcome.md`, `handbook/_index.md`, `roles/mentor`.
#[derive(Debug, Clone, Default)]
pub(super) struct Targets<'a> {
    pub by_name: BTreeMap<String, Target<'a>>,
}

impl Targets<'_> {
    /// Resolves `@/PATH#ANCHOR` as seen from the output file `from`.
    /// The error is the message to report at the link's line.
    pub(super) fn resolve(&self, dest: &str, from: &str) -> Result<String, String> {
        self.resolve_with(dest, from, true)
    }

    /// [`Self::resolve`], except that an anchor on a Markdown page is
    /// left unchecked: then the `bool` is true and the caller checks the
    /// link with [`Self::resolve`] once every page is rendered and
    /// [`Self::set_anchors`] has given the page's heading ids. This spares
    /// parsing every page twice (BENCHMARKS.md, "Pages").
    pub(super) fn resolve_later(&self, dest: &str, from: &str) -> Result<(String, bool), String> {
        let unchecked = self
            .target_of(dest)
            .is_some_and(|(target, anchor)| anchor.is_some() && target.body.is_some());
        self.resolve_with(dest, from, !unchecked)
            .map(|url| (url, unchecked))
    }

    /// The heading ids of the page `name` as rendering gave them, unless
    /// already found.
    pub(super) fn set_anchors(&self, name: &str, ids: impl FnOnce() -> BTreeSet<String>) {
        if let Some(target) = self.by_name.get(name) {
            target.anchors.get_or_init(ids);
        }
    }

    /// The target `dest` names, with the anchor it names.
    fn target_of<'d>(&self, dest: &'d str) -> Option<(&Target<'_>, Option<&'d str>)> {
        let (name, anchor) = split(dest);
        self.by_name.get(name).map(|t| (t, anchor))
    }

    fn resolve_with(&self, dest: &str, from: &str, check_anchor: bool) -> Result<String, String> {
        let (name, anchor) = split(dest);
        let Some(target) = self.by_name.get(name) else {
            let hint = self
                .suggestion(name)
                .map(|s| format!(": did you mean `@/{s}`?"))
                .unwrap_or_default();
            return Err(format!("link to {dest}: no such page{hint}"));
        };
        let mut url = relative(from, &target.out);
        if let Some(anchor) = anchor {
            if check_anchor && !target.anchors().contains(anchor) {
                let anchors: Vec<&str> = target.anchors().iter().map(String::as_str).collect();
                return Err(format!(
                    "link to {dest}: no such anchor on that page{}",
                    did_you_mean(anchor, &anchors)
                ));
            }
            url.push('#');
            url.push_str(anchor);
        }
        Ok(url)
    }
}

/// `@/PATH#ANCHOR` as the target's name and the anchor.
fn split(dest: &str) -> (&str, Option<&str>) {
    let name_and_anchor = dest.strip_prefix("@/").unwrap_or(dest);
    let (name, anchor) = match name_and_anchor.split_once('#') {
        Some((n, a)) => (n, Some(a)),
        None => (name_and_anchor, None),
    };
    (name.trim_end_matches('/'), anchor)
}

impl Targets<'_> {
    /// The target a misspelt link most likely meant, if one is close.
    ///
    /// Only targets of the same kind are offered: a link to a page gets a
    /// page (or a role card), never a section's `_index.md`, whose short
    /// name sits a few edits from any page of its folder; a link to a
    /// section gets a section. Closeness is judged on the file name rather
    /// than the whole path, whose shared folders would make any two names
    /// of a folder look alike: at most a third of the longer name's letters
    /// (and at least 2, a swapped pair) differ, or one name of 4 letters or
    /// more holds the other.
    fn suggestion(&self, name: &str) -> Option<&str> {
        let section = |n: &str| n == "_index.md" || n.ends_with("/_index.md");
        let stem = |n: &str| {
            let file = n.rsplit('/').next().unwrap_or(n);
            file.strip_suffix(".md")
                .unwrap_or(file)
                .to_ascii_lowercase()
        };
        let wanted = name.to_ascii_lowercase();
        let (wanted_stem, wanted_section) = (stem(name), section(name));
        self.by_name
            .keys()
            .map(String::as_str)
            .filter(|c| section(c) == wanted_section)
            .filter_map(|c| {
                let distance = strsim::levenshtein(&wanted, c);
                let c_stem = stem(c);
                let allowed = (c_stem.chars().count().max(wanted_stem.chars().count()) / 3).max(2);
                let holds = wanted_stem.len().min(c_stem.len()) >= 4
                    && (c_stem.contains(&wanted_stem) || wanted_stem.contains(&c_stem));
                (distance <= allowed || holds).then_some((distance, c))
            })
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, c)| c)
    }
}

/// The prefix from an output file up to the site root: `""`, `"../"`, `"../../"`.
pub(super) fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// A link from one output file to another that works on a server and from disk:
/// `relative("handbook/a/index.html", "roles/mentor/index.html")` = `../../roles/mentor/index.html`.
pub fn relative(from: &str, to: &str) -> String {
    format!("{}{to}", root_prefix(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_pages_and_anchors() {
        let mut targets = Targets::default();
        targets.by_name.insert(
            "handbook/goals.md".into(),
            Target {
                out: "handbook/goals/index.html".into(),
                body: None,
                anchors: OnceLock::from(BTreeSet::from(["smart-goals".to_string()])),
            },
        );
        let from = "handbook/welcome/index.html";
        assert_eq!(
            targets.resolve("@/handbook/goals.md#smart-goals", from),
            Ok("../../handbook/goals/index.html#smart-goals".into())
        );
        assert_eq!(
            targets.resolve("@/handbook/goal.md", from),
            Err(
                "link to @/handbook/goal.md: no such page: did you mean `@/handbook/goals.md`?"
                    .into()
            )
        );
        assert_eq!(
            targets.resolve("@/handbook/goals.md#smart", from),
            Err("link to @/handbook/goals.md#smart: no such anchor on that page: did you mean `smart-goals`?".into())
        );
        assert_eq!(relative("index.html", "a/index.html"), "a/index.html");
    }

    /// A misspelt page is offered the page it most likely meant, never its
    /// folder's `_index.md`, which is a few edits from any short name.
    #[test]
    fn suggestions_are_pages_for_pages_and_sections_for_sections() {
        let mut targets = Targets::default();
        for (name, out) in [
            ("handbook/_index.md", "handbook/index.html"),
            ("handbook/ending-well.md", "handbook/ending-well/index.html"),
            ("handbook/goals.md", "handbook/goals/index.html"),
            ("roles/mentor", "roles/mentor/index.html"),
        ] {
            targets.by_name.insert(
                name.into(),
                Target {
                    out: out.into(),
                    ..Target::default()
                },
            );
        }
        let from = "handbook/welcome/index.html";
        let message = |dest: &str| targets.resolve(dest, from).err().unwrap_or_default();
        // Without the rule, `_index.md` (5 edits away) was the closest name.
        assert_eq!(
            message("@/handbook/index.md"),
            "link to @/handbook/index.md: no such page"
        );
        assert_eq!(
            message("@/handbook/gaols.md"),
            "link to @/handbook/gaols.md: no such page: did you mean `@/handbook/goals.md`?"
        );
        assert_eq!(
            message("@/handbook/ending.md"),
            "link to @/handbook/ending.md: no such page: did you mean `@/handbook/ending-well.md`?"
        );
        assert_eq!(
            message("@/handbok/_index.md"),
            "link to @/handbok/_index.md: no such page: did you mean `@/handbook/_index.md`?"
        );
        assert_eq!(
            message("@/handbook/go.md"),
            "link to @/handbook/go.md: no such page"
        );
        assert_eq!(
            message("@/roles/mentr"),
            "link to @/roles/mentr: no such page: did you mean `@/roles/mentor`?"
        );
        assert_eq!(root_prefix("a/b/index.html"), "../../");
    }
}
