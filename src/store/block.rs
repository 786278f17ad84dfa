//! Which Markdown block holds a span: one pass over the body's lines with the
//! little CommonMark context that matters here (fences, indented code, lists,
//! quotes, tables, raw HTML blocks, DocFX's `:::row:::` containers). Spans
//! inside a raw HTML block are placed by the element `scraper` finds around
//! them.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

/// The Markdown block that holds a segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Block {
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem {
        /// 0 for a top-level item, 1 for an item nested in it, …
        depth: u8,
        /// The number an ordered item shows, as Markdown counts it: the
        /// first item's own, then one more per item (`1.` written on every
        /// item shows 1, 2, 3); `None` for a bullet.
        number: Option<u32>,
    },
    TableCell,
    /// A block quote, or a `> [!NOTE]`-style alert.
    Quote {
        alert: Option<Box<str>>,
    },
    /// A span inside a front-matter value such as `title`.
    FrontMatter {
        key: Box<str>,
    },
    Other,
}

impl Block {
    /// The SPEC name printed by `dump`.
    pub fn name(&self) -> &'static str {
        match self {
            Block::Heading { .. } => "heading",
            Block::Paragraph => "paragraph",
            Block::ListItem { .. } => "list-item",
            Block::TableCell => "table-cell",
            Block::Quote { .. } => "quote",
            Block::FrontMatter { .. } => "front-matter",
            Block::Other => "other",
        }
    }
}

/// Where a segment sits: its block, and a key equal for segments of one block
/// instance (one paragraph, one list item, one table cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub block: Block,
    pub key: (u32, u32),
}

#[derive(Debug, Clone)]
enum LineKind {
    Block { block: Block, group: u32 },
    Table { group: u32 },
    Html { block: usize, group: u32 },
}

/// Classification of every body line of one file.
pub struct BlockMap<'a> {
    text: &'a str,
    /// Where the body starts: after the front matter, or after a
    /// byte-order mark on the first line, which no block rule sees.
    body_start: usize,
    /// Byte offset where each line starts, for the whole file.
    line_starts: Vec<usize>,
    /// Per line; `None` for lines before the body.
    kinds: Vec<Option<LineKind>>,
    /// Byte ranges of raw HTML blocks.
    html_blocks: Vec<(usize, usize)>,
    parsed_html: HashMap<usize, HtmlBlock>,
    /// Where the last count of a table row's pipes stopped, so that the next
    /// segment of the row goes on from there: a row of many segments was read
    /// from its start for each of them.
    pipes: PipeCount,
}

/// Unescaped pipes counted from a line's start up to `offset`.
#[derive(Default, Clone, Copy)]
struct PipeCount {
    line: usize,
    offset: usize,
    pipes: u32,
    escaped: bool,
}

/// A raw HTML block, parsed, with where each of its target spans stands.
struct HtmlBlock {
    html: Html,
    /// Per `data-ttu-id`, in document order: the element that places each
    /// span with that id (its hash) and the block it makes, if any.
    spans: HashMap<String, Vec<Option<(Block, u32)>>>,
}

impl HtmlBlock {
    /// Parses the block and places all its spans in one walk: asking the
    /// selector engine for each span by id walked the whole block per span.
    fn new(text: &str) -> HtmlBlock {
        static SPANS: LazyLock<Selector> =
            LazyLock::new(|| Selector::parse("span[data-ttu-id]").expect("a valid selector"));
        let html = Html::parse_fragment(text);
        let mut spans: HashMap<String, Vec<Option<(Block, u32)>>> = HashMap::new();
        for span in html.select(&SPANS) {
            if let Some(id) = span.value().attr("data-ttu-id") {
                spans
                    .entry(id.to_string())
                    .or_default()
                    .push(container(span));
            }
        }
        HtmlBlock { html, spans }
    }
}

/// The element around a span that says which block it is in, and its hash.
fn container(span: ElementRef) -> Option<(Block, u32)> {
    // A cell, item, heading or quote says more than a `<p>` inside it.
    let ancestors = || span.ancestors().filter_map(ElementRef::wrap);
    let element = ancestors()
        .find(|e| html_block(e.value().name()).is_some_and(|b| b != Block::Paragraph))
        .or_else(|| ancestors().find(|e| html_block(e.value().name()).is_some()))?;
    Some((
        html_block(element.value().name()).unwrap_or(Block::Other),
        hash_id(element.id()),
    ))
}

impl<'a> BlockMap<'a> {
    pub fn new(text: &'a str, body_start: usize) -> BlockMap<'a> {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .filter(|&s| s <= text.len())
            .collect();
        let mut map = BlockMap {
            text,
            body_start,
            kinds: vec![None; line_starts.len()],
            line_starts,
            html_blocks: Vec::new(),
            parsed_html: HashMap::new(),
            pipes: PipeCount::default(),
        };
        map.classify(body_start);
        map
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.line_starts.partition_point(|&s| s <= offset) as u32
    }

    fn line(&self, index: usize) -> &'a str {
        let start = self.line_starts[index].max(self.body_start);
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The block of the span whose opening tag is at `offset`, on 1-based
    /// `line`; `id` and `occurrence` (0 for the first span with that id in
    /// the file) find it in raw HTML.
    pub fn placement(
        &mut self,
        offset: usize,
        line: u32,
        id: &str,
        occurrence: usize,
    ) -> Placement {
        let line = line as usize - 1;
        match self.kinds[line].clone() {
            None => Placement {
                block: Block::Other,
                key: (u32::MAX, 0),
            },
            Some(LineKind::Block { block, group }) => Placement {
                block,
                key: (group, 0),
            },
            Some(LineKind::Table { group }) => Placement {
                block: Block::TableCell,
                key: (group, self.cell_index(line, offset)),
            },
            Some(LineKind::Html { block, group }) => {
                self.html_placement(block, group, id, occurrence)
            }
        }
    }

    /// Counts the unescaped pipes before `offset` on its line, leading pipe excluded.
    fn cell_index(&mut self, line: usize, offset: usize) -> u32 {
        let start = self.line_starts[line].max(self.body_start);
        let lead = self.text[start..offset].trim_start().starts_with('|') as u32;
        let mut count = match self.pipes {
            known if known.line == line && known.offset <= offset => known,
            _ => PipeCount {
                line,
                offset: start,
                ..PipeCount::default()
            },
        };
        for b in self.text[count.offset..offset].bytes() {
            if b == b'|' && !count.escaped {
                count.pipes += 1;
            }
            count.escaped = b == b'\\' && !count.escaped;
        }
        count.offset = offset;
        self.pipes = count;
        let pipes = count.pipes;
        pipes - lead.min(pipes)
    }

    fn html_placement(
        &mut self,
        index: usize,
        group: u32,
        id: &str,
        occurrence: usize,
    ) -> Placement {
        let (start, end) = self.html_blocks[index];
        let text = self.text;
        let html = self
            .parsed_html
            .entry(index)
            .or_insert_with(|| HtmlBlock::new(&text[start..end]));
        let other = Placement {
            block: Block::Other,
            key: (group, 0),
        };
        // An id of the official form matches its attribute byte for byte; any
        // other goes through the selector engine, whose CSS string syntax
        // decides (a line break in an id matches nothing).
        let placed = if is_plain_id(id) {
            html.spans
                .get(id)
                .and_then(|spans| spans.get(occurrence))
                .cloned()
        } else {
            let Ok(selector) =
                Selector::parse(&format!("span[data-ttu-id=\"{}\"]", css_escape(id)))
            else {
                return other;
            };
            html.html.select(&selector).nth(occurrence).map(container)
        };
        match placed.flatten() {
            Some((block, element)) => Placement {
                block,
                key: (group, element),
            },
            None => other,
        }
    }

    fn classify(&mut self, body_start: usize) {
        let first = self.line_of(body_start) as usize - 1;
        let mut state = State {
            xml: super::context::is_api_reference(&self.text[body_start..]),
            ..State::default()
        };
        let mut line = first;
        while line < self.line_starts.len() {
            line = self.classify_from(line, &mut state);
        }
    }

    /// Classifies the line at `index` (and, for multi-line constructs, those
    /// after it); returns the next line to look at.
    fn classify_from(&mut self, index: usize, state: &mut State) -> usize {
        let raw = self.line(index);
        let indent = indent_of(raw);
        let rest = raw.trim_start();

        if let Some((fence_char, len)) = state.fence {
            // Fence characters are ASCII (`` ` `` or `~`).
            let fence_byte = fence_char as u8;
            if rest
                .as_bytes()
                .get(..len)
                .is_some_and(|run| run.iter().all(|&b| b == fence_byte))
                && rest.trim_end().bytes().all(|b| b == fence_byte)
            {
                state.fence = None;
            }
            self.kinds[index] = Some(other(state));
            return index + 1;
        }
        if rest.is_empty() {
            state.blank();
            return index + 1;
        }
        // DocFX's `:::` lines are markup around blocks, never their text.
        if let Some(docfx) = docfx_line(rest) {
            state.block_at(indent);
            state.docfx(docfx);
            state.new_group();
            state.in_paragraph = false;
            state.quote = None;
            self.kinds[index] = Some(other(state));
            return index + 1;
        }
        // Indented code cannot interrupt a paragraph: an indented line right
        // after text goes on with that text.
        if !state.in_paragraph && state.is_indented_code(indent) {
            state.quote = None;
            self.kinds[index] = Some(other(state));
            return index + 1;
        }
        if let Some(fence) = fence_start(rest) {
            state.block_at(indent);
            state.fence = Some(fence);
            state.in_paragraph = false;
            self.kinds[index] = Some(other(state));
            return index + 1;
        }
        if indent <= 3 && html_block_start(rest) {
            state.block_at(indent);
            state.new_group();
            state.in_paragraph = false;
            return self.html_block(index, state.group);
        }
        if let Some(quote) = rest.strip_prefix('>') {
            state.block_at(indent);
            let marker = quote.trim_start();
            if state.quote.is_none() || marker.is_empty() {
                state.new_group();
            }
            let alert = alert_of(marker).or_else(|| state.quote.clone().flatten());
            state.quote = Some(alert.clone());
            state.in_paragraph = !marker.is_empty();
            self.kinds[index] = Some(LineKind::Block {
                block: Block::Quote { alert },
                group: state.group,
            });
            return index + 1;
        }
        if let Some(alert) = state.quote.take() {
            // CommonMark's lazy continuation: a plain line right after quoted
            // text still belongs to the quote.
            if state.in_paragraph && heading_level(rest).is_none() && list_marker(rest).is_none() {
                self.kinds[index] = Some(LineKind::Block {
                    block: Block::Quote {
                        alert: alert.clone(),
                    },
                    group: state.group,
                });
                state.quote = Some(alert);
                return index + 1;
            }
            state.in_paragraph = false;
        }
        if let Some(level) = heading_level(rest) {
            state.block_at(indent);
            state.new_group();
            state.in_paragraph = false;
            self.kinds[index] = Some(LineKind::Block {
                block: Block::Heading { level },
                group: state.group,
            });
            return index + 1;
        }
        if let Some(written) = list_marker(rest) {
            state.new_group();
            state.in_paragraph = true;
            let (depth, number) = state.push_item(indent, content_column(indent, rest), written);
            self.kinds[index] = Some(LineKind::Block {
                block: Block::ListItem { depth, number },
                group: state.group,
            });
            return index + 1;
        }
        if !state.in_paragraph {
            if let Some(next) = self.table_at(index, state) {
                return next;
            }
            if let Some(level) = self.setext_level(index) {
                state.block_at(indent);
                state.new_group();
                self.kinds[index] = Some(LineKind::Block {
                    block: Block::Heading { level },
                    group: state.group,
                });
                self.kinds[index + 1] = Some(other(state));
                return index + 2;
            }
        }
        // Indented text under a list item continues it; unindented text after a
        // blank line ends the list.
        let in_list = state.continue_list(indent);
        if !state.in_paragraph {
            state.new_group();
            state.in_paragraph = true;
        }
        let block = match in_list {
            Some(depth) => Block::ListItem {
                depth,
                number: None,
            },
            None => Block::Paragraph,
        };
        self.kinds[index] = Some(LineKind::Block {
            block,
            group: state.group,
        });
        index + 1
    }

    /// A pipe table starting at `index` (header row, then delimiter row):
    /// classifies all its rows and returns the line after it.
    fn table_at(&mut self, index: usize, state: &mut State) -> Option<usize> {
        let header = self.line(index);
        let delimiter = self
            .line_starts
            .get(index + 1)
            .map(|_| self.line(index + 1))?;
        if !header.contains('|') || !is_delimiter_row(delimiter) {
            return None;
        }
        state.block_at(indent_of(header));
        let mut line = index;
        while line < self.line_starts.len() {
            let row = self.line(line);
            if row.trim().is_empty() || (line > index + 1 && !row.contains('|')) {
                break;
            }
            state.new_group();
            self.kinds[line] = Some(LineKind::Table { group: state.group });
            line += 1;
        }
        Some(line)
    }

    fn setext_level(&self, index: usize) -> Option<u8> {
        let next = self
            .line_starts
            .get(index + 1)
            .map(|_| self.line(index + 1))?;
        let next = next.trim();
        if next.is_empty() {
            return None;
        }
        if next.bytes().all(|b| b == b'=') {
            Some(1)
        } else if next.len() >= 2 && next.bytes().all(|b| b == b'-') {
            Some(2)
        } else {
            None
        }
    }

    /// A raw HTML block from `index`: a comment up to the line that closes
    /// it (CommonMark's type 2), any other up to a blank line. HTML blocks
    /// that only blank lines part are parsed as one, as a browser reads the
    /// page: a table with a blank line inside keeps its cells.
    fn html_block(&mut self, index: usize, group: u32) -> usize {
        let block = self.html_blocks.len();
        let mut line = index;
        loop {
            let comment = self.line(line).trim_start().starts_with("<!--");
            while line < self.line_starts.len() {
                let text = self.line(line);
                if !comment && text.trim().is_empty() {
                    break;
                }
                self.kinds[line] = Some(LineKind::Html { block, group });
                line += 1;
                if comment && text.contains("-->") {
                    break;
                }
            }
            if comment {
                break;
            }
            let mut next = line;
            while next < self.line_starts.len() && self.line(next).trim().is_empty() {
                next += 1;
            }
            let joins = next < self.line_starts.len() && next > line && {
                let text = self.line(next);
                let rest = text.trim_start();
                indent_of(text) <= 3 && html_block_start(rest) && !rest.starts_with("<!--")
            };
            if !joins {
                break;
            }
            line = next;
        }
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.html_blocks
            .push((self.line_starts[index].max(self.body_start), end));
        line
    }
}

/// An open list item.
struct Item {
    /// The indent of its marker.
    marker: usize,
    /// The column its content starts at: its own indented code starts four
    /// columns further in.
    content: usize,
    /// The number it shows if it is ordered.
    number: Option<u32>,
}

#[derive(Default)]
struct State {
    fence: Option<(char, usize)>,
    /// The open list items, outermost first.
    items: Vec<Item>,
    /// The open DocFX containers (`:::row:::`, `:::column:::`…), outermost
    /// first: how many list items were open when each began.
    containers: Vec<usize>,
    /// The body is the .NET API reference in ECMA XML, indented as XML is.
    xml: bool,
    /// `Some(alert)` while inside a block quote.
    quote: Option<Option<Box<str>>>,
    in_paragraph: bool,
    after_blank: bool,
    group: u32,
}

impl State {
    fn new_group(&mut self) {
        self.group += 1;
    }

    fn blank(&mut self) {
        self.in_paragraph = false;
        self.after_blank = true;
        self.quote = None;
    }

    /// Opens an item whose marker is at `indent` and whose content starts
    /// at column `content`, and that reads `written` (a number, or `None`
    /// for a bullet); returns its depth and the number it shows: one more
    /// than an ordered item before it in the same list.
    fn push_item(
        &mut self,
        indent: usize,
        content: usize,
        written: Option<u32>,
    ) -> (u8, Option<u32>) {
        let mut sibling = None;
        while let Some(top) = self.items.last()
            && top.marker >= indent
        {
            sibling = (top.marker == indent).then_some(top.number).flatten();
            self.items.pop();
        }
        let number = written.map(|n| sibling.map_or(n, |before| before.saturating_add(1)));
        self.items.push(Item {
            marker: indent,
            content,
            number,
        });
        self.after_blank = false;
        ((self.items.len() - 1).min(u8::MAX as usize) as u8, number)
    }

    /// A block other than text or a list item starts at `indent`. At the
    /// margin it ends every list, whatever stood between: no item's content
    /// starts at column 0.
    fn block_at(&mut self, indent: usize) {
        if indent == 0 {
            self.items.clear();
        }
    }

    fn docfx(&mut self, line: Docfx) {
        match line {
            Docfx::Open => self.containers.push(self.items.len()),
            // A list begun inside a container ends with it.
            Docfx::Close => {
                if let Some(items) = self.containers.pop() {
                    self.items.truncate(items);
                }
            }
            Docfx::Leaf => {}
        }
    }

    /// Whether a line at `indent` that no paragraph goes on into is
    /// CommonMark's indented code: four columns past the content of the
    /// list item it stands under, or past the margin outside lists. Inside
    /// a DocFX container or the XML API reference there is none: their
    /// text is indented at will, and the docs show it as text.
    fn is_indented_code(&self, indent: usize) -> bool {
        if self.xml || !self.containers.is_empty() {
            return false;
        }
        let margin = (self.items.iter().rev())
            .find(|item| item.marker < indent)
            .map_or(0, |item| item.content);
        indent >= margin + 4
    }

    /// For a text line at `indent`: the depth of the list item it continues, if any.
    fn continue_list(&mut self, indent: usize) -> Option<u8> {
        if self.items.is_empty() {
            return None;
        }
        if self.after_blank && indent == 0 {
            self.items.clear();
            self.after_blank = false;
            return None;
        }
        self.after_blank = false;
        // A line that goes on with an item's text closes no item, however
        // little it is indented (CommonMark's lazy continuation): closing
        // them here put the indented code after it under the wrong item.
        if indent > 0 && !self.in_paragraph {
            while self.items.len() > 1 && self.items.last().is_some_and(|top| top.marker >= indent)
            {
                self.items.pop();
            }
        }
        Some((self.items.len() - 1) as u8)
    }
}

fn other(state: &State) -> LineKind {
    LineKind::Block {
        block: Block::Other,
        group: state.group,
    }
}

fn indent_of(line: &str) -> usize {
    let mut width = 0;
    for b in line.bytes() {
        match b {
            b' ' => width += 1,
            b'\t' => width += 4 - width % 4,
            _ => break,
        }
    }
    width
}

fn fence_start(rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let len = rest.chars().take_while(|&x| x == c).count();
    (len >= 3).then_some((c, len))
}

fn heading_level(rest: &str) -> Option<u8> {
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let after = rest.as_bytes().get(hashes);
    ((1..=6).contains(&hashes) && after.is_none_or(|b| *b == b' ' || *b == b'\t'))
        .then_some(hashes as u8)
}

/// A list item's marker at the start of `rest`: `Some(None)` for a
/// bullet, `Some(Some(n))` for an ordered item numbered `n`.
fn list_marker(rest: &str) -> Option<Option<u32>> {
    let bytes = rest.as_bytes();
    let spaced = |i: usize| bytes.get(i).is_none_or(|b| *b == b' ' || *b == b'\t');
    match bytes.first()? {
        b'-' | b'*' | b'+' if spaced(1) && !is_thematic_break(rest) => Some(None),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let marker =
                digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && spaced(digits + 1);
            // Nine digits at most (CommonMark's limit) always fit a u32.
            marker.then(|| rest[..digits].parse().ok())
        }
        _ => None,
    }
}

/// The column where the content of a list item starts, for a line at
/// `indent` whose `rest` starts with the item's marker: past the marker and
/// the spaces after it, or one space past the marker when five or more
/// follow it (its content is then indented code) or nothing does.
fn content_column(indent: usize, rest: &str) -> usize {
    let marker = match rest.as_bytes().first() {
        Some(b'0'..=b'9') => rest.bytes().take_while(u8::is_ascii_digit).count() + 1,
        _ => 1,
    };
    let after_marker = indent + marker;
    let mut column = after_marker;
    let mut content = &rest[marker..];
    while let Some(b) = content.bytes().next() {
        match b {
            b' ' => column += 1,
            b'\t' => column += 4 - column % 4,
            _ => break,
        }
        content = &content[1..];
    }
    match content.is_empty() || column - after_marker > 4 {
        true => after_marker + 1,
        false => column,
    }
}

/// A line of DocFX's `:::` syntax.
enum Docfx {
    /// `:::row:::`, `:::column span="2":::`, a complex `:::image`…: Markdown
    /// follows, up to the matching `-end` line.
    Open,
    /// `:::row-end:::` and the like.
    Close,
    /// A line on its own, such as a plain `:::image …:::`.
    Leaf,
}

fn docfx_line(rest: &str) -> Option<Docfx> {
    let name = rest.strip_prefix(":::")?;
    let name = &name[..name
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-')
        .count()];
    Some(if name.ends_with("-end") {
        Docfx::Close
    } else if matches!(name, "row" | "column" | "zone" | "moniker")
        || (name == "image" && rest.contains("type=\"complex\""))
    {
        Docfx::Open
    } else {
        Docfx::Leaf
    })
}

fn is_thematic_break(rest: &str) -> bool {
    let first = rest.as_bytes()[0];
    let mut marks = 0;
    for b in rest.bytes() {
        match b {
            b' ' | b'\t' => {}
            _ if b == first => marks += 1,
            _ => return false,
        }
    }
    marks >= 3
}

fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
        && (line.contains('|') || line.starts_with('-'))
}

/// CommonMark HTML block kinds 2 and 6: comments and block-level tags.
fn html_block_start(rest: &str) -> bool {
    const TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ];
    if rest.starts_with("<!--") {
        return true;
    }
    let Some(tag) = rest.strip_prefix("</").or_else(|| rest.strip_prefix('<')) else {
        return false;
    };
    let name_len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &tag[..name_len];
    let after = tag.as_bytes().get(name_len);
    TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
        && after.is_none_or(|b| matches!(b, b' ' | b'\t' | b'>' | b'/'))
}

/// `[!NOTE]` and the like at the start of a quote line.
fn alert_of(marker: &str) -> Option<Box<str>> {
    let inner = marker.strip_prefix("[!")?;
    let end = inner.find(']')?;
    let word = &inner[..end];
    (!word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| word.to_ascii_uppercase().into())
}

fn html_block(name: &str) -> Option<Block> {
    Some(match name {
        "td" | "th" => Block::TableCell,
        "li" => Block::ListItem {
            depth: 0,
            number: None,
        },
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Block::Heading {
            level: name.as_bytes()[1] - b'0',
        },
        "blockquote" => Block::Quote { alert: None },
        "p" | "dd" | "dt" => Block::Paragraph,
        _ => return None,
    })
}

/// Letters, digits, `-` and `_`: ids that CSS reads as they stand.
fn is_plain_id(id: &str) -> bool {
    id.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn css_escape(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}

fn hash_id<T: std::hash::Hash>(value: T) -> u32 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value) as u32
}
