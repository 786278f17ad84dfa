//! Where a review opens: where it left off. Nothing is stored for this: the
//! notes file already says when each segment was marked (`time`), so the
//! review reopens on the segment whose entry is the latest.

use std::collections::HashMap;

use super::session::Session;

impl Session {
    /// Opens the segment whose notes entry has the latest `time` among the
    /// documents `docs` (the files of the first path on the command line),
    /// or the first of them when none has an entry. Entries marked in the
    /// same second (`a` `a` `a`) count in document order, so the review
    /// goes on after the last of them.
    pub fn resume(&mut self, docs: &[usize]) {
        let by_path: HashMap<&str, usize> = docs
            .iter()
            .map(|&d| (self.store.docs[d].path.as_str(), d))
            .collect();
        let latest = self
            .notes
            .entries()
            .filter_map(|entry| {
                let doc = *by_path.get(entry.file.as_str())?;
                let time = humantime::parse_rfc3339_weak(&entry.time).ok()?;
                let segment = self.store.docs[doc]
                    .segments
                    .iter()
                    .position(|s| s.id == entry.id)?;
                Some((time, doc, segment))
            })
            .max_by_key(|&(time, _, _)| time);
        match latest {
            Some((_, doc, segment)) => {
                self.open(doc);
                self.go_to(segment);
                let d = &self.store.docs[doc];
                let message = format!(
                    "resumed at {} in {}, the segment reviewed last",
                    d.segments[segment].id, d.path
                );
                self.say(message);
            }
            None => {
                if let Some(&first) = docs.first() {
                    self.open(first);
                }
            }
        }
    }
}
