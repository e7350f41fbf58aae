//! `roles.toml`: mentor and mentee guidance (hats, expectations, indicators), parsed strictly.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diag::{Diagnostics, quoted};
use crate::util::text::{describe_toml_error, did_you_mean, line_of};

/// The built-in role guidance, used when a program has no `roles.toml`.
pub const DEFAULT_ROLES: &str = include_str!("../../roles.toml");

/// Every figure of a cohort's `metrics.json` an indicator may name
/// (docs/program-folder.md, "A cohort's metrics.json").
pub const INDICATOR_PATHS: &[&str] = &[
    "pairs.matched",
    "pairs.active",
    "participants.mentors",
    "participants.mentees",
    "participants.enrolled",
    "participants.unmatched",
    "participants.match_rate",
    "meetings.count",
    "meetings.hours",
    "meetings.pair_months",
    "meetings.per_pair_month",
    "meetings.quiet_pairs",
    "meetings.quiet_share",
    "meetings.too_early_pairs",
    "goals.total",
    "goals.not_started",
    "goals.in_progress",
    "goals.completed",
    "goals.abandoned",
    "goals.completion_rate",
    "goals.on_time_rate",
    "goals.created_in_period",
    "goals.completed_in_period",
    "feedback.responses",
    "feedback.response_rate",
    "feedback.mean_rating",
    "feedback.nps",
    "feedback.by_role.mentor.responses",
    "feedback.by_role.mentor.response_rate",
    "feedback.by_role.mentor.mean_rating",
    "feedback.by_role.mentor.nps",
    "feedback.by_role.mentee.responses",
    "feedback.by_role.mentee.response_rate",
    "feedback.by_role.mentee.mean_rating",
    "feedback.by_role.mentee.nps",
];

/// Guidance for both sides of a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roles {
    pub mentor: Role,
    pub mentee: Role,
}

/// Guidance for one side: its hats (ways of helping) and expectations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    pub title: String,
    pub summary: String,
    /// The heading of the hats: "The four hats", "Your three roles".
    pub hats_title: String,
    pub hats: Vec<RoleItem>,
    pub expectations: Vec<RoleItem>,
}

/// One card: a hat or an expectation. `id` is its anchor on the role page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleItem {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub in_practice: Vec<String>,
    pub questions: Vec<String>,
    pub indicator: Option<Indicator>,
}

/// A cohort figure and the target it should meet, e.g. `meetings.quiet_share <= 0.2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<")]
    Below,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::AtLeast => ">=",
            Op::AtMost => "<=",
            Op::Above => ">",
            Op::Below => "<",
        }
    }

    /// Whether `value` meets `target` under this comparison.
    pub fn holds(self, value: f64, target: f64) -> bool {
        match self {
            Op::AtLeast => value >= target,
            Op::AtMost => value <= target,
            Op::Above => value > target,
            Op::Below => value < target,
        }
    }
}

/// A dashboard figure (a dotted path into a cohort's metrics.json) and its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// E.g. `meetings.per_pair_month`; one of [`INDICATOR_PATHS`].
    pub path: String,
    pub op: Op,
    pub target: f64,
}

impl Indicator {
    /// Whether a figure meets the target; `None` when the figure is undefined or withheld.
    pub fn is_met(&self, value: Option<f64>) -> Option<bool> {
        value.map(|v| self.op.holds(v, self.target))
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.path, self.op.symbol(), self.target)
    }
}

/// Parses a target such as `">= 0.6"` or `"<1"`.
pub fn parse_target(text: &str) -> Option<(Op, f64)> {
    let text = text.trim();
    let (op, rest) = [
        (">=", Op::AtLeast),
        ("<=", Op::AtMost),
        (">", Op::Above),
        ("<", Op::Below),
    ]
    .into_iter()
    .find_map(|(s, op)| text.strip_prefix(s).map(|rest| (op, rest)))?;
    let number: f64 = rest.trim().parse().ok()?;
    number.is_finite().then_some((op, number))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    mentor: RawRole,
    mentee: RawRole,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: String,
    summary: String,
    hats_title: String,
    #[serde(default)]
    hats: Vec<RawItem>,
    #[serde(default)]
    expectations: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    name: String,
    summary: String,
    #[serde(default)]
    in_practice: Vec<String>,
    #[serde(default)]
    questions: Vec<String>,
    indicator: Option<Spanned<String>>,
    target: Option<Spanned<String>>,
}

/// Reads `root/roles.toml`, or the built-in guidance when there is none.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Roles> {
    let path = root.join("roles.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, "roles.toml", diags),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            parse(DEFAULT_ROLES, "(built-in) roles.toml", diags)
        }
        Err(e) => {
            diags.error("roles.toml", None, format!("cannot read: {e}"));
            None
        }
    }
}

/// Parses role guidance. `file` names it in messages; every problem is reported.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Option<Roles> {
    let raw: RawRoles = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            diags.error(file, line, describe_toml_error(&e));
            return None;
        }
    };
    let before = diags.error_count();
    let mut role = |raw: RawRole, name: &str| {
        let mut seen = BTreeSet::new();
        let mut items = |list: Vec<RawItem>, kind: &str| -> Vec<RoleItem> {
            list.into_iter()
                .filter_map(|item| {
                    let what = format!("{name}.{kind}");
                    check_item(item, &what, &mut seen, text, file, diags)
                })
                .collect()
        };
        Role {
            title: raw.title,
            summary: raw.summary,
            hats_title: raw.hats_title,
            hats: items(raw.hats, "hats"),
            expectations: items(raw.expectations, "expectations"),
        }
    };
    let roles = Roles {
        mentor: role(raw.mentor, "mentor"),
        mentee: role(raw.mentee, "mentee"),
    };
    (diags.error_count() == before).then_some(roles)
}

fn check_item(
    item: RawItem,
    what: &str,
    seen: &mut BTreeSet<String>,
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<RoleItem> {
    let at = |span: std::ops::Range<usize>| Some(line_of(text, span.start));
    let id = item.id.get_ref();
    let mut ok = true;
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        diags.error(
            file,
            at(item.id.span()),
            format!(
                "`{what}`: id {} is not an anchor (use lowercase letters, digits and `-`)",
                quoted(id)
            ),
        );
        ok = false;
    } else if !seen.insert(id.clone()) {
        diags.error(
            file,
            at(item.id.span()),
            format!("`{what}`: id `{id}` is used twice on this role's page"),
        );
        ok = false;
    }
    let indicator = match (item.indicator, item.target) {
        (None, None) => None,
        (Some(path), Some(target)) => {
            let known = INDICATOR_PATHS.contains(&path.get_ref().as_str());
            if !known {
                diags.error(
                    file,
                    at(path.span()),
                    format!(
                        "`{what}`: unknown indicator `{}`{} (expected a figure of metrics.json such as `meetings.per_pair_month`)",
                        path.get_ref(),
                        did_you_mean(path.get_ref(), INDICATOR_PATHS)
                    ),
                );
            }
            let parsed = parse_target(target.get_ref());
            if parsed.is_none() {
                diags.error(
                    file,
                    at(target.span()),
                    format!(
                        "`{what}`: target {} is not a comparison (expected e.g. \">= 0.6\"; operators >=, <=, >, <)",
                        quoted(target.get_ref())
                    ),
                );
            }
            match parsed {
                Some((op, number)) if known => Some(Indicator {
                    path: path.get_ref().clone(),
                    op,
                    target: number,
                }),
                _ => {
                    ok = false;
                    None
                }
            }
        }
        (Some(path), None) => {
            diags.error(
                file,
                at(path.span()),
                format!("`{what}`: `indicator` needs a `target` (e.g. target = \">= 1\")"),
            );
            return None;
        }
        (None, Some(target)) => {
            diags.error(
                file,
                at(target.span()),
                format!(
                    "`{what}`: `target` needs an `indicator` (e.g. indicator = \"meetings.per_pair_month\")"
                ),
            );
            return None;
        }
    };
    ok.then(|| RoleItem {
        id: id.clone(),
        name: item.name,
        summary: item.summary,
        in_practice: item.in_practice,
        questions: item.questions,
        indicator,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(parse_target(">= 0.6"), Some((Op::AtLeast, 0.6)));
        assert_eq!(parse_target("<=1"), Some((Op::AtMost, 1.0)));
        assert_eq!(parse_target(" > 2 "), Some((Op::Above, 2.0)));
        assert_eq!(parse_target("< -1.5"), Some((Op::Below, -1.5)));
        assert_eq!(parse_target("= 1"), None);
        assert_eq!(parse_target(">= lots"), None);
        assert_eq!(parse_target(">= NaN"), None);
        assert!(Op::AtLeast.holds(1.0, 1.0) && !Op::Above.holds(1.0, 1.0));
    }

    #[test]
    fn the_built_in_guidance_parses() {
        let mut diags = Diagnostics::new();
        let roles = parse(DEFAULT_ROLES, "roles.toml", &mut diags);
        assert_eq!(diags.report_lines(), Vec::<String>::new());
        let Some(roles) = roles else {
            panic!("no roles")
        };
        assert_eq!(roles.mentor.hats.len(), 4);
        assert!(roles.mentor.hats.iter().any(|h| h.id == "coach"));
        let indicated: Vec<String> = roles
            .mentee
            .hats
            .iter()
            .chain(&roles.mentee.expectations)
            .filter_map(|i| i.indicator.as_ref().map(|x| x.to_string()))
            .collect();
        assert!(indicated.contains(&"meetings.per_pair_month >= 1".to_string()));
    }

    #[test]
    fn problems_name_their_lines() {
        let text = "[mentor]\ntitle = \"M\"\nsummary = \"s\"\nhats_title = \"h\"\n\
[[mentor.hats]]\nid = \"coach\"\nname = \"C\"\nsummary = \"s\"\nindicator = \"meetings.quiet_shar\"\ntarget = \"about 1\"\n\
[[mentor.expectations]]\nid = \"coach\"\nname = \"C\"\nsummary = \"s\"\ncolour = 1\n\
[mentee]\ntitle = \"M\"\nsummary = \"s\"\nhats_title = \"h\"\n";
        let mut diags = Diagnostics::new();
        assert!(parse(text, "roles.toml", &mut diags).is_none());
        let lines = diags.report_lines();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("error: roles.toml:15: unknown key `colour`"));

        let text = text.replace("colour = 1\n", "");
        let mut diags = Diagnostics::new();
        assert!(parse(&text, "roles.toml", &mut diags).is_none());
        let lines = diags.report_lines();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].starts_with(
            "error: roles.toml:9: `mentor.hats`: unknown indicator `meetings.quiet_shar`: did you mean `meetings.quiet_share`?"
        ));
        assert!(lines[1].starts_with("error: roles.toml:10: `mentor.hats`: target \"about 1\""));
        assert!(
            lines[2].starts_with(
                "error: roles.toml:12: `mentor.expectations`: id `coach` is used twice"
            )
        );
    }
}
