//! The scores of WMT MQM files (issue 13): per system, rater and document,
//! with the `wmt` weights, the raters' agreement, and an export of the
//! raters' judgments with the reviewer's that reads back the same. The
//! expected figures are worked out by hand from the fixtures, which are cut
//! from the published files (tests/fixtures/wmt).

mod common;

use std::path::{Path, PathBuf};

use common::sxs_in;
use serde_json::Value as Json;
use sxs::mqm::{Severity, Side, Span};
use sxs::notes::{MqmError, Notes, SegmentRef};
use sxs::store::Store;
use sxs::store::wmt::RatingKind;
use tempfile::TempDir;

const WMT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wmt");

fn fixture(name: &str) -> PathBuf {
    Path::new(WMT).join(name)
}

fn stats(dir: &Path, args: &[&str]) -> Json {
    let mut all = vec!["stats", "--format", "json", "--locale", "zh-en"];
    all.extend(args);
    let out = sxs_in(dir, &all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn close(value: &Json, want: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - want).abs() < 1e-9)
}

/// `[segments, errors, penalty_points, per_segment]` of one score.
fn score(value: &Json) -> (u64, u64, f64, f64) {
    (
        value["segments"].as_u64().unwrap(),
        value["errors"].as_u64().unwrap(),
        value["penalty_points"].as_f64().unwrap(),
        value["per_segment"].as_f64().unwrap(),
    )
}

fn assert_score(value: &Json, (segments, errors, points): (u64, u64, f64)) {
    let (s, e, p, per) = score(value);
    assert_eq!((s, e), (segments, errors), "{value}");
    assert!((p - points).abs() < 1e-9, "{value}: points {points}");
    assert!((per - points / segments as f64).abs() < 1e-9, "{value}");
}

/// The 2023 fixture: GPT4-5shot has two segments of three raters each,
/// ONLINE-M one. By hand, with the `wmt` weights (minor punctuation 0.1,
/// source issues 0, non-translation 25, attention checks nothing):
/// - GPT4-5shot seg 2: rater2 0.1 + 1 = 1.1 (2 errors); rater7 5 + 1 + 1 = 7
///   (3); rater4 1 (1; its attention check is none).
/// - GPT4-5shot seg 23: rater1 5 + 0.1 + 0 = 5.1 (3); rater3 5 + 0 = 5 (2);
///   rater2 0 + 0.1 + 1 = 1.1 (3).
/// - ONLINE-M seg 369: rater6 25 (1); rater5 no error; rater8 1 + 1 = 2 (2).
#[test]
fn wmt_weights_give_the_systems_raters_and_documents_worked_out_by_hand() {
    let dir = TempDir::new().unwrap();
    let path = fixture("general2023-zhen.tsv");
    let json = stats(dir.path(), &["--penalties", "wmt", path.to_str().unwrap()]);
    let systems = &json["systems"];
    assert_eq!(systems.as_object().unwrap().len(), 2);
    // As the default weights give it (34) but for three minor punctuation
    // errors at 0.1 instead of 1; the three source issues weigh by severity.
    assert_score(&systems["GPT4-5shot"], (6, 14, 34.0 - 3.0 * 0.9));
    assert_score(&systems["ONLINE-M"], (3, 3, 27.0));
    // SPEC's other figure, per 1,000 source words: its one segment has 8,
    // judged three times.
    assert_eq!(systems["ONLINE-M"]["words"], 24);
    assert_eq!(systems["ONLINE-M"]["per_1000_words"], 27.0 * 1000.0 / 24.0);
    let raters = &json["raters"];
    assert_score(&raters["rater2"], (2, 5, 0.1 + 0.1 + 5.0 + 1.0 + 1.0));
    assert_score(&raters["rater6"], (1, 1, 25.0));
    assert_score(&raters["rater5"], (1, 0, 0.0));
    assert_score(&raters["rater4"], (1, 1, 1.0));
    let doc = format!(
        "{}#ONLINE-M/news_voa-voachinese.30674:zh-en",
        path.display()
    );
    assert_score(&json["documents"][&doc], (3, 3, 27.0));
    assert_eq!(json["review"]["penalties"]["scheme"], "wmt");

    // The default weights: by severity alone.
    let json = stats(dir.path(), &[path.to_str().unwrap()]);
    assert_score(
        &json["systems"]["GPT4-5shot"],
        (6, 14, 2.0 + 7.0 + 1.0 + 7.0 + 10.0 + 7.0),
    );
    assert_score(&json["systems"]["ONLINE-M"], (3, 3, 7.0));

    // The table ranks the systems, lower first, and says what the figure is.
    let out = sxs_in(
        dir.path(),
        &[
            "stats",
            "--penalties",
            "wmt",
            "--locale",
            "zh-en",
            path.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("lower is better"), "{text}");
    assert!(text.contains("per segment per 1,000 words"), "{text}");
    let ranked: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains(" system "))
        .skip(1)
        .take(2)
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(ranked, ["GPT4-5shot", "ONLINE-M"], "{text}");
}

/// The 2020 fixture: every row a minor source error, which the `wmt`
/// weights give 1, as the default ones do: SPEC names no exception for
/// them, and Google's `score_mqm` makes none.
#[test]
fn source_errors_weigh_by_their_severity_with_the_wmt_weights() {
    let dir = TempDir::new().unwrap();
    let path = fixture("newstest2020-ende.tsv");
    let wmt = stats(dir.path(), &["--penalties", "wmt", path.to_str().unwrap()]);
    let default = stats(dir.path(), &[path.to_str().unwrap()]);
    assert_eq!(wmt["systems"].as_object().unwrap().len(), 5);
    assert_score(&wmt["systems"]["Huoshan_Translate.832"], (3, 3, 3.0));
    assert_score(&default["systems"]["Huoshan_Translate.832"], (3, 3, 3.0));
    assert_score(&default["raters"]["rater1"], (4, 4, 4.0));
}

/// By hand, in characters of the targets (all ASCII here):
/// - seg 2 (GPT4-5shot): rater2 marks `.` and `every step … bottlenecks`
///   (1 + 51), rater7 `has bottlenecks`, `.`, `incessantly` (15 + 1 + 11),
///   rater4 `process has bottlenecks` (23).
/// - seg 23: rater1 `home institution`, `.` (16 + 1; its source span is
///   not the target's), rater3 `home` (4), rater2 `.`, `home` (1 + 4).
/// - seg 369: rater6 all 21 characters, rater8 all 21 (two spans), rater5
///   nothing (no error).
#[test]
fn raters_agree_pair_by_pair_on_errors_and_on_the_characters_they_mark() {
    let dir = TempDir::new().unwrap();
    let path = fixture("general2023-zhen.tsv");
    let json = stats(dir.path(), &[path.to_str().unwrap()]);
    let pairs = json["agreement"].as_array().unwrap();
    let pair = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|p| p["raters"] == serde_json::json!([a, b]))
            .unwrap_or_else(|| panic!("{a} + {b}: {pairs:?}"))
    };
    assert_eq!(pairs.len(), 9);
    let expect: [(&str, &str, u64, u64, u64); 9] = [
        ("rater2", "rater7", 1, 16, 63),
        ("rater2", "rater4", 1, 23, 52),
        ("rater4", "rater7", 1, 15, 35),
        ("rater1", "rater3", 1, 4, 17),
        ("rater1", "rater2", 1, 5, 17),
        ("rater2", "rater3", 1, 4, 5),
        ("rater6", "rater8", 1, 21, 21),
        ("rater5", "rater6", 0, 0, 21),
        ("rater5", "rater8", 0, 0, 21),
    ];
    for (a, b, alike, both, either) in expect {
        let p = pair(a, b);
        assert_eq!(p["shared"], 1, "{p}");
        assert_eq!(p["alike"], alike, "{p}");
        assert_eq!(
            (p["chars_both"].clone(), p["chars_either"].clone()),
            (both.into(), either.into()),
            "{p}"
        );
        assert!(
            close(&p["span_overlap"], both as f64 / either as f64),
            "{p}"
        );
    }
}

/// The reviewer's marks on WMT segments: one more rater in every score, and
/// in `export --format mqm PATH` beside the raters' rows. Read back, the
/// export gives the same errors and the same scores.
#[test]
fn the_raters_and_the_reviewer_exported_as_mqm_read_back_with_the_same_errors_and_scores() {
    let dir = TempDir::new().unwrap();
    let path = fixture("general2023-zhen.tsv");
    let path_text = path.to_str().unwrap();
    let store = Store::load_with_locale(&[&path], "zh-en").unwrap();
    let notes_path = dir.path().join("sxs-notes.yaml");
    {
        let mut notes = Notes::open(&notes_path).unwrap();
        let doc = &store.docs[1];
        let seg = SegmentRef::new(doc, &doc.segments[0]);
        let start = seg.target.find("home").unwrap();
        let span = Span {
            side: Side::Target,
            start,
            end: start + 4,
            text: "home".into(),
        };
        let error = MqmError::new("accuracy/mistranslation", Severity::Major)
            .with_span(span)
            .with_comment("家机构 is 8 institutions: \"家\" counts them");
        notes.add_error(seg, "alice", error).unwrap();
        let omission = Span {
            side: Side::Source,
            start: 0,
            end: "家机构".len(),
            text: "家机构".into(),
        };
        let error = MqmError::new("accuracy/omission", Severity::Minor).with_span(omission);
        notes.add_error(seg, "alice", error).unwrap();
        let doc = &store.docs[2];
        notes
            .mark_ok(SegmentRef::new(doc, &doc.segments[0]), "alice")
            .unwrap();
    }
    let before = stats(dir.path(), &["--penalties", "wmt", path_text]);
    assert_score(&before["raters"]["alice"], (2, 2, 5.0 + 1.0));
    assert_score(&before["systems"]["ONLINE-M"], (4, 3, 27.0));

    let out = sxs_in(
        dir.path(),
        &[
            "export", "--format", "mqm", "--locale", "zh-en", path_text, "-o", "both.tsv",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = dir.path().join("both.tsv");
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(
        text.contains("\talice\t<v>家机构</v>的7只产品"),
        "the omission marked in the source: {text}"
    );
    assert!(text.contains("the <v>home</v> institution"), "{text}");

    // The same errors, segment by segment and rater by rater.
    let back = Store::load_with_locale(&[&exported], "zh-en").unwrap();
    assert!(
        back.all_warnings().next().is_none(),
        "{:?}",
        back.all_warnings().collect::<Vec<_>>()
    );
    assert_eq!(back.docs.len(), store.docs.len());
    for (was, now) in store.docs.iter().zip(&back.docs) {
        let texts = |d: &sxs::store::Document| -> Vec<(String, Option<String>, String)> {
            d.segments
                .iter()
                .map(|s| {
                    (
                        s.id().to_string(),
                        s.source().map(str::to_string),
                        s.target().to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(texts(now), texts(was));
        let judgments = |d: &sxs::store::Document| {
            d.ratings
                .iter()
                .map(|r| (r.segment, r.rater.clone(), r.kind.clone()))
                .collect::<Vec<_>>()
        };
        // The reviewer's rows are the ones the file did not have.
        let got: Vec<_> = judgments(now)
            .into_iter()
            .filter(|(_, rater, _)| rater != "alice")
            .collect();
        assert_eq!(got, judgments(was), "{}", was.path);
    }
    let alice: Vec<&RatingKind> = back
        .docs
        .iter()
        .flat_map(|d| &d.ratings)
        .filter(|r| r.rater == "alice")
        .map(|r| &r.kind)
        .collect();
    assert_eq!(alice.len(), 3);
    assert!(matches!(alice[2], RatingKind::NoError));
    let RatingKind::Error(first) = alice[0] else {
        panic!("{alice:?}")
    };
    assert_eq!(first.category, "Accuracy/Mistranslation");
    assert_eq!(first.severity, "Major");
    assert_eq!(
        first.comment,
        "家机构 is 8 institutions: \"家\" counts them"
    );
    assert_eq!(first.span.as_ref().map(|s| s.text.as_str()), Some("home"));
    let RatingKind::Error(second) = alice[1] else {
        panic!("{alice:?}")
    };
    assert_eq!(
        second.span.as_ref().map(|s| (s.side, s.text.as_str())),
        Some((Side::Source, "家机构"))
    );

    // The same scores: read back with no notes, the reviewer is a rater of the file.
    let after = stats(
        dir.path(),
        &["--penalties", "wmt", "--notes", "none.yaml", "both.tsv"],
    );
    for key in ["systems", "raters", "agreement"] {
        assert_eq!(after[key], before[key], "{key}");
    }
    let by_doc = |json: &Json, file: &str| -> Vec<(String, Json)> {
        json["documents"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.trim_start_matches(file).to_string(), v.clone()))
            .collect()
    };
    assert_eq!(by_doc(&after, "both.tsv"), by_doc(&before, path_text));
}

/// The raters' judgments of a WMT file are an export without a review: a
/// missing notes file is no error, as for `stats`, and is said when named.
#[test]
fn the_raters_alone_are_exported_without_a_notes_file() {
    let dir = TempDir::new().unwrap();
    let path = fixture("newstest2020-ende.tsv");
    let path_text = path.to_str().unwrap();
    for notes in [&[][..], &["--notes", "none.yaml"]] {
        let mut args = vec!["export", "--format", "mqm", path_text];
        args.extend(notes);
        let out = sxs_in(dir.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        let said = "none.yaml: no such notes file; the export holds the raters' judgments alone";
        assert_eq!(err.contains(said), !notes.is_empty(), "{args:?}: {err}");
        let rows = std::fs::read_to_string(&path).unwrap().lines().count();
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), rows);
    }
    // One that is there but cannot be read is still refused.
    std::fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    let out = sxs_in(
        dir.path(),
        &[
            "export",
            "--format",
            "mqm",
            path_text,
            "--notes",
            "folder.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("folder.yaml: is a folder"));
}

/// `export --format mqm` writes each row's `doc_id` as the WMT file gave
/// it (the segment's number in the whole document, not among the segments
/// the file holds), and the reviewer's row on a WMT segment takes the
/// segment's, whether the file is given or only named by the notes.
#[test]
fn mqm_export_keeps_the_doc_id_the_wmt_file_gave() {
    let dir = TempDir::new().unwrap();
    let path = fixture("newstest2020-ende.tsv");
    let path_text = path.to_str().unwrap();
    let columns = |text: &str| -> Vec<String> {
        let mut rows: Vec<String> = text
            .lines()
            .skip(1)
            .map(|row| row.split('\t').take(5).collect::<Vec<_>>().join("\t"))
            .collect();
        rows.sort();
        rows
    };
    let given = std::fs::read_to_string(&path).unwrap();
    let raters = sxs_in(dir.path(), &["export", "--format", "mqm", path_text]);
    assert_eq!(
        columns(&String::from_utf8_lossy(&raters.stdout)),
        columns(&given)
    );

    std::fs::write(
        dir.path().join("sxs-notes.yaml"),
        format!(
            "- file: {path_text}#Tohoku-AIP-NTT.890/upi.205721\n  id: '609'\n  verdict: ok\n  \
             target: t\n  reviewer: kim\n  time: 2026-01-02T03:04:05Z\n"
        ),
    )
    .unwrap();
    for args in [
        &["export", "--format", "mqm", path_text][..],
        &["export", "--format", "mqm"],
    ] {
        let out = sxs_in(dir.path(), args);
        let text = String::from_utf8_lossy(&out.stdout);
        let kim: Vec<&str> = text.lines().filter(|row| row.contains("\tkim\t")).collect();
        assert_eq!(kim.len(), 1, "{args:?}: {text}");
        assert!(
            kim[0].starts_with("Tohoku-AIP-NTT.890\tupi.205721\t7\t609\tkim\t"),
            "{args:?}: {}",
            kim[0]
        );
    }
}
