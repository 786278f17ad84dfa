//! Raw (untrusted) text → display text that is safe to send to a terminal.
//!
//! - Escape sequences (CSI, OSC, DCS, SOS, PM, APC, their 8-bit C1 introducers,
//!   and two-character `ESC x` sequences) are removed whole. A string sequence
//!   (OSC, DCS…) with no terminator loses only its introducer, so no text
//!   vanishes.
//! - Other C0 controls and DEL become control pictures (`␇`, `␡`; a lone ESC is
//!   `␛`); C1 controls, which have no pictures, become `⟨U+0085⟩`.
//! - TAB advances to the next multiple of [`TAB_STOP`] columns, counted from the
//!   last hard line break of the display text (narrow widths).
//! - `\n` stays (a hard line break for the wrapper), CR is dropped, U+2028/U+2029
//!   become `\n`.
//! - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
//!   become visible markers such as `⟨RLO⟩`: the terminal never receives them.
//!   LRM, RLM and ALM stay for the bidi algorithm (see [`super::bidi`]).
//! - The result is NFC, normalised piece by piece so offsets stay mappable.
//!
//! Markers are styled [`Style::MARKER`].

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};

use super::styled::{Style, StyledText};

/// Columns between tab stops.
pub const TAB_STOP: usize = 4;

/// What raw text contained that a reviewer should be warned about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hazards {
    /// Terminal escape sequences (removed from the display text).
    pub escape_sequences: bool,
    /// Control characters other than TAB, LF and CR (shown as pictures).
    pub controls: bool,
    /// Bidi embeddings, overrides or isolates, U+202A–U+202E and U+2066–U+2069
    /// (shown as markers).
    pub bidi_controls: bool,
}

impl Hazards {
    /// Whether anything was found.
    pub fn any(&self) -> bool {
        self.escape_sequences || self.controls || self.bidi_controls
    }
}

/// Reports the escape sequences, controls and bidi controls in raw text.
pub fn hazards(raw: &str) -> Hazards {
    let mut found = Hazards::default();
    if !may_hold_hazards(raw.as_bytes()) {
        return found;
    }
    for token in Tokens::new(raw) {
        match token.kind {
            Kind::Escape => found.escape_sequences = true,
            Kind::Control => found.controls = true,
            Kind::Bidi => found.bidi_controls = true,
            Kind::Keep
            | Kind::Tab
            | Kind::CarriageReturn
            | Kind::LineSeparator
            | Kind::SoftHyphen => {}
        }
    }
    found
}

/// Whether `bytes` hold a C0 control other than TAB, LF and CR, DEL, a C1
/// control (C2 80–C2 9F) or a bidi control (E2 80 AA–AE, E2 81 A6–A9): the
/// bytes every hazard starts with. Whole chunks are tested without branches
/// (which the compiler turns into vector code), so the ordinary text of a
/// whole corpus is checked at memory speed; only a chunk with a candidate
/// byte is looked at closely.
fn may_hold_hazards(bytes: &[u8]) -> bool {
    const CHUNK: usize = 32;
    let candidate = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    let hazard_at = |i: usize| match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    };
    bytes.chunks(CHUNK).enumerate().any(|(n, chunk)| {
        chunk.iter().fold(false, |any, &b| any | candidate(b))
            && (0..chunk.len()).any(|i| hazard_at(n * CHUNK + i))
    })
}

/// Whether [`sanitize`] would change anything; cheap for ordinary text.
pub fn needs_sanitizing(raw: &str) -> bool {
    if raw.bytes().all(|b| b == b'\n' || (b' '..0x7f).contains(&b)) {
        return false;
    }
    Tokens::new(raw).any(|t| t.kind != Kind::Keep) || !is_nfc(raw)
}

/// Raw text → plain display text (no Markdown), markers styled [`Style::MARKER`].
pub fn sanitize(raw: &str) -> StyledText {
    let mut out = StyledText::default();
    sanitize_into(&mut out, raw, Origin::At(0), Style::PLAIN);
    out.finish()
}

/// The part `range` of `raw` → plain display text as [`sanitize`] makes it,
/// its offsets mapping back into the whole of `raw` (a segment shown
/// without the blank lines around it).
pub fn sanitize_part(raw: &str, range: Range<usize>) -> StyledText {
    let mut out = StyledText::default();
    sanitize_into(
        &mut out,
        &raw[range.clone()],
        Origin::At(range.start),
        Style::PLAIN,
    );
    out.finish()
}

/// Raw text → one line that is safe to print to a terminal, for messages that
/// quote input (file names, ids, front-matter values) on stderr or in a text
/// report: escape sequences removed, controls and bidi controls shown as
/// visible symbols, as [`sanitize`] does, and line breaks shown as `↵` so that
/// one message stays one line. Ordinary text is returned as it is.
pub fn terminal_line(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\n') && !needs_sanitizing(raw) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(sanitize(raw).text().replace('\n', "↵"))
}

/// Where text being sanitised comes from in the caller's raw text.
#[derive(Clone, Debug)]
pub(crate) enum Origin {
    /// It is the raw text starting at this offset.
    At(usize),
    /// It stands for these raw bytes (a decoded entity).
    Replacing(Range<usize>),
}

/// Appends the sanitised form of `text` to `out` with `style`.
pub(crate) fn sanitize_into(out: &mut StyledText, text: &str, origin: Origin, style: Style) {
    if !needs_sanitizing(text) {
        match origin {
            Origin::At(raw) => out.push_verbatim(text, raw, style),
            Origin::Replacing(raw) => out.push_replacement(text, raw, style),
        }
        return;
    }
    for Token { kind, range } in Tokens::new(text) {
        let at = match &origin {
            Origin::At(raw) => raw + range.start..raw + range.end,
            Origin::Replacing(raw) => raw.clone(),
        };
        let marker = style | Style::MARKER;
        match kind {
            Kind::Keep => match &origin {
                Origin::At(_) => push_nfc(out, &text[range], at.start, style),
                Origin::Replacing(_) => {
                    let nfc: String = text[range].nfc().collect();
                    out.push_replacement(&nfc, at, style);
                }
            },
            Kind::Escape | Kind::CarriageReturn | Kind::SoftHyphen => {}
            Kind::Control => {
                let c = text[range].chars().next().unwrap_or('\u{1b}');
                out.push_replacement(&control_picture(c), at, marker);
            }
            Kind::Bidi => out.push_replacement(bidi_marker(&text[range]), at, marker),
            Kind::Tab => {
                let spaces = TAB_STOP - out.column() % TAB_STOP;
                out.push_replacement(&" ".repeat(spaces), at, style);
            }
            Kind::LineSeparator => out.push_replacement("\n", at, style),
        }
    }
}

/// What shows a control character: its Unicode control picture (`␛` for
/// ESC), else its code point (`⟨U+0085⟩`).
pub fn control_picture(c: char) -> String {
    match c {
        '\u{7f}' => "\u{2421}".to_string(),
        c if c < ' ' => char::from_u32(0x2400 + c as u32).map_or_else(String::new, String::from),
        c => format!("⟨U+{:04X}⟩", c as u32),
    }
}

fn bidi_marker(control: &str) -> &'static str {
    match control {
        "\u{202A}" => "⟨LRE⟩",
        "\u{202B}" => "⟨RLE⟩",
        "\u{202C}" => "⟨PDF⟩",
        "\u{202D}" => "⟨LRO⟩",
        "\u{202E}" => "⟨RLO⟩",
        "\u{2066}" => "⟨LRI⟩",
        "\u{2067}" => "⟨RLI⟩",
        "\u{2068}" => "⟨FSI⟩",
        _ => "⟨PDI⟩",
    }
}

/// Appends `text` in NFC. Only the stretches that change are replaced, each
/// starting at a character that no composition reaches across, so offsets in
/// the rest still map one to one.
fn push_nfc(out: &mut StyledText, text: &str, raw: usize, style: Style) {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        out.push_verbatim(text, raw, style);
        return;
    }
    let mut push_chunk = |chunk: Range<usize>| {
        let s = &text[chunk.clone()];
        if is_nfc(s) {
            out.push_verbatim(s, raw + chunk.start, style);
        } else {
            let nfc: String = s.nfc().collect();
            out.push_replacement(&nfc, raw + chunk.start..raw + chunk.end, style);
        }
    };
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let stable = canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
        if stable && i > start {
            push_chunk(start..i);
            start = i;
        }
    }
    push_chunk(start..text.len());
}

/// Finds whole escape sequences for a parser that splits raw text into pieces
/// (Markdown: `ESC [` must not become `ESC` and a link bracket).
pub(crate) struct Escapes<'a>(Tokens<'a>);

impl<'a> Escapes<'a> {
    pub(crate) fn new(raw: &'a str) -> Self {
        Escapes(Tokens::new(raw))
    }

    /// The end of the escape sequence that starts at byte `at`, if one does.
    pub(crate) fn end_of_sequence_at(&mut self, at: usize) -> Option<usize> {
        match self.0.special_at(at) {
            Some((Kind::Escape, end)) => Some(end),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Text to keep (apart from NFC).
    Keep,
    Escape,
    Control,
    Bidi,
    Tab,
    CarriageReturn,
    LineSeparator,
    /// U+00AD, a hyphenation hint no line of ours breaks at: terminals and
    /// width tables disagree on its width (tmux gives it a cell, ratatui
    /// none), so it is left out of the display and the columns hold.
    SoftHyphen,
}

struct Token {
    kind: Kind,
    range: Range<usize>,
}

/// Splits raw text into text to keep and the things the sanitiser handles.
struct Tokens<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// No string terminator (BEL, ESC, ST) occurs at or after this offset; keeps
    /// many unterminated OSC introducers from costing quadratic time.
    no_terminator_from: usize,
}

impl<'a> Tokens<'a> {
    fn new(raw: &'a str) -> Self {
        Tokens {
            bytes: raw.as_bytes(),
            pos: 0,
            no_terminator_from: usize::MAX,
        }
    }

    /// The kind and end of the special item at `i`, or `None` for ordinary text.
    fn special_at(&mut self, i: usize) -> Option<(Kind, usize)> {
        let b = self.bytes;
        let next = |k: usize| b.get(i + k).copied();
        match b[i] {
            b'\n' => None,
            b'\t' => Some((Kind::Tab, i + 1)),
            b'\r' => Some((Kind::CarriageReturn, i + 1)),
            0x1b => Some(self.escape(i)),
            0x00..=0x1f | 0x7f => Some((Kind::Control, i + 1)),
            0xc2 => match next(1)? {
                0x9b => Some((Kind::Escape, self.control_sequence(i + 2))),
                0x9d | 0x90 | 0x98 | 0x9e | 0x9f => Some(self.string_sequence(i + 2)),
                0x80..=0x9f => Some((Kind::Control, i + 2)),
                0xad => Some((Kind::SoftHyphen, i + 2)),
                _ => None,
            },
            0xe2 => match (next(1)?, next(2)?) {
                (0x80, 0xaa..=0xae) | (0x81, 0xa6..=0xa9) => Some((Kind::Bidi, i + 3)),
                (0x80, 0xa8 | 0xa9) => Some((Kind::LineSeparator, i + 3)),
                _ => None,
            },
            _ => None,
        }
    }

    fn escape(&mut self, i: usize) -> (Kind, usize) {
        let b = self.bytes;
        match b.get(i + 1).copied() {
            Some(b'[') => (Kind::Escape, self.control_sequence(i + 2)),
            Some(b']' | b'P' | b'X' | b'^' | b'_') => self.string_sequence(i + 2),
            Some(0x20..=0x2f) => {
                let mut j = i + 1;
                while matches!(b.get(j), Some(0x20..=0x2f)) {
                    j += 1;
                }
                if matches!(b.get(j), Some(0x30..=0x7e)) {
                    j += 1;
                }
                (Kind::Escape, j)
            }
            Some(0x30..=0x7e) => (Kind::Escape, i + 2),
            _ => (Kind::Control, i + 1),
        }
    }

    /// End of a CSI sequence whose parameters start at `j`: parameter bytes,
    /// intermediate bytes, one final byte. Anything else cuts it short.
    fn control_sequence(&self, mut j: usize) -> usize {
        let b = self.bytes;
        while matches!(b.get(j), Some(0x30..=0x3f)) {
            j += 1;
        }
        while matches!(b.get(j), Some(0x20..=0x2f)) {
            j += 1;
        }
        if matches!(b.get(j), Some(0x40..=0x7e)) {
            j += 1;
        }
        j
    }

    /// A string sequence (OSC, DCS, SOS, PM, APC) whose body starts at `body`: it ends after BEL, ST or `ESC \`, or before any other ESC.
    fn string_sequence(&mut self, body: usize) -> (Kind, usize) {
        let b = self.bytes;
        if body < self.no_terminator_from {
            let mut j = body;
            while let Some(k) = memchr::memchr3(0x07, 0x1b, 0xc2, &b[j..]) {
                let k = j + k;
                match (b[k], b.get(k + 1).copied()) {
                    (0x07, _) => return (Kind::Escape, k + 1),
                    (0x1b, Some(b'\\')) | (0xc2, Some(0x9c)) => return (Kind::Escape, k + 2),
                    (0x1b, _) => return (Kind::Escape, k),
                    _ => j = k + 1,
                }
            }
            self.no_terminator_from = body;
        }
        (Kind::Escape, body)
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let start = self.pos;
        if start >= self.bytes.len() {
            return None;
        }
        let mut i = start;
        while i < self.bytes.len() {
            let b = self.bytes[i];
            let candidate = b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2;
            if candidate && let Some((kind, end)) = self.special_at(i) {
                if i > start {
                    // Ordinary text first; the special item comes next call.
                    self.pos = i;
                    return Some(Token {
                        kind: Kind::Keep,
                        range: start..i,
                    });
                }
                self.pos = end;
                return Some(Token {
                    kind,
                    range: start..end,
                });
            }
            i += 1;
        }
        self.pos = i;
        Some(Token {
            kind: Kind::Keep,
            range: start..i,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_soft_hyphen_is_left_out_so_that_no_terminal_gives_it_a_cell() {
        let shown = sanitize("Prí\u{ad}ncipe");
        assert_eq!(shown.text(), "Príncipe");
        assert!(needs_sanitizing("Prí\u{ad}ncipe"));
        assert!(
            !hazards("Prí\u{ad}ncipe").any(),
            "not a hazard to warn about"
        );
    }

    /// A message quoting hostile input stays one printable line: no byte a
    /// terminal acts on, nothing that reorders the rest of the line.
    #[test]
    fn a_terminal_line_holds_no_control_and_no_line_break() {
        let hostile = "id\x1b]52;c;aGk=\x07-\x1b[2J\u{9b}31m\u{85}\u{7f}\u{202e}evil\nnext\r\tend";
        let line = terminal_line(hostile);
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{line:?}"
        );
        assert_eq!(line, "id-⟨U+0085⟩␡⟨RLO⟩evil↵next    end");
        assert!(matches!(terminal_line("docs/ja-jp/a.md"), Cow::Borrowed(_)));
    }

    /// The byte prefilter must never skip text the full scan would flag:
    /// every hazard placed at every offset of chunk-straddling text is found.
    #[test]
    fn the_prefilter_never_hides_a_hazard() {
        let hazards_list = [
            "\x1b[2J",
            "\u{9b}31m",
            "\u{7}",
            "\u{7f}",
            "\u{85}",
            "\u{202a}",
            "\u{202e}",
            "\u{2066}",
            "\u{2069}",
        ];
        let harmless = ["\t", "\n", "\r", "\u{a0}", "\u{2028}", "\u{2014}", "…", "“"];
        for at in 0..70 {
            let filler = "あa".repeat(at);
            for h in hazards_list {
                let text = format!("{filler}{h}tail");
                assert!(hazards(&text).any(), "{h:?} after {at} chars");
            }
            for h in harmless {
                let text = format!("{filler}{h}tail");
                assert!(!hazards(&text).any(), "{h:?} after {at} chars");
            }
        }
    }

    #[test]
    fn doc_test_string_is_made_safe() {
        let s = sanitize("a\x1b[2Jb\u{9b}31mc\u{202e}def\tg");
        assert_eq!(s.text(), "abc⟨RLO⟩def g");
        let h = hazards("a\x1b[2Jb\u{9b}31mc\u{202e}def\tg");
        assert_eq!(
            h,
            Hazards {
                escape_sequences: true,
                controls: false,
                bidi_controls: true
            }
        );
    }

    #[test]
    fn marker_is_styled_and_maps_to_the_control() {
        let s = sanitize("x\u{202e}y");
        let spans: Vec<_> = s.spans(0..s.text().len()).collect();
        assert_eq!(
            spans,
            [
                ("x", Style::PLAIN),
                ("⟨RLO⟩", Style::MARKER),
                ("y", Style::PLAIN)
            ]
        );
        assert_eq!(s.raw_range(1..10), 1..4);
        assert_eq!(s.raw_offset(10), 4);
    }

    #[test]
    fn string_sequences_are_removed_whole() {
        assert_eq!(sanitize("a\x1b]0;title\x07b").text(), "ab");
        assert_eq!(
            sanitize("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b").text(),
            "alinkb"
        );
        assert_eq!(sanitize("a\u{9d}0;t\u{9c}b").text(), "ab");
        assert_eq!(sanitize("a\x1bP1$r\x1b\\b").text(), "ab");
        assert_eq!(sanitize("a\x1b_apc\x07b\x1b^pm\x07c").text(), "abc");
    }

    #[test]
    fn unterminated_string_loses_only_its_introducer() {
        assert_eq!(sanitize("a\x1b]0;no end").text(), "a0;no end");
    }

    #[test]
    fn two_character_and_charset_escapes() {
        assert_eq!(sanitize("a\x1bcb\x1b(Bc\x1b7d").text(), "abcd");
    }

    #[test]
    fn lone_escape_and_controls_become_pictures() {
        assert_eq!(sanitize("a\x1b").text(), "a␛");
        assert_eq!(sanitize("\x00\x07\x7f\u{85}").text(), "␀␇␡⟨U+0085⟩");
        assert!(hazards("bell\x07").controls);
        assert!(!hazards("tab\tand\r\nnewline").any());
    }

    #[test]
    fn newlines_kept_cr_dropped_line_separator_breaks() {
        assert_eq!(sanitize("a\r\nb\u{2028}c").text(), "a\nb\nc");
    }

    #[test]
    fn tabs_go_to_the_next_stop_of_their_line() {
        assert_eq!(sanitize("\tx").text(), "    x");
        assert_eq!(sanitize("abc\tx").text(), "abc x");
        assert_eq!(sanitize("中文\tx").text(), "中文    x");
        assert_eq!(sanitize("abcdefg\nab\tx").text(), "abcdefg\nab  x");
    }

    #[test]
    fn joiners_and_selectors_survive_and_text_is_nfc() {
        assert_eq!(sanitize("👩‍🔬❤️\u{200c}").text(), "👩‍🔬❤️\u{200c}");
        // Decomposed Hangul and e + acute arrive composed.
        let s = sanitize("x\u{1112}\u{1161}\u{11ab}e\u{301}y");
        assert_eq!(s.text(), "x한éy");
        assert_eq!(s.raw_offset(0), 0);
        assert_eq!(s.raw_range(1..4), 1..10);
        assert_eq!(s.raw_offset(s.text().len() - 1), 13);
    }

    #[test]
    fn ordinary_text_needs_nothing() {
        assert!(!needs_sanitizing("plain text\nwith 中文 and عربي\u{200f}"));
        assert!(needs_sanitizing("e\u{301}"));
        assert!(needs_sanitizing("tab\t"));
        assert!(needs_sanitizing("\u{2066}"));
    }

    #[test]
    fn many_unterminated_introducers_stay_linear() {
        let raw = "\u{9d}x".repeat(200_000);
        assert_eq!(sanitize(&raw).text(), "x".repeat(200_000));
    }
}
