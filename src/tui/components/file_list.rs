//! The file list: every loaded file the scope visits, in the order `Tab`
//! visits them, with its locale and review progress; typing filters it,
//! Enter opens the chosen file. A document of a WMT MQM file is named by
//! its `doc` and system.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::store::Document;
use crate::text::str_width;
use crate::tui::action::FileListAction;
use crate::tui::cells::{fill, framed_popup, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{one_line, pasted, shorten_left};
use crate::tui::jump::best_matches;
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;
use crate::tui::wmt;

/// Rows a page key moves the selection by.
const PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileList {
    pub filter: String,
    /// Index into `matches`.
    pub selected: usize,
    /// Documents whose name or locale contains the filter, in the order the
    /// screen visits them.
    pub matches: Vec<usize>,
    /// Every document's locale and name, safe to draw.
    names: Vec<(String, String)>,
    /// The filter, safe to draw.
    shown_filter: String,
}

impl FileList {
    /// The list of every file, the open one selected.
    pub fn new(session: &Session) -> FileList {
        let names = session.store.docs.iter().map(shown_name).collect();
        let mut list = FileList {
            filter: String::new(),
            selected: 0,
            matches: Vec::new(),
            names,
            shown_filter: String::new(),
        };
        list.refilter(session);
        list.selected = list
            .matches
            .iter()
            .position(|&d| d == session.doc)
            .unwrap_or(0);
        list
    }

    fn refilter(&mut self, session: &Session) {
        self.shown_filter = one_line(&self.filter);
        // The locale too, so that `ja faq` finds the Japanese FAQ whatever
        // its folder is called; as `:` matches files.
        let names = &self.names;
        let named =
            (session.docs_in_scope()).map(|d| (d, format!("{} {}", names[d].1, names[d].0)));
        self.matches = best_matches(&self.filter, named);
        self.selected = 0;
    }

    /// Files loaded in the background since the list opened join it; the
    /// selected file stays selected.
    fn take_new_files(&mut self, session: &Session) {
        let docs = &session.store.docs;
        if docs.len() == self.names.len() {
            return;
        }
        self.names
            .extend(docs[self.names.len()..].iter().map(shown_name));
        let selected = self.matches.get(self.selected).copied();
        self.refilter(session);
        self.selected = (self.matches.iter())
            .position(|&d| Some(d) == selected)
            .unwrap_or(0);
    }

    fn last(&self) -> usize {
        self.matches.len().saturating_sub(1)
    }
}

/// A document's locale and name as the list shows them, safe to draw.
fn shown_name(doc: &Document) -> (String, String) {
    let name = match wmt::parts(doc) {
        Some((file, system, name)) => format!("{name} · {system} · {file}"),
        None => doc.path.clone(),
    };
    (one_line(&doc.locale), one_line(&name))
}

impl Component for FileList {
    fn mode(&self) -> &'static str {
        "file_list"
    }

    fn refresh(&mut self, session: &Session) {
        self.take_new_files(session);
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        match keymaps.text_action::<FileListAction>(key) {
            Some(FileListAction::Close) => return Outcome::Close,
            Some(FileListAction::Open) => {
                if let Some(&doc) = self.matches.get(self.selected) {
                    session.open(doc);
                }
                return Outcome::Close;
            }
            Some(FileListAction::Down) => self.selected = (self.selected + 1).min(self.last()),
            Some(FileListAction::Up) => self.selected = self.selected.saturating_sub(1),
            Some(FileListAction::PageDown) => {
                self.selected = (self.selected + PAGE).min(self.last())
            }
            Some(FileListAction::PageUp) => self.selected = self.selected.saturating_sub(PAGE),
            Some(FileListAction::DeleteChar) => {
                self.filter.pop();
                self.refilter(session);
            }
            None => {
                if let Some(c) = key.text() {
                    self.filter.push(c);
                    self.refilter(session);
                }
            }
        }
        Outcome::Stay
    }

    fn paste(&mut self, text: &str, session: &mut Session) {
        self.filter.extend(pasted(text));
        self.refilter(session);
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        let choose = format!(
            "{}/{}",
            keymaps.label(FileListAction::Up),
            keymaps.label(FileListAction::Down)
        );
        vec![
            Hint::text("type to filter"),
            Hint {
                keys: choose,
                what: "choose",
            },
            Hint::new(keymaps, FileListAction::Open, "open"),
            Hint::new(keymaps, FileListAction::Close, "close"),
        ]
    }

    /// Framed across the whole width, so that nothing of the panes (the
    /// gutter's marks) shows beside the list.
    fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect) {
        let (theme, session) = (ctx.theme, ctx.session);
        let mode = session.width_mode;
        let popup = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(2),
        );
        let scope = session
            .scope
            .label()
            .map_or(String::new(), |s| format!(" ({})", one_line(&s)));
        let files = format!(
            "files: {} of {}{scope}",
            self.matches.len(),
            session.store.docs.len()
        );
        let title = format!(
            " {} · filter: {}▏ ",
            session.so_far(files),
            self.shown_filter
        );
        let inner = framed_popup(buf, theme, mode, popup, &title);
        let rows = inner.height as usize;
        let first = self.selected.saturating_sub(rows.saturating_sub(1));
        for (i, &doc) in self.matches.iter().enumerate().skip(first).take(rows) {
            let (locale, path) = &self.names[doc];
            let p = session.progress(doc);
            let counts = format!(
                " {:<6} {:>5}/{:<5} {:>3}%  ✗{:<3} !{:<3} ",
                locale,
                p.review.reviewed,
                p.review.segments,
                p.review.percent.floor() as usize,
                p.review.bad.total(),
                p.suspicious,
            );
            // The file name is what tells the rows apart: a long path gives
            // up its start, as in the top bar.
            let room = (inner.width as usize).saturating_sub(str_width(&counts, mode));
            let line = format!("{counts}{}", shorten_left(path, room, mode));
            let mut style = theme.popup;
            if i == self.selected {
                style = style.patch(theme.selection);
            }
            let y = inner.y + (i - first) as u16;
            fill(buf, Rect::new(inner.x, y, inner.width, 1), style);
            put(buf, mode, (inner.x, y), &line, inner.width as usize, style);
        }
    }
}
