//! The sidebar: the handbook as a tree, and the part of it one page shows (docs/site.md, "Navigation").

/// An entry of the navigation tree: a section with its children, or a page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NavItem {
    pub title: String,
    /// Site-relative output file, e.g. `handbook/welcome/index.html`.
    pub url: String,
    pub description: String,
    pub children: Vec<NavItem>,
}

/// The navigation as the sidebar shows it on one page: the top level, and
/// open, the sections on the way to the page (docs/site.md, "Navigation").
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct NavView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    /// Whether the item has pages below it (shown or not).
    pub has_children: bool,
    /// Whether its children are shown: it is the page's section, or holds it.
    pub open: bool,
    /// The children, when open; empty otherwise.
    pub children: Vec<NavView<'a>>,
}

/// The items of one level, opening the one whose URL is `path[0]`, and
/// within it `path[1]`, and so on. Costs the items of the levels shown,
/// never the whole tree.
pub fn nav_view<'a>(items: &'a [NavItem], path: &[&str]) -> Vec<NavView<'a>> {
    items
        .iter()
        .map(|item| {
            let open = path.first() == Some(&item.url.as_str()) && !item.children.is_empty();
            NavView {
                title: &item.title,
                url: &item.url,
                description: &item.description,
                has_children: !item.children.is_empty(),
                open,
                children: if open {
                    nav_view(&item.children, &path[1..])
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidebar_opens_only_the_path_to_the_page() {
        let item = |url: &str, children: Vec<NavItem>| NavItem {
            title: url.to_string(),
            url: url.to_string(),
            description: String::new(),
            children,
        };
        let nav = vec![
            item(
                "a/index.html",
                vec![
                    item("a/x/index.html", vec![]),
                    item("a/b/index.html", vec![item("a/b/y/index.html", vec![])]),
                    item("a/c/index.html", vec![item("a/c/z/index.html", vec![])]),
                ],
            ),
            item("d/index.html", vec![item("d/w/index.html", vec![])]),
            item("top/index.html", vec![]),
        ];
        let shown = |path: &[&str]| -> Vec<String> {
            fn walk(items: &[NavView], depth: usize, out: &mut Vec<String>) {
                for i in items {
                    let mark = match (i.open, i.has_children) {
                        (true, _) => "open",
                        (false, true) => "closed",
                        _ => "page",
                    };
                    out.push(format!("{}{} {mark}", "  ".repeat(depth), i.url));
                    walk(&i.children, depth + 1, out);
                }
            }
            let mut out = Vec::new();
            walk(&nav_view(&nav, path), 0, &mut out);
            out
        };
        assert_eq!(
            shown(&[]),
            [
                "a/index.html closed",
                "d/index.html closed",
                "top/index.html page"
            ]
        );
        assert_eq!(
            shown(&["a/index.html", "a/b/index.html"]),
            [
                "a/index.html open",
                "  a/x/index.html page",
                "  a/b/index.html open",
                "    a/b/y/index.html page",
                "  a/c/index.html closed",
                "d/index.html closed",
                "top/index.html page",
            ]
        );
        // A path that leaves the tree opens what matches and no more.
        assert_eq!(
            shown(&["d/index.html", "a/b/index.html"])[1..3],
            ["d/index.html open", "  d/w/index.html page"]
        );
    }
}
