//! sxs: review machine-translated documentation side by side.
//!
//! A library core with no terminal in it (`store`, `text`) and thin front ends
//! (`cli`, `tui`) on top.

pub mod check;
pub mod cli;
pub mod json;
pub mod mqm;
pub mod notes;
pub mod store;
pub mod text;
pub mod tsv;
pub mod tui;
pub mod yaml;
