//! `sxs [PATH...]`: loads the paths and hands them to the review screen.

use std::io::{self, IsTerminal};

use super::{Cli, load};
use crate::check::{self, Glossary};
use crate::tui::{self, Launch};

pub fn run(cli: &Cli) -> anyhow::Result<u8> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        anyhow::bail!(
            "the review screen needs a terminal; to print segments in a pipe, use `sxs dump`"
        );
    }
    let mut checks = check::Options::default();
    if let Some(path) = &cli.glossary {
        checks = checks.with_glossary(Glossary::load(path)?);
    }
    let store = load(&cli.paths, &cli.common)?;
    if store.docs.is_empty() {
        anyhow::bail!("no segment files (with data-ttu-id spans) in the given paths");
    }
    tui::run(Launch {
        store,
        notes: cli.common.notes_path().to_path_buf(),
        reviewer: cli.common.reviewer.clone(),
        checks,
        first_path: cli.paths.first().cloned(),
    })?;
    Ok(0)
}
