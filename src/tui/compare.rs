//! Comparing translations of one sentence: the same article in the next
//! locale (`L`), the same document of a WMT MQM file in the next system
//! (`>` `<`), and the scope that narrows the screen to one system or to the
//! segments one rater marked (the picker of `F`).

use super::align::matching_segment;
use super::display::plural;
use super::layout::Scroll;
use super::session::Session;
use super::wmt;
use crate::store::wmt::names;

impl Session {
    /// Opens the same article in the next locale, on the same English sentence.
    pub fn next_locale(&mut self) {
        let group = self.store.translations_of(self.doc);
        let here = &self.store.docs[self.doc];
        // The next file of the group in a different locale, cycling.
        let start = group.iter().position(|&d| d == self.doc).unwrap_or(0);
        let next = (1..group.len())
            .map(|i| group[(start + i) % group.len()])
            .find(|&d| self.store.docs[d].locale != here.locale);
        let Some(next) = next else {
            let others = match self.wmt.system(self.doc) {
                Some(_) => {
                    "; its other translations are other systems' (the next system shows them)"
                }
                None => "; load its other translations to switch",
            };
            let message = self.so_far(format!(
                "{} is loaded in no other locale{others}",
                here.path
            ));
            return self.complain(message);
        };
        self.show_translation(next);
        let doc = &self.store.docs[next];
        let message = format!("{}: {}", doc.locale, doc.path);
        self.say(message);
    }

    /// Opens the same document of a WMT MQM file as the next (or previous)
    /// system translated it, on the same segment and with the view where it
    /// was. A scope on one system moves to that system; under a scope on one
    /// rater, systems whose segment that rater marked nothing in are passed.
    pub fn next_system(&mut self, forward: bool) {
        let Some((system, name)) = names(&self.store.docs[self.doc]) else {
            return self.complain(
                "this file holds one translation; only a WMT MQM file has other systems to switch to",
            );
        };
        let (system, name) = (system.to_string(), name.to_string());
        let (here, cursor) = (&self.store.docs[self.doc], self.position().cursor);
        let rater_marked = |d: usize| {
            let doc = &self.store.docs[d];
            self.scope
                .shows_segment(doc, matching_segment(here, cursor, doc))
        };
        let mut group: Vec<usize> = self
            .store
            .translations_of(self.doc)
            .into_iter()
            .filter(|&d| self.wmt.system(d).is_some() && (d == self.doc || rater_marked(d)))
            .collect();
        group.sort_by_key(|&d| self.wmt.rank(d));
        if group.len() < 2 {
            let message = match self.scope.rater.as_deref() {
                Some(rater) => format!(
                    "{rater} marked this segment in no other system's translation of {name}"
                ),
                None => format!("only {system}'s translation of {name} is loaded"),
            };
            let message = self.so_far(message);
            return self.complain(message);
        }
        let at = group.iter().position(|&d| d == self.doc).unwrap_or(0);
        let next = match forward {
            true => (at + 1) % group.len(),
            false => (at + group.len() - 1) % group.len(),
        };
        let doc = group[next];
        let system = self.wmt.system(doc).unwrap_or_default().to_string();
        if self.scope.system.is_some() {
            self.scope.system = Some(system.clone());
        }
        self.show_translation(doc);
        let which = match self.scope.rater.as_deref() {
            Some(rater) => format!("whose translation {rater} marked here"),
            None => format!("that translated {name}"),
        };
        self.say(format!(
            "{system}: system {} of {} {which}",
            next + 1,
            group.len()
        ));
    }

    /// Opens another translation of the open document on the segment that
    /// translates the same source, keeping the view's top on the same
    /// sentence when that still shows the cursor. A segment the rater of
    /// the scope marked nothing in gives way to the nearest one they did.
    fn show_translation(&mut self, next: usize) {
        let (from, to) = (&self.store.docs[self.doc], &self.store.docs[next]);
        let position = self.position();
        let cursor = matching_segment(from, position.cursor, to);
        let top = matching_segment(from, position.top, to);
        let rater_marked = self.scope.shows_segment(to, cursor);
        self.open(next);
        match rater_marked {
            true => self.go_to(cursor),
            false => _ = self.land_on(cursor),
        }
        if self.shown(top) && top <= cursor {
            self.position_mut().top = top;
            self.scroll(Scroll::Keep);
        }
    }

    /// Shows only `system`'s documents (`None`: every system's), on the
    /// same segment of the same document when that system translated it.
    pub fn set_system(&mut self, system: Option<String>) {
        let Some(chosen) = system else {
            self.scope.system = None;
            return self.say_scope();
        };
        let before = self.scope.system.replace(chosen.clone());
        let same_document = self
            .store
            .translations_of(self.doc)
            .into_iter()
            .find(|&d| self.wmt.system(d) == Some(chosen.as_str()) && self.doc_in_scope(d));
        let first = self.docs_in_scope().next();
        match (same_document, first) {
            (Some(doc), _) => self.show_translation(doc),
            (None, Some(doc)) => self.open(doc),
            (None, None) => {
                self.scope.system = before;
                let scope = self
                    .scope
                    .label()
                    .map_or(String::new(), |s| format!(" ({s})"));
                return self.complain(format!("no document of {chosen} in this view{scope}"));
            }
        }
        self.say_scope();
    }

    /// Shows only the segments `rater` marked an error in (`None`: every
    /// segment), their spans alone highlighted, from the open file when
    /// the rater marked something in it.
    pub fn choose_rater(&mut self, rater: Option<String>) {
        let before = self.scope.rater.clone();
        self.set_rater(rater);
        if !self.doc_in_scope(self.doc) {
            let first = self.docs_in_scope().next();
            match first {
                Some(doc) => self.open(doc),
                None => {
                    let scope = self.scope.label().unwrap_or_default();
                    self.set_rater(before);
                    return self.complain(format!("no segment to show: {scope}"));
                }
            }
        }
        let cursor = self.position().cursor;
        self.land_on(cursor);
        self.say_scope();
    }

    /// Sets the rater of the scope; the highlights follow, since only the
    /// chosen rater's spans show while one is chosen.
    pub fn set_rater(&mut self, rater: Option<String>) {
        if self.scope.rater != rater {
            self.scope.rater = rater;
            self.refresh_all_marks();
        }
    }

    /// Says what the scope shows, with how many segments in how many files.
    fn say_scope(&mut self) {
        let Some(scope) = self.scope.label() else {
            return self.say("showing every system's documents and every segment");
        };
        let docs: Vec<usize> = self.docs_in_scope().collect();
        let segments: usize = docs
            .iter()
            .map(|&d| {
                let doc = &self.store.docs[d];
                (0..doc.segments.len())
                    .filter(|&s| self.scope.shows_segment(doc, s))
                    .count()
            })
            .sum();
        self.say(format!(
            "showing {scope}: {} in {}",
            plural(segments, "segment", "segments"),
            plural(docs.len(), "document", "documents")
        ));
    }

    /// Whether the scope visits this document.
    pub fn doc_in_scope(&self, doc: usize) -> bool {
        self.store
            .docs
            .get(doc)
            .is_some_and(|d| self.scope.shows_doc(&self.wmt, doc, d))
    }

    /// The documents the scope visits, in the order the screen visits them.
    pub fn docs_in_scope(&self) -> impl Iterator<Item = usize> + '_ {
        self.wmt
            .order()
            .iter()
            .copied()
            .filter(|&d| self.doc_in_scope(d))
    }

    /// How many segments `rater` marked an error in, over every file.
    pub fn marked_by(&self, rater: &str) -> usize {
        self.store
            .docs
            .iter()
            .map(|doc| {
                (0..doc.segments.len())
                    .filter(|&s| wmt::marked_by(doc, s, rater))
                    .count()
            })
            .sum()
    }
}
