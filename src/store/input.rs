//! Turning command-line paths into documents: walking folders, reading bytes,
//! refusing binary files, repairing invalid UTF-8, parsing in parallel.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Document, Store, Warning};

/// A path on the command line that cannot be used at all.
#[derive(Debug)]
pub enum LoadError {
    NotFound(String),
    Unreadable { path: String, reason: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound(path) => write!(
                f,
                "{path}: no such file or folder; give a segment file or a folder of them"
            ),
            LoadError::Unreadable { path, reason } => {
                write!(
                    f,
                    "{path}: cannot be read ({reason}); check its permissions"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// The bundled sample article: one article in five locales.
const SAMPLES: &[(&str, &str)] = &[
    (
        "samples/000_8f5dbdcd68e3905e.txt",
        include_str!("../../assets/samples/000_8f5dbdcd68e3905e.txt"),
    ),
    (
        "samples/001_556f1865daf7fcb3.txt",
        include_str!("../../assets/samples/001_556f1865daf7fcb3.txt"),
    ),
    (
        "samples/002_ee96e020f3bbcfea.txt",
        include_str!("../../assets/samples/002_ee96e020f3bbcfea.txt"),
    ),
    (
        "samples/003_306dc789f17fb0a3.txt",
        include_str!("../../assets/samples/003_306dc789f17fb0a3.txt"),
    ),
    (
        "samples/004_52681c2fb3646d8a.txt",
        include_str!("../../assets/samples/004_52681c2fb3646d8a.txt"),
    ),
];

/// A file to read: the name it is shown by, where its bytes are, and whether
/// the user named it (a named file is read whatever it holds; a walked one only
/// if it has spans).
struct Candidate {
    name: String,
    origin: Origin,
    named: bool,
}

enum Origin {
    Disk(PathBuf),
    Bundled(&'static str),
}

/// The files that command-line paths name, resolved and sorted, not yet read.
pub struct Sources {
    candidates: Vec<Candidate>,
    /// Folders that could not be listed.
    warnings: Vec<Warning>,
}

impl Sources {
    /// Resolves paths per SPEC "Input": a file is taken whatever its extension,
    /// a folder is walked for `*.md`; the list is in sorted path order.
    pub fn resolve<P: AsRef<Path>>(paths: &[P]) -> Result<Sources, LoadError> {
        let mut candidates = Vec::new();
        let mut warnings = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let name = path.to_string_lossy().into_owned();
            let meta = fs::metadata(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => LoadError::NotFound(name.clone()),
                _ => LoadError::Unreadable {
                    path: name.clone(),
                    reason: e.to_string(),
                },
            })?;
            if meta.is_dir() {
                walk(path, &mut candidates, &mut warnings);
            } else {
                candidates.push(Candidate {
                    name,
                    origin: Origin::Disk(path.to_path_buf()),
                    named: true,
                });
            }
        }
        candidates.sort_by(|a, b| a.name.cmp(&b.name));
        candidates.dedup_by(|a, b| a.name == b.name);
        Ok(Sources {
            candidates,
            warnings,
        })
    }

    /// The sample article compiled into the binary.
    pub fn bundled() -> Sources {
        Sources {
            candidates: SAMPLES
                .iter()
                .map(|(name, text)| Candidate {
                    name: name.to_string(),
                    origin: Origin::Bundled(text),
                    named: true,
                })
                .collect(),
            warnings: Vec::new(),
        }
    }

    /// Reads and parses every file on all cores, handing each document to `f`
    /// and each result, in path order, to `sink`. Files go in windows of a
    /// few dozen, and the next window is parsed while `sink` takes the last, so
    /// a caller that streams holds little in memory and never waits long.
    /// Returns the warnings about unreadable files and folders (a document's
    /// own warnings stay in the document).
    pub fn stream<T: Send>(
        self,
        f: impl Fn(Document) -> T + Sync,
        mut sink: impl FnMut(T),
    ) -> Vec<Warning> {
        const WINDOW: usize = 64;
        let mut warnings = self.warnings;
        let candidates = &self.candidates;
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel(WINDOW);
            let f = &f;
            scope.spawn(move || {
                for window in candidates.chunks(WINDOW) {
                    let results: Vec<Result<Option<T>, Warning>> = window
                        .par_iter()
                        .map(|c| read(c).map(|doc| doc.map(f)))
                        .collect();
                    for result in results {
                        if tx.send(result).is_err() {
                            return;
                        }
                    }
                }
            });
            for result in rx {
                match result {
                    Ok(Some(value)) => sink(value),
                    Ok(None) => {}
                    Err(warning) => warnings.push(warning),
                }
            }
        });
        warnings
    }

    pub fn load(self) -> Store {
        let mut docs = Vec::new();
        let warnings = self.stream(|doc| doc, |doc| docs.push(doc));
        Store { docs, warnings }
    }
}

/// Collects `*.md` files below `dir`, skipping hidden folders; folders that
/// cannot be listed become warnings.
fn walk(dir: &Path, out: &mut Vec<Candidate>, warnings: &mut Vec<Warning>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(file_warning(
                &dir.to_string_lossy(),
                format!("folder cannot be read ({e}); skipped"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        // Folder symlinks are not followed, so a link cycle cannot trap the walk.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !hidden {
                walk(&path, out, warnings);
            }
        } else if is_markdown(&path) && path.is_file() {
            out.push(Candidate {
                name: path.to_string_lossy().into_owned(),
                origin: Origin::Disk(path),
                named: false,
            });
        }
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn file_warning(file: &str, message: String) -> Warning {
    Warning {
        file: file.to_string(),
        line: None,
        id: None,
        message,
    }
}

fn read(candidate: &Candidate) -> Result<Option<Document>, Warning> {
    let name = &candidate.name;
    let bytes = match &candidate.origin {
        Origin::Disk(path) => fs::read(path)
            .map_err(|e| file_warning(name, format!("cannot be read ({e}); skipped")))?,
        Origin::Bundled(text) => text.as_bytes().to_vec(),
    };
    if memchr::memmem::find(&bytes, b"data-ttu-id").is_none() {
        return match candidate.named {
            true => Err(file_warning(
                name,
                "has no data-ttu-id spans, so it is not a segment file; skipped".into(),
            )),
            false => Ok(None),
        };
    }
    Document::from_bytes(name, bytes).map(Some)
}

impl Document {
    /// Parses a file's bytes. A binary file (one with a NUL byte, as UTF-16
    /// also has) is refused with a warning; invalid UTF-8 is repaired with one.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Document, Warning> {
        if let Some(nul) = memchr::memchr(0, &bytes) {
            return Err(Warning {
                line: Some(line_at(&bytes, nul)),
                ..file_warning(name, "binary file (NUL byte), or not UTF-8; skipped".into())
            });
        }
        // Validating with SIMD first keeps the common, valid case nearly free.
        let (text, utf8_warning) = match simdutf8::basic::from_utf8(&bytes) {
            // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
            Ok(_) => (unsafe { String::from_utf8_unchecked(bytes) }, None),
            Err(_) => {
                let at = std::str::from_utf8(&bytes)
                    .err()
                    .map_or(0, |e| e.valid_up_to());
                let warning = Warning {
                    line: Some(line_at(&bytes, at)),
                    ..file_warning(
                        name,
                        format!("invalid UTF-8 at byte {at}; bad bytes are shown as U+FFFD"),
                    )
                };
                (String::from_utf8_lossy(&bytes).into_owned(), Some(warning))
            }
        };
        let mut doc = Document::parse(name, &text);
        if let Some(warning) = utf8_warning {
            doc.warnings.insert(0, warning);
        }
        Ok(doc)
    }
}

fn line_at(bytes: &[u8], offset: usize) -> u32 {
    memchr::memchr_iter(b'\n', &bytes[..offset]).count() as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_assets_samples_is_bundled() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let mut on_disk: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| format!("samples/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let bundled: Vec<String> = SAMPLES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, bundled);
    }
}
