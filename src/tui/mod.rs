//! The review screen. [`run`] is the one way in: it reads the config file,
//! opens the notes file, builds the [`app::App`] and runs the event loop.
//!
//! Layers, each using only those listed before it: keys, bindings, action,
//! keymap, theme, checks, config; geometry, raw, wmt, display, findings, scope, search, selection,
//! align; session, layout, nav, jump, resume, spans, marks, compare, time, outside; text_field, cells, component,
//! components/; app; term and this event loop. `tests/module_graph.rs` checks that no module here
//! imports another in a cycle.

pub mod action;
mod align;
pub mod app;
pub mod bindings;
pub mod cells;
pub mod checks;
pub mod compare;
pub mod component;
pub mod components;
pub mod config;
pub mod display;
mod editor;
pub mod findings;
pub mod geometry;
mod jump;
pub mod keymap;
pub mod keys;
pub mod layout;
mod marks;
mod nav;
mod outside;
mod raw;
mod resume;
pub mod scope;
mod search;
pub mod selection;
pub mod session;
mod spans;
pub mod term;
pub mod text_field;
pub mod theme;
mod time;
pub mod wmt;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use thiserror::Error;

use self::app::{App, Options};
use self::checks::CheckChoice;
use self::config::{Config, ConfigError, config_path};
use self::display::one_line;
use self::term::{Exclusive, Resumed, Screen};
use self::theme::Theme;
use crate::check;
use crate::notes::{self, Notes};
use crate::store::{Document, Loading, Store};
use crate::text::WidthMode;

/// How often the event loop looks for findings and SIGCONT while no key comes.
const SIGNAL_POLL: Duration = Duration::from_millis(100);
/// How often it takes in documents while files load in the background, and
/// for how long at a time: the status bar counts them, keys keep working.
const LOADING_POLL: Duration = Duration::from_millis(30);
const LOADING_SLICE: Duration = Duration::from_millis(15);

/// What the review screen is opened on.
pub struct Launch {
    /// The first document, read before the screen opens.
    pub first: Document,
    /// The rest, arriving from a thread that reads them.
    pub loading: Loading,
    /// The notes file (`--notes`).
    pub notes: PathBuf,
    /// `--reviewer`, before the config file's and `$USER`.
    pub reviewer: Option<String>,
    /// The checks `--only` and `--skip` chose, over the config file's.
    pub checks: CheckChoice,
    /// `--glossary`, for the checks.
    pub glossary: Option<check::Glossary>,
    /// The first path on the command line: the review opens in its files.
    pub first_path: Option<PathBuf>,
}

#[derive(Debug, Error)]
pub enum TuiError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Terminal(#[from] io::Error),
    #[error(transparent)]
    Checks(#[from] check::UnknownCheck),
    /// A notes path that is no file at all (a folder, a device).
    #[error(transparent)]
    Notes(#[from] notes::NotesError),
}

/// Runs the review screen until the user quits or a signal ends it. The
/// terminal is restored on every way out, panics included. The automatic
/// checks run on another thread; their findings appear when ready.
/// Runs the review screen until the reviewer quits; the named paths that
/// gave nothing, each as its error says it.
pub fn run(launch: Launch) -> Result<Vec<String>, TuiError> {
    let mut config = Config::load()?;
    let user = std::env::var("USER").ok();
    let missing = missing_reviewer(
        launch.reviewer.as_deref(),
        config.reviewer.as_deref(),
        user.as_deref(),
        config_path().as_deref(),
    );
    config.warnings.extend(missing);
    warn(&config.warnings);
    let theme = Theme::from_env(config.theme);
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        // crossterm 0.29 drops modifiers too under NO_COLOR, which would hide
        // the selection; the mono theme already uses no colour.
        crossterm::style::force_color_output(true);
    }
    let store = Store {
        docs: vec![launch.first],
        warnings: Vec::new(),
    };
    let notes = open_notes(&launch.notes, &store)?;
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
    let mut app = App::new(store, options);
    app.session.config_file = config_path();
    app.session.advance_after_error = config.advance_after_error;
    app.session.loading = Some(launch.loading.progress());
    app.resume(launch.first_path.as_deref());
    let choice = launch.checks.over(&config.checks);
    let checks = choice.options(launch.glossary)?;
    app.session.checks = choice;
    Ok(event_loop(app, checks, launch.loading)?)
}

/// The warning for a review whose marks would say `reviewer: unknown`: no
/// `--reviewer`, no `reviewer:` in the config file, no `$USER`.
fn missing_reviewer(
    flag: Option<&str>,
    config: Option<&str>,
    user: Option<&str>,
    config_file: Option<&std::path::Path>,
) -> Option<String> {
    let named = |name: Option<&str>| name.is_some_and(|n| !n.trim().is_empty());
    if named(flag) || named(config) || named(user) {
        return None;
    }
    let config = config_file.map_or("the config file".into(), |p| p.display().to_string());
    Some(format!(
        "no reviewer name ($USER is not set): marks will say `reviewer: unknown`; \
         give --reviewer NAME, or put `reviewer: NAME` in {config}"
    ))
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

/// Takes the documents that have arrived, for at most a few milliseconds so
/// that keys keep their answer; whether any did.
fn take_loaded(app: &mut App, loading: &mut Loading) -> bool {
    let until = Instant::now() + LOADING_SLICE;
    let mut docs = Vec::new();
    while Instant::now() < until {
        match loading.try_next() {
            Some(doc) => docs.push(doc),
            None => break,
        }
    }
    let arrived = !docs.is_empty();
    if arrived {
        app.add_documents(docs);
    }
    app.session.loading = Some(loading.progress());
    arrived
}

/// Returns to the system the pages the checks freed. glibc keeps what
/// other threads freed in their own arenas, so after the checks (on every
/// core) the screen would hold tens of MB it no longer uses until it quits;
/// no allocator crate changes that without changing every allocation.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages; it takes no pointer.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Runs the checks on another thread; their findings arrive on the receiver.
fn spawn_checks(app: &App, checks: &Arc<check::Options>) -> mpsc::Receiver<Vec<check::Finding>> {
    let (tx, rx) = mpsc::channel();
    let store = Arc::clone(&app.session.store);
    let checks = Arc::clone(checks);
    thread::spawn(move || tx.send(check::run(&store, &checks)));
    rx
}

fn event_loop(
    mut app: App,
    checks: check::Options,
    mut loading: Loading,
) -> io::Result<Vec<String>> {
    // Held while a frame is drawn or a key is handled (a key can save), so
    // that a terminating signal waits for either to finish.
    let exclusive = Exclusive::default();
    let resumed = Resumed::install()?;
    term::exit_on_termination(exclusive.clone(), app.mouse)?;
    let checks = Arc::new(checks);
    // The checks need every file: they start once all are loaded.
    let mut findings = None;
    let mut screen = Screen::enter(app.mouse)?;
    let size = screen.terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    loop {
        if let Some(text) = app.session.to_clipboard.take() {
            execute!(
                screen.terminal.backend_mut(),
                CopyToClipboard::to_clipboard_from(text)
            )?;
        }
        if let Some(edit) = app.session.to_edit.take() {
            let (editor, fallback) = editor::editor();
            app.session.pause_time();
            let ran = screen.hand_over(|| editor::run(&editor, &edit.path, edit.line))?;
            app.session.resume_time();
            let said = edited(&editor, fallback, ran);
            app.reload(edit.doc, said.as_deref().map_err(String::as_str));
            if app.session.loading.is_none() {
                findings = Some(spawn_checks(&app, &checks));
            }
            dirty = true;
        }
        if dirty {
            draw(&mut screen, &app, &exclusive)?;
            dirty = false;
        }
        if app.quit {
            app.finish();
            return Ok(std::mem::take(&mut app.session.unusable));
        }
        if app.suspend {
            app.suspend = false;
            app.session.pause_time();
            screen.suspend()?;
            app.session.resume_time();
            dirty = true;
        }
        if resumed.take() {
            screen.resume()?;
            dirty = true;
        }
        if app.session.loading.is_some() {
            dirty |= take_loaded(&mut app, &mut loading);
            if let Some(problems) = loading.take_problems() {
                app.loaded(problems);
                findings = Some(spawn_checks(&app, &checks));
                dirty = true;
            }
        }
        if let Some(Ok(found)) = findings.as_ref().map(mpsc::Receiver::try_recv) {
            // Copied here and the originals dropped: what the checks' threads
            // allocated is then all free, and their arenas go back whole
            // instead of staying resident around the findings' messages.
            app.set_findings(found.to_vec());
            drop(found);
            give_back_freed_memory();
            dirty = true;
        }
        let wait = match app.session.loading {
            Some(_) => LOADING_POLL,
            None => SIGNAL_POLL,
        };
        if !event::poll(wait)? {
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

/// What the message after the editor says first: nothing when it went
/// well; a note when it ran but not as asked; an error (`Err`) when it
/// failed, with what to do.
fn edited(
    editor: &str,
    fallback: bool,
    ran: io::Result<std::process::ExitStatus>,
) -> Result<String, String> {
    let set = "set $EDITOR to your editor";
    match ran {
        Ok(status) if status.success() && fallback => {
            Ok(format!("$EDITOR is not set, so vi ran ({set}); "))
        }
        Ok(status) if status.success() => Ok(String::new()),
        // What `sh` answers for a command it cannot find or run.
        Ok(status) if status.code() == Some(127) => Err(format!("{editor}: not found; {set}; ")),
        Ok(status) if status.code() == Some(126) => {
            Err(format!("{editor}: cannot be run; {set}; "))
        }
        Ok(status) => Err(format!("{editor} failed ({status}); ")),
        Err(err) => Err(format!("cannot start the editor ({err}); ")),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_reviewer_name_anywhere_is_warned_with_both_ways_to_give_one() {
        let file = std::path::Path::new("/home/kim/.config/sxs/config.yaml");
        let warning = missing_reviewer(None, None, None, Some(file)).expect("a warning");
        assert!(warning.contains("--reviewer NAME"), "{warning}");
        assert!(
            warning.contains("reviewer: NAME` in /home/kim/.config/sxs/config.yaml"),
            "{warning}"
        );
        assert!(missing_reviewer(None, None, Some(" "), Some(file)).is_some());
        for named in [
            missing_reviewer(Some("ana"), None, None, None),
            missing_reviewer(None, Some("ana"), None, None),
            missing_reviewer(None, None, Some("ana"), None),
        ] {
            assert_eq!(named, None);
        }
    }
}
