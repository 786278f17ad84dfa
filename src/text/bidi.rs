//! Right-to-left text for terminals that do no bidi.
//!
//! Lines are wrapped in logical order; each line is then put in visual order
//! with the Unicode Bidirectional Algorithm (levels from `unicode-bidi` over
//! the whole text, rules L1 and L2 applied per line, whole grapheme clusters
//! reversed so combining marks stay on their base). Paired brackets in
//! right-to-left runs are mirrored, and LRM, RLM and ALM, which steer the
//! algorithm, are not emitted. Reordering never changes a line's width.

use std::borrow::Cow;

use unicode_bidi::{BidiClass, BidiInfo, Direction, Level, get_base_direction_full};

use super::clusters::grapheme_indices;
use super::styled::{Style, StyledText};
use super::width::WidthMode;
use super::wrap::{WrappedLine, wrap};

/// The paragraph direction of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BaseDirection {
    /// From the first strong character (UAX #9 rules P2, P3); left to right if none.
    #[default]
    Auto,
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl BaseDirection {
    /// Right to left for locales written right to left (`ar-sa`, `he-il`, `fa`…),
    /// [`Auto`](Self::Auto) otherwise. A Hebrew sentence that starts with an
    /// English product name is still a right-to-left paragraph.
    pub fn for_locale(locale: &str) -> BaseDirection {
        let language = locale.split(['-', '_']).next().unwrap_or("");
        let rtl = [
            "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr",
        ]
        .iter()
        .any(|l| l.eq_ignore_ascii_case(language));
        if rtl {
            BaseDirection::Rtl
        } else {
            BaseDirection::Auto
        }
    }
}

/// One line in visual (left-to-right screen) order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualLine<'a> {
    /// The styled pieces, left to right.
    pub spans: Vec<(Cow<'a, str>, Style)>,
    /// Cells the line takes; the same as before reordering.
    pub width: usize,
}

/// Lines ready to draw, and whether the paragraph runs right to left (then the
/// caller right-aligns the lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visual<'a> {
    /// Whether the paragraph direction is right to left.
    pub rtl: bool,
    /// The lines, top to bottom.
    pub lines: Vec<VisualLine<'a>>,
}

/// Wraps `text` to `width` cells and puts each line in visual order.
pub fn lay_out(
    text: &StyledText,
    width: usize,
    mode: WidthMode,
    direction: BaseDirection,
) -> Visual<'_> {
    visual_lines(text, &wrap(text.text(), width, mode), direction)
}

/// Puts lines of `text` (wrapped from it, any subset) in visual order.
pub fn visual_lines<'a>(
    text: &'a StyledText,
    lines: &[WrappedLine],
    direction: BaseDirection,
) -> Visual<'a> {
    let s = text.text();
    let bidi_text = !s.is_ascii() && s.chars().any(may_need_bidi);
    let rtl = match direction {
        BaseDirection::Rtl => true,
        BaseDirection::Ltr => false,
        BaseDirection::Auto => bidi_text && get_base_direction_full(s) == Direction::Rtl,
    };
    let logical = |line: &WrappedLine| VisualLine {
        spans: text
            .spans(line.range())
            .map(|(t, style)| (Cow::Borrowed(t), style))
            .collect(),
        width: line.width,
    };
    if !rtl && !bidi_text {
        return Visual {
            rtl,
            lines: lines.iter().map(logical).collect(),
        };
    }
    let para = if rtl { Level::rtl() } else { Level::ltr() };
    let bidi = Levels::of(text, para);
    let lines = lines
        .iter()
        .map(|line| reorder(text, &bidi, para, line).unwrap_or_else(|| logical(line)))
        .collect();
    Visual { rtl, lines }
}

/// The embedding level and original bidi class of each byte of the text.
struct Levels {
    levels: Vec<Level>,
    classes: Vec<BidiClass>,
}

impl Levels {
    /// Each link target the display shows (`⟨https://…⟩`) is a first-strong
    /// isolate (FSI … PDI, UAX #9): it keeps its own order and stands after
    /// the whole link text in reading order. Without, in a right-to-left
    /// sentence the URL joined the Latin word that ends a link text
    /// (`SendGrid ⟨url⟩`) and was read inside the link text. The isolate
    /// marks are added for the algorithm only, never shown.
    fn of(text: &StyledText, para: Level) -> Levels {
        const FSI: &str = "\u{2068}";
        const PDI: &str = "\u{2069}";
        let s = text.text();
        // One isolate a link target, whatever other styles (a search hit)
        // split its runs.
        let mut urls: Vec<std::ops::Range<usize>> = Vec::new();
        for (mut range, _) in text.runs().filter(|(_, style)| style.contains(Style::URL)) {
            // The space before ` ⟨` stays between the text and the target.
            while s[range.clone()].starts_with(' ') {
                range.start += 1;
            }
            match urls.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => urls.push(range),
            }
        }
        if urls.is_empty() {
            let info = BidiInfo::new(s, Some(para));
            return Levels {
                levels: info.levels,
                classes: info.original_classes,
            };
        }
        let mut isolated = String::with_capacity(s.len() + urls.len() * 6);
        // Where each byte of `s` went in `isolated`.
        let mut moved = Vec::with_capacity(s.len());
        let mut at = 0;
        for url in &urls {
            for i in at..url.start {
                moved.push(isolated.len() + i - at);
            }
            isolated.push_str(&s[at..url.start]);
            isolated.push_str(FSI);
            for i in url.clone() {
                moved.push(isolated.len() + i - url.start);
            }
            isolated.push_str(&s[url.clone()]);
            isolated.push_str(PDI);
            at = url.end;
        }
        for i in at..s.len() {
            moved.push(isolated.len() + i - at);
        }
        isolated.push_str(&s[at..]);
        let info = BidiInfo::new(&isolated, Some(para));
        Levels {
            levels: moved.iter().map(|&i| info.levels[i]).collect(),
            classes: moved.iter().map(|&i| info.original_classes[i]).collect(),
        }
    }
}

/// Right-to-left letters, Arabic digits and the directional marks (a cheap
/// superset by code point block).
fn may_need_bidi(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
        | 0x200E | 0x200F)
}

fn is_directional_mark(g: &str) -> bool {
    matches!(g, "\u{200E}" | "\u{200F}" | "\u{061C}")
}

/// The line in visual order, or `None` when that is its logical order.
fn reorder<'a>(
    text: &'a StyledText,
    info: &Levels,
    para: Level,
    line: &WrappedLine,
) -> Option<VisualLine<'a>> {
    let s = text.text();
    let mut cells: Vec<(usize, &str, u8)> = grapheme_indices(&s[line.range()])
        .map(|(i, g)| (line.start + i, g, info.levels[line.start + i].number()))
        .collect();
    // L1: white space at the end of the line takes the paragraph level.
    for cell in cells.iter_mut().rev() {
        use BidiClass::*;
        let class = info.classes[cell.0];
        if !matches!(class, WS | BN | S | B | LRI | RLI | FSI | PDI) {
            break;
        }
        cell.2 = para.number();
    }
    // L2: reverse every run at or above each odd level, highest first.
    let highest = cells.iter().map(|c| c.2).max().unwrap_or(0);
    let lowest_odd = cells.iter().map(|c| c.2 | 1).min().unwrap_or(1);
    let has_marks = cells.iter().any(|c| is_directional_mark(c.1));
    if highest < lowest_odd && !has_marks {
        return None;
    }
    for level in (lowest_odd..=highest).rev() {
        let mut i = 0;
        while i < cells.len() {
            if cells[i].2 < level {
                i += 1;
                continue;
            }
            let end = cells[i..]
                .iter()
                .position(|c| c.2 < level)
                .map_or(cells.len(), |n| i + n);
            cells[i..end].reverse();
            i = end;
        }
    }
    let mut spans: Vec<(Cow<'a, str>, Style)> = Vec::new();
    for (at, g, level) in cells {
        if is_directional_mark(g) {
            continue;
        }
        let style = text.style_at(at);
        let mirrored = if level % 2 == 1 { mirror(g) } else { None };
        let mut buf = [0; 4];
        let shown = mirrored.map_or(g, |c| c.encode_utf8(&mut buf));
        match spans.last_mut() {
            Some((t, last)) if *last == style => t.to_mut().push_str(shown),
            _ => spans.push((Cow::Owned(shown.to_string()), style)),
        }
    }
    Some(VisualLine {
        spans,
        width: line.width,
    })
}

/// Paired brackets and the like, drawn mirrored in right-to-left runs
/// (Bidi_Mirroring_Glyph for the characters documentation uses).
const MIRRORED: &[(char, char)] = &[
    ('(', ')'),
    ('<', '>'),
    ('[', ']'),
    ('{', '}'),
    ('«', '»'),
    ('‹', '›'),
    ('≤', '≥'),
    ('⁅', '⁆'),
    ('⁽', '⁾'),
    ('₍', '₎'),
    ('⟨', '⟩'),
    ('⟪', '⟫'),
    ('〈', '〉'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〔', '〕'),
    ('（', '）'),
    ('＜', '＞'),
    ('［', '］'),
    ('｛', '｝'),
    ('｢', '｣'),
];

fn mirror(g: &str) -> Option<char> {
    let mut chars = g.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    MIRRORED.iter().find_map(|&(a, b)| {
        if a == c {
            Some(b)
        } else if b == c {
            Some(a)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize;

    fn visual(raw: &str, width: usize, direction: BaseDirection) -> (bool, Vec<String>) {
        let text = sanitize(raw);
        let v = lay_out(&text, width, WidthMode::Narrow, direction);
        let lines = v
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|(t, _)| t.as_ref()).collect())
            .collect();
        (v.rtl, lines)
    }

    #[test]
    fn hebrew_is_reversed_and_flagged() {
        let (rtl, lines) = visual("שלום עולם", 20, BaseDirection::Auto);
        assert!(rtl);
        assert_eq!(lines, ["םלוע םולש"]);
    }

    #[test]
    fn numbers_and_latin_inside_rtl_keep_their_order() {
        let (_, lines) = visual("גרסה 365 של Dynamics", 40, BaseDirection::Auto);
        assert_eq!(lines, ["Dynamics לש 365 הסרג"]);
    }

    #[test]
    fn brackets_are_mirrored_in_rtl_runs() {
        let (_, lines) = visual("מידע (CDP) נוסף", 40, BaseDirection::Auto);
        assert_eq!(lines, ["ףסונ (CDP) עדימ"]);
        let (_, lines) = visual("א (ב) ג", 40, BaseDirection::Auto);
        assert_eq!(lines, ["ג (ב) א"]);
    }

    #[test]
    fn marks_steer_but_are_not_emitted() {
        let (_, lines) = visual("Microsoft\u{200f} (CDP) שעוזרת", 40, BaseDirection::Rtl);
        assert!(
            lines
                .iter()
                .all(|l| !l.contains(['\u{200e}', '\u{200f}', '\u{61c}']))
        );
        assert_eq!(lines, ["תרזועש (CDP) Microsoft"]);
    }

    #[test]
    fn english_first_hebrew_sentence_follows_the_locale() {
        let raw = "Dynamics 365 הוא חלק";
        assert!(!visual(raw, 40, BaseDirection::Auto).0);
        let (rtl, lines) = visual(raw, 40, BaseDirection::for_locale("he-il"));
        assert!(rtl);
        assert_eq!(lines, ["קלח אוה Dynamics 365"]);
    }

    /// A link's target follows the whole link text in reading order, even
    /// when the text ends in a Latin word that it would otherwise join.
    #[test]
    fn a_link_target_stands_after_its_whole_link_text() {
        let shown =
            crate::text::display_form("יש לך [חשבון SendGrid](https://sendgrid.com/) ואישורי");
        let v = lay_out(&shown, 80, WidthMode::Narrow, BaseDirection::Rtl);
        let line: String = v.lines[0].spans.iter().map(|(t, _)| t.as_ref()).collect();
        assert_eq!(line, "ירושיאו ⟨https://sendgrid.com/⟩ SendGrid ןובשח ךל שי");
    }

    #[test]
    fn combining_marks_stay_on_their_letter() {
        let (_, lines) = visual("عَرَبِيّ", 20, BaseDirection::Auto);
        assert_eq!(lines, ["يّبِرَعَ"]);
    }

    #[test]
    fn left_to_right_text_is_borrowed_unchanged() {
        let text = sanitize("plain English (with brackets)");
        let v = lay_out(&text, 80, WidthMode::Narrow, BaseDirection::Auto);
        assert!(!v.rtl);
        assert!(matches!(v.lines[0].spans[0].0, Cow::Borrowed(_)));
    }

    #[test]
    fn locales() {
        assert_eq!(BaseDirection::for_locale("ar-SA"), BaseDirection::Rtl);
        assert_eq!(BaseDirection::for_locale("he-il"), BaseDirection::Rtl);
        assert_eq!(BaseDirection::for_locale("ja-jp"), BaseDirection::Auto);
        assert_eq!(BaseDirection::for_locale("und"), BaseDirection::Auto);
    }
}
