//! `/` search over both panes of the open document, in the text as
//! displayed, and the same search over every loaded file for the results
//! list.

use std::ops::Range;

use rayon::prelude::*;

use super::display::Displays;
use crate::store::Store;
use crate::text::{Style, StyledText, display_form};

/// A segment that matches: its display texts with the hits styled
/// `Style::HIT` (so highlights survive wrapping and bidi reordering), and the
/// hit ranges per side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitRanges {
    pub source: Vec<Range<usize>>,
    pub target: Vec<Range<usize>>,
    pub source_text: StyledText,
    pub target_text: StyledText,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Segments with at least one match, in order, with their ranges.
    pub hits: Vec<(usize, HitRanges)>,
}

impl Search {
    pub fn clear(&mut self) {
        *self = Search::default();
    }

    pub fn set(&mut self, query: &str, displays: &Displays, doc: usize) {
        self.query = query.to_string();
        self.refresh(displays, doc);
    }

    /// Recomputes the hits of the current query in `doc`.
    pub fn refresh(&mut self, displays: &Displays, doc: usize) {
        self.hits.clear();
        if self.query.is_empty() {
            return;
        }
        let matcher = Matcher::new(&self.query);
        for (i, seg) in displays.get(doc).iter().enumerate() {
            let source = matcher.find_all(seg.source.text());
            let target = matcher.find_all(seg.target.text());
            if source.is_empty() && target.is_empty() {
                continue;
            }
            self.hits.push((
                i,
                HitRanges {
                    source_text: seg.source.with_flag(&source, Style::HIT),
                    target_text: seg.target.with_flag(&target, Style::HIT),
                    source,
                    target,
                },
            ));
        }
    }

    pub fn ranges(&self, segment: usize) -> Option<&HitRanges> {
        self.hits
            .binary_search_by_key(&segment, |(s, _)| *s)
            .ok()
            .map(|i| &self.hits[i].1)
    }

    pub fn first_at_or_after(&self, segment: usize) -> Option<usize> {
        let i = self.hits.partition_point(|(s, _)| *s < segment);
        self.hits.get(i).or(self.hits.first()).map(|(s, _)| *s)
    }

    /// The next (or previous) hit from `segment`, and whether it wrapped around.
    pub fn next(&self, segment: usize, forward: bool) -> Option<(usize, bool)> {
        let first = self.hits.first()?.0;
        let last = self.hits.last()?.0;
        if forward {
            let i = self.hits.partition_point(|(s, _)| *s <= segment);
            Some(self.hits.get(i).map_or((first, true), |(s, _)| (*s, false)))
        } else {
            let i = self.hits.partition_point(|(s, _)| *s < segment);
            Some(match i {
                0 => (last, true),
                _ => (self.hits[i - 1].0, false),
            })
        }
    }
}

/// A segment of any loaded file that a search matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub doc: usize,
    pub segment: usize,
    /// Whether only the source matches (the list then quotes the source).
    pub source_only: bool,
}

/// Every segment of every loaded file that `query` matches, in path and
/// document order. The files are searched in parallel; only where the hits
/// are is kept, the list quotes them when it draws them.
pub fn search_all(store: &Store, query: &str) -> Vec<Found> {
    if query.is_empty() {
        return Vec::new();
    }
    let matcher = Matcher::new(query);
    let per_doc: Vec<Vec<Found>> = store
        .docs
        .par_iter()
        .enumerate()
        .map(|(doc, d)| {
            let mut found = Vec::new();
            for (segment, seg) in d.segments.iter().enumerate() {
                let target = matcher.matches(display_form(seg.target()).text());
                let source = || {
                    let source = seg.source().unwrap_or("");
                    matcher.matches(display_form(source).text())
                };
                if target || source() {
                    found.push(Found {
                        doc,
                        segment,
                        source_only: !target,
                    });
                }
            }
            found
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// The side of a found segment that the results list quotes, with the hits
/// styled `Style::HIT`, and where the first hit starts.
pub fn quote(store: &Store, found: &Found, query: &str) -> (StyledText, usize) {
    let seg = &store.docs[found.doc].segments[found.segment];
    let raw = match found.source_only {
        true => seg.source().unwrap_or(""),
        false => seg.target(),
    };
    let text = display_form(raw);
    let hits = Matcher::new(query).find_all(text.text());
    let first = hits.first().map_or(0, |h| h.start);
    (text.with_flag(&hits, Style::HIT), first)
}

/// Smart case, as in editors: a query with an upper-case letter matches case
/// exactly, one without ignores case.
pub(crate) struct Matcher {
    needle: Vec<char>,
    fold: bool,
}

impl Matcher {
    pub(crate) fn new(query: &str) -> Matcher {
        let fold = !query.chars().any(char::is_uppercase);
        Matcher {
            needle: query.chars().map(|c| fold_char(c, fold)).collect(),
            fold,
        }
    }

    /// Whether `hay` holds the needle; allocates nothing, as the search in
    /// all files asks it of every segment.
    fn matches(&self, hay: &str) -> bool {
        let Some((&first, rest)) = self.needle.split_first() else {
            return false;
        };
        let fold = |c: char| fold_char(c, self.fold);
        hay.char_indices().any(|(at, c)| {
            fold(c) == first && {
                let mut after = hay[at + c.len_utf8()..].chars();
                rest.iter()
                    .all(|want| after.next().is_some_and(|c| fold(c) == *want))
            }
        })
    }

    /// Every match in `hay`, as byte ranges, left to right, not overlapping.
    pub(crate) fn find_all(&self, hay: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let chars: Vec<(usize, char)> = hay.char_indices().collect();
        let n = self.needle.len();
        let mut i = 0;
        while n > 0 && i + n <= chars.len() {
            let matches = chars[i..i + n]
                .iter()
                .zip(&self.needle)
                .all(|((_, c), want)| fold_char(*c, self.fold) == *want);
            if matches {
                let end = chars.get(i + n).map_or(hay.len(), |(at, _)| *at);
                found.push(chars[i].0..end);
                i += n;
            } else {
                i += 1;
            }
        }
        found
    }
}

/// Lower case as one character, so that byte ranges stay those of the text.
fn fold_char(c: char, fold: bool) -> char {
    if fold {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_and_byte_ranges_in_the_displayed_text() {
        let m = Matcher::new("partner");
        assert_eq!(m.find_all("Partner Center · partner"), vec![0..7, 18..25]);
        let exact = Matcher::new("Partner");
        assert_eq!(exact.find_all("partner Partner"), vec![8..15]);
        assert_eq!(Matcher::new("中心").find_all("合作夥伴中心"), vec![12..18]);
        assert!(Matcher::new("").find_all("abc").is_empty());
        let m = Matcher::new("ab");
        assert!(m.matches("xAb") && m.matches("aab") && !m.matches("a b") && !m.matches("a"));
        assert!(!Matcher::new("").matches("abc"));
    }
}
