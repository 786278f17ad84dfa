//! Running the reviewer's editor on a file at a line: `$EDITOR +LINE FILE`,
//! through `sh -c` as git runs `core.editor`, so that an `$EDITOR` with
//! arguments (`code --wait`, `emacsclient -t`) works as in every other tool.
//! Without `$EDITOR`, `vi`.

use std::io;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitStatus};

/// The editor command, and whether it is the fallback because `$EDITOR` is
/// unset or empty.
pub fn editor() -> (String, bool) {
    match std::env::var("EDITOR") {
        Ok(editor) if !editor.trim().is_empty() => (editor, false),
        _ => ("vi".to_string(), true),
    }
}

/// Runs `editor` on `path` at `line` and waits for it. The caller has
/// handed it the terminal.
pub fn run(editor: &str, path: &Path, line: u32) -> io::Result<ExitStatus> {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(format!("+{line}"))
        .arg(path);
    // SAFETY: between fork and exec only `signal`, which is
    // async-signal-safe, runs: the interrupts sxs ignores while the editor
    // has the terminal are the editor's again.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGQUIT, libc::SIG_DFL);
            Ok(())
        });
    }
    command.status()
}
