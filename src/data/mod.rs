//! The data tables of SPEC §2: loading, mapping and validation into a [`Program`].

pub mod model;

pub use model::*;
