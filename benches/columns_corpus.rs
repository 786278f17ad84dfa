//! `dump --format text` over every segment of the shared corpus at widths 37,
//! 60 and 120: the separator must stand at one column on every row and no row
//! may be wider than the width. `cargo bench --bench columns_corpus`; the corpus
//! is `../shared/corpus`, or the folder in `SXS_CORPUS`. Exits 1 on a violation.

#[path = "support/columns_check.rs"]
mod columns_check;
#[path = "support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::time::Instant;

use sxs::text::{BaseDirection, Side, WidthMode, display_form, two_columns};

fn main() {
    let dir = std::env::var_os("SXS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    if !dir.is_dir() {
        println!("no corpus at {}; set SXS_CORPUS", dir.display());
        return;
    }
    let start = Instant::now();
    let (mut files, mut segments, mut rows, mut failures) = (0, 0, 0, 0);
    for file in corpus::segment_files(&dir) {
        let markdown = std::fs::read_to_string(&file).expect("UTF-8 segment file");
        let direction = BaseDirection::for_locale(&corpus::locale(&file));
        files += 1;
        for (target, source) in corpus::pairs(&markdown) {
            segments += 1;
            let (source, target) = (display_form(source), display_form(target));
            for width in [37, 60, 120] {
                for mode in [WidthMode::Narrow, WidthMode::AmbiguousWide] {
                    let laid = two_columns(
                        Side::new(&source, BaseDirection::Auto),
                        Side::new(&target, direction),
                        width,
                        mode,
                    );
                    rows += laid.len();
                    if let Err(e) = columns_check::check_rows(&laid, width, mode) {
                        failures += 1;
                        eprintln!("{} ({width}, {mode:?}): {e}", file.display());
                    }
                }
            }
        }
    }
    println!(
        "{files} files, {segments} segments, {rows} rows at widths 37/60/120 (narrow and ambiguous-wide): {failures} violations, {:.1} s",
        start.elapsed().as_secs_f64()
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
