//! The shared corpus for the text-layer benchmarks, loaded by the segment store.

use std::path::PathBuf;

use sxs::store::Store;

/// `../shared/corpus`, or the folder in `SXS_CORPUS`; `None` (said on stdout)
/// when it is not there, so that the benchmark can end quietly.
pub fn load() -> Option<Store> {
    let dir = std::env::var_os("SXS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    if !dir.is_dir() {
        println!("no corpus at {}; set SXS_CORPUS", dir.display());
        return None;
    }
    Some(Store::load(&[dir]).expect("the corpus folder is readable"))
}
