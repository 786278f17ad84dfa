//! Shared by the test binaries: the review screen's state without a terminal,
//! and the `sxs` binary run as a script runs it.

#![allow(dead_code)] // each test binary uses a part

use std::path::Path;
use std::process::{Command, Output};

use sxs::notes::Notes;
use sxs::store::wmt::{RatedError, RatingKind};
use sxs::store::{Document, Store};
use sxs::text::WidthMode;
use sxs::tui::app::{App, Options};
use sxs::tui::keymap::Keymaps;
use sxs::tui::theme::Theme;

/// An app over `store` with its notes file in a fresh folder (kept alive by
/// the returned guard), the checks' findings in, and the window resized.
pub fn app(store: Store, theme: Theme, size: (u16, u16)) -> (App, tempfile::TempDir) {
    app_in(store, theme, size, WidthMode::Narrow)
}

/// `app` for a terminal that counts ambiguous characters as `mode` says.
pub fn app_in(
    store: Store,
    theme: Theme,
    size: (u16, u16),
    mode: WidthMode,
) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let notes = Notes::open(&dir.path().join("sxs-notes.yaml")).unwrap();
    let app = with(store, notes, Keymaps::default(), theme, size, mode);
    (app, dir)
}

/// An app over `store` with these notes and keys, the checks' findings in,
/// the checks' message gone and the window resized (which prepares the bars
/// again).
pub fn with(
    store: Store,
    notes: Notes,
    keymaps: Keymaps,
    theme: Theme,
    (width, height): (u16, u16),
    mode: WidthMode,
) -> App {
    let mut app = App::new(
        store,
        Options {
            keymaps,
            theme,
            width_mode: mode,
            mouse: false,
            notes,
            reviewer: "tester".into(),
            warnings: Vec::new(),
        },
    );
    let findings = sxs::check::run(&app.session.store, &sxs::check::Options::default());
    app.set_findings(findings);
    app.session.flash = None;
    app.resize(width, height);
    app
}

/// Runs the real binary in the package root, as a script would.
pub fn sxs(args: &[&str]) -> Output {
    sxs_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the real binary in `dir`, as a script would.
pub fn sxs_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sxs"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The errors of a document read from a WMT MQM file, with their raters, in
/// the file's order.
pub fn rated_errors(doc: &Document) -> Vec<(&str, &RatedError)> {
    doc.ratings
        .iter()
        .filter_map(|r| match &r.kind {
            RatingKind::Error(e) => Some((r.rater.as_str(), e)),
            _ => None,
        })
        .collect()
}

/// Two findings on the first segment of the first document: the first, with
/// `first` as its message, about the target's first three characters (which
/// it returns), the second, with `second`, about no place.
pub fn two_findings(app: &mut App, first: &str, second: &str) -> String {
    let target = &app.session.store.docs[0].segments[0].target();
    let end = target.char_indices().nth(3).unwrap().0;
    let spot = target[..end].to_string();
    let finding = |check: usize, message: &str, spots| sxs::check::Finding {
        doc: 0,
        segment: 0,
        check: sxs::check::CHECKS[check].name,
        severity: sxs::mqm::Severity::Minor,
        category: "fluency/spelling",
        message: message.to_string(),
        spots,
    };
    let span = sxs::check::Spot {
        side: sxs::check::Side::Target,
        range: 0..end,
    };
    app.set_findings(vec![
        finding(0, first, vec![span]),
        finding(1, second, Vec::new()),
    ]);
    spot
}
