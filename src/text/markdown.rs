//! The display form of one segment's inline Markdown and HTML.
//!
//! What the panes show, styled, with the markup that matters for review still
//! visible:
//!
//! | raw | shown |
//! |---|---|
//! | `**b**` `__b__` `<strong>b</strong>` `<b>` | `b` bold |
//! | `*i*` `_i_` `<em>i</em>` `<i>` | `i` italic (`snake_case` stays as it is) |
//! | `` `c` `` | `` `c` ``: contents literal, backticks dimmed |
//! | `[text](url "title")` `<a href="url">text</a>` | `text ⟨url "title"⟩`: link text, dimmed target |
//! | `![alt](src)` | `alt ⟨src⟩` |
//! | `<https://x>` | `https://x` as a link |
//! | `<xref:Some.Type>` | `⟨xref:Some.Type⟩` |
//! | `<br>` | a line break |
//! | other HTML tags, comments, `:::no-loc text="`…`":::` | as they are, dimmed |
//! | `<String>`, `<source_id>`, `<a0>` (not HTML) | as they are |
//! | `&lt;` `&nbsp;` `&#233;` `&#x2714;` | the character |
//! | `\*` `\<` `\"` | the character, without the backslash |
//!
//! Emphasis follows the CommonMark delimiter rules, so a reviewer sees stray
//! `**` exactly where a renderer would show them. Block syntax (headings, list
//! markers) is not part of a segment and is shown as it is, as is everything not
//! recognised. The raw text is never changed; the display text is sanitised.

use std::ops::Range;

use super::entities::{self, Decoded};
use super::sanitize::{Escapes, Origin, sanitize_into};
use super::styled::{Style, StyledText};

/// Raw inline Markdown/HTML of one segment → styled, terminal-safe display text.
pub fn display_form(raw: &str) -> StyledText {
    let mut out = StyledText::default();
    let shown = shown_range(raw);
    if !raw[shown.clone()].bytes().any(|b| SPECIAL[usize::from(b)]) {
        sanitize_into(
            &mut out,
            &raw[shown.clone()],
            Origin::At(shown.start),
            Style::PLAIN,
        );
        return out.finish();
    }
    let mut parser = Parser::new(raw);
    parser.run(shown);
    parser.emit(&mut out);
    out.finish()
}

/// The raw text without blank lines before or after it (a segment that starts
/// on the line after its opening tag), so no pane shows an empty first row.
fn shown_range(raw: &str) -> Range<usize> {
    let blank = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let lead = raw.len() - raw.trim_start_matches(blank).len();
    let start = raw[..lead].rfind('\n').map_or(0, |nl| nl + 1);
    let trail = raw.trim_end_matches(blank).len().max(start);
    let end = raw[trail..].find('\n').map_or(raw.len(), |nl| trail + nl);
    start..end
}

/// Bytes that may start markup, or an escape sequence (ESC, and the lead byte
/// of the 8-bit introducers) that markup must not cut in two.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"\\`*_[]<&:!\x1b\xc2";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// HTML elements. Anything else in angle brackets (`<String>`, `<source_id>`,
/// leaked placeholders like `<a0>`) is text.
#[rustfmt::skip]
const HTML_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "ins", "kbd", "li",
    "mark", "nobr", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
    "video", "wbr",
];

#[derive(Debug)]
enum Item {
    /// Raw text shown as it is (after sanitising), with extra style.
    Text { range: Range<usize>, style: Style },
    /// Text shown in place of the raw bytes `raw` (a decoded entity, ` ⟨`).
    Lit {
        text: Lit,
        raw: Range<usize>,
        style: Style,
    },
    /// A run of `*` or `_`; what emphasis does not consume is shown.
    Delim(Delim),
    /// `[` or `![`: shown unless it opened a link or image.
    Bracket { range: Range<usize>, matched: bool },
    /// Syntax that is not shown.
    Hidden,
}

#[derive(Debug)]
enum Lit {
    Static(&'static str),
    Char(char),
}

#[derive(Debug)]
struct Delim {
    range: Range<usize>,
    ch: u8,
    can_open: bool,
    can_close: bool,
    /// Characters used as a closer (from the left) and as an opener (from the right).
    used_left: usize,
    used_right: usize,
}

impl Delim {
    fn len(&self) -> usize {
        self.range.len()
    }

    fn remaining(&self) -> usize {
        self.len() - self.used_left - self.used_right
    }
}

/// An entry of the delimiter stack, a linked list over `Parser::delims`.
struct Entry {
    item: usize,
    prev: Option<usize>,
    next: Option<usize>,
}

struct OpenTag {
    item: usize,
    range: Range<usize>,
    style: Style,
    href: Option<Range<usize>>,
}

struct OpenBracket {
    item: usize,
    image: bool,
    /// The delimiter stack's top when the bracket was seen.
    delim_bottom: Option<usize>,
}

/// A style change applied around an item: closes before its text, opens after.
struct Event {
    item: usize,
    open: bool,
    style: Style,
}

struct Parser<'a> {
    raw: &'a str,
    items: Vec<Item>,
    events: Vec<Event>,
    delims: Vec<Entry>,
    top: Option<usize>,
    brackets: Vec<OpenBracket>,
    /// Brackets below this stack depth enclose a link and cannot open one.
    links_closed_below: usize,
    /// Formatting tags (`<strong>`, `<a href>`…) waiting for their closing tag.
    open_tags: Vec<OpenTag>,
    /// Start of the text not yet pushed as an item.
    text_start: usize,
    /// No `-->` follows this offset (keeps many stray `<!--` linear).
    no_comment_end_after: usize,
    escapes: Escapes<'a>,
    /// For backtick runs of length n < 16: a run of n was not found after this
    /// offset, so the search is not repeated (keeps many stray backticks linear).
    no_closing_run_after: [usize; 16],
}

impl<'a> Parser<'a> {
    fn new(raw: &'a str) -> Self {
        Parser {
            raw,
            items: Vec::new(),
            events: Vec::new(),
            delims: Vec::new(),
            top: None,
            brackets: Vec::new(),
            links_closed_below: 0,
            open_tags: Vec::new(),
            text_start: 0,
            no_comment_end_after: usize::MAX,
            escapes: Escapes::new(raw),
            no_closing_run_after: [usize::MAX; 16],
        }
    }

    fn run(&mut self, shown: Range<usize>) {
        let bytes = self.raw.as_bytes();
        let mut pos = shown.start;
        self.text_start = pos;
        while pos < shown.end {
            pos = match bytes[pos] {
                b'\\' => self.backslash(pos),
                b'`' => self.code_span(pos),
                b'*' | b'_' => self.delimiter_run(pos),
                b'!' if bytes.get(pos + 1) == Some(&b'[') => self.open_bracket(pos, true),
                b'[' => self.open_bracket(pos, false),
                b']' => self.close_bracket(pos),
                b'<' => self.angle(pos),
                b'&' => self.entity(pos),
                b':' => self.no_loc(pos),
                0x1b | 0xc2 => match self.escapes.end_of_sequence_at(pos) {
                    Some(end) => {
                        self.hidden(pos..end);
                        end
                    }
                    None => pos + 1,
                },
                _ => pos + 1,
            };
        }
        self.flush(shown.end);
        self.process_emphasis(None);
        // A formatting tag that is never closed has no effect: show it.
        for tag in std::mem::take(&mut self.open_tags) {
            self.items[tag.item] = Item::Text {
                range: tag.range,
                style: Style::MARKUP,
            };
        }
    }

    /// Pushes the pending text before `end`.
    fn flush(&mut self, end: usize) {
        if end > self.text_start {
            self.items.push(Item::Text {
                range: self.text_start..end,
                style: Style::PLAIN,
            });
        }
        self.text_start = end;
    }

    /// Pushes `item` for `range` after the pending text.
    fn push(&mut self, range: Range<usize>, item: Item) -> usize {
        self.flush(range.start);
        self.items.push(item);
        self.text_start = range.end;
        self.items.len() - 1
    }

    fn text(&mut self, range: Range<usize>, style: Style) -> usize {
        self.push(range.clone(), Item::Text { range, style })
    }

    fn hidden(&mut self, range: Range<usize>) -> usize {
        self.push(range, Item::Hidden)
    }

    fn lit(&mut self, raw: Range<usize>, text: Lit, style: Style) {
        self.push(raw.clone(), Item::Lit { text, raw, style });
    }

    /// A link or image target, shown as ` ⟨target⟩` (no space when it stands alone).
    fn target(&mut self, range: Range<usize>, spaced: bool) {
        let at = range.start..range.start;
        let open = if spaced { " ⟨" } else { "⟨" };
        self.lit(at, Lit::Static(open), Style::URL);
        self.text(range.clone(), Style::URL);
        let end = range.end..range.end;
        self.lit(end, Lit::Static("⟩"), Style::URL);
    }

    fn event(&mut self, item: usize, open: bool, style: Style) {
        self.events.push(Event { item, open, style });
    }

    fn backslash(&mut self, pos: usize) -> usize {
        match self.raw.as_bytes().get(pos + 1) {
            Some(b) if b.is_ascii_punctuation() => {
                self.hidden(pos..pos + 1);
                self.text(pos + 1..pos + 2, Style::PLAIN);
                pos + 2
            }
            // A backslash at the end of a line marks a hard break, which the
            // newline already shows.
            Some(b'\n') => {
                self.hidden(pos..pos + 1);
                pos + 1
            }
            _ => pos + 1,
        }
    }

    fn code_span(&mut self, pos: usize) -> usize {
        let bytes = self.raw.as_bytes();
        let n = run_length(bytes, pos);
        let after = pos + n;
        if n < 16 && self.no_closing_run_after[n] <= after {
            return after;
        }
        let mut i = after;
        while let Some(k) = memchr::memchr(b'`', &bytes[i..]) {
            let start = i + k;
            let len = run_length(bytes, start);
            if len == n {
                self.text(pos..after, Style::MARKUP);
                self.text(after..start, Style::CODE);
                self.text(start..start + n, Style::MARKUP);
                return start + n;
            }
            i = start + len;
        }
        if n < 16 {
            self.no_closing_run_after[n] = after;
        }
        after
    }

    fn delimiter_run(&mut self, pos: usize) -> usize {
        let bytes = self.raw.as_bytes();
        let ch = bytes[pos];
        let end = pos + run_length(bytes, pos);
        let before = self.raw[..pos].chars().next_back().unwrap_or('\n');
        let after = self.raw[end..].chars().next().unwrap_or('\n');
        let left = !after.is_whitespace()
            && (!is_punctuation(after) || before.is_whitespace() || is_punctuation(before));
        let right = !before.is_whitespace()
            && (!is_punctuation(before) || after.is_whitespace() || is_punctuation(after));
        let (can_open, can_close) = if ch == b'*' {
            (left, right)
        } else {
            // `_` inside a word (snake_case) neither opens nor closes.
            (
                left && (!right || is_punctuation(before)),
                right && (!left || is_punctuation(after)),
            )
        };
        let item = self.push(
            pos..end,
            Item::Delim(Delim {
                range: pos..end,
                ch,
                can_open,
                can_close,
                used_left: 0,
                used_right: 0,
            }),
        );
        if can_open || can_close {
            let index = self.delims.len();
            self.delims.push(Entry {
                item,
                prev: self.top,
                next: None,
            });
            if let Some(top) = self.top {
                self.delims[top].next = Some(index);
            }
            self.top = Some(index);
        }
        end
    }

    fn open_bracket(&mut self, pos: usize, image: bool) -> usize {
        let end = pos + if image { 2 } else { 1 };
        let item = self.push(
            pos..end,
            Item::Bracket {
                range: pos..end,
                matched: false,
            },
        );
        self.brackets.push(OpenBracket {
            item,
            image,
            delim_bottom: self.top,
        });
        end
    }

    fn close_bracket(&mut self, pos: usize) -> usize {
        let Some(opener) = self.brackets.pop() else {
            return pos + 1;
        };
        let active = opener.image || self.brackets.len() >= self.links_closed_below;
        self.links_closed_below = self.links_closed_below.min(self.brackets.len());
        let link = if active {
            inline_link(capped(&self.raw[pos + 1..]))
                .map(|(target, end)| (pos + 1 + target.start..pos + 1 + target.end, pos + 1 + end))
        } else {
            None
        };
        let Some((target, end)) = link else {
            return pos + 1;
        };
        if let Some(Item::Bracket { matched, .. }) = self.items.get_mut(opener.item) {
            *matched = true;
        }
        let style = if opener.image {
            Style::IMAGE
        } else {
            Style::LINK
        };
        self.event(opener.item, true, style);
        self.process_emphasis(opener.delim_bottom);
        let close = self.hidden(pos..end);
        self.event(close, false, style);
        self.target(target, true);
        self.text_start = end;
        if !opener.image {
            // No links inside links: the `[` still open cannot start one now.
            self.links_closed_below = self.brackets.len();
        }
        end
    }

    fn angle(&mut self, pos: usize) -> usize {
        let rest = capped(&self.raw[pos..]);
        if let Some(len) = autolink(rest) {
            let url = pos + 1..pos + len - 1;
            if rest[1..].starts_with("xref:") {
                self.hidden(pos..pos + 1);
                self.target(url, false);
            } else {
                self.hidden(pos..pos + 1);
                self.text(url, Style::LINK);
            }
            self.hidden(pos + len - 1..pos + len);
            return pos + len;
        }
        if rest.starts_with("<!--") && self.no_comment_end_after > pos {
            match self.raw[pos + 4..].find("-->") {
                Some(len) => {
                    let end = pos + 4 + len + 3;
                    self.text(pos..end, Style::MARKUP);
                    return end;
                }
                None => self.no_comment_end_after = pos,
            }
        }
        let Some(tag) = html_tag(rest) else {
            return pos + 1;
        };
        let range = pos..pos + tag.len;
        let href = tag.href.map(|h| pos + h.start..pos + h.end);
        // A tag takes effect only if hiding it hides nothing else: formatting
        // tags without attributes, links with just an `href`.
        let plain = tag.attributes == 0;
        let effect = match tag.name.to_ascii_lowercase().as_str() {
            "strong" | "b" if plain => Some(Style::BOLD),
            "em" | "i" if plain => Some(Style::ITALIC),
            "code" | "kbd" | "samp" | "tt" if plain => Some(Style::CODE),
            "a" if plain && tag.closing => Some(Style::LINK),
            "a" if tag.attributes == 1 && href.is_some() => Some(Style::LINK),
            "br" if !tag.closing => {
                self.lit(range.clone(), Lit::Static("\n"), Style::PLAIN);
                return range.end;
            }
            _ => None,
        };
        match effect {
            Some(style) if !tag.closing => {
                let item = self.hidden(range.clone());
                self.open_tags.push(OpenTag {
                    item,
                    range: range.clone(),
                    style,
                    href,
                });
            }
            Some(style) if let Some(k) = self.open_tags.iter().rposition(|t| t.style == style) => {
                let open = self.open_tags.remove(k);
                self.event(open.item, true, style);
                let close = self.hidden(range.clone());
                self.event(close, false, style);
                if let Some(href) = open.href {
                    self.target(href, true);
                    self.text_start = range.end;
                }
            }
            _ => {
                self.text(range.clone(), Style::MARKUP);
            }
        }
        range.end
    }

    fn entity(&mut self, pos: usize) -> usize {
        let Some((decoded, len)) = entities::decode(&self.raw[pos..]) else {
            return pos + 1;
        };
        let text = match decoded {
            Decoded::Char(c) => Lit::Char(c),
            Decoded::Named(s) => Lit::Static(s),
        };
        self.lit(pos..pos + len, text, Style::PLAIN);
        pos + len
    }

    fn no_loc(&mut self, pos: usize) -> usize {
        const OPEN: &str = ":::no-loc text=\"";
        const CLOSE: &str = "\":::";
        let rest = capped(&self.raw[pos..]);
        let Some(inner) = rest.strip_prefix(OPEN) else {
            return pos + 1;
        };
        let Some(len) = inner.find(CLOSE) else {
            return pos + 1;
        };
        let inner_start = pos + OPEN.len();
        let end = inner_start + len + CLOSE.len();
        self.text(pos..inner_start, Style::MARKUP);
        self.text(inner_start..inner_start + len, Style::PLAIN);
        self.text(inner_start + len..end, Style::MARKUP);
        end
    }

    fn delim(&self, entry: usize) -> &Delim {
        match &self.items[self.delims[entry].item] {
            Item::Delim(d) => d,
            _ => unreachable!("delimiter stack entries point at delimiter runs"),
        }
    }

    fn delim_mut(&mut self, entry: usize) -> &mut Delim {
        match &mut self.items[self.delims[entry].item] {
            Item::Delim(d) => d,
            _ => unreachable!("delimiter stack entries point at delimiter runs"),
        }
    }

    fn unlink(&mut self, entry: usize) {
        let Entry { prev, next, .. } = self.delims[entry];
        if let Some(p) = prev {
            self.delims[p].next = next;
        }
        match next {
            Some(n) => self.delims[n].prev = prev,
            None => self.top = prev,
        }
    }

    /// CommonMark's "process emphasis" over the delimiters above `bottom`.
    fn process_emphasis(&mut self, bottom: Option<usize>) {
        let above = |e: usize, floor: Option<usize>| floor.is_none_or(|f| e > f);
        // The first delimiter above `bottom`.
        let mut first = None;
        let mut e = self.top;
        while let Some(i) = e.filter(|&i| above(i, bottom)) {
            first = Some(i);
            e = self.delims[i].prev;
        }
        // Per (character, closer can open, closer length mod 3): no opener at
        // or below this entry.
        let mut openers_bottom = [bottom; 12];
        let mut closer = first;
        while let Some(c) = closer {
            let d = self.delim(c);
            if !d.can_close {
                closer = self.delims[c].next;
                continue;
            }
            let (ch, c_len, c_can_open) = (d.ch, d.len(), d.can_open);
            let key = usize::from(ch == b'_') * 6 + usize::from(c_can_open) * 3 + c_len % 3;
            let mut found = None;
            let mut o = self.delims[c].prev;
            while let Some(oi) = o.filter(|&oi| above(oi, openers_bottom[key])) {
                let od = self.delim(oi);
                let odd = (od.can_close || c_can_open)
                    && (od.len() + c_len).is_multiple_of(3)
                    && !(od.len().is_multiple_of(3) && c_len.is_multiple_of(3));
                if od.ch == ch && od.can_open && od.remaining() > 0 && !odd {
                    found = Some(oi);
                    break;
                }
                o = self.delims[oi].prev;
            }
            let Some(oi) = found else {
                openers_bottom[key] = self.delims[c].prev;
                let next = self.delims[c].next;
                if !c_can_open {
                    self.unlink(c);
                }
                closer = next;
                continue;
            };
            let strong = self.delim(oi).remaining() >= 2 && self.delim(c).remaining() >= 2;
            let (used, style) = if strong {
                (2, Style::BOLD)
            } else {
                (1, Style::ITALIC)
            };
            self.delim_mut(oi).used_right += used;
            self.delim_mut(c).used_left += used;
            let (o_item, c_item) = (self.delims[oi].item, self.delims[c].item);
            self.event(o_item, true, style);
            self.event(c_item, false, style);
            // Delimiters between the pair can no longer match.
            self.delims[oi].next = Some(c);
            self.delims[c].prev = Some(oi);
            if self.delim(oi).remaining() == 0 {
                self.unlink(oi);
            }
            if self.delim(c).remaining() == 0 {
                let next = self.delims[c].next;
                self.unlink(c);
                closer = next;
            }
        }
        // What is left above `bottom` is literal.
        match bottom {
            Some(b) => {
                self.delims[b].next = None;
                self.top = Some(b);
            }
            None => self.top = None,
        }
    }

    fn emit(mut self, out: &mut StyledText) {
        self.events.sort_by_key(|e| e.item);
        let mut depth = [0u16; Style::COUNT];
        let current = |depth: &[u16; Style::COUNT]| {
            let bits = depth
                .iter()
                .enumerate()
                .filter(|(_, d)| **d > 0)
                .fold(0u16, |acc, (i, _)| acc | 1 << i);
            Style::from_bits(bits)
        };
        let change = |depth: &mut [u16; Style::COUNT], style: Style, open: bool| {
            for (i, d) in depth.iter_mut().enumerate() {
                if style.bits() & (1 << i) != 0 {
                    *d = if open {
                        d.saturating_add(1)
                    } else {
                        d.saturating_sub(1)
                    };
                }
            }
        };
        let mut events = self.events.iter().peekable();
        for (index, item) in self.items.iter().enumerate() {
            let here: Vec<&Event> =
                std::iter::from_fn(|| events.next_if(|e| e.item == index)).collect();
            for e in here.iter().filter(|e| !e.open) {
                change(&mut depth, e.style, false);
            }
            let base = current(&depth);
            match item {
                Item::Text { range, style } => {
                    sanitize_into(
                        out,
                        &self.raw[range.clone()],
                        Origin::At(range.start),
                        base | *style,
                    );
                }
                Item::Lit { text, raw, style } => {
                    let mut buf = [0; 4];
                    let s = match text {
                        Lit::Static(s) => s,
                        Lit::Char(c) => &*c.encode_utf8(&mut buf),
                    };
                    sanitize_into(out, s, Origin::Replacing(raw.clone()), base | *style);
                }
                Item::Delim(d) => {
                    let shown = d.range.start + d.used_left..d.range.end - d.used_right;
                    sanitize_into(out, &self.raw[shown.clone()], Origin::At(shown.start), base);
                }
                Item::Bracket { range, matched } => {
                    if !matched {
                        sanitize_into(out, &self.raw[range.clone()], Origin::At(range.start), base);
                    }
                }
                Item::Hidden => {}
            }
            for e in here.iter().filter(|e| e.open) {
                change(&mut depth, e.style, true);
            }
        }
    }
}

/// The longest link, tag or `:::no-loc` looked for: far beyond real ones, and it
/// keeps text full of unclosed `](`, `<a title="` or `:::no-loc text="` linear.
const MAX_CONSTRUCT: usize = 4096;

fn capped(s: &str) -> &str {
    let mut end = s.len().min(MAX_CONSTRUCT);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn run_length(bytes: &[u8], pos: usize) -> usize {
    bytes[pos..]
        .iter()
        .take_while(|&&b| b == bytes[pos])
        .count()
}

/// An inline link's `(destination "title")` at the start of `s`: the range to
/// show as its target and the offset after `)`.
fn inline_link(s: &str) -> Option<(Range<usize>, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'(') {
        return None;
    }
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        i
    };
    let start = skip_space(1);
    let mut i = start;
    if bytes.get(i) == Some(&b'<') {
        i += 1;
        loop {
            match bytes.get(i)? {
                b'>' => break,
                b'\n' | b'<' => return None,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        i += 1;
    } else {
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b if b.is_ascii_whitespace() || b.is_ascii_control() => break,
                _ => {}
            }
            i += 1;
        }
        if depth > 0 {
            return None;
        }
    }
    let mut shown_end = i;
    let mut j = skip_space(i);
    if j > i
        && let Some(&quote) = bytes.get(j).filter(|b| matches!(b, b'"' | b'\'' | b'('))
    {
        let close = if quote == b'(' { b')' } else { quote };
        j += 1;
        loop {
            match bytes.get(j)? {
                b'\\' => j += 2,
                &b if b == close => break,
                _ => j += 1,
            }
        }
        j += 1;
        shown_end = j;
        j = skip_space(j);
    }
    (bytes.get(j) == Some(&b')')).then_some((start..shown_end, j + 1))
}

/// The length of an autolink (`<scheme:…>`) at the start of `s`.
fn autolink(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let scheme = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
        .count();
    if !(2..=32).contains(&scheme)
        || !bytes[1].is_ascii_alphabetic()
        || bytes.get(1 + scheme) != Some(&b':')
    {
        return None;
    }
    let body = bytes[2 + scheme..]
        .iter()
        .take_while(|&&b| {
            b != b'>' && b != b'<' && !b.is_ascii_whitespace() && !b.is_ascii_control()
        })
        .count();
    let end = 2 + scheme + body;
    (bytes.get(end) == Some(&b'>')).then_some(end + 1)
}

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    len: usize,
    /// Range of the `href` value within the tag.
    href: Option<Range<usize>>,
    attributes: usize,
}

/// An HTML open or close tag of a known element at the start of `s`.
fn html_tag(s: &str) -> Option<Tag<'_>> {
    let bytes = s.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = 1 + usize::from(closing);
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    let name = &s[name_start..name_start + name_len];
    if name.is_empty() || !HTML_TAGS.contains(&name.to_ascii_lowercase().as_str()) {
        return None;
    }
    let mut i = name_start + name_len;
    let mut href = None;
    let mut attributes = 0;
    loop {
        let spaced = bytes.get(i).is_some_and(|b| b.is_ascii_whitespace());
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => break,
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                i += 1;
                break;
            }
            b if spaced && !closing && (b.is_ascii_alphabetic() || matches!(b, b'_' | b':')) => {
                let attr_start = i;
                while bytes.get(i).is_some_and(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')
                }) {
                    i += 1;
                }
                let attr = &s[attr_start..i];
                attributes += 1;
                let mut j = i;
                while bytes.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
                    j += 1;
                }
                if bytes.get(j) != Some(&b'=') {
                    continue;
                }
                j += 1;
                while bytes.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
                    j += 1;
                }
                let value = match bytes.get(j)? {
                    &q @ (b'"' | b'\'') => {
                        let len = bytes[j + 1..].iter().position(|&b| b == q)?;
                        i = j + 1 + len + 1;
                        j + 1..j + 1 + len
                    }
                    _ => {
                        let len = bytes[j..]
                            .iter()
                            .take_while(|&&b| !b.is_ascii_whitespace() && !b"\"'=<>`".contains(&b))
                            .count();
                        if len == 0 {
                            return None;
                        }
                        i = j + len;
                        j..j + len
                    }
                };
                if attr.eq_ignore_ascii_case("href") {
                    href = Some(value);
                }
            }
            _ => return None,
        }
    }
    Some(Tag {
        name,
        closing,
        len: i + 1,
        href,
        attributes,
    })
}

/// Unicode punctuation and symbols for the flanking rules, approximated by the
/// blocks that documentation uses (CommonMark takes general categories P and S).
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(c,
        '\u{A1}'..='\u{A9}' | '\u{AB}'..='\u{B1}' | '\u{B4}' | '\u{B6}'..='\u{B8}' | '\u{BB}' | '\u{BF}'
        | '\u{D7}' | '\u{F7}'
        | '\u{55A}'..='\u{55F}' | '\u{589}'..='\u{58A}'
        | '\u{5BE}' | '\u{5C0}' | '\u{5C3}' | '\u{5C6}' | '\u{5F3}'..='\u{5F4}'
        | '\u{609}'..='\u{60D}' | '\u{61B}' | '\u{61D}'..='\u{61F}' | '\u{66A}'..='\u{66D}' | '\u{6D4}'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}'
        | '\u{2100}'..='\u{214F}' | '\u{2190}'..='\u{2BFF}' | '\u{2E00}'..='\u{2E5D}'
        | '\u{3001}'..='\u{3004}' | '\u{3008}'..='\u{3020}' | '\u{3030}' | '\u{303D}'..='\u{303F}'
        | '\u{30A0}' | '\u{30FB}'
        | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE6B}'
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '\u{FFE0}'..='\u{FFEE}'
        | '\u{1F000}'..='\u{1FAFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The display text with each styled run marked: `[b:bold]`.
    fn shown(raw: &str) -> String {
        let t = display_form(raw);
        let mut s = String::new();
        for (range, style) in t.runs() {
            let text = &t.text()[range];
            let tags: Vec<&str> = [
                (Style::BOLD, "b"),
                (Style::ITALIC, "i"),
                (Style::CODE, "code"),
                (Style::LINK, "link"),
                (Style::URL, "url"),
                (Style::IMAGE, "img"),
                (Style::MARKUP, "markup"),
                (Style::MARKER, "marker"),
            ]
            .into_iter()
            .filter(|(f, _)| style.contains(*f))
            .map(|(_, n)| n)
            .collect();
            if tags.is_empty() {
                s.push_str(text);
            } else {
                s.push_str(&format!("[{}:{}]", tags.join("+"), text));
            }
        }
        s
    }

    #[test]
    fn emphasis() {
        assert_eq!(shown("a **bold** b"), "a [b:bold] b");
        assert_eq!(
            shown("__bold__ and *it* and _it_"),
            "[b:bold] and [i:it] and [i:it]"
        );
        assert_eq!(shown("***both***"), "[b+i:both]");
        assert_eq!(shown("**太字**を選択"), "[b:太字]を選択");
    }

    #[test]
    fn snake_case_and_lone_stars_stay_literal() {
        assert_eq!(shown("use my_var_name here"), "use my_var_name here");
        assert_eq!(shown("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(shown("**unclosed"), "**unclosed");
    }

    #[test]
    fn bold_that_a_renderer_would_not_show_keeps_its_stars() {
        // Machine translation put brackets inside the bold: CommonMark renders
        // the stars literally, and so do we.
        assert_eq!(shown("**[保存]**を選択"), "**[保存]**を選択");
    }

    #[test]
    fn code_is_literal_with_backticks_dimmed() {
        assert_eq!(
            shown("run `a *b* <c>` now"),
            "run [markup:`][code:a *b* <c>][markup:`] now"
        );
        assert_eq!(shown("``a ` b``"), "[markup:``][code:a ` b][markup:``]");
        assert_eq!(shown("stray ` tick"), "stray ` tick");
    }

    #[test]
    fn links_show_their_target() {
        assert_eq!(
            shown("see [the docs](https://x.y/a_b_c \"T\")."),
            "see [link:the docs][url: ⟨https://x.y/a_b_c \"T\"⟩]."
        );
        assert_eq!(shown("[](empty.md)"), "[url: ⟨empty.md⟩]");
        assert_eq!(shown("[**b** t](u)"), "[b+link:b][link: t][url: ⟨u⟩]");
        assert_eq!(shown("[not a link] (u)"), "[not a link] (u)");
        // A link inside link text wins; the outer brackets stay text.
        assert_eq!(shown("[a [b](c) d](e)"), "[a [link:b][url: ⟨c⟩] d](e)");
    }

    #[test]
    fn images_and_linked_images() {
        assert_eq!(
            shown("![alt text](media/a.png)"),
            "[img:alt text][url: ⟨media/a.png⟩]"
        );
        assert_eq!(
            shown("[![alt](s.png)](b.png#lightbox)"),
            "[link+img:alt][link+url: ⟨s.png⟩][url: ⟨b.png#lightbox⟩]"
        );
    }

    #[test]
    fn autolinks_and_xrefs() {
        assert_eq!(
            shown("see <https://a.b/kb/1> now"),
            "see [link:https://a.b/kb/1] now"
        );
        assert_eq!(
            shown("<xref:System.String?displayProperty=nameWithType>"),
            "[url:⟨xref:System.String?displayProperty=nameWithType⟩]"
        );
    }

    #[test]
    fn html_tags() {
        assert_eq!(
            shown("<strong>x</strong> <em>y</em> <b>z</b>"),
            "[b:x] [i:y] [b:z]"
        );
        assert_eq!(shown("a<br>b<br/>c"), "a\nb\nc");
        assert_eq!(
            shown("<a href=\"#charge\">map</a>を参照"),
            "[link:map][url: ⟨#charge⟩]を参照"
        );
        assert_eq!(
            shown("<a name=\"13\">title</a>"),
            "[markup:<a name=\"13\">]title[markup:</a>]"
        );
        assert_eq!(shown("x<sup>2</sup>"), "x[markup:<sup>]2[markup:</sup>]");
        assert_eq!(shown("a <!-- note --> b"), "a [markup:<!-- note -->] b");
        // Unbalanced formatting tags do nothing and stay visible.
        assert_eq!(shown("<b>x</i> y"), "[markup:<b>]x[markup:</i>] y");
        assert_eq!(shown("<a href=\"u\">x"), "[markup:<a href=\"u\">]x");
        // Hiding the tag would hide the other attribute.
        assert_eq!(
            shown("<a href=\"u\" target=\"_blank\">x</a>"),
            "[markup:<a href=\"u\" target=\"_blank\">]x[markup:</a>]"
        );
    }

    #[test]
    fn pseudo_tags_are_text() {
        assert_eq!(
            shown("<String> and <source_id> and <a0></a0>"),
            "<String> and <source_id> and <a0></a0>"
        );
        assert_eq!(shown("x <= 5 < 6"), "x <= 5 < 6");
    }

    #[test]
    fn entities_and_escapes() {
        assert_eq!(
            shown("&lt;tag&gt; &amp; &quot;q&quot; caf&#233; &#x2714;"),
            "<tag> & \"q\" café ✔"
        );
        assert_eq!(shown("a&nbsp;b"), "a\u{a0}b");
        assert_eq!(
            shown("\\<b\\> \\\"q\\\" \\*no\\* C:\\Nu"),
            "<b> \"q\" *no* C:\\Nu"
        );
        assert_eq!(shown("AT&T &unknown;"), "AT&T &unknown;");
    }

    #[test]
    fn decoded_controls_are_still_sanitised() {
        assert_eq!(
            shown("a&#27;[31mb&#x202E;c"),
            "a[marker:␛][31mb[marker:⟨RLO⟩]c"
        );
    }

    #[test]
    fn escape_sequences_vanish_whole_even_where_they_look_like_markup() {
        // `ESC [` is not a link bracket.
        assert_eq!(
            shown("\x1b[1m**b**\x1b[0m [t](u)"),
            "[b:b] [link:t][url: ⟨u⟩]"
        );
        assert_eq!(shown("x\u{9b}1m`c`"), "x[markup:`][code:c][markup:`]");
    }

    #[test]
    fn include_and_no_loc() {
        assert_eq!(
            shown("[!INCLUDE[note](../includes/n.md)]"),
            "[!INCLUDE[link:note][url: ⟨../includes/n.md⟩]]"
        );
        assert_eq!(
            shown("Use :::no-loc text=\"Azure\"::: now"),
            "Use [markup::::no-loc text=\"]Azure[markup:\":::] now"
        );
    }

    #[test]
    fn blank_lines_around_a_segment_are_not_shown() {
        assert_eq!(shown("\n   <em>(usage-based)</em>"), "   [i:(usage-based)]");
        assert_eq!(shown(" lead\n\n  x  \n "), " lead\n\n  x  ");
        assert_eq!(shown("\n \n"), "");
    }

    #[test]
    fn offsets_map_back_to_the_raw_text() {
        let raw = "a **bold** &amp; [t](u)";
        let t = display_form(raw);
        let bold = t.text().find("bold").unwrap();
        assert_eq!(&raw[t.raw_range(bold..bold + 4)], "bold");
        let amp = t.text().find('&').unwrap();
        assert_eq!(&raw[t.raw_range(amp..amp + 1)], "&amp;");
        let u = t.text().find('u').unwrap();
        assert_eq!(&raw[t.raw_range(u..u + 1)], "u");
    }

    #[test]
    fn pathological_input_stays_fast() {
        for raw in [
            "*a".repeat(50_000),
            "`".repeat(30_000) + &"a`".repeat(10_000),
            "[".repeat(50_000),
            "<a href=x>".repeat(20_000),
            "[a](x".repeat(10_000),
            "[".repeat(20_000) + &"[a](b)".repeat(20_000),
            "<!--".repeat(50_000),
            "<a title=\"".repeat(20_000),
            ":::no-loc text=\"".repeat(10_000),
        ] {
            let start = std::time::Instant::now();
            let t = display_form(&raw);
            assert!(t.text().len() >= raw.len() / 2);
            // Quadratic work on these would take minutes unoptimised.
            assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
        }
    }
}
