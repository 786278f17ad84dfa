//! `dump --format text` over every segment of the shared corpus at widths 37,
//! 60 and 120: the separator must stand at one column on every row and no row
//! may be wider than the width. `cargo bench --bench columns_corpus`; the corpus
//! is `../shared/corpus`, or the folder in `SXS_CORPUS`. Exits 1 on a violation.

#[path = "support/columns_check.rs"]
mod columns_check;
#[path = "support/corpus.rs"]
mod corpus;

use std::time::Instant;

use sxs::text::{BaseDirection, Side, WidthMode, display_form, two_columns};

fn main() {
    let Some(store) = corpus::load() else { return };
    let start = Instant::now();
    let (mut segments, mut rows, mut failures) = (0, 0, 0);
    let files = store.docs.len();
    for doc in &store.docs {
        let direction = BaseDirection::for_locale(&doc.locale);
        for seg in &doc.segments {
            segments += 1;
            let source = display_form(seg.source.as_deref().unwrap_or(""));
            let target = display_form(&seg.target);
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
                        eprintln!("{} {} ({width}, {mode:?}): {e}", doc.path, seg.id);
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
