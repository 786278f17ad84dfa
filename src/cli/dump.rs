//! `sxs dump`: every segment, for scripts.

use std::collections::HashMap;
use std::io::{self, Write};

use super::{Common, DumpArgs, DumpFormat};
use crate::json::write_str;
use crate::mqm::{Placement, Side};
use crate::notes::{Entry, Notes, SameFile};
use crate::store::{Document, Segment};
use crate::text;
use crate::text::{BaseDirection, StyledText, WidthMode, display_form, sanitize, two_columns};

/// One segment as `dump` prints it, fields in SPEC's order.
struct Record<'a> {
    file: &'a str,
    locale: &'a str,
    id: &'a str,
    block: &'a str,
    line: u32,
    source: Option<&'a str>,
    target: &'a str,
}

impl<'a> Record<'a> {
    fn new(doc: &'a Document, seg: &'a Segment) -> Self {
        Record {
            file: &doc.path,
            locale: &doc.locale,
            id: seg.id(),
            block: seg.block.name(),
            line: seg.line,
            source: seg.source(),
            target: seg.target(),
        }
    }
}

/// How `render` lays out one document.
#[derive(Clone, Copy)]
enum Layout {
    Jsonl,
    Tsv,
    /// Two columns in this many cells.
    Text(usize),
}

pub fn run(args: &DumpArgs, common: &Common) -> anyhow::Result<u8> {
    let format = match args.format {
        DumpFormat::Jsonl => Layout::Jsonl,
        DumpFormat::Tsv => Layout::Tsv,
        DumpFormat::Text => Layout::Text(args.width.map_or_else(terminal_width, usize::from)),
    };
    // Marks beside the rows, when a notes file is named (text only).
    let notes = match (format, &common.notes) {
        (Layout::Text(_), Some(_)) => Some(super::read_notes(
            common,
            "nothing counts as reviewed",
            false,
        )?),
        _ => None,
    };
    let marks = notes.as_ref().map(Marks::new);
    let mut out = super::stdout();
    if matches!(format, Layout::Tsv) {
        out.write_all(b"file\tlocale\tid\tblock\tline\tsource\ttarget\n")?;
    }
    // Documents are parsed and rendered on all cores and dropped at once; the
    // rendered bytes are written in path order as they come.
    let mut written = Ok(());
    let problems = super::sources(&args.paths, common)?.stream(
        |doc| (render(&doc, format, marks.as_ref()), doc.warnings),
        |(chunk, doc_warnings)| {
            super::report(&doc_warnings);
            if written.is_ok() {
                written = out.write_all(&chunk);
            }
        },
    );
    super::report(&problems.warnings);
    written?;
    out.flush()?;
    super::fail_on(&problems.errors)?;
    Ok(0)
}

/// The width of the terminal on stdout (within `DUMP_WIDTHS`), else 100 (SPEC).
fn terminal_width() -> usize {
    use std::io::IsTerminal;
    let (min, max) = (*super::DUMP_WIDTHS.start(), *super::DUMP_WIDTHS.end());
    io::stdout()
        .is_terminal()
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map_or(100, |(width, _)| i64::from(width).clamp(min, max) as usize)
}

fn render(doc: &Document, format: Layout, marks: Option<&Marks>) -> Vec<u8> {
    // Room for the texts and the fields around them: growing the buffer
    // copied it over and over (a twentieth of `dump`'s time).
    let per_record = doc.path.len() + doc.locale.len() + 96;
    let mut buf = Vec::with_capacity(
        doc.segments
            .iter()
            .map(|s| per_record + s.id().len() + s.source().map_or(0, str::len) + s.target().len())
            .sum(),
    );
    let head = jsonl_head(doc);
    let file_marks = marks.and_then(|m| m.of_file(&doc.path));
    for (i, seg) in doc.segments.iter().enumerate() {
        let record = Record::new(doc, seg);
        match format {
            Layout::Jsonl => jsonl_line(&mut buf, &head, &record),
            Layout::Tsv => tsv_line(&mut buf, &record),
            Layout::Text(width) => {
                if i > 0 {
                    buf.push(b'\n');
                }
                match marks {
                    Some(_) => marked_rows(&mut buf, doc, seg, width, file_marks),
                    None => text_rows(&mut buf, doc, seg, width),
                }
            }
        }
    }
    buf
}

/// One segment as the panes show it: source left, target right.
fn text_rows(buf: &mut Vec<u8>, doc: &Document, seg: &Segment, width: usize) {
    for row in pane_rows(doc, seg, width) {
        buf.extend_from_slice(row.as_bytes());
        buf.push(b'\n');
    }
}

fn pane_rows(doc: &Document, seg: &Segment, width: usize) -> Vec<String> {
    let source = display_form(seg.source().unwrap_or(""));
    let target = display_form(seg.target());
    two_columns(
        text::Side::new(&source, BaseDirection::Ltr),
        text::Side::new(&target, BaseDirection::for_locale(&doc.locale)),
        width,
        WidthMode::Narrow,
    )
}

/// The notes entries by file and segment id, for `dump --format text --notes`.
struct Marks<'n> {
    by_file: HashMap<&'n str, HashMap<&'n str, &'n Entry>>,
    same_file: &'n SameFile,
}

impl<'n> Marks<'n> {
    fn new(notes: &'n Notes) -> Marks<'n> {
        let mut by_file: HashMap<&str, HashMap<&str, &Entry>> = HashMap::new();
        for entry in notes.entries() {
            by_file
                .entry(&entry.file)
                .or_default()
                .insert(&entry.id, entry);
        }
        Marks {
            by_file,
            same_file: notes.same_file(),
        }
    }

    /// The entries of the file `path` names, under whatever name.
    fn of_file(&self, path: &str) -> Option<&HashMap<&'n str, &'n Entry>> {
        (self.by_file.get(path)).or_else(|| self.by_file.get(self.same_file.name_of(path)?))
    }
}

/// One segment with its mark, as the review screen shows it: a gutter of
/// two cells (`✓` ok, `✗` bad, `~` marked when the target read otherwise),
/// and under the texts, in the target's column, each error — severity,
/// category, the marked text, the comment — and the segment's comment.
fn marked_rows(
    buf: &mut Vec<u8>,
    doc: &Document,
    seg: &Segment,
    width: usize,
    file_marks: Option<&HashMap<&str, &Entry>>,
) {
    let entry = file_marks.and_then(|m| m.get(seg.id()).copied());
    let gutter = match entry {
        Some(e) if e.is_stale(seg.target()) => "~ ",
        Some(e) if e.is_bad() => "✗ ",
        Some(e) if e.is_reviewed() => "✓ ",
        _ => "  ",
    };
    let inner = width - GUTTER;
    let mut rows = pane_rows(doc, seg, inner);
    if let Some(notes) = entry.map(|e| mark_lines(e, seg)).filter(|n| !n.is_empty()) {
        let empty = StyledText::default();
        let notes = sanitize(&notes);
        rows.extend(two_columns(
            text::Side::new(&empty, BaseDirection::Ltr),
            text::Side::new(&notes, BaseDirection::Ltr),
            inner,
            WidthMode::Narrow,
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { gutter } else { "  " }.as_bytes());
        buf.extend_from_slice(row.as_bytes());
        buf.push(b'\n');
    }
}

/// Cells left of the panes for the mark, as on the review screen.
const GUTTER: usize = 2;

/// The errors and comment of an entry, one line each. A span whose text is
/// no longer in the segment says so.
fn mark_lines(entry: &Entry, seg: &Segment) -> String {
    let mut lines: Vec<String> = entry
        .counted_errors()
        .iter()
        .map(|error| {
            let mut line = format!("✗ {} {}", error.severity, error.category_label());
            if let Some(span) = &error.span {
                let now = match span.side {
                    Side::Target => Some(seg.target()),
                    Side::Source => seg.source(),
                };
                line += &format!(" «{}»", span.text);
                if span.side == Side::Source {
                    line += " in the source";
                }
                if now.is_none_or(|text| span.locate(text) == Placement::Stale) {
                    line += " (no longer there)";
                }
            }
            if !error.comment.is_empty() {
                line += &format!(" — {}", error.comment);
            }
            line
        })
        .collect();
    if !entry.comment.is_empty() {
        lines.push(format!("comment: {}", entry.comment));
    }
    lines.join("\n")
}

/// The start of every `dump --format jsonl` line of `doc`, up to its id:
/// the file and locale are the same for each, so escaped once.
fn jsonl_head(doc: &Document) -> Vec<u8> {
    let mut head = b"{\"file\":".to_vec();
    write_str(&mut head, &doc.path);
    head.extend_from_slice(b",\"locale\":");
    write_str(&mut head, &doc.locale);
    head.extend_from_slice(b",\"id\":");
    head
}

/// One line of `dump --format jsonl` after its [head](jsonl_head): what
/// serde_json would write for the record, by [`crate::json`], which is
/// faster at the texts.
fn jsonl_line(buf: &mut Vec<u8>, head: &[u8], r: &Record) {
    buf.extend_from_slice(head);
    write_str(buf, r.id);
    buf.extend_from_slice(b",\"block\":");
    write_str(buf, r.block);
    write!(buf, ",\"line\":{},\"source\":", r.line).expect("writing to memory");
    match r.source {
        Some(source) => write_str(buf, source),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"target\":");
    write_str(buf, r.target);
    buf.extend_from_slice(b"}\n");
}

/// One segment as one TSV line; a missing source is an empty field.
fn tsv_line(buf: &mut Vec<u8>, r: &Record) {
    let line = r.line.to_string();
    let fields = [
        r.file,
        r.locale,
        r.id,
        r.block,
        &line,
        r.source.unwrap_or(""),
        r.target,
    ];
    crate::tsv::write_line(buf, &fields);
}
