//! The screen's regions for a window size: which rows hold the bars and the
//! body, and where the panes stand.

use crate::text::WidthMode;

/// Narrower than this, the panes are stacked: source above target.
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 70;
/// Smaller than this, only a "too small" line is drawn.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// From this height on, a line about the selected segment sits above the status bar.
const DETAIL_MIN_HEIGHT: u16 = 10;
/// Cells left of the panes for the mark state.
pub const GUTTER: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    SideBySide,
    Stacked,
    TooSmall,
}

/// The screen's regions for a terminal size. Rows: top bar, pane titles, body,
/// status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub width: u16,
    pub height: u16,
    pub arrangement: Arrangement,
    pub body_top: u16,
    pub body_height: u16,
    /// Row of the line about the selected segment (id, mark, findings), in
    /// windows tall enough for it.
    pub detail: Option<u16>,
    /// Column and width of the source pane (the only pane when stacked).
    pub left: (u16, u16),
    /// Column of the separator and column and width of the target pane.
    pub separator: u16,
    pub right: (u16, u16),
    /// Column and width of a row across both panes (a document's context).
    pub full: (u16, u16),
    pub mode: WidthMode,
}

impl Geometry {
    pub fn new((width, height): (u16, u16), mode: WidthMode) -> Geometry {
        let arrangement = if width < MIN_WIDTH || height < MIN_HEIGHT {
            Arrangement::TooSmall
        } else if width < SIDE_BY_SIDE_MIN_WIDTH {
            Arrangement::Stacked
        } else {
            Arrangement::SideBySide
        };
        let panes = width.saturating_sub(GUTTER);
        let detail = (height >= DETAIL_MIN_HEIGHT).then(|| height - 2);
        let (left, separator, right) = match arrangement {
            Arrangement::SideBySide => {
                // ` │ ` between the panes; the target gets the odd cell.
                let left_w = (panes - 3) / 2;
                let right_w = panes - 3 - left_w;
                (
                    (GUTTER, left_w),
                    GUTTER + left_w + 1,
                    (GUTTER + left_w + 3, right_w),
                )
            }
            _ => ((GUTTER, panes), width, (GUTTER, panes)),
        };
        Geometry {
            width,
            height,
            arrangement,
            body_top: 2,
            body_height: height.saturating_sub(3 + detail.is_some() as u16),
            detail,
            left,
            separator,
            right,
            full: (GUTTER, panes),
            mode,
        }
    }
}
