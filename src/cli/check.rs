//! `sxs check`: the automatic checks, for people (grouped by file) and for
//! scripts and CI (`--format jsonl`, exit code 1 at `--fail-on`).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;

use super::Common;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::{
    CHECKS, Checked, DocInfo, Engine, Files, Finding, Glossary, Options, SegmentTexts, SetStage,
    Texts,
};
use crate::mqm::Severity;
use crate::notes::Notes;
use crate::store::{Document, Store};
use crate::text::terminal_line;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Segment files and folders (default: the bundled samples)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Exit with 1 when a finding is at least this severe
    #[arg(
        long,
        value_name = "SEVERITY",
        default_value = "major",
        value_parser = PossibleValuesParser::new(["minor", "major", "critical"])
            .map(|s| s.parse::<Severity>().expect("one of the listed values"))
    )]
    pub fail_on: Severity,
    /// Glossary (YAML): `TERM: keep`, or `TERM: {LOCALE: TRANSLATION}`
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Run only these checks (comma-separated names, see --list)
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Do not run these checks (comma-separated names, see --list)
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    pub skip: Vec<String>,
    /// List the checks with their severity, default state and MQM category, and exit
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings grouped by file, with line numbers and both texts
    Text,
    /// One JSON object per finding
    Jsonl,
}

/// One line of `check --format jsonl`: the SPEC fields first, then ours.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    locale: &'a str,
    id: &'a str,
    check: &'a str,
    severity: Severity,
    message: &'a str,
    line: u32,
    category: &'a str,
    /// Where in the raw text of `side` the finding is, as byte offsets.
    #[serde(skip_serializing_if = "Option::is_none")]
    side: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
}

pub fn run(args: &CheckArgs, common: &Common) -> anyhow::Result<u8> {
    let mut out = BufWriter::new(super::stdout());
    if args.list {
        list(&mut out)?;
        out.flush()?;
        return Ok(0);
    }
    let mut options = Options::select(&args.only, &args.skip)?;
    if let Some(path) = &args.glossary {
        options = options.with_glossary(Glossary::load(path)?);
    }
    if !options.runs_any() {
        anyhow::bail!(
            "no check would run: --skip leaves none of --only or of the checks on by default \
             (glossary needs --glossary FILE); see --list"
        );
    }
    let sources = super::sources(&args.paths, common)?;
    // Read before the documents stream by, reported after them as before.
    let notes = Notes::read(common.notes_path());
    // Files on disk can be read again for the few texts the end needs, so
    // each document is dropped once checked; piped input and the bundled
    // samples are kept whole.
    let on_disk = sources.on_disk();
    let engine = Engine::new(&options);
    let mut stage = SetStage::new(&options);
    let mut kept = Vec::new();
    let mut warnings = Vec::new();
    let mut dismissed: FxHashSet<(usize, usize, String)> = FxHashSet::default();
    // Only to keep it or to look up its dismissals does the sink need the
    // whole document; otherwise it is freed where it was checked, by the
    // thread that allocated it (glibc frees across threads slowly).
    let whole = !on_disk || notes.as_ref().is_ok_and(|n| !n.is_empty());
    // The text report shows both texts of each segment with findings: those
    // of single segments are copied while the document is at hand, so that
    // only the segments of set findings are read again.
    let copy_texts = on_disk && args.format == CheckFormat::Text;
    let mut shown: FxHashMap<(usize, usize), SegmentTexts> = FxHashMap::default();
    let problems = sources.stream(
        |mut doc| {
            let checked = engine.document(&doc);
            let texts = match copy_texts {
                true => finding_texts(&checked, &doc),
                false => Vec::new(),
            };
            let warnings = std::mem::take(&mut doc.warnings);
            (checked, texts, warnings, whole.then_some(doc))
        },
        |(checked, texts, doc_warnings, doc)| {
            let d = stage.push(checked);
            shown.extend(texts.into_iter().map(|(s, t)| ((d, s), t)));
            warnings.extend(doc_warnings);
            let Some(doc) = doc else { return };
            if let Ok(notes) = &notes {
                dismissed.extend(dismissals(notes, &doc).map(|(s, check)| (d, s, check)));
            }
            if !on_disk {
                kept.push(doc);
            }
        },
    );
    super::report(&problems.warnings);
    super::report(&warnings);
    let notes = notes?;
    super::report(notes.warnings());
    let store = Store {
        docs: kept,
        warnings: Vec::new(),
    };
    let files = Files {
        locale: common.locale.as_deref(),
    };
    let texts: &dyn Texts = match on_disk {
        true => &files,
        false => &store,
    };
    let (all, docs) = stage.finish(texts);
    // Nothing read at all: no report of nothing, only why.
    if docs.is_empty() {
        super::fail_on(&problems.errors)?;
    }
    let total = all.len();
    let findings: Vec<Finding> = all
        .into_iter()
        .filter(|f| !dismissed.contains(&(f.doc, f.segment, f.check.to_string())))
        .collect();
    let left_out = total - findings.len();
    match args.format {
        CheckFormat::Text => write_text(&mut out, &docs, texts, shown, &findings, left_out)?,
        CheckFormat::Jsonl => write_jsonl(&mut out, &docs, &findings)?,
    }
    out.flush()?;
    // A named path that gave nothing fails the run, after the findings of
    // the rest: a CI gate never passes on less than it named.
    super::fail_on(&problems.errors)?;
    let fail = findings.iter().any(|f| f.severity >= args.fail_on);
    Ok(u8::from(fail))
}

/// The texts of the segments of `doc` that have findings of their own.
fn finding_texts(checked: &Checked, doc: &Document) -> Vec<(usize, SegmentTexts)> {
    let mut segments: Vec<usize> = checked.findings().iter().map(|f| f.segment).collect();
    segments.dedup();
    segments
        .into_iter()
        .map(|s| {
            let seg = &doc.segments[s];
            (s, SegmentTexts::of(seg))
        })
        .collect()
}

/// The checks the reviewer dismissed on segments of `doc` as they stand now
/// (a dismissal of a target that has changed since no longer holds).
fn dismissals<'a>(
    notes: &'a Notes,
    doc: &'a Document,
) -> impl Iterator<Item = (usize, String)> + 'a {
    let segments = match notes.is_empty() {
        true => &doc.segments[..0],
        false => &doc.segments[..],
    };
    // A file opened under another name than its entries give it.
    let file = notes.name_of_same_file(&doc.path).unwrap_or(&doc.path);
    segments.iter().enumerate().flat_map(move |(s, seg)| {
        notes
            .get(file, seg.id())
            .filter(|entry| !entry.is_stale(seg.target()))
            .into_iter()
            .flat_map(move |entry| entry.dismissed.iter().map(move |c| (s, c.clone())))
    })
}

fn list(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<22} {:<9} {:<26} {:<27} WHAT IT FINDS",
        "CHECK", "SEVERITY", "DEFAULT", "MQM CATEGORY"
    )?;
    for c in CHECKS {
        writeln!(
            out,
            "{:<22} {:<9} {:<26} {:<27} {}",
            c.name,
            c.severity.name(),
            c.default.to_string(),
            c.category,
            c.description
        )?;
    }
    Ok(())
}

fn write_jsonl(out: &mut impl Write, docs: &[DocInfo], findings: &[Finding]) -> io::Result<()> {
    for f in findings {
        let doc = &docs[f.doc];
        let record = Record {
            file: &doc.path,
            locale: &doc.locale,
            id: doc.id(f.segment),
            check: f.check,
            severity: f.severity,
            message: &f.message,
            line: doc.line(f.segment),
            category: f.category,
            side: f.spots.first().map(|s| s.side.name()),
            start: f.spots.first().map(|s| s.range.start),
            end: f.spots.first().map(|s| s.range.end),
        };
        let json = serde_json::to_vec(&record).expect("a record is JSON");
        out.write_all(&crate::json::defused(json))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Findings under a header per file; per segment its line, id, findings, and
/// both texts on one line each.
fn write_text(
    out: &mut impl Write,
    docs: &[DocInfo],
    texts: &dyn Texts,
    mut shown: FxHashMap<(usize, usize), SegmentTexts>,
    findings: &[Finding],
    left_out: usize,
) -> io::Result<()> {
    let mut missing: Vec<(usize, usize)> = findings
        .iter()
        .map(|f| (f.doc, f.segment))
        .filter(|key| !shown.contains_key(key))
        .collect();
    missing.dedup();
    shown.extend(texts.fetch(docs, &missing));
    // Each file's part is made on all cores (every quoted text is checked
    // for escape sequences, a tenth of the run over the corpus on one core)
    // and written in order.
    let files: Vec<&[Finding]> = findings.chunk_by(|a, b| a.doc == b.doc).collect();
    let parts: Vec<Vec<u8>> = files
        .into_par_iter()
        .map(|file| file_report(&docs[file[0].doc], file, &shown))
        .collect();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        out.write_all(part)?;
    }
    if !findings.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(docs, findings, left_out))
}

/// The findings of one file, each segment's under its line and id and
/// followed by its two texts.
fn file_report(
    doc: &DocInfo,
    findings: &[Finding],
    texts: &FxHashMap<(usize, usize), SegmentTexts>,
) -> Vec<u8> {
    // Writing to a `Vec` cannot fail.
    let mut out = Vec::new();
    let _ = writeln!(
        out,
        "{} ({})",
        terminal_line(&doc.path),
        terminal_line(&doc.locale)
    );
    for segment in findings.chunk_by(|a, b| a.segment == b.segment) {
        let key = (segment[0].doc, segment[0].segment);
        let _ = writeln!(
            out,
            "  line {} · {}",
            doc.line(key.1),
            terminal_line(doc.id(key.1))
        );
        for f in segment {
            let _ = writeln!(
                out,
                "    {:<8} {}: {}",
                f.severity.name(),
                f.check,
                terminal_line(&f.message)
            );
        }
        let seg = texts.get(&key);
        let source = seg.and_then(|s| s.source.as_deref()).unwrap_or("(none)");
        let target = seg.map_or("", |s| s.target.as_str());
        let _ = writeln!(out, "      source │ {}", terminal_line(source));
        let _ = writeln!(out, "      target │ {}", terminal_line(target));
    }
    out
}

/// `2 findings in 1 of 3 files (1 major, 1 minor); 40 segments checked`.
fn summary(docs: &[DocInfo], findings: &[Finding], left_out: usize) -> String {
    let plural = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    let mut files: Vec<usize> = findings.iter().map(|f| f.doc).collect();
    files.dedup();
    let mut text = match findings.len() {
        0 => format!("no findings in {}", plural(docs.len(), "file")),
        n => {
            let severities: Vec<String> = Severity::ALL
                .iter()
                .rev()
                .map(|&s| (s, findings.iter().filter(|f| f.severity == s).count()))
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| format!("{n} {}", s.name()))
                .collect();
            format!(
                "{} in {} of {} ({})",
                plural(n, "finding"),
                files.len(),
                plural(docs.len(), "file"),
                severities.join(", ")
            )
        }
    };
    text.push_str(&format!(
        "; {} checked",
        plural(docs.iter().map(DocInfo::segment_count).sum(), "segment")
    ));
    if left_out > 0 {
        text.push_str(&format!(
            "; {} dismissed in the notes file left out",
            plural(left_out, "finding")
        ));
    }
    text
}
