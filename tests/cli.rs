//! The `sxs` binary as scripts use it: output formats, exit codes, messages.

mod common;

use common::{stderr, stdout, sxs};

const FIXTURES: &str = "tests/fixtures/store";

#[test]
fn dump_jsonl_prints_the_spec_fields_in_order_with_raw_texts() {
    let out = sxs(&[
        "dump",
        "--format",
        "jsonl",
        "tests/fixtures/store/variants/raw-html.md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[3],
        r#"{"file":"tests/fixtures/store/variants/raw-html.md","locale":"ko-kr","id":"0466a-104","block":"paragraph","line":17,"source":"&lt;value&gt; &amp; &nbsp;","target":"&lt;값&gt; &amp; &nbsp;"}"#
    );
}

#[test]
fn dump_of_a_folder_uses_folder_plus_relative_path_in_sorted_order() {
    let out = sxs(&["dump", "tests/fixtures/store/variants"]);
    let files: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(
        files[0],
        "tests/fixtures/store/variants/crlf-front-matter.md"
    );
}

#[test]
fn unpaired_spans_dump_with_null_source_warnings_and_exit_zero() {
    let out = sxs(&["dump", &format!("{FIXTURES}/broken/unpaired.md")]);
    assert_eq!(out.status.code(), Some(0));
    let second: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["id"], "dead0-102");
    assert!(second["source"].is_null());
    let err = stderr(&out);
    assert!(
        err.contains("broken/unpaired.md:6: segment dead0-102: target has no source"),
        "{err}"
    );
}

#[test]
fn dump_tsv_escapes_line_breaks_and_controls() {
    let out = sxs(&[
        "dump",
        "--format",
        "tsv",
        &format!("{FIXTURES}/broken/escapes.md"),
    ]);
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\tlocale\tid\tblock\tline\tsource\ttarget")
    );
    let first: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(first.len(), 7);
    assert_eq!(first[6], "a\\u{1b}[2Jb\\u{9b}31mc\u{202e}def\\tg");
    assert!(!text.contains('\x1b'));
}

#[test]
fn with_no_path_dump_reads_the_bundled_samples() {
    let out = sxs(&["dump"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.lines().count() > 50);
    assert!(text.contains(r#""file":"samples/001_556f1865daf7fcb3.txt","locale":"ja-jp""#));
}

#[test]
fn a_missing_path_exits_2_naming_it() {
    let out = sxs(&["dump", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no-such-folder: no such file or folder"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// README: a named path that gives nothing ends the command with exit 2
/// "after the rest was done": every command still reports the other paths.
#[test]
fn a_missing_path_among_others_fails_after_the_others_are_reported() {
    let good = "tests/fixtures/corpus/partner-center-pr.ko-kr";
    let wmt = "tests/fixtures/wmt/newstest2020-ende.tsv";
    let no_notes = "--notes=/nonexistent/n.yaml";
    for (args, shows) in [
        (
            vec!["dump", "--format", "jsonl", good],
            "\"locale\":\"ko-kr\"",
        ),
        (vec!["check", "--format", "jsonl", good], "\"check\":"),
        (vec!["stats", "--format", "json", good], "\"ko-kr\""),
        (
            vec!["export", "--format", "mqm", no_notes, wmt],
            "Huoshan_Translate.832",
        ),
    ] {
        let args: Vec<&str> = args.into_iter().chain(["no-such.md"]).collect();
        let out = sxs(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).contains(shows), "{args:?}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("no-such.md: no such file or folder"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_bad_option_exits_2_and_help_and_version_exit_0() {
    assert_eq!(sxs(&["dump", "--format", "xml"]).status.code(), Some(2));
    let everywhere = ["dump", "stats", "check", "export"]
        .into_iter()
        .flat_map(|c| [vec![c, "--help"], vec![c, "--version"]]);
    for args in [vec!["--help"], vec!["--version"]]
        .into_iter()
        .chain(everywhere)
    {
        let out = sxs(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stdout(&out).contains("sxs"), "{args:?}");
    }
}

#[test]
fn stats_counts_per_locale_and_translation_type() {
    let out = sxs(&["stats", "--format", "json", "tests/fixtures/store/variants"]);
    assert_eq!(out.status.code(), Some(0));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(stats["total"]["files"], 5);
    assert_eq!(stats["total"]["segments"], 34);
    assert_eq!(stats["locales"]["he-il"]["segments"], 6);
    assert_eq!(stats["translation_types"]["HT"]["files"], 1);
    let table = stdout(&sxs(&["stats", "tests/fixtures/store/variants"]));
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("total") && l.contains(" 34 ")),
        "{table}"
    );
}

#[test]
fn dump_text_keeps_the_separator_in_one_column_and_every_line_within_the_width() {
    use unicode_width::UnicodeWidthStr;
    for width in [37, 60, 120] {
        let out = sxs(&[
            "dump",
            "--format",
            "text",
            "--width",
            &width.to_string(),
            "tests/fixtures/corpus",
        ]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        let mut columns = std::collections::BTreeSet::new();
        for line in text.lines().filter(|l| !l.is_empty()) {
            assert!(
                line.width() <= width,
                "{width}: {} cells: {line}",
                line.width()
            );
            let at = line.find(" │").map(|b| line[..b].width());
            columns.insert(at.expect("every line has the separator"));
        }
        assert_eq!(
            columns.len(),
            1,
            "{width}: separator at columns {columns:?}"
        );
        // Segments are separated by one blank line, and both scripts are there.
        assert!(
            text.contains("\n\n") && text.contains("ソフトウェア") && text.contains("Software")
        );
    }
}

/// Runs the binary with a deadline: a command that blocks (on a FIFO, say) fails
/// the test instead of hanging the suite.
fn sxs_within(args: &[&str], stdin: std::process::Stdio) -> std::process::Output {
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(stdin)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("sxs {args:?} still runs after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

/// Every named path that gives nothing fails the command with exit 2 and a
/// message naming it, so that `check --fail-on minor` in CI cannot pass on
/// nothing; every command says the same.
#[test]
fn a_named_path_that_gives_no_segment_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("notes.txt");
    std::fs::write(&plain, "no spans here\n").unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).unwrap();
    std::fs::copy(
        format!("{FIXTURES}/variants/raw-html.md"),
        texts.join("a.txt"),
    )
    .unwrap();
    std::fs::write(texts.join("readme.md"), "# no spans\n").unwrap();
    let fifo = dir.path().join("nobody-writes.md");
    mkfifo(&fifo);
    let cases = [
        (
            plain.to_str().unwrap(),
            "notes.txt: has no data-ttu-id spans",
        ),
        (
            texts.to_str().unwrap(),
            "texts: no segment files in this folder (*.md files with data-ttu-id spans); only \
             *.md files are read in folders, and it holds 1 *.txt: name such files on the \
             command line",
        ),
        (
            fifo.to_str().unwrap(),
            "nobody-writes.md: is a pipe that nothing writes to",
        ),
        (
            "tests/fixtures/wmt/header-only.tsv",
            "header-only.tsv: has the header of a WMT MQM file and no rows",
        ),
    ];
    let good = format!("{FIXTURES}/variants/raw-html.md");
    for (path, message) in cases {
        for command in [
            vec!["dump"],
            vec!["check", "--fail-on", "minor"],
            vec!["stats"],
        ] {
            let mut args = command.clone();
            args.extend([good.as_str(), path]);
            let out = sxs_within(&args, std::process::Stdio::null());
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        }
    }
}

#[test]
fn a_named_file_that_cannot_be_read_exits_2_even_for_root() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = dir.path().join("locked.md");
    std::fs::copy(format!("{FIXTURES}/variants/raw-html.md"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_sxs"));
    command.args(["check", "--fail-on", "minor", locked.to_str().unwrap()]);
    // Root reads any file: run as nobody, for whom mode 000 means unreadable.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        command.uid(65534).gid(65534);
    }
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("locked.md: cannot be read (Permission denied"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stderr(&out).matches("Permission denied").count(),
        1,
        "said once: {}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
}

/// Piped input is read when something writes to it; a FIFO inside a walked
/// folder is skipped with a warning instead of blocking the walk.
#[test]
fn piped_input_is_read_and_a_fifo_in_a_folder_is_skipped() {
    let fixture = std::fs::File::open(format!("{FIXTURES}/variants/raw-html.md")).unwrap();
    let out = sxs_within(&["dump", "/dev/stdin"], fixture.into());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4);

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        format!("{FIXTURES}/variants/raw-html.md"),
        dir.path().join("good.md"),
    )
    .unwrap();
    mkfifo(&dir.path().join("stuck.md"));
    let out = sxs_within(
        &["dump", dir.path().to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4);
    assert!(
        stderr(&out).contains("stuck.md: not a regular file (a FIFO, device or socket); skipped"),
        "{}",
        stderr(&out)
    );
}

/// A link to nothing or a loop of links inside a folder is skipped with a
/// warning that says which it is; named, it ends the command saying so.
#[test]
fn a_dangling_link_or_a_loop_of_links_says_what_it_is() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        format!("{FIXTURES}/variants/raw-html.md"),
        dir.path().join("good.md"),
    )
    .unwrap();
    symlink("gone.md", dir.path().join("dangling.md")).unwrap();
    symlink("loop-b.md", dir.path().join("loop-a.md")).unwrap();
    symlink("loop-a.md", dir.path().join("loop-b.md")).unwrap();
    let out = sxs(&["dump", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4);
    let err = stderr(&out);
    assert!(
        err.contains(
            "dangling.md: a link to nothing (it points to `gone.md`); skipped: point it at a \
             segment file or remove it"
        ),
        "{err}"
    );
    for link in ["loop-a.md", "loop-b.md"] {
        assert!(err.contains(&format!("{link}: a loop of links (")), "{err}");
    }
    assert!(!err.contains("FIFO"), "{err}");

    for (link, what) in [
        ("dangling.md", "a link to nothing"),
        ("loop-a.md", "a loop of links"),
    ] {
        let out = sxs(&["dump", dir.path().join(link).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{link}: {what}")),
            "{}",
            stderr(&out)
        );
    }
}

/// Runs the binary in folder `cwd`.
fn sxs_in(cwd: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// Runs the binary with `input` written into a pipe on its standard input.
fn sxs_piped(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// `-` names standard input, piped or redirected from a file; left out, the
/// samples are read, and a pipe nobody named is pointed out rather than
/// ignored in silence.
#[test]
fn a_dash_reads_standard_input_and_a_forgotten_one_is_pointed_out() {
    let bytes = std::fs::read(format!("{FIXTURES}/variants/raw-html.md")).unwrap();
    let out = sxs_piped(&["dump", "--format", "jsonl", "-"], &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4);
    assert!(
        stdout(&out).starts_with(r#"{"file":"-","locale":"ko-kr""#),
        "{}",
        stdout(&out)
    );

    // Named twice, read once.
    let out = sxs_piped(&["dump", "--format", "jsonl", "-", "-"], &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4);

    // Redirected from a file, `-` is read at once, as a pipe is: the texts a
    // set's finding quotes cannot be read again by that name at the end.
    let dir = tempfile::tempdir().unwrap();
    let seg = |id: &str, target: &str| {
        format!(
            "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\">\
             <span data-stu-id=\"{id}\">Save the settings for the new account.</span></span>\n\n"
        )
    };
    let file = dir.path().join("i.md");
    let body = [
        seg("a-1", "設定を保存します。"),
        seg("a-2", "設定を保存します。"),
        seg("a-3", "新しいアカウントの設定を保存する。"),
    ];
    std::fs::write(&file, body.concat()).unwrap();
    let out = sxs_within(
        &["check", "--notes", "none.yaml", "-"],
        std::fs::File::open(&file).unwrap().into(),
    );
    let text = stdout(&out);
    assert!(
        text.contains("translated as «設定を保存します。» in 2 of 3")
            && text.contains("source │ Save the settings"),
        "{text}"
    );

    // A file that names no locale takes `--locale`.
    let out = sxs_within(
        &["check", "--notes", "none.yaml", "--locale", "ja-JP", "-"],
        std::fs::File::open(&file).unwrap().into(),
    );
    assert!(stdout(&out).starts_with("- (ja-jp)"), "{}", stdout(&out));

    let out = sxs_piped(&["dump", "--format", "jsonl"], &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(r#""file":"samples/"#));
    assert!(
        stderr(&out).contains("the bundled samples are read, not the piped input; name it `-`"),
        "{}",
        stderr(&out)
    );
    // Nothing piped: no word about it.
    let out = sxs_within(&["dump", "--format", "jsonl"], std::process::Stdio::null());
    assert_eq!(stderr(&out), "");
}

/// A device named on the command line is never read: `/dev/zero` would be
/// endless. A private node is made (as root, as CI runs); without the right
/// to make one the test says so and fails, rather than pass on nothing.
#[test]
fn a_named_device_exits_2_without_reading_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero.md");
    let name = std::ffi::CString::new(zero.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid path; 1:5 is the memory device that reads as endless zeros.
    let made = unsafe { libc::mknod(name.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 5)) };
    assert_eq!(
        made,
        0,
        "mknod needs root (CI runs as root): {}",
        std::io::Error::last_os_error()
    );
    let out = sxs_within(
        &["dump", zero.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("zero.md: is a device or a socket, not a segment file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn dump_widths_outside_the_sane_range_are_usage_errors_that_say_the_range() {
    for width in ["0", "1", "9", "1001", "99999999999", "100000000"] {
        let out = sxs(&["dump", "--format", "text", "--width", width]);
        assert_eq!(out.status.code(), Some(2), "{width}");
        assert!(stderr(&out).contains("10..=1000"), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    let out = sxs(&["dump", "--format", "text", "--width", "10"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_failed_write_to_stdout_names_standard_output() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full exists on Linux");
    for args in [vec!["dump"], vec!["stats"], vec!["check"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sxs"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("sxs: cannot write to standard output: No space left on device"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// Hostile input: C0 and C1 controls, ESC sequences (clear screen, set the
/// window title, write the clipboard) and bidi overrides in segment ids,
/// the file name, front matter and texts.
const HOSTILE: &str = "\x1b]52;c;aGk=\x07\x1b[2J\u{9b}31m\u{85}\u{7f}\u{202e}\u{1}";

fn hostile_file(dir: &std::path::Path) -> std::path::PathBuf {
    let id = format!("abcde{HOSTILE}-101");
    let text = format!(
        "---\nms.contentlocale: \"ja-JP{esc}\"\nms.translationtype: \"MT{esc}\"\ntitle: \"t{esc}\"\n---\n\
         <span data-ttu-id=\"{id}\">ター{HOSTILE}ゲット [a](b.md)</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">Tar{HOSTILE}get [a](c.md)</span></span>\n\n\
         <span data-ttu-id=\"abcde-102\">未{HOSTILE}</span>\n",
        esc = yaml_escaped(HOSTILE)
    );
    let path = dir.join(format!("evil{HOSTILE}.md"));
    std::fs::write(&path, text).unwrap();
    path
}

/// The characters a terminal acts on: C0 other than tab and line feed, DEL,
/// C1; with `bidi`, also the controls that reorder what follows (right-to-left
/// data keeps those in TSV and JSON, but a message must not hold them).
fn terminal_controls(bytes: &[u8], bidi: bool) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\t' && c != '\n')
                || (bidi && matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        })
        .collect()
}

/// `text` as a YAML double-quoted scalar's contents.
fn yaml_escaped(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            c if c.is_control() || !c.is_ascii() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[test]
fn no_command_writes_terminal_controls_from_its_input_to_stderr_or_a_text_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_file(dir.path());
    let file = file.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    let notes = dir.path().join("notes.yaml");
    std::fs::write(
        &notes,
        format!(
            "- file: \"{f}\"\n  id: \"{id}\"\n  locale: \"ja-jp{h}\"\n  verdict: bad\n  category: \"x{h}\"\n  \
             severity: \"huge{h}\"\n  comment: \"{h}\"\n  source: \"{h}\"\n  target: \"{h}\"\n  reviewer: \"{h}\"\n  \
             time: \"{h}\"\n  surprise{h}: 1\n- file: \"{f}\"\n  id: \"{id}\"\n  verdict: \"maybe{h}\"\n",
            f = yaml_escaped(file),
            id = yaml_escaped(&format!("abcde{HOSTILE}-101")),
            h = yaml_escaped(HOSTILE)
        ),
    )
    .unwrap();
    let notes = notes.to_str().unwrap();
    let missing = format!("{folder}/missing{HOSTILE}");
    // (arguments, whether stdout is text a person reads in the terminal)
    let runs: Vec<(Vec<&str>, bool)> = vec![
        (vec!["dump", "--format", "text", file], true),
        (vec!["dump", "--format", "tsv", folder], true),
        (vec!["dump", "--format", "jsonl", file], false),
        (vec!["check", file], true),
        (vec!["check", "--format", "jsonl", folder], false),
        (vec!["stats", "--notes", notes, file], true),
        (
            vec!["stats", "--format", "json", "--notes", notes, file],
            false,
        ),
        (vec!["export", "--format", "tsv", "--notes", notes], true),
        (vec!["export", "--format", "mqm", "--notes", notes], true),
        (vec!["export", "--format", "csv", "--notes", notes], false),
        (vec!["export", "--format", "xliff", "--notes", notes], false),
        (vec!["export", "--format", "jsonl", "--notes", notes], false),
        (vec!["check", "--only", HOSTILE, file], true),
        (vec!["dump", "--format", HOSTILE], true),
        (vec![HOSTILE], true),
        (vec!["dump", &missing], true),
    ];
    for (args, text_stdout) in runs {
        let out = sxs_within(&args, std::process::Stdio::null());
        let shown = format!("{:?}", args);
        assert!(!out.stderr.is_empty() || out.status.success(), "{shown}");
        assert_eq!(
            terminal_controls(&out.stderr, true),
            Vec::<char>::new(),
            "stderr of {shown}: {}",
            stderr(&out)
        );
        // JSON escapes every control and reordering character it holds:
        // a JSON file viewed in a terminal drives it no more than text does.
        let json = args.iter().any(|a| a.starts_with("json"));
        if text_stdout || json {
            // DEL, which JSON lets through, a terminal ignores.
            let controls = terminal_controls(&out.stdout, json);
            assert_eq!(
                controls
                    .into_iter()
                    .filter(|&c| !(json && c == '\u{7f}'))
                    .collect::<Vec<_>>(),
                Vec::<char>::new(),
                "stdout of {shown}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}

/// `dump --format text --notes` shows the marks as the review screen does: a
/// gutter, and under each marked segment its errors and comment in the
/// target's column; the separator keeps its column and no line is too wide.
#[test]
fn dump_text_with_a_notes_file_shows_the_marks_beside_the_rows() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ja.md");
    std::fs::copy("assets/samples/001_556f1865daf7fcb3.txt", &file).unwrap();
    let notes = dir.path().join("n.yaml");
    let file_name = file.to_str().unwrap();
    std::fs::write(
        &notes,
        format!(
            "- file: {file_name}\n  id: a232a-104\n  verdict: bad\n  errors:\n    - category: accuracy/mistranslation\n      \
             severity: major\n      side: target\n      start: 0\n      end: 6\n      text: パー\n      comment: wrong term\n    \
             - category: fluency/punctuation\n      severity: minor\n      side: target\n      start: 0\n      end: 3\n      text: 無い\n  \
             comment: overall\n  target: パートナーセンターにサインインできない場合\n- file: {file_name}\n  id: a232a-105\n  \
             verdict: ok\n  target: changed since\n"
        ),
    )
    .unwrap();
    let width = 150;
    let out = sxs(&[
        "dump",
        "--format",
        "text",
        "--width",
        &width.to_string(),
        "--notes",
        notes.to_str().unwrap(),
        file_name,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("✗ If you can't"), "{text}");
    let marks = text
        .lines()
        .filter_map(|l| l.split_once(" │ ").map(|(_, t)| t.trim_end()))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        marks.contains("✗ major Accuracy/Mistranslation «パー» — wrong term"),
        "{marks}"
    );
    assert!(marks.contains("«無い» (no longer there)"), "{marks}");
    assert!(marks.contains("comment: overall"), "{marks}");
    let stale = lines
        .iter()
        .find(|l| l.contains("If you have forgotten"))
        .unwrap();
    assert!(
        stale.starts_with("~ "),
        "a mark on another target is stale: {stale}"
    );
    let mut columns = std::collections::BTreeSet::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        assert!(line.width() <= width, "{line}");
        columns.insert(line[..line.find(" │").unwrap()].width());
    }
    assert_eq!(columns.len(), 1, "{text}");
    // Without --notes, the same dump has no gutter.
    let plain = stdout(&sxs(&[
        "dump", "--format", "text", "--width", "150", file_name,
    ]));
    assert!(plain.starts_with("If you can't"), "{plain}");
}

/// `cd docs.ja-jp/sub && sxs check .` reads the same locale as naming the
/// folder from above: the ja checks run, and the findings say `ja-jp`.
#[test]
fn a_file_named_below_its_locale_folder_keeps_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("docs.ja-JP/sub");
    let plain = dir.path().join("plain");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::create_dir_all(&plain).unwrap();
    let body = "<span data-ttu-id=\"a-1\">設定を保存します.</span><span class=\"sxs-lookup\">\
                <span data-stu-id=\"a-1\">Save the settings.</span></span>\n";
    std::fs::write(sub.join("a.md"), body).unwrap();
    std::fs::write(plain.join("a.md"), body).unwrap();
    let run = |cwd: &std::path::Path, args: &[&str]| stdout(&sxs_in(cwd, args));
    for (cwd, path) in [
        (dir.path(), "docs.ja-JP"),
        (sub.as_path(), "."),
        (sub.as_path(), "a.md"),
    ] {
        let dump = run(cwd, &["dump", "--format", "jsonl", path]);
        assert!(
            dump.contains(r#""locale":"ja-jp""#),
            "{path} in {cwd:?}: {dump}"
        );
        let check = run(cwd, &["check", "--format", "jsonl", path]);
        assert!(
            check.contains(r#""locale":"ja-jp""#) && check.contains("end-punctuation"),
            "{path} in {cwd:?}: {check}"
        );
    }
    // No folder names a locale: the file's stays undetermined.
    let dump = run(&plain, &["dump", "--format", "jsonl", "."]);
    assert!(dump.contains(r#""locale":"und""#), "{dump}");
    // Nor does a folder above the repository the file is in.
    let repo = dir.path().join("docs.ja-JP/repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("a.md"), body).unwrap();
    let dump = run(&repo, &["dump", "--format", "jsonl", "."]);
    assert!(dump.contains(r#""locale":"und""#), "{dump}");
}

/// `./a.md` is `a.md` to the notes file: `stats` counts the marks a review
/// of `a.md` left, `dump --notes` shows them and `check` leaves out what
/// was dismissed there.
#[test]
fn the_marks_of_a_file_named_otherwise_are_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        format!("{FIXTURES}/variants/raw-html.md"),
        dir.path().join("a.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sxs-notes.yaml"),
        "- file: a.md\n  id: 0466a-103\n  verdict: ok\n  target: 항목\n\
         - file: a.md\n  id: 0466a-104\n  dismissed: [markup-mismatch]\n  \
         target: \"&lt;값&gt; &amp; &nbsp;\"\n",
    )
    .unwrap();
    let run = |args: &[&str]| sxs_in(dir.path(), args);
    let out = run(&["stats", "--format", "json", "./a.md"]);
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["review"]["total"]["reviewed"], 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("./a.md is taken as a.md"),
        "{}",
        stderr(&out)
    );

    let out = run(&[
        "dump",
        "--format",
        "text",
        "--notes",
        "sxs-notes.yaml",
        "./a.md",
    ]);
    assert!(
        stdout(&out).lines().any(|l| l.starts_with("✓ Item")),
        "{}",
        stdout(&out)
    );

    for name in ["a.md", "./a.md"] {
        let out = run(&["check", "--format", "jsonl", name]);
        assert!(
            !stdout(&out).contains("markup-mismatch"),
            "{name}: {}",
            stdout(&out)
        );
    }
    // The check itself still finds it when nothing dismissed it.
    let out = run(&[
        "check",
        "--format",
        "jsonl",
        "--notes",
        "none.yaml",
        "./a.md",
    ]);
    assert!(stdout(&out).contains("markup-mismatch"), "{}", stdout(&out));
}

/// An empty `--locale` would print files of no locale at all (`- ()`): it
/// is a usage error, like every flag value that cannot mean anything.
#[test]
fn an_empty_locale_is_a_usage_error() {
    let out = sxs(&[
        "check",
        "--locale",
        "",
        "assets/samples/000_8f5dbdcd68e3905e.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--locale"), "{}", stderr(&out));
    // Not a tag: refused, not written into every row.
    let out = sxs(&["dump", "--locale", "xx\"\n", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a locale tag"),
        "{}",
        stderr(&out)
    );
}

/// `--locale ja_JP` is `ja-jp`, as sxs writes every locale: an export by
/// locale finds the entries, a piped file gets the tag the others have.
#[test]
fn a_locale_is_written_as_sxs_writes_locales() {
    let piped = std::fs::read("assets/samples/000_8f5dbdcd68e3905e.txt").unwrap();
    let text = String::from_utf8(piped).unwrap();
    // The sample without its front matter, so that --locale is what counts.
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    // As a person writes it, and as `$LANG` holds it.
    for locale in ["JA_jp", "ja_JP.UTF-8"] {
        let args = ["dump", "--format", "jsonl", "--locale", locale, "-"];
        let out = sxs_piped(&args, body.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("\"locale\":\"ja-jp\""), "{locale}: {said}");
    }
}

/// A file named beside its folder, or by two names, is read once: the
/// folder is not "empty" for it, and nothing is counted twice.
#[test]
fn paths_that_reach_one_file_twice_read_it_once() {
    let folder = "tests/fixtures/store/variants";
    let file = "tests/fixtures/store/variants/no-front-matter.md";
    let alone = sxs(&["dump", "--format", "jsonl", folder]);
    for args in [
        vec!["dump", "--format", "jsonl", file, folder],
        vec![
            "dump",
            "--format",
            "jsonl",
            folder,
            "./tests/fixtures/store/../store/variants",
        ],
    ] {
        let out = sxs(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines = |o: &std::process::Output| o.stdout.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(lines(&out), lines(&alone), "{args:?}: each segment once");
    }
    let once = sxs(&["dump", "--format", "jsonl", file]);
    let twice = sxs(&["dump", "--format", "jsonl", file, &format!("./{file}")]);
    let count = |o: &std::process::Output| o.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(count(&twice), count(&once));
}

/// `-` named but nothing usable on standard input: the message speaks of
/// standard input, not of naming `-`, which the user did.
#[test]
fn an_empty_or_device_standard_input_is_said_as_such() {
    let empty = sxs_piped(&["dump", "-"], b"");
    assert_eq!(empty.status.code(), Some(2));
    assert!(
        stderr(&empty).contains("-: standard input is empty: nothing was piped in"),
        "{}",
        stderr(&empty)
    );
    // The writer still holding the pipe when sxs first looks, then closing
    // it with nothing written, is the same (this raced in CI).
    let mut late = std::process::Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(["dump", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let writer = late.stdin.take();
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(writer);
    let late = late.wait_with_output().unwrap();
    assert_eq!(late.status.code(), Some(2));
    assert!(
        stderr(&late).contains("-: standard input is empty: nothing was piped in"),
        "{}",
        stderr(&late)
    );
    let null = sxs_within(&["dump", "-"], std::process::Stdio::null());
    assert_eq!(null.status.code(), Some(2));
    let said = stderr(&null);
    assert!(said.contains("standard input is a device"), "{said}");
    assert!(!said.contains("name it `-`"), "{said}");
}
