//! Display forms of a document's segments, built once when it is first opened.

use crate::store::{Block, Document, Store};
use crate::text::{StyledText, WidthMode, display_form};

/// What the screen shows for one segment.
#[derive(Debug, Clone)]
pub struct SegmentDisplay {
    pub source: StyledText,
    pub target: StyledText,
    pub decoration: Decoration,
}

/// The block context drawn before a segment's text, the same in both panes so
/// that they stay aligned: `## `, `• `, `│ `, `┃ NOTE `, `title: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoration {
    /// Shown before the first line.
    pub first: String,
    /// Shown before the other lines: a hanging indent, or the quote bar again.
    pub rest: String,
    pub heading: bool,
}

/// Chrome characters. East Asian Ambiguous ones (`•`, `│`, `┃`) are two cells
/// wide in CJK terminals, so the ambiguous-wide mode draws ASCII instead.
pub struct Glyphs {
    pub bullet: &'static str,
    pub cell: &'static str,
    pub quote: &'static str,
    pub separator: &'static str,
}

impl Glyphs {
    pub fn for_mode(mode: WidthMode) -> Glyphs {
        match mode {
            WidthMode::Narrow => Glyphs {
                bullet: "• ",
                cell: "│ ",
                quote: "┃ ",
                separator: "│",
            },
            WidthMode::AmbiguousWide => Glyphs {
                bullet: "* ",
                cell: "| ",
                quote: "> ",
                separator: "|",
            },
        }
    }
}

/// Display forms per document, filled when a document is first opened.
#[derive(Default)]
pub struct Displays {
    docs: Vec<Option<Vec<SegmentDisplay>>>,
    mode: Option<WidthMode>,
}

impl Displays {
    pub fn new(store: &Store) -> Displays {
        Displays {
            docs: vec![None; store.docs.len()],
            mode: None,
        }
    }

    /// Builds the display forms of `doc` if not built yet.
    pub fn ensure(&mut self, store: &Store, doc: usize, mode: WidthMode) {
        if self.mode != Some(mode) {
            self.docs.iter_mut().for_each(|d| *d = None);
            self.mode = Some(mode);
        }
        if let Some(slot @ None) = self.docs.get_mut(doc) {
            *slot = Some(build(&store.docs[doc], mode));
        }
    }

    /// The display forms of an opened document (empty if never opened).
    pub fn get(&self, doc: usize) -> &[SegmentDisplay] {
        self.docs
            .get(doc)
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }
}

fn build(doc: &Document, mode: WidthMode) -> Vec<SegmentDisplay> {
    let glyphs = Glyphs::for_mode(mode);
    doc.segments
        .iter()
        .enumerate()
        .map(|(i, seg)| {
            let first_in_block = i == 0 || doc.segments[i - 1].group != seg.group;
            SegmentDisplay {
                source: display_form(seg.source.as_deref().unwrap_or("")),
                target: display_form(&seg.target),
                decoration: decoration(&seg.block, first_in_block, &glyphs),
            }
        })
        .collect()
}

fn decoration(block: &Block, first_in_block: bool, glyphs: &Glyphs) -> Decoration {
    let (first, rest) = match block {
        Block::Heading { level } => {
            let marks = "#".repeat(*level as usize) + " ";
            let rest = " ".repeat(marks.len());
            (marks, rest)
        }
        Block::ListItem { depth, .. } => {
            let indent = "  ".repeat(*depth as usize);
            let bullet = if first_in_block { glyphs.bullet } else { "  " };
            (format!("{indent}{bullet}"), format!("{indent}  "))
        }
        Block::TableCell => (glyphs.cell.to_string(), glyphs.cell.to_string()),
        Block::Quote { alert } => match alert {
            Some(kind) if first_in_block => (
                format!("{}{kind}: ", glyphs.quote),
                glyphs.quote.to_string(),
            ),
            _ => (glyphs.quote.to_string(), glyphs.quote.to_string()),
        },
        Block::FrontMatter { key } => (format!("{key}: "), "  ".to_string()),
        Block::Paragraph | Block::Other => (String::new(), String::new()),
    };
    Decoration {
        first,
        rest,
        heading: matches!(block, Block::Heading { .. }),
    }
}
