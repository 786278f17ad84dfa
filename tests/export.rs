//! `sxs export` and the review part of `sxs stats`: every format parsed back
//! with a real parser, through the real binary.

mod common;

use std::fs;
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;
use std::process::Command;

use common::sxs_in;
use serde_json::Value as Json;
use sxs::mqm::{Severity, Side, Span};
use sxs::notes::{Entry, MqmError, Notes, SegmentRef};
use sxs::store::Store;
use tempfile::TempDir;

const COMMENT: &str = "訳語が違う, \"sign in\" は「サインイン」\n2行目 = ok";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";
/// What XML 1.0 cannot hold raw or at all, and what must be escaped.
const XML_HOSTILE: &str = "a < b && c > d \"q\" 'a' 😀 \u{1b}[31m bell\u{7} cr\r\nend \u{fffe}";
/// A comment on a span, with a tab, as a WMT row cannot hold it raw.
const SPAN_COMMENT: &str = "語順\tと「助詞」";

/// The first `chars` characters of `text`, as a span.
fn span_of(side: Side, text: &str, from: usize, chars: usize) -> Span {
    let at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let (start, end) = (at(from), at(from + chars));
    Span {
        side,
        start,
        end,
        text: text[start..end].to_string(),
    }
}

/// A notes file in `dir` with three entries: bad with a CJK comment full of
/// CSV syntax and a second error on a span of the target, OK with a target
/// that looks like a formula, bad with texts XML cannot hold as they are;
/// and its writer, for more marks. (Opening a new writer later could find
/// the lock still held by a child that another test is spawning: a child
/// holds the parent's descriptors until its exec.)
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
    let grammar = MqmError::new("fluency/grammar", Severity::Minor)
        .with_span(span_of(Side::Target, seg.target, 2, 3))
        .with_comment(SPAN_COMMENT);
    notes.add_error(seg, "alice", grammar).unwrap();
    let mut formula = Entry::ok(SegmentRef::new(ja, &ja.segments[2]), "-bob");
    formula.target = Some(FORMULA.into());
    notes.mark(formula).unwrap();
    let mut hostile = Entry::bad(
        SegmentRef::new(ko, &ko.segments[0]),
        "carol",
        "fluency/character-encoding",
        Severity::Minor,
        XML_HOSTILE,
    );
    hostile.source = Some(XML_HOSTILE.into());
    hostile.target = Some(XML_HOSTILE.into());
    notes.mark(hostile).unwrap();
    (path, notes)
}

fn export(dir: &TempDir, format: &str) -> String {
    let out = sxs_in(dir.path(), &["export", "--format", format]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const COLUMNS: [&str; 18] = [
    "file",
    "locale",
    "id",
    "verdict",
    "category",
    "severity",
    "side",
    "start",
    "end",
    "text",
    "error_comment",
    "comment",
    "source",
    "target",
    "reviewer",
    "time",
    "seconds",
    "dismissed",
];

fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap()
}

#[test]
fn csv_has_a_row_per_error_reads_back_with_any_text_and_defuses_formulas() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let text = export(&dir, "csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "two errors, one ok, one error");
    let by = |reviewer: &str| -> Vec<&csv::StringRecord> {
        rows.iter()
            .filter(|r| &r[column("reviewer")] == reviewer)
            .collect()
    };
    let alice = by("alice");
    assert_eq!(alice.len(), 2);
    assert_eq!(&alice[0][column("error_comment")], COMMENT);
    assert_eq!(&alice[0][column("severity")], "critical");
    assert_eq!(&alice[0][column("category")], "accuracy/omission");
    assert_eq!(&alice[0][column("side")], "");
    let store = Store::samples();
    let ja = store.docs.iter().find(|d| d.locale == "ja-jp").unwrap();
    let span = span_of(Side::Target, ja.segments[1].target(), 2, 3);
    let spanned = alice[1];
    assert_eq!(
        [
            &spanned[column("side")],
            &spanned[column("start")],
            &spanned[column("end")],
            &spanned[column("text")],
        ],
        [
            "target",
            span.start.to_string().as_str(),
            span.end.to_string().as_str(),
            span.text.as_str()
        ]
    );
    assert_eq!(&spanned[column("error_comment")], SPAN_COMMENT);
    let ok = rows.iter().find(|r| &r[column("verdict")] == "ok").unwrap();
    assert_eq!(&ok[column("target")], format!("'{FORMULA}"));
    assert_eq!(&ok[column("reviewer")], "'-bob");
    assert_eq!(&ok[column("category")], "");
    assert_eq!(&by("carol")[0][column("target")], XML_HOSTILE);
    assert!(text.contains("\r\n"), "RFC 4180 records end in CRLF");
}

#[test]
fn tsv_has_one_line_per_error_with_escaped_breaks() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let text = export(&dir, "tsv");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.split('\t').count() == COLUMNS.len()));
    let bad = lines.iter().find(|l| l.contains("alice")).unwrap();
    let comment = bad.split('\t').nth(column("error_comment")).unwrap();
    assert_eq!(comment, COMMENT.replace('\n', "\\n"));
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequence reaches a terminal"
    );
}

#[test]
fn jsonl_has_every_field_of_every_error() {
    let dir = TempDir::new().unwrap();
    let (path, _) = notes_file(&dir);
    let notes = Notes::read(&path).unwrap();
    let text = export(&dir, "jsonl");
    let records: Vec<Json> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rows: Vec<(&Entry, Option<&MqmError>)> = notes
        .entries()
        .flat_map(|e| match e.errors.is_empty() {
            true => vec![(e, None)],
            false => e.errors.iter().map(|x| (e, Some(x))).collect(),
        })
        .collect();
    assert_eq!(records.len(), rows.len());
    for (record, (entry, error)) in records.iter().zip(rows) {
        let mut keys: Vec<&str> = record
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut columns = COLUMNS.to_vec();
        keys.sort();
        columns.sort();
        assert_eq!(keys, columns);
        assert_eq!(record["file"], entry.file.as_str());
        assert_eq!(record["id"], entry.id.as_str());
        assert_eq!(
            record["verdict"].as_str(),
            entry.verdict.as_ref().map(|v| v.name())
        );
        assert_eq!(record["comment"], entry.comment.as_str());
        assert_eq!(record["source"].as_str(), entry.source.as_deref());
        assert_eq!(record["target"], entry.target.as_deref().unwrap());
        assert_eq!(record["time"], entry.time.as_str());
        assert_eq!(
            record["severity"].as_str(),
            error.map(|e| e.severity.name())
        );
        assert_eq!(
            record["error_comment"].as_str(),
            error.map(|e| e.comment.as_str())
        );
        let span = error.and_then(|e| e.span.as_ref());
        assert_eq!(record["start"].as_u64(), span.map(|s| s.start as u64));
        assert_eq!(record["end"].as_u64(), span.map(|s| s.end as u64));
        assert_eq!(record["text"].as_str(), span.map(|s| s.text.as_str()));
        assert_eq!(record["dismissed"], Json::Array(vec![]));
    }
}

#[test]
fn jsonl_keeps_hand_added_keys_and_values_sxs_cannot_read() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("sxs-notes.yaml"),
        "- file: a.md\n  id: '7'\n  verdict: bad\n  severity: blocker\n  ticket: {n: 42}\n\
         - file: a.md\n  id: '8'\n  verdict: bad\n  errors:\n  - category: style\n    \
           severity: minor\n    start: -3\n    end: 2\n    jira: X-1\n",
    )
    .unwrap();
    let out = sxs_in(dir.path(), &["export", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(
        warnings.contains("sxs-notes.yaml:1: a.md 7: `severity`"),
        "{warnings}"
    );
    assert!(
        warnings.contains("sxs-notes.yaml:10: a.md 8: error 1: `start`: expected a byte offset"),
        "{warnings}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(r#"{"file":"a.md","locale":"","id":"7","verdict":"bad","#),
        "{text}"
    );
    let records: Vec<Json> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["severity"], "blocker");
    assert_eq!(records[0]["ticket"]["n"], 42);
    assert_eq!(records[1]["start"], -3);
    assert_eq!(records[1]["end"], 2);
    assert_eq!(records[1]["error_jira"], "X-1");
}

#[test]
fn mqm_is_the_wmt_tsv_with_spans_comments_and_labels_and_reads_back() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let text = export(&dir, "mqm");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0][..10],
        [
            "system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category",
            "severity", "comment"
        ]
    );
    assert!(rows[1..].iter().all(|r| r.len() == 10), "{rows:?}");
    // A comment with a line break is escaped, and the header says so in a
    // column no row has.
    assert_eq!(rows[0].len(), 11);
    let by_rater =
        |rater: &str| -> Vec<&Vec<&str>> { rows.iter().filter(|r| r[4] == rater).collect() };
    let alice = by_rater("alice");
    assert_eq!(alice[0][7..9], ["Accuracy/Omission", "Critical"]);
    assert_eq!(alice[0][9], COMMENT.replace('\n', "\\n"));
    assert_eq!(
        alice[1][7..10],
        ["Fluency/Grammar", "Minor", "語順\\tと「助詞」"]
    );
    let store = Store::samples();
    let ja = store.docs.iter().find(|d| d.locale == "ja-jp").unwrap();
    let target = &ja.segments[1].target();
    let span = span_of(Side::Target, target, 2, 3);
    assert!(
        alice[1][6].starts_with(&format!("{}<v>{}</v>", &target[..span.start], span.text)),
        "{}",
        alice[1][6]
    );
    assert!(
        !alice[0][6].contains("<v>"),
        "a whole-segment error has no span"
    );
    assert_eq!(by_rater("-bob")[0][7..9], ["No-error", "No-error"]);
    assert_eq!(
        by_rater("carol")[0][7..9],
        ["Fluency/Character encoding", "Minor"]
    );
    assert_eq!(alice[0][0], "MT");
    assert!(alice[0][1].starts_with("samples/"));
    // `doc_id` numbers the segment in its document, as WMT tools read it.
    let numbers: Vec<u32> = alice.iter().map(|row| row[2].parse().unwrap()).collect();
    assert!(numbers.iter().all(|&n| n >= 1), "{numbers:?}");

    // Read back by the store, as any WMT MQM file: the same errors, spans
    // on the same text, comments whole.
    let file = dir.path().join("export.tsv");
    fs::write(&file, &text).unwrap();
    let back = Store::load(&[&file]).unwrap();
    assert!(
        back.all_warnings().next().is_none(),
        "{:?}",
        back.all_warnings().collect::<Vec<_>>()
    );
    let doc = back
        .docs
        .iter()
        .find(|d| d.path.ends_with(&ja.path))
        .unwrap();
    assert_eq!(doc.segments[0].target(), *target);
    let errors = common::rated_errors(doc);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].1.comment, COMMENT);
    assert_eq!(errors[1].1.span.as_ref(), Some(&span));
    assert_eq!(errors[1].1.comment, SPAN_COMMENT);
}

/// Reads an XLIFF inline text back: text, `<cp hex>` for what XML cannot
/// hold, and `<mrk>` whose place in the text is recorded as byte offsets.
fn inline_text<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    text: &mut String,
    marks: &mut Vec<(roxmltree::Node<'a, 'i>, usize, usize)>,
) {
    for child in node.children() {
        if let Some(hex) = child.attribute("hex") {
            text.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
        } else if child.has_tag_name("mrk") {
            let start = text.len();
            inline_text(child, text, marks);
            marks.push((child, start, text.len()));
        } else if let Some(t) = child.text() {
            text.push_str(t);
        }
    }
}

const SXS: &str = "urn:x-sxs:notes:1";

/// An attribute in no namespace (roxmltree's `attribute("x")` also
/// matches `sxs:x`).
fn plain<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_none())
        .map(|a| a.value())
}
const ITS: &str = "http://www.w3.org/2005/11/its";

#[test]
fn xliff_is_well_formed_marks_spans_with_its_issues_and_gives_back_every_error() {
    let dir = TempDir::new().unwrap();
    let (path, _) = notes_file(&dir);
    let out = sxs_in(dir.path(), &["export", "--format", "xliff"]);
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
    assert_eq!(plain(root, "version"), Some("2.1"));
    assert_eq!(root.attribute((ITS, "version")), Some("2.0"));
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
    // Every unit gives back its texts and its errors, in order.
    let notes = Notes::read(&path).unwrap();
    for (unit, entry) in units.iter().zip(notes.entries()) {
        let mut errors: Vec<(usize, MqmError)> = Vec::new();
        for side in ["source", "target"] {
            let (mut back, mut marks) = (String::new(), Vec::new());
            inline_text(child(*unit, side), &mut back, &mut marks);
            let want = match side {
                "source" => entry.source.clone().unwrap_or_default(),
                _ => entry.target.clone().unwrap_or_default(),
            };
            assert_eq!(back, want, "{side}");
            for (mrk, start, end) in marks {
                assert_eq!(mrk.attribute("type"), Some("its:generic"));
                assert!(mrk.attribute((ITS, "locQualityIssueType")).is_some());
                let severity: Severity = mrk.attribute((SXS, "severity")).unwrap().parse().unwrap();
                let error = MqmError::new(mrk.attribute((SXS, "category")).unwrap(), severity)
                    .with_comment(mrk.attribute((ITS, "locQualityIssueComment")).unwrap_or(""))
                    .with_span(Span {
                        side: if side == "source" {
                            Side::Source
                        } else {
                            Side::Target
                        },
                        start,
                        end,
                        text: back[start..end].to_string(),
                    });
                let n: usize = mrk.attribute((SXS, "error")).unwrap().parse().unwrap();
                errors.push((n, error));
            }
        }
        for note in unit.descendants().filter(|n| n.has_tag_name("note")) {
            let Some(category) = note.attribute((SXS, "category")) else {
                assert_eq!(note.text().unwrap_or(""), entry.comment);
                continue;
            };
            let severity: Severity = note.attribute((SXS, "severity")).unwrap().parse().unwrap();
            let n: usize = note.attribute((SXS, "error")).unwrap().parse().unwrap();
            errors.push((
                n,
                MqmError::new(category, severity).with_comment(note.text().unwrap_or("")),
            ));
        }
        errors.sort_by_key(|(n, _)| *n);
        let errors: Vec<MqmError> = errors.into_iter().map(|(_, e)| e).collect();
        // What XML 1.0 cannot hold at all is its control picture (`␛`)
        // outside source and target.
        let xml_safe = |error: &MqmError| MqmError {
            comment: error
                .comment
                .chars()
                .map(|c| match c {
                    '\t'
                    | '\n'
                    | '\r'
                    | '\u{20}'..='\u{d7ff}'
                    | '\u{e000}'..='\u{fffd}'
                    | '\u{10000}'.. => c.to_string(),
                    c => sxs::text::control_picture(c),
                })
                .collect(),
            ..error.clone()
        };
        let want: Vec<MqmError> = entry.errors.iter().map(xml_safe).collect();
        assert_eq!(errors, want, "{}", entry.id);
    }

    let hostile = units
        .iter()
        .find(|u| {
            child(**u, "target").attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                == Some("ko-kr")
        })
        .unwrap();
    assert_eq!(
        child(*hostile, "segment").attribute("state"),
        Some("reviewed")
    );
    let note = child(*hostile, "note");
    assert_eq!(plain(note, "category"), Some("Fluency/Character encoding"));
    assert_eq!(plain(note, "priority"), Some("6"));
    let spanned = units
        .iter()
        .find(|u| u.descendants().any(|n| n.has_tag_name("mrk")))
        .unwrap();
    let mrk = child(*spanned, "mrk");
    assert_eq!(mrk.attribute((ITS, "locQualityIssueType")), Some("grammar"));
    assert_eq!(mrk.attribute((ITS, "locQualityIssueSeverity")), Some("10"));
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
    let out = sxs_in(
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

    // A notes file named but missing leaves nothing to export: said, as
    // `stats` says it, not an error.
    let missing = sxs_in(
        dir.path(),
        &["export", "--format", "csv", "--notes", "nowhere.yaml"],
    );
    assert_eq!(missing.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("nowhere.yaml: no such notes file; the export is empty")
    );
    assert_eq!(String::from_utf8_lossy(&missing.stdout).lines().count(), 1);

    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("- file: x\n  id: [\n");
    let lines = text.lines().count();
    fs::write(&path, &text).unwrap();
    for args in [
        &["export", "--format", "csv"][..],
        &["stats", "--format", "json"][..],
    ] {
        let broken = sxs_in(dir.path(), args);
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
fn every_format_gives_a_span_where_its_text_stands_when_its_offsets_are_off() {
    let dir = TempDir::new().unwrap();
    // Hand-written offsets 0..11, where the text stands at 13..24.
    fs::write(
        dir.path().join("sxs-notes.yaml"),
        "- file: de-de/c.md\n  locale: de-de\n  id: abcde-109\n  verdict: bad\n  errors:\n    \
         - category: accuracy/mistranslation\n      severity: major\n      side: target\n      \
         start: 0\n      end: 11\n      text: Get-Element\n  source: Run it.\n  \
         target: \"Führen Sie `Get-Element` aus.\"\n  reviewer: kim\n  time: 2026-01-02T03:04:05Z\n",
    )
    .unwrap();
    for format in ["csv", "tsv"] {
        let text = export(&dir, format);
        assert!(
            text.contains("target,13,24,Get-Element")
                || text.contains("target\t13\t24\tGet-Element"),
            "{format}: {text}"
        );
    }
    let jsonl = export(&dir, "jsonl");
    let row: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(
        (row["start"].as_u64(), row["end"].as_u64()),
        (Some(13), Some(24))
    );
    let mqm = export(&dir, "mqm");
    assert!(
        mqm.contains("Führen Sie `<v>Get-Element</v>` aus."),
        "{mqm}"
    );
    // Nothing here needs an escape: the header is WMT's, a column for each
    // field of the rows, as tools that map columns by name expect.
    let header: Vec<&str> = mqm.lines().next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 10, "{header:?}");
    assert!(mqm.lines().all(|l| l.split('\t').count() == 10), "{mqm}");
}

#[test]
fn export_never_writes_over_the_notes_file_or_an_input_by_any_name() {
    let dir = TempDir::new().unwrap();
    let (path, _) = notes_file(&dir);
    let marks = fs::read_to_string(&path).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(&path, dir.path().join("link.yaml")).unwrap();
    let input = dir.path().join("input.tsv");
    fs::write(
        &input,
        "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n",
    )
    .unwrap();
    for output in ["sxs-notes.yaml", "sub/../sxs-notes.yaml", "link.yaml"] {
        for format in ["csv", "xliff"] {
            let out = sxs_in(dir.path(), &["export", "--format", format, "-o", output]);
            assert_eq!(out.status.code(), Some(2), "{output}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("this is the notes file"), "{err}");
            assert!(err.contains("name another file with -o"), "{err}");
        }
    }
    let out = sxs_in(
        dir.path(),
        &["export", "--format", "mqm", "-o", "input.tsv", "input.tsv"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("this is the input file input.tsv"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        marks,
        "the marks are intact"
    );
    assert!(fs::read_to_string(&input).unwrap().starts_with("system\t"));
    // A notes file named but missing is said, not read silently as a review
    // not begun.
    let out = sxs_in(dir.path(), &["stats", "--notes", "typo.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typo.yaml: no such notes file; nothing counts as reviewed"),
        "{err}"
    );
}

#[test]
fn stats_report_progress_errors_stale_dimensions_and_both_penalties() {
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

    let out = sxs_in(
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
    // One bad segment, its worst error critical; two errors.
    assert_eq!(ja["bad"]["critical"], 1);
    assert_eq!(
        (
            ja["errors"]["critical"].clone(),
            ja["errors"]["minor"].clone()
        ),
        (1.into(), 1.into())
    );
    assert_eq!(ja["penalty_points"], 26.0);
    assert_eq!(ja["dimensions"]["accuracy"]["penalty_points"], 25.0);
    assert_eq!(ja["dimensions"]["fluency"]["errors"], 1);
    let store = Store::samples();
    let ja_doc = store.docs.iter().find(|d| d.locale == "ja-jp").unwrap();
    let words = sxs::store::source_words(ja_doc.segments[1].source().unwrap());
    assert_eq!(ja["reviewed_words"], words);
    let per_words = ja["per_1000_words"].as_f64().unwrap();
    assert!(
        (per_words - 26_000.0 / words as f64).abs() < 1e-9,
        "{per_words}"
    );
    assert_eq!(ja["per_segment"], 26.0);
    // The ko-kr entry's target was changed too: nothing current there.
    assert_eq!(review["locales"]["ko-kr"]["reviewed"], 0);
    assert_eq!(review["locales"]["ko-kr"]["per_segment"], Json::Null);
    assert_eq!(review["total"]["reviewed"], 1);
    assert_eq!(review["total"]["stale"], 2);
    assert_eq!(review["files_not_loaded"], 1);
    assert_eq!(review["penalties"]["major"], 5.0);
    assert_eq!(review["penalties"]["scheme"], "mqm");
    // The older keys are still there; no WMT ratings, no `systems`.
    assert_eq!(stats["total"]["files"], 5);
    assert!(stats.get("systems").is_none());

    let table = sxs_in(dir.path(), &["stats"]);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("1 notes entries are for files not loaded here"),
        "{text}"
    );
    assert!(text.contains("lower is better"), "{text}");
    let columns: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("review"))
        .unwrap()
        .split_whitespace()
        .collect();
    let ja_row: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("review"))
        .find(|l| l.starts_with("ja-jp"))
        .unwrap()
        .split_whitespace()
        .collect();
    let cell = |name: &str| ja_row[columns.iter().position(|c| *c == name).unwrap()];
    assert_eq!(
        [
            cell("reviewed"),
            cell("bad"),
            cell("minor"),
            cell("critical"),
            cell("stale")
        ],
        ["1", "1", "1", "1", "1"],
        "{text}"
    );
    // The default weights here: critical 10, minor 1.
    assert_eq!(cell("penalty/segment"), "11.00", "{text}");
    let accuracy = text.lines().find(|l| l.starts_with("accuracy")).unwrap();
    assert!(accuracy.ends_with(" 10.0"), "{text}");

    let wrong = sxs_in(dir.path(), &["stats", "--penalties", "huge=3"]);
    assert_eq!(wrong.status.code(), Some(2));
    // Weights that would sum to `inf`, or none at all, are refused with what
    // is allowed, not scored.
    for (value, says) in [
        (
            "minor=1e308,major=1e308,critical=1e308",
            "a number from 0 to 1000",
        ),
        ("", "no weights given"),
    ] {
        let wrong = sxs_in(dir.path(), &["stats", "--penalties", value]);
        assert_eq!(wrong.status.code(), Some(2), "{value:?}");
        let err = String::from_utf8_lossy(&wrong.stderr);
        assert!(err.contains(says), "{value:?}: {err}");
    }
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
    entry.target = Some("  =HYPERLINK(\"http://evil.example\")".into());
    entry.source = Some("＠SUM(A1)".into());
    entry.locale = "－1".into();
    notes.mark(entry).unwrap();
    let text = export(&dir, "csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[2] == ja.segments[5].id())
        .unwrap();
    for (name, value) in [
        ("locale", "－1"),
        ("comment", "\n=1+1"),
        ("source", "＠SUM(A1)"),
        ("target", "  =HYPERLINK(\"http://evil.example\")"),
        ("reviewer", "＝1+1"),
    ] {
        assert_eq!(&row[column(name)], format!("'{value}"), "column {name}");
    }
}

#[test]
fn export_writes_through_devices_fifos_and_descriptors_and_never_replaces_them() {
    let dir = TempDir::new().unwrap();
    notes_file(&dir);
    let expected = export(&dir, "csv");

    let null = dir.path().join("null");
    device(&null, "3");
    let out = sxs_in(dir.path(), &["export", "--format", "csv", "-o", "null"]);
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
    let out = sxs_in(dir.path(), &["export", "--format", "csv", "-o", "pipe"]);
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
    let out = sxs_in(dir.path(), &["export", "--format", "csv", "-o", "stdout"]);
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
    let out = sxs_in(dir.path(), &["export", "--format", "csv", "-o", "link.csv"]);
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

/// In `mqm`, a Markdown segment's `doc_id` is its place among its
/// document's segments (WMT tools read it as the segment's number in its
/// document), whatever else is reviewed and in whatever order the notes
/// file holds the entries.
#[test]
fn mqm_doc_id_is_the_segments_place_in_its_document_whatever_is_reviewed() {
    let dir = TempDir::new().unwrap();
    fs::copy(
        "tests/fixtures/store/variants/raw-html.md",
        dir.path().join("a.md"),
    )
    .unwrap();
    let entry = |id: &str| {
        format!(
            "- file: a.md\n  locale: ko-kr\n  id: {id}\n  verdict: ok\n  target: t\n  \
             reviewer: kim\n  time: 2026-01-02T03:04:05Z\n"
        )
    };
    // Each row as "seg_id doc_id".
    let doc_ids = |notes: &str| -> Vec<String> {
        fs::write(dir.path().join("sxs-notes.yaml"), notes).unwrap();
        export(&dir, "mqm")
            .lines()
            .skip(1)
            .map(|row| {
                let cells: Vec<&str> = row.split('\t').collect();
                format!("{} {}", cells[3], cells[2])
            })
            .collect()
    };
    assert_eq!(doc_ids(&entry("0466a-103")), ["0466a-103 3"]);
    let both = entry("0466a-103") + &entry("0466a-101");
    assert_eq!(doc_ids(&both), ["0466a-103 3", "0466a-101 1"]);
    // A segment gone from its file has no place: numbered after the
    // document's four, and said.
    let gone = entry("0466a-999") + &entry("0466a-101");
    assert_eq!(doc_ids(&gone), ["0466a-999 5", "0466a-101 1"]);
    let out = sxs_in(dir.path(), &["export", "--format", "mqm"]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("a.md: 1 marked segments are no longer in it"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An entry written by hand without `source` and `target`: the mqm export
/// takes the segment's texts from its file, so its span stands between
/// `<v>` and `</v>` and reads back as a span.
#[test]
fn mqm_takes_the_texts_of_a_hand_written_entry_from_its_file() {
    let dir = TempDir::new().unwrap();
    fs::copy(
        "tests/fixtures/store/variants/raw-html.md",
        dir.path().join("a.md"),
    )
    .unwrap();
    fs::write(
        dir.path().join("sxs-notes.yaml"),
        "- file: a.md\n  id: 0466a-101\n  verdict: bad\n  errors:\n    - category: fluency/spelling\n      \
         severity: minor\n      side: target\n      start: 8\n      end: 14\n      text: 기타\n  reviewer: kim\n",
    )
    .unwrap();
    let tsv = export(&dir, "mqm");
    let row: Vec<&str> = tsv.lines().nth(1).expect("a row").split('\t').collect();
    assert_eq!(row[5], "<strong>Other</strong>", "{tsv}");
    assert_eq!(row[6], "<strong><v>기타</v></strong>", "{tsv}");
}
