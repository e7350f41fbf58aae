//! Accessible HTML for the Markdown extensions: labelled task boxes, tables in labelled scroll regions, titled alerts, footnotes gathered at the end.
//!
//! pulldown-cmark's own HTML for these fails accessibility checks (an
//! unlabelled checkbox, a table wider than a phone with nothing to scroll
//! it by keyboard, footnote ids that can clash with heading ids, an alert
//! told apart by colour alone). docs/site.md ("Markdown") describes what
//! each becomes.

use std::collections::HashMap;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use crate::util::html::escape_html;

/// The id of footnote `n` and of its first reference. Heading ids never
/// hold a `:` (see `heading_id`), so these cannot clash with them.
fn note_id(n: usize) -> String {
    format!("fn:{n}")
}

fn ref_id(n: usize, nth: usize) -> String {
    if nth == 1 {
        format!("fnref:{n}")
    } else {
        format!("fnref:{n}-{nth}")
    }
}

fn html<'a>(s: String) -> Event<'a> {
    Event::Html(CowStr::from(s))
}

/// A table being read: where its wrapper goes, and its header cells' text.
struct OpenTable {
    placeholder: usize,
    in_head: bool,
    headers: Vec<String>,
    cell: String,
}

/// A footnote's number and how many times it was referenced so far.
#[derive(Default)]
struct Notes {
    numbers: HashMap<String, (usize, usize)>,
    defined: std::collections::HashSet<String>,
}

impl Notes {
    /// The number of footnote `label` and the ordinal of this reference.
    fn reference(&mut self, label: &str) -> (usize, usize) {
        let next = self.numbers.len() + 1;
        let entry = self.numbers.entry(label.to_string()).or_insert((next, 0));
        entry.1 += 1;
        *entry
    }
}

/// Rewrites the events of one page body (see the module doc).
pub(super) fn rewrite(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut notes = Notes::default();
    for e in &events {
        if let Event::Start(Tag::FootnoteDefinition(label)) = e {
            notes.defined.insert(label.to_string());
        }
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + 8);
    // Footnote definitions, by label, in the order they are written.
    let mut definitions: Vec<(String, Vec<Event>)> = Vec::new();
    let mut in_definition = false;
    let mut table: Option<OpenTable> = None;

    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                definitions.push((label.to_string(), Vec::new()));
                in_definition = true;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_definition = false;
                continue;
            }
            _ => {}
        }
        let buf = match (in_definition, definitions.last_mut()) {
            (true, Some((_, buf))) => buf,
            _ => &mut out,
        };
        match event {
            Event::FootnoteReference(label) if notes.defined.contains(label.as_ref()) => {
                let (n, nth) = notes.reference(&label);
                buf.push(html(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{}\"><span class=\"visually-hidden\">Footnote </span>{n}</a></sup>",
                    note_id(n),
                    ref_id(n, nth)
                )));
            }
            Event::TaskListMarker(done) => {
                // The marker follows its item's start (and, in a loose
                // list, the item's first paragraph start).
                let start = buf
                    .iter()
                    .rev()
                    .take(2)
                    .position(|e| matches!(e, Event::Start(Tag::Item)))
                    .map(|back| buf.len() - 1 - back);
                if let Some(at) = start {
                    buf[at] = html("<li class=\"task\">".to_string());
                }
                // A disabled box says what the author ticked; its label
                // says the same in words for screen readers.
                buf.push(html(format!(
                    "<input type=\"checkbox\" disabled{} aria-label=\"{}\"> ",
                    if done { " checked" } else { "" },
                    if done { "Done" } else { "To do" }
                )));
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(OpenTable {
                    placeholder: buf.len(),
                    in_head: false,
                    headers: Vec::new(),
                    cell: String::new(),
                });
                buf.push(html(String::new()));
                buf.push(event);
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = true;
                }
                buf.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = false;
                }
                buf.push(event);
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(t) = table.as_mut().filter(|t| t.in_head) {
                    let cell = std::mem::take(&mut t.cell);
                    t.headers.push(cell.trim().to_string());
                }
                buf.push(event);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if let Some(t) = table.as_mut().filter(|t| t.in_head) {
                    t.cell.push_str(text);
                }
                buf.push(event);
            }
            Event::End(TagEnd::Table) => {
                buf.push(event);
                if let Some(t) = table.take() {
                    // A table wider than the screen scrolls inside this
                    // region, which the keyboard can reach and a screen
                    // reader can name.
                    let headers: Vec<&str> = t
                        .headers
                        .iter()
                        .map(String::as_str)
                        .filter(|h| !h.is_empty())
                        .collect();
                    let label = if headers.is_empty() {
                        "Table".to_string()
                    } else {
                        format!("Table: {}", headers.join(", "))
                    };
                    if let Some(slot) = buf.get_mut(t.placeholder) {
                        *slot = html(format!(
                            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                            escape_html(&label)
                        ));
                    }
                    buf.push(html("</div>\n".to_string()));
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(kind);
                buf.push(html(format!(
                    "<blockquote class=\"alert alert-{class}\">\n<p class=\"alert-title\">{title}</p>\n"
                )));
            }
            other => buf.push(other),
        }
    }
    if !definitions.is_empty() {
        footnotes(&mut out, definitions, &mut notes);
    }
    out
}

/// The class and the visible title of a GitHub-style alert (`> [!NOTE]`).
fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// The footnotes, numbered in the order they are first referenced (those
/// never referenced after them), each with a link back to its reference.
fn footnotes<'a>(
    out: &mut Vec<Event<'a>>,
    definitions: Vec<(String, Vec<Event<'a>>)>,
    notes: &mut Notes,
) {
    let mut numbered: Vec<(usize, bool, Vec<Event>)> = definitions
        .into_iter()
        .map(|(label, body)| match notes.numbers.get(&label) {
            Some(&(n, _)) => (n, true, body),
            None => {
                let n = notes.numbers.len() + 1;
                notes.numbers.insert(label, (n, 0));
                (n, false, body)
            }
        })
        .collect();
    numbered.sort_by_key(|(n, _, _)| *n);
    // A label defined twice keeps its first definition, as a link can only go to one.
    numbered.dedup_by_key(|(n, _, _)| *n);
    out.push(html(
        "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n".to_string(),
    ));
    for (n, referenced, mut body) in numbered {
        out.push(html(format!("<li id=\"{}\">\n", note_id(n))));
        if referenced {
            let back = html(format!(
                " <a class=\"footnote-back\" href=\"#{}\" aria-label=\"Back to reference {n}\">\u{21a9}\u{fe0e}</a>",
                ref_id(n, 1)
            ));
            match body
                .iter()
                .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)))
            {
                Some(at) if at + 1 == body.len() => body.insert(at, back),
                _ => body.push(back),
            }
        }
        out.extend(body);
        out.push(html("</li>\n".to_string()));
    }
    out.push(html("</ol>\n</section>\n".to_string()));
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Parser, html};

    use super::super::markdown::options;
    use super::*;

    fn render(md: &str) -> String {
        let events: Vec<Event> = Parser::new_ext(md, options()).collect();
        let mut out = String::new();
        html::push_html(&mut out, rewrite(events).into_iter());
        out
    }

    #[test]
    fn task_boxes_are_labelled() {
        let html = render("- [x] agreed\n- [ ] booked\n- plain\n");
        assert!(
            html.contains("<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"Done\"> agreed</li>"),
            "{html}"
        );
        assert!(html.contains(
            "<li class=\"task\"><input type=\"checkbox\" disabled aria-label=\"To do\"> booked</li>"
        ));
        assert!(html.contains("<li>plain</li>"));
        let loose = render("- [x] one\n\n- [ ] two\n");
        assert!(
            loose.contains("<li class=\"task\">\n<p><input type=\"checkbox\" disabled checked aria-label=\"Done\"> one</p>"),
            "{loose}"
        );
        assert!(!loose.contains("<li>"), "{loose}");
    }

    #[test]
    fn tables_scroll_in_a_named_region() {
        let html = render("| Step | Who `x` |\n|---|---|\n| 1 | mentor |\n\n| |\n|-|\n| a |\n");
        assert!(
            html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Step, Who x\"><table>"),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Table\"><table>"), "{html}");
        assert_eq!(html.matches("</table>\n</div>").count(), 2, "{html}");
    }

    #[test]
    fn alerts_have_a_title_in_words() {
        let html = render("> [!WARNING]\n> Mind the gap.\n\n> plain\n");
        assert!(
            html.contains("<blockquote class=\"alert alert-warning\">\n<p class=\"alert-title\">Warning</p>\n<p>Mind the gap.</p>\n</blockquote>"),
            "{html}"
        );
        assert!(html.contains("<blockquote>\n<p>plain</p>"), "{html}");
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_gathered_at_the_end() {
        let html = render(
            "[^late]: Defined first, referenced second.\n\nOne[^b], two[^late], again[^b], missing[^none].\n\n[^b]: Bee.\n\n    More bee.\n\n[^unused]: Never referenced.\n\nAfter.\n",
        );
        let refs = [
            "One<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1\"><span class=\"visually-hidden\">Footnote </span>1</a></sup>",
            "two<sup class=\"footnote-ref\"><a href=\"#fn:2\" id=\"fnref:2\">",
            "again<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1-2\">",
            "missing[^none].",
        ];
        for r in refs {
            assert!(html.contains(r), "{r} in {html}");
        }
        let end = html.find("<section class=\"footnotes\"").unwrap_or(0);
        assert!(end > html.find("After.").unwrap_or(usize::MAX), "{html}");
        let notes = &html[end..];
        let at = |s: &str| notes.find(s).unwrap_or_else(|| panic!("{s} in {notes}"));
        assert!(at("<li id=\"fn:1\">") < at("Bee.") && at("Bee.") < at("<li id=\"fn:2\">"));
        assert!(notes.contains("<p>More bee. <a class=\"footnote-back\" href=\"#fnref:1\" aria-label=\"Back to reference 1\">"), "{notes}");
        assert!(
            notes.contains("<li id=\"fn:3\">\n<p>Never referenced.</p>\n</li>"),
            "{notes}"
        );
    }
}
