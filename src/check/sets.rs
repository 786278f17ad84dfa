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

use crate::store::Store;

/// The set of every document.
pub struct Sets {
    of_doc: Vec<usize>,
    count: usize,
}

impl Sets {
    pub fn of(store: &Store) -> Sets {
        let folders = |path: &str| -> Vec<String> {
            let mut parts: Vec<String> = path
                .split(['/', '\\'])
                .filter(|p| !p.is_empty() && *p != ".")
                .map(str::to_string)
                .collect();
            parts.pop();
            parts
        };
        let all: Vec<Vec<String>> = store.docs.iter().map(|d| folders(&d.path)).collect();
        let shared = all.first().map_or(0, |first| {
            (0..first.len())
                .take_while(|&i| all.iter().all(|f| f.get(i) == first.get(i)))
                .count()
        });
        let mut index: HashMap<(String, String), usize> = HashMap::new();
        let of_doc = store
            .docs
            .iter()
            .zip(&all)
            .map(|(doc, parts)| {
                let folder = parts[..parts.len().min(shared + 1)].join("/");
                let next = index.len();
                *index.entry((doc.locale.clone(), folder)).or_insert(next)
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
    use crate::check::tests::store_of;

    fn sets_of(paths: &[(&str, &str)]) -> Vec<usize> {
        let mut store = store_of("ja-jp", &[]);
        let doc = store.docs.pop().unwrap();
        for (path, locale) in paths {
            let mut d = doc.clone();
            d.path = path.to_string();
            d.locale = locale.to_string();
            store.docs.push(d);
        }
        let sets = Sets::of(&store);
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
