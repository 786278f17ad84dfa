//! `sxs check`: the automatic checks, for people (grouped by file) and for
//! scripts and CI (`--format jsonl`, exit code 1 at `--fail-on`).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Common;
use crate::check::{self, CHECKS, Finding, Glossary, Options};
use crate::mqm::Severity;
use crate::notes::Notes;
use crate::store::Store;
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
    let store = super::load(&args.paths, common)?;
    let notes = super::read_notes(common)?;
    let all = check::run(&store, &options);
    let total = all.len();
    let findings: Vec<Finding> = all
        .into_iter()
        .filter(|f| !dismissed(&notes, &store, f))
        .collect();
    let left_out = total - findings.len();
    match args.format {
        CheckFormat::Text => write_text(&mut out, &store, &findings, left_out)?,
        CheckFormat::Jsonl => write_jsonl(&mut out, &store, &findings)?,
    }
    out.flush()?;
    let fail = findings.iter().any(|f| f.severity >= args.fail_on);
    Ok(u8::from(fail))
}

/// Whether the reviewer dismissed this check on this segment, as it stands
/// now (a dismissal of a target that has changed since no longer holds).
fn dismissed(notes: &Notes, store: &Store, f: &Finding) -> bool {
    let doc = &store.docs[f.doc];
    let seg = &doc.segments[f.segment];
    notes.get(&doc.path, seg.id()).is_some_and(|entry| {
        !entry.is_stale(seg.target()) && entry.dismissed.iter().any(|c| c == f.check)
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

fn write_jsonl(out: &mut impl Write, store: &Store, findings: &[Finding]) -> io::Result<()> {
    for f in findings {
        let doc = &store.docs[f.doc];
        let seg = &doc.segments[f.segment];
        let record = Record {
            file: &doc.path,
            locale: &doc.locale,
            id: seg.id(),
            check: f.check,
            severity: f.severity,
            message: &f.message,
            line: seg.line,
            category: f.category,
            side: f.span.as_ref().map(|s| s.side.name()),
            start: f.span.as_ref().map(|s| s.range.start),
            end: f.span.as_ref().map(|s| s.range.end),
        };
        serde_json::to_writer(&mut *out, &record)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Findings under a header per file; per segment its line, id, findings, and
/// both texts on one line each.
fn write_text(
    out: &mut impl Write,
    store: &Store,
    findings: &[Finding],
    left_out: usize,
) -> io::Result<()> {
    let mut last: Option<(usize, usize)> = None;
    for (i, f) in findings.iter().enumerate() {
        let doc = &store.docs[f.doc];
        let seg = &doc.segments[f.segment];
        if last.map(|(d, _)| d) != Some(f.doc) {
            if last.is_some() {
                writeln!(out)?;
            }
            writeln!(
                out,
                "{} ({})",
                terminal_line(&doc.path),
                terminal_line(&doc.locale)
            )?;
        }
        if last != Some((f.doc, f.segment)) {
            writeln!(out, "  line {} · {}", seg.line, terminal_line(seg.id()))?;
        }
        writeln!(
            out,
            "    {:<8} {}: {}",
            f.severity.name(),
            f.check,
            terminal_line(&f.message)
        )?;
        last = Some((f.doc, f.segment));
        let segment_ends = findings
            .get(i + 1)
            .is_none_or(|n| (n.doc, n.segment) != (f.doc, f.segment));
        if segment_ends {
            let source = seg.source().unwrap_or("(none)");
            writeln!(out, "      source │ {}", terminal_line(source))?;
            writeln!(out, "      target │ {}", terminal_line(seg.target()))?;
        }
    }
    if !findings.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(store, findings, left_out))
}

/// `2 findings in 1 of 3 files (1 major, 1 minor); 40 segments checked`.
fn summary(store: &Store, findings: &[Finding], left_out: usize) -> String {
    let plural = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    let mut files: Vec<usize> = findings.iter().map(|f| f.doc).collect();
    files.dedup();
    let mut text = match findings.len() {
        0 => format!("no findings in {}", plural(store.docs.len(), "file")),
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
                plural(store.docs.len(), "file"),
                severities.join(", ")
            )
        }
    };
    text.push_str(&format!(
        "; {} checked",
        plural(store.segment_count(), "segment")
    ));
    if left_out > 0 {
        text.push_str(&format!(
            "; {} dismissed in the notes file left out",
            plural(left_out, "finding")
        ));
    }
    text
}
