//! Wraps every target of the shared corpus at width 60 on one core and reports
//! MB/s. `cargo bench --bench wrap`; the corpus is `../shared/corpus`, or the
//! folder in `SXS_CORPUS`.

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::{Duration, Instant};

use sxs::text::{BaseDirection, StyledText, WidthMode, display_form, lay_out, wrap};

const WIDTH: usize = 60;
const RUNS: usize = 7;

/// Time this thread has spent on a CPU (Linux), else wall time: other builds
/// on a shared 2-core machine then count less.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_else(|| START.with(|start| start.elapsed()))
}

thread_local! {
    static START: Instant = Instant::now();
}

/// The fastest of several runs, in CPU time.
fn best(mut f: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = cpu_time();
            f();
            cpu_time() - start
        })
        .min()
        .unwrap_or_default()
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / time.as_secs_f64() / 1e6
}

fn main() {
    let Some(store) = corpus::load() else { return };
    // (locale, raw target) for every segment; the corpus README, which only
    // quotes the markup, has no locale.
    let targets: Vec<(String, String)> = store
        .docs
        .iter()
        .filter(|doc| doc.locale != "und")
        .flat_map(|doc| {
            doc.segments
                .iter()
                .map(|s| (doc.locale.clone(), s.target().to_string()))
        })
        .collect();
    let raw_bytes: usize = targets.iter().map(|(_, t)| t.len()).sum();
    let shown: Vec<(String, StyledText)> = targets
        .iter()
        .map(|(l, t)| (l.clone(), display_form(t)))
        .collect();
    let shown_bytes: usize = shown.iter().map(|(_, t)| t.text().len()).sum();
    println!(
        "{} targets, {:.1} MB raw, {:.1} MB display text; width {WIDTH}, best of {RUNS} runs, CPU time of one thread",
        targets.len(),
        raw_bytes as f64 / 1e6,
        shown_bytes as f64 / 1e6
    );

    let t = best(|| {
        for (_, s) in &shown {
            black_box(wrap(s.text(), WIDTH, WidthMode::Narrow));
        }
    });
    println!(
        "wrap (display text)          {:7.1} MB/s  {:?}",
        mb_per_s(shown_bytes, t),
        t
    );
    let t = best(|| {
        for (_, s) in &shown {
            black_box(wrap(s.text(), WIDTH, WidthMode::AmbiguousWide));
        }
    });
    println!(
        "wrap, ambiguous wide         {:7.1} MB/s  {:?}",
        mb_per_s(shown_bytes, t),
        t
    );
    let t = best(|| {
        for (_, raw) in &targets {
            black_box(display_form(raw));
        }
    });
    println!(
        "display_form (raw text)      {:7.1} MB/s  {:?}",
        mb_per_s(raw_bytes, t),
        t
    );
    let t = best(|| {
        for (locale, s) in &shown {
            black_box(lay_out(
                s,
                WIDTH,
                WidthMode::Narrow,
                BaseDirection::for_locale(locale),
            ));
        }
    });
    println!(
        "lay_out (wrap + bidi)        {:7.1} MB/s  {:?}",
        mb_per_s(shown_bytes, t),
        t
    );
    let t = best(|| {
        for (locale, raw) in &targets {
            let s = display_form(raw);
            black_box(
                lay_out(
                    &s,
                    WIDTH,
                    WidthMode::Narrow,
                    BaseDirection::for_locale(locale),
                )
                .lines
                .len(),
            );
        }
    });
    println!(
        "display_form + lay_out       {:7.1} MB/s  {:?}",
        mb_per_s(raw_bytes, t),
        t
    );

    let mut locales: Vec<&str> = shown.iter().map(|(l, _)| l.as_str()).collect();
    locales.sort_unstable();
    locales.dedup();
    println!("wrap by locale:");
    for locale in locales {
        let set: Vec<&StyledText> = shown
            .iter()
            .filter(|(l, _)| l == locale)
            .map(|(_, s)| s)
            .collect();
        let bytes: usize = set.iter().map(|s| s.text().len()).sum();
        let t = best(|| {
            for s in &set {
                black_box(wrap(s.text(), WIDTH, WidthMode::Narrow));
            }
        });
        println!(
            "  {locale:12} {:6.2} MB  {:7.1} MB/s",
            bytes as f64 / 1e6,
            mb_per_s(bytes, t)
        );
    }
}
