//! Segment pairs read from segment files by a plain scan of the span markup,
//! so the text layer's tests and benchmarks do not depend on the segment store.

use std::path::{Path, PathBuf};

const TARGET_OPEN: &str = "<span data-ttu-id=\"";
const LOOKUP: &str = "</span><span class=\"sxs-lookup\"><span data-stu-id=\"";
const SOURCE_CLOSE: &str = "</span></span>";

/// Every `*.md` file under `dir`, sorted.
pub fn segment_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// (target, source) of every span pair written in the exact corpus form.
pub fn pairs(markdown: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(open) = rest.find(TARGET_OPEN) {
        rest = &rest[open + TARGET_OPEN.len()..];
        let Some(id_end) = rest.find("\">") else {
            break;
        };
        rest = &rest[id_end + 2..];
        let Some(target_end) = rest.find(LOOKUP) else {
            break;
        };
        let target = &rest[..target_end];
        rest = &rest[target_end + LOOKUP.len()..];
        let Some(id_end) = rest.find("\">") else {
            break;
        };
        rest = &rest[id_end + 2..];
        let Some(source_end) = rest.find(SOURCE_CLOSE) else {
            break;
        };
        found.push((target, &rest[..source_end]));
        rest = &rest[source_end..];
    }
    found
}

/// The locale a path names: a folder's suffix after its last dot, or the file
/// stem, that starts like `xx-yy` (`partner-center-pr.ja-jp`,
/// `nuget-docs.zh-tw-2018`, `ja-jp.md`).
pub fn locale(path: &Path) -> String {
    let folders = path
        .parent()
        .into_iter()
        .flat_map(|p| p.iter())
        .filter_map(|c| c.to_str())
        .filter_map(|c| c.rsplit_once('.').map(|(_, suffix)| suffix));
    let stem = path.file_stem().and_then(|s| s.to_str());
    folders
        .chain(stem)
        .find(|c| {
            let b = c.as_bytes();
            b.len() >= 5
                && b[2] == b'-'
                && b[..2].iter().chain(&b[3..5]).all(u8::is_ascii_alphabetic)
        })
        .unwrap_or("und")
        .to_ascii_lowercase()
}
