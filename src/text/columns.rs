//! Source and target side by side in plain text, for `sxs dump --format text`.

use super::bidi::{BaseDirection, VisualLine, lay_out};
use super::styled::StyledText;
use super::width::{WidthMode, str_width};

/// The separator between the columns when there is room for it.
pub const SEPARATOR: &str = " │ ";

/// One column's text and paragraph direction.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The display text to wrap into the column.
    pub text: &'a StyledText,
    /// Its paragraph direction: right-to-left paragraphs are right-aligned.
    pub direction: BaseDirection,
}

impl<'a> Side<'a> {
    /// A column of `text` laid out in `direction`.
    pub fn new(text: &'a StyledText, direction: BaseDirection) -> Self {
        Side { text, direction }
    }
}

/// One segment as rows of at most `total_width` cells: `left` wrapped in the
/// left column, `right` in the right one, joined by [`SEPARATOR`], which stands
/// at the same column on every row, as tall as the taller side.
///
/// Without room for ` │ ` and a cell on each side the separator shrinks to `│`,
/// then `|`; below 3 cells only `|` is left. Styles are dropped; right-to-left
/// text is in visual order and right-aligned. Rows carry no trailing spaces.
pub fn two_columns(
    left: Side<'_>,
    right: Side<'_>,
    total_width: usize,
    mode: WidthMode,
) -> Vec<String> {
    let (separator, left_width, right_width) = split(total_width, mode);
    let left_lines = lay_out(left.text, left_width, mode, left.direction);
    let right_lines = lay_out(right.text, right_width, mode, right.direction);
    let rows = left_lines.lines.len().max(right_lines.lines.len());
    (0..rows)
        .map(|i| {
            let mut row = String::new();
            cell(
                &mut row,
                left_lines.lines.get(i),
                left_width,
                left_lines.rtl,
            );
            row.push_str(separator);
            cell(
                &mut row,
                right_lines.lines.get(i),
                right_width,
                right_lines.rtl,
            );
            row.truncate(row.trim_end_matches(' ').len());
            row
        })
        .collect()
}

/// The separator and the two column widths for a total width.
fn split(total: usize, mode: WidthMode) -> (&'static str, usize, usize) {
    for separator in [SEPARATOR, "│", "|"] {
        let width = str_width(separator, mode);
        if total >= width + 2 {
            let left = (total - width) / 2;
            return (separator, left, total - width - left);
        }
    }
    match total {
        0 => ("", 0, 0),
        _ => ("|", 0, total - 1),
    }
}

/// Appends a line padded to `width` cells, right-aligned for a right-to-left
/// paragraph.
fn cell(row: &mut String, line: Option<&VisualLine<'_>>, width: usize, rtl: bool) {
    let used = line.map_or(0, |l| l.width);
    let pad = " ".repeat(width.saturating_sub(used));
    if rtl {
        row.push_str(&pad);
    }
    for (text, _) in line.into_iter().flat_map(|l| &l.spans) {
        row.push_str(text);
    }
    if !rtl {
        row.push_str(&pad);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{display_form, sanitize};

    fn rows(left: &str, right: &str, width: usize, right_direction: BaseDirection) -> Vec<String> {
        let (l, r) = (display_form(left), display_form(right));
        two_columns(
            Side::new(&l, BaseDirection::Auto),
            Side::new(&r, right_direction),
            width,
            WidthMode::Narrow,
        )
    }

    #[test]
    fn rows_align_and_the_taller_side_sets_the_height() {
        let rows = rows(
            "If you have **forgotten** your password",
            "パスワードを忘れた場合",
            29,
            BaseDirection::Auto,
        );
        assert_eq!(
            rows,
            [
                "If you have   │ パスワードを",
                "forgotten     │ 忘れた場合",
                "your password │",
            ]
        );
    }

    #[test]
    fn right_to_left_target_is_right_aligned() {
        let rows = rows("Hello world", "שלום עולם", 31, BaseDirection::Rtl);
        assert_eq!(rows, ["Hello world    │      םלוע םולש"]);
    }

    #[test]
    fn tiny_widths_never_overflow() {
        let l = sanitize("中文 text");
        let r = sanitize("한국어 텍스트");
        for width in 0..8 {
            for mode in [WidthMode::Narrow, WidthMode::AmbiguousWide] {
                let rows = two_columns(
                    Side::new(&l, BaseDirection::Auto),
                    Side::new(&r, BaseDirection::Auto),
                    width,
                    mode,
                );
                assert!(!rows.is_empty());
                for row in rows {
                    assert!(str_width(&row, mode) <= width, "{width}: {row:?}");
                }
            }
        }
    }
}
