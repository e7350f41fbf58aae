//! Small helpers shared by every stage, as mdBook keeps them: text (line numbers, "did you mean"), TOML errors with their key, exact decimals, HTML escaping, freed memory back to the system, colours and `data:` URIs.

pub mod colour;
pub mod data_uri;
pub mod decimal;
pub mod html;
pub mod memory;
pub mod text;
pub mod toml_error;
