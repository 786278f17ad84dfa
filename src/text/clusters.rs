//! Grapheme clusters, fast for common scripts.
//!
//! Full UAX #29 segmentation (`unicode-segmentation`) runs at about 50 MB/s,
//! which alone would miss the wrapping target. Most characters in documentation
//! (Latin, CJK, kana, Hangul syllables, Arabic and Hebrew letters, punctuation)
//! are "plain": no grapheme rule joins two plain characters, so between two of
//! them there is always a boundary. Only stretches with anything else (combining
//! marks, joiners, variation selectors, jamo, regional indicators, CR LF) go
//! through the full algorithm. The tests check the plain table against
//! `unicode-segmentation` character by character.

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// Code point ranges whose characters never join a neighbouring plain character
/// into one cluster: their Grapheme_Cluster_Break is Other, LV, LVT or Control
/// (never CR, Extend, SpacingMark, ZWJ, Prepend, L, V, T or Regional_Indicator).
const PLAIN: &[(u32, u32)] = &[
    (0x00A0, 0x02FF),
    (0x0370, 0x0482),
    (0x048A, 0x052F),
    (0x05BE, 0x05BE),
    (0x05C0, 0x05C0),
    (0x05C3, 0x05C3),
    (0x05C6, 0x05C6),
    (0x05D0, 0x05EA),
    (0x05EF, 0x05F4),
    (0x060C, 0x060C),
    (0x061B, 0x064A),
    (0x0660, 0x066F),
    (0x0671, 0x06D5),
    (0x06EE, 0x06FF),
    (0x1E00, 0x1FFF),
    (0x2000, 0x200B),
    (0x200E, 0x20CF),
    (0x2100, 0x2BFF),
    (0x2E80, 0x3029),
    (0x3030, 0x3096),
    (0x309B, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x9FFF),
    (0xA000, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE6F),
    (0xFF01, 0xFF9D),
    (0xFFE0, 0xFFEE),
    (0x1F300, 0x1F3FA),
    (0x1F400, 0x1F64F),
    (0x1F680, 0x1F6FF),
    (0x1F900, 0x1F9FF),
    (0x20000, 0x2FFFF),
];

/// Whether `c` is plain (see the module docs).
#[inline]
pub(crate) fn is_plain(c: char) -> bool {
    let c = c as u32;
    if c < 0x80 {
        return c != u32::from(b'\r');
    }
    // The bulk of CJK, Japanese and Korean text, before the table search.
    if matches!(c, 0x3000..=0x3029 | 0x3041..=0x3096 | 0x309B..=0x30FF | 0x3190..=0x9FFF | 0xAC00..=0xD7A3)
    {
        return true;
    }
    in_table(c)
}

fn in_table(c: u32) -> bool {
    let i = PLAIN.partition_point(|&(_, hi)| hi < c);
    PLAIN.get(i).is_some_and(|&(lo, _)| lo <= c)
}

/// The grapheme clusters of `s` with their byte offsets, exactly as
/// `s.grapheme_indices(true)` gives them.
pub(crate) fn grapheme_indices(s: &str) -> Clusters<'_> {
    Clusters {
        s,
        pos: 0,
        next_is_plain: false,
        slow: None,
    }
}

pub(crate) struct Clusters<'a> {
    s: &'a str,
    /// Where the next cluster starts once `slow` is exhausted.
    pos: usize,
    /// The character at `pos` is known to be plain (looked at by the last call).
    next_is_plain: bool,
    /// Full segmentation of a stretch that starts at a boundary and ends at
    /// one, with the stretch's offset.
    slow: Option<(usize, GraphemeIndices<'a>)>,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if let Some((base, slow)) = &mut self.slow {
            if let Some((i, g)) = slow.next() {
                return Some((*base + i, g));
            }
            self.slow = None;
        }
        let rest = &self.s[self.pos..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        let start = self.pos;
        let len = c.len_utf8();
        let c_plain = std::mem::take(&mut self.next_is_plain) || is_plain(c);
        let next_plain = chars.clone().next().is_none_or(is_plain);
        if c_plain && next_plain {
            self.pos += len;
            self.next_is_plain = true;
            return Some((start, &rest[..len]));
        }
        // Extend the stretch up to the first boundary between two plain characters.
        let mut end = len;
        let mut prev_plain = c_plain;
        for n in chars {
            let plain = is_plain(n);
            if prev_plain && plain {
                break;
            }
            prev_plain = plain;
            end += n.len_utf8();
        }
        self.pos += end;
        // The stretch ended between two plain characters (or at the end).
        self.next_is_plain = true;
        self.slow = Some((start, rest[..end].grapheme_indices(true)));
        self.next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn splits(s: &str) -> Vec<(usize, &str)> {
        grapheme_indices(s).collect()
    }

    #[test]
    fn plain_table_agrees_with_uax29() {
        // A boundary must stand on both sides of a plain c between letters (not
        // Extend, SpacingMark, ZWJ or Prepend), regional indicators (not RI) and
        // Hangul LV syllables (not L before them, not V or T after them).
        for &(lo, hi) in PLAIN {
            for c in (lo..=hi).filter_map(char::from_u32) {
                for (before, after) in [("a", "a"), ("🇯", "🇯"), ("가", "가")] {
                    let s = format!("{before}{c}{after}");
                    let expected: Vec<_> = s.grapheme_indices(true).collect();
                    assert_eq!(splits(&s), expected, "U+{:04X}", c as u32);
                    assert_eq!(expected.len(), 3, "U+{:04X} joins a neighbour", c as u32);
                }
            }
        }
    }

    #[test]
    fn shortcuts_agree_with_the_table() {
        for c in ('\u{80}'..=char::MAX).filter(|&c| c != '\r') {
            assert_eq!(is_plain(c), in_table(c as u32), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn mixed_text_segments_like_uax29() {
        let s = "a\r\nb e\u{301}👩‍🔬❤️1️⃣🇯🇵🇫🇷 한\u{1100}\u{1161}\u{11A8} ｶﾞ عَرَبِيّ \u{600}1 क्षि";
        let expected: Vec<_> = s.grapheme_indices(true).collect();
        assert_eq!(splits(s), expected);
    }
}
