//! Messages on stderr. Each quotes input — file names, segment ids, values
//! from front matter or the notes file — so each goes through
//! `text::terminal_line`: a file name holding `ESC ] 52` must not write the
//! user's clipboard, nor a line break forge a second message.

use std::fmt::Display;
use std::io::{self, Write};

use crate::text::terminal_line;

/// `sxs: warning: MESSAGE`; the command goes on.
pub(crate) fn warning(message: impl Display) {
    line("sxs: warning: ", message);
}

/// `sxs: MESSAGE`, for what ends the command.
pub(crate) fn error(message: impl Display) {
    line("sxs: ", message);
}

fn line(prefix: &str, message: impl Display) {
    let text = message.to_string();
    // A closed stderr must not stop the command.
    let _ = writeln!(io::stderr().lock(), "{prefix}{}", terminal_line(&text));
}

/// An error whose message is already on stderr: the command ends with exit 2
/// and nothing more is printed.
#[derive(Debug, thiserror::Error)]
#[error("reported")]
pub(crate) struct Reported;
