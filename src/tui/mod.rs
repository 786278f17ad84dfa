//! The review screen: state in `app`, drawing in `ui`, the terminal in `term`.

pub mod action;
mod align;
pub mod app;
pub mod dialog;
pub mod display;
pub mod findings;
pub mod keymap;
pub mod layout;
mod reading;
pub mod review;
mod search;
pub mod term;
pub mod theme;
pub mod ui;

use std::io::{self, Write};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};

use self::action::Action;
use self::app::App;
use self::term::{Resumed, Screen};
use crate::check;

/// How often the event loop looks for findings and SIGCONT while no key comes.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Runs the review screen until the user quits or a signal ends it. The
/// terminal is restored on every way out, panics included. The automatic
/// checks run on another thread; their findings appear when ready.
pub fn run(mut app: App, checks: check::Options) -> io::Result<()> {
    let resumed = Resumed::install()?;
    term::exit_on_termination(app.exclusive.clone(), app.mouse)?;
    let findings = {
        let (tx, rx) = mpsc::channel();
        let store = Arc::clone(&app.store);
        thread::spawn(move || tx.send(check::run(&store, &checks)));
        rx
    };
    let mut screen = Screen::enter(app.mouse)?;
    let size = screen.terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    loop {
        if dirty {
            draw(&mut screen, &app)?;
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
        dirty = true;
        match event::read()? {
            // Windows also reports releases; one press is one action.
            Event::Key(key) if key.kind == KeyEventKind::Press => app.key(key),
            Event::Resize(width, height) => app.resize(width, height),
            Event::Paste(text) => app.paste(&text),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => app.update(Action::NextSegment),
                MouseEventKind::ScrollUp => app.update(Action::PrevSegment),
                _ => dirty = false,
            },
            _ => dirty = false,
        }
    }
}

/// One frame, bracketed as a synchronized update so the terminal shows it whole.
fn draw(screen: &mut Screen, app: &App) -> io::Result<()> {
    let _held = app.exclusive.hold();
    queue!(screen.terminal.backend_mut(), BeginSynchronizedUpdate)?;
    screen.terminal.draw(|frame| ui::render(app, frame))?;
    execute!(screen.terminal.backend_mut(), EndSynchronizedUpdate)?;
    screen.terminal.backend_mut().flush()
}
