//! Command line: parse with clap, run the chosen command, map results to exit codes.

mod check;
mod diagnostics;
mod dump;
mod export;
mod review;
mod stats;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::notes::Notes;
use crate::notes::export::Format as ExportFormat;
use crate::notes::score::Penalties;
use crate::store::{LoadError, Sources, Store};
use crate::text::terminal_line;

/// Exit code for usage and input errors (SPEC).
const EXIT_USAGE: u8 = 2;

/// Widths `dump --format text` accepts: below, a column cannot hold a wide
/// character beside the separator; above, no terminal or reader is that wide,
/// and a mistyped width must not allocate gigabytes.
pub const DUMP_WIDTHS: std::ops::RangeInclusive<i64> = 10..=1000;

#[derive(Debug, Parser)]
#[command(
    name = "sxs",
    version,
    about = "Review machine-translated documentation side by side",
    long_about = "Review machine-translated documentation side by side.\n\n\
        With no command, opens the review screen on the given segment files and \
        folders (with no PATH: the bundled sample article).",
    args_conflicts_with_subcommands = true,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Segment files and folders to review
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Glossary for the checks the review screen runs (as `sxs check --glossary`)
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Run only these checks on the review screen (as `sxs check --only`)
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Do not run these checks on the review screen (as `sxs check --skip`)
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    pub skip: Vec<String>,
    #[command(flatten)]
    pub common: Common,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Notes file holding the review marks [default: sxs-notes.yaml]; `dump
    /// --format text` shows its marks when it is named
    #[arg(long, global = true, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// Reviewer name written with each mark [default: $USER]
    #[arg(long, global = true, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Locale of inputs that name none (WMT MQM files, piped input, a file
    /// outside any locale folder) [default: und]; for
    /// export, only the entries of this locale
    #[arg(long, global = true, value_name = "LOCALE", value_parser = locale_tag)]
    pub locale: Option<String>,
}

/// A locale tag as sxs writes locales: lower case, `-` between its parts
/// (`ja_JP` is `ja-jp`). Anything else is refused rather than written into
/// every output: a tag holds letters, digits and dashes only.
fn locale_tag(value: &str) -> Result<String, String> {
    // `ja_JP.UTF-8`, `de_DE@euro`: a POSIX locale as `$LANG` holds it.
    let posix = value.trim().split(['.', '@']).next().unwrap_or_default();
    let tag = posix.replace('_', "-").to_ascii_lowercase();
    let parts_fit = tag.split('-').all(|part| {
        (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    match parts_fit && tag.len() <= 35 {
        true => Ok(tag),
        false => Err("not a locale tag; write one such as ja-jp, de-de or zh-hant-tw".into()),
    }
}

impl Common {
    /// The notes file: `--notes`, else `sxs-notes.yaml` here.
    pub fn notes_path(&self) -> &Path {
        self.notes.as_deref().unwrap_or(Path::new(DEFAULT_NOTES))
    }
}

/// The notes file when `--notes` names none (SPEC).
const DEFAULT_NOTES: &str = "sxs-notes.yaml";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every segment, files in sorted path order, segments in document order
    Dump(DumpArgs),
    /// Count files, segments and words per locale; review progress and MQM scores
    Stats(StatsArgs),
    /// Run the automatic checks; exit 1 when a finding reaches --fail-on
    Check(check::CheckArgs),
    /// Export the notes file (to stdout without -o)
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct DumpArgs {
    /// Segment files and folders (default: the bundled samples)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = DumpFormat::Jsonl)]
    pub format: DumpFormat,
    /// Total width for --format text, 10 to 1000 cells [default: the terminal's width, else 100]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(DUMP_WIDTHS))]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    /// One JSON object per segment
    Jsonl,
    /// Tab-separated, one header line then one line per segment
    Tsv,
    /// The two panes side by side, for reading in a pipe
    Text,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Segment files and folders (default: the bundled samples)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    /// Penalty points per error for the MQM scores, each weight 0 to 1000
    /// (severities not named keep their default); `wmt` for the scheme of the
    /// WMT/Google MQM studies (minor punctuation 0.1, non-translation 25)
    #[arg(long, value_name = "wmt|SEVERITY=POINTS,…", default_value_t = Penalties::default())]
    pub penalties: Penalties,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// WMT MQM files whose raters' judgments `--format mqm` exports with the
    /// notes (default: none, the notes alone)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE (replaced atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// A table for people
    Text,
    /// One JSON object, for scripts
    Json,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    let result = match &cli.command {
        Some(Command::Dump(args)) => dump::run(args, &cli.common),
        Some(Command::Stats(args)) => stats::run(args, &cli.common),
        Some(Command::Check(args)) => check::run(args, &cli.common),
        Some(Command::Export(args)) => export::run(args, &cli.common),
        None => review::run(&cli),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.is::<diagnostics::Reported>() => ExitCode::from(EXIT_USAGE),
        Err(err) => {
            diagnostics::error(format_args!("{err:#}"));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// What clap says about the command line. `--help` and `--version` go to
/// stdout as clap writes them; an error quotes what the user typed, so it is
/// made terminal-safe line by line.
fn usage_error(err: clap::Error) -> ExitCode {
    if !err.use_stderr() {
        let _ = err.print();
        return ExitCode::SUCCESS;
    }
    let text = err.render().to_string();
    let mut stderr = io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(stderr, "{}", terminal_line(line));
    }
    ExitCode::from(EXIT_USAGE)
}

/// The files the given paths name, or the bundled samples when there are none.
pub(crate) fn sources(paths: &[PathBuf], common: &Common) -> anyhow::Result<Sources> {
    // The batch commands print segments, never what stands between them.
    let mut sources = named_sources(paths, common)?.segments_only();
    sources.walk_folders();
    Ok(sources)
}

/// [`sources`] with the named folders not walked yet: every named path is
/// checked (a missing one is an error now), the listing is left for later.
pub(crate) fn named_sources(paths: &[PathBuf], common: &Common) -> anyhow::Result<Sources> {
    let sources = match paths.is_empty() {
        true => {
            if stdin_is_a_pipe() {
                diagnostics::warning(
                    "no PATH given, so the bundled samples are read, not the piped input; \
                      name it `-` to read it (`cat FILE | sxs dump -`)",
                );
            }
            Sources::bundled()
        }
        false => Sources::resolve_named(paths),
    };
    Ok(sources.with_locale(common.locale.clone()))
}

/// Whether standard input is a pipe: then a user who left out the PATH
/// most likely meant what is piped in.
fn stdin_is_a_pipe() -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata("/dev/stdin").is_ok_and(|m| m.file_type().is_fifo())
}

/// Loads the given paths (see `sources`) and reports every load warning on
/// stderr; a named path that gave nothing fails the command.
/// Every document of `paths`, its warnings reported, and the named paths
/// that gave nothing, for the caller to fail on once its output is written.
pub(crate) fn load_all(
    paths: &[PathBuf],
    common: &Common,
) -> anyhow::Result<(Store, Vec<LoadError>)> {
    let mut docs = Vec::new();
    let problems = sources(paths, common)?.stream(|doc| doc, |doc| docs.push(doc));
    report(&problems.warnings);
    report(docs.iter().flat_map(|d| d.warnings.iter()));
    let store = Store {
        docs,
        warnings: problems.warnings,
    };
    Ok((store, problems.errors))
}

/// Reports the named paths that gave nothing; any fails the command (exit 2),
/// after everything else was done.
pub(crate) fn fail_on(errors: &[LoadError]) -> anyhow::Result<()> {
    for error in errors {
        diagnostics::error(error);
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(diagnostics::Reported.into()),
    }
}

/// Reads the notes file for a batch command and reports what it could not
/// understand; an invalid or unreadable file is an error that names its
/// line. A missing one is a review not begun (`missing` says what that
/// means for the command), warned about when named with `--notes`, or a
/// typo would pass for one, and when `say_missing` (the command would
/// otherwise print nothing of it without a word).
pub(crate) fn read_notes(
    common: &Common,
    missing: &str,
    say_missing: bool,
) -> anyhow::Result<Notes> {
    let path = common.notes_path();
    if !path.exists() && (say_missing || common.notes.is_some()) {
        diagnostics::warning(format_args!(
            "{}: no such notes file; {missing}",
            path.display()
        ));
    }
    let notes = Notes::read(path)?;
    report(notes.warnings());
    Ok(notes)
}

pub(crate) fn report<'a, W: std::fmt::Display + 'a>(warnings: impl IntoIterator<Item = &'a W>) {
    for warning in warnings {
        diagnostics::warning(warning);
    }
}

/// Standard output for a command's results. A failed write says it was
/// standard output that failed: "No space left on device" alone does not say
/// which file was full. The error keeps its kind, so a closed pipe is still
/// recognised as one.
///
/// On a terminal, each line is written as [`terminal_line`] makes it: the
/// JSON and TSV outputs carry the texts byte for byte, and a target's
/// escape sequence, C1 control (`U+009B` is a CSI) or bidi override would
/// act on the reader's terminal. A pipe or a file gets the bytes as they are.
///
/// [`terminal_line`]: crate::text::terminal_line
pub(crate) fn stdout() -> Stdout {
    use std::io::IsTerminal;
    let out = io::stdout();
    let line = out.is_terminal().then(Vec::new);
    Stdout {
        out: out.lock(),
        line,
    }
}

pub(crate) struct Stdout {
    out: io::StdoutLock<'static>,
    /// On a terminal: the line written so far, not yet shown.
    line: Option<Vec<u8>>,
}

impl Stdout {
    fn named(err: io::Error) -> io::Error {
        io::Error::new(
            err.kind(),
            format!("cannot write to standard output: {err}"),
        )
    }

    /// Writes `line` (its end included, if any) safe for the terminal.
    fn defused(out: &mut io::StdoutLock<'static>, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let (body, end) = match text.strip_suffix("\r\n") {
            Some(body) => (body, "\r\n"),
            None => text
                .strip_suffix('\n')
                .map_or((&*text, ""), |body| (body, "\n")),
        };
        write!(out, "{}{end}", crate::text::terminal_line(body))
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let Some(line) = self.line.as_mut() else {
            return self.out.write_all(buf).map_err(Stdout::named);
        };
        line.extend_from_slice(buf);
        if let Some(last) = line.iter().rposition(|&b| b == b'\n') {
            let rest = line.split_off(last + 1);
            let whole = std::mem::replace(line, rest);
            for one in whole.split_inclusive(|&b| b == b'\n') {
                Stdout::defused(&mut self.out, one).map_err(Stdout::named)?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(line) = self.line.as_mut().filter(|l| !l.is_empty()) {
            let line = std::mem::take(line);
            Stdout::defused(&mut self.out, &line).map_err(Stdout::named)?;
        }
        self.out.flush().map_err(Stdout::named)
    }
}

impl Drop for Stdout {
    /// A last line without its end is still shown.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// A reader that closed the pipe (`sxs dump | head`) has all it wanted.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
