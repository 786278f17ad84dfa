//! The review screen's state and every change to it. No terminal here:
//! `App::update` is unit-tested directly, and `ui::render` only draws.

use crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::dialog::MarkDialog;
use super::display::Displays;
use super::findings::Findings;
use super::keymap::{Key, Keymap};
use super::layout::{self, Geometry};
use super::reading::Reading;
use super::review::{Filter, Progress};
use super::search::Search;
use super::term::Exclusive;
use super::theme::Theme;
use crate::notes::Notes;
use crate::store::Store;
use crate::text::WidthMode;
use std::sync::Arc;

/// What has the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search; the previous cursor is restored on Esc.
    SearchInput {
        query: String,
        cursor_before: usize,
    },
    Help {
        scroll: usize,
    },
    FileList(FileList),
    /// One locale's text alone, as a document.
    Reading(Reading),
    /// Marking the segment bad: category, severity, comment.
    Mark(MarkDialog),
}

/// The file picker: a filter typed by the user and the selected entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileList {
    pub filter: String,
    /// Index into `matches`.
    pub selected: usize,
    /// Documents whose path contains the filter, in path order.
    pub matches: Vec<usize>,
}

/// A one-line message in the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

/// Where the user is in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Selected segment.
    pub cursor: usize,
    /// First segment drawn.
    pub top: usize,
}

pub struct Options {
    pub keymap: Keymap,
    pub theme: Theme,
    pub width_mode: WidthMode,
    pub mouse: bool,
    pub notes: Notes,
    pub reviewer: String,
}

pub struct App {
    /// Shared with the checks, which run on another thread.
    pub store: Arc<Store>,
    pub notes: Notes,
    pub reviewer: String,
    pub findings: Findings,
    pub filter: Filter,
    /// Review counts per document, kept up to date as marks change.
    pub progress: Vec<Progress>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub width_mode: WidthMode,
    pub mouse: bool,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// The document on screen.
    pub doc: usize,
    /// Position in every document, so that going back returns to the same place.
    pub positions: Vec<Position>,
    pub mode: Mode,
    pub search: Search,
    pub flash: Option<Flash>,
    pub displays: Displays,
    pub quit: bool,
    /// Set when the terminal must be handed back to the shell (Ctrl-Z).
    pub suspend: bool,
    /// Held while saving, so that a terminating signal waits for the save.
    pub exclusive: Exclusive,
}

impl App {
    pub fn new(store: Store, options: Options) -> App {
        let positions = vec![Position::default(); store.docs.len()];
        let displays = Displays::new(&store);
        let mut app = App {
            store: Arc::new(store),
            notes: options.notes,
            reviewer: options.reviewer,
            findings: Findings::default(),
            filter: Filter::All,
            progress: Vec::new(),
            keymap: options.keymap,
            theme: options.theme,
            width_mode: options.width_mode,
            mouse: options.mouse,
            size: (80, 24),
            doc: 0,
            positions,
            mode: Mode::Normal,
            search: Search::default(),
            flash: None,
            displays,
            quit: false,
            suspend: false,
            exclusive: Exclusive::default(),
        };
        app.recount_all();
        app.open(0);
        app
    }

    pub fn position(&self) -> Position {
        self.positions.get(self.doc).copied().unwrap_or_default()
    }

    fn position_mut(&mut self) -> &mut Position {
        &mut self.positions[self.doc]
    }

    pub fn segment_count(&self) -> usize {
        self.store
            .docs
            .get(self.doc)
            .map_or(0, |d| d.segments.len())
    }

    pub fn geometry(&self) -> Geometry {
        Geometry::new(self.size, self.width_mode)
    }

    /// A message in the status bar until the next key.
    pub fn say(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash {
            text: text.into(),
            error: false,
        });
    }

    /// An error in the status bar until the next key.
    pub fn complain(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash {
            text: text.into(),
            error: true,
        });
    }

    /// A key from the terminal: to the open prompt or popup, else through the keymap.
    pub fn key(&mut self, event: KeyEvent) {
        self.flash = None;
        match &self.mode {
            Mode::SearchInput { .. } => self.search_key(event),
            Mode::FileList(_) => self.file_list_key(event),
            Mode::Help { .. } => self.help_key(event),
            Mode::Reading { .. } => self.reading_key(event),
            Mode::Mark(_) => self.dialog_key(event),
            Mode::Normal => match self.keymap.action(Key::from_event(event)) {
                Some(action) => self.update(action),
                None => self.unbound(event),
            },
        }
    }

    fn unbound(&mut self, event: KeyEvent) {
        if event.code == KeyCode::Esc {
            self.search.clear();
            return;
        }
        let help = self.keymap.label(Action::Help);
        self.complain(format!(
            "{} is not bound; {help} lists the keys",
            Key::from_event(event)
        ));
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::NextSegment => self.move_by(1),
            Action::PrevSegment => self.move_by(-1),
            Action::HalfPageDown => self.move_by(self.page_segments(true) as isize / 2 + 1),
            Action::HalfPageUp => self.move_by(-(self.page_segments(false) as isize / 2 + 1)),
            Action::PageDown => self.page(true),
            Action::PageUp => self.page(false),
            Action::First => self.edge(false),
            Action::Last => self.edge(true),
            Action::NextFile => self.open_relative(1),
            Action::PrevFile => self.open_relative(-1),
            Action::Search => {
                self.mode = Mode::SearchInput {
                    query: String::new(),
                    cursor_before: self.position().cursor,
                }
            }
            Action::NextHit => self.next_hit(true),
            Action::PrevHit => self.next_hit(false),
            Action::NextLocale => self.next_locale(),
            Action::ReadingMode => {
                self.mode = Mode::Reading(Reading::new(self, false, self.position().cursor))
            }
            Action::FileList => self.open_file_list(),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::MarkOk => self.mark_ok(),
            Action::MarkBad => self.open_dialog(),
            Action::ClearMark => self.clear_mark(),
            Action::Undo => self.undo(false),
            Action::Redo => self.undo(true),
            Action::NextFlagged => self.next_attention(true),
            Action::PrevFlagged => self.next_attention(false),
            Action::AcceptFinding => self.accept_finding(),
            Action::DismissFinding => self.dismiss_finding(),
            Action::CycleFilter => self.cycle_filter(),
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.keep_cursor_visible();
        if let Mode::Reading(reading) = &self.mode {
            let (source, segment) = (reading.source, reading.segment());
            self.mode = Mode::Reading(Reading::new(self, source, segment));
        }
    }

    /// Moves the cursor `delta` shown segments down (or up), stopping at the ends.
    pub(super) fn move_by(&mut self, delta: isize) {
        let cursor = self.position().cursor;
        let down = delta > 0;
        let target = layout::walk(self, cursor, down)
            .skip(1)
            .take(delta.unsigned_abs())
            .last();
        if let Some(target) = target {
            self.go_to(target);
        }
    }

    /// Puts the cursor on a segment. One the filter hides turns the filter off.
    pub fn go_to(&mut self, segment: usize) {
        if self.segment_count() == 0 {
            return;
        }
        let segment = segment.min(self.segment_count() - 1);
        if !self.shown(segment) {
            self.filter = super::review::Filter::All;
        }
        self.position_mut().cursor = segment;
        self.keep_cursor_visible();
    }

    fn edge(&mut self, last: bool) {
        let from = if last {
            self.segment_count().saturating_sub(1)
        } else {
            0
        };
        let first = layout::walk(self, from, !last).next();
        if let Some(segment) = first {
            self.go_to(segment);
        }
    }

    /// Segments that fit on one screen from the cursor, down or up.
    fn page_segments(&self, down: bool) -> usize {
        layout::segments_in_page(self, self.position().cursor, down).max(1)
    }

    /// A page moves the view by one screen and puts the cursor on its first
    /// (down) or last (up) segment, as pagers do.
    fn page(&mut self, down: bool) {
        let top = self.position().top;
        let fits = layout::segments_in_page(self, top, down).max(1);
        let (new_top, cursor) = if down {
            let next = layout::walk(self, top, true).nth(fits);
            let last = layout::walk(self, self.segment_count().saturating_sub(1), false).next();
            match next.or(last) {
                Some(t) => (t, t),
                None => return,
            }
        } else {
            let above = layout::walk(self, top, false).nth(1);
            let new_top = layout::walk(self, top, false)
                .nth(fits)
                .or(layout::walk(self, 0, true).next());
            match (new_top, above) {
                (Some(t), Some(c)) => (t, c),
                (Some(t), None) => (t, t),
                _ => return,
            }
        };
        *self.position_mut() = Position {
            cursor,
            top: new_top,
        };
        self.keep_cursor_visible();
    }

    /// Scrolls as little as possible so that the cursor's segment is on screen.
    fn keep_cursor_visible(&mut self) {
        let pos = self.position();
        let top = layout::top_for_cursor(self, pos.cursor, pos.top);
        self.position_mut().top = top;
    }

    pub fn open(&mut self, doc: usize) {
        if doc < self.store.docs.len() {
            self.doc = doc;
            self.displays.ensure(&self.store, doc, self.width_mode);
            self.search.refresh(&self.displays, doc);
            self.keep_cursor_visible();
        }
    }

    fn open_relative(&mut self, delta: isize) {
        let count = self.store.docs.len() as isize;
        if count > 1 {
            self.open((self.doc as isize + delta).rem_euclid(count) as usize);
        }
    }

    fn open_file_list(&mut self) {
        let mut list = FileList::default();
        list.matches = self.file_matches("");
        list.selected = list
            .matches
            .iter()
            .position(|&d| d == self.doc)
            .unwrap_or(0);
        self.mode = Mode::FileList(list);
    }

    fn file_matches(&self, filter: &str) -> Vec<usize> {
        let filter = filter.to_lowercase();
        (0..self.store.docs.len())
            .filter(|&d| {
                let doc = &self.store.docs[d];
                doc.path.to_lowercase().contains(&filter) || doc.locale.contains(&filter)
            })
            .collect()
    }

    fn file_list_key(&mut self, event: KeyEvent) {
        let Mode::FileList(list) = &mut self.mode else {
            return;
        };
        match event.code {
            KeyCode::Esc => self.mode = Mode::Normal,
            KeyCode::Enter => {
                let chosen = list.matches.get(list.selected).copied();
                self.mode = Mode::Normal;
                if let Some(doc) = chosen {
                    self.open(doc);
                }
            }
            KeyCode::Down => {
                list.selected = (list.selected + 1).min(list.matches.len().saturating_sub(1))
            }
            KeyCode::Up => list.selected = list.selected.saturating_sub(1),
            KeyCode::PageDown => {
                list.selected = (list.selected + 10).min(list.matches.len().saturating_sub(1))
            }
            KeyCode::PageUp => list.selected = list.selected.saturating_sub(10),
            KeyCode::Backspace => {
                list.filter.pop();
                let filter = list.filter.clone();
                self.refilter_files(filter);
            }
            KeyCode::Char(c) if !Key::from_event(event).ctrl => {
                list.filter.push(c);
                let filter = list.filter.clone();
                self.refilter_files(filter);
            }
            _ => {}
        }
    }

    fn refilter_files(&mut self, filter: String) {
        let matches = self.file_matches(&filter);
        if let Mode::FileList(list) = &mut self.mode {
            list.matches = matches;
            list.selected = 0;
        }
    }

    fn help_key(&mut self, event: KeyEvent) {
        let Mode::Help { scroll } = &mut self.mode else {
            return;
        };
        match event.code {
            KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
            KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
            _ => self.mode = Mode::Normal,
        }
    }

    fn reading_key(&mut self, event: KeyEvent) {
        let Mode::Reading(reading) = &self.mode else {
            return;
        };
        let (top, source, segment) = (reading.top, reading.source, reading.segment());
        let page = (self.geometry().body_height as usize).max(1);
        let last = reading.lines.len().saturating_sub(page);
        let action = self.keymap.action(Key::from_event(event));
        let new_top = match (event.code, action) {
            (KeyCode::Esc, _) | (_, Some(Action::ReadingMode | Action::Quit)) => {
                self.mode = Mode::Normal;
                return self.go_to(segment);
            }
            (KeyCode::Tab, _) => {
                self.mode = Mode::Reading(Reading::new(self, !source, segment));
                return;
            }
            (_, Some(Action::NextLocale)) => {
                self.go_to(segment);
                self.next_locale();
                self.mode = Mode::Reading(Reading::new(self, source, self.position().cursor));
                return;
            }
            (_, Some(Action::Help)) => {
                self.mode = Mode::Help { scroll: 0 };
                return;
            }
            (_, Some(Action::NextSegment)) => top + 1,
            (_, Some(Action::PrevSegment)) => top.saturating_sub(1),
            (_, Some(Action::PageDown)) => top + page,
            (_, Some(Action::PageUp)) => top.saturating_sub(page),
            (_, Some(Action::HalfPageDown)) => top + page / 2,
            (_, Some(Action::HalfPageUp)) => top.saturating_sub(page / 2),
            (_, Some(Action::First)) => 0,
            (_, Some(Action::Last)) => last,
            _ => top,
        };
        if let Mode::Reading(reading) = &mut self.mode {
            reading.top = new_top.min(last);
        }
    }

    fn search_key(&mut self, event: KeyEvent) {
        let Mode::SearchInput {
            query,
            cursor_before,
        } = &mut self.mode
        else {
            return;
        };
        let before = *cursor_before;
        match event.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.search.clear();
                self.go_to(before);
                return;
            }
            KeyCode::Enter => {
                let query = std::mem::take(query);
                self.mode = Mode::Normal;
                if query.is_empty() {
                    self.search.clear();
                } else if self.search.hits.is_empty() {
                    self.complain(format!("no match for {query:?} in this file"));
                } else {
                    self.say(format!(
                        "{} segments match; n next, N previous",
                        self.search.hits.len()
                    ));
                }
                return;
            }
            KeyCode::Backspace => {
                query.pop();
            }
            KeyCode::Char(c) if !Key::from_event(event).ctrl => query.push(c),
            _ => return,
        }
        let query = query.clone();
        self.set_query(&query, before);
    }

    /// Text pasted into a prompt (bracketed paste) is typed, line breaks as spaces.
    pub fn paste(&mut self, text: &str) {
        if let Mode::Mark(dialog) = &mut self.mode {
            return dialog.paste(text);
        }
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if let Mode::SearchInput {
            query,
            cursor_before,
        } = &mut self.mode
        {
            query.push_str(&clean);
            let (query, before) = (query.clone(), *cursor_before);
            self.set_query(&query, before);
        }
    }

    /// Searches as the user types and shows the first hit at or after where
    /// the search started.
    fn set_query(&mut self, query: &str, from: usize) {
        self.search.set(query, &self.displays, self.doc);
        match self.search.first_at_or_after(from) {
            Some(hit) => self.go_to(hit),
            None => self.go_to(from),
        }
    }

    fn next_hit(&mut self, forward: bool) {
        if self.search.query.is_empty() {
            let search = self.keymap.label(Action::Search);
            return self.complain(format!("no search yet; {search} starts one"));
        }
        match self.search.next(self.position().cursor, forward) {
            Some((hit, wrapped)) => {
                self.go_to(hit);
                if wrapped {
                    self.say(if forward {
                        "search wrapped to the top"
                    } else {
                        "search wrapped to the bottom"
                    });
                }
            }
            None => self.complain(format!("no match for {:?} in this file", self.search.query)),
        }
    }

    /// Opens the same article in the next locale, on the same English sentence.
    fn next_locale(&mut self) {
        let group = self.store.translations_of(self.doc);
        let here = &self.store.docs[self.doc];
        // The next file of the group in a different locale, cycling.
        let start = group.iter().position(|&d| d == self.doc).unwrap_or(0);
        let next = (1..group.len())
            .map(|i| group[(start + i) % group.len()])
            .find(|&d| self.store.docs[d].locale != here.locale);
        let Some(next) = next else {
            return self.complain(format!(
                "{} is loaded in no other locale; load its other translations to switch",
                here.path
            ));
        };
        let target = super::align::matching_segment(
            &self.store.docs[self.doc],
            self.position().cursor,
            &self.store.docs[next],
        );
        self.open(next);
        self.go_to(target);
        let locale = self.store.docs[next].locale.clone();
        self.say(format!("{locale}: {}", self.store.docs[next].path));
    }
}
