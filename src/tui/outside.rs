//! What leaves the review screen and what comes back: a segment's text
//! copied to the terminal's clipboard, its file opened in the editor, and
//! the file read again once the editor is done. The session only says what
//! should happen; the event loop, which owns the terminal, does it.

use std::path::Path;
use std::sync::Arc;

use super::display::plural;
use super::findings::Findings;
use super::session::{Edit, Session};
use crate::store::Store;

/// What the copy key copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Target,
    Source,
    Id,
    /// `FILE:LINE`, as compilers and editors name a place.
    Place,
}

impl Session {
    /// Puts the selected segment's text for the clipboard, raw as the file
    /// has it, and says what was copied. The terminal does the copying
    /// (OSC 52): one that does not support it says nothing, so the message
    /// names the mechanism.
    pub fn copy(&mut self, what: Copied) {
        let Some(doc) = self.store.docs.get(self.doc) else {
            return;
        };
        let Some(seg) = doc.segments.get(self.position().cursor) else {
            return self.complain("no segment to copy");
        };
        let (text, name) = match what {
            Copied::Target => (seg.target().to_string(), "target"),
            Copied::Source => match seg.source() {
                Some(source) => (source.to_string(), "source"),
                None => return self.complain(format!("{} has no source to copy", seg.id())),
            },
            Copied::Id => (seg.id().to_string(), "id"),
            Copied::Place => (format!("{}:{}", doc.path, seg.line), "place"),
        };
        let size = plural(text.chars().count(), "character", "characters");
        let message = format!("copied the {name} of {} ({size}) via OSC 52", seg.id());
        self.to_clipboard = Some(text);
        self.say(message);
    }

    /// Asks for the open file in the editor at the selected segment's line;
    /// a document that is no file on disk (the bundled samples, a WMT file's
    /// document) cannot be edited.
    pub fn request_edit(&mut self) {
        let Some(doc) = self.store.docs.get(self.doc) else {
            return;
        };
        let path = Path::new(&doc.path);
        if !path.is_file() {
            let message = format!(
                "{} is not a file on disk (the bundled samples are built into sxs); nothing to edit",
                doc.path
            );
            return self.complain(message);
        }
        let line = doc
            .segments
            .get(self.position().cursor)
            .map_or(1, |s| s.line);
        self.to_edit = Some(Edit {
            doc: self.doc,
            path: path.to_path_buf(),
            line,
        });
    }

    /// Reads a document's file again after it was edited: its segments,
    /// display forms, marks' staleness and counts follow; the cursor stays
    /// on the same segment id when it still exists. The checks' findings
    /// are dropped until they are run again (`set_findings`). What the
    /// editor said comes first in the message, an error when it failed.
    pub fn reload(&mut self, doc: usize, editor: Result<&str, &str>) {
        let (Ok(note) | Err(note)) = editor;
        let path = self.store.docs[doc].path.clone();
        let mut fresh = match Store::load(&[&path]) {
            Ok(store) if store.docs.len() == 1 => store,
            Ok(_) => {
                return self.complain(format!(
                    "{note}{path}: no longer one segment file; kept as it was"
                ));
            }
            Err(err) => return self.complain(format!("{note}{err}; kept as it was")),
        };
        let cursor_id = self.store.docs[doc]
            .segments
            .get(self.positions[doc].cursor)
            .map(|s| s.id().to_string());
        let fresh_doc = fresh.docs.pop().expect("one document");
        let warnings: Vec<String> = fresh_doc.warnings.iter().map(|w| w.to_string()).collect();
        // Shared with a checks thread only while one runs: then this copies.
        Arc::make_mut(&mut self.store).docs[doc] = fresh_doc;
        self.notes.set_store_order(&self.store);
        self.findings = Findings::default();
        self.displays.forget(doc);
        let segments = &self.store.docs[doc].segments;
        let cursor = cursor_id
            .and_then(|id| segments.iter().position(|s| s.id() == id))
            .unwrap_or(self.positions[doc].cursor)
            .min(segments.len().saturating_sub(1));
        self.positions[doc] = super::session::Position {
            cursor,
            top: cursor,
        };
        warnings.iter().for_each(|w| self.add_warning(w));
        self.recount_all();
        self.open(doc);
        self.go_to(cursor);
        let stale = self.progress(doc).review.stale;
        let mut message = format!(
            "{note}reloaded {path}: {}, {} stale",
            plural(self.segment_count(), "segment", "segments"),
            plural(stale, "mark", "marks")
        );
        if !warnings.is_empty() {
            let count = plural(warnings.len(), "warning", "warnings");
            message += &format!("; {count}, in the warnings list");
        }
        match editor {
            Ok(_) => self.say(message),
            Err(_) => self.complain(message),
        }
    }
}
