//! `sxs [PATH...]`: reads the first file and hands it, with the loading of
//! the others, to the review screen.

use std::io::{self, IsTerminal};

use super::{Cli, fail_on, named_sources, report};
use crate::check::Glossary;
use crate::tui::checks::CheckChoice;
use crate::tui::{self, Launch};

pub fn run(cli: &Cli) -> anyhow::Result<u8> {
    let checks = CheckChoice {
        only: cli.only.clone(),
        skip: cli.skip.clone(),
        glossary: cli.glossary.is_some(),
        from: "--only/--skip",
    };
    // Before the files load: a misspelt name is said at once, as `sxs check` says it.
    checks.options(None)?;
    let glossary = cli.glossary.as_deref().map(Glossary::load).transpose()?;
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        anyhow::bail!(
            "the review screen needs a terminal; to print segments in a pipe, use `sxs dump`"
        );
    }
    // The first file is read before the screen opens, the rest after.
    let mut loading = named_sources(&cli.paths, &cli.common)?.load_in_background();
    let Some(first) = loading.wait_next() else {
        let problems = loading.take_problems().unwrap_or_default();
        report(&problems.warnings);
        fail_on(&problems.errors)?;
        anyhow::bail!("no segment files (with data-ttu-id spans) in the given paths");
    };
    let unusable = tui::run(Launch {
        first,
        loading,
        notes: cli.common.notes_path().to_path_buf(),
        reviewer: cli.common.reviewer.clone(),
        checks,
        glossary,
        first_path: cli.paths.first().cloned(),
    })?;
    // The screen said it; the shell and a script hear it too.
    for error in &unusable {
        super::diagnostics::error(error);
    }
    Ok(if unusable.is_empty() { 0 } else { 2 })
}
