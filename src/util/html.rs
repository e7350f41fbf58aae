//! HTML and XML escaping: the one escaper of pages, attributes and SVG text.
