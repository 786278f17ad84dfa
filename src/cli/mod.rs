//! Command line: parse with clap, run the chosen command, map results to exit codes.

mod check;
mod dump;
mod export;
mod review;
mod stats;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::notes::Notes;
use crate::notes::export::Format as ExportFormat;
use crate::notes::score::Penalties;
use crate::store::{Sources, Store};

/// Exit code for usage and input errors (SPEC).
const EXIT_USAGE: u8 = 2;

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
    #[command(flatten)]
    pub common: Common,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Notes file holding the review marks
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        default_value = "sxs-notes.yaml"
    )]
    pub notes: PathBuf,
    /// Reviewer name written with each mark [default: $USER]
    #[arg(long, global = true, value_name = "NAME")]
    pub reviewer: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every segment, files in sorted path order, segments in document order
    Dump(DumpArgs),
    /// Count files, segments and words per locale; review progress from the notes file
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
    /// Total width for --format text [default: the terminal's width, else 100]
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
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
    /// Penalty points per error for the MQM score
    #[arg(long, value_name = "SEVERITY=POINTS,…", default_value_t = Penalties::default())]
    pub penalties: Penalties,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE (replaced atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export only the entries of this locale (`ja-jp`)
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
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
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Dump(args)) => dump::run(args),
        Some(Command::Stats(args)) => stats::run(args, &cli.common),
        Some(Command::Check(args)) => check::run(args, &cli.common),
        Some(Command::Export(args)) => export::run(args, &cli.common),
        None => review::run(&cli),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sxs: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// The files the given paths name, or the bundled samples when there are none.
pub(crate) fn sources(paths: &[PathBuf]) -> anyhow::Result<Sources> {
    Ok(match paths.is_empty() {
        true => Sources::bundled(),
        false => Sources::resolve(paths)?,
    })
}

/// Loads the given paths (see `sources`) and reports every load warning on stderr.
pub(crate) fn load(paths: &[PathBuf]) -> anyhow::Result<Store> {
    let store = sources(paths)?.load();
    report(store.all_warnings());
    Ok(store)
}

/// Reads the notes file for a batch command and reports what it could not
/// understand; an invalid file is an error that names its line.
pub(crate) fn read_notes(common: &Common) -> anyhow::Result<Notes> {
    let notes = Notes::read(&common.notes)?;
    report(notes.warnings());
    Ok(notes)
}

pub(crate) fn report<'a, W: std::fmt::Display + 'a>(warnings: impl IntoIterator<Item = &'a W>) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for warning in warnings {
        // A closed stderr must not stop the command.
        let _ = writeln!(err, "sxs: warning: {warning}");
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
