//! Text helpers for messages: line numbers from byte offsets, "did you mean" suggestions.
