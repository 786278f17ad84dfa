//! The width-aware text layer the panes are drawn with.
//!
//! [`inline`] is the one scanner of inline markup: the display form, the
//! automatic checks and word counts all read its tokens.
//!
//! Raw segment text → [`display_form`] (inline Markdown shown styled, made safe
//! by [`sanitize`]) → [`wrap`] into lines of at most N cells, measured with the
//! one width function [`grapheme_width`] → [`visual_lines`] (right-to-left runs
//! reordered for terminals that do no bidi) → drawn by the TUI, or joined into
//! two columns by [`two_columns`] for `sxs dump --format text`. [`lay_out`] is
//! wrap and reorder in one call.
//!
//! Every width goes through a [`WidthMode`]: narrow (as ratatui counts) or
//! ambiguous = wide. [`hazards`] tells what raw text hid (escape sequences,
//! controls, bidi controls); [`StyledText::raw_range`] maps display offsets
//! (search hits) back to the raw text, which is never changed.

mod bidi;
mod clusters;
mod columns;
mod entities;
pub(crate) mod inline;
mod markdown;
mod sanitize;
mod styled;
mod width;
mod words;
mod wrap;

pub use bidi::{BaseDirection, Visual, VisualLine, lay_out, visual_lines};
pub use columns::{SEPARATOR, Side, two_columns};
pub use markdown::display_form;
pub use sanitize::{
    Hazards, TAB_STOP, control_picture, hazards, needs_sanitizing, sanitize, sanitize_part,
    terminal_line,
};
pub use styled::{Style, StyledText};
pub use width::{WidthMode, grapheme_width, str_width};
pub use words::words;
pub use wrap::{WrappedLine, wrap};

/// `no segments`, `1 segment`, `2 segments`: a count with its noun, as a
/// reader says it.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    match count {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}
