//! Review-screen benchmarks: time to first frame (one file, the whole shared
//! corpus) and the time to draw one 200×60 frame at the start, middle and end
//! of the largest corpus file. Run: `cargo bench --bench tui [CORPUS]`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sxs::notes::Notes;
use sxs::store::Store;
use sxs::text::WidthMode;
use sxs::tui::app::{App, Options};
use sxs::tui::keymap::Keymaps;
use sxs::tui::theme::Theme;

fn app(store: Store) -> App {
    App::new(
        store,
        Options {
            keymaps: Keymaps::default(),
            theme: Theme::dark(),
            width_mode: WidthMode::Narrow,
            mouse: false,
            // A notes file that cannot be written: drawing does not depend on it.
            notes: Notes::unavailable("bench-notes.yaml".as_ref(), "benchmark".into()),
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
    let mut app = app(store);
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

    let mut app = app(Store::load(&[largest]).unwrap());
    app.resize(200, 60);
    let count = app.session.segment_count();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for (name, at) in [("start", 0), ("middle", count / 2), ("end", count - 1)] {
        app.go_to(at);
        let frames: Vec<Duration> = (0..200)
            .map(|_| {
                let start = Instant::now();
                terminal.draw(|f| black_box(&app).draw(f)).unwrap();
                start.elapsed()
            })
            .collect();
        let worst = *frames.iter().max().unwrap();
        println!(
            "200x60 frame at the {name:<6} (segment {at:>4}): median {:.3} ms, worst {:.3} ms",
            median(frames).as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3
        );
    }
}
