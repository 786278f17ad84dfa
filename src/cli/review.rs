//! `sxs [PATH...]`: sets up the review screen from the config file, the notes
//! file and the paths, then hands over to the TUI.

use std::io::{self, IsTerminal};

use super::{Cli, load};
use crate::check::{self, Glossary};
use crate::config::Config;
use crate::notes::{self, Notes};
use crate::text::WidthMode;
use crate::tui::app::{App, Options};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

pub fn run(cli: &Cli) -> anyhow::Result<u8> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        anyhow::bail!(
            "the review screen needs a terminal; to print segments in a pipe, use `sxs dump`"
        );
    }
    let config = Config::load().map_err(anyhow::Error::msg)?;
    let keymap = Keymap::with_overrides(&config.key_overrides())
        .map_err(|e| anyhow::anyhow!("config file: {e}"))?;
    let mut checks = check::Options::default();
    if let Some(path) = &cli.glossary {
        checks = checks.with_glossary(Glossary::load(path)?);
    }
    let theme = Theme::from_env(config.theme);
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        // crossterm 0.29 drops modifiers too under NO_COLOR, which would hide
        // the selection; the mono theme already uses no colour.
        crossterm::style::force_color_output(true);
    }
    let store = load(&cli.paths)?;
    if store.docs.is_empty() {
        anyhow::bail!("no segment files (with data-ttu-id spans) in the given paths");
    }
    let (notes, problem) = open_notes(cli, &store)?;
    let reviewer = notes::reviewer(
        cli.common
            .reviewer
            .as_deref()
            .or(config.reviewer.as_deref()),
    );
    let options = Options {
        keymap,
        theme,
        width_mode: if config.ambiguous_wide {
            WidthMode::AmbiguousWide
        } else {
            WidthMode::Narrow
        },
        mouse: config.mouse,
        notes,
        reviewer,
    };
    let mut app = App::new(store, options);
    if let Some(problem) = problem {
        app.complain(problem);
    }
    crate::tui::run(app, checks)?;
    Ok(0)
}

/// The notes file for this review. One that cannot be used (not valid YAML,
/// held by another sxs) still lets the review go on, read-only, and says why;
/// it is never written over. A path that is no file at all (a folder, a
/// device) is a usage error.
fn open_notes(cli: &Cli, store: &crate::store::Store) -> anyhow::Result<(Notes, Option<String>)> {
    let path = &cli.common.notes;
    Ok(match Notes::open(path) {
        Ok(mut notes) => {
            notes.set_store_order(store);
            super::report(notes.warnings());
            let problem = notes
                .read_only_reason()
                .map(|reason| format!("read-only: {reason}"));
            (notes, problem)
        }
        Err(err @ notes::NotesError::NotRegular { .. }) => return Err(err.into()),
        Err(err) => {
            let message = err.to_string();
            eprintln!("sxs: {message}");
            (
                Notes::unavailable(path, message.clone()),
                Some(format!("read-only: {message}")),
            )
        }
    })
}
