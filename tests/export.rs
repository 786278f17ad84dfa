//! `sxs export` and the review part of `sxs stats`: every format parsed back
//! with a real parser, through the real binary.

use std::fs;
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value as Json;
use sxs::mqm::Severity;
use sxs::notes::{Entry, Notes, SegmentRef};
use sxs::store::Store;
use tempfile::TempDir;

const COMMENT: &str = "訳語が違う, \"sign in\" は「サインイン」\n2行目 = ok";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";
/// What XML 1.0 cannot hold raw or at all, and what must be escaped.
const XML_HOSTILE: &str = "a < b && c > d \"q\" 'a' 😀 \u{1b}[31m bell\u{7} cr\r\nend \u{fffe}";

/// A notes file in `dir` with three entries: bad with a CJK comment full of
/// CSV syntax, OK with a target that looks like a formula, bad with texts
/// XML cannot hold as they are; and its writer, for more marks. (Opening a
/// new writer later could find the lock still held by a child that another
/// test is spawning: a child holds the parent's descriptors until its exec.)
fn notes_file(dir: &TempDir) -> (std::path::PathBuf, Notes) {
    let path = dir.path().join("sxs-notes.yaml");
    let store = Store::samples();
    let ja = store.docs.iter().find(|d| d.locale == "ja-jp").unwrap();
    let ko = store.docs.iter().find(|d| d.locale == "ko-kr").unwrap();
    let mut notes = Notes::open(&path).unwrap();
    notes.set_store_order(&store);
    let seg = SegmentRef::new(ja, &ja.segments[1]);
    notes
        .mark(Entry::bad(
            seg,
            "alice",
            "accuracy/omission",
            Severity::Critical,
            COMMENT,
        ))
        .unwrap();
    let mut formula = Entry::ok(SegmentRef::new(ja, &ja.segments[2]), "-bob");
    formula.target = FORMULA.into();
    notes.mark(formula).unwrap();
    let mut hostile = Entry::bad(
        SegmentRef::new(ko, &ko.segments[0]),
        "carol",
        "fluency/character-encoding",
        Severity::Minor,
        XML_HOSTILE,
    );
    hostile.source = Some(XML_HOSTILE.into());
    hostile.target = XML_HOSTILE.into();
    notes.mark(hostile).unwrap();
    (path, notes)
}

fn sxs(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn export(dir: &TempDir, format: &str) -> String {
    let out = sxs(dir.path(), &["export", "--format", format]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn csv_reads_back_with_quotes_commas_newlines_and_cjk_and_defuses_formulas() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let text = export(&dir, "csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "file",
            "locale",
            "id",
            "verdict",
            "category",
            "severity",
            "comment",
            "source",
            "target",
            "reviewer",
            "time",
            "dismissed"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    // Sorted by file: the ja-jp sample's path sorts before ko-kr's.
    let bad = rows
        .iter()
        .find(|r| &r[column("reviewer")] == "alice")
        .unwrap();
    assert_eq!(&bad[column("comment")], COMMENT);
    assert_eq!(&bad[column("severity")], "critical");
    assert_eq!(&bad[column("category")], "accuracy/omission");
    let ok = rows.iter().find(|r| &r[column("verdict")] == "ok").unwrap();
    assert_eq!(&ok[column("target")], format!("'{FORMULA}"));
    assert_eq!(&ok[column("reviewer")], "'-bob");
    assert_eq!(&ok[column("category")], "");
    let hostile = rows
        .iter()
        .find(|r| &r[column("reviewer")] == "carol")
        .unwrap();
    assert_eq!(&hostile[column("target")], XML_HOSTILE);
    assert!(text.contains("\r\n"), "RFC 4180 records end in CRLF");
}

#[test]
fn tsv_has_one_line_per_entry_with_escaped_breaks() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let text = export(&dir, "tsv");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines.iter().all(|l| l.split('\t').count() == 12));
    let bad = lines.iter().find(|l| l.contains("alice")).unwrap();
    let comment = bad.split('\t').nth(6).unwrap();
    assert_eq!(comment, COMMENT.replace('\n', "\\n"));
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequence reaches a terminal"
    );
}

#[test]
fn jsonl_has_every_field_of_every_entry() {
    let dir = TempDir::new().unwrap();
    let (path, _) = notes_file(&dir);
    let notes = Notes::read(&path).unwrap();
    let text = export(&dir, "jsonl");
    let records: Vec<Json> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), notes.len());
    for (record, entry) in records.iter().zip(notes.entries()) {
        assert_eq!(record["file"], entry.file.as_str());
        assert_eq!(record["id"], entry.id.as_str());
        assert_eq!(record["verdict"], entry.verdict.name());
        assert_eq!(record["comment"], entry.comment.as_str());
        assert_eq!(record["source"].as_str(), entry.source.as_deref());
        assert_eq!(record["target"], entry.target.as_str());
        assert_eq!(record["time"], entry.time.as_str());
        assert_eq!(
            record["severity"].as_str(),
            entry.severity.map(|s| s.name())
        );
        assert_eq!(record["dismissed"], Json::Array(vec![]));
    }
}

#[test]
fn jsonl_keeps_hand_added_keys_and_values_sxs_cannot_read() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("sxs-notes.yaml"),
        "- file: a.md\n  id: '7'\n  verdict: bad\n  severity: blocker\n  ticket: {n: 42}\n",
    )
    .unwrap();
    let out = sxs(dir.path(), &["export", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(
        warnings.contains("sxs-notes.yaml:1: a.md 7: `severity`"),
        "{warnings}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(r#"{"file":"a.md","locale":"","id":"7","verdict":"bad","#),
        "{text}"
    );
    let record: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(record["severity"], "blocker");
    assert_eq!(record["ticket"]["n"], 42);
}

#[test]
fn mqm_is_the_wmt_tsv_with_mqm_labels() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let text = export(&dir, "mqm");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category",
            "severity"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == 9), "{rows:?}");
    let by_rater = |rater: &str| rows.iter().find(|r| r[4] == rater).unwrap();
    assert_eq!(by_rater("alice")[7..], ["Accuracy/Omission", "Critical"]);
    assert_eq!(by_rater("-bob")[7..], ["No-error", "No-error"]);
    assert_eq!(
        by_rater("carol")[7..],
        ["Fluency/Character encoding", "Minor"]
    );
    assert_eq!(by_rater("alice")[0], "MT");
    assert!(by_rater("alice")[1].starts_with("samples/"));
    assert_eq!(by_rater("alice")[1], by_rater("alice")[2]);
}

#[test]
fn xliff_is_well_formed_and_gives_back_every_text() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let out = sxs(dir.path(), &["export", "--format", "xliff"]);
    assert_eq!(out.status.code(), Some(0));
    // Two locales: said on stderr, and each target says its own.
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2 locales"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "xliff");
    assert_eq!(
        root.tag_name().namespace(),
        Some("urn:oasis:names:tc:xliff:document:2.0")
    );
    assert_eq!(root.attribute("version"), Some("2.1"));
    assert_eq!(root.attribute("srcLang"), Some("en"));
    let files: Vec<_> = root.children().filter(|n| n.has_tag_name("file")).collect();
    assert_eq!(files.len(), 2);
    let units: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("unit"))
        .collect();
    assert_eq!(units.len(), 3);

    fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
        node.descendants().find(|n| n.has_tag_name(name)).unwrap()
    }
    // Inline text with `<cp hex>` for what XML cannot hold, put back together.
    let read_back = |node: roxmltree::Node| -> String {
        node.children()
            .map(|c| match c.attribute("hex") {
                Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).unwrap())
                    .unwrap()
                    .to_string(),
                None => c.text().unwrap_or("").to_string(),
            })
            .collect()
    };
    let hostile = units
        .iter()
        .find(|u| {
            child(**u, "target").attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                == Some("ko-kr")
        })
        .unwrap();
    assert_eq!(read_back(child(*hostile, "target")), XML_HOSTILE);
    assert_eq!(read_back(child(*hostile, "source")), XML_HOSTILE);
    let segment = child(*hostile, "segment");
    assert_eq!(segment.attribute("state"), Some("reviewed"));
    let note = child(*hostile, "note");
    assert_eq!(
        note.attribute("category"),
        Some("Fluency/Character encoding")
    );
    assert_eq!(note.attribute("priority"), Some("6"));

    let bad = units
        .iter()
        .find(|u| child(**u, "note").text() == Some(COMMENT))
        .unwrap();
    assert_eq!(child(*bad, "note").attribute("priority"), Some("1"));
    let ok = units
        .iter()
        .find(|u| child(**u, "segment").attribute("state") == Some("final"))
        .unwrap();
    assert_eq!(child(*ok, "target").text(), Some(FORMULA));
}

#[test]
fn output_file_locale_filter_and_missing_or_broken_notes() {
    let dir = TempDir::new().unwrap();
    let (path, _) = notes_file(&dir);
    let out = sxs(
        dir.path(),
        &[
            "export",
            "--format",
            "jsonl",
            "--locale",
            "ko-kr",
            "-o",
            "out.jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1);
    assert!(written.contains("\"locale\":\"ko-kr\""));

    let missing = sxs(
        dir.path(),
        &["export", "--format", "csv", "--notes", "nowhere.yaml"],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.yaml: no such notes file"));

    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("- file: x\n  id: [\n");
    let lines = text.lines().count();
    fs::write(&path, &text).unwrap();
    for args in [
        &["export", "--format", "csv"][..],
        &["stats", "--format", "json"][..],
    ] {
        let broken = sxs(dir.path(), args);
        assert_eq!(broken.status.code(), Some(2));
        let err = String::from_utf8_lossy(&broken.stderr);
        assert!(
            err.starts_with(&format!("sxs: sxs-notes.yaml:{}: ", lines + 1)),
            "{err}"
        );
        assert!(err.trim_end().ends_with("fix it or move it away"), "{err}");
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn stats_report_progress_severities_stale_and_the_mqm_score() {
    let dir = TempDir::new().unwrap();
    let (_, mut notes) = notes_file(&dir);
    // The formula entry's target was changed above: it is stale. One more
    // entry for a file that is not loaded.
    let elsewhere = SegmentRef {
        file: "elsewhere.md",
        locale: "de-de",
        id: "x-1",
        source: None,
        target: "t",
    };
    notes.mark(Entry::ok(elsewhere, "r")).unwrap();
    drop(notes);

    let out = sxs(
        dir.path(),
        &["stats", "--format", "json", "--penalties", "critical=25"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: Json = serde_json::from_slice(&out.stdout).unwrap();
    let review = &stats["review"];
    let ja = &review["locales"]["ja-jp"];
    assert_eq!(ja["reviewed"], 1);
    assert_eq!(ja["stale"], 1);
    assert_eq!(ja["bad"]["critical"], 1);
    assert_eq!(ja["penalty_points"], 25.0);
    let store = Store::samples();
    let ja_doc = store.docs.iter().find(|d| d.locale == "ja-jp").unwrap();
    let words = sxs::store::source_words(ja_doc.segments[1].source.as_deref().unwrap());
    assert_eq!(ja["reviewed_words"], words);
    let score = ja["mqm_score"].as_f64().unwrap();
    assert!((score - 25_000.0 / words as f64).abs() < 1e-9, "{score}");
    // The ko-kr entry's target was changed too: nothing current there.
    assert_eq!(review["locales"]["ko-kr"]["reviewed"], 0);
    assert_eq!(review["total"]["reviewed"], 1);
    assert_eq!(review["total"]["stale"], 2);
    assert_eq!(review["files_not_loaded"], 1);
    assert_eq!(review["penalties"]["major"], 5.0);
    // The older keys are still there.
    assert_eq!(stats["total"]["files"], 5);

    let table = sxs(dir.path(), &["stats"]);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("1 notes entries are for files not loaded here"),
        "{text}"
    );
    let ja_row: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("review"))
        .find(|l| l.starts_with("ja-jp"))
        .unwrap()
        .split_whitespace()
        .collect();
    // locale reviewed % minor major critical stale MQM
    assert_eq!((ja_row[1], ja_row[5], ja_row[6]), ("1", "1", "1"), "{text}");

    let wrong = sxs(dir.path(), &["stats", "--penalties", "huge=3"]);
    assert_eq!(wrong.status.code(), Some(2));
}

/// Makes a device node like the system's `/dev/null` (1, 3) or `/dev/zero`
/// (1, 5) at `path`, private to the test. Needs root, as CI runs.
fn device(path: &Path, minor: &str) {
    let made = Command::new("mknod")
        .arg(path)
        .args(["c", "1", minor])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        made,
        "THIS TEST CANNOT RUN: mknod {} failed (it needs root, as CI runs); \
         run the tests as root to check writes to devices",
        path.display()
    );
}

fn fifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

fn is_char_device(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[test]
fn csv_guards_formulas_after_spaces_line_breaks_and_in_fullwidth() {
    let dir = TempDir::new().unwrap();
    let (_, mut notes) = notes_file(&dir);
    let store = Store::samples();
    let ja = store.docs.iter().find(|d| d.locale == "ja-jp").unwrap();
    let mut entry = Entry::ok(SegmentRef::new(ja, &ja.segments[5]), "＝1+1");
    entry.comment = "\n=1+1".into();
    entry.target = "  =HYPERLINK(\"http://evil.example\")".into();
    entry.source = Some("＠SUM(A1)".into());
    entry.locale = "－1".into();
    notes.mark(entry).unwrap();
    let text = export(&dir, "csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r[2] == ja.segments[5].id)
        .unwrap();
    for (column, value) in [
        (1, "－1"),
        (6, "\n=1+1"),
        (7, "＠SUM(A1)"),
        (8, "  =HYPERLINK(\"http://evil.example\")"),
        (9, "＝1+1"),
    ] {
        assert_eq!(&row[column], format!("'{value}"), "column {column}");
    }
}

#[test]
fn export_writes_through_devices_fifos_and_descriptors_and_never_replaces_them() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let expected = export(&dir, "csv");

    let null = dir.path().join("null");
    device(&null, "3");
    let out = sxs(dir.path(), &["export", "--format", "csv", "-o", "null"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(is_char_device(&null), "the device is still a device");

    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let pipe = pipe.clone();
        // Blocks until a writer opens the FIFO: a replaced FIFO never gets one.
        std::thread::spawn(move || tx.send(fs::read_to_string(pipe).unwrap()));
    }
    let out = sxs(dir.path(), &["export", "--format", "csv", "-o", "pipe"]);
    assert_eq!(out.status.code(), Some(0));
    let read = rx.recv_timeout(std::time::Duration::from_secs(20));
    assert_eq!(
        read.expect("the export reached the FIFO's reader"),
        expected
    );
    assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());

    // A link to the process's standard output, as /dev/stdout is.
    let stdout = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout).unwrap();
    let out = sxs(dir.path(), &["export", "--format", "csv", "-o", "stdout"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    assert!(
        fs::symlink_metadata(&stdout)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // … where standard output is a file opened to append to: appended.
    let log = dir.path().join("log.txt");
    fs::write(&log, "before\n").unwrap();
    let appending = fs::OpenOptions::new().append(true).open(&log).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(["export", "--format", "csv", "-o", "stdout"])
        .current_dir(dir.path())
        .stdout(appending)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        fs::read_to_string(&log).unwrap(),
        format!("before\n{expected}")
    );

    // A link to a file not made yet: the file is made, the link stays.
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("made.csv", &link).unwrap();
    let out = sxs(dir.path(), &["export", "--format", "csv", "-o", "link.csv"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("made.csv")).unwrap(),
        expected
    );
}

#[test]
fn notes_that_are_not_a_regular_file_are_refused_and_left_alone() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("folder")).unwrap();
    device(&dir.path().join("null"), "3");
    device(&dir.path().join("zero"), "5");
    fifo(&dir.path().join("pipe"));
    for (name, what) in [
        ("folder", "is a folder"),
        ("null", "is a character device"),
        ("zero", "is a character device"),
        ("pipe", "is a FIFO"),
    ] {
        for command in [&["stats"][..], &["export", "--format", "csv"][..]] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_sxs"))
                .args(command)
                .args(["--notes", name])
                .current_dir(dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            // Neither blocks on the FIFO nor reads the endless device.
            let started = std::time::Instant::now();
            while child.try_wait().unwrap().is_none() {
                if started.elapsed().as_secs() > 20 {
                    child.kill().unwrap();
                    panic!("{name}: sxs {command:?} did not finish");
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name}: {err}");
            assert!(err.contains(&format!("{name}: {what}")), "{name}: {err}");
            assert!(err.contains("must be a regular file"), "{name}: {err}");
            assert_eq!(err.matches(what).count(), 1, "said once: {err}");
        }
    }
    assert!(is_char_device(&dir.path().join("null")));
    assert!(dir.path().join("folder").is_dir());
}
