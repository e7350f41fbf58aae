//! Small helpers shared by every stage, as mdBook keeps them: text (line numbers, "did you mean") and HTML escaping.

pub mod html;
pub mod text;
