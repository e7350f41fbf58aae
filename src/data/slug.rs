//! Page addresses from ids: the slug of a cohort's `cohorts/<slug>/` folder, and what makes a slug unsafe as a folder name.
//!
//! docs/program-folder.md ("Cohort slugs") and docs/privacy.md ("Data
//! values in paths") say the same to users.

/// The path segment of an id: ASCII letters lowercased, ASCII digits
/// kept, every run of other characters one `-`, trimmed. Cohort folders
/// take it from the cohort id, and chart ids from their scope.
pub fn path_slug(id: &str) -> String {
    let mut slug = String::with_capacity(id.len());
    let mut pending_dash = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// The longest cohort slug: a folder name must stay well under the 255
/// bytes file systems allow, with room for the output folder's own path.
pub(super) const MAX_SLUG_LEN: usize = 100;

/// Folder names Windows reserves for devices, so a site copied to a
/// Windows share would lose that folder. (Slugs hold no `.`.)
pub(super) fn is_reserved_name(slug: &str) -> bool {
    let device = |prefix: &str| {
        slug.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(slug, "con" | "prn" | "aux" | "nul") || device("com") || device("lpt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(path_slug("2024 Spring"), "2024-spring");
        assert_eq!(path_slug("--Été 2024//Q1--"), "t-2024-q1");
        assert_eq!(path_slug("../../etc"), "etc");
        assert_eq!(path_slug("ÉÉ"), "");
        assert_eq!(path_slug("A__b"), "a-b");
    }

    #[test]
    fn reserved_names() {
        for name in ["con", "prn", "aux", "nul", "com1", "lpt9"] {
            assert!(is_reserved_name(name), "{name}");
        }
        for name in ["com", "com10", "lpt", "console", "con-1", "nul1"] {
            assert!(!is_reserved_name(name), "{name}");
        }
    }
}
