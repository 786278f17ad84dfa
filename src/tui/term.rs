//! The terminal's state, in one place: raw mode and the alternate screen on
//! entry; restored on quit, panic, SIGTERM, SIGHUP and Ctrl-Z; re-entered on
//! SIGCONT. Signals are turned into flags the event loop polls.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGTERM};

pub type Backend = CrosstermBackend<Stdout>;

/// Set by signal handlers, read by the event loop.
#[derive(Clone, Default)]
pub struct Signals {
    pub terminate: Arc<AtomicBool>,
    pub resumed: Arc<AtomicBool>,
}

impl Signals {
    pub fn install() -> io::Result<Signals> {
        let signals = Signals::default();
        for sig in [SIGTERM, SIGHUP] {
            signal_hook::flag::register(sig, Arc::clone(&signals.terminate))?;
        }
        signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resumed))?;
        Ok(signals)
    }

    pub fn should_terminate(&self) -> bool {
        self.terminate.load(Ordering::Relaxed)
    }

    /// True once after the process was continued (after Ctrl-Z or `kill -STOP`).
    pub fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::Relaxed)
    }
}

/// The screen while sxs owns it. Dropping it restores the terminal.
pub struct Screen {
    pub terminal: Terminal<Backend>,
    mouse: bool,
}

impl Screen {
    pub fn enter(mouse: bool) -> io::Result<Screen> {
        install_panic_hook(mouse);
        setup(mouse)?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Screen { terminal, mouse })
    }

    /// Hands the terminal back to the shell and stops the process; on return
    /// (after `fg`) takes it again and forces a full redraw.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore(self.mouse);
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        self.resume()
    }

    /// Takes the terminal again after the process was stopped from outside.
    /// A fresh `Terminal` has empty buffers, so the next frame redraws every
    /// cell (`Terminal::clear` would ask the terminal for the cursor position,
    /// a round trip that not every terminal answers).
    pub fn resume(&mut self) -> io::Result<()> {
        setup(self.mouse)?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(())
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

fn setup(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Best effort: every step runs even if an earlier one fails, since this also
/// runs while panicking or dying.
fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the previous hook prints the panic message, so
/// the message lands on a normal screen.
fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
    }));
}
