//! The review screen. [`run`] is the one way in: it reads the config file,
//! opens the notes file, builds the [`app::App`] and runs the event loop.
//!
//! Layers, each using only those listed before it: keys, bindings, action,
//! keymap, theme, config; geometry, display, findings, search, align;
//! session, layout, nav, marks; cells, component, components/; app; term and
//! this event loop. `tests/module_graph.rs` checks that no module here
//! imports another in a cycle.

pub mod action;
mod align;
pub mod app;
pub mod bindings;
pub mod cells;
pub mod component;
pub mod components;
pub mod config;
pub mod display;
pub mod findings;
pub mod geometry;
pub mod keymap;
pub mod keys;
pub mod layout;
mod marks;
mod nav;
mod search;
pub mod session;
pub mod term;
pub mod theme;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use thiserror::Error;

use self::app::{App, Options};
use self::config::{Config, ConfigError};
use self::display::one_line;
use self::term::{Exclusive, Resumed, Screen};
use self::theme::Theme;
use crate::check;
use crate::notes::{self, Notes};
use crate::store::Store;
use crate::text::WidthMode;

/// How often the event loop looks for findings and SIGCONT while no key comes.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// What the review screen is opened on.
pub struct Launch {
    pub store: Store,
    /// The notes file (`--notes`).
    pub notes: PathBuf,
    /// `--reviewer`, before the config file's and `$USER`.
    pub reviewer: Option<String>,
    /// The checks to run in the background.
    pub checks: check::Options,
}

#[derive(Debug, Error)]
pub enum TuiError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Terminal(#[from] io::Error),
    /// A notes path that is no file at all (a folder, a device).
    #[error(transparent)]
    Notes(#[from] notes::NotesError),
}

/// Runs the review screen until the user quits or a signal ends it. The
/// terminal is restored on every way out, panics included. The automatic
/// checks run on another thread; their findings appear when ready.
pub fn run(launch: Launch) -> Result<(), TuiError> {
    let config = Config::load()?;
    warn(&config.warnings);
    let theme = Theme::from_env(config.theme);
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        // crossterm 0.29 drops modifiers too under NO_COLOR, which would hide
        // the selection; the mono theme already uses no colour.
        crossterm::style::force_color_output(true);
    }
    let notes = open_notes(&launch.notes, &launch.store)?;
    let reviewer = notes::reviewer(launch.reviewer.as_deref().or(config.reviewer.as_deref()));
    let options = Options {
        keymaps: config.keymaps,
        theme,
        width_mode: match config.ambiguous_wide {
            true => WidthMode::AmbiguousWide,
            false => WidthMode::Narrow,
        },
        mouse: config.mouse,
        notes,
        reviewer,
        warnings: config.warnings,
    };
    let app = App::new(launch.store, options);
    event_loop(app, launch.checks)?;
    Ok(())
}

/// Warnings on stderr before the screen opens, for the scrollback; the
/// screen lists them again.
fn warn(warnings: &[String]) {
    let mut err = io::stderr().lock();
    for warning in warnings {
        // A closed stderr must not stop the review.
        let _ = writeln!(err, "sxs: warning: {}", one_line(warning));
    }
}

/// The notes file for this review. One that cannot be used (not valid YAML,
/// held by another sxs) still lets the review go on, read-only, and the
/// screen says why; it is never written over. A path that is no file at all
/// (a folder, a device) is an error: there is nothing to review into.
fn open_notes(path: &std::path::Path, store: &Store) -> Result<Notes, notes::NotesError> {
    match Notes::open(path) {
        Ok(mut notes) => {
            notes.set_store_order(store);
            let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
            warn(&warnings);
            Ok(notes)
        }
        Err(err @ notes::NotesError::NotRegular { .. }) => Err(err),
        Err(err) => {
            let message = err.to_string();
            warn(std::slice::from_ref(&message));
            Ok(Notes::unavailable(path, message))
        }
    }
}

fn event_loop(mut app: App, checks: check::Options) -> io::Result<()> {
    // Held while a frame is drawn or a key is handled (a key can save), so
    // that a terminating signal waits for either to finish.
    let exclusive = Exclusive::default();
    let resumed = Resumed::install()?;
    term::exit_on_termination(exclusive.clone(), app.mouse)?;
    let findings = {
        let (tx, rx) = mpsc::channel();
        let store = Arc::clone(&app.session.store);
        thread::spawn(move || tx.send(check::run(&store, &checks)));
        rx
    };
    let mut screen = Screen::enter(app.mouse)?;
    let size = screen.terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    loop {
        if dirty {
            draw(&mut screen, &app, &exclusive)?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        if app.suspend {
            app.suspend = false;
            screen.suspend()?;
            dirty = true;
        }
        if resumed.take() {
            screen.resume()?;
            dirty = true;
        }
        if let Ok(found) = findings.try_recv() {
            app.set_findings(found);
            dirty = true;
        }
        if !event::poll(SIGNAL_POLL)? {
            continue;
        }
        let event = event::read()?;
        let _held = exclusive.hold();
        dirty = true;
        match event {
            // Windows also reports releases; one press is one action.
            Event::Key(key) if key.kind == KeyEventKind::Press => app.key(key),
            Event::Resize(width, height) => app.resize(width, height),
            Event::Paste(text) => app.paste(&text),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => app.scroll(true),
                MouseEventKind::ScrollUp => app.scroll(false),
                _ => dirty = false,
            },
            _ => dirty = false,
        }
    }
}

/// One frame, bracketed as a synchronized update so the terminal shows it whole.
fn draw(screen: &mut Screen, app: &App, exclusive: &Exclusive) -> io::Result<()> {
    let _held = exclusive.hold();
    queue!(screen.terminal.backend_mut(), BeginSynchronizedUpdate)?;
    screen.terminal.draw(|frame| app.draw(frame))?;
    execute!(screen.terminal.backend_mut(), EndSynchronizedUpdate)?;
    screen.terminal.backend_mut().flush()
}
