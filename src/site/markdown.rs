//! Markdown to HTML: heading ids and anchors, a table of contents, `@/` links resolved.
//!
//! Raw HTML in a page passes through unchanged: handbook authors are trusted
//! (they can already change the templates). Data from the tables never goes
//! through here.

use std::collections::{BTreeSet, HashMap};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::util::text::Lines;

use crate::util::html::escape_html;

/// A heading of a page, with the id it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

/// An entry of a table of contents: an `h2` with its `h3`s.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A rendered page body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The text without markup, for the search index.
    pub text: String,
}

/// How many `h2`/`h3` headings a page needs to get a table of contents.
pub const TOC_MIN_HEADINGS: usize = 3;

/// The extensions a handbook page may use (docs/site.md, "Markdown"):
/// those GitHub and mdBook authors know, none that changes plain text
/// (no smart punctuation) or needs a script (no math).
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// Ids the built-in templates give elements of every page (the skip
/// link's `main`, the search box, the table of contents' title, ...): a
/// heading never takes one of them, so links and labels keep their target.
pub const RESERVED_IDS: [&str; 9] = [
    "main",
    "site-search",
    "toc-title",
    "in-this-section",
    "search-input",
    "search-status",
    "search-results",
    "all-pages",
    "every-page",
];

/// A heading's id: lowercase, whitespace runs become `-`, other punctuation
/// is dropped (`Devil's advocate` → `devils-advocate`).
pub fn heading_id(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !slug.ends_with('-') {
            slug.push('-');
        } else if c == '_' {
            slug.push('_');
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

/// Renders a page body. `resolve` is called for every link whose
/// destination starts with `@/`, with the destination and the link's line in
/// the file (`line_offset` lines come before the body); it returns the URL
/// to write, or `None` after reporting the problem.
pub fn render(
    body: &str,
    line_offset: usize,
    resolve: &mut dyn FnMut(&str, usize) -> Option<String>,
) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    let mut headings = Vec::new();
    let mut ids = Ids::new();
    let mut text = String::new();
    // The heading being read: its start in `events`, level, explicit id and classes.
    let mut open: Option<(usize, HeadingLevel, Option<String>, Vec<String>)> = None;
    let mut lines: Option<Lines> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let classes = classes.iter().map(|c| c.to_string()).collect();
                open = Some((events.len(), level, id.map(|i| i.to_string()), classes));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((start, level, id, classes)) = open.take() else {
                    continue;
                };
                let inner: Vec<Event> = events.drain(start..).collect();
                let title = plain_text(&inner);
                let id = ids.assign(id, &title);
                let tag = level as u8;
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape_html(&classes.join(" ")))
                };
                let id_html = escape_html(&id);
                events.push(Event::Html(CowStr::from(format!(
                    "<h{tag} id=\"{id_html}\"{class}>"
                ))));
                events.extend(inner);
                events.push(Event::Html(CowStr::from(format!(
                    " <a class=\"anchor\" href=\"#{id_html}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a></h{tag}>\n"
                ))));
                push_words(&mut text, &title);
                push_words(&mut text, " ");
                headings.push(Heading {
                    level: tag,
                    id,
                    title,
                });
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with("@/") => {
                let line = lines
                    .get_or_insert_with(|| Lines::new(body))
                    .line_of(range.start)
                    + line_offset;
                let dest = resolve(&dest_url, line).unwrap_or_else(|| dest_url.to_string());
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title,
                    id,
                }));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                // Only the start of the text is used (the search excerpt).
                if open.is_none() && text.len() < TEXT_KEPT {
                    let room = TEXT_KEPT - text.len();
                    push_words(&mut text, up_to(t, room));
                }
                events.push(event);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            )
            | Event::SoftBreak
            | Event::HardBreak => {
                push_words(&mut text, " ");
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, super::markup::rewrite(events).into_iter());
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    Rendered {
        html: html_out,
        headings,
        text,
    }
}

/// Appends `words` to `text` with every run of whitespace as one space and
/// none at the start: the search excerpt's text, built as it is read.
/// Byte by byte, since nearly all of it is ASCII: a tenth of a large
/// handbook's Markdown time went to decoding every character.
fn push_words(text: &mut String, words: &str) {
    let mut i = 0;
    while i < words.len() {
        let run = i;
        while i < words.len() {
            match whitespace_at(words, i) {
                0 => break,
                n => i += n,
            }
        }
        if i > run && !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        let word = i;
        while i < words.len() && whitespace_at(words, i) == 0 {
            i += 1;
        }
        text.push_str(&words[word..i]);
    }
}

/// The length of the whitespace character starting at byte `i` of `s`,
/// or 0 when none starts there (as [`char::is_whitespace`] decides).
fn whitespace_at(s: &str, i: usize) -> usize {
    let byte = s.as_bytes()[i];
    if byte.is_ascii() {
        return usize::from(byte.is_ascii_whitespace() || byte == 0x0b);
    }
    match s.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

/// The ids of a page's headings, in order, as [`render`] gives them: the
/// first pass over every page, to check `@/` links to anchors, which needs
/// no HTML.
pub fn heading_ids(body: &str) -> Vec<String> {
    let mut ids = Ids::new();
    let mut out = Vec::new();
    // The heading being read: its explicit id and its text so far.
    let mut open: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(body, options()) {
        match (&mut open, event) {
            (None, Event::Start(Tag::Heading { id, .. })) => {
                open = Some((id.map(|i| i.to_string()), String::new()));
            }
            (Some(_), Event::End(TagEnd::Heading(_))) => {
                if let Some((id, title)) = open.take() {
                    out.push(ids.assign(id, title.trim()));
                }
            }
            (Some((_, title)), Event::Text(t) | Event::Code(t)) => title.push_str(&t),
            (Some((_, title)), Event::SoftBreak | Event::HardBreak) => title.push(' '),
            _ => {}
        }
    }
    out
}

/// The ids given on one page so far: each heading's is unique on the page
/// and never one of [`RESERVED_IDS`].
struct Ids {
    used: BTreeSet<String>,
    /// The next suffix to try for each id, so that many equal headings stay linear.
    suffixes: HashMap<String, usize>,
}

impl Ids {
    fn new() -> Ids {
        Ids {
            used: RESERVED_IDS.iter().map(|id| id.to_string()).collect(),
            suffixes: HashMap::new(),
        }
    }

    /// The id of a heading: its explicit `{#id}`, or one made of its text.
    fn assign(&mut self, explicit: Option<String>, title: &str) -> String {
        unique(
            explicit.unwrap_or_else(|| heading_id(title)),
            &mut self.used,
            &mut self.suffixes,
        )
    }
}

/// How many characters of a page's plain text the search shows.
pub(super) const EXCERPT_CHARS: usize = 600;

/// How much of a page's plain text is kept, in bytes: enough for the
/// search excerpt however many bytes its characters take.
const TEXT_KEPT: usize = 4 * EXCERPT_CHARS;

/// The first `bytes` bytes of `s`, or fewer to end on a character.
fn up_to(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn plain_text(events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// `id`, or `id-1`, `id-2`... whichever is not yet used on the page.
/// `suffixes` remembers where the search for each id stopped: the ids
/// skipped stay used, so the next search resumes there.
fn unique(
    id: String,
    used: &mut BTreeSet<String>,
    suffixes: &mut HashMap<String, usize>,
) -> String {
    let mut candidate = id.clone();
    let mut n = suffixes.get(&id).copied().unwrap_or(0);
    if n > 0 {
        candidate = format!("{id}-{n}");
    }
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    suffixes.insert(id, n);
    used.insert(candidate.clone());
    candidate
}

/// The table of contents of a page: its `h2`s with their `h3`s, or nothing
/// for pages with fewer than [`TOC_MIN_HEADINGS`] of them.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    let relevant: Vec<&Heading> = headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .collect();
    if relevant.len() < TOC_MIN_HEADINGS {
        return Vec::new();
    }
    let mut entries: Vec<TocEntry> = Vec::new();
    for h in relevant {
        let entry = TocEntry {
            id: h.id.clone(),
            title: h.title.clone(),
            children: Vec::new(),
        };
        match entries.last_mut() {
            Some(parent) if h.level == 3 => parent.children.push(entry),
            _ => entries.push(entry),
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(body: &str) -> Rendered {
        render(body, 0, &mut |d, _| Some(d.to_string()))
    }

    /// The byte-wise [`push_words`] against its definition: words as
    /// `split_whitespace` finds them, one space for each run between them
    /// or after the text, none at the start.
    #[test]
    fn push_words_collapses_every_kind_of_whitespace() {
        let pieces = [
            "", " ", "a", "word", "\t", "\n", "\u{a0}", "\u{2003}", "\u{3000}", "\u{b}", "é",
            "naïve", "日本", "x\u{85}y", "  ", "\r\n", "\u{200b}",
        ];
        for a in pieces {
            for b in pieces {
                for start in ["", "kept", "kept "] {
                    let words = format!("{a}{b}{a}");
                    let mut text = start.to_string();
                    push_words(&mut text, &words);
                    let mut expected = start.to_string();
                    let mut rest = words.as_str();
                    while !rest.is_empty() {
                        let w = rest.find(char::is_whitespace).unwrap_or(rest.len());
                        expected.push_str(&rest[..w]);
                        rest = &rest[w..];
                        let gap = rest
                            .find(|c: char| !c.is_whitespace())
                            .unwrap_or(rest.len());
                        if gap > 0 && !expected.is_empty() && !expected.ends_with(' ') {
                            expected.push(' ');
                        }
                        rest = &rest[gap..];
                    }
                    assert_eq!(text, expected, "{words:?} after {start:?}");
                }
            }
        }
    }

    #[test]
    fn heading_ids() {
        assert_eq!(heading_id("Devil's advocate"), "devils-advocate");
        assert_eq!(
            heading_id("  Meetings per pair  month "),
            "meetings-per-pair-month"
        );
        assert_eq!(
            heading_id("NPS (net promoter score)"),
            "nps-net-promoter-score"
        );
        assert_eq!(heading_id("Über-Ziele"), "über-ziele");
        assert_eq!(heading_id("?!"), "section");
    }

    #[test]
    fn headings_get_unique_ids_and_anchors() {
        let r = plain("# Title\n\n## Goals\n\n## Goals\n\n### Goals\n\n## Custom {#mine}\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["title", "goals", "goals-1", "goals-2", "mine"]);
        assert!(
            r.html
                .contains("<h2 id=\"goals-1\">Goals <a class=\"anchor\" href=\"#goals-1\">")
        );
        let toc = toc(&r.headings);
        assert_eq!(toc.len(), 3);
        assert_eq!(toc[1].children.len(), 1);
        assert!(super::toc(&plain("## One\n\n## Two\n").headings).is_empty());
    }

    /// The first pass's ids are those the page gets.
    #[test]
    fn heading_ids_match_the_rendered_headings() {
        let body = "# Main\n\n## Goals `code` *em*\n\n## Goals `code` *em*\n\nText\n\n### A {#own}\nB\n\nSetext\nline two\n---\n\n## [Link](@/x.md) and <b>html</b>\n\n## main\n";
        let rendered: Vec<String> = plain(body).headings.into_iter().map(|h| h.id).collect();
        assert_eq!(super::heading_ids(body), rendered);
        assert_eq!(
            rendered,
            [
                "main-1",
                "goals-code-em",
                "goals-code-em-1",
                "own",
                "setext-line-two",
                "link-and-html",
                "main-2"
            ]
        );
        assert_eq!(plain("A  b\n\n- c\n- d\n\n## H\n").text, "A b c d H");
    }

    #[test]
    fn links_are_resolved_with_their_lines() {
        let mut seen = Vec::new();
        let r = render(
            "Intro\n\nSee [goals](@/handbook/goals.md#smart) and [web](https://x.org).\n",
            4,
            &mut |d, line| {
                seen.push((d.to_string(), line));
                Some("../goals/index.html#smart".into())
            },
        );
        assert_eq!(seen, [("@/handbook/goals.md#smart".to_string(), 7)]);
        assert!(r.html.contains("href=\"../goals/index.html#smart\""));
        assert!(r.html.contains("href=\"https://x.org\""));
        assert_eq!(r.text, "Intro See goals and web.");
    }

    #[test]
    fn extensions_and_raw_html() {
        let r = plain(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ note[^1]\n\n[^1]: foot\n\n<div class=\"tip\">raw</div>\n",
        );
        for needle in [
            "<table>",
            "type=\"checkbox\"",
            "<del>old</del>",
            "footnote",
            "<div class=\"tip\">raw</div>",
        ] {
            assert!(r.html.contains(needle), "{needle} in {}", r.html);
        }
    }
}
