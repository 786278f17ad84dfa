//! Where a `:` jump goes, offered while the reviewer types: a line of the
//! open file (`:40`), a segment by its id or the start of it (`:d0bf8-140`,
//! `:d0bf8-14`; the open file first, then the others), a file by a fuzzy
//! match of its path and locale (`:faq ja`).
//!
//! File names are matched with `nucleo-matcher`, the matcher of helix's
//! pickers, rather than by hand: its scores favour matches at path
//! separators and word starts, as a reviewer expects of a file picker.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::display::one_line;
use super::session::Session;

/// Targets offered at most.
pub const MAX_TARGETS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Segment { doc: usize, segment: usize },
    File { doc: usize },
}

/// A target and what the list says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub target: Target,
    /// Safe to draw.
    pub label: String,
}

/// A document's path and locale for the matcher, with its index.
struct Named(usize, String);

impl AsRef<str> for Named {
    fn as_ref(&self) -> &str {
        &self.1
    }
}

/// The items (a number and its text) that `query` matches, best first: each
/// space-separated word of it is looked for in order of its characters
/// (`kokr invoice`, `faq ja`), as helix's pickers match, case mattering only
/// when the query has capitals. An empty query keeps them all, in order.
pub fn best_matches(query: &str, items: impl IntoIterator<Item = (usize, String)>) -> Vec<usize> {
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    if pattern.atoms.is_empty() {
        return items.into_iter().map(|(i, _)| i).collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT.match_paths());
    let named = items.into_iter().map(|(i, text)| Named(i, text));
    (pattern.match_list(named, &mut matcher).into_iter())
        .map(|(Named(i, _), _)| i)
        .collect()
}

impl Session {
    /// The targets `query` names, best first: the file line when it is a
    /// number, then the segments whose id starts with it (an exact id
    /// first), then the files it matches.
    pub fn jump_targets(&self, query: &str) -> Vec<Candidate> {
        let query = query.trim();
        let mut out = Vec::new();
        if query.is_empty() {
            return out;
        }
        if let Ok(line) = query.parse::<u32>() {
            out.extend(self.line_target(line));
        }
        out.extend(self.id_targets(query, MAX_TARGETS - out.len()));
        out.extend(self.file_targets(query, MAX_TARGETS - out.len()));
        out
    }

    /// The segment of the open file at `line`: the first one that starts on
    /// the last line on or before it that starts any (a line of a paragraph
    /// holds several, and `check` names a finding by its own line), else
    /// the first of the file.
    fn line_target(&self, line: u32) -> Option<Candidate> {
        let doc = self.store.docs.get(self.doc)?;
        let after = doc.segments.partition_point(|s| s.line <= line);
        let starts = after
            .checked_sub(1)
            .map_or(0, |last| doc.segments[last].line);
        let segment = doc.segments.partition_point(|s| s.line < starts);
        let seg = doc.segments.get(segment)?;
        Some(Candidate {
            target: Target::Segment {
                doc: self.doc,
                segment,
            },
            label: one_line(&format!("line {line}: {} (line {})", seg.id(), seg.line)),
        })
    }

    fn id_targets(&self, prefix: &str, room: usize) -> Vec<Candidate> {
        let count = self.store.docs.len();
        let starts_with = |id: &str| {
            id.len() >= prefix.len()
                && id.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
        };
        let mut exact = Vec::new();
        let mut starts = Vec::new();
        // The open file first, then the others in order.
        for doc in (0..count).map(|i| (self.doc + i) % count) {
            let d = &self.store.docs[doc];
            for (segment, seg) in d.segments.iter().enumerate() {
                if !starts_with(seg.id()) {
                    continue;
                }
                let candidate = Candidate {
                    target: Target::Segment { doc, segment },
                    label: one_line(&format!("{} · {}:{}", seg.id(), d.path, seg.line)),
                };
                match seg.id().len() == prefix.len() {
                    true => exact.push(candidate),
                    false if starts.len() < room => starts.push(candidate),
                    false => {}
                }
            }
        }
        exact.extend(starts);
        exact.truncate(room);
        exact
    }

    fn file_targets(&self, query: &str, room: usize) -> Vec<Candidate> {
        if room == 0 {
            return Vec::new();
        }
        let docs = &self.store.docs;
        // The locale too, so that `faq ja` finds the Japanese FAQ whatever
        // its folder is called.
        let named = (docs.iter().enumerate()).map(|(i, d)| (i, format!("{} {}", d.path, d.locale)));
        let mut found = best_matches(query, named);
        found.truncate(room);
        found
            .into_iter()
            .map(|doc| Candidate {
                target: Target::File { doc },
                label: one_line(&format!("{} ({})", docs[doc].path, docs[doc].locale)),
            })
            .collect()
    }

    /// Goes to a target and says where it is.
    pub fn jump(&mut self, target: Target) {
        let (doc, segment) = match target {
            Target::Segment { doc, segment } => (doc, Some(segment)),
            Target::File { doc } => (doc, None),
        };
        if doc != self.doc {
            self.open(doc);
        }
        if let Some(segment) = segment {
            self.go_to(segment);
        }
        let d = &self.store.docs[self.doc];
        let seg = &d.segments[self.position().cursor.min(d.segments.len() - 1)];
        let message = format!("{}:{} · {}", d.path, seg.line, seg.id());
        self.say(message);
    }
}
