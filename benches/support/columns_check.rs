//! The `dump --format text` promise: the separator at one column on every row
//! and no row wider than the total width.

use sxs::text::{WidthMode, grapheme_width, str_width};
use unicode_segmentation::UnicodeSegmentation;

/// Checks the rows of one segment laid out at `width` cells.
pub fn check_rows(rows: &[String], width: usize, mode: WidthMode) -> Result<(), String> {
    // With room for " │ " the separator's bar stands right after the left column.
    let bar_column = (width - str_width(" │ ", mode)) / 2 + 1;
    for row in rows {
        let row_width = str_width(row, mode);
        if row_width > width {
            return Err(format!("{row_width} cells, wider than {width}: {row:?}"));
        }
        let mut column = 0;
        let at_bar = row.graphemes(true).find(|g| {
            let here = column;
            column += grapheme_width(g, mode);
            here >= bar_column
        });
        if at_bar != Some("│") {
            return Err(format!("separator not at column {bar_column}: {row:?}"));
        }
    }
    Ok(())
}
