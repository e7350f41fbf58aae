//! HTML and XML escaping: the one escaper of pages, attributes and SVG text.
//!
//! Pages and charts escape the same five characters and differ in two
//! spellings, each kept for a reason:
//!
//! | | `'` | control characters |
//! |---|---|---|
//! | [`escape_html`] (pages, attributes, sitemap, redirects) | `&#39;` | kept |
//! | [`escape_svg`] (a chart's `<title>` and `<desc>`) | `&apos;` | a space |
//!
//! Pages spell an apostrophe as Tera's autoescape does, so that a link
//! escaped here is found, byte for byte, in navigation a template escaped.
//! A chart's SVG is an XML document of its own (XML 1.0 allows no control
//! characters other than tab and line breaks); pages embed it unchanged.

/// Where escaped text goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    Html,
    Svg,
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    escape(text, Markup::Html)
}

/// Escapes text for an SVG (XML) document's content and attribute values.
pub fn escape_svg(text: &str) -> String {
    escape(text, Markup::Svg)
}

fn escape(text: &str, markup: Markup) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if markup == Markup::Html => out.push_str("&#39;"),
            '\'' => out.push_str("&apos;"),
            c if markup == Markup::Svg && c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {
                out.push(' ')
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_as_tera_does() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{1}"
        );
    }

    #[test]
    fn svg_is_well_formed_xml() {
        assert_eq!(
            escape_svg("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape_svg("a\u{1}b\tc\nd\u{7f}"), "a b\tc\nd ");
    }
}
