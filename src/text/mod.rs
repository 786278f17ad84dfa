//! Width-aware text layer: sanitize, measure, wrap.
