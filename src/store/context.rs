//! What a document holds between its segments: code blocks, `[!INCLUDE]`s,
//! text left untranslated, an API reference's signatures. The reviewer sees
//! it dimmed at its place, so that an example sentence comes with its code
//! and a cmdlet page's SYNTAX heading with its syntax; it is context, never a
//! review item.

/// A stretch of a document that no segment covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// Index of the segment it stands before; the segment count for what
    /// follows the last segment.
    pub before: usize,
    /// 1-based line of its first line in the file.
    pub line: u32,
    pub kind: ContextKind,
    /// Its lines, joined with `\n`, indentation common to all taken off.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextKind {
    /// A fenced code block; its info string (`azurepowershell-interactive`).
    Code { info: String },
    /// An `[!INCLUDE[…](…)]` line: text from another file, not shown here.
    Include,
    /// Other lines no segment covers (untranslated text, tables of code).
    Text,
}

/// The context of one file's body. `covered` are the byte ranges of the
/// segments' markup in `text`, in document order; `line_of` maps a byte
/// offset to its line.
pub(super) fn gather(
    text: &str,
    body_start: usize,
    covered: &[(usize, usize)],
    line_of: impl Fn(usize) -> u32,
) -> Vec<Context> {
    if is_api_reference(&text[body_start..]) {
        return signatures(text, body_start, covered, line_of);
    }
    let mut out: Vec<Context> = Vec::new();
    let mut open: Option<Open> = None;
    for (start, line, next) in uncovered_lines(text, body_start, covered) {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(Open::Fence { marker, block }) = &mut open {
            let closing = fence(content).is_some_and(|(m, info)| m == *marker && info.is_empty());
            if !closing {
                block.lines.push(content.to_string());
                continue;
            }
            out.extend(open.take().map(Open::finish));
            continue;
        }
        // A text block ends at a blank line or where a segment came between.
        let interrupted = matches!(&open, Some(Open::Text(b)) if b.before != next);
        if content.trim().is_empty() || interrupted {
            out.extend(open.take().map(Open::finish));
            if content.trim().is_empty() {
                continue;
            }
        }
        let new_block = |kind| Block {
            before: next,
            line: line_of(start),
            kind,
            lines: Vec::new(),
        };
        if let Some((marker, info)) = fence(content) {
            out.extend(open.take().map(Open::finish));
            open = Some(Open::Fence {
                marker,
                block: new_block(ContextKind::Code {
                    info: info.to_string(),
                }),
            });
        } else if content.contains("[!INCLUDE") {
            out.extend(open.take().map(Open::finish));
            let mut block = new_block(ContextKind::Include);
            block.lines.push(content.to_string());
            out.push(block.finish());
        } else if !is_decoration(content) {
            match &mut open {
                Some(Open::Text(block)) => block.lines.push(content.to_string()),
                _ => {
                    out.extend(open.take().map(Open::finish));
                    let mut block = new_block(ContextKind::Text);
                    block.lines.push(content.to_string());
                    open = Some(Open::Text(block));
                }
            }
        }
    }
    // An unclosed fence runs to the end of the file, as Markdown renders it.
    out.extend(open.map(Open::finish));
    out.extend(beside_segments(text, body_start, covered, &line_of));
    // In document order: by the segment each stands before, then by line.
    out.sort_by_key(|c| (c.before, c.line));
    merge_text(out)
}

/// What the lines of the segments hold outside them that a reader needs:
/// the other cells of a table row (`Ctrl`+`F5` beside "Hard refresh", a
/// property name beside its description), code or a name between two
/// segments of a line. Markup the panes show in another form (list and
/// heading marks, table bars, anchors, a link's destination) is no reason
/// to show a piece.
fn beside_segments(
    text: &str,
    body_start: usize,
    covered: &[(usize, usize)],
    line_of: impl Fn(usize) -> u32,
) -> Vec<Context> {
    let bytes = text.as_bytes();
    let line_start = |at: usize| {
        memchr::memrchr(b'\n', &bytes[body_start..at]).map_or(body_start, |n| body_start + n + 1)
    };
    let line_end = |at: usize| memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |n| at + n);
    let mut out = Vec::new();
    let mut piece = |from: usize, to: usize, before: usize| {
        let raw = text[from..to].trim_matches(|c: char| c.is_whitespace() || c == '|');
        if says_something(raw) {
            out.push(Context {
                before,
                line: line_of(from),
                kind: ContextKind::Text,
                text: raw.to_string(),
            });
        }
    };
    for (i, &(start, end)) in covered.iter().enumerate() {
        let from = match i.checked_sub(1).map(|p| covered[p].1) {
            Some(previous_end) if previous_end >= line_start(start) => previous_end,
            _ => line_start(start),
        };
        piece(from.min(start), start, i);
        let to = line_end(end);
        if covered.get(i + 1).is_none_or(|next| next.0 > to) {
            piece(end, to, i + 1);
        }
    }
    out
}

/// Whether a piece of a segment's line holds words or numbers once the
/// markup around them is taken off: list, heading and quote marks, HTML
/// tags (anchors), link destinations, emphasis and table bars.
fn says_something(piece: &str) -> bool {
    let mut rest = piece.trim_start_matches(['>', ' ']);
    if rest.starts_with("[!") {
        // An alert's marker (`[!NOTE]`), shown as the segment's decoration.
        rest = rest.split_once(']').map_or(rest, |(_, after)| after);
    }
    rest = rest.trim_start_matches(['#', '-', '*', '+', ' ']);
    let numbered = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if numbered.len() < rest.len() && numbered.starts_with(['.', ')']) {
        rest = &numbered[1..];
    }
    let mut visible = String::new();
    let mut at = 0;
    // What a reader never sees: comments, tags, a link's destination, an
    // entity (`&nbsp;`), a DocFX image (`:::image … :::`, `:::image-end:::`).
    let hidden: [(&str, &str); 4] = [("<!--", "-->"), ("<", ">"), ("](", ")"), ("][", "]")];
    while let Some(c) = rest[at..].chars().next() {
        let here = &rest[at..];
        if let Some((open, close)) = hidden.iter().find(|(open, _)| here.starts_with(open)) {
            let after = at + open.len();
            at = rest[after..]
                .find(close)
                .map_or(rest.len(), |n| after + n + close.len());
            continue;
        }
        if here.starts_with(":::image") {
            let after = at + ":::image".len();
            at = rest[after..]
                .find(":::")
                .map_or(rest.len(), |n| after + n + 3);
            continue;
        }
        let entity = |end: usize| {
            (2..10).contains(&end)
                && here[1..end]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'#')
        };
        if c == '&'
            && let Some(end) = here.find(';').filter(|&n| entity(n))
        {
            at += end + 1;
            continue;
        }
        visible.push(c);
        at += c.len_utf8();
    }
    visible.chars().any(char::is_alphanumeric)
}

/// Text blocks between the same two segments are one block: a list of link
/// definitions, each separated by a blank line, reads as one.
fn merge_text(blocks: Vec<Context>) -> Vec<Context> {
    let mut out: Vec<Context> = Vec::with_capacity(blocks.len());
    for block in blocks {
        match out.last_mut() {
            Some(last)
                if last.kind == ContextKind::Text
                    && block.kind == ContextKind::Text
                    && last.before == block.before =>
            {
                last.text.push('\n');
                last.text.push_str(&block.text);
            }
            _ => out.push(block),
        }
    }
    out
}

/// The lines of the body that no segment touches, with their offset and
/// the index of the segment that follows them. Only the gaps between
/// segments are read, which in a segment file are a few bytes each.
fn uncovered_lines<'t>(
    text: &'t str,
    body_start: usize,
    covered: &'t [(usize, usize)],
) -> impl Iterator<Item = (usize, &'t str, usize)> + 't {
    (0..=covered.len()).flat_map(move |next| {
        let gap_end = covered.get(next).map_or(text.len(), |c| c.0);
        // After a segment, its own line is covered: start at the next one.
        let first = match next.checked_sub(1) {
            None => body_start,
            Some(prev) => {
                let end = covered[prev].1.min(gap_end);
                memchr::memchr(b'\n', &text.as_bytes()[end..gap_end])
                    .map_or(gap_end, |n| end + n + 1)
            }
        };
        let last_gap = next == covered.len();
        let mut at = first;
        std::iter::from_fn(move || {
            let rest = &text[at..gap_end];
            // A line that runs into the next segment is covered by it; the
            // file's last line may have no newline.
            let len = match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(n) => n + 1,
                None if last_gap && !rest.is_empty() => rest.len(),
                None => return None,
            };
            let line = (at, &rest[..len], next);
            at += len;
            Some(line)
        })
    })
}

/// A context block being gathered.
struct Block {
    before: usize,
    line: u32,
    kind: ContextKind,
    lines: Vec<String>,
}

impl Block {
    fn finish(self) -> Context {
        let indent = self
            .lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .min()
            .unwrap_or(0);
        let text = self
            .lines
            .iter()
            .map(|l| l.get(indent..).unwrap_or("").trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        Context {
            before: self.before,
            line: self.line,
            kind: self.kind,
            text,
        }
    }
}

enum Open {
    Fence { marker: &'static str, block: Block },
    Text(Block),
}

impl Open {
    fn finish(self) -> Context {
        match self {
            Open::Fence { block, .. } | Open::Text(block) => block.finish(),
        }
    }
}

/// A fence line (```` ```lang ````, `~~~`, inside a list or a quote): its
/// marker and info string.
fn fence(line: &str) -> Option<(&'static str, &str)> {
    let rest = line.trim_start_matches([' ', '>']).trim_start();
    ["```", "~~~"]
        .into_iter()
        .find(|m| rest.starts_with(m))
        .map(|m| (m, rest.trim_start_matches(m.as_bytes()[0] as char).trim()))
}

/// Lines the panes already show in another form, or that say nothing to a
/// reader: alert markers (`> [!NOTE]`, shown as the segment's decoration),
/// anchors, comments, table rules, quote bars.
fn is_decoration(line: &str) -> bool {
    let t = line.trim().trim_start_matches('>').trim();
    t.is_empty()
        || (t.starts_with("[!") && t.ends_with(']') && !t.contains('('))
        || (t.starts_with("<a ") && t.ends_with("</a>"))
        || (t.starts_with("<!--") && t.ends_with("-->"))
        || t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
}

/// The .NET API reference saved as `.md` (ECMA XML): its markup around the
/// spans is no reading matter, but each member's C# signature tells the
/// reviewer which identifiers a sentence must keep.
pub(super) fn is_api_reference(body: &str) -> bool {
    let head = body.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<Type ") || head.starts_with("<Namespace ")
}

/// Each member's C# signature and the part of it each description is.
fn signatures(
    text: &str,
    body_start: usize,
    covered: &[(usize, usize)],
    line_of: impl Fn(usize) -> u32,
) -> Vec<Context> {
    const MARK: &str = "Signature Language=\"C#\" Value=\"";
    let mut out = Vec::new();
    let mut from = body_start;
    while let Some(found) = text[from..].find(MARK) {
        let value_start = from + found + MARK.len();
        let Some(len) = text[value_start..].find('"') else {
            break;
        };
        let value = &text[value_start..value_start + len];
        out.push(Context {
            before: covered.partition_point(|&(start, _)| start < value_start),
            line: line_of(value_start),
            kind: ContextKind::Code {
                info: "csharp".into(),
            },
            text: unescape_xml(value),
        });
        from = value_start + len;
    }
    out.extend(member_parts(text, body_start, covered, &line_of));
    out.sort_by_key(|c| (c.before, c.line));
    out
}

/// Which part of a member a description is: a parameter's, a type
/// parameter's, the return value's or an exception's, named as the XML
/// names it; and the summary, when such a part came before it. The
/// descriptions are segments one after the other; without this, three
/// parameters read as three unlabelled sentences. A part left untranslated
/// (`To be added.`) holds no segment and gets no label.
fn member_parts(
    text: &str,
    body_start: usize,
    covered: &[(usize, usize)],
    line_of: impl Fn(usize) -> u32,
) -> Vec<Context> {
    const PARTS: [(&str, &str, &str); 6] = [
        ("<Docs>", "", ""),
        ("<summary>", "summary", "</summary>"),
        ("<param name=\"", "parameter", "</param>"),
        ("<typeparam name=\"", "type parameter", "</typeparam>"),
        ("<exception cref=\"", "exception", "</exception>"),
        ("<returns>", "returns", "</returns>"),
    ];
    let body = &text[body_start..];
    let mut tags: Vec<(usize, usize)> = PARTS
        .iter()
        .enumerate()
        .flat_map(|(kind, (tag, _, _))| {
            body.match_indices(tag)
                .map(move |(at, _)| (body_start + at, kind))
        })
        .collect();
    tags.sort_unstable();
    let mut out = Vec::new();
    // Whether a labelled part came before, in this member's docs.
    let mut parts_before = false;
    for (start, kind) in tags {
        let (tag, what, closing) = PARTS[kind];
        if tag == "<Docs>" {
            parts_before = false;
            continue;
        }
        let after = start + tag.len();
        let end = text[after..]
            .find(closing)
            .map_or(text.len(), |n| after + n);
        let before = covered.partition_point(|&(start_of, _)| start_of < start);
        let holds_segment = covered.get(before).is_some_and(|&(s, _)| s < end);
        if !holds_segment || (what == "summary" && !parts_before) {
            continue;
        }
        parts_before = true;
        let name = match tag.ends_with('"') {
            true => text[after..].split('"').next().unwrap_or_default(),
            false => "",
        };
        // `T:System.ArgumentException`: the kind of member is no reading matter.
        let name = match name.as_bytes() {
            [kind, b':', ..] if kind.is_ascii_uppercase() => &name[2..],
            _ => name,
        };
        let text = match name.is_empty() {
            true => what.to_string(),
            false => format!("{what} {}", unescape_xml(name)),
        };
        out.push(Context {
            before,
            line: line_of(start),
            kind: ContextKind::Text,
            text,
        });
    }
    out
}

/// The five XML entities an attribute value uses.
fn unescape_xml(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
