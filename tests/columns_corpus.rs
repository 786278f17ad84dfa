//! `dump --format text` over every segment of the shared corpus at widths 37,
//! 60 and 120, narrow and ambiguous-wide: the separator must stand at one
//! column on every row and no row may be wider than the width. The corpus is
//! not part of the repository, so this runs by hand:
//! `cargo test --release --test columns_corpus -- --ignored --nocapture`
//! (the corpus is `../shared/corpus`, or the folder in `SXS_CORPUS`).

#[path = "../benches/support/columns_check.rs"]
mod columns_check;
#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::time::Instant;

use sxs::text::{BaseDirection, Side, WidthMode, display_form, two_columns};

#[test]
#[ignore = "reads the shared corpus; run by hand with --ignored"]
fn every_corpus_segment_lays_out_in_two_columns_that_fit() {
    let store = corpus::load().expect("the shared corpus, or SXS_CORPUS");
    let start = Instant::now();
    let (mut segments, mut rows, mut failures) = (0, 0, Vec::new());
    for doc in &store.docs {
        let direction = BaseDirection::for_locale(&doc.locale);
        for seg in &doc.segments {
            segments += 1;
            let source = display_form(seg.source().unwrap_or(""));
            let target = display_form(seg.target());
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
                        failures.push(format!(
                            "{} {} ({width}, {mode:?}): {e}",
                            doc.path,
                            seg.id()
                        ));
                    }
                }
            }
        }
    }
    println!(
        "{} files, {segments} segments, {rows} rows at widths 37/60/120 (narrow and \
         ambiguous-wide): {} violations, {:.1} s",
        store.docs.len(),
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
