//! Small helpers shared by every stage, as mdBook keeps them: text (line numbers, "did you mean"), TOML errors with their key, exact decimals and HTML escaping.

pub mod decimal;
pub mod html;
pub mod text;
pub mod toml_error;
