//! The `sxs` binary as scripts use it: output formats, exit codes, messages.

mod common;

use common::{stderr, stdout, sxs};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/store");

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
