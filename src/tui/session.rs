//! What is under review and where the reviewer stands in it: the store, the
//! notes file, the checks' findings, the open document and the position in
//! every document, the filter and the scope, the search and the message of
//! the moment.
//!
//! Components read it to draw and change it through its methods: moving in
//! `nav`, marking in `marks`. It knows no terminal and no key.

use std::sync::Arc;
use std::time::Duration;

use super::checks::CheckChoice;
use super::display::{Displays, one_line, plural};
use super::findings::Findings;
use super::geometry::Geometry;
use super::scope::Scope;
use super::search::Search;
use super::wmt::Wmt;
use crate::check::Finding;
use crate::mqm::Side;
use crate::notes::score::{self, Penalties};
use crate::notes::{Entry, Notes};
use crate::store::{Document, Problems, Store};
use crate::text::{StyledText, WidthMode};

/// Which segments the panes show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// No entry yet.
    Unreviewed,
    /// Marked bad.
    Flagged,
    /// A check found something not dismissed.
    Suspicious,
}

impl Filter {
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Unreviewed,
            Filter::Unreviewed => Filter::Flagged,
            Filter::Flagged => Filter::Suspicious,
            Filter::Suspicious => Filter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Unreviewed => "unreviewed",
            Filter::Flagged => "flagged",
            Filter::Suspicious => "suspicious",
        }
    }
}

/// A file to open in the editor at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub doc: usize,
    pub path: std::path::PathBuf,
    pub line: u32,
}

/// Which rows show their markup as the file has it (the raw view).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RawView {
    #[default]
    Off,
    /// The selected segment, wherever the cursor goes.
    Cursor,
    /// Every row.
    All,
}

/// Where the reviewer is in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Selected segment.
    pub cursor: usize,
    /// First segment drawn.
    pub top: usize,
}

/// A one-line message in the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    /// Safe to draw: sanitised when the message was made.
    pub text: String,
    pub error: bool,
}

/// A span being selected (span mode), as the panes draw it: one side of
/// one segment of the open document, its text with the selection flagged.
#[derive(Debug, Clone)]
pub struct Selecting {
    pub segment: usize,
    pub side: Side,
    pub text: StyledText,
    /// The moving end is the last: the view follows the selection's last
    /// line (else its first).
    pub forward: bool,
}

/// The segment on screen now and since when (time on screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub doc: usize,
    pub segment: usize,
    pub since: std::time::Instant,
}

/// Review progress of one document: the count `sxs stats` makes, and the
/// segments the checks found something in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocProgress {
    pub review: score::Progress,
    /// With a finding not dismissed.
    pub suspicious: usize,
}

impl DocProgress {
    fn add(&mut self, other: &DocProgress) {
        self.review.add(&other.review);
        self.suspicious += other.suspicious;
    }
}

pub struct Session {
    /// Shared with the checks, which run on another thread.
    pub store: Arc<Store>,
    pub notes: Notes,
    pub reviewer: String,
    pub findings: Findings,
    /// The checks that run, as the command line and the config file chose
    /// them.
    pub checks: CheckChoice,
    pub filter: Filter,
    /// One system's documents, one rater's segments (WMT MQM files).
    pub scope: Scope,
    /// The systems and raters of the WMT MQM files, and the order documents
    /// are visited in.
    pub wmt: Wmt,
    pub raw: RawView,
    pub displays: Displays,
    pub search: Search,
    /// The document on screen.
    pub doc: usize,
    /// Terminal size in cells.
    pub size: (u16, u16),
    pub width_mode: WidthMode,
    pub flash: Option<Flash>,
    /// The view a jump had to leave to show its segment (`flagged`,
    /// `rater7's errors`): said with the jump's own message.
    pub(super) left_view: Option<String>,
    /// Text to send to the terminal's clipboard, taken by the event loop.
    pub to_clipboard: Option<String>,
    /// A file to open in the editor, taken by the event loop.
    pub to_edit: Option<Edit>,
    /// The config file sxs looked for, for the help to name; `None` when it
    /// runs without one (tests, benchmarks, no `$HOME`).
    pub config_file: Option<std::path::PathBuf>,
    /// After adding an error, go on to the next segment as `a` does
    /// (config `advance_after_error`); by default the cursor stays, for the
    /// next error of the same segment.
    pub advance_after_error: bool,
    /// The span mode's selection, drawn in the panes.
    pub selecting: Option<Selecting>,
    /// `a` was pressed on this segment (doc, segment), which has errors:
    /// the next action, if `a` again, makes it ok.
    pub(super) ok_armed: Option<(usize, usize)>,
    /// The segment on screen and since when, for its time on screen.
    pub(super) visit: Option<Visit>,
    /// Added to the clock's time: lets a test pass time without waiting.
    pub(super) clock_offset: Duration,
    /// Position in every document, so that going back returns to the same place.
    pub(super) positions: Vec<Position>,
    /// Lines of the cursor's segment scrolled up out of view, when it is
    /// taller than the panes and stands at their top: a page key reads on
    /// inside it (its target below a long source in a small window) before
    /// it moves on. Any move of the cursor or the view sets it back to 0.
    pub scrolled: usize,
    /// Kept up to date as marks and findings change.
    progress: Vec<DocProgress>,
    /// What loading the files, the notes file and the config warned about,
    /// each made safe to draw.
    warnings: Vec<String>,
    /// The named paths that gave nothing, as said on standard error once
    /// the screen has closed: the review then exits with 2, as the batch
    /// commands do.
    pub unusable: Vec<String>,
    /// (documents arrived, files to read) while files are still being read
    /// in the background; `None` once all are.
    /// The total is known once the folders are walked.
    pub loading: Option<(usize, Option<usize>)>,
    /// Where the review left off, in a file not loaded yet: opened when it
    /// arrives, unless the reviewer has moved by then.
    pub(super) pending_resume: Option<(String, String)>,
}

impl Session {
    /// A session on the first document. `warnings` are the caller's (the
    /// config file's); the store's and the notes file's are added.
    pub fn new(
        mut store: Store,
        mut notes: Notes,
        reviewer: String,
        width_mode: WidthMode,
        warnings: Vec<String>,
    ) -> Session {
        // The order was set by the names the files were opened by.
        let renamed = notes.use_its_names(&mut store.docs).map(|w| one_line(&w));
        if renamed.is_some() {
            notes.set_store_order(&store);
        }
        let mut all: Vec<String> = warnings.iter().map(|w| one_line(w)).collect();
        all.extend(store.all_warnings().map(|w| one_line(&w.to_string())));
        all.extend(notes.warnings().iter().map(|w| one_line(&w.to_string())));
        all.extend(renamed);
        let mut session = Session {
            displays: Displays::new(&store),
            positions: vec![Position::default(); store.docs.len()],
            wmt: Wmt::new(&store),
            store: Arc::new(store),
            notes,
            reviewer,
            findings: Findings::default(),
            checks: CheckChoice::default(),
            filter: Filter::All,
            scope: Scope::default(),
            raw: RawView::Off,
            search: Search::default(),
            doc: 0,
            size: (80, 24),
            width_mode,
            flash: None,
            left_view: None,
            to_clipboard: None,
            to_edit: None,
            config_file: None,
            advance_after_error: false,
            selecting: None,
            ok_armed: None,
            visit: None,
            clock_offset: Duration::ZERO,
            progress: Vec::new(),
            warnings: all,
            unusable: Vec::new(),
            loading: None,
            pending_resume: None,
            scrolled: 0,
        };
        session.recount_all();
        session.open(0);
        session
    }

    pub fn position(&self) -> Position {
        self.positions.get(self.doc).copied().unwrap_or_default()
    }

    pub(super) fn position_mut(&mut self) -> &mut Position {
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

    /// What loading warned about, safe to draw.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Adds a warning to the list (`w`); `text` is made safe to draw.
    pub fn add_warning(&mut self, text: &str) {
        self.warnings.push(one_line(text));
    }

    /// A message in the status bar until the next key.
    pub fn say(&mut self, text: impl AsRef<str>) {
        self.flash = Some(Flash {
            text: self.with_left_view(text.as_ref()),
            error: false,
        });
    }

    /// An error in the status bar until the next key.
    pub fn complain(&mut self, text: impl AsRef<str>) {
        self.flash = Some(Flash {
            text: self.with_left_view(text.as_ref()),
            error: true,
        });
    }

    /// `text`, and the view a jump left on the way, if it left one.
    fn with_left_view(&mut self, text: &str) -> String {
        match self.left_view.take() {
            Some(view) => one_line(&format!("{text} (left the {view} view)")),
            None => one_line(text),
        }
    }

    /// Says the view a jump left, when nothing else was said of the jump.
    pub(super) fn say_left_view(&mut self) {
        if let Some(view) = self.left_view.take() {
            self.say(format!(
                "showing every segment: the jump left the {view} view"
            ));
        }
    }

    pub fn entry(&self, doc: usize, segment: usize) -> Option<&Entry> {
        let d = self.store.docs.get(doc)?;
        self.notes.get(&d.path, d.segments.get(segment)?.id())
    }

    /// The findings of a segment that the reviewer has not dismissed.
    pub fn open_findings(&self, doc: usize, segment: usize) -> impl Iterator<Item = &Finding> {
        let dismissed = self
            .entry(doc, segment)
            .map(|e| e.dismissed.as_slice())
            .unwrap_or_default();
        self.findings
            .of(doc, segment)
            .iter()
            .filter(move |f| !dismissed.iter().any(|d| d == f.check))
    }

    pub fn is_stale(&self, doc: usize, segment: usize) -> bool {
        let target = &self.store.docs[doc].segments[segment].target();
        self.entry(doc, segment).is_some_and(|e| e.is_stale(target))
    }

    fn is_bad(&self, doc: usize, segment: usize) -> bool {
        self.entry(doc, segment).is_some_and(Entry::is_bad)
    }

    /// Flagged (bad) or suspicious: where `]` and `[` stop.
    pub fn needs_attention(&self, doc: usize, segment: usize) -> bool {
        self.is_bad(doc, segment) || self.open_findings(doc, segment).next().is_some()
    }

    /// Whether the filter and the scope let the panes show this segment of
    /// the open document.
    pub fn shown(&self, segment: usize) -> bool {
        let doc = self.doc;
        let in_scope = self
            .store
            .docs
            .get(doc)
            .is_some_and(|d| self.scope.shows_segment(d, segment));
        in_scope && self.shown_by_filter(segment)
    }

    /// Whether the filter (`f`) alone lets the panes show this segment.
    fn shown_by_filter(&self, segment: usize) -> bool {
        let doc = self.doc;
        match self.filter {
            Filter::All => true,
            // An entry with no verdict (dismissed findings only) is not a review.
            Filter::Unreviewed => self.entry(doc, segment).is_none_or(|e| e.verdict.is_none()),
            Filter::Flagged => self.is_bad(doc, segment),
            Filter::Suspicious => self.open_findings(doc, segment).next().is_some(),
        }
    }

    pub fn progress(&self, doc: usize) -> DocProgress {
        self.progress.get(doc).cloned().unwrap_or_default()
    }

    pub fn total_progress(&self) -> DocProgress {
        let mut total = DocProgress::default();
        self.progress.iter().for_each(|p| total.add(p));
        total.review.finish();
        total
    }

    /// Documents read in the background since the screen opened: they
    /// join the store after the others, with room for their positions,
    /// display forms and counts, and their warnings join the list.
    pub fn add_documents(&mut self, mut docs: Vec<Document>) {
        let renamed = self.notes.use_its_names(&mut docs);
        self.warnings.extend(renamed.map(|w| one_line(&w)));
        let first = self.store.docs.len();
        let count = docs.len();
        for doc in &docs {
            self.warnings
                .extend(doc.warnings.iter().map(|w| one_line(&w.to_string())));
        }
        // No other holder while loading (the checks start once it is done),
        // so this does not copy the store.
        Arc::make_mut(&mut self.store).docs.extend(docs);
        // The visiting order (and the systems and raters) over every
        // document loaded so far.
        self.wmt = Wmt::new(&self.store);
        self.displays.grow(count);
        self.positions.resize(first + count, Position::default());
        self.progress.resize(first + count, DocProgress::default());
        for doc in first..first + count {
            self.recount(doc);
        }
        if let Some((file, id)) = self.pending_resume.take() {
            self.resume_at(&file, &id);
        }
    }

    /// Every file has been read: what could not be used joins the
    /// warnings, and the notes file is ordered by all the documents.
    pub fn loaded(&mut self, problems: Problems) {
        self.loading = None;
        self.pending_resume = None;
        self.unusable = problems.errors.iter().map(|e| e.to_string()).collect();
        let errors = problems.errors.iter().map(|e| e.to_string());
        let warnings = problems.warnings.iter().map(|w| w.to_string());
        self.warnings
            .extend(errors.chain(warnings).map(|w| one_line(&w)));
        self.notes.set_store_order(&self.store);
        // A named file that turned out unusable is not a warning to miss.
        if !problems.errors.is_empty() {
            let count = plural(problems.errors.len(), "file", "files");
            self.complain(format!("{count} could not be used; w lists why"));
        }
    }

    /// `loading 120/2969 files…` while files are still being read, for
    /// everything that looks across files to say it sees only part of them.
    pub fn still_loading(&self) -> Option<String> {
        Some(match self.loading? {
            (arrived, Some(total)) => format!("loading {arrived}/{total} files…"),
            (_, None) => "listing files…".to_string(),
        })
    }

    /// `what`, and that files are still loading when they are.
    pub fn so_far(&self, what: impl Into<String>) -> String {
        let what = what.into();
        match self.still_loading() {
            Some(loading) => format!("{what} ({loading})"),
            None => what,
        }
    }

    /// Counts one document again, after a change to its marks or findings.
    pub(super) fn recount(&mut self, doc: usize) {
        let Some(d) = self.store.docs.get(doc) else {
            return;
        };
        let review = score::document(d, |id| self.notes.get(&d.path, id), &Penalties::default());
        let suspicious = (0..d.segments.len())
            .filter(|&s| self.open_findings(doc, s).next().is_some())
            .count();
        self.progress[doc] = DocProgress { review, suspicious };
    }

    pub(super) fn recount_all(&mut self) {
        self.progress = vec![DocProgress::default(); self.store.docs.len()];
        for doc in 0..self.store.docs.len() {
            self.recount(doc);
        }
    }

    /// Findings arrive from the checks, which run off the event loop; the
    /// places they are about are highlighted.
    pub fn set_findings(&mut self, findings: Vec<Finding>) {
        self.findings = Findings::new(findings, self.store.docs.len());
        self.recount_all();
        self.refresh_all_marks();
    }
}
