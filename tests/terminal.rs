//! The real binary in a real (pseudo) terminal: what it draws, that keys work,
//! and that the terminal is given back on every way out.

mod common;
mod pty;

use std::path::PathBuf;

use pty::{Tty, rows};
use unicode_width::UnicodeWidthStr;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The one column of the separator on every pane row (2 to 27; then the
/// detail line and the status bar), if there is one.
fn separator_column(rows: &[String]) -> Option<usize> {
    let columns: Option<Vec<usize>> = rows[2..28]
        .iter()
        .map(|row| row.find('│').map(|b| row[..b].width()))
        .collect();
    let columns = columns?;
    columns
        .iter()
        .all(|&c| c == columns[0])
        .then_some(columns[0])
}

#[test]
fn source_and_target_share_a_row_and_nothing_overflows() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    // A frame can be caught half written: wait for a whole one, where the
    // separator stands in one column on every row (or time out showing why not).
    let screen = tty.wait_for("the separator in one column on every row", |s| {
        s.contents().contains("合作夥伴中心使用者") && separator_column(&rows(s)).is_some()
    });
    assert!(screen.alternate_screen());
    let rows = rows(&screen);
    let row = rows
        .iter()
        .find(|r| r.contains("合作夥伴中心使用者"))
        .unwrap();
    assert!(row.contains("Partner Center users"), "{row}");
    for (y, row) in rows.iter().enumerate() {
        assert!(
            row.width() <= 100,
            "row {y} is {} cells: {row}",
            row.width()
        );
    }
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn quitting_leaves_the_alternate_screen_and_shows_the_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (80, 24), dir.path(), &[]);
    let screen = tty.wait_for_text("en-us");
    assert!(screen.alternate_screen() && screen.hide_cursor());
    tty.send("jjG/pass\rq");
    assert_eq!(tty.wait_exit(), 0);
    let screen = tty.wait_for("the normal screen", |s| !s.alternate_screen());
    assert!(!screen.hide_cursor(), "the cursor is visible again");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(&[], (80, 24), dir.path(), &[]);
        tty.wait_for_text("en-us");
        let pid = tty.pid().unwrap().to_string();
        std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        tty.wait_exit();
        let screen = tty.wait_for("the normal screen", |s| !s.alternate_screen());
        assert!(!screen.hide_cursor(), "{signal}: cursor hidden");
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_redraws_from_any_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = Tty::shell((80, 24), dir.path());
    shell.wait_for_text("$ ");
    shell.send(&format!(
        "XDG_CONFIG_HOME=/nonexistent {}\r",
        env!("CARGO_BIN_EXE_sxs")
    ));
    shell.wait_for("the review screen", |s| {
        s.alternate_screen() && s.contents().contains("en-us")
    });
    // From the panes, then from the mark dialog: there the `f`, `g` and
    // Enter of the `fg` typed next would have saved an error.
    for (opens, shows) in [("", "en-us"), ("x", "Severity")] {
        shell.send(opens);
        shell.wait_for(shows, |s| s.contents().contains(shows));
        shell.send("\x1a");
        let screen = shell.wait_for("the shell", |s| {
            !s.alternate_screen() && s.contents().contains("Stopped")
        });
        assert!(!screen.hide_cursor());
        shell.send("clear; fg\r");
        let screen = shell.wait_for("the review screen again", |s| {
            s.alternate_screen() && s.contents().contains(shows)
        });
        assert!(screen.hide_cursor());
    }
    shell.send("\x1b");
    shell.wait_for("the dialog closed", |s| !s.contents().contains("Severity"));
    shell.send("q");
    shell.wait_for("the shell again", |s| !s.alternate_screen());
    shell.send("exit\r");
    shell.wait_exit();
    let notes = std::fs::read_to_string(dir.path().join("sxs-notes.yaml")).unwrap_or_default();
    assert!(!notes.contains("verdict"), "nothing marked: {notes}");
}

#[test]
fn a_tiny_window_says_so_and_keys_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (10, 3), dir.path(), &[]);
    tty.wait_for_text("too small");
    tty.send("jjq");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = root().join("tests/fixtures/store/broken/escapes.md");
    let mut tty = Tty::spawn(&[file.to_str().unwrap()], (100, 20), dir.path(), &[]);
    // The escape sequence `ESC [2J` would clear the screen; shown defused, the
    // rest of the text stays, and the title bar is still there.
    let screen = tty.wait_for_text("Escapes");
    let contents = screen.contents();
    assert!(contents.contains("escapes.md"), "{contents}");
    assert!(
        contents.contains("⟨RLO⟩"),
        "bidi override made visible: {contents}"
    );
    assert!(contents.contains("bell␇"), "{contents}");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn an_export_to_the_terminal_shows_escape_sequences_in_a_shared_notes_file_defused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sxs-notes.yaml"),
        "- file: a.md\n  locale: de-de\n  id: x-1\n  verdict: ok\n  \
         comment: \"wipe\\e[2Jout\\e]52;c;aGk=\\a\"\n  source: S\n  target: T\n  \
         reviewer: \"mallory\\u202E\"\n  time: 2026-01-02T03:04:05Z\n",
    )
    .unwrap();
    let mut tty = Tty::spawn(&["export", "--format", "csv"], (100, 10), dir.path(), &[]);
    assert_eq!(tty.wait_exit(), 0);
    let screen = tty.wait_for_text("wipeout");
    let contents = screen.contents();
    assert!(
        contents.contains("file,locale,id"),
        "not cleared: {contents}"
    );
    assert!(contents.contains("mallory⟨RLO⟩"), "{contents}");
    let bytes = tty.wait_for_bytes("the export", b"mallory");
    assert!(
        !bytes.windows(2).any(|w| w == b"\x1b]" || w == b"\x1b["),
        "escape sequences reached the terminal"
    );
}

#[test]
fn json_and_tsv_on_a_terminal_are_defused_and_in_a_pipe_byte_for_byte() {
    // `\u{9b}` is a CSI of its own: raw, it made the terminal take `31m`.
    let dir = tempfile::tempdir().unwrap();
    let file = root().join("tests/fixtures/store/broken/escapes.md");
    let file = file.to_str().unwrap();
    for format in ["jsonl", "tsv"] {
        let mut tty = Tty::spawn(
            &["dump", "--format", format, file],
            (120, 10),
            dir.path(),
            &[],
        );
        assert_eq!(tty.wait_exit(), 0);
        let bytes = tty.wait_for_bytes("the dump", b"Bell");
        for hazard in ["\u{1b}", "\u{9b}", "\u{202e}", "\u{7}"] {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(hazard),
                "{format}: {hazard:?} reached the terminal"
            );
        }
        let contents = tty.wait_for_text("Escapes").contents();
        // JSON escapes what a terminal acts on, so nothing is lost; TSV
        // passes the override, which the terminal is shown as a symbol.
        let shown = match format {
            "jsonl" => r"b\u009b31mc\u202edef",
            _ => "⟨RLO⟩",
        };
        assert!(contents.contains(shown), "{format}: {contents}");
    }
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(["dump", "--format", "jsonl", file])
        .output()
        .unwrap();
    let line = String::from_utf8(piped.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(first["target"], "a\u{1b}[2Jb\u{9b}31mc\u{202e}def\tg");
}

#[test]
fn without_a_terminal_it_points_to_dump() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sxs"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("sxs dump"), "{err}");
}

fn notes_entries(dir: &std::path::Path) -> Vec<serde_yaml::Value> {
    let text = std::fs::read_to_string(dir.join("sxs-notes.yaml")).unwrap();
    serde_yaml::from_str(&text).expect("the notes file is valid YAML")
}

#[test]
fn marks_survive_kill_9_and_come_back_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[("USER", "kim")]);
    tty.wait_for_text("en-us");
    // ok, ok, then bad: omission, critical, with a comment; then ok.
    tty.send("aax");
    tty.wait_for_text("Add an error");
    tty.send("o3\tlost «a clause»\r");
    tty.wait_for_text("✗ saved");
    tty.send("ja");
    tty.wait_for("four marks counted", |s| s.contents().contains("33%"));
    tty.kill();

    let saved = notes_entries(dir.path());
    let verdicts: Vec<&str> = saved
        .iter()
        .map(|e| e["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["ok", "ok", "bad", "ok"]);
    assert_eq!(saved[2]["errors"][0]["category"], "accuracy/omission");
    assert_eq!(saved[2]["errors"][0]["severity"], "critical");
    assert_eq!(saved[2]["errors"][0]["comment"], "lost «a clause»");
    assert_eq!(saved[0]["reviewer"], "kim");

    let mut again = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    // The gutter of the first rows shows the three marks of the first segments.
    again.wait_for("✓ ✓ ✗ in the gutter", |s| {
        let marks: String = rows(s)[2..28]
            .iter()
            .filter_map(|r| r.chars().next())
            .filter(|c| *c != ' ')
            .collect();
        s.contents().contains("33%") && marks.starts_with("✓✓✗")
    });
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_second_instance_reads_only_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    first.wait_for_text("en-us");
    first.send("a");
    first.wait_for_text("✓ saved");

    let mut second = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    // Why, on the whole status bar; the position's READ-ONLY at the next key.
    second.wait_for_text("read-only: another sxs is writing");
    second.send("j");
    second.wait_for_text("READ-ONLY");
    second.send("jjjaa");
    second.wait_for_text("read-only, nothing saved");

    first.send("a");
    first.wait_for("two marks", |s| {
        s.contents().contains("✓ saved") && s.contents().contains(" 3/12 ")
    });
    assert_eq!(notes_entries(dir.path()).len(), 2);
    second.send("q");
    first.send("q");
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(first.wait_exit(), 0);
    assert_eq!(notes_entries(dir.path()).len(), 2);
}

#[test]
fn no_color_keeps_the_selection_visible_in_reverse_video() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[("NO_COLOR", "1")]);
    // The right halves of wide glyphs carry no attributes of their own.
    let reversed = |s: &vt100::Screen, y: u16| {
        (0..100).all(|x| {
            s.cell(y, x)
                .is_some_and(|c| c.inverse() || c.is_wide_continuation())
        })
    };
    // The first segment (rows 2 and 3) is selected: its cells are reversed.
    let screen = tty.wait_for("the selected row reversed", |s| {
        s.contents().contains("en-us") && reversed(s, 2)
    });
    assert!(!reversed(&screen, 5), "row 5 is not selected");
    let colored = (0..30)
        .flat_map(|y| (0..100).map(move |x| (y, x)))
        .find(|&(y, x)| {
            let cell = screen.cell(y, x).unwrap();
            cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
        });
    assert_eq!(colored, None, "a coloured cell under NO_COLOR");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn a_broken_notes_file_is_reported_and_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "- file: a.md\n  id: [unclosed\n";
    std::fs::write(dir.path().join("sxs-notes.yaml"), broken).unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    tty.wait_for_text("read-only: ");
    tty.wait_for_text("sxs-notes.yaml:");
    tty.send("j");
    tty.wait_for_text("READ-ONLY");
    tty.send("aax\r");
    tty.wait_for_text("read-only, nothing saved");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
    let after = std::fs::read_to_string(dir.path().join("sxs-notes.yaml")).unwrap();
    assert_eq!(after, broken);
}

#[test]
fn started_in_the_background_it_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let sxs = format!("XDG_CONFIG_HOME=/nonexistent {}", env!("CARGO_BIN_EXE_sxs"));
    let mut shell = Tty::shell((100, 24), dir.path());
    shell.wait_for_text("$ ");
    // A job of this shell: stopped when it takes the terminal, on with fg.
    shell.send(&format!("{sxs} &\r"));
    shell.wait_for_text("sxs is in the background; bring it to the foreground with fg");
    shell.send("fg\r");
    shell.wait_for("the review screen", |s| {
        s.alternate_screen() && s.contents().contains("en-us")
    });
    shell.send("q");
    shell.wait_for("the shell again", |s| !s.alternate_screen());
    // A job of a subshell that has ended: nothing can bring it back.
    shell.send(&format!("clear; ({sxs} </dev/tty &)\r"));
    let screen = shell.wait_for_text("cannot take the terminal");
    assert!(
        !screen.contents().contains("os error 5"),
        "{}",
        screen.contents()
    );
    shell.send("exit\r");
    shell.wait_exit();
}

/// The line about the selected segment (above the status bar) of a 100×30 screen.
fn detail(screen: &vt100::Screen) -> String {
    rows(screen)[28].clone()
}

#[test]
fn a_review_resumes_at_the_segment_reviewed_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    tty.wait_for_text("en-us");
    tty.send("jjjjaka");
    tty.wait_for("two marks", |s| s.contents().contains(" 6/12"));
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);

    let again = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    let screen = again.wait_for_text("resumed at 6d01e-107");
    assert!(
        detail(&screen).contains("6d01e-107"),
        "{}",
        screen.contents()
    );
}

#[test]
fn the_first_path_given_opens_first() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("tests/fixtures/corpus");
    let (ja, de) = (
        corpus.join("partner-center-pr.ja-jp"),
        corpus.join("partner-center-pr.de-de"),
    );
    let args = [ja.to_str().unwrap(), de.to_str().unwrap()];
    let tty = Tty::spawn(&args, (100, 30), dir.path(), &[]);
    let screen = tty.wait_for_text("en-us");
    assert!(rows(&screen)[0].contains("ja-jp"), "{}", rows(&screen)[0]);
}

#[test]
fn colon_and_an_id_jump_to_the_segment() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    tty.wait_for_text("en-us");
    tty.send(":a232a-113");
    tty.wait_for_text("jump to: 1 target");
    tty.send("\r");
    let screen = tty.wait_for("the ja-jp segment", |s| detail(s).contains("a232a-113"));
    assert!(rows(&screen)[0].contains("ja-jp"), "{}", screen.contents());
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn a_copy_reaches_the_terminal_as_osc_52() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    tty.wait_for_text("en-us");
    tty.send("yi");
    tty.wait_for_text("copied the id of 6d01e-103");
    let encoded = base64::engine::general_purpose::STANDARD.encode("6d01e-103");
    let sequence = format!("\x1b]52;c;{encoded}\x1b\\");
    tty.wait_for_bytes("the OSC 52 sequence", sequence.as_bytes());
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

/// A segment file to edit in `dir`, and an editor script that writes its
/// arguments to `args.txt` and appends a line to the file.
fn editable(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let file = dir.join("NU5030.md");
    std::fs::copy(
        root().join("tests/fixtures/tui/nuget-docs.zh-tw/NU5030.md"),
        &file,
    )
    .unwrap();
    let editor = dir.join("editor.sh");
    let script = "#!/bin/sh\necho \"$@\" > \"$(dirname \"$2\")/args.txt\"\necho 'Appended by the editor.' >> \"$2\"\n";
    std::fs::write(&editor, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    (file, editor)
}

#[test]
fn the_editor_runs_at_the_segments_line_and_the_review_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let (file, editor) = editable(dir.path());
    let env = [("EDITOR", editor.to_str().unwrap())];
    let mut tty = Tty::spawn(&[file.to_str().unwrap()], (100, 30), dir.path(), &env);
    tty.wait_for_text("en-us");
    tty.send("jjE");
    let screen = tty.wait_for("the review again", |s| {
        s.alternate_screen() && s.contents().contains("reloaded")
    });
    assert!(
        detail(&screen).contains("372ee-105"),
        "{}",
        screen.contents()
    );
    let args = std::fs::read_to_string(dir.path().join("args.txt")).unwrap();
    assert_eq!(args.trim(), format!("+22 {}", file.display()));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.ends_with("Appended by the editor.\n"), "{text}");
    // The review goes on: keys work, and the appended line is context now,
    // at the end of the document.
    tty.send("rG");
    tty.wait_for_text("Appended by the editor.");
    tty.send("r");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn a_failing_editor_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = editable(dir.path());
    let env = [("EDITOR", "no-such-editor-sxs")];
    let mut tty = Tty::spawn(&[file.to_str().unwrap()], (100, 30), dir.path(), &env);
    tty.wait_for_text("en-us");
    tty.send("E");
    tty.wait_for_text("no-such-editor-sxs: not found; set $EDITOR");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

/// Whoever runs it and however: two sxs whose environments differ (one
/// with `$XDG_RUNTIME_DIR`, as a desktop shell, one without, as ssh or cron)
/// find the same lock, beside the notes file, and the second only reads.
#[test]
fn a_second_instance_in_another_environment_reads_only_too() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tempfile::tempdir().unwrap();
    let env = [("XDG_RUNTIME_DIR", runtime.path().to_str().unwrap())];
    let mut first = Tty::spawn(&[], (100, 30), dir.path(), &env);
    first.wait_for_text("en-us");
    first.send("a");
    first.wait_for_text("✓ saved");
    let mut second = Tty::spawn(&[], (100, 30), dir.path(), &[]);
    second.wait_for_text("read-only: another sxs is writing");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "no-config")
        .collect();
    names.sort();
    assert_eq!(names, [".sxs-notes.yaml.lock", "sxs-notes.yaml"]);
}

/// README: a named path that gives nothing ends the command with exit 2
/// after the rest was done; for the review screen, after the review.
#[test]
fn a_missing_path_beside_a_good_one_opens_the_review_then_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = format!(
        "{}/assets/samples/001_556f1865daf7fcb3.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut tty = Tty::spawn(&[&good, "no-such.md"], (100, 30), dir.path(), &[]);
    tty.wait_for_text("1 file could not be used");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 2);
    tty.wait_for_text("no-such.md: no such file or folder");
}

/// A lock file left by another user (mode 0444 to whoever runs this): a
/// lock needs only to read it, so the next reviewer of a shared notes file
/// writes. Run as `nobody` when the tests run as root, for whom no mode
/// forbids anything.
#[test]
fn a_lock_file_this_user_cannot_write_is_still_taken() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let lock = dir.path().join(".sxs-notes.yaml.lock");
    std::fs::write(&lock, "").unwrap();
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o444)).unwrap();
    const NOBODY: [&str; 4] = [
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        env!("CARGO_BIN_EXE_sxs"),
    ];
    // `nobody` must reach the binary: a checkout under a private home
    // folder hides it.
    let nobody_runs_sxs = || {
        std::process::Command::new("setpriv")
            .args(NOBODY)
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success())
    };
    // SAFETY: geteuid has no preconditions.
    let as_nobody = match unsafe { libc::geteuid() } {
        0 if nobody_runs_sxs() => "setpriv --reuid=65534 --regid=65534 --clear-groups ",
        0 => return eprintln!("skipped: root writes any file, and nobody cannot run sxs here"),
        _ => "",
    };
    let mut shell = Tty::shell((100, 30), dir.path());
    shell.wait_for_text("$ ");
    shell.send(&format!(
        "XDG_CONFIG_HOME=/nonexistent USER=kim {as_nobody}{}\r",
        env!("CARGO_BIN_EXE_sxs")
    ));
    shell.wait_for_text("en-us");
    shell.send("a");
    shell.wait_for_text("✓ saved");
    shell.send("q");
    shell.wait_for("the shell again", |s| !s.alternate_screen());
    assert_eq!(notes_entries(dir.path()).len(), 1);
}

#[test]
fn a_span_marked_by_keys_has_exact_bytes_exports_between_v_and_reads_back() {
    use sxs::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(&[], (100, 30), dir.path(), &[("USER", "kim")]);
    tty.wait_for_text("en-us");
    // a232a-107: グローバル管理者は、パートナーセンターでパスワードを…
    tty.send(":a232a-107\r");
    tty.wait_for("the segment", |s| detail(s).contains("a232a-107"));
    tty.send("v");
    tty.wait_for_text("SPAN target");
    tty.send("lll");
    tty.wait_for_text("«グローバ» 4 characters");
    tty.send("x");
    tty.wait_for_text("Add an error");
    tty.send("\r");
    tty.wait_for_text("✗ saved");
    tty.send("xg1\r");
    tty.wait_for_text("(error 2)");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);

    let saved = notes_entries(dir.path());
    assert_eq!(saved.len(), 1, "one entry");
    let errors = saved[0]["errors"].as_sequence().unwrap();
    assert_eq!(errors.len(), 2);
    let span = &errors[0];
    assert_eq!(span["side"], "target");
    assert_eq!(
        (span["start"].as_u64(), span["end"].as_u64()),
        (Some(0), Some(12))
    );
    assert_eq!(span["text"], "グローバ");
    assert_eq!(errors[1]["category"], "fluency/grammar");
    assert_eq!(errors[1]["severity"], "minor");

    let out = common::sxs_in(dir.path(), &["export", "--format", "mqm"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let tsv = common::stdout(&out);
    assert!(tsv.contains("\t<v>グローバ</v>ル管理者は、"), "{tsv}");
    let file = dir.path().join("export.tsv");
    std::fs::write(&file, &tsv).unwrap();
    let back = Store::load(&[&file]).unwrap();
    let doc = &back.docs[0];
    let errors = common::rated_errors(doc);
    assert_eq!(errors.len(), 2);
    let (rater, first) = errors[0];
    assert_eq!(rater, "kim");
    let read = first.span.as_ref().expect("the span read back");
    assert_eq!(
        (read.start, read.end, read.text.as_str()),
        (0, 12, "グローバ")
    );
    assert_eq!(
        (first.category.as_str(), first.severity.as_str()),
        ("Accuracy/Mistranslation", "Major")
    );
    assert_eq!(errors[1].1.span, None);
    assert_eq!(errors[1].1.category, "Fluency/Grammar");
    assert!(doc.segments[0].target().starts_with("グローバル管理者"));
}

/// A folder of `count` copies of a sample file (hard links where the
/// file system allows: no disk), for a load that takes a while.
fn many_files(dir: &std::path::Path, count: usize) -> PathBuf {
    let sample = root().join("assets/samples/000_8f5dbdcd68e3905e.txt");
    let many = dir.join("many");
    std::fs::create_dir(&many).unwrap();
    for i in 0..count {
        let copy = many.join(format!("{i:05}.md"));
        std::fs::hard_link(&sample, &copy)
            .or_else(|_| std::fs::copy(&sample, &copy).map(drop))
            .unwrap();
    }
    many
}

#[test]
fn the_first_file_shows_while_the_others_load_and_keys_work_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    // Enough files that a machine with many cores still takes a good while
    // over them in a debug build (about 0.6 ms a file on one core).
    let many = many_files(dir.path(), 6000);
    let first = root().join("assets/samples/001_556f1865daf7fcb3.txt");
    let args = [first.to_str().unwrap(), many.to_str().unwrap()];
    let mut tty = Tty::spawn(&args, (100, 30), dir.path(), &[]);
    let screen = tty.wait_for("the first file while the rest load", |s| {
        s.contents().contains("loading") && s.contents().contains(" 1/")
    });
    assert!(rows(&screen)[0].contains("ja-jp"), "{}", rows(&screen)[0]);
    tty.send("j");
    tty.wait_for("the cursor moved while loading", |s| {
        s.contents().contains("loading") && s.contents().contains(" 2/")
    });
    tty.wait_for("every file loaded", |s| {
        !s.contents().contains("loading") && s.contents().contains("(all ")
    });
    tty.send("o");
    tty.wait_for_text("files: 6001 of 6001");
    // Esc and q apart: together a terminal sends them as Alt-q.
    tty.send("\x1b");
    tty.wait_for("the list closed", |s| !s.contents().contains("files: 6001"));
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn quitting_while_files_load_exits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let many = many_files(dir.path(), 3000);
    let mut tty = Tty::spawn(&[many.to_str().unwrap()], (80, 24), dir.path(), &[]);
    tty.wait_for_text("loading");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
    let screen = tty.wait_for("the normal screen", |s| !s.alternate_screen());
    assert!(!screen.hide_cursor(), "the cursor is visible again");
}

/// The cell where `text` starts on `row` (ASCII text on that row).
fn cell_at<'a>(screen: &'a vt100::Screen, row: u16, text: &str) -> &'a vt100::Cell {
    let (_, cols) = screen.size();
    let cols = cols.get();
    let col = (0..cols)
        .find(|&c| {
            let chars: String = (c..cols.min(c + text.len() as u16))
                .filter_map(|x| screen.cell(row, x).map(|cell| cell.contents().to_string()))
                .collect();
            chars == text
        })
        .unwrap_or_else(|| panic!("{text:?} not on row {row}:\n{}", screen.contents()));
    screen.cell(row, col).unwrap()
}

#[test]
fn a_wmt_file_steps_through_systems_and_shows_each_raters_spans_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("tests/fixtures/wmt/systems2023-zhen.tsv");
    let args = ["--locale", "zh-en", fixture.to_str().unwrap()];
    let mut tty = Tty::spawn(&args, (200, 30), dir.path(), &[("NO_COLOR", "1")]);
    tty.wait_for("GPT4-5shot's translation", |s| {
        rows(s)[0].contains("news_chinanews.com.280789:zh-en · GPT4-5shot")
    });
    tty.send(">");
    let names = [
        "rater5 ✗ minor Fluency/Grammar «Buy expensive»",
        "rater6 ✗ major Accuracy/Mistranslation «Buy expensive»",
    ];
    let screen = tty.wait_for("HW-TSC's translation and its raters", |s| {
        rows(s)[0].contains("· HW-TSC ·") && names.iter().all(|n| detail(s).contains(n))
    });
    // Without colour the raters' spans are italic and underlined, the rest not.
    let row = rows(&screen)
        .iter()
        .position(|r| r.contains("Buy expensive refund price difference!"))
        .unwrap() as u16;
    for span in ["Buy expensive", "refund"] {
        let cell = cell_at(&screen, row, span);
        assert!(cell.italic() && cell.underline(), "{span}: {cell:?}");
    }
    assert!(!cell_at(&screen, row, "price").italic());
    // The list names every rater with each of their spans.
    tty.send("!");
    let judgments = [
        "3 raters judged",
        "rater5  minor Fluency/Grammar  «Buy expensive» in the target",
        "rater6  attention check (Found)",
        "rater6  major Accuracy/Mistranslation  «refund» in the target",
        "rater3  minor Fluency/Grammar  «refund» in the target",
    ];
    tty.wait_for("every rater's judgment listed", |s| {
        judgments.iter().all(|j| s.contents().contains(j))
    });
    tty.send("\x1b");
    tty.wait_for("the list closed", |s| {
        !s.contents().contains("3 raters judged")
    });
    tty.send("<");
    let screen = tty.wait_for("back to GPT4-5shot", |s| {
        rows(s)[0].contains("· GPT4-5shot ·")
    });
    assert!(
        detail(&screen).contains("rater3 ✓ no error"),
        "{}",
        detail(&screen)
    );
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn only_and_skip_are_checked_as_sxs_check_checks_them() {
    let review = common::sxs(&["--only", "number-mismatch,numbres"]);
    let check = common::sxs(&["check", "--only", "number-mismatch,numbres"]);
    assert_eq!(review.status.code(), check.status.code());
    assert_eq!(common::stderr(&review), common::stderr(&check));
    assert!(common::stderr(&review).contains("no check is named \"numbres\""));
}

#[test]
fn skip_on_the_command_line_or_in_the_config_file_stops_a_check() {
    let dir = tempfile::tempdir().unwrap();
    let korean = root().join("tests/fixtures/corpus/partner-center-pr.ko-kr");
    let korean = korean.to_str().unwrap();
    let mut tty = Tty::spawn(
        &["--skip", "korean-spacing", korean],
        (100, 30),
        dir.path(),
        &[],
    );
    tty.wait_for_text("checks done: no findings");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);

    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("sxs")).unwrap();
    std::fs::write(
        config.join("sxs/config.yaml"),
        "checks:\n  skip: [korean-spacing]\n",
    )
    .unwrap();
    let env = [("XDG_CONFIG_HOME", config.to_str().unwrap())];
    let mut tty = Tty::spawn(&[korean], (100, 30), dir.path(), &env);
    tty.wait_for_text("checks done: no findings");
    tty.send("?G");
    tty.wait_for_text("[off: skipped (the config file)]");
    tty.send("qq");
    assert_eq!(tty.wait_exit(), 0);
    // The command line's list wins.
    let args = ["--skip", "number-mismatch", korean];
    let mut tty = Tty::spawn(&args, (100, 30), dir.path(), &env);
    tty.wait_for_text("checks done: 8 findings on 8 segments");
    tty.send("q");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn a_named_file_found_unusable_while_loading_is_said_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let first = root().join("assets/samples/001_556f1865daf7fcb3.txt");
    let plain = dir.path().join("plain.md");
    std::fs::write(&plain, "# Just Markdown\n\nNo spans here.\n").unwrap();
    let args = [first.to_str().unwrap(), plain.to_str().unwrap()];
    let mut tty = Tty::spawn(&args, (100, 30), dir.path(), &[]);
    tty.wait_for_text("1 file could not be used; w lists why");
    tty.send("w");
    tty.wait_for_text("plain.md: has no data-ttu-id spans");
    tty.send("\x1b");
    tty.wait_for("the list closed", |s| {
        !s.contents().contains("has no data-ttu-id")
    });
    tty.send("q");
    // And said again once the screen has closed, with exit 2.
    assert_eq!(tty.wait_exit(), 2);
    tty.wait_for_text("plain.md: has no data-ttu-id spans");
}
