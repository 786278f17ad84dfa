//! The review screen: the session (the document and the positions), the
//! stack of modes above the panes, and `update`, which carries out a
//! normal-mode action. No terminal here: `App::key` and `App::update` are
//! unit-tested directly, and `App` draws into any ratatui buffer.

use std::path::Path;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::action::Action;
use super::component::{Component, Context, Outcome};
use super::components::command_line::CommandLine;
use super::components::copy_menu::CopyMenu;
use super::components::detail_bar::DetailBar;
use super::components::error_list::ErrorList;
use super::components::file_list::FileList;
use super::components::findings_list::FindingsList;
use super::components::help::Help;
use super::components::mark_dialog::MarkDialog;
use super::components::panes::Panes;
use super::components::reading::Reading;
use super::components::scope_picker::ScopePicker;
use super::components::search_prompt::{SearchPrompt, no_match_hint};
use super::components::search_results::SearchResults;
use super::components::segment_comment::SegmentComment;
use super::components::span_mode::SpanMode;
use super::components::status_bar::StatusBar;
use super::components::warnings::Warnings;
use super::components::{too_small, top_bar};
use super::display::{drawn_line, plural};
use super::geometry::Arrangement;
use super::keymap::Keymaps;
use super::keys::Key;
use super::session::{RawView, Session};
use super::theme::Theme;
use crate::check::Finding;
use crate::notes::Notes;
use crate::store::{Document, Problems, Store};
use crate::text::WidthMode;

pub struct Options {
    pub keymaps: Keymaps,
    pub theme: Theme,
    pub width_mode: WidthMode,
    pub mouse: bool,
    pub notes: Notes,
    pub reviewer: String,
    /// The config file's warnings, listed with the store's and the notes file's.
    pub warnings: Vec<String>,
}

pub struct App {
    pub session: Session,
    pub keymaps: Keymaps,
    pub theme: Theme,
    pub mouse: bool,
    /// The panes at the bottom, the mode that has the keyboard on top.
    modes: Vec<Box<dyn Component>>,
    detail: DetailBar,
    status: StatusBar,
    pub quit: bool,
    /// Set when the terminal must be handed back to the shell (Ctrl-Z).
    pub suspend: bool,
}

impl App {
    pub fn new(store: Store, options: Options) -> App {
        let session = Session::new(
            store,
            options.notes,
            options.reviewer,
            options.width_mode,
            options.warnings,
        );
        let mut app = App {
            session,
            keymaps: options.keymaps,
            theme: options.theme,
            mouse: options.mouse,
            modes: vec![Box::new(Panes::default())],
            detail: DetailBar::default(),
            status: StatusBar::default(),
            quit: false,
            suspend: false,
        };
        // Said from the first frame: another sxs holds the notes file, or it
        // could not be read.
        if let Some(reason) = app.session.notes.read_only_reason() {
            let message = format!("read-only: {reason}");
            app.session.complain(message);
        }
        app.refresh();
        app
    }

    /// The config name of the mode that has the keyboard (`normal`, `dialog`).
    pub fn mode(&self) -> &'static str {
        self.top().mode()
    }

    /// The mode on top, as its own type (`app.top_as::<FileList>()`).
    pub fn top_as<T: Component>(&self) -> Option<&T> {
        self.top().downcast_ref()
    }

    fn top(&self) -> &dyn Component {
        self.modes
            .last()
            .expect("the panes are never closed")
            .as_ref()
    }

    /// A key from the terminal, to the mode that has the keyboard. Ctrl-C
    /// quits and Ctrl-Z suspends whatever the mode and the config file; a
    /// mode left open by Ctrl-Z is there again after `fg`.
    pub fn key(&mut self, event: KeyEvent) {
        let key = Key::from_event(event);
        self.session.flash = None;
        // The reviewer has started before the file the review left off in
        // arrived: they stay where they are.
        self.session.pending_resume = None;
        if key == Key::QUIT {
            self.quit = true;
            return;
        }
        if key == Key::SUSPEND {
            self.suspend = true;
            return;
        }
        // `a` confirms only as the very next key.
        let armed = self.session.ok_armed.take();
        let top = self.modes.last_mut().expect("the panes are never closed");
        match top.key(key, &mut self.session, &self.keymaps) {
            Outcome::Stay => {}
            Outcome::Close => self.close_top(),
            Outcome::Run(action) => {
                self.session.ok_armed = armed;
                self.update(action)
            }
            Outcome::Repeat(action, count) => self.update_counted(action, count),
            Outcome::Push(mode) => self.modes.push(mode),
            Outcome::Back => {
                while self.modes.len() > 1 {
                    self.close_top();
                }
            }
        }
        self.session.say_left_view();
        self.refresh();
    }

    fn close_top(&mut self) {
        if self.modes.len() > 1
            && let Some(mut mode) = self.modes.pop()
        {
            mode.leave(&mut self.session);
        }
    }

    /// Carries out one normal-mode action.
    pub fn update(&mut self, action: Action) {
        let armed = self.session.ok_armed.take();
        let s = &mut self.session;
        match action {
            Action::NextSegment => s.move_by(1),
            Action::PrevSegment => s.move_by(-1),
            Action::HalfPageDown => s.half_page(true),
            Action::HalfPageUp => s.half_page(false),
            Action::PageDown => s.page(true),
            Action::PageUp => s.page(false),
            Action::First => s.edge(false),
            Action::Last => s.edge(true),
            Action::NextFile => s.open_relative(1),
            Action::PrevFile => s.open_relative(-1),
            Action::Jump => self.modes.push(Box::new(CommandLine::new())),
            Action::Search => self.modes.push(Box::new(SearchPrompt::new(s))),
            Action::NextHit => self.next_hit(true),
            Action::PrevHit => self.next_hit(false),
            Action::ClearSearch => s.search.clear(),
            Action::SearchAll if s.search.query.is_empty() => {
                let search = self.keymaps.label(Action::Search);
                s.complain(format!("no search yet; {search} starts one"));
            }
            Action::SearchAll => self.modes.push(Box::new(SearchResults::new(s))),
            Action::MarkOk => {
                let here = (s.doc, s.position().cursor);
                let keys = (
                    self.keymaps.label(Action::MarkOk),
                    self.keymaps.label(Action::Undo),
                );
                s.mark_ok(armed == Some(here), (&keys.0, &keys.1))
            }
            Action::MarkBad if s.segment_count() > 0 => {
                s.make_room_below();
                self.modes.push(Box::new(MarkDialog::new(s)))
            }
            Action::MarkBad => {}
            Action::SelectSpan => match SpanMode::new(s) {
                Ok(mode) => self.modes.push(Box::new(mode)),
                Err(why) => s.complain(why),
            },
            Action::Errors => match ErrorList::new(s, &self.keymaps) {
                Ok(list) => self.modes.push(Box::new(list)),
                Err(why) => s.complain(why),
            },
            Action::Comment => {
                if let Some(comment) = SegmentComment::new(s) {
                    self.modes.push(Box::new(comment))
                }
            }
            Action::ClearMark => s.clear_mark(),
            Action::Undo => s.undo(false),
            Action::Redo => s.undo(true),
            Action::NextFlagged => s.next_attention(true),
            Action::PrevFlagged => s.next_attention(false),
            Action::AcceptFinding => s.accept_finding(0),
            Action::DismissFinding => s.dismiss_finding(0),
            Action::Findings => match FindingsList::new(s, &self.keymaps) {
                Ok(list) => self.modes.push(Box::new(list)),
                Err(why) => s.complain(why),
            },
            Action::CycleFilter => s.cycle_filter(),
            Action::Scope => match ScopePicker::new(s) {
                Ok(picker) => self.modes.push(Box::new(picker)),
                Err(why) => s.complain(why),
            },
            Action::NextLocale => s.next_locale(),
            Action::NextSystem => s.next_system(true),
            Action::PrevSystem => s.next_system(false),
            Action::ReadingMode => {
                let cursor = s.position().cursor;
                self.modes.push(Box::new(Reading::new(s, false, cursor)))
            }
            Action::FileList => self.modes.push(Box::new(FileList::new(s))),
            Action::Warnings => self.modes.push(Box::new(Warnings::new(s))),
            Action::RawSegment => s.toggle_raw(RawView::Cursor),
            Action::RawAll => s.toggle_raw(RawView::All),
            Action::Copy if s.segment_count() > 0 => self.modes.push(Box::new(CopyMenu)),
            Action::Copy => {}
            Action::Edit => s.request_edit(),
            Action::Help => self.modes.push(Box::new(Help::new(&self.keymaps, s))),
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
        }
        self.refresh();
    }

    /// Carries out an action with a count typed before it: a move goes that
    /// many times, `g` and `G` go to that segment (as vi's `40G` goes to
    /// line 40); other actions take no count.
    pub fn update_counted(&mut self, action: Action, count: usize) {
        let s = &mut self.session;
        match action {
            Action::NextSegment => s.move_by(count as isize),
            Action::PrevSegment => s.move_by(-(count as isize)),
            Action::First | Action::Last => s.go_to(count.saturating_sub(1)),
            Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::NextFile
            | Action::PrevFile
            | Action::NextHit
            | Action::PrevHit
            | Action::NextFlagged
            | Action::PrevFlagged
            | Action::NextSystem
            | Action::PrevSystem => {
                for _ in 0..count {
                    self.update(action);
                    if self.session.flash.as_ref().is_some_and(|f| f.error) {
                        break;
                    }
                }
            }
            _ => self.update(action),
        }
        self.refresh();
    }

    fn next_hit(&mut self, forward: bool) {
        let s = &mut self.session;
        if s.search.query.is_empty() {
            let search = self.keymaps.label(Action::Search);
            return s.complain(format!("no search yet; {search} starts one"));
        }
        match s.search.next(s.position().cursor, forward) {
            Some((hit, wrapped)) => {
                s.go_to(hit);
                if wrapped {
                    s.say(match forward {
                        true => "search wrapped to the top",
                        false => "search wrapped to the bottom",
                    });
                }
            }
            None => {
                let query = s.search.query.clone();
                let hint = no_match_hint(s, &query, &self.keymaps);
                let shown = drawn_line(&query);
                s.complain(format!("no match for “{shown}” in this file{hint}"));
            }
        }
    }

    /// Text pasted into the terminal (bracketed paste), to the mode on top.
    pub fn paste(&mut self, text: &str) {
        let top = self.modes.last_mut().expect("the panes are never closed");
        top.paste(text, &mut self.session);
        self.refresh();
    }

    /// The mouse wheel moves the cursor, in normal mode only.
    pub fn scroll(&mut self, down: bool) {
        if self.modes.len() == 1 {
            self.update(if down {
                Action::NextSegment
            } else {
                Action::PrevSegment
            });
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.session.resize(width, height);
        for mode in &mut self.modes {
            mode.resize(&self.session);
        }
        self.refresh();
    }

    /// Findings arrive from the checks, which run off the event loop. Their
    /// message does not push aside another one the reviewer has not seen
    /// yet (why the notes file is read-only, where the review resumed).
    pub fn set_findings(&mut self, findings: Vec<Finding>) {
        let count = findings.len();
        self.session.set_findings(findings);
        // Said only if nothing else is: an error the reviewer has not seen
        // yet, or where the review resumed, matters more.
        if self.session.flash.is_none() {
            let total = self.session.total_progress().suspicious;
            let (next, prev) = (
                self.keymaps.label(Action::NextFlagged),
                self.keymaps.label(Action::PrevFlagged),
            );
            let message = match count {
                0 => "checks done: no findings".to_string(),
                _ => format!(
                    "checks done: {} on {}; {next} and {prev} visit them",
                    plural(count, "finding", "findings"),
                    plural(total, "segment", "segments")
                ),
            };
            self.session.say(message);
        }
        self.refresh();
    }

    /// Opens a document (as the file list does).
    pub fn open_doc(&mut self, doc: usize) {
        self.session.open(doc);
        self.refresh();
    }

    /// Documents read in the background join the review.
    pub fn add_documents(&mut self, docs: Vec<Document>) {
        self.session.add_documents(docs);
        self.refresh();
    }

    /// Every file has been read (see `Session::loaded`).
    pub fn loaded(&mut self, problems: Problems) {
        self.session.loaded(problems);
        self.refresh();
    }

    /// Opens where the review left off (see `Session::resume`).
    pub fn resume(&mut self, first_path: Option<&Path>) {
        self.session.resume(first_path);
        self.refresh();
    }

    /// Reads a document's file again after the editor changed it;
    /// `editor` is what the editor's run said (`Err`: it failed).
    pub fn reload(&mut self, doc: usize, editor: Result<&str, &str>) {
        self.session.reload(doc, editor);
        self.refresh();
    }

    /// Puts the cursor on a segment of the open document.
    pub fn go_to(&mut self, segment: usize) {
        self.session.go_to(segment);
        self.refresh();
    }

    /// The review ends: the time on screen not saved yet is saved.
    pub fn finish(&mut self) {
        self.session.finish_time();
    }

    /// Prepares what the bars and the open modes show, once per change
    /// rather than per frame, and follows the cursor for the time on screen.
    fn refresh(&mut self) {
        self.session.track_time();
        for mode in &mut self.modes {
            mode.refresh(&self.session);
        }
        let top = self.modes.last().expect("the panes are never closed");
        let ctx = Context {
            session: &self.session,
            theme: &self.theme,
            keymaps: &self.keymaps,
        };
        self.detail.refresh(&ctx);
        self.status.refresh(&ctx, top.as_ref());
    }

    pub fn draw(&self, frame: &mut Frame) {
        frame.render_widget(self, frame.area());
    }
}

/// The whole screen: top bar, the panes or the mode that covers them, the
/// line about the segment, the status bar, then the popups on top.
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ctx = Context {
            session: &self.session,
            theme: &self.theme,
            keymaps: &self.keymaps,
        };
        let geo = self.session.geometry();
        if geo.arrangement == Arrangement::TooSmall {
            return too_small::draw(&ctx, buf, area);
        }
        let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
        top_bar::draw(&ctx, buf, row(0));
        let base = self
            .modes
            .iter()
            .rposition(|m| m.covers_panes())
            .unwrap_or(0);
        self.modes[base].draw(&ctx, buf, area);
        if let Some(y) = geo.detail {
            self.detail.draw(&ctx, buf, row(y));
        }
        self.status.draw(&ctx, buf, row(area.height - 1));
        for popup in &self.modes[base + 1..] {
            popup.draw(&ctx, buf, area);
        }
    }
}
