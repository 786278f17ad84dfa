//! Finds target/source span pairs in one text, with byte offsets.
//!
//! Official files always use the exact markup
//! `<span data-ttu-id="ID">T</span><span class="sxs-lookup"><span data-stu-id="ID">S</span></span>`,
//! so tags of exactly that form are recognised by a byte comparison. Any other
//! `<span …>` tag (other quoting, extra attributes, upper case) has its attributes
//! read by `scraper`, so odd but valid HTML pairs the same way. Offsets, not a DOM,
//! are what we need: the texts must come out byte for byte as in the file.
//!
//! The scanner never recurses and looks at every tag a bounded number of times, so
//! 100,000 nested spans or an 8 MB line cost linear time.

use std::borrow::Cow;

use memchr::memchr_iter;

const TARGET_OPEN: &[u8] = b"<span data-ttu-id=\"";
const SOURCE_OPEN: &[u8] = b"<span data-stu-id=\"";
const LOOKUP_OPEN: &[u8] = b"<span class=\"sxs-lookup\">";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `<span data-ttu-id="…">`: a target.
    Target,
    /// `<span class="sxs-lookup">`: the wrapper of a source.
    Lookup,
    /// `<span data-stu-id="…">`: a source.
    Source,
    /// Any other `<span>`.
    Other,
    /// `</span>`.
    Close,
}

#[derive(Debug, Clone)]
struct Tag<'a> {
    kind: Kind,
    start: usize,
    end: usize,
    /// The id attribute of a target or source: borrowed from the text, unless
    /// an HTML parser had to read it (other quoting, entities).
    id: Cow<'a, str>,
}

/// One target and, when it has one, its source; offsets into the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair<'a> {
    pub id: Cow<'a, str>,
    /// Offset of the target's opening `<span`.
    pub start: usize,
    pub target: (usize, usize),
    pub source: Option<(usize, usize)>,
}

/// Something that could not be paired; `at` is an offset into the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: usize,
    pub id: Option<String>,
    pub message: String,
}

/// Everything found in one text.
#[derive(Debug, Default)]
pub struct Scan<'a> {
    pub pairs: Vec<Pair<'a>>,
    pub problems: Vec<Problem>,
}

/// Scans `text` for span pairs. Never fails: each thing that does not pair
/// becomes a `Problem`, and every good pair is kept.
pub fn scan(text: &str) -> Scan<'_> {
    let tags = tokenize(text);
    let mut out = Scan::default();
    let mut parser = Parser {
        tags: &tags,
        text: text.as_bytes(),
        pos: 0,
        out: &mut out,
    };
    parser.run();
    out
}

struct Parser<'a, 't> {
    tags: &'t [Tag<'a>],
    text: &'a [u8],
    pos: usize,
    out: &'t mut Scan<'a>,
}

/// How a search for the closing tag of a span ended.
enum Closing {
    /// The `</span>` at this tag index.
    At(usize),
    /// A segment tag (target, lookup, source) at this index came first.
    Interrupted(usize),
    /// The text ended first.
    Eof,
}

impl<'a> Parser<'a, '_> {
    fn run(&mut self) {
        // Depth of plain `<span>`s open outside any segment, so their `</span>`
        // is not reported as stray.
        let mut other_depth = 0usize;
        while self.pos < self.tags.len() {
            let tag = &self.tags[self.pos];
            match tag.kind {
                Kind::Target => self.target(),
                Kind::Lookup => {
                    let at = tag.start;
                    let id = self.inner_source_id(self.pos);
                    self.problem(
                        at,
                        id.clone(),
                        match id {
                            Some(_) => "source has no target span before it; skipped",
                            None => "sxs-lookup span has no target span before it; skipped",
                        },
                    );
                    self.skip_element();
                }
                Kind::Source => {
                    let (at, id) = (tag.start, tag.id.to_string());
                    self.problem(
                        at,
                        Some(id),
                        "data-stu-id span outside an sxs-lookup span, with no target; skipped",
                    );
                    self.skip_element();
                }
                Kind::Other => {
                    other_depth += 1;
                    self.pos += 1;
                }
                Kind::Close => {
                    if other_depth > 0 {
                        other_depth -= 1;
                    } else {
                        self.problem(tag.start, None, "stray </span> with no open span; ignored");
                    }
                    self.pos += 1;
                }
            }
        }
    }

    fn problem(&mut self, at: usize, id: Option<String>, message: &str) {
        self.out.problems.push(Problem {
            at,
            id,
            message: message.to_string(),
        });
    }

    /// Finds the `</span>` that closes the span opened at tag `open`, counting
    /// plain nested spans; stops at any segment tag, which nesting never legitimately holds.
    fn closing(&self, open: usize) -> Closing {
        let mut depth = 0usize;
        for (i, tag) in self.tags.iter().enumerate().skip(open + 1) {
            match tag.kind {
                Kind::Other => depth += 1,
                Kind::Close if depth == 0 => return Closing::At(i),
                Kind::Close => depth -= 1,
                Kind::Target | Kind::Lookup | Kind::Source => return Closing::Interrupted(i),
            }
        }
        Closing::Eof
    }

    /// The tag at `i` if it follows byte offset `after` with only white space between.
    fn next_adjacent(&self, i: usize, after: usize, kind: Kind) -> Option<usize> {
        let tag = self.tags.get(i)?;
        (tag.kind == kind
            && self.text[after..tag.start]
                .iter()
                .all(u8::is_ascii_whitespace))
        .then_some(i)
    }

    fn target(&mut self) {
        let open = self.pos;
        let (start, content, id) = {
            let t = &self.tags[open];
            (t.start, t.end, t.id.clone())
        };
        let close = match self.closing(open) {
            Closing::At(i) => i,
            Closing::Interrupted(i) => {
                self.problem(
                    start,
                    Some(id.into_owned()),
                    "target span is never closed; skipped",
                );
                self.pos = i;
                return;
            }
            Closing::Eof => {
                self.problem(
                    start,
                    Some(id.into_owned()),
                    "target span is never closed; skipped",
                );
                self.pos = self.tags.len();
                return;
            }
        };
        let target = (content, self.tags[close].start);
        self.pos = close + 1;
        let source = self.lookup(&id, self.tags[close].end);
        self.out.pairs.push(Pair {
            id,
            start,
            target,
            source,
        });
    }

    /// Reads the lookup that should follow a target ending at `after`;
    /// returns the source's content range when it pairs with `id`.
    fn lookup(&mut self, id: &str, after: usize) -> Option<(usize, usize)> {
        let Some(lookup) = self.next_adjacent(self.pos, after, Kind::Lookup) else {
            self.problem_for(
                id,
                after,
                "target has no source (no sxs-lookup span follows it)",
            );
            return None;
        };
        let lookup_end = self.tags[lookup].end;
        let Some(src) = self.next_adjacent(lookup + 1, lookup_end, Kind::Source) else {
            self.problem_for(
                id,
                after,
                "sxs-lookup span holds no data-stu-id span; no source",
            );
            self.pos = lookup + 1;
            self.skip_rest_of(lookup);
            return None;
        };
        let tags = self.tags;
        let (src_id, src_content) = (&tags[src].id, tags[src].end);
        let src_close = match self.closing(src) {
            Closing::At(i) => i,
            Closing::Interrupted(i) => {
                self.problem_for(id, after, "source span is never closed; no source");
                self.pos = i;
                return None;
            }
            Closing::Eof => {
                self.problem_for(id, after, "source span is never closed; no source");
                self.pos = self.tags.len();
                return None;
            }
        };
        self.pos = src_close + 1;
        let src_end = self.tags[src_close].end;
        match self.next_adjacent(self.pos, src_end, Kind::Close) {
            Some(i) => self.pos = i + 1,
            None => self.problem_for(id, src_end, "sxs-lookup span is not closed"),
        }
        if src_id != id {
            let src_id = src_id.clone();
            let message =
                format!("target is followed by the source of {src_id}; ids differ, not paired");
            self.problem_for(id, after, &message);
            return None;
        }
        Some((src_content, self.tags[src_close].start))
    }

    fn problem_for(&mut self, id: &str, at: usize, message: &str) {
        self.problem(at, Some(id.to_string()), message);
    }

    /// After an empty or broken lookup opened at `lookup`, consume up to its close.
    fn skip_rest_of(&mut self, lookup: usize) {
        if let Closing::At(i) = self.closing(lookup) {
            self.pos = i + 1;
        }
    }

    /// Skips the element opened at the current tag, up to its close.
    fn skip_element(&mut self) {
        let open = self.pos;
        let mut depth = 0usize;
        for (i, tag) in self.tags.iter().enumerate().skip(open + 1) {
            match tag.kind {
                Kind::Close if depth == 0 => {
                    self.pos = i + 1;
                    return;
                }
                Kind::Close => depth -= 1,
                Kind::Target => {
                    // A target inside means the element was never closed; let the target pair.
                    self.pos = i;
                    return;
                }
                _ => depth += 1,
            }
        }
        self.pos = self.tags.len();
    }

    fn inner_source_id(&self, lookup: usize) -> Option<String> {
        self.tags
            .get(lookup + 1)
            .filter(|t| t.kind == Kind::Source)
            .map(|t| t.id.to_string())
    }
}

/// Lists every `<span …>` and `</span>` tag in order.
fn tokenize(text: &str) -> Vec<Tag<'_>> {
    let bytes = text.as_bytes();
    // Sized for every `<` (one fast pass): grown instead, the tags of a long
    // file were copied over and over.
    let mut tags = Vec::with_capacity(memchr::memchr_iter(b'<', bytes).count());
    let mut skip_to = 0;
    for at in memchr_iter(b'<', bytes) {
        if at < skip_to {
            continue;
        }
        if let Some(tag) = tag_at(text, at) {
            skip_to = tag.end;
            tags.push(tag);
        }
    }
    tags
}

/// The span tag starting at `at`, if there is one.
fn tag_at(text: &str, at: usize) -> Option<Tag<'_>> {
    let rest = &text.as_bytes()[at..];
    if let Some(tag) = exact_tag(text, at) {
        return Some(tag);
    }
    if starts_with_ignore_case(rest, b"</span") {
        let after = &rest[6..];
        let spaces = after.iter().take_while(|b| b.is_ascii_whitespace()).count();
        return (after.get(spaces) == Some(&b'>')).then(|| Tag {
            kind: Kind::Close,
            start: at,
            end: at + 6 + spaces + 1,
            id: Cow::Borrowed(""),
        });
    }
    if starts_with_ignore_case(rest, b"<span")
        && matches!(rest.get(5), Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
    {
        let len = tag_len(rest)?;
        return Some(general_tag(&text[at..at + len], at));
    }
    None
}

/// Recognises the three tags of the official markup by byte comparison.
fn exact_tag(text: &str, at: usize) -> Option<Tag<'_>> {
    let rest = &text.as_bytes()[at..];
    if rest.starts_with(LOOKUP_OPEN) {
        return Some(Tag {
            kind: Kind::Lookup,
            start: at,
            end: at + LOOKUP_OPEN.len(),
            id: Cow::Borrowed(""),
        });
    }
    let (kind, prefix) = if rest.starts_with(TARGET_OPEN) {
        (Kind::Target, TARGET_OPEN)
    } else if rest.starts_with(SOURCE_OPEN) {
        (Kind::Source, SOURCE_OPEN)
    } else {
        return None;
    };
    let id_start = at + prefix.len();
    let id_len = text.as_bytes()[id_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b'_')
        .count();
    let close = id_start + id_len;
    if text.as_bytes().get(close..close + 2) != Some(b"\">") {
        return None;
    }
    Some(Tag {
        kind,
        start: at,
        end: close + 2,
        id: Cow::Borrowed(&text[id_start..close]),
    })
}

/// Length of the tag at the start of `rest` up to its `>`, honouring quotes;
/// `None` when the text ends first (an unterminated tag is text, as in HTML).
fn tag_len(rest: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in rest.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

/// Classifies a span tag that is not in the exact official form by letting an
/// HTML parser read its attributes.
fn general_tag(tag: &str, at: usize) -> Tag<'static> {
    let kind_and_id = attributes(tag);
    let (kind, id) = kind_and_id.unwrap_or((Kind::Other, String::new()));
    Tag {
        kind,
        start: at,
        end: at + tag.len(),
        id: Cow::Owned(id),
    }
}

fn attributes(tag: &str) -> Option<(Kind, String)> {
    if tag.len() <= "<span>".len() {
        return None;
    }
    let html = scraper::Html::parse_fragment(tag);
    let element = html
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "span")?;
    let value = element.value();
    if let Some(id) = value.attr("data-ttu-id") {
        return Some((Kind::Target, id.trim().to_string()));
    }
    if let Some(id) = value.attr("data-stu-id") {
        return Some((Kind::Source, id.trim().to_string()));
    }
    value
        .classes()
        .any(|c| c == "sxs-lookup")
        .then(|| (Kind::Lookup, String::new()))
}

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, String, Option<String>)> {
        scan(text)
            .pairs
            .iter()
            .map(|p| {
                (
                    p.id.to_string(),
                    text[p.target.0..p.target.1].to_string(),
                    p.source.map(|(a, b)| text[a..b].to_string()),
                )
            })
            .collect()
    }

    fn pair(id: &str, t: &str, s: &str) -> String {
        format!(
            r#"<span data-ttu-id="{id}">{t}</span><span class="sxs-lookup"><span data-stu-id="{id}">{s}</span></span>"#
        )
    }

    #[test]
    fn exact_pairs_glued_without_separator() {
        let text = format!("{}{}", pair("a-1", "T1", "S1"), pair("a-2", "T2", "S2"));
        assert_eq!(
            texts(&text),
            vec![
                ("a-1".into(), "T1".into(), Some("S1".into())),
                ("a-2".into(), "T2".into(), Some("S2".into())),
            ]
        );
        assert!(scan(&text).problems.is_empty());
    }

    #[test]
    fn other_quoting_and_attribute_order_pair_like_the_exact_form() {
        let text = "<SPAN data-ttu-id='x-1' lang=ja>T</span> <span class='a sxs-lookup'><span data-stu-id = \"x-1\">S</span></span>";
        assert_eq!(
            texts(text),
            vec![("x-1".into(), "T".into(), Some("S".into()))]
        );
        assert!(scan(text).problems.is_empty());
    }

    #[test]
    fn nested_plain_spans_stay_inside_the_target() {
        let text = pair("a-1", "<span>x</span>y", "S");
        assert_eq!(texts(&text)[0].1, "<span>x</span>y");
    }

    #[test]
    fn unclosed_target_is_reported_and_the_next_pair_kept() {
        let text = format!(r#"<span data-ttu-id="a-1">lost{}"#, pair("a-2", "T", "S"));
        let scan = scan(&text);
        assert_eq!(scan.pairs.len(), 1);
        assert_eq!(scan.pairs[0].id, "a-2");
        assert_eq!(scan.problems[0].id.as_deref(), Some("a-1"));
        assert!(scan.problems[0].message.contains("never closed"));
    }
}
