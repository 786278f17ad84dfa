//! The one scanner of a segment's inline Markdown and HTML.
//!
//! [`Inline::parse`] turns raw segment text into tokens, each with the byte
//! range of the raw text it stands for, plus the spans (bold, italic, links,
//! formatting tags) that CommonMark's delimiter and bracket rules make of them.
//! The display form ([`display_form`](super::display_form)) styles the tokens,
//! the automatic checks compare them between source and target, and word
//! counts read the text they leave visible. One scanner means a reviewer sees
//! exactly the markup the checks reason about, and a finding can name the
//! bytes it is about.
//!
//! Emphasis follows the CommonMark delimiter rules, so stray `**` stay where a
//! renderer would show them. Anything in angle brackets that looks like a tag
//! but is no HTML element (`<String>`, `<a0>`) is a [`Token::PseudoTag`]: text
//! to a reader, a leaked placeholder to the checks.

use std::ops::Range;

use super::entities;
pub(crate) use super::entities::Decoded;
use super::sanitize::Escapes;

/// One piece of inline markup, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text shown as it stands.
    Text(Range<usize>),
    /// The character of a backslash escape (`\*` → `*`); the backslash is a
    /// [`Token::Hidden`] before it.
    Escaped(Range<usize>),
    /// A character reference (`&lt;`, `&#233;`): `raw` covers all of it.
    Entity { raw: Range<usize>, text: Decoded },
    /// Syntax that is not shown: an escape's backslash, a link's `](…)`, the
    /// angle brackets of an autolink, a formatting tag that takes effect.
    Hidden(Range<usize>),
    /// A backtick run that opens or closes a code span.
    CodeMark(Range<usize>),
    /// The contents of a code span, byte for byte.
    Code(Range<usize>),
    /// A run of `*` or `_`; emphasis uses some of it, the rest is shown.
    Delim(Delim),
    /// `[` or `![`; `matched` when it opened a link or image.
    Bracket {
        range: Range<usize>,
        matched: bool,
        image: bool,
    },
    /// A link or image destination with its title, shown after the link text.
    Target { range: Range<usize>, spaced: bool },
    /// The URL of `<https://…>`.
    Autolink(Range<usize>),
    /// The uid of `<xref:…>`, `xref:` included.
    Xref(Range<usize>),
    /// An HTML tag of a known element that stays visible (`<sup>`, `<a name>`,
    /// or a formatting tag never closed).
    Tag(Tag),
    /// `<br>`: a line break.
    LineBreak(Range<usize>),
    /// Angle brackets around a name that is no HTML element: `<String>`,
    /// `<Subscription ID>`, placeholders of a translation engine (`<a0>`).
    PseudoTag(Tag),
    /// `<!-- … -->`.
    Comment(Range<usize>),
    /// `:::no-loc text="…":::`; `text` is what is kept untranslated.
    NoLoc {
        range: Range<usize>,
        text: Range<usize>,
    },
}

/// A tag as it stands in the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub range: Range<usize>,
    pub name: Range<usize>,
    pub closing: bool,
}

/// A run of `*` or `_` and what emphasis made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delim {
    pub range: Range<usize>,
    pub ch: u8,
    pub can_open: bool,
    pub can_close: bool,
    /// Characters used as a closer (from the left) and as an opener (from the right).
    pub used_left: usize,
    pub used_right: usize,
}

impl Delim {
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.range.len()
    }

    fn remaining(&self) -> usize {
        self.len() - self.used_left - self.used_right
    }

    /// The characters emphasis left over, which a reader sees.
    pub fn shown(&self) -> Range<usize> {
        self.range.start + self.used_left..self.range.end - self.used_right
    }
}

/// What a span does to the tokens between its opening and closing token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    Strong,
    Emphasis,
    /// `<code>`, `<kbd>`, `<samp>`, `<tt>`.
    CodeTag,
    /// A link; `dest` is the raw range of its URL.
    Link {
        dest: (usize, usize),
    },
    Image {
        dest: (usize, usize),
    },
}

/// A span over the tokens strictly between `open` and `close` (token indices).
/// Both ends are tokens of their own: a delimiter run, a bracket, a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub kind: SpanKind,
    pub open: usize,
    pub close: usize,
}

/// A segment's inline markup, scanned.
#[derive(Debug, Clone, Default)]
pub struct Inline {
    pub tokens: Vec<Token>,
    /// In the order of their opening tokens.
    pub spans: Vec<Span>,
}

impl Inline {
    /// Scans `raw[range]`; every range in the result indexes `raw`.
    pub fn parse(raw: &str, range: Range<usize>) -> Inline {
        let mut inline = Inline::default();
        inline.read(raw, range);
        inline
    }

    /// Scans all of `raw`.
    pub fn of(raw: &str) -> Inline {
        Inline::parse(raw, 0..raw.len())
    }

    /// [`Inline::parse`] into this scan's room: the checks scan two texts
    /// per segment, and fresh vectors for each cost a tenth of their time
    /// in the allocator.
    pub fn read(&mut self, raw: &str, range: Range<usize>) {
        self.tokens.clear();
        self.spans.clear();
        if !raw[range.clone()].bytes().any(|b| SPECIAL[usize::from(b)]) {
            if !range.is_empty() {
                self.tokens.push(Token::Text(range));
            }
            return;
        }
        let room = (
            std::mem::take(&mut self.tokens),
            std::mem::take(&mut self.spans),
        );
        let mut parser = Parser::new(raw, room);
        parser.run(range);
        parser.spans.sort_by_key(|s| s.open);
        self.tokens = parser.tokens;
        self.spans = parser.spans;
    }
}

/// Bytes that may start markup, or an escape sequence (ESC, and the lead byte
/// of the 8-bit introducers) that markup must not cut in two.
pub(crate) const SPECIAL: [bool; 256] = {
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

/// An entry of the delimiter stack, a linked list over `Parser::delims`.
struct Entry {
    token: usize,
    prev: Option<usize>,
    next: Option<usize>,
}

struct OpenTag {
    token: usize,
    tag: Tag,
    kind: SpanKind,
    href: Option<Range<usize>>,
}

struct OpenBracket {
    token: usize,
    image: bool,
    /// The delimiter stack's top when the bracket was seen.
    delim_bottom: Option<usize>,
}

struct Parser<'a> {
    raw: &'a str,
    tokens: Vec<Token>,
    spans: Vec<Span>,
    delims: Vec<Entry>,
    top: Option<usize>,
    brackets: Vec<OpenBracket>,
    /// Brackets below this stack depth enclose a link and cannot open one.
    links_closed_below: usize,
    /// Formatting tags (`<strong>`, `<a href>`…) waiting for their closing tag.
    open_tags: Vec<OpenTag>,
    /// Start of the text not yet pushed as a token.
    text_start: usize,
    /// No `-->` follows this offset (keeps many stray `<!--` linear).
    no_comment_end_after: usize,
    escapes: Escapes<'a>,
    /// For backtick runs of length n < 16: a run of n was not found after this
    /// offset, so the search is not repeated (keeps many stray backticks linear).
    no_closing_run_after: [usize; 16],
}

impl<'a> Parser<'a> {
    /// A parser that fills the (empty) `tokens` and `spans` given.
    fn new(raw: &'a str, (tokens, spans): (Vec<Token>, Vec<Span>)) -> Self {
        Parser {
            raw,
            tokens,
            spans,
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

    fn run(&mut self, range: Range<usize>) {
        let bytes = self.raw.as_bytes();
        let mut pos = range.start;
        self.text_start = pos;
        while pos < range.end {
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
                        self.push(pos..end, Token::Hidden(pos..end));
                        end
                    }
                    None => pos + 1,
                },
                _ => pos + 1,
            };
        }
        self.flush(range.end);
        self.process_emphasis(None);
        // A formatting tag that is never closed has no effect: it stays visible.
        for open in std::mem::take(&mut self.open_tags) {
            self.tokens[open.token] = Token::Tag(open.tag);
        }
    }

    /// Pushes the pending text before `end`.
    fn flush(&mut self, end: usize) {
        if end > self.text_start {
            self.tokens.push(Token::Text(self.text_start..end));
        }
        self.text_start = end;
    }

    /// Pushes `token` for `range` after the pending text; returns its index.
    fn push(&mut self, range: Range<usize>, token: Token) -> usize {
        self.flush(range.start);
        self.tokens.push(token);
        self.text_start = range.end;
        self.tokens.len() - 1
    }

    fn hidden(&mut self, range: Range<usize>) -> usize {
        self.push(range.clone(), Token::Hidden(range))
    }

    fn backslash(&mut self, pos: usize) -> usize {
        match self.raw.as_bytes().get(pos + 1) {
            Some(b) if b.is_ascii_punctuation() => {
                self.hidden(pos..pos + 1);
                self.push(pos + 1..pos + 2, Token::Escaped(pos + 1..pos + 2));
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
                self.push(pos..after, Token::CodeMark(pos..after));
                self.push(after..start, Token::Code(after..start));
                self.push(start..start + n, Token::CodeMark(start..start + n));
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
        let token = self.push(
            pos..end,
            Token::Delim(Delim {
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
                token,
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
        let token = self.push(
            pos..end,
            Token::Bracket {
                range: pos..end,
                matched: false,
                image,
            },
        );
        self.brackets.push(OpenBracket {
            token,
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
        } else {
            None
        };
        let Some(link) = link else {
            return pos + 1;
        };
        let at = |r: Range<usize>| pos + 1 + r.start..pos + 1 + r.end;
        let (shown, dest, end) = (at(link.shown), at(link.dest), pos + 1 + link.end);
        if let Some(Token::Bracket { matched, .. }) = self.tokens.get_mut(opener.token) {
            *matched = true;
        }
        self.process_emphasis(opener.delim_bottom);
        let close = self.hidden(pos..end);
        let dest = (dest.start, dest.end);
        let kind = if opener.image {
            SpanKind::Image { dest }
        } else {
            SpanKind::Link { dest }
        };
        self.spans.push(Span {
            kind,
            open: opener.token,
            close,
        });
        self.tokens.push(Token::Target {
            range: shown,
            spaced: true,
        });
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
            self.hidden(pos..pos + 1);
            if rest[1..].starts_with("xref:") {
                self.push(url.clone(), Token::Xref(url));
            } else {
                self.push(url.clone(), Token::Autolink(url));
            }
            self.hidden(pos + len - 1..pos + len);
            return pos + len;
        }
        if rest.starts_with("<!--") && self.no_comment_end_after > pos {
            match self.raw[pos + 4..].find("-->") {
                Some(len) => {
                    let end = pos + 4 + len + 3;
                    self.push(pos..end, Token::Comment(pos..end));
                    return end;
                }
                None => self.no_comment_end_after = pos,
            }
        }
        let Some(found) = html_tag(rest) else {
            if let Some(tag) = pseudo_tag(rest) {
                let tag = tag.at(pos);
                let end = tag.range.end;
                self.push(tag.range.clone(), Token::PseudoTag(tag));
                return end;
            }
            return pos + 1;
        };
        let range = pos..pos + found.len;
        let tag = Tag {
            range: range.clone(),
            name: pos + found.name.start..pos + found.name.end,
            closing: found.closing,
        };
        let href = found.href.map(|h| pos + h.start..pos + h.end);
        // A tag takes effect only if hiding it hides nothing else: formatting
        // tags without attributes, links with just an `href`.
        let plain = found.attributes == 0;
        let name = self.raw[tag.name.clone()].to_ascii_lowercase();
        let kind = match name.as_str() {
            "strong" | "b" if plain => Some(SpanKind::Strong),
            "em" | "i" if plain => Some(SpanKind::Emphasis),
            "code" | "kbd" | "samp" | "tt" if plain => Some(SpanKind::CodeTag),
            "a" if plain && tag.closing => Some(SpanKind::Link { dest: (0, 0) }),
            "a" if found.attributes == 1 && href.is_some() => {
                let h = href.clone().unwrap_or_default();
                Some(SpanKind::Link {
                    dest: (h.start, h.end),
                })
            }
            "br" if !tag.closing => {
                self.push(range.clone(), Token::LineBreak(range.clone()));
                return range.end;
            }
            _ => None,
        };
        let same =
            |a: SpanKind, b: SpanKind| std::mem::discriminant(&a) == std::mem::discriminant(&b);
        match kind {
            Some(kind) if !tag.closing => {
                let token = self.hidden(range.clone());
                self.open_tags.push(OpenTag {
                    token,
                    tag,
                    kind,
                    href,
                });
            }
            Some(kind) if let Some(k) = self.open_tags.iter().rposition(|t| same(t.kind, kind)) => {
                let open = self.open_tags.remove(k);
                let close = self.hidden(range.clone());
                self.spans.push(Span {
                    kind: open.kind,
                    open: open.token,
                    close,
                });
                if let Some(href) = open.href {
                    self.tokens.push(Token::Target {
                        range: href,
                        spaced: true,
                    });
                    self.text_start = range.end;
                }
            }
            _ => {
                self.push(range.clone(), Token::Tag(tag));
            }
        }
        range.end
    }

    fn entity(&mut self, pos: usize) -> usize {
        let Some((text, len)) = entities::decode(&self.raw[pos..]) else {
            return pos + 1;
        };
        self.push(
            pos..pos + len,
            Token::Entity {
                raw: pos..pos + len,
                text,
            },
        );
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
        self.push(
            pos..end,
            Token::NoLoc {
                range: pos..end,
                text: inner_start..inner_start + len,
            },
        );
        end
    }

    fn delim(&self, entry: usize) -> &Delim {
        match &self.tokens[self.delims[entry].token] {
            Token::Delim(d) => d,
            _ => unreachable!("delimiter stack entries point at delimiter runs"),
        }
    }

    fn delim_mut(&mut self, entry: usize) -> &mut Delim {
        match &mut self.tokens[self.delims[entry].token] {
            Token::Delim(d) => d,
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
            let (used, kind) = if strong {
                (2, SpanKind::Strong)
            } else {
                (1, SpanKind::Emphasis)
            };
            self.delim_mut(oi).used_right += used;
            self.delim_mut(c).used_left += used;
            self.spans.push(Span {
                kind,
                open: self.delims[oi].token,
                close: self.delims[c].token,
            });
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

/// An inline link's `(destination "title")` at the start of a text: ranges
/// relative to that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkTail {
    /// The URL.
    pub dest: Range<usize>,
    /// URL and title, as the display shows them.
    pub shown: Range<usize>,
    /// The offset after `)`.
    pub end: usize,
}

/// An inline link's `(destination "title")` at the start of `s`.
pub(crate) fn inline_link(s: &str) -> Option<LinkTail> {
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
    let dest;
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
        dest = start + 1..i;
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
        dest = start..i;
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
    (bytes.get(j) == Some(&b')')).then_some(LinkTail {
        dest,
        shown: start..shown_end,
        end: j + 1,
    })
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

/// An HTML tag as `html_tag` found it, ranges relative to its `<`.
struct Found {
    name: Range<usize>,
    closing: bool,
    len: usize,
    /// Range of the `href` value within the tag.
    href: Option<Range<usize>>,
    attributes: usize,
}

/// An HTML open or close tag of a known element at the start of `s`.
fn html_tag(s: &str) -> Option<Found> {
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
    Some(Found {
        name: name_start..name_start + name_len,
        closing,
        len: i + 1,
        href,
        attributes,
    })
}

/// `<name…>`, `</name>`: angle brackets around a name that starts with an
/// ASCII letter, on one line; the name ends at white space, `/` or `>`.
fn pseudo_tag(s: &str) -> Option<Tag> {
    let bytes = s.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = 1 + usize::from(closing);
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .count();
    let name_end = name_start + name_len;
    let close = name_end + memchr::memchr3(b'>', b'<', b'\n', &bytes[name_end..])?;
    // Markup inside would be hidden from the display parser: not a placeholder.
    let markup_inside = bytes[name_end..close]
        .iter()
        .any(|b| matches!(b, b'`' | b'*' | b'[' | b']' | b'&' | b'\\'));
    let fits = bytes[close] == b'>'
        && (close == name_end || matches!(bytes[name_end], b' ' | b'/'))
        && close - name_end <= 80
        && !markup_inside;
    fits.then_some(Tag {
        range: 0..close + 1,
        name: name_start..name_end,
        closing,
    })
}

impl Tag {
    fn at(self, pos: usize) -> Tag {
        Tag {
            range: pos + self.range.start..pos + self.range.end,
            name: pos + self.name.start..pos + self.name.end,
            closing: self.closing,
        }
    }
}

/// Unicode punctuation and symbols for the flanking rules, approximated by the
/// blocks that documentation uses (CommonMark takes general categories P and S).
pub fn is_punctuation(c: char) -> bool {
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

    fn kinds(raw: &str) -> Vec<String> {
        Inline::of(raw)
            .tokens
            .iter()
            .map(|t| match t {
                Token::Text(r) => format!("text:{}", &raw[r.clone()]),
                Token::Escaped(r) => format!("escaped:{}", &raw[r.clone()]),
                Token::Entity { raw: r, .. } => format!("entity:{}", &raw[r.clone()]),
                Token::Hidden(r) => format!("hidden:{}", &raw[r.clone()]),
                Token::CodeMark(_) => "`".into(),
                Token::Code(r) => format!("code:{}", &raw[r.clone()]),
                Token::Delim(d) => format!("delim:{}", &raw[d.shown()]),
                Token::Bracket { range, .. } => format!("bracket:{}", &raw[range.clone()]),
                Token::Target { range, .. } => format!("target:{}", &raw[range.clone()]),
                Token::Autolink(r) => format!("autolink:{}", &raw[r.clone()]),
                Token::Xref(r) => format!("xref:{}", &raw[r.clone()]),
                Token::Tag(t) => format!("tag:{}", &raw[t.name.clone()]),
                Token::LineBreak(_) => "br".into(),
                Token::PseudoTag(t) => format!("pseudo:{}", &raw[t.name.clone()]),
                Token::Comment(_) => "comment".into(),
                Token::NoLoc { text, .. } => format!("no-loc:{}", &raw[text.clone()]),
            })
            .collect()
    }

    #[test]
    fn tokens_cover_code_links_tags_and_placeholders() {
        assert_eq!(
            kinds("Run `a` [t](u.md \"T\") <sup>1</sup> <a0> &lt;"),
            [
                "text:Run ",
                "`",
                "code:a",
                "`",
                "text: ",
                "bracket:[",
                "text:t",
                "hidden:](u.md \"T\")",
                "target:u.md \"T\"",
                "text: ",
                "tag:sup",
                "text:1",
                "tag:sup",
                "text: ",
                "pseudo:a0",
                "text: ",
                "entity:&lt;"
            ]
        );
    }

    #[test]
    fn spans_pair_emphasis_links_and_tags() {
        let raw = "**b** and <strong>s</strong> and [t](https://x.y/a)";
        let inline = Inline::of(raw);
        let kinds: Vec<SpanKind> = inline.spans.iter().map(|s| s.kind).collect();
        assert_eq!(kinds.len(), 3);
        assert!(matches!(kinds[0], SpanKind::Strong));
        assert!(matches!(kinds[1], SpanKind::Strong));
        let SpanKind::Link { dest } = kinds[2] else {
            panic!("{kinds:?}")
        };
        assert_eq!(&raw[dest.0..dest.1], "https://x.y/a");
    }

    #[test]
    fn an_href_link_names_its_destination() {
        let raw = "<a href=\"#charge\">map</a>";
        let inline = Inline::of(raw);
        let SpanKind::Link { dest } = inline.spans[0].kind else {
            panic!("{:?}", inline.spans)
        };
        assert_eq!(&raw[dest.0..dest.1], "#charge");
    }

    #[test]
    fn pseudo_tags_are_names_in_angle_brackets_on_one_line() {
        assert_eq!(
            kinds("<Subscription ID> <c0> </localizedText> <= 5 <x\ny>"),
            [
                "pseudo:Subscription",
                "text: ",
                "pseudo:c0",
                "text: ",
                "pseudo:localizedText",
                "text: <= 5 <x\ny>"
            ]
        );
    }

    #[test]
    fn plain_text_is_one_token() {
        assert_eq!(kinds("just words"), ["text:just words"]);
        assert!(Inline::of("").tokens.is_empty());
    }
}
