//! Review-screen benchmarks: time to first frame (one file, the whole shared
//! corpus) and the time to draw one 200×60 frame at the start, middle and end
//! of the largest corpus file; then a frame with every row raw, a frame of
//! the file with the most context blocks, the search in all files and the
//! `:` targets over the whole corpus; last, the largest file with every
//! segment marked bad on three spans (a frame full of highlights, and an
//! error added there). Run: `cargo bench --bench tui [CORPUS]`
//! (`SXS_BENCH_DIR` picks the notes file's folder, default the system's
//! temporary folder).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_yaml::{Mapping, Value};
use sxs::notes::Notes;
use sxs::store::Store;
use sxs::text::WidthMode;
use sxs::tui::action::Action;
use sxs::tui::app::{App, Options};
use sxs::tui::keymap::Keymaps;
use sxs::tui::theme::Theme;

fn review(store: Store) -> App {
    // A notes file that cannot be written: drawing does not depend on it.
    let notes = Notes::unavailable("bench-notes.yaml".as_ref(), "benchmark".into());
    review_with(store, notes)
}

fn review_with(store: Store, notes: Notes) -> App {
    App::new(
        store,
        Options {
            keymaps: Keymaps::default(),
            theme: Theme::dark(),
            width_mode: WidthMode::Narrow,
            mouse: false,
            notes,
            reviewer: "bench".into(),
            warnings: Vec::new(),
        },
    )
}

/// Load, build the app and draw one frame: what stands between the command
/// and the first screen.
fn first_frame(paths: &[PathBuf]) -> Duration {
    let start = Instant::now();
    let store = Store::load(paths).expect("corpus");
    let mut app = review(store);
    app.resize(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    start.elapsed()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    let largest = corpus.join("partner-center-pr.ja-jp/partner-center/pci-data-definitions.md");

    let file = median(
        (0..15)
            .map(|_| first_frame(std::slice::from_ref(&largest)))
            .collect(),
    );
    println!(
        "first frame, largest file (1,050 segments): {:.1} ms",
        file.as_secs_f64() * 1e3
    );
    let all = median(
        (0..5)
            .map(|_| first_frame(std::slice::from_ref(&corpus)))
            .collect(),
    );
    println!(
        "first frame, whole corpus (2,203 files):     {:.1} ms",
        all.as_secs_f64() * 1e3
    );

    let mut app = review(Store::load(std::slice::from_ref(&largest)).unwrap());
    app.resize(200, 60);
    let count = app.session.segment_count();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for (name, at) in [("start", 0), ("middle", count / 2), ("end", count - 1)] {
        app.go_to(at);
        frames(
            &mut terminal,
            &app,
            &format!("at the {name:<6} (segment {at:>4})"),
        );
    }
    let start = Instant::now();
    app.update(Action::RawAll);
    println!(
        "raw view of the largest file built: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    frames(&mut terminal, &app, "every row raw, middle    ");

    let store = Store::load(std::slice::from_ref(&corpus)).unwrap();
    let most = (0..store.docs.len())
        .max_by_key(|&d| store.docs[d].context.len())
        .unwrap();
    let blocks = store.docs[most].context.len();
    let mut app = review(store);
    app.resize(200, 60);
    app.open_doc(most);
    app.go_to(app.session.segment_count() / 2);
    frames(
        &mut terminal,
        &app,
        &format!("with context ({blocks} blocks)"),
    );

    app.session.search.query = "password".into();
    let searches: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            app.update(Action::SearchAll);
            let elapsed = start.elapsed();
            app.key(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Esc,
            ));
            elapsed
        })
        .collect();
    println!(
        "S: \"password\" in all files of the corpus: median {:.1} ms",
        median(searches).as_secs_f64() * 1e3
    );
    let jumps: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            black_box(app.session.jump_targets("d0bf8-14"));
            start.elapsed()
        })
        .collect();
    println!(
        ":d0bf8-14 targets over the corpus: median {:.2} ms",
        median(jumps).as_secs_f64() * 1e3
    );

    highlighted(&largest, &mut terminal);
}

/// The largest file with every segment bad: three errors on spans of its
/// target (minor, major, critical, a quarter of the text apart) and one on
/// the whole segment, each entry written as the notes file holds it.
fn highlighted(largest: &std::path::Path, terminal: &mut Terminal<TestBackend>) {
    let dir = match std::env::var_os("SXS_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(dir),
        None => tempfile::tempdir(),
    }
    .expect("a temporary folder");
    let path = dir.path().join("sxs-notes.yaml");
    let store = Store::load(&[largest]).unwrap();
    let doc = &store.docs[0];
    let mut spans = 0;
    let entries: Vec<Value> = doc
        .segments
        .iter()
        .map(|seg| {
            let starts: Vec<usize> = seg.target().char_indices().map(|(i, _)| i).collect();
            let mut errors = Vec::new();
            for (quarter, severity) in [(0, "minor"), (1, "major"), (2, "critical")] {
                let first = starts.len() * quarter / 4;
                let Some(&start) = starts.get(first) else {
                    continue;
                };
                let end = starts.get(first + 4).copied().unwrap_or(seg.target().len());
                errors.push(mapping(&[
                    ("category", "accuracy/mistranslation".into()),
                    ("severity", severity.into()),
                    ("side", "target".into()),
                    ("start", start.into()),
                    ("end", end.into()),
                    ("text", seg.target()[start..end].into()),
                    ("comment", "訳語が原文と合っていない".into()),
                ]));
                spans += 1;
            }
            errors.push(mapping(&[
                ("category", "fluency/punctuation".into()),
                ("severity", "minor".into()),
            ]));
            mapping(&[
                ("file", doc.path.clone().into()),
                ("locale", doc.locale.clone().into()),
                ("id", seg.id().to_string().into()),
                ("verdict", "bad".into()),
                ("errors", Value::Sequence(errors)),
                (
                    "source",
                    seg.source()
                        .map(str::to_string)
                        .map_or(Value::Null, Value::from),
                ),
                ("target", seg.target().to_string().into()),
                ("reviewer", "alice".into()),
                ("time", "2026-11-21T10:00:00Z".into()),
            ])
        })
        .collect();
    std::fs::write(&path, serde_yaml::to_string(&entries).unwrap()).unwrap();

    let started = Instant::now();
    let notes = Notes::open(&path).unwrap();
    let read = started.elapsed();
    let started = Instant::now();
    let mut app = review_with(store, notes);
    app.resize(200, 60);
    terminal.draw(|f| app.draw(f)).unwrap();
    println!(
        "every segment marked ({spans} spans): notes file read {:.1} ms, \
         then app and first frame {:.1} ms",
        read.as_secs_f64() * 1e3,
        started.elapsed().as_secs_f64() * 1e3
    );
    app.go_to(app.session.segment_count() / 2);
    frames(terminal, &app, "with 3 spans on every row");

    // `x` opens the dialog; its `Enter` adds an error, saves the notes file
    // and shows the segment's marks again.
    let added: Vec<Duration> = (0..30)
        .map(|_| {
            app.key(KeyEvent::from(KeyCode::Char('x')));
            let start = Instant::now();
            app.key(KeyEvent::from(KeyCode::Enter));
            start.elapsed()
        })
        .collect();
    println!(
        "`x` `Enter` → durable there ({} entries): median {:.2} ms",
        app.session.segment_count(),
        median(added).as_secs_f64() * 1e3
    );
}

fn mapping(pairs: &[(&str, Value)]) -> Value {
    let mut map = Mapping::new();
    for (key, value) in pairs {
        map.insert((*key).into(), value.clone());
    }
    Value::Mapping(map)
}

/// Draws 200 frames and prints their median and worst time.
fn frames(terminal: &mut Terminal<TestBackend>, app: &App, name: &str) {
    let frames: Vec<Duration> = (0..200)
        .map(|_| {
            let start = Instant::now();
            terminal.draw(|f| black_box(app).draw(f)).unwrap();
            start.elapsed()
        })
        .collect();
    let worst = *frames.iter().max().unwrap();
    println!(
        "200x60 frame {name}: median {:.3} ms, worst {:.3} ms",
        median(frames).as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3
    );
}
