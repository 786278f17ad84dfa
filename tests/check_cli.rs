//! `sxs check` as scripts and CI use it: output formats, exit codes, messages.

mod common;

use common::{stderr, stdout, sxs};

const CLI: &str = "tests/fixtures/check/cli";

fn fixture(name: &str) -> String {
    format!("{CLI}/{name}")
}

#[test]
fn jsonl_has_the_spec_fields_first_and_in_order() {
    let out = sxs(&["check", "--format", "jsonl", &fixture("findings.md")]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(
            r#"{"file":"tests/fixtures/check/cli/findings.md","locale":"ja-jp","id":"c11c1-102","check":"link-mismatch","severity":"major","message":"link ../reset-password.md became reset-password.md","#
        ),
        "{}",
        lines[0]
    );
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(second["check"], "end-punctuation");
    assert_eq!(second["severity"], "minor");
    assert_eq!(second["line"], 12);
    assert_eq!(second["category"], "fluency/punctuation");
}

#[test]
fn exit_code_follows_fail_on() {
    let code = |args: &[&str]| sxs(args).status.code();
    // findings.md has a major finding, minor.md only a minor one.
    assert_eq!(code(&["check", &fixture("findings.md")]), Some(1));
    assert_eq!(code(&["check", &fixture("minor.md")]), Some(0));
    assert_eq!(
        code(&["check", "--fail-on", "minor", &fixture("minor.md")]),
        Some(1)
    );
    assert_eq!(
        code(&["check", "--fail-on", "critical", &fixture("findings.md")]),
        Some(0)
    );
    assert_eq!(
        code(&["check", "--fail-on", "minor", &fixture("clean.md")]),
        Some(0)
    );
    assert_eq!(
        code(&["check", "--fail-on", "huge", &fixture("clean.md")]),
        Some(2)
    );
}

#[test]
fn text_groups_by_file_and_never_passes_an_escape_to_the_terminal() {
    let out = sxs(&["check", &fixture("findings.md"), &fixture("minor.md")]);
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    // The one sanitizer: an escape sequence is taken out whole, a bidi
    // override shown as a visible marker.
    assert!(!text.contains("[31m") && text.contains("⟨RLO⟩"), "{text}");
    let expected_start = "\
tests/fixtures/check/cli/findings.md (ja-jp)
  line 8 · c11c1-102
    major    link-mismatch: link ../reset-password.md became reset-password.md
      source │ For details, see [resetting your password](../reset-password.md).
";
    assert!(text.starts_with(expected_start), "{text}");
    assert!(
        text.contains("\n\ntests/fixtures/check/cli/minor.md (de-de)\n"),
        "{text}"
    );
    assert!(
        text.ends_with("3 findings in 2 of 2 files (1 major, 2 minor); 5 segments checked\n"),
        "{text}"
    );
    // The load warning about the escape still goes to stderr.
    assert!(
        stderr(&out).contains("findings.md:8: segment c11c1-102"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn only_skip_and_list_name_checks() {
    let only = sxs(&[
        "check",
        "--only",
        "doubled-word,code-mismatch",
        &fixture("findings.md"),
    ]);
    assert_eq!(only.status.code(), Some(0));
    assert!(
        stdout(&only).starts_with("no findings in 1 file; 4 segments checked"),
        "{}",
        stdout(&only)
    );
    let skip = sxs(&[
        "check",
        "--format",
        "jsonl",
        "--skip",
        "link-mismatch",
        &fixture("findings.md"),
    ]);
    assert_eq!(stdout(&skip).lines().count(), 1);
    let unknown = sxs(&["check", "--only", "links", &fixture("findings.md")]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no check is named \"links\"; the checks are: missing-source"),
        "{}",
        stderr(&unknown)
    );
    let nothing = sxs(&[
        "check",
        "--only",
        "untranslated",
        "--skip",
        "untranslated",
        &fixture("findings.md"),
    ]);
    assert_eq!(
        nothing.status.code(),
        Some(2),
        "no check run passes no gate"
    );
    assert!(
        stderr(&nothing).contains("no check would run"),
        "{}",
        stderr(&nothing)
    );
    // Nor every check skipped, nor the glossary check without a glossary.
    let all: Vec<String> = stdout(&sxs(&["check", "--list"]))
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let every = all.join(",");
    let findings = fixture("findings.md");
    for args in [
        vec!["check", "--skip", every.as_str(), findings.as_str()],
        vec!["check", "--only", "glossary", findings.as_str()],
    ] {
        let out = sxs(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("no check would run"),
            "{}",
            stderr(&out)
        );
    }
    let list = stdout(&sxs(&["check", "--list"]));
    for name in ["untranslated", "length-ratio", "korean-spacing", "glossary"] {
        assert!(list.lines().any(|l| l.starts_with(name)), "{list}");
    }
}

#[test]
fn a_glossary_adds_its_check_and_a_broken_one_is_a_usage_error() {
    let out = sxs(&[
        "check",
        "--format",
        "jsonl",
        "--only",
        "glossary",
        "--glossary",
        &fixture("glossary.yaml"),
        &fixture("findings.md"),
        &fixture("clean.md"),
    ]);
    let text = stdout(&out);
    // findings.md writes `[次へ]` for Next, clean.md `Weiter`: both as required.
    // It changed the kept `reset-password.md` link, but links are not words.
    assert_eq!(text, "", "{text}");
    let broken = sxs(&[
        "check",
        "--glossary",
        &fixture("broken-glossary.yaml"),
        &fixture("clean.md"),
    ]);
    assert_eq!(broken.status.code(), Some(2));
    let err = stderr(&broken);
    assert!(
        err.starts_with(
            "sxs: tests/fixtures/check/cli/broken-glossary.yaml:3: not a usable glossary: "
        ),
        "{err}"
    );
    let missing = sxs(&[
        "check",
        "--glossary",
        &fixture("none.yaml"),
        &fixture("clean.md"),
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("none.yaml: not a usable glossary: cannot be read"));
}

#[test]
fn no_path_checks_the_bundled_samples_and_a_missing_path_is_a_usage_error() {
    let out = sxs(&["check", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out)
            .lines()
            .all(|l| l.starts_with(r#"{"file":"samples/"#))
    );
    let missing = sxs(&["check", "no/such/folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no/such/folder: no such file or folder"));
}

#[test]
fn list_shows_each_checks_default_state() {
    let list = stdout(&sxs(&["check", "--list"]));
    assert!(list.starts_with("CHECK "), "{list}");
    let line = |name: &str| {
        list.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} not listed:\n{list}"))
            .to_string()
    };
    assert!(line("bracketed-ui-term").contains(" off for ja, zh-tw, zh-hant "));
    assert!(line("glossary").contains(" on with --glossary "));
    assert!(
        line("identifier-changed").contains(" major ")
            && line("identifier-changed").contains(" on ")
    );
}

#[test]
fn findings_dismissed_in_the_notes_file_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.yaml");
    // The target as it stands now: a dismissal of a target that changed since no longer holds.
    let target = "詳しくは、[パスワードのリセット](reset-password.md)\u{1b}[31m を参照してください\u{202e}。";
    let entry = |target: &str| {
        format!(
            "- file: {CLI}/findings.md\n  id: c11c1-102\n  verdict: ok\n  dismissed: [link-mismatch]\n  target: {}\n",
            serde_json::to_string(target).unwrap()
        )
    };
    std::fs::write(&notes, entry(target)).unwrap();
    let notes_arg = notes.to_str().unwrap();
    let run = |format: &str| {
        sxs(&[
            "check",
            "--notes",
            notes_arg,
            "--format",
            format,
            &fixture("findings.md"),
        ])
    };
    let jsonl = stdout(&run("jsonl"));
    assert!(!jsonl.contains("link-mismatch"), "{jsonl}");
    assert!(jsonl.contains("end-punctuation"), "{jsonl}");
    let text = stdout(&run("text"));
    assert!(
        text.ends_with(
            "1 finding in 1 of 1 file (1 minor); 4 segments checked; 1 finding dismissed in the notes file left out\n"
        ),
        "{text}"
    );
    std::fs::write(&notes, entry("an older translation")).unwrap();
    assert!(stdout(&run("jsonl")).contains("link-mismatch"));
}

/// Files on disk are dropped once checked and read again for the texts the
/// report shows: the usual translation quoted, and both texts in the text
/// report, come from the files. The segment quoted from `c.md` comes after
/// one in its front matter, which counts in its number.
#[test]
fn streamed_files_are_read_again_for_the_quote_and_the_texts() {
    let folder = fixture("streamed");
    let out = sxs(&["check", "--format", "jsonl", &folder]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let finding: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(finding["file"], format!("{folder}/c.md"));
    assert_eq!(finding["id"], "sc-101");
    assert_eq!(
        finding["message"],
        format!(
            "same source translated as «Wählen Sie den Bericht aus, um die Daten anzuzeigen.» \
             in 2 of 3 places (first {folder}/a.md:6)"
        )
    );
    let report = stdout(&sxs(&["check", &folder]));
    assert!(
        report.contains(
            "      source │ Select the report to view the data.\n      \
             target │ Öffnen Sie den Bericht, damit die Zahlen erscheinen.\n"
        ),
        "{report}"
    );
    assert!(report.ends_with("1 finding in 1 of 3 files (1 minor); 4 segments checked\n"));
}
