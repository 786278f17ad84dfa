//! Building the review screen's state for tests, without a terminal.

#![allow(dead_code)] // each test binary uses a part

use sxs::notes::Notes;
use sxs::store::Store;
use sxs::text::WidthMode;
use sxs::tui::app::{App, Options};
use sxs::tui::keymap::Keymap;
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
    (width, height): (u16, u16),
    mode: WidthMode,
) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let notes = Notes::open(&dir.path().join("sxs-notes.yaml")).unwrap();
    let mut app = App::new(
        store,
        Options {
            keymap: Keymap::default(),
            theme,
            width_mode: mode,
            mouse: false,
            notes,
            reviewer: "tester".into(),
        },
    );
    let findings = sxs::check::run(&app.store, &sxs::check::Options::default());
    app.set_findings(findings);
    app.resize(width, height);
    app.flash = None;
    (app, dir)
}
