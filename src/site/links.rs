//! Internal `@/` links: what they may point at, and relative URLs that work from `file://`.

use std::collections::{BTreeMap, BTreeSet};

use crate::util::text::did_you_mean;

/// A page a link can point at.
#[derive(Debug, Clone, Default)]
pub(super) struct Target {
    /// Output file.
    pub out: String,
    pub anchors: BTreeSet<String>,
}

/// Link targets by the name a link uses after `@/`:
/// `handbook/welcome.md`, `handbook/_index.md`, `roles/mentor`.
#[derive(Debug, Clone, Default)]
pub(super) struct Targets {
    pub by_name: BTreeMap<String, Target>,
}

impl Targets {
    /// Resolves `@/PATH#ANCHOR` as seen from the output file `from`.
    /// The error is the message to report at the link's line.
    pub(super) fn resolve(&self, dest: &str, from: &str) -> Result<String, String> {
        let name_and_anchor = dest.strip_prefix("@/").unwrap_or(dest);
        let (name, anchor) = match name_and_anchor.split_once('#') {
            Some((n, a)) => (n, Some(a)),
            None => (name_and_anchor, None),
        };
        let name = name.trim_end_matches('/');
        let Some(target) = self.by_name.get(name) else {
            let names: Vec<&str> = self.by_name.keys().map(String::as_str).collect();
            let hint = did_you_mean(name, &names).replace("did you mean `", "did you mean `@/");
            return Err(format!("link to {dest}: no such page{hint}"));
        };
        let mut url = relative(from, &target.out);
        if let Some(anchor) = anchor {
            if !target.anchors.contains(anchor) {
                let anchors: Vec<&str> = target.anchors.iter().map(String::as_str).collect();
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
                anchors: ["smart-goals".to_string()].into(),
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
        assert_eq!(root_prefix("a/b/index.html"), "../../");
    }
}
