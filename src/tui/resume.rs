//! Where a review opens: where it left off. Nothing is stored for this: the
//! notes file already says when each segment was marked (`time`), so the
//! review reopens on the segment whose entry is the latest. That file may
//! still be loading: the review then opens there when it arrives, unless the
//! reviewer has moved by then.

use std::path::Path;

use super::session::Session;

impl Session {
    /// Opens the segment whose notes entry has the latest `time` among the
    /// files of `first_path` (the first path on the command line; all files
    /// without one), or the first of those files when none has an entry.
    /// Entries marked in the same second (`a` `a` `a`) count in document
    /// order, so the review goes on after the last of them.
    pub fn resume(&mut self, first_path: Option<&Path>) {
        // A WMT MQM file's documents are `FILE#SYSTEM/DOC`: within FILE too.
        let within = |file: &str| {
            first_path.is_none_or(|first| {
                let first_name = first.to_string_lossy();
                Path::new(file).starts_with(first)
                    || file
                        .strip_prefix(&*first_name)
                        .is_some_and(|rest| rest.starts_with('#'))
            })
        };
        let mut latest: Vec<(std::time::SystemTime, usize, &str, &str)> = self
            .notes
            .entries()
            .enumerate()
            .filter(|(_, entry)| within(&entry.file))
            .filter_map(|(order, entry)| {
                let time = humantime::parse_rfc3339_weak(&entry.time).ok()?;
                Some((time, order, entry.file.as_str(), entry.id.as_str()))
            })
            .collect();
        latest.sort_unstable_by(|a, b| b.cmp(a));
        let target = latest.into_iter().find(|&(_, _, file, id)| {
            match self.store.docs.iter().find(|d| d.path == file) {
                Some(doc) => doc.segments.iter().any(|s| s.id() == id),
                // Not loaded yet: it may be there.
                None => self.loading.is_some(),
            }
        });
        match target {
            Some((_, _, file, id)) => {
                let (file, id) = (file.to_string(), id.to_string());
                self.resume_at(&file, &id);
            }
            None => {
                let first = (0..self.store.docs.len())
                    .find(|&d| within(&self.store.docs[d].path))
                    .unwrap_or(0);
                self.open(first);
            }
        }
    }

    /// Opens a segment named as the notes file names it and says that the
    /// review resumed there; one whose file has not arrived yet is opened
    /// when it does.
    pub(super) fn resume_at(&mut self, file: &str, id: &str) {
        if !self.store.docs.iter().any(|d| d.path == file) {
            self.pending_resume = Some((file.to_string(), id.to_string()));
            return;
        }
        if let Some(segment) = self.go_to_segment(file, id) {
            self.go_to(segment);
            // A file that arrives late must not push aside an error the
            // reviewer has not seen yet (why the notes file is read-only).
            if !self.flash.as_ref().is_some_and(|f| f.error) {
                self.say(format!(
                    "resumed at {id} in {file}, the segment reviewed last"
                ));
            }
        }
    }
}
