//! `sxs dump`: every segment, for scripts.

use std::io::{self, Write};

use serde::Serialize;

use super::{Common, DumpArgs, DumpFormat};
use crate::store::{Document, Segment};
use crate::text::{BaseDirection, Side, WidthMode, display_form, two_columns};

/// One line of `dump --format jsonl`, field order as SPEC shows it.
#[derive(Serialize)]
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
            id: &seg.id,
            block: seg.block.name(),
            line: seg.line,
            source: seg.source.as_deref(),
            target: &seg.target,
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
    let mut out = super::stdout();
    if matches!(format, Layout::Tsv) {
        out.write_all(b"file\tlocale\tid\tblock\tline\tsource\ttarget\n")?;
    }
    // Documents are parsed and rendered on all cores and dropped at once; the
    // rendered bytes are written in path order as they come.
    let mut written = Ok(());
    let problems = super::sources(&args.paths, common)?.stream(
        |doc| (render(&doc, format), doc.warnings),
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

fn render(doc: &Document, format: Layout) -> Vec<u8> {
    let mut buf = Vec::with_capacity(doc.segments.len() * 256);
    for (i, seg) in doc.segments.iter().enumerate() {
        let record = Record::new(doc, seg);
        match format {
            Layout::Jsonl => {
                serde_json::to_writer(&mut buf, &record).expect("writing JSON to memory");
                buf.push(b'\n');
            }
            Layout::Tsv => tsv_line(&mut buf, &record),
            Layout::Text(width) => {
                if i > 0 {
                    buf.push(b'\n');
                }
                text_rows(&mut buf, doc, seg, width);
            }
        }
    }
    buf
}

/// One segment as the panes show it: source left, target right.
fn text_rows(buf: &mut Vec<u8>, doc: &Document, seg: &Segment, width: usize) {
    let source = display_form(seg.source.as_deref().unwrap_or(""));
    let target = display_form(&seg.target);
    let rows = two_columns(
        Side::new(&source, BaseDirection::Ltr),
        Side::new(&target, BaseDirection::for_locale(&doc.locale)),
        width,
        WidthMode::Narrow,
    );
    for row in rows {
        buf.extend_from_slice(row.as_bytes());
        buf.push(b'\n');
    }
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
