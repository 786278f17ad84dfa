//! The notes file as a reviewer lives it: marks saved, reloaded, edited by
//! hand, undone, and never lost or overwritten when they must not be.

#[allow(dead_code)] // the review test uses a part
mod pty;

use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::Value;
use sxs::mqm::{Severity, Side, Span};
use sxs::notes::score::{Penalties, review};
use sxs::notes::{Entry, MqmError, Notes, NotesError, SegmentRef, Verdict};
use sxs::store::{Document, Store};
use tempfile::TempDir;

fn notes_path(dir: &TempDir) -> PathBuf {
    dir.path().join("sxs-notes.yaml")
}

fn doc<'a>(store: &'a Store, locale: &str) -> &'a Document {
    store.docs.iter().find(|d| d.locale == locale).unwrap()
}

fn seg(doc: &Document, i: usize) -> SegmentRef<'_> {
    SegmentRef::new(doc, &doc.segments[i])
}

/// The notes file as any YAML reader sees it.
fn parsed(path: &Path) -> Vec<Value> {
    serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn ids(path: &Path) -> Vec<(String, String)> {
    parsed(path)
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const TRICKY: &str =
    "訳が違う: \"quoted\" and 'single', # not a comment\n- not a list\n\tタブ, emoji 😀, RTL שלום";

#[test]
fn marks_survive_a_reload_with_every_field_and_any_text() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let seg1 = seg(ja, 1);
    // The first two characters of the target, as a span.
    let end = seg1.target.char_indices().nth(2).unwrap().0;
    let span = Span {
        side: Side::Target,
        start: 0,
        end,
        text: seg1.target[..end].to_string(),
    };
    {
        let mut notes = Notes::open(&path).unwrap();
        assert!(!notes.is_read_only());
        let grammar = MqmError::new("fluency/grammar", Severity::Minor).with_comment(TRICKY);
        notes
            .add_error(seg1, "アリス", grammar.with_span(span.clone()))
            .unwrap();
        let whole = MqmError::new("style", Severity::Neutral);
        notes.add_error(seg1, "アリス", whole).unwrap();
        notes.set_comment(seg1, "アリス", TRICKY).unwrap();
        notes.add_seconds(seg1.file, seg1.id, 14.2).unwrap();
        let mut no_source = Entry::ok(seg(ja, 2), "bob");
        no_source.source = None;
        notes.mark(no_source).unwrap();
    }
    let notes = Notes::open(&path).unwrap();
    assert!(notes.warnings().is_empty(), "{:?}", notes.warnings());
    let bad = notes.get(&ja.path, ja.segments[1].id()).unwrap();
    assert_eq!(bad.verdict, Some(Verdict::Bad));
    assert_eq!(bad.comment, TRICKY);
    assert_eq!(bad.errors.len(), 2);
    let first = &bad.errors[0];
    assert_eq!(
        (
            first.category.as_str(),
            first.severity,
            first.comment.as_str()
        ),
        ("fluency/grammar", Severity::Minor, TRICKY)
    );
    assert_eq!(first.span.as_ref(), Some(&span));
    assert_eq!(
        (bad.errors[1].severity, bad.errors[1].span.as_ref()),
        (Severity::Neutral, None)
    );
    assert_eq!(bad.seconds, 14.2);
    assert_eq!(bad.reviewer, "アリス");
    assert_eq!(bad.locale, "ja-jp");
    assert_eq!(bad.target.as_deref(), Some(ja.segments[1].target()));
    assert_eq!(bad.source.as_deref(), ja.segments[1].source());
    assert!(
        humantime::parse_rfc3339(&bad.time).is_ok() && bad.time.ends_with('Z'),
        "{}",
        bad.time
    );
    let ok = notes.get(&ja.path, ja.segments[2].id()).unwrap();
    assert_eq!(
        (ok.verdict.clone(), ok.source.clone()),
        (Some(Verdict::Ok), None)
    );

    // Any YAML reader sees SPEC's keys, and no errors on an OK entry.
    let items = parsed(&path);
    let keys = |value: &Value| -> Vec<String> {
        value
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        keys(&items[0]),
        [
            "file", "locale", "id", "verdict", "errors", "comment", "source", "target", "reviewer",
            "time", "seconds"
        ]
    );
    assert_eq!(
        keys(&items[0]["errors"][0]),
        [
            "category", "severity", "side", "start", "end", "text", "comment"
        ]
    );
    assert_eq!(keys(&items[0]["errors"][1]), ["category", "severity"]);
    assert_eq!(items[0]["seconds"].as_f64(), Some(14.2));
    assert_eq!(items[0]["errors"][0]["end"].as_u64(), Some(end as u64));
    assert!(!keys(&items[1]).contains(&"errors".to_string()));
    assert!(items[1]["source"].is_null());
}

#[test]
fn entries_are_sorted_by_file_then_document_order() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let mut notes = Notes::open(&path).unwrap();
    notes.set_store_order(&store);
    let (ja, fr) = (doc(&store, "ja-jp"), doc(&store, "fr-fr"));
    for i in [7, 1, 10, 3] {
        notes.mark(Entry::ok(seg(ja, i), "r")).unwrap();
        notes.mark(Entry::ok(seg(fr, i), "r")).unwrap();
    }
    let mut files = [fr, ja];
    files.sort_by_key(|d| &d.path);
    let expected: Vec<(String, String)> = files
        .iter()
        .flat_map(|d| [1, 3, 7, 10].map(|i| (d.path.clone(), d.segments[i].id().to_string())))
        .collect();
    assert_eq!(ids(&path), expected);
}

#[test]
fn without_documents_ids_sort_by_their_number() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let mut notes = Notes::open(&path).unwrap();
    for id in ["x-100", "x-9", "x-20"] {
        let seg = SegmentRef {
            file: "a.md",
            locale: "de-de",
            id,
            source: Some("s"),
            target: "t",
        };
        notes.mark(Entry::ok(seg, "r")).unwrap();
    }
    let got: Vec<String> = ids(&path).into_iter().map(|(_, id)| id).collect();
    assert_eq!(got, ["x-9", "x-20", "x-100"]);
}

/// A hand-written notes file: an entry for a file that is not loaded (in an
/// order of its own), unknown keys, an unknown verdict, category and severity.
const HAND_WRITTEN: &str = r#"# written by hand
- file: elsewhere/de-de/b.md
  locale: de-de
  id: b-10
  verdict: ok
  comment: ''
  source: Ten
  target: Zehn
  reviewer: carol
  time: 2026-01-02T03:04:05Z
  ticket: {tracker: JIRA, number: 42}
- file: elsewhere/de-de/b.md
  locale: de-de
  id: b-2
  verdict: maybe
  source: Two
  target: Zwei
  reviewer: carol
  time: 2026-01-02T03:04:06Z
- file: elsewhere/de-de/b.md
  locale: de-de
  id: b-3
  verdict: bad
  category: made/up
  severity: blocker
  comment: |
    two
    lines
  source: Three
  target: Drei
  reviewer: carol
  time: 2026-01-02T03:04:07Z
"#;

#[test]
fn hand_edits_unknown_keys_and_values_are_kept_and_reported() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    fs::write(&path, HAND_WRITTEN).unwrap();
    let store = Store::samples();
    let mut notes = Notes::open(&path).unwrap();
    let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
    let expect = [
        "sxs-notes.yaml:12: elsewhere/de-de/b.md b-2: unknown verdict \"maybe\"",
        "sxs-notes.yaml:20: elsewhere/de-de/b.md b-3: `severity`: unknown severity \"blocker\"; \
         use neutral, minor, major or critical; a bad entry counts it as major; \
         the value is kept as written",
        "sxs-notes.yaml:20: elsewhere/de-de/b.md b-3: unknown category \"made/up\"",
    ];
    for (got, want) in warnings.iter().zip(expect) {
        assert!(got.ends_with(want) || got.contains(want), "{got}\n{want}");
    }
    assert_eq!(warnings.len(), expect.len(), "{warnings:?}");
    let maybe = notes.get("elsewhere/de-de/b.md", "b-2").unwrap();
    assert_eq!(maybe.verdict, Some(Verdict::Other("maybe".into())));

    notes.set_store_order(&store);
    let ja = doc(&store, "ja-jp");
    notes.mark(Entry::ok(seg(ja, 0), "r")).unwrap();

    // The file not loaded keeps its entries, their order and every value.
    let items = parsed(&path);
    let got: Vec<&str> = items.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(got, ["b-10", "b-2", "b-3", ja.segments[0].id()]);
    assert_eq!(items[0]["ticket"]["number"].as_i64(), Some(42));
    assert_eq!(items[0]["time"].as_str(), Some("2026-01-02T03:04:05Z"));
    assert_eq!(items[1]["verdict"].as_str(), Some("maybe"));
    assert_eq!(items[2]["severity"].as_str(), Some("blocker"));
    assert_eq!(items[2]["category"].as_str(), Some("made/up"));
    assert_eq!(items[2]["comment"].as_str(), Some("two\nlines\n"));
}

#[test]
fn an_entry_changed_or_removed_by_hand_is_taken_as_it_stands() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    {
        let mut notes = Notes::open(&path).unwrap();
        for i in 0..3 {
            notes
                .mark(Entry::bad(seg(ja, i), "r", "style", Severity::Major, "x"))
                .unwrap();
        }
    }
    // By hand: the first entry removed, the second's comment and its
    // error's severity changed.
    let mut items = parsed(&path);
    items.remove(0);
    items[0]["comment"] = Value::String("edited by hand".into());
    items[0]["errors"][0]["severity"] = Value::String("critical".into());
    fs::write(&path, serde_yaml::to_string(&items).unwrap()).unwrap();

    let notes = Notes::open(&path).unwrap();
    assert!(notes.warnings().is_empty(), "{:?}", notes.warnings());
    assert!(notes.get(&ja.path, ja.segments[0].id()).is_none());
    let edited = notes.get(&ja.path, ja.segments[1].id()).unwrap();
    assert_eq!(edited.comment, "edited by hand");
    assert_eq!(edited.errors[0].severity, Severity::Critical);
    assert_eq!(notes.len(), 2);
}

#[test]
fn hand_edits_made_while_sxs_runs_are_kept_by_its_next_save() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut notes = Notes::open(&path).unwrap();
    notes.set_store_order(&store);
    for i in 0..3 {
        notes.mark(Entry::ok(seg(ja, i), "r")).unwrap();
    }
    let mut items = parsed(&path);
    items.remove(0);
    items[0]["comment"] = Value::String("edited while sxs runs".into());
    fs::write(&path, serde_yaml::to_string(&items).unwrap()).unwrap();

    notes.mark(Entry::ok(seg(ja, 5), "r")).unwrap();
    let on_disk = parsed(&path);
    let got: Vec<&str> = on_disk.iter().map(|e| e["id"].as_str().unwrap()).collect();
    let want: Vec<&str> = [1, 2, 5].map(|i| ja.segments[i].id()).to_vec();
    assert_eq!(got, want);
    assert_eq!(
        on_disk[0]["comment"].as_str(),
        Some("edited while sxs runs")
    );

    // Broken by hand: the next change is refused and the file left as it is.
    let broken = "- file: [\n";
    fs::write(&path, broken).unwrap();
    let refused = notes.mark(Entry::ok(seg(ja, 6), "r")).unwrap_err();
    assert!(
        matches!(refused, NotesError::Invalid { line: Some(2), .. }),
        "{refused}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn invalid_yaml_is_reported_with_its_line_and_never_written_over() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let broken = format!("{HAND_WRITTEN}- file: a.md\n  id: x: y\n  verdict: ok\n");
    fs::write(&path, &broken).unwrap();
    let err = Notes::open(&path).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, NotesError::Invalid { line: Some(34), .. }),
        "{message}"
    );
    assert!(
        message.starts_with(&format!("{}:34: ", path.display())),
        "{message}"
    );
    assert!(message.ends_with("fix it or move it away"), "{message}");

    // The review goes on without marks, and nothing reaches the file.
    let mut stand_in = Notes::unavailable(&path, message);
    let store = Store::samples();
    let marked = stand_in.mark(Entry::ok(seg(&store.docs[0], 0), "r"));
    assert!(matches!(marked, Err(NotesError::ReadOnly { .. })));
    assert_eq!(fs::read(&path).unwrap(), broken.as_bytes());
}

#[test]
fn a_list_of_something_else_is_not_a_notes_file() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    for (text, line) in [
        ("file: a.md\nid: x\n", 1),
        ("- file: a.md\n  id: x\n  verdict: ok\n- just text\n", 4),
        ("- file: a.md\n  verdict: ok\n", 1),
    ] {
        fs::write(&path, text).unwrap();
        match Notes::open(&path) {
            Err(NotesError::Invalid { line: got, .. } | NotesError::BadEntry { line: got, .. }) => {
                assert_eq!(got, Some(line), "{text}")
            }
            other => panic!("{text}: {other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }
}

#[test]
fn a_second_notes_on_the_same_file_is_read_only_and_loses_nothing() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut first = Notes::open(&path).unwrap();
    first.mark(Entry::ok(seg(ja, 0), "first")).unwrap();

    let mut second = Notes::open(&path).unwrap();
    assert!(second.is_read_only());
    assert!(
        second.read_only_reason().unwrap().contains("another sxs"),
        "{:?}",
        second.read_only_reason()
    );
    assert_eq!(second.len(), 1);
    let before = fs::read(&path).unwrap();
    for refused in [
        second.mark(Entry::ok(seg(ja, 1), "second")),
        second.dismiss(seg(ja, 0), "length-ratio", "second"),
        second.clear(&ja.path, ja.segments[0].id()).map(drop),
        second.undo().map(drop),
    ] {
        let err = refused.unwrap_err();
        assert!(matches!(err, NotesError::ReadOnly { .. }));
        assert!(err.to_string().contains("not saved"), "{err}");
    }
    assert_eq!(fs::read(&path).unwrap(), before);

    first.mark(Entry::ok(seg(ja, 2), "first")).unwrap();
    drop(second);
    drop(first);
    let third = Notes::open(&path).unwrap();
    assert!(!third.is_read_only(), "the lock goes with its holder");
    assert_eq!(third.len(), 2);
    assert!(third.entries().all(|e| e.reviewer == "first"));
}

#[test]
fn undo_and_redo_walk_every_kind_of_change() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let (a, b) = (seg(ja, 0), seg(ja, 1));
    let mut notes = Notes::open(&path).unwrap();
    let verdict_on_disk = |id: &str| -> Option<String> {
        parsed(&path)
            .iter()
            .find(|e| e["id"].as_str() == Some(id))
            .map(|e| e["verdict"].as_str().unwrap_or("(none)").to_string())
    };

    notes.mark(Entry::ok(a, "r")).unwrap(); // 1 set
    notes
        .mark(Entry::bad(a, "r", "style", Severity::Minor, "change"))
        .unwrap(); // 2 change
    notes.dismiss(b, "length-ratio", "r").unwrap(); // 3 dismiss: an entry with no verdict
    assert_eq!(notes.get(b.file, b.id).unwrap().verdict, None);
    assert_eq!(verdict_on_disk(b.id).as_deref(), Some("(none)"));
    notes.clear(a.file, a.id).unwrap(); // 4 clear
    assert_eq!(verdict_on_disk(a.id), None);

    let here = Some((a.file.to_string(), a.id.to_string()));
    assert_eq!(notes.undo().unwrap(), here); // undo 4
    assert_eq!(verdict_on_disk(a.id).as_deref(), Some("bad"));
    assert_eq!(
        notes.undo().unwrap(),
        Some((b.file.to_string(), b.id.to_string()))
    ); // undo 3
    assert!(notes.get(b.file, b.id).is_none());
    assert_eq!(verdict_on_disk(b.id), None);
    assert_eq!(notes.undo().unwrap(), here); // undo 2
    assert_eq!(verdict_on_disk(a.id).as_deref(), Some("ok"));
    assert_eq!(notes.redo().unwrap(), here); // redo 2
    assert_eq!(verdict_on_disk(a.id).as_deref(), Some("bad"));
    assert_eq!(notes.get(a.file, a.id).unwrap().errors[0].comment, "change");

    // A new change ends what can be redone.
    notes.mark(Entry::ok(seg(ja, 5), "r")).unwrap();
    assert_eq!(notes.redo().unwrap(), None);
    for _ in 0..3 {
        assert!(notes.undo().unwrap().is_some());
    }
    assert_eq!(notes.undo().unwrap(), None);
    assert!(notes.is_empty());
    // An empty notes file still reads as an empty list.
    assert!(parsed(&path).is_empty());
    assert!(Notes::open(&path).is_ok());
}

#[test]
fn dismissals_add_to_an_entry_and_survive_a_new_mark() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let a = seg(doc(&store, "ko-kr"), 3);
    let mut notes = Notes::open(&path).unwrap();
    notes
        .mark(Entry::bad(a, "r", "terminology", Severity::Critical, ""))
        .unwrap();
    notes.dismiss(a, "length-ratio", "r").unwrap();
    notes.dismiss(a, "number-mismatch", "r").unwrap();
    notes.dismiss(a, "length-ratio", "r").unwrap();
    notes.mark(Entry::ok(a, "r")).unwrap();
    let entry = &parsed(&path)[0];
    assert_eq!(entry["verdict"].as_str(), Some("ok"));
    assert_eq!(
        serde_yaml::from_value::<Vec<String>>(entry["dismissed"].clone()).unwrap(),
        ["length-ratio", "number-mismatch"]
    );
}

#[test]
fn a_changed_target_makes_the_entry_stale_and_stats_count_it_apart() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut notes = Notes::open(&path).unwrap();
    notes
        .mark(Entry::bad(seg(ja, 0), "r", "style", Severity::Major, ""))
        .unwrap();
    notes
        .mark(Entry::bad(seg(ja, 1), "r", "style", Severity::Critical, ""))
        .unwrap();
    let mut changed = store.clone();
    let ja_index = changed
        .docs
        .iter()
        .position(|d| d.locale == "ja-jp")
        .unwrap();
    let seg = &mut changed.docs[ja_index].segments[1];
    *seg = seg.with_target(&format!("{}（修正）", seg.target()));

    let entry = notes.get(&ja.path, ja.segments[1].id()).unwrap();
    assert!(entry.is_stale(changed.docs[ja_index].segments[1].target()));
    assert!(!entry.is_stale(ja.segments[1].target()));

    let progress = &review(&changed, notes.entries(), Penalties::default()).locales["ja-jp"];
    assert_eq!((progress.reviewed, progress.stale), (1, 1));
    assert_eq!(
        (
            progress.bad.major,
            progress.bad.critical,
            progress.penalty_points
        ),
        (1, 0, 5.0)
    );
}

#[test]
fn saving_over_a_symbolic_link_writes_the_file_it_points_to() {
    let dir = TempDir::new().unwrap();
    let real = dir.path().join("real.yaml");
    fs::write(&real, "[]\n").unwrap();
    let link = dir.path().join("sxs-notes.yaml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let store = Store::samples();
    let mut notes = Notes::open(&link).unwrap();
    notes.mark(Entry::ok(seg(&store.docs[0], 0), "r")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(parsed(&real).len(), 1);
}

/// A notes file with one entry for the first ja-jp segment (`line`, the key
/// lines after `locale`, as given), and the store's first ja-jp segment.
fn one_entry(dir: &TempDir, keys: &str) -> (PathBuf, String) {
    let path = notes_path(dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let text = format!(
        "- file: {}\n  locale: ja-jp\n  id: {}\n{keys}",
        ja.path,
        ja.segments[0].id()
    );
    fs::write(&path, &text).unwrap();
    (path, text)
}

#[test]
fn values_of_another_type_or_with_a_tag_are_written_back_as_written() {
    let dir = TempDir::new().unwrap();
    let keys = "  verdict: bad\n  category: [style, terminology]\n  severity: !!str minor\n  \
                comment: {a: 1}\n  source: !!binary aGVsbG8=\n  target: 42\n  reviewer: true\n  \
                time: 20260102\n  ticket: !jira {n: 42}\n";
    let (path, text) = one_entry(&dir, keys);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut notes = Notes::open(&path).unwrap();
    let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
    for key in ["category", "comment"] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(&format!("`{key}`")) && w.contains("kept as written")),
            "{key}: {warnings:?}"
        );
    }
    let entry = notes.get(&ja.path, ja.segments[0].id()).unwrap();
    assert_eq!(
        (
            entry.target.as_deref().unwrap_or(""),
            entry.reviewer.as_str()
        ),
        ("42", "true")
    );
    // Another mark saves the file: the hand-edited entry stays byte for byte.
    notes.mark(Entry::ok(seg(ja, 1), "r")).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with(&text), "{saved}");
    // A change of its own by the reviewer writes sxs's values, and keeps
    // the key it does not know.
    let mut dismissed = notes.get(&ja.path, ja.segments[0].id()).unwrap().clone();
    dismissed.comment = "now readable".into();
    notes.mark(dismissed).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("  comment: \"now readable\"\n"), "{saved}");
    assert!(saved.contains("  source: !!binary aGVsbG8=\n"), "{saved}");
    assert!(saved.contains("  ticket: !jira {n: 42}\n"), "{saved}");
}

#[test]
fn undo_and_redo_take_back_only_the_reviewers_own_changes() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let (a, b) = (seg(ja, 0), seg(ja, 1));
    let mut notes = Notes::open(&path).unwrap();
    notes.mark(Entry::ok(a, "r")).unwrap();
    notes
        .mark(Entry::bad(b, "r", "style", Severity::Minor, "mine"))
        .unwrap();
    // By hand: b's comment edited, a removed.
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace("comment: mine", "comment: edited by hand");
    let b_start = edited.find(&format!(
        "- file: {}\n  locale: ja-jp\n  id: {}",
        b.file, b.id
    ));
    let edited = edited[b_start.unwrap()..].to_string();
    fs::write(&path, &edited).unwrap();

    for _ in 0..2 {
        let refused = notes.undo().unwrap_err();
        assert!(
            matches!(refused, NotesError::ChangedOutside { .. }),
            "{refused}"
        );
        assert!(
            refused.to_string().contains("changed outside sxs"),
            "{refused}"
        );
    }
    assert_eq!(notes.undo().unwrap(), None);
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    assert!(notes.get(a.file, a.id).is_none());

    // An undo of the reviewer's own change keeps a hand edit elsewhere.
    notes.mark(Entry::ok(seg(ja, 3), "r")).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("edited by hand", "edited again")).unwrap();
    assert!(notes.undo().unwrap().is_some());
    assert!(notes.get(ja.path.as_str(), ja.segments[3].id()).is_none());
    assert_eq!(
        notes.get(b.file, b.id).unwrap().errors[0].comment,
        "edited again"
    );
    assert!(fs::read_to_string(&path).unwrap().contains("edited again"));

    // Redo, the same: a mark undone, then the entry added again by hand.
    notes.mark(Entry::ok(seg(ja, 2), "r")).unwrap();
    notes.undo().unwrap();
    let by_hand = format!(
        "{}- file: {}\n  locale: ja-jp\n  id: {}\n  verdict: bad\n  comment: by hand\n",
        fs::read_to_string(&path).unwrap(),
        ja.path,
        ja.segments[2].id()
    );
    fs::write(&path, &by_hand).unwrap();
    assert!(matches!(
        notes.redo(),
        Err(NotesError::ChangedOutside { .. })
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), by_hand);
}

#[test]
fn duplicate_entries_for_one_segment_are_all_kept_and_reported() {
    let dir = TempDir::new().unwrap();
    let entry = "  verdict: bad\n  category: style\n  severity: minor\n  comment: first copy\n";
    let (path, first) = one_entry(&dir, entry);
    let second = first.replace("first copy", "second copy");
    fs::write(&path, format!("{first}{second}")).unwrap();
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut notes = Notes::open(&path).unwrap();
    let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains(":8: ") && w.contains("more than one entry")),
        "{warnings:?}"
    );
    let (file, id) = (&ja.path, &ja.segments[0].id());
    assert_eq!(
        notes.get(file, id).unwrap().errors[0].comment,
        "second copy"
    );
    notes
        .mark(Entry::bad(
            seg(ja, 0),
            "r",
            "style",
            Severity::Major,
            "re-marked",
        ))
        .unwrap();
    // The mark replaces the entry that counts; the earlier one stays.
    let saved = fs::read_to_string(&path).unwrap();
    // The earlier layout's comment at the top; the new entry's in its error.
    let comments: Vec<String> = parsed(&path)
        .iter()
        .map(|e| match e["errors"][0]["comment"].as_str() {
            Some(comment) => comment.to_string(),
            None => e["comment"].as_str().unwrap().to_string(),
        })
        .collect();
    assert_eq!(comments, ["first copy", "re-marked"], "{saved}");
    let removed = notes.clear(file, id).unwrap_err();
    assert!(
        matches!(removed, NotesError::Duplicated { .. }),
        "{removed}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), saved);
}

#[test]
fn entries_no_change_touches_are_written_back_byte_for_byte_comments_and_all() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    // A header comment, and an entry for a file not open, in a hand's layout.
    let other = "# review of batch 7, see the tracker\n\
                 - id: zz-1   # keys in another order\n  file: other/zz.md\n  verdict: ok\n  \
                 locale: de-de\n  seconds: 5\n  source: S\n  target: T\n  reviewer: kim\n  \
                 time: 2026-01-02T03:04:05Z\n\n";
    fs::write(&path, other).unwrap();
    let mut notes = Notes::open(&path).unwrap();
    notes.set_store_order(&store);
    notes.mark(Entry::ok(seg(ja, 1), "r")).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with("# review of batch 7"), "{saved}");
    assert!(
        saved.contains(&other["# review of batch 7, see the tracker\n".len()..]),
        "{saved}"
    );
    assert_eq!(parsed(&path).len(), 2);
    // Undone, the file is as it was.
    notes.undo().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), other);
}

#[test]
fn a_byte_order_mark_is_read_past_and_kept() {
    let dir = TempDir::new().unwrap();
    let (path, text) = one_entry(&dir, "  verdict: ok\n  ticket: {n: 1}\n");
    // As a Windows editor saves it: a byte-order mark, and CRLF line ends.
    fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut notes = Notes::open(&path).unwrap();
    assert_eq!(notes.len(), 1);
    notes.mark(Entry::ok(seg(ja, 1), "r")).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with("\u{feff}- file: "), "{saved:?}");
    assert!(saved.contains("  ticket: {n: 1}\n"), "{saved:?}");
    assert_eq!(Notes::open(&path).unwrap().len(), 2);
}

#[test]
fn a_verdict_of_the_wrong_type_is_named_as_such() {
    let dir = TempDir::new().unwrap();
    let (path, _) = one_entry(&dir, "  verdict: [1, 2]\n");
    let err = Notes::open(&path).unwrap_err().to_string();
    assert!(
        err.contains("sxs-notes.yaml:1: entry 1: `verdict` must be text, not a list"),
        "{err}"
    );
}

#[test]
fn deeply_nested_yaml_is_refused_at_once_with_its_line() {
    let dir = TempDir::new().unwrap();
    let (path, _) = one_entry(
        &dir,
        &format!("  verdict: ok\n  x: {}\n", "[".repeat(30_000)),
    );
    let err = Notes::open(&path).unwrap_err();
    assert!(
        matches!(err, NotesError::Invalid { line: Some(5), .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("nested more than 100 levels"),
        "{err}"
    );
}

#[test]
fn a_waiting_second_instance_saves_once_the_first_has_quit() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut first = Notes::open(&path).unwrap();
    let mut second = Notes::open(&path).unwrap();
    assert!(second.read_only_reason().unwrap().contains("another sxs"));
    first.mark(Entry::ok(seg(ja, 0), "first")).unwrap();
    assert!(second.mark(Entry::ok(seg(ja, 1), "second")).is_err());
    assert!(!second.try_writing());
    drop(first);
    second.mark(Entry::ok(seg(ja, 1), "second")).unwrap();
    assert_eq!(second.read_only_reason(), None);
    // What the first saved is kept.
    assert_eq!(Notes::read(&path).unwrap().len(), 2);
}

#[test]
fn a_dangling_link_as_the_notes_path_creates_the_file_it_names() {
    let dir = TempDir::new().unwrap();
    let link = dir.path().join("sxs-notes.yaml");
    std::os::unix::fs::symlink("real/notes.yaml", &link).unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let store = Store::samples();
    let mut notes = Notes::open(&link).unwrap();
    notes.mark(Entry::ok(seg(&store.docs[0], 0), "r")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(parsed(&dir.path().join("real/notes.yaml")).len(), 1);
}

#[test]
fn the_review_saves_once_the_other_instance_quits_and_refuses_a_folder() {
    let dir = TempDir::new().unwrap();
    let mut first = pty::Tty::spawn(&[], (100, 30), dir.path(), &[]);
    first.wait_for_text("en-us");
    let mut second = pty::Tty::spawn(&[], (100, 30), dir.path(), &[]);
    second.wait_for_text("another sxs is writing");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    second.send("a");
    second.wait_for("saved, writable", |s| {
        s.contents().contains("✓ saved") && !s.contents().contains("READ-ONLY")
    });
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(Notes::read(&notes_path(&dir)).unwrap().len(), 1);

    fs::create_dir(dir.path().join("folder")).unwrap();
    let mut refused = pty::Tty::spawn(&["--notes", "folder"], (100, 30), dir.path(), &[]);
    refused.wait_for_text("folder: is a folder");
    assert_eq!(refused.wait_exit(), 2);
}

/// A notes file as sxs wrote it before errors were a list: a bad entry
/// with its category, severity and comment at the top, one hand-edited
/// with a value sxs cannot read and a key it does not know, and an ok one.
fn earlier_layout(ja: &Document) -> String {
    let entry = |i: usize, keys: &str| {
        format!(
            "- file: {}\n  locale: ja-jp\n  id: {}\n{keys}  source: {:?}\n  target: {:?}\n  \
             reviewer: alice\n  time: 2026-01-02T03:04:05Z\n",
            ja.path,
            ja.segments[i].id(),
            ja.segments[i].source().unwrap(),
            ja.segments[i].target(),
        )
    };
    [
        entry(
            0,
            "  verdict: bad\n  category: accuracy/omission\n  severity: critical\n  comment: \"a clause is lost\"\n",
        ),
        entry(
            1,
            "  verdict: bad\n  category: style\n  severity: blocker\n  comment: |\n    two\n    lines\n  ticket: 42\n",
        ),
        entry(2, "  verdict: ok\n  comment: fine\n  dismissed: [length-ratio]\n"),
    ]
    .concat()
}

#[test]
fn an_earlier_layout_loads_shows_the_same_and_is_migrated_at_its_next_change_with_nothing_lost() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let text = earlier_layout(ja);
    fs::write(&path, &text).unwrap();

    let mut notes = Notes::open(&path).unwrap();
    notes.set_store_order(&store);
    let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("`severity`: unknown severity \"blocker\""),
        "{warnings:?}"
    );
    let get = |notes: &Notes, i: usize| notes.get(&ja.path, ja.segments[i].id()).unwrap().clone();
    let omission = get(&notes, 0);
    assert_eq!(
        omission.errors,
        [MqmError::new("accuracy/omission", Severity::Critical).with_comment("a clause is lost")]
    );
    assert_eq!(omission.comment, "", "the comment was the error's");
    let style = get(&notes, 1);
    assert_eq!(style.errors[0].category, "style");
    assert_eq!(style.errors[0].comment, "two\nlines\n");
    // Scored as before: the unreadable severity counts as the default, major.
    let progress = &review(&store, notes.entries(), Penalties::default()).locales["ja-jp"];
    assert_eq!(
        (progress.reviewed, progress.ok, progress.penalty_points),
        (3, 1, 15.0)
    );

    // A change elsewhere writes these entries back in the layout they were
    // in (their values in sxs's quoting).
    notes.mark(Entry::ok(seg(ja, 5), "bob")).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    let items = parsed(&path);
    for (item, (category, severity, comment)) in items.iter().zip([
        ("accuracy/omission", "critical", "a clause is lost"),
        ("style", "blocker", "two\nlines\n"),
    ]) {
        assert!(item.get("errors").is_none(), "{saved}");
        assert_eq!(
            (&item["category"], &item["severity"], &item["comment"]),
            (&category.into(), &severity.into(), &comment.into())
        );
    }
    assert_eq!(items[1]["ticket"], 42);

    // A change of its own writes the entry in the current layout; the
    // error, its comment and the hand edits come along.
    let added = MqmError::new("fluency/spelling", Severity::Minor);
    notes.add_error(seg(ja, 1), "bob", added).unwrap();
    notes
        .set_comment(seg(ja, 0), "bob", "the gist is there")
        .unwrap();
    let items = parsed(&path);
    assert!(items[0].get("category").is_none(), "{:?}", items[0]);
    assert_eq!(items[0]["errors"][0]["category"], "accuracy/omission");
    assert_eq!(items[0]["errors"][0]["severity"], "critical");
    assert_eq!(items[0]["errors"][0]["comment"], "a clause is lost");
    assert_eq!(items[0]["comment"], "the gist is there");
    assert_eq!(items[1]["errors"][0]["category"], "style");
    assert_eq!(items[1]["errors"][0]["comment"], "two\nlines\n");
    assert_eq!(items[1]["errors"][1]["category"], "fluency/spelling");
    assert_eq!(items[1]["ticket"], 42);
    // The severity sxs could not read is still in the file, beside the
    // error that counted it as major.
    assert_eq!(items[1]["severity"], "blocker");
    assert_eq!(items[1]["errors"][0]["severity"], "major");
    assert_eq!(items[2]["comment"], "fine");
    assert_eq!(items[2]["dismissed"][0], "length-ratio");
    assert!(items[2].get("errors").is_none());

    // Reloaded: the same errors, and each step undoes back to the earlier layout.
    let reloaded = Notes::read(&path).unwrap();
    assert_eq!(get(&reloaded, 0).errors, omission.errors);
    notes.undo().unwrap();
    notes.undo().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), saved);
}

#[test]
fn errors_are_added_edited_and_deleted_one_undoable_step_each() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let a = seg(ja, 3);
    let mut notes = Notes::open(&path).unwrap();
    let errors = |notes: &Notes| -> Vec<(String, Severity, String)> {
        notes.get(a.file, a.id).map_or(Vec::new(), |e| {
            e.errors
                .iter()
                .map(|x| (x.category.clone(), x.severity, x.comment.clone()))
                .collect()
        })
    };
    let one = |c: &str, s: Severity, m: &str| (c.to_string(), s, m.to_string());

    notes
        .add_error(a, "r", MqmError::new("terminology", Severity::Minor))
        .unwrap();
    notes
        .add_error(a, "r", MqmError::new("fluency/grammar", Severity::Major))
        .unwrap();
    assert_eq!(notes.get(a.file, a.id).unwrap().verdict, Some(Verdict::Bad));
    notes
        .edit_error(a, "r", 0, ("style", Severity::Neutral, "a preference"))
        .unwrap();
    notes.delete_error(a, "r", 1).unwrap();
    assert_eq!(
        errors(&notes),
        [one("style", Severity::Neutral, "a preference")]
    );
    let none = notes.delete_error(a, "r", 5).unwrap_err();
    assert!(
        matches!(none, NotesError::Refused { .. }) && none.to_string().contains("no error 6"),
        "{none}"
    );
    // The last error gone, nothing else said: no entry left.
    notes.delete_error(a, "r", 0).unwrap();
    assert!(notes.get(a.file, a.id).is_none());

    for expect in [
        vec![one("style", Severity::Neutral, "a preference")],
        vec![
            one("style", Severity::Neutral, "a preference"),
            one("fluency/grammar", Severity::Major, ""),
        ],
        vec![
            one("terminology", Severity::Minor, ""),
            one("fluency/grammar", Severity::Major, ""),
        ],
        vec![one("terminology", Severity::Minor, "")],
        vec![],
    ] {
        notes.undo().unwrap();
        assert_eq!(errors(&notes), expect);
    }
    assert_eq!(notes.undo().unwrap(), None);
}

#[test]
fn marking_ok_removes_the_errors_keeps_the_comment_and_undo_brings_them_back() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let a = seg(doc(&store, "ja-jp"), 4);
    let mut notes = Notes::open(&path).unwrap();
    notes
        .add_error(a, "r", MqmError::new("terminology", Severity::Minor))
        .unwrap();
    notes.set_comment(a, "r", "see the glossary").unwrap();
    // What the screen asks about before it wipes them.
    assert_eq!(notes.get(a.file, a.id).unwrap().counted_errors().len(), 1);
    notes.mark_ok(a, "r").unwrap();
    let ok = notes.get(a.file, a.id).unwrap();
    assert_eq!(
        (ok.verdict.clone(), ok.errors.len(), ok.comment.as_str()),
        (Some(Verdict::Ok), 0, "see the glossary")
    );
    assert!(parsed(&path)[0].get("errors").is_none());
    notes.undo().unwrap();
    assert_eq!(notes.get(a.file, a.id).unwrap().errors.len(), 1);
}

#[test]
fn a_dismissal_alone_has_no_verdict_and_is_not_a_review() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let mut notes = Notes::open(&path).unwrap();
    notes.dismiss(seg(ja, 0), "length-ratio", "r").unwrap();
    let items = parsed(&path);
    assert!(items[0].get("verdict").is_none(), "{:?}", items[0]);
    assert_eq!(items[0]["dismissed"][0], "length-ratio");
    let read = Notes::read(&path).unwrap();
    let entry = read.get(&ja.path, ja.segments[0].id()).unwrap();
    assert_eq!((entry.verdict.clone(), entry.is_reviewed()), (None, false));
    let progress = &review(&store, read.entries(), Penalties::default()).locales["ja-jp"];
    assert_eq!((progress.reviewed, progress.ok, progress.stale), (0, 0, 0));
    // A verdict later keeps the dismissal.
    notes.mark_ok(seg(ja, 0), "r").unwrap();
    let entry = notes.get(&ja.path, ja.segments[0].id()).unwrap();
    assert_eq!(entry.verdict, Some(Verdict::Ok));
    assert_eq!(entry.dismissed, ["length-ratio"]);
}

#[test]
fn seconds_on_screen_add_up_and_undo_neither_takes_them_back_nor_stops_at_them() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let a = seg(ja, 0);
    let mut notes = Notes::open(&path).unwrap();
    assert!(
        !notes.add_seconds(a.file, a.id, 3.0).unwrap(),
        "no entry yet"
    );
    assert!(notes.is_empty());
    notes.mark_ok(a, "r").unwrap();
    assert!(notes.add_seconds(a.file, a.id, 2.5004).unwrap());
    assert!(notes.add_seconds(a.file, a.id, 1.25).unwrap());
    assert_eq!(parsed(&path)[0]["seconds"].as_f64(), Some(3.75));
    notes
        .add_error(a, "r", MqmError::new("style", Severity::Minor))
        .unwrap();
    notes.add_seconds(a.file, a.id, 1.0).unwrap();
    // Undo takes back the error, not the time.
    notes.undo().unwrap();
    let entry = notes.get(a.file, a.id).unwrap();
    assert_eq!(
        (entry.verdict.clone(), entry.seconds),
        (Some(Verdict::Ok), 4.75)
    );
    assert_eq!(
        Notes::read(&path)
            .unwrap()
            .entries()
            .next()
            .unwrap()
            .seconds,
        4.75
    );
}

#[test]
fn spans_are_checked_when_added_and_follow_their_text_when_it_moves() {
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let a = seg(ja, 1);
    let mut notes = Notes::open(&path).unwrap();
    let chars: Vec<(usize, char)> = a.target.char_indices().collect();
    let (start, end) = (chars[3].0, chars[5].0);
    let span = Span {
        side: Side::Target,
        start,
        end,
        text: a.target[start..end].to_string(),
    };
    // A span that does not match its text, or cuts a character, is refused.
    for wrong in [
        Span {
            text: "x".into(),
            ..span.clone()
        },
        Span {
            start: start + 1,
            ..span.clone()
        },
    ] {
        let refused = notes
            .add_error(
                a,
                "r",
                MqmError::new("style", Severity::Minor).with_span(wrong),
            )
            .unwrap_err();
        assert!(matches!(refused, NotesError::Refused { .. }), "{refused}");
    }
    // A source-side span on a target with no source partner is refused.
    let no_source = SegmentRef { source: None, ..a };
    let omission = Span {
        side: Side::Source,
        start: 0,
        end: 1,
        text: "x".into(),
    };
    let refused = notes
        .add_error(
            no_source,
            "r",
            MqmError::new("accuracy/omission", Severity::Major).with_span(omission),
        )
        .unwrap_err();
    assert!(refused.to_string().contains("has none"), "{refused}");
    assert!(notes.is_empty(), "nothing saved");

    notes
        .add_error(
            a,
            "r",
            MqmError::new("style", Severity::Minor).with_span(span.clone()),
        )
        .unwrap();
    // The target changes before the span: the next error moves it to where
    // its text stands now.
    let changed = format!("（注）{}", a.target);
    let now = SegmentRef {
        target: &changed,
        ..a
    };
    assert!(notes.get(a.file, a.id).unwrap().is_stale(now.target));
    notes
        .add_error(now, "r", MqmError::new("terminology", Severity::Minor))
        .unwrap();
    let entry = notes.get(a.file, a.id).unwrap();
    let moved = entry.errors[0].span.as_ref().unwrap();
    let shift = "（注）".len();
    assert_eq!(
        (moved.start, moved.end, moved.text.as_str()),
        (start + shift, end + shift, span.text.as_str())
    );
    assert!(!entry.is_stale(now.target));
}

#[test]
fn an_error_whose_severity_or_category_cannot_be_read_says_what_it_counts_as() {
    let dir = TempDir::new().unwrap();
    let keys = "  verdict: bad\n  errors:\n    - category: fluency/spelling\n      \
                severity: huge\n    - category: [style]\n      severity: minor\n";
    let (path, _) = one_entry(&dir, keys);
    let notes = Notes::open(&path).unwrap();
    let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
    for want in [
        "error 1: `severity`: unknown severity \"huge\"; use neutral, minor, major or critical; \
         counted as major; the value is kept as written",
        "error 2: `category`: expected text, found a list; counted as accuracy/mistranslation; \
         the value is kept as written",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(want)),
            "{want}\n{warnings:#?}"
        );
    }
    // Counted as the warnings say: in scores and in what is exported.
    let entry = notes.entries().next().unwrap();
    let counted: Vec<(&str, Severity)> = (entry.errors.iter())
        .map(|e| (e.category.as_str(), e.severity))
        .collect();
    assert_eq!(
        counted,
        [
            ("fluency/spelling", Severity::Major),
            ("accuracy/mistranslation", Severity::Minor)
        ]
    );
}

#[test]
fn hand_written_spans_that_do_not_fit_are_warned_about_by_line_kept_and_shown_stale() {
    let dir = TempDir::new().unwrap();
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let target = &ja.segments[0].target();
    let keys = format!(
        "  verdict: bad\n  errors:\n    - category: style\n      severity: minor\n      \
         side: target\n      start: 9000\n      end: 9003\n      text: 存在しない\n    \
         - category: style\n      severity: minor\n      side: target\n      start: 1\n      \
         end: 2\n      text: \"\"\n    - category: terminology\n      severity: minor\n      \
         start: 0\n      end: 3\n      text: zzz\n    - category: style\n      \
         severity: minor\n      side: sideways\n      start: 0\n      end: 3\n  \
         target: {target:?}\n"
    );
    let (path, text) = one_entry(&dir, &keys);
    let mut notes = Notes::open(&path).unwrap();
    let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
    let expect = [
        (
            "sxs-notes.yaml:6:",
            "error 1: span: end 9003 is past the end",
        ),
        ("sxs-notes.yaml:12:", "error 2: span: 1..2 cuts a character"),
        ("sxs-notes.yaml:18:", "error 3: span: the target has"),
        (
            "sxs-notes.yaml:23:",
            "error 4: `side`: expected target or source, found sideways",
        ),
    ];
    assert_eq!(warnings.len(), expect.len(), "{warnings:#?}");
    for (line, message) in expect {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(line) && w.contains(message)),
            "{line} {message}: {warnings:#?}"
        );
    }
    let entry = notes.get(&ja.path, ja.segments[0].id()).unwrap().clone();
    assert_eq!(entry.errors.len(), 4);
    // Not found by their text: stale, never panicking on their offsets.
    for error in &entry.errors[..3] {
        let span = error.span.as_ref().unwrap();
        assert_eq!(span.locate(target), sxs::mqm::Placement::Stale, "{span:?}");
    }
    assert_eq!(
        entry.errors[3].span, None,
        "kept as written, counted on the segment"
    );
    // Another mark saves the file: the entry no change touched stays as
    // written, byte for byte.
    notes.mark(Entry::ok(seg(ja, 1), "r")).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with(&text), "{saved}");
}

#[test]
fn non_translation_is_a_category_sxs_knows_though_not_mqm_core() {
    // SPEC's `--penalties wmt` weighs it; reading it is no cause to warn.
    let dir = TempDir::new().unwrap();
    let path = notes_path(&dir);
    fs::write(
        &path,
        "- file: de-de/a.md\n  locale: de-de\n  id: a-1\n  verdict: bad\n  errors:\n    \
         - category: non-translation\n      severity: major\n  source: S\n  target: T\n  \
         reviewer: kim\n  time: 2026-01-02T03:04:05Z\n- file: de-de/a.md\n  locale: de-de\n  \
         id: a-2\n  verdict: bad\n  category: non-translation\n  severity: major\n  source: S\n  \
         target: T\n  reviewer: kim\n  time: 2026-01-02T03:04:05Z\n",
    )
    .unwrap();
    let notes = Notes::open(&path).unwrap();
    let warnings: Vec<String> = notes.warnings().iter().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// An entry written by hand with no `source` or `target` records no text it
/// was judged on: it counts as it says, is never stale, and a save that only
/// adds time writes no texts into it; the next judgment records them.
#[test]
fn a_hand_written_entry_without_texts_counts_and_gains_no_false_texts() {
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let (first, second) = (seg(ja, 1), seg(ja, 2));
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let hand = |s: &SegmentRef, verdict: &str, more: &str| {
        format!(
            "- file: {}\n  id: {}\n  verdict: {verdict}\n{more}",
            s.file, s.id
        )
    };
    let span = "  errors:\n    - category: fluency/grammar\n      severity: minor\n      \
                side: target\n      start: 0\n      end: 3\n      text: x\n";
    fs::write(&path, hand(&first, "ok", "") + &hand(&second, "bad", span)).unwrap();
    let mut notes = Notes::open(&path).unwrap();
    assert!(notes.warnings().is_empty(), "{:?}", notes.warnings());
    for s in [&first, &second] {
        let entry = notes.get(s.file, s.id).unwrap();
        assert!(!entry.is_stale(s.target), "{}", s.id);
    }
    notes.add_seconds(first.file, first.id, 3.0).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("source:") && !text.contains("target:"),
        "{text}"
    );
    notes.mark_ok(first, "kim").unwrap();
    let saved = parsed(&path);
    assert_eq!(saved[0]["target"].as_str(), Some(first.target));
    assert_eq!(saved[0]["source"].as_str(), first.source);
    assert!(saved[1].get("target").is_none(), "{:?}", saved[1]);
}

/// README: "a running sxs takes your edits in before its next save" — also
/// the edit that makes an invalid notes file valid again: the review that
/// opened read-only because of it can mark once it is fixed.
#[test]
fn a_notes_file_fixed_while_sxs_runs_takes_marks_again() {
    let store = Store::samples();
    let ja = doc(&store, "ja-jp");
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let kept = format!(
        "- file: {}\n  id: {}\n  verdict: ok\n",
        ja.path,
        ja.segments[0].id()
    );
    fs::write(&path, format!("{kept}- file: \"unclosed\n")).unwrap();
    let reason = Notes::open(&path).unwrap_err().to_string();
    let mut notes = Notes::unavailable(&path, reason);
    notes.set_store_order(&store);
    assert!(matches!(
        notes.mark_ok(seg(ja, 1), "kim"),
        Err(NotesError::ReadOnly { .. })
    ));
    fs::write(&path, &kept).unwrap();
    notes.mark_ok(seg(ja, 1), "kim").unwrap();
    assert!(!notes.is_read_only());
    let ids: Vec<String> = ids(&path).into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, [ja.segments[0].id(), ja.segments[1].id()]);
}
