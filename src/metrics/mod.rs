//! Figures per cohort, quarter and program (SPEC §3), and privacy (SPEC §4).
pub mod privacy;
