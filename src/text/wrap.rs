//! Greedy line wrapping at UAX #14 opportunities, measured in terminal cells.
//!
//! - Lines break where Unicode line breaking allows, so kinsoku comes with it:
//!   `。、」）` and small kana never start a line, `「（` never ends one (unless
//!   the text between two opportunities is itself wider than the line).
//! - Between two letters at least one of which is Hangul no break is taken
//!   (CSS `word-break: keep-all`): Korean breaks at spaces.
//! - A piece wider than the line is split at grapheme boundaries.
//! - Spaces at a line's end are dropped; `\n` (and the other mandatory breaks)
//!   end a line and are not part of it.
//! - No line is wider than the width. A grapheme wider than the whole line (a
//!   CJK character at width 1) cannot be shown and is skipped; at width 0
//!   nothing can be shown and the result is one empty line.

use std::ops::Range;

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};
use unicode_segmentation::GraphemeCursor;

use super::clusters::{grapheme_indices, is_plain};
use super::width::{WidthMode, grapheme_width, str_width};

/// One wrapped line: a byte range of the wrapped text and its width in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrappedLine {
    /// Byte offset of the line's first character.
    pub start: usize,
    /// Byte offset just past the line's last shown character (break spaces and
    /// the hard break excluded).
    pub end: usize,
    /// Cells the line takes, never more than the width it was wrapped to.
    pub width: usize,
}

impl WrappedLine {
    /// The line's byte range in the wrapped text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Wraps `text` into lines of at most `width` cells (see the module docs).
/// Always returns at least one line; hard breaks give empty lines where the
/// text has them.
pub fn wrap(text: &str, width: usize, mode: WidthMode) -> Vec<WrappedLine> {
    let mut filler = Filler {
        text,
        max: width,
        mode,
        lines: Vec::new(),
        start: 0,
        end: 0,
        width: 0,
        pending: 0,
    };
    if width == 0 || text.is_empty() {
        filler.emit();
    } else {
        pieces(text, &mut filler);
    }
    filler.lines
}

/// The text between two break opportunities: a word, then break spaces, then
/// possibly a hard break.
struct Piece {
    start: usize,
    word_end: usize,
    /// Where the piece ends: the break opportunity.
    end: usize,
    word_width: usize,
    space_width: usize,
    mandatory: bool,
}

fn is_hard_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn pieces(text: &str, filler: &mut Filler) {
    let mut start = 0;
    for (end, kind) in linebreaks(text) {
        let mandatory = kind == BreakOpportunity::Mandatory;
        if !mandatory && !may_break_at(text, end) {
            continue;
        }
        let piece = &text[start..end];
        let body = if mandatory {
            piece.trim_end_matches(is_hard_break)
        } else {
            piece
        };
        let mut word = body.trim_end_matches(' ');
        if word.len() < body.len()
            && word.chars().next_back().is_some_and(|c| !is_plain(c))
            && !is_cluster_boundary(text, start + word.len())
        {
            // A prepended mark (U+0600…) takes the space after it into its cluster.
            word = &body[..word.len() + 1];
        }
        filler.piece(Piece {
            start,
            word_end: start + word.len(),
            end,
            word_width: str_width(word, filler.mode),
            space_width: body.len() - word.len(),
            mandatory,
        });
        start = end;
    }
}

/// Whether a UAX #14 opportunity is taken: not inside a grapheme cluster (UAX
/// #14 and UAX #29 disagree on a few sequences) and not between Korean letters.
fn may_break_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at == 0 || at >= bytes.len() || (bytes[at] < 0x80 && bytes[at - 1] < 0x80) {
        return true;
    }
    let (Some(before), Some(after)) = (text[..at].chars().next_back(), text[at..].chars().next())
    else {
        return true;
    };
    if (is_hangul(before) || is_hangul(after)) && is_letter(before) && is_letter(after) {
        return false;
    }
    (is_plain(before) && is_plain(after)) || is_cluster_boundary(text, at)
}

fn is_cluster_boundary(text: &str, at: usize) -> bool {
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// Hangul syllables and conjoining jamo.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{A960}'..='\u{A97F}' | '\u{AC00}'..='\u{D7FF}')
}

fn is_letter(c: char) -> bool {
    use BreakClass::*;
    is_hangul(c)
        || matches!(
            break_property(c as u32),
            Alphabetic | HebrewLetter | Numeric | Ideographic
        )
}

/// Fills lines greedily from pieces.
struct Filler<'a> {
    text: &'a str,
    max: usize,
    mode: WidthMode,
    lines: Vec<WrappedLine>,
    /// The current line: `start..end` holds what is placed, `width` cells wide,
    /// and `pending` cells of break spaces follow it.
    start: usize,
    end: usize,
    width: usize,
    pending: usize,
}

impl Filler<'_> {
    fn emit(&mut self) {
        self.lines.push(WrappedLine {
            start: self.start,
            end: self.end,
            width: self.width,
        });
    }

    fn piece(&mut self, p: Piece) {
        if p.word_end > p.start {
            if self.pending + p.word_width + self.width <= self.max {
                self.end = p.word_end;
                self.width += self.pending + p.word_width;
            } else {
                if self.end > self.start {
                    self.emit();
                }
                // Leading spaces that do not fit with the word are dropped too.
                self.start = p.start;
                self.end = p.start;
                self.width = 0;
                self.place_on_fresh_line(&p);
            }
            self.pending = p.space_width;
        } else {
            self.pending += p.space_width;
        }
        if p.mandatory {
            self.emit();
            self.start = p.end;
            self.end = p.end;
            self.width = 0;
            self.pending = 0;
        }
    }

    fn place_on_fresh_line(&mut self, p: &Piece) {
        if p.word_width <= self.max {
            self.end = p.word_end;
            self.width = p.word_width;
            return;
        }
        for (offset, g) in grapheme_indices(&self.text[p.start..p.word_end]) {
            let at = p.start + offset;
            let w = grapheme_width(g, self.mode);
            if w > self.max {
                if self.end > self.start {
                    self.emit();
                }
                self.start = at + g.len();
                self.end = self.start;
                self.width = 0;
                continue;
            }
            if self.width + w > self.max {
                self.emit();
                self.start = at;
                self.width = 0;
            }
            self.end = at + g.len();
            self.width += w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width, WidthMode::Narrow)
            .iter()
            .map(|l| &text[l.range()])
            .collect()
    }

    #[test]
    fn latin_breaks_at_spaces_and_drops_them() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("abcde fgh", 5), ["abcde", "fgh"]);
    }

    #[test]
    fn hard_breaks_are_kept_and_blank_lines_survive() {
        assert_eq!(lines("a\n\nb  \nc", 10), ["a", "", "b", "c"]);
        assert_eq!(lines("a\r\nb", 10), ["a", "b"]);
    }

    #[test]
    fn leading_indentation_is_kept_when_it_fits() {
        assert_eq!(lines("  foo bar", 6), ["  foo", "bar"]);
        assert_eq!(lines("      foo", 4), ["foo"]);
    }

    #[test]
    fn overlong_word_splits_at_graphemes() {
        assert_eq!(lines("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(lines("👩‍🔬👩‍🔬👩‍🔬", 4), ["👩‍🔬👩‍🔬", "👩‍🔬"]);
    }

    #[test]
    fn width_zero_and_one_terminate() {
        assert_eq!(lines("abc", 0), [""]);
        assert_eq!(lines("ab", 1), ["a", "b"]);
        // A wide character cannot be shown in one cell and is skipped.
        assert_eq!(lines("a中b", 1), ["a", "b"]);
        assert_eq!(lines("", 5), [""]);
    }
}
