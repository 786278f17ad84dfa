//! The terminal's state, in one place: raw mode and the alternate screen on
//! entry; restored on quit, panic, SIGTERM, SIGHUP and Ctrl-Z; re-entered on
//! SIGCONT.
//!
//! SIGTERM and SIGHUP are handled on a thread of their own, not by the event
//! loop: after a hang-up crossterm's reader can spin without ever returning to
//! the loop. That thread takes the [`Exclusive`] lock the loop holds while it
//! draws or saves, so the process never ends in the middle of a frame or of a
//! save, then restores the terminal and exits.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

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

/// Held while a frame is drawn or the notes file is saved.
#[derive(Clone, Default)]
pub struct Exclusive(Arc<Mutex<()>>);

impl Exclusive {
    pub fn hold(&self) -> MutexGuard<'_, ()> {
        // A panic while holding it poisons nothing that matters: the guard
        // protects no data, only timing.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Ends the process on SIGTERM or SIGHUP: waits for the frame or save under
/// way, restores the terminal, exits with 128 + the signal number.
pub fn exit_on_termination(exclusive: Exclusive, mouse: bool) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _held = exclusive.hold();
            restore(mouse);
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Set when the process is continued after a stop (Ctrl-Z, `kill -STOP`).
#[derive(Clone, Default)]
pub struct Resumed(Arc<AtomicBool>);

impl Resumed {
    pub fn install() -> io::Result<Resumed> {
        let resumed = Resumed::default();
        signal_hook::flag::register(SIGCONT, Arc::clone(&resumed.0))?;
        Ok(resumed)
    }

    /// True once after each continue.
    pub fn take(&self) -> bool {
        self.0.swap(false, Ordering::Relaxed)
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
        if in_background() {
            // A job started with `&`: the kernel stops it when it takes the
            // terminal (SIGTTOU), and `fg` lets it go on.
            eprintln!("sxs: sxs is in the background; bring it to the foreground with fg");
        }
        setup(mouse).map_err(explain_background)?;
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

    /// Hands the terminal to another program (the editor) for as long as
    /// `run` runs, then takes it back. Ctrl-C and Ctrl-\\ typed in that
    /// program reach sxs too (one process group): sxs ignores them
    /// meanwhile, as git does around its editor, or they would end the
    /// review.
    pub fn hand_over<T>(&mut self, run: impl FnOnce() -> T) -> io::Result<T> {
        restore(self.mouse);
        let result = {
            let _ignored = IgnoreInterrupts::new();
            run()
        };
        self.resume()?;
        Ok(result)
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

/// SIGINT and SIGQUIT ignored for as long as this lives. An ignored signal
/// stays ignored across `exec`, so the program run meanwhile must set them
/// back to their defaults as it starts (`editor::run` does).
struct IgnoreInterrupts {
    previous: [libc::sighandler_t; 2],
}

impl IgnoreInterrupts {
    fn new() -> IgnoreInterrupts {
        // SAFETY: `signal` with SIG_IGN installs no handler code; the
        // previous dispositions are put back on drop.
        let previous = unsafe {
            [
                libc::signal(libc::SIGINT, libc::SIG_IGN),
                libc::signal(libc::SIGQUIT, libc::SIG_IGN),
            ]
        };
        IgnoreInterrupts { previous }
    }
}

impl Drop for IgnoreInterrupts {
    fn drop(&mut self) {
        // SAFETY: puts back the dispositions `new` found.
        unsafe {
            libc::signal(libc::SIGINT, self.previous[0]);
            libc::signal(libc::SIGQUIT, self.previous[1]);
        }
    }
}

/// Whether another process group has the terminal's foreground.
fn in_background() -> bool {
    // SAFETY: both calls only read the state of this process and of its
    // terminal; they take no pointers.
    let (foreground, ours) = unsafe { (libc::tcgetpgrp(libc::STDIN_FILENO), libc::getpgrp()) };
    foreground != -1 && foreground != ours
}

/// A background process whose shell no longer minds it (`(sxs &)`) is not
/// stopped when it takes the terminal: the kernel answers EIO. Say what
/// that means rather than "Input/output error".
fn explain_background(err: io::Error) -> io::Error {
    match err.raw_os_error() == Some(libc::EIO) && in_background() {
        true => io::Error::other(
            "sxs is in the background and cannot take the terminal; run it in the \
             foreground (without &), or bring it there with fg",
        ),
        false => err,
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
