//! What the checks see of one side of a segment, read off the one inline
//! scanner ([`crate::text::inline`]): inline code, links, tags, bold, bracketed
//! UI terms, and the visible text with all of those taken out, with a way back
//! from the visible text to the raw bytes so that a finding can name its span.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use super::lang::is_word_char;
use crate::text::inline::{self, Decoded, Inline, SpanKind, Token};

/// Stands in the visible text for something that is not prose (inline code, a
/// URL), so that words on either side never join and numbers inside are not read.
pub const OBJECT: char = '\u{FFFC}';
const OBJECT_TEXT: &str = "\u{FFFC}";

/// A link as the scanner found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    /// Raw markup between the brackets; `None` for `<https://…>`, `<xref:…>`
    /// and `<a href>`, which have no Markdown link text.
    pub text: Option<&'a str>,
    pub dest: &'a str,
    /// Raw range of the whole link.
    pub range: Range<usize>,
    pub image: bool,
    /// `[text] (dest)`: a space between `]` and `(`, so Markdown shows no link.
    pub spaced: bool,
}

/// An HTML tag or a pseudo-tag (`<String>`, `<a0>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: &'a str,
    pub closing: bool,
    pub range: Range<usize>,
}

/// Where `part`, a slice of `whole`, stands in it. A string that is not
/// such a slice is a bug of the caller, never of the input.
fn range_within(whole: &str, part: &str) -> Range<usize> {
    let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    assert!(
        start <= whole.len() && part.len() <= whole.len() - start,
        "a slice of the text it is placed in"
    );
    start..start + part.len()
}

/// A stretch of visible text and the raw bytes it comes from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    text: usize,
    raw: usize,
    raw_end: usize,
    /// The visible bytes are the raw bytes.
    verbatim: bool,
}

/// What the checks compare in one side of a segment.
#[derive(Debug, Default)]
pub struct Parsed<'a> {
    pub raw: &'a str,
    pub inline: Inline,
    /// Contents of inline code spans, byte for byte.
    pub code: Vec<&'a str>,
    /// Raw ranges of those contents.
    pub code_ranges: Vec<Range<usize>>,
    pub links: Vec<Link<'a>>,
    /// URLs written out in the text (not Markdown links).
    pub bare_urls: Vec<&'a str>,
    pub tags: Vec<Tag<'a>>,
    /// Bold that renders: `**…**`, `__…__`, `<b>`, `<strong>`; the raw
    /// range of each, markers included.
    pub strong: Vec<Range<usize>>,
    /// Markdown italic that renders (`*…*`, `_…_`); the raw range of each,
    /// markers included. `<i>` and `<em>` are compared as tags.
    pub emphasis: Vec<Range<usize>>,
    /// `*` and `_` of emphasis runs that the reader sees: they open or
    /// close nothing, like `_この_` between Japanese letters.
    pub shown_markers: Vec<Range<usize>>,
    /// `**[保存]**` and `[**保存**]`: bold around a bracketed UI term, which
    /// CommonMark does not render but which means bold.
    pub bracketed_bold: Vec<Range<usize>>,
    /// Those of them that CommonMark does not render.
    unrendered_bold: u32,
    /// `**` or `__` runs that open or close nothing: the reader sees them.
    pub stray_strong: Vec<Range<usize>>,
    /// The visible text: code spans and URLs as [`OBJECT`], tags, emphasis
    /// markers and link destinations removed, escapes and entities decoded.
    pub text: String,
    /// Byte offsets in `text` where an emphasis marker or a tag was removed:
    /// `**Entities** entities` is a label and a word, not a word twice.
    pub markup_edges: Vec<usize>,
    pieces: Vec<Piece>,
}

impl<'a> Parsed<'a> {
    pub fn new(raw: &'a str) -> Parsed<'a> {
        let mut view = Parsed::default();
        view.read(raw);
        view
    }

    /// Reads `raw` in place of the text read before, in the room that one
    /// took: the checks read two texts per segment, and fresh vectors for
    /// each were a tenth of their allocations.
    pub fn read(&mut self, raw: &'a str) {
        // Every field named, so that a new one cannot keep the last text's value.
        let Parsed {
            raw: read_before,
            inline,
            code,
            code_ranges,
            links,
            bare_urls,
            tags,
            strong,
            emphasis,
            shown_markers,
            bracketed_bold: _,
            unrendered_bold: _,
            stray_strong,
            text,
            markup_edges,
            pieces,
        } = self;
        *read_before = raw;
        inline.read(raw, 0..raw.len());
        code.clear();
        code_ranges.clear();
        links.clear();
        bare_urls.clear();
        tags.clear();
        strong.clear();
        emphasis.clear();
        shown_markers.clear();
        stray_strong.clear();
        text.clear();
        text.reserve(raw.len());
        markup_edges.clear();
        pieces.clear();
        self.read_tokens();
        self.find_broken_links();
        self.bracketed_bold = bracketed_bold(raw);
        // The `**` of `**[保存]**を` do not render but are not stray: they mean bold.
        let inside = |r: &Range<usize>, b: &Range<usize>| b.contains(&r.start);
        self.unrendered_bold = self
            .bracketed_bold
            .iter()
            .filter(|b| self.stray_strong.iter().any(|s| inside(s, b)))
            .count() as u32;
        let bracketed = std::mem::take(&mut self.bracketed_bold);
        self.stray_strong
            .retain(|s| !bracketed.iter().any(|b| inside(s, b)));
        self.bracketed_bold = bracketed;
    }

    /// Bold spans, counting bold around a bracketed UI term that does not
    /// render (`**[保存]**を`) as the bold it means.
    pub fn bold(&self) -> u32 {
        self.strong.len() as u32 + self.unrendered_bold
    }

    /// `[…]` groups that are not links, `[!NOTE]` or `[!INCLUDE…]`, and
    /// `「…」`/`『…』` groups: the ways some locales write UI terms the source
    /// sets in bold.
    pub fn ui_term_marks(&self) -> u32 {
        let quotes = self.text.matches(['「', '『']).count() as u32;
        bracket_groups(&self.text) + quotes
    }

    /// Whitespace-separated words of the visible text, without the punctuation
    /// around them; code spans and URLs are never words.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.text
            .split(|c: char| c.is_whitespace() || c == OBJECT)
            .map(|w| w.trim_matches(|c: char| !is_word_char(c)))
            .filter(|w| !w.is_empty())
    }

    /// The raw range a range of the visible text comes from.
    pub fn raw_range(&self, text: Range<usize>) -> Range<usize> {
        let raw_at = |offset: usize, end: bool| {
            let i = self
                .pieces
                .partition_point(|p| {
                    if end {
                        p.text < offset
                    } else {
                        p.text <= offset
                    }
                })
                .saturating_sub(1);
            match self.pieces.get(i) {
                Some(p) if p.verbatim => (p.raw + offset - p.text).min(p.raw_end),
                Some(p) if end => p.raw_end,
                Some(p) => p.raw,
                None => 0,
            }
        };
        let start = raw_at(text.start, false);
        start..raw_at(text.end, true).max(start)
    }

    /// The raw range of `part`, a slice of [`Parsed::text`] (a word a
    /// check found in it).
    pub fn raw_range_of(&self, part: &str) -> Range<usize> {
        self.raw_range(range_within(&self.text, part))
    }

    /// The range of `part`, a slice of [`Parsed::raw`] (a URL written out).
    pub fn range_in_raw(&self, part: &str) -> Range<usize> {
        range_within(self.raw, part)
    }

    /// The raw text of a token range, for messages.
    pub fn slice(&self, range: &Range<usize>) -> &'a str {
        &self.raw[range.clone()]
    }

    fn push_text(&mut self, raw: Range<usize>) {
        self.pieces.push(Piece {
            text: self.text.len(),
            raw: raw.start,
            raw_end: raw.end,
            verbatim: true,
        });
        self.text.push_str(&self.raw[raw]);
    }

    fn push_replacement(&mut self, text: &str, raw: Range<usize>) {
        self.pieces.push(Piece {
            text: self.text.len(),
            raw: raw.start,
            raw_end: raw.end,
            verbatim: false,
        });
        self.text.push_str(text);
    }

    /// Text runs go through `plain` (which finds bare URLs in them); the rest
    /// becomes what a reader sees of it.
    fn read_tokens(&mut self) {
        let raw = self.raw;
        let tokens = std::mem::take(&mut self.inline.tokens);
        // Literal text across token boundaries: `https://a.b/x_y` is one URL.
        let mut literal: Option<Range<usize>> = None;
        for token in &tokens {
            let next_literal = match token {
                Token::Text(r) => Some(r.clone()),
                Token::Delim(d) if d.used_left + d.used_right == 0 => {
                    self.shown_markers.push(d.range.clone());
                    if d.len() >= 2 && (d.can_open || d.can_close) {
                        self.stray_strong.push(d.range.clone());
                    }
                    Some(d.range.clone())
                }
                _ => None,
            };
            if let Some(r) = next_literal {
                literal = match literal {
                    Some(l) if l.end == r.start => Some(l.start..r.end),
                    Some(l) => {
                        self.plain(l);
                        Some(r)
                    }
                    None => Some(r),
                };
                continue;
            }
            if let Some(l) = literal.take() {
                self.plain(l);
            }
            match token {
                Token::Escaped(r) => self.push_text(r.clone()),
                Token::Entity { raw: r, text } => {
                    let mut buf = [0; 4];
                    let s = match text {
                        Decoded::Char(c) => &*c.encode_utf8(&mut buf),
                        Decoded::Named(s) => s,
                    };
                    self.push_replacement(s, r.clone());
                }
                Token::Code(r) => {
                    self.code.push(&raw[r.clone()]);
                    self.code_ranges.push(r.clone());
                    self.push_replacement(OBJECT_TEXT, r.clone());
                }
                Token::Autolink(r) | Token::Xref(r) => {
                    self.links.push(Link {
                        text: None,
                        dest: &raw[r.clone()],
                        range: r.start - 1..r.end + 1,
                        image: false,
                        spaced: false,
                    });
                    self.push_replacement(OBJECT_TEXT, r.clone());
                }
                Token::Delim(d) => {
                    self.markup_edges.push(self.text.len());
                    let shown = d.shown();
                    if !shown.is_empty() {
                        self.shown_markers.push(shown.clone());
                        self.push_text(shown.clone());
                        if shown.len() >= 2 && (d.can_open || d.can_close) {
                            self.stray_strong.push(shown);
                        }
                    }
                }
                Token::Bracket { range, matched, .. } => {
                    if !matched {
                        self.push_text(range.clone());
                    }
                }
                Token::Tag(t) | Token::PseudoTag(t) => {
                    let name = &raw[t.name.clone()];
                    if name.eq_ignore_ascii_case("a")
                        && !t.closing
                        && let Some(href) = attribute(&raw[t.range.clone()], "href")
                    {
                        self.links.push(Link {
                            text: None,
                            dest: href,
                            range: t.range.clone(),
                            image: false,
                            spaced: false,
                        });
                    }
                    self.tags.push(Tag {
                        name,
                        closing: t.closing,
                        range: t.range.clone(),
                    });
                    self.markup_edges.push(self.text.len());
                }
                Token::LineBreak(r) => {
                    self.tags.push(Tag {
                        name: &raw[r.start + 1..r.start + 3],
                        closing: false,
                        range: r.clone(),
                    });
                    self.push_replacement(" ", r.clone());
                }
                Token::Hidden(r) => {
                    // A formatting tag that took effect is still a tag.
                    if let Some(tag) = raw[r.clone()]
                        .strip_prefix('<')
                        .filter(|t| t.ends_with('>'))
                    {
                        let closing = tag.starts_with('/');
                        let name = tag
                            .trim_start_matches('/')
                            .split(|c: char| !c.is_ascii_alphanumeric())
                            .next()
                            .unwrap_or("");
                        let start = r.start + 1 + usize::from(closing);
                        self.tags.push(Tag {
                            name: &raw[start..start + name.len()],
                            closing,
                            range: r.clone(),
                        });
                        self.markup_edges.push(self.text.len());
                    }
                }
                Token::NoLoc { text, .. } => self.push_text(text.clone()),
                Token::CodeMark(_) | Token::Target { .. } | Token::Comment(_) | Token::Text(_) => {}
            }
        }
        if let Some(l) = literal {
            self.plain(l);
        }
        self.inline.tokens = tokens;
        self.read_spans();
    }

    fn read_spans(&mut self) {
        let raw = self.raw;
        let tokens = &self.inline.tokens;
        let start_of = |t: &Token| token_range(t).start;
        let end_of = |t: &Token| token_range(t).end;
        for span in &self.inline.spans {
            match span.kind {
                SpanKind::Strong => {
                    let (open, close) = (&tokens[span.open], &tokens[span.close]);
                    self.strong
                        .push(start_of(open)..end_of(close).max(start_of(open)));
                }
                SpanKind::Emphasis if matches!(tokens[span.open], Token::Delim(_)) => {
                    let (open, close) = (&tokens[span.open], &tokens[span.close]);
                    self.emphasis
                        .push(start_of(open)..end_of(close).max(start_of(open)));
                }
                SpanKind::Link { dest } | SpanKind::Image { dest } if dest.1 > dest.0 => {
                    let (open, close) = (&tokens[span.open], &tokens[span.close]);
                    let text = end_of(open)..start_of(close).max(end_of(open));
                    let end = match tokens.get(span.close + 1) {
                        Some(Token::Target { .. }) | None => end_of(close),
                        Some(_) => end_of(close),
                    };
                    let is_tag = matches!(open, Token::Hidden(_));
                    self.links.push(Link {
                        text: (!is_tag).then(|| &raw[text]),
                        dest: &raw[dest.0..dest.1],
                        range: start_of(open)..end,
                        image: matches!(span.kind, SpanKind::Image { .. }),
                        spaced: false,
                    });
                }
                _ => {}
            }
        }
        self.links.sort_by_key(|l| l.range.start);
    }

    /// Literal text, with bare URLs taken out as [`OBJECT`].
    fn plain(&mut self, range: Range<usize>) {
        let raw = self.raw;
        let mut at = range.start;
        let mut search = range.start;
        // A URL has `://` or starts with `www.`: most runs of text have neither.
        // Searched for whole: English has a `w` every few words.
        let bytes = raw[range.clone()].as_bytes();
        let may_hold_url = SCHEME.find(bytes).is_some() || WWW.find(bytes).is_some();
        if !may_hold_url {
            self.push_text(range);
            return;
        }
        while let Some(found) = find_url(&raw[search..range.end]) {
            let start = search + found;
            let end = start + url_len(&raw[start..range.end]);
            if end == start {
                search = start + 1;
                continue;
            }
            self.push_text(at..start);
            self.bare_urls.push(&raw[start..end]);
            self.push_replacement(OBJECT_TEXT, start..end);
            at = end;
            search = end;
        }
        if at < range.end {
            self.push_text(at..range.end);
        }
    }

    /// `[text] (url)` (a space breaks the link) and `[text](url and …` (no
    /// closing parenthesis): links a translator meant and a renderer drops.
    fn find_broken_links(&mut self) {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        // Code, URLs and the hidden `](…)` of real links, in raw order.
        let mut taken: Vec<Range<usize>> = Vec::new();
        for at in memchr::memchr_iter(b']', bytes) {
            let (spaced, paren) = match (bytes.get(at + 1), bytes.get(at + 2)) {
                (Some(b'('), _) => (false, at + 1),
                (Some(b' '), Some(b'(')) => (true, at + 2),
                _ => continue,
            };
            if taken.is_empty() {
                taken = self
                    .inline
                    .tokens
                    .iter()
                    .filter_map(|t| match t {
                        Token::Code(r) | Token::Hidden(r) | Token::Autolink(r) | Token::Xref(r) => {
                            Some(r.clone())
                        }
                        _ => None,
                    })
                    .collect();
                taken.sort_by_key(|r| r.start);
            }
            let i = taken.partition_point(|r| r.start <= at);
            if i > 0 && taken[i - 1].contains(&at) {
                continue;
            }
            let (dest, end) = match inline::inline_link(&raw[paren..]) {
                Some(tail) => (
                    paren + tail.dest.start..paren + tail.dest.end,
                    paren + tail.end,
                ),
                None if !spaced => {
                    // Unclosed: the destination runs to white space or the end.
                    let len = raw[paren + 1..]
                        .find(char::is_whitespace)
                        .unwrap_or(raw.len() - paren - 1);
                    (paren + 1..paren + 1 + len, paren + 1 + len)
                }
                None => continue,
            };
            let url = &raw[dest.clone()];
            if url.is_empty() || !looks_like_url(url) {
                continue;
            }
            let open = raw[..at].rfind('[');
            self.links.push(Link {
                text: open.map(|o| &raw[o + 1..at]),
                dest: url,
                range: open.unwrap_or(at)..end,
                image: false,
                spaced,
            });
        }
        self.links.sort_by_key(|l| l.range.start);
    }
}

fn token_range(t: &Token) -> Range<usize> {
    match t {
        Token::Text(r)
        | Token::Escaped(r)
        | Token::Hidden(r)
        | Token::CodeMark(r)
        | Token::Code(r)
        | Token::Autolink(r)
        | Token::Xref(r)
        | Token::LineBreak(r)
        | Token::Comment(r) => r.clone(),
        Token::Entity { raw, .. } => raw.clone(),
        Token::Delim(d) => d.range.clone(),
        Token::Bracket { range, .. } | Token::Target { range, .. } | Token::NoLoc { range, .. } => {
            range.clone()
        }
        Token::Tag(t) | Token::PseudoTag(t) => t.range.clone(),
    }
}

static SCHEME: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("://"));
static WWW: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("www."));

/// Where a bare URL starts in `s`: `https://`, `http://` or `www.` at the
/// start of a word.
fn find_url(s: &str) -> Option<usize> {
    static HTTP: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("http"));
    let mut from = 0;
    loop {
        let next = |f: &memmem::Finder| f.find(&s.as_bytes()[from..]).map(|i| from + i);
        let i = match (next(&HTTP), next(&WWW)) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        let rest = &s[i..];
        let starts_word = s[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if starts_word
            && (rest.starts_with("https://")
                || rest.starts_with("http://")
                || rest.starts_with("www."))
        {
            return Some(i);
        }
        from = i + 1;
    }
}

fn url_len(s: &str) -> usize {
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(s.len());
    s[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', '\''])
        .len()
}

/// What a translator would never write in parentheses after a UI term (and
/// not a whole link, as in `[UI] ([text](url))`).
fn looks_like_url(dest: &str) -> bool {
    !dest.contains(['[', ']'])
        && (dest.contains("://")
            || dest.starts_with(['/', '#'])
            || dest.starts_with("./")
            || dest.starts_with("../")
            || dest.starts_with("mailto:")
            || dest.starts_with("xref:")
            || dest.ends_with(".md")
            || dest.contains(".md#"))
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    match value.chars().next()? {
        q @ ('"' | '\'') => value[1..].find(q).map(|end| &value[1..end + 1]),
        _ => value.split([' ', '>']).next(),
    }
}

/// `[…]` pairs of the visible text with something in them, other than
/// `[!NOTE]` and `[!INCLUDE…]`.
fn bracket_groups(text: &str) -> u32 {
    if !text.contains('[') {
        return 0;
    }
    let mut groups = 0;
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '[' => open.push(i),
            ']' => {
                if let Some(o) = open.pop() {
                    let inner = &text[o + 1..i];
                    if !inner.trim().is_empty() && !inner.starts_with('!') {
                        groups += 1;
                    }
                }
            }
            _ => {}
        }
    }
    groups
}

/// `**[保存]**`, `** [保存] **`, `[**保存**]` not followed by a link destination.
fn bracketed_bold(raw: &str) -> Vec<Range<usize>> {
    static BOLD: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("**"));
    let mut found = Vec::new();
    let mut from = 0;
    // One searcher for every text, not one set up per text by `str::find`.
    while let Some(i) = BOLD.find(&raw.as_bytes()[from..]).map(|i| from + i) {
        let matched = bold_then_brackets(raw, i).or_else(|| brackets_then_bold(raw, i));
        match matched {
            Some(end) => {
                found.push(i..end);
                from = end;
            }
            None => from = i + 2,
        }
    }
    found
}

/// `**[…]**` at `at`: the end offset.
fn bold_then_brackets(raw: &str, at: usize) -> Option<usize> {
    let rest = &raw[at + 2..];
    let inner = rest.strip_prefix(' ').unwrap_or(rest).strip_prefix('[')?;
    let close = inner.find(['[', ']', '*'])?;
    if !inner[close..].starts_with(']') || inner[..close].trim().is_empty() {
        return None;
    }
    let after = &inner[close + 1..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let tail = after.strip_prefix("**")?;
    let next = tail.trim_start_matches(' ');
    (!next.starts_with('(')).then(|| raw.len() - tail.len())
}

/// `[**…**]` whose `**` starts at `at`: the end offset.
fn brackets_then_bold(raw: &str, at: usize) -> Option<usize> {
    let before = raw[..at].strip_suffix(' ').unwrap_or(&raw[..at]);
    before.strip_suffix('[')?;
    let inner = &raw[at + 2..];
    let close = inner.find(['[', ']', '*'])?;
    if inner[..close].trim().is_empty() || !inner[close..].starts_with("**") {
        return None;
    }
    let after = &inner[close + 2..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let tail = after.strip_prefix(']')?;
    (!tail.trim_start_matches(' ').starts_with('(')).then(|| raw.len() - tail.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_need_a_closing_run_of_the_same_length() {
        let p = Parsed::new("Run `Install-Module` and ``a ` b`` but not `open");
        assert_eq!(p.code, ["Install-Module", "a ` b"]);
        assert!(p.text.ends_with("`open"));
        // Glued spans from machine translation become one broken span.
        assert_eq!(
            Parsed::new("`PackageReference``Version`").code,
            ["PackageReference``Version"]
        );
    }

    #[test]
    fn links_images_autolinks_and_xrefs() {
        let p = Parsed::new(
            "See [the guide](../a/b.md#top \"Title\"), ![alt](img.png), <https://x.org/a> and <xref:Foo.Bar>.",
        );
        let dests: Vec<&str> = p.links.iter().map(|l| l.dest).collect();
        assert_eq!(
            dests,
            [
                "../a/b.md#top",
                "img.png",
                "https://x.org/a",
                "xref:Foo.Bar"
            ]
        );
        assert_eq!(p.links[0].text, Some("the guide"));
        assert_eq!(p.links[2].text, None);
        assert!(p.links[1].image);
        assert!(!p.text.contains("b.md"));
    }

    #[test]
    fn a_space_before_the_parenthesis_is_a_broken_link_only_for_url_like_targets() {
        let broken = Parsed::new("[Zuweisen von Rollen] (permissions-overview.md) und");
        assert!(broken.links[0].spaced);
        assert_eq!(broken.links[0].dest, "permissions-overview.md");
        // Japanese and Chinese UI terms followed by their translation in parentheses.
        let ui = Parsed::new("**[Accept and continue] (同意して続ける)** を選びます。");
        assert!(ui.links.is_empty());
        assert_eq!(ui.ui_term_marks(), 1);
        // zh-tw, nuget-docs: a link in parentheses after a UI term.
        let nested =
            Parsed::new("[方案總管] ([1274年](https://github.com/NuGet/Home/issues/1274))。");
        let dests: Vec<(&str, bool)> = nested.links.iter().map(|l| (l.dest, l.spaced)).collect();
        assert_eq!(
            dests,
            [("https://github.com/NuGet/Home/issues/1274", false)]
        );
    }

    #[test]
    fn an_unclosed_destination_still_counts_as_a_link() {
        let p = Parsed::new("in the [Operations Gallery](https://p.com/c#/ on the website.");
        assert_eq!(p.links[0].dest, "https://p.com/c#/");
    }

    #[test]
    fn include_notes_and_escaped_brackets() {
        let p = Parsed::new("[!INCLUDE[name](../includes/x.md)] \\[更新\\] [!NOTE]");
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.ui_term_marks(), 1);
    }

    #[test]
    fn bold_counts_what_renders_and_bracketed_ui_terms() {
        assert_eq!(Parsed::new("Select **Save** now").bold(), 1);
        assert_eq!(Parsed::new("選択 **保存**を").bold(), 1);
        assert_eq!(Parsed::new("a ** b").bold(), 0);
        assert_eq!(Parsed::new("**[保存]**を選択").bold(), 1);
        assert_eq!(Parsed::new("[**保存**] を選択").bold(), 1);
        assert_eq!(
            Parsed::new("<strong>update</strong> and <b>x</b>").bold(),
            2
        );
        assert_eq!(Parsed::new("\\*\\* literal").bold(), 0);
        assert_eq!(
            Parsed::new("就技術層面而言「任何」**字串。")
                .stray_strong
                .len(),
            1
        );
    }

    #[test]
    fn visible_text_decodes_entities_and_drops_markup() {
        let p =
            Parsed::new("**Save** &lt;value&gt; &amp; `code` at https://a.b/c?x=1. Done<br>next");
        assert_eq!(p.text, "Save <value> & \u{FFFC} at \u{FFFC}. Done next");
        assert_eq!(p.bare_urls, ["https://a.b/c?x=1"]);
        let words: Vec<&str> = p.words().collect();
        assert_eq!(words, ["Save", "value", "at", "Done", "next"]);
    }

    #[test]
    fn visible_offsets_map_back_to_the_raw_text() {
        let raw = "a **bold** &amp; `c` then";
        let p = Parsed::new(raw);
        let at = p.text.find("bold").unwrap();
        assert_eq!(&raw[p.raw_range(at..at + 4)], "bold");
        let amp = p.text.find('&').unwrap();
        assert_eq!(&raw[p.raw_range(amp..amp + 1)], "&amp;");
        let then = p.text.find("then").unwrap();
        assert_eq!(&raw[p.raw_range(then..then + 4)], "then");
    }

    #[test]
    fn tags_and_pseudo_tags() {
        let p = Parsed::new("x<sup>1</sup> <a name=\"top\"></a> <Subscription ID> a <= b");
        let names: Vec<(&str, bool)> = p.tags.iter().map(|t| (t.name, t.closing)).collect();
        assert_eq!(
            names,
            [
                ("sup", false),
                ("sup", true),
                ("a", false),
                ("a", true),
                ("Subscription", false)
            ]
        );
        assert!(p.text.ends_with("a <= b"));
    }
}
