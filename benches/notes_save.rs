//! Keypress to durable mark: the latency of `Notes::mark` and of
//! `Notes::add_error` (entry replaced, whole notes file written, flushed and
//! renamed, folder flushed) with 10,000 entries in the notes file, and of
//! the review screen's `a` and `x` `Enter` keys, and of the `Enter` that
//! marks a span selected with `v` `l` `l` `l` `x`. Run:
//! `cargo bench --bench notes_save`. `SXS_BENCH_DIR` picks the folder
//! (default: the system's temporary folder).

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_yaml::{Mapping, Value};
use sxs::mqm::Severity;
use sxs::notes::{Entry, MqmError, Notes, SegmentRef, write_to};
use sxs::store::Store;
use sxs::text::WidthMode;
use sxs::tui::action::Action;
use sxs::tui::app::{App, Options};
use sxs::tui::keymap::Keymaps;
use sxs::tui::theme::Theme;

const ENTRIES: usize = 10_000;
const SAVES: usize = 300;

fn main() {
    let dir = match std::env::var_os("SXS_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(dir),
        None => tempfile::tempdir(),
    }
    .expect("a temporary folder");
    let path = dir.path().join("sxs-notes.yaml");
    let store = Store::samples();
    let segments: Vec<_> = store
        .docs
        .iter()
        .flat_map(|d| d.segments.iter().map(move |s| (d, s)))
        .collect();

    // Real sample texts, one entry in five bad with two errors (one on a
    // span, with a comment), 100 files.
    let items: Vec<Value> = (0..ENTRIES)
        .map(|n| {
            let (doc, seg) = segments[n % segments.len()];
            let mut map = Mapping::new();
            let mut put = |k: &str, v: Value| map.insert(k.into(), v);
            put(
                "file",
                format!("docs/{}/article-{}.md", doc.locale, n / 100).into(),
            );
            put("locale", doc.locale.clone().into());
            put("id", format!("{}-{n}", seg.id()).into());
            put("verdict", if n % 5 == 0 { "bad" } else { "ok" }.into());
            if n % 5 == 0 {
                let end = seg.target().char_indices().nth(3).map_or(0, |(i, _)| i);
                let mut spanned = Mapping::new();
                for (k, v) in [
                    ("category", Value::from("accuracy/mistranslation")),
                    ("severity", "major".into()),
                    ("side", "target".into()),
                    ("start", 0.into()),
                    ("end", end.into()),
                    ("text", seg.target()[..end].into()),
                    ("comment", "訳語が原文と合っていない: \"sign in\"".into()),
                ] {
                    spanned.insert(k.into(), v);
                }
                let mut whole = Mapping::new();
                whole.insert("category".into(), "fluency/punctuation".into());
                whole.insert("severity".into(), "minor".into());
                put(
                    "errors",
                    Value::Sequence(vec![Value::Mapping(spanned), Value::Mapping(whole)]),
                );
            }
            put("comment", "".into());
            put(
                "source",
                seg.source()
                    .map(str::to_string)
                    .map_or(Value::Null, Value::from),
            );
            put("target", seg.target().to_string().into());
            put("reviewer", "alice".into());
            put("time", "2026-11-21T10:00:00Z".into());
            Value::Mapping(map)
        })
        .collect();
    let t = Instant::now();
    let yaml = serde_yaml::to_string(&items).unwrap();
    let serde_time = t.elapsed();
    std::fs::write(&path, yaml).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();

    let started = Instant::now();
    let mut notes = Notes::open(&path).unwrap();
    let open_time = started.elapsed();
    assert_eq!(notes.len(), ENTRIES);

    // Each mark and each added error is followed by `write_atomic` of a
    // file as large, and of one of 10 kB (the floor of the procedure on
    // this disk), so that all meet the same disk conditions.
    let bytes = std::fs::read(&path).unwrap();
    let (copy, small) = (dir.path().join("copy.yaml"), dir.path().join("small.yaml"));
    let (mut mark, mut add, mut disk, mut floor) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..SAVES {
        let n = (i * 7919) % ENTRIES;
        let (doc, seg) = segments[n % segments.len()];
        let file = format!("docs/{}/article-{}.md", doc.locale, n / 100);
        let id = format!("{}-{n}", seg.id());
        let at = SegmentRef {
            file: &file,
            locale: &doc.locale,
            id: &id,
            source: seg.source(),
            target: seg.target(),
        };
        let entry = Entry::bad(at, "bench", "style", Severity::Minor, &format!("save {i}"));
        let t = Instant::now();
        notes.mark(entry).unwrap();
        mark.push(t.elapsed());
        let error = MqmError::new("terminology", Severity::Major).with_comment("added");
        let t = Instant::now();
        notes.add_error(at, "bench", error).unwrap();
        add.push(t.elapsed());
        let t = Instant::now();
        write_to(&copy, &[&bytes]).unwrap();
        disk.push(t.elapsed());
        let t = Instant::now();
        write_to(&small, &[&bytes[..10_000]]).unwrap();
        floor.push(t.elapsed());
    }
    drop(notes);
    let started = Instant::now();
    let notes = Notes::open(&path).unwrap();
    let reopen_time = started.elapsed();
    assert_eq!(notes.len(), ENTRIES);

    // The same through the review screen: the `a` key, from the key event to
    // its return, when the mark is on disk and the progress counted again.
    let mut app = App::new(
        Store::samples(),
        Options {
            keymaps: Keymaps::default(),
            theme: Theme::mono(),
            width_mode: WidthMode::Narrow,
            mouse: false,
            notes,
            reviewer: "bench".into(),
            warnings: Vec::new(),
        },
    );
    app.resize(100, 30);
    let mut keypress = Vec::new();
    for _ in 0..SAVES / 3 {
        if app.session.position().cursor + 1 >= app.session.segment_count() {
            app.update(Action::First);
        }
        let t = Instant::now();
        app.key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
        keypress.push(t.elapsed());
    }
    // `x` opens the dialog; its `Enter` adds the error and saves.
    let mut added = Vec::new();
    for _ in 0..SAVES / 3 {
        if app.session.position().cursor + 1 >= app.session.segment_count() {
            app.update(Action::First);
        }
        app.key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        let t = Instant::now();
        app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        added.push(t.elapsed());
        app.update(Action::NextSegment);
    }
    // `v` `l` `l` `l` selects four characters, `x` opens the dialog on them,
    // its `Enter` adds the error on the span and saves.
    let mut spanned = Vec::new();
    for _ in 0..SAVES / 3 {
        if app.session.position().cursor + 1 >= app.session.segment_count() {
            app.update(Action::First);
        }
        for key in "vlllx".chars() {
            app.key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
        }
        let t = Instant::now();
        app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        spanned.push(t.elapsed());
        app.update(Action::NextSegment);
    }
    println!(
        "notes file: {ENTRIES} entries, {:.1} MB; open: {:.1} ms as serde_yaml wrote it, \
         {:.1} ms as sxs writes it",
        size as f64 / 1e6,
        ms(open_time),
        ms(reopen_time)
    );
    println!(
        "for comparison, serde_yaml serialising all entries: {:.1} ms",
        ms(serde_time)
    );
    report("mark → durable (Notes::mark)", &mut mark);
    report("added error → durable (Notes::add_error)", &mut add);
    report("`a` keypress → durable (App::key)", &mut keypress);
    report("`x` `Enter` keypress → durable (App::key)", &mut added);
    report("span's `Enter` keypress → durable (App::key)", &mut spanned);
    report("write_atomic of a file as large", &mut disk);
    report("write_atomic of a 10 kB file", &mut floor);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let n = times.len();
    println!(
        "{what:<44} n={n} median {:.2} ms  p99 {:.2} ms  worst {:.2} ms",
        ms(times[n / 2]),
        ms(times[n * 99 / 100]),
        ms(times[n - 1])
    );
}
