//! Sets: the documents a segment is compared with by the checks that learn a
//! convention from the text around it (`inconsistent-target`,
//! `cjk-latin-spacing`, `untranslated-cell`).
//!
//! A set is one locale of one folder directly below the folder all loaded
//! documents share: `sxs check corpus/` makes one set of each repository in
//! it, `sxs check a.ja-jp b.ja-jp` one of each folder named. Two copies of one
//! documentation tree (a product's 2018 docs beside today's) are therefore
//! two sets, and a sentence translated one way in each is not an
//! inconsistency.

use std::collections::HashMap;

use super::engine::DocInfo;

/// The set of every document.
pub struct Sets {
    of_doc: Vec<usize>,
    count: usize,
}

/// The folders of a path, without its file name and `.` parts.
fn folders(path: &str) -> impl Iterator<Item = &str> {
    let mut parts = path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".");
    let mut next = parts.next();
    std::iter::from_fn(move || {
        let part = next?;
        next = parts.next();
        next.map(|_| part)
    })
}

/// The folder of a path, as one key: documents in one folder with one
/// locale are always in one set.
pub fn folder_of(path: &str) -> String {
    folders(path).collect::<Vec<_>>().join("/")
}

impl Sets {
    pub fn of(docs: &[DocInfo]) -> Sets {
        let all: Vec<Vec<&str>> = docs.iter().map(|d| folders(&d.path).collect()).collect();
        let shared = all.first().map_or(0, |first| {
            (0..first.len())
                .take_while(|&i| all.iter().all(|f| f.get(i) == first.get(i)))
                .count()
        });
        let mut index: HashMap<(&str, String), usize> = HashMap::new();
        let of_doc = docs
            .iter()
            .zip(&all)
            .map(|(doc, parts)| {
                let folder = parts[..parts.len().min(shared + 1)].join("/");
                let next = index.len();
                *index.entry((doc.locale.as_str(), folder)).or_insert(next)
            })
            .collect();
        Sets {
            of_doc,
            count: index.len(),
        }
    }

    /// The set of document `doc`.
    pub fn of_doc(&self, doc: usize) -> usize {
        self.of_doc[doc]
    }

    pub fn count(&self) -> usize {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets_of(paths: &[(&str, &str)]) -> Vec<usize> {
        let docs: Vec<DocInfo> = paths
            .iter()
            .map(|(path, locale)| DocInfo::named(path, locale))
            .collect();
        let sets = Sets::of(&docs);
        (0..paths.len()).map(|d| sets.of_doc(d)).collect()
    }

    #[test]
    fn one_set_per_folder_below_the_shared_one_and_per_locale() {
        assert_eq!(
            sets_of(&[
                ("corpus/nuget.zh-tw/docs/a.md", "zh-tw"),
                ("corpus/nuget.zh-tw/docs/b/c.md", "zh-tw"),
                ("corpus/nuget.zh-tw-2018/docs/a.md", "zh-tw"),
                ("corpus/pc.ja-jp/a.md", "ja-jp"),
                ("corpus/pc.ja-jp/b.md", "und"),
            ]),
            [0, 0, 1, 2, 3]
        );
        // One folder given: its subfolders are the sets.
        assert_eq!(
            sets_of(&[("pc/partner/a.md", "ja-jp"), ("pc/market/b.md", "ja-jp")]),
            [0, 1]
        );
        assert_eq!(sets_of(&[("a.md", "ja-jp"), ("b.md", "ja-jp")]), [0, 0]);
    }
}
