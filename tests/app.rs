//! `App::update` and `App::key` without a terminal: navigation, search, locale
//! switch, resize, file list, reading mode.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sxs::store::Store;
use sxs::tui::action::Action;
use sxs::tui::app::App;
use sxs::tui::components::file_list::FileList;
use sxs::tui::components::help::Help;
use sxs::tui::components::mark_dialog::MarkDialog;
use sxs::tui::components::reading::Reading;
use sxs::tui::geometry::Arrangement;
use sxs::tui::layout;
use sxs::tui::theme::Theme;

/// The bundled samples at this size; the guard keeps the notes folder.
fn samples(width: u16, height: u16) -> (App, tempfile::TempDir) {
    common::app(Store::samples(), Theme::mono(), (width, height))
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn special(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The cursor's segment is among the rows drawn, and the rows fit the body.
fn assert_cursor_visible(app: &App) {
    let rows = layout::rows(&app.session);
    let cursor = app.session.position().cursor;
    assert!(
        rows.iter().any(|r| r.segment == cursor),
        "cursor {cursor} not among rows {:?}",
        rows.iter().map(|r| r.segment).collect::<Vec<_>>()
    );
    assert_eq!(rows[0].segment, app.session.position().top);
}

fn cursor_source(app: &App) -> String {
    let doc = &app.session.store.docs[app.session.doc];
    doc.segments[app.session.position().cursor]
        .source
        .clone()
        .unwrap_or_default()
}

#[test]
fn moving_stays_within_the_document_and_keeps_the_cursor_visible() {
    let (mut app, _notes) = samples(100, 12);
    let last = app.session.segment_count() - 1;
    app.update(Action::PrevSegment);
    assert_eq!(app.session.position().cursor, 0);
    for step in 1..=last + 3 {
        app.update(Action::NextSegment);
        assert_eq!(app.session.position().cursor, step.min(last));
        assert_cursor_visible(&app);
    }
    app.update(Action::First);
    assert_eq!(
        app.session.position(),
        sxs::tui::session::Position { cursor: 0, top: 0 }
    );
    app.update(Action::Last);
    assert_eq!(app.session.position().cursor, last);
    assert_cursor_visible(&app);
    assert!(
        app.session.position().top > 0,
        "a small window scrolls to show the end"
    );
}

#[test]
fn pages_move_by_what_fits_on_screen() {
    let (mut app, _notes) = samples(100, 12);
    app.update(Action::PageDown);
    let after_one = app.session.position();
    assert!(after_one.cursor > 1, "{after_one:?}");
    assert_eq!(
        after_one.cursor, after_one.top,
        "the cursor is at the top of the new page"
    );
    assert_cursor_visible(&app);
    app.update(Action::PageUp);
    assert_eq!(app.session.position().top, 0);
    assert_cursor_visible(&app);
    app.update(Action::First);
    app.update(Action::HalfPageDown);
    let half = app.session.position().cursor;
    assert!(half >= 1 && half < after_one.cursor + 1, "{half}");
    assert_cursor_visible(&app);
    app.update(Action::HalfPageUp);
    assert!(app.session.position().cursor < half);
}

#[test]
fn search_is_incremental_wraps_and_escape_returns() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "jj/");
    assert_eq!(app.mode(), "search");
    press(&mut app, "password");
    let hits: Vec<usize> = app.session.search.hits.iter().map(|(s, _)| *s).collect();
    assert!(hits.len() >= 3, "{hits:?}");
    assert_eq!(
        app.session.position().cursor,
        *hits.iter().find(|&&h| h >= 2).unwrap()
    );
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), "normal");
    // n walks the hits and wraps to the first.
    let start = app.session.position().cursor;
    let mut seen = vec![start];
    let mut wrapped = 0;
    for _ in 0..hits.len() {
        press(&mut app, "n");
        seen.push(app.session.position().cursor);
        wrapped += app
            .session
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("wrapped")) as usize;
    }
    assert_eq!(seen.last(), Some(&start), "{seen:?}");
    assert_eq!(wrapped, 1, "told once that the search wrapped");
    press(&mut app, "N");
    assert_eq!(
        app.session.position().cursor,
        *hits
            .iter()
            .rev()
            .find(|&&h| h < start)
            .unwrap_or(hits.last().unwrap())
    );

    // Esc in the prompt puts the cursor back where the search began.
    press(&mut app, "g/");
    press(&mut app, "Support");
    assert_ne!(app.session.position().cursor, 0);
    special(&mut app, KeyCode::Esc);
    assert_eq!(app.session.position().cursor, 0);
    assert!(app.session.search.query.is_empty());
}

#[test]
fn search_highlights_ranges_in_both_panes_with_smart_case() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "/partner");
    let (_, ranges) = &app.session.search.hits[0];
    let seg = &app.session.displays.get(app.session.doc)[app.session.search.hits[0].0];
    let found: Vec<&str> = ranges
        .source
        .iter()
        .map(|r| &seg.source.text()[r.clone()])
        .collect();
    assert!(
        found.iter().all(|t| t.eq_ignore_ascii_case("partner")),
        "{found:?}"
    );
    press(&mut app, "\u{8}");
    special(&mut app, KeyCode::Esc);
    press(&mut app, "/合作夥伴");
    assert!(!app.session.search.hits[0].1.target.is_empty());
}

#[test]
fn locale_switch_keeps_the_same_english_sentence() {
    let (mut app, _notes) = samples(100, 30);
    assert_eq!(app.session.store.docs[app.session.doc].locale, "zh-tw");
    press(&mut app, "jjjj");
    let source = cursor_source(&app);
    press(&mut app, "L");
    assert_eq!(
        app.session.store.docs[app.session.doc].locale, "tr-tr",
        "same article hash, next locale"
    );
    assert_eq!(cursor_source(&app), source);
    assert_cursor_visible(&app);
    press(&mut app, "L");
    assert_eq!(
        app.session.store.docs[app.session.doc].locale, "zh-tw",
        "cycles back"
    );
    assert_eq!(cursor_source(&app), source);
}

#[test]
fn locale_switch_without_other_translations_says_so() {
    let (mut app, _notes) = samples(100, 30);
    app.open_doc(4); // fr-fr: its own article version
    press(&mut app, "L");
    assert_eq!(app.session.doc, 4);
    assert!(
        app.session
            .flash
            .as_ref()
            .is_some_and(|f| f.error && f.text.contains("no other locale"))
    );
}

#[test]
fn resize_rearranges_panes_and_keeps_the_cursor_visible() {
    let (mut app, _notes) = samples(100, 30);
    app.update(Action::Last);
    for (w, h) in [(40, 12), (70, 8), (200, 60), (24, 6), (30, 7)] {
        app.resize(w, h);
        assert_cursor_visible(&app);
    }
    app.resize(100, 30);
    assert_eq!(app.session.geometry().arrangement, Arrangement::SideBySide);
    app.resize(40, 12);
    assert_eq!(app.session.geometry().arrangement, Arrangement::Stacked);
    app.resize(12, 4);
    assert_eq!(app.session.geometry().arrangement, Arrangement::TooSmall);
    // Keys still work in a tiny window, and nothing panics.
    press(&mut app, "jjkG/x");
}

#[test]
fn the_file_list_filters_as_you_type_and_opens_the_choice() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "o");
    let list = app.top_as::<FileList>().expect("the file list");
    assert_eq!(list.matches.len(), 5);
    press(&mut app, "ko-");
    let list = app.top_as::<FileList>().expect("the file list");
    assert_eq!(list.matches.len(), 1);
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.session.store.docs[app.session.doc].locale, "ko-kr");
    assert_eq!(app.mode(), "normal");
}

#[test]
fn files_keep_their_own_positions() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "jjj");
    app.update(Action::NextFile);
    assert_eq!(app.session.position().cursor, 0);
    app.update(Action::PrevFile);
    assert_eq!(app.session.position().cursor, 3);
}

#[test]
fn reading_mode_shows_one_locale_and_returns_to_the_segment() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "jjjjj");
    let here = app.session.position().cursor;
    press(&mut app, "r");
    let reading = app.top_as::<Reading>().expect("reading mode");
    assert_eq!(reading.segment(), here);
    let shown: String = reading
        .lines
        .iter()
        .map(|l| &l.text.text()[l.line.range()])
        .collect();
    assert!(shown.contains("合作夥伴中心"));
    assert!(!shown.contains("Partner Center"), "target only");
    special(&mut app, KeyCode::Tab);
    let reading = app.top_as::<Reading>().expect("reading mode");
    assert!(reading.source);
    special(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), "normal");
    assert_eq!(app.session.position().cursor, here);
}

#[test]
fn an_unbound_key_says_where_help_is() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "Z");
    let flash = app.session.flash.clone().expect("a message");
    assert!(
        flash.text.contains("not bound") && flash.text.contains('?'),
        "{flash:?}"
    );
    press(&mut app, "?");
    assert_eq!(app.mode(), "help");
    press(&mut app, "q");
    assert_eq!(app.mode(), "normal");
    assert!(!app.quit, "the key that closes help does not also quit");
    press(&mut app, "q");
    assert!(app.quit);
}

fn notes_text(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("sxs-notes.yaml")).unwrap_or_default()
}

fn entries(dir: &tempfile::TempDir) -> Vec<serde_yaml::Value> {
    serde_yaml::from_str(&notes_text(dir)).unwrap_or_default()
}

#[test]
fn a_marks_ok_saves_at_once_and_moves_on() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "aa");
    assert_eq!(app.session.position().cursor, 2);
    let saved = entries(&notes);
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0]["verdict"], "ok");
    assert_eq!(saved[0]["id"], "6d01e-103");
    assert_eq!(saved[0]["reviewer"], "tester");
    assert_eq!(saved[1]["id"], "6d01e-104");
    assert_eq!(app.session.progress(app.session.doc).review.reviewed, 2);
}

#[test]
fn x_enter_saves_the_defaults_and_x_o_3_enter_an_omission() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "x");
    assert_eq!(app.mode(), "dialog");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "jxo3");
    special(&mut app, KeyCode::Tab);
    press(&mut app, "word «missing» 語");
    special(&mut app, KeyCode::Enter);
    let saved = entries(&notes);
    assert_eq!(saved[0]["category"], "accuracy/mistranslation");
    assert_eq!(saved[0]["severity"], "major");
    assert_eq!(saved[1]["category"], "accuracy/omission");
    assert_eq!(saved[1]["severity"], "critical");
    assert_eq!(saved[1]["comment"], "word «missing» 語");
    assert_eq!(app.session.progress(app.session.doc).review.bad.total(), 2);
    // Esc leaves everything as it was.
    press(&mut app, "jx");
    special(&mut app, KeyCode::Esc);
    assert_eq!(entries(&notes).len(), 2);
}

#[test]
fn editing_a_bad_mark_starts_from_it() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "xt1");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "x");
    let dialog = app.top_as::<MarkDialog>().expect("the mark dialog");
    assert_eq!(
        (dialog.category.as_str(), dialog.severity.name()),
        ("terminology", "minor")
    );
    press(&mut app, "2");
    special(&mut app, KeyCode::Enter);
    let saved = entries(&notes);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["severity"], "major");
}

#[test]
fn undo_and_redo_walk_back_through_the_session_and_move_the_cursor() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "aaa");
    assert_eq!(entries(&notes).len(), 3);
    press(&mut app, "g");
    press(&mut app, "u");
    assert_eq!(entries(&notes).len(), 2);
    assert_eq!(
        app.session.position().cursor,
        2,
        "the cursor goes to the undone segment"
    );
    press(&mut app, "uu");
    assert_eq!(entries(&notes).len(), 0);
    app.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(entries(&notes).len(), 1);
    assert_eq!(app.session.position().cursor, 0);
    press(&mut app, "uu");
    assert!(
        app.session
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("nothing to undo"))
    );
    press(&mut app, "c");
    assert!(entries(&notes).is_empty());
}

#[test]
fn clear_removes_the_mark() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "ak");
    assert_eq!(entries(&notes).len(), 1);
    press(&mut app, "c");
    assert!(entries(&notes).is_empty());
    assert_eq!(app.session.progress(app.session.doc).review.reviewed, 0);
}

#[test]
fn findings_are_visited_accepted_and_dismissed() {
    let store = Store::load(&["tests/fixtures/corpus/partner-center-pr.ko-kr"]).unwrap();
    let (mut app, notes) = common::app(store, Theme::mono(), (100, 30));
    assert!(app.session.total_progress().suspicious > 0);
    press(&mut app, "]");
    let first = app.session.position().cursor;
    assert!(
        app.session
            .open_findings(app.session.doc, first)
            .next()
            .is_some()
    );
    let check = app
        .session
        .open_findings(app.session.doc, first)
        .next()
        .unwrap()
        .check;
    let category = app
        .session
        .open_findings(app.session.doc, first)
        .next()
        .unwrap()
        .category;
    press(&mut app, "A");
    let saved = entries(&notes);
    assert_eq!(saved[0]["verdict"], "bad");
    assert_eq!(saved[0]["category"], category);
    assert!(saved[0]["comment"].as_str().unwrap().starts_with(check));

    press(&mut app, "]");
    let second = app.session.position().cursor;
    assert!(second > first);
    let before = app.session.open_findings(app.session.doc, second).count();
    press(&mut app, "D");
    assert_eq!(
        app.session.open_findings(app.session.doc, second).count(),
        before - 1
    );
    let saved = entries(&notes);
    let dismissed = saved
        .iter()
        .find(|e| e["dismissed"].is_sequence())
        .expect("a dismissal");
    assert_eq!(dismissed["verdict"], "ok");
    press(&mut app, "[");
    assert_eq!(
        app.session.position().cursor,
        first,
        "[ goes back to the flagged one"
    );
}

#[test]
fn the_filter_shows_only_matching_segments() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "jx");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "jja");
    press(&mut app, "f");
    assert_eq!(app.session.filter.label(), "unreviewed");
    let shown: Vec<usize> = layout::rows(&app.session)
        .iter()
        .map(|r| r.segment)
        .collect();
    assert!(!shown.contains(&1) && !shown.contains(&3), "{shown:?}");
    assert!(shown.contains(&0) && shown.contains(&2));
    press(&mut app, "f");
    assert_eq!(app.session.filter.label(), "flagged");
    let shown: Vec<usize> = layout::rows(&app.session)
        .iter()
        .map(|r| r.segment)
        .collect();
    assert_eq!(shown, [1]);
    press(&mut app, "jjk");
    assert_eq!(
        app.session.position().cursor,
        1,
        "moves only among shown segments"
    );
    press(&mut app, "ff");
    assert_eq!(app.session.filter.label(), "all");
}

#[test]
fn a_read_only_notes_file_refuses_marks_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sxs-notes.yaml");
    let _writer = sxs::notes::Notes::open(&path).unwrap();
    let reader = sxs::notes::Notes::open(&path).unwrap();
    assert!(reader.is_read_only());
    let (mut app, _other) = samples(100, 30);
    app.session.notes = reader;
    press(&mut app, "a");
    assert_eq!(
        app.session.position().cursor,
        0,
        "not saved, so not moved on"
    );
    let flash = app.session.flash.clone().unwrap();
    assert!(flash.error && flash.text.contains("read-only"), "{flash:?}");
    assert!(!path.exists(), "nothing written");
}

#[test]
fn help_lists_every_action_of_every_mode_with_its_keys_and_every_check() {
    let (app, _notes) = samples(100, 30);
    let help: Vec<String> = Help::new(&app.keymaps, &app.session)
        .lines()
        .iter()
        .map(|(t, _)| t.clone())
        .collect();
    let text = help.join("\n");
    for map in app.keymaps.all() {
        let table = map.table();
        assert!(text.contains(table.mode), "{} missing", table.mode);
        for (index, binding) in table.bindings.iter().enumerate() {
            let keys = map.label(index);
            let listed = help.iter().any(|l| {
                let l = l.trim();
                l.starts_with(&keys)
                    && l[keys.len()..].trim().starts_with(binding.help)
                    && l.ends_with(binding.name)
            });
            assert!(
                listed,
                "{}.{} with {keys} missing:\n{text}",
                table.mode, binding.name
            );
        }
    }
    for check in sxs::check::CHECKS {
        assert!(text.contains(check.name), "{} missing", check.name);
    }
}
/// The screen's rows as drawn.
fn screen(app: &App) -> Vec<String> {
    let (width, height) = app.session.size;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The status bar as drawn.
fn status_line(app: &App) -> String {
    screen(app).pop().unwrap_or_default()
}

#[test]
fn the_status_bar_counts_progress_as_stats_does_with_a_stale_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.yaml");
    let store = Store::samples();
    let doc = &store.docs[0];
    let mut notes = sxs::notes::Notes::open(&path).unwrap();
    let current = sxs::notes::SegmentRef::new(doc, &doc.segments[0]);
    notes.mark(sxs::notes::Entry::ok(current, "kim")).unwrap();
    let mut changed = sxs::notes::SegmentRef::new(doc, &doc.segments[1]);
    changed.target = "the target as it was when marked";
    notes.mark(sxs::notes::Entry::ok(changed, "kim")).unwrap();
    drop(notes);

    let out = common::sxs(&[
        "stats",
        "--format",
        "json",
        "--notes",
        path.to_str().unwrap(),
    ]);
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let locale = &stats["review"]["locales"][&doc.locale];
    assert_eq!(
        (locale["reviewed"].as_u64(), locale["stale"].as_u64()),
        (Some(1), Some(1))
    );
    let percent = |p: &serde_json::Value| p["percent"].as_f64().unwrap().floor();

    let notes = sxs::notes::Notes::open(&path).unwrap();
    let app = common::with(
        store,
        notes,
        sxs::tui::keymap::Keymaps::default(),
        Theme::mono(),
        (100, 30),
        sxs::text::WidthMode::Narrow,
    );
    let status = status_line(&app);
    let file = format!("{}%", percent(locale));
    let all = format!("(all {}%)", percent(&stats["review"]["total"]));
    assert!(
        status.contains(&file) && status.contains(&all),
        "{file} {all}: {status}"
    );
    assert!(status.contains("~1 stale"), "{status}");
}

fn ctrl(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// The config file `text`, written in `dir` and read as sxs reads it.
fn config(dir: &tempfile::TempDir, text: &str) -> sxs::tui::config::Config {
    let path = dir.path().join("config.yaml");
    std::fs::write(&path, text).unwrap();
    sxs::tui::config::Config::read(&path).unwrap()
}

/// The samples with these keys and the notes file `notes.yaml` in `dir`.
fn with_keys(dir: &tempfile::TempDir, keymaps: sxs::tui::keymap::Keymaps) -> App {
    let notes = sxs::notes::Notes::open(&dir.path().join("notes.yaml")).unwrap();
    common::with(
        Store::samples(),
        notes,
        keymaps,
        Theme::mono(),
        (100, 30),
        sxs::text::WidthMode::Narrow,
    )
}

#[test]
fn rebinding_dialog_and_file_list_keys_changes_what_they_do_and_the_hints() {
    let dir = tempfile::tempdir().unwrap();
    let text = "keys:\n  dialog: { omission: O, save: ctrl-s }\n  file_list:\n    open: [tab]\n";
    let mut app = with_keys(&dir, config(&dir, text).keymaps);

    press(&mut app, "xo");
    let dialog = app.top_as::<MarkDialog>().expect("the mark dialog");
    assert_eq!(
        dialog.category, "accuracy/mistranslation",
        "o is no longer omission"
    );
    press(&mut app, "O");
    special(&mut app, KeyCode::Enter);
    let dialog = app.top_as::<MarkDialog>().expect("Enter no longer saves");
    assert_eq!(dialog.category, "accuracy/omission");
    let shown = screen(&app).join("\n");
    assert!(shown.contains("Ctrl-s save"), "{shown}");
    assert!(
        shown.contains("O omission") && !shown.contains("o omission"),
        "{shown}"
    );
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), "normal");
    let saved = std::fs::read_to_string(dir.path().join("notes.yaml")).unwrap();
    assert!(saved.contains("category: accuracy/omission"), "{saved}");

    press(&mut app, "o");
    assert!(
        status_line(&app).contains("Tab open"),
        "{}",
        status_line(&app)
    );
    press(&mut app, "ko-");
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), "file_list", "Enter no longer opens");
    special(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), "normal");
    assert_eq!(app.session.store.docs[app.session.doc].locale, "ko-kr");
}

/// The segments the view shows, in order.
fn view_rows(app: &App) -> Vec<usize> {
    (0..app.session.segment_count())
        .filter(|&s| app.session.shown(s))
        .collect()
}

/// An app on the fixture file with the most suspicious segments, every
/// segment's findings in, in `view` (how many `f` from "all"), its cursor on
/// the second row of the view. In the flagged view every segment starts bad.
fn in_view(view: usize) -> (App, tempfile::TempDir) {
    let store = Store::load(&["tests/fixtures/corpus/partner-center-pr.ko-kr"]).unwrap();
    let (mut app, notes) = common::app(store, Theme::mono(), (100, 30));
    let doc = (0..app.session.store.docs.len())
        .max_by_key(|&d| app.session.progress(d).suspicious)
        .unwrap();
    app.open_doc(doc);
    if view == 2 {
        for segment in 0..app.session.segment_count() {
            app.go_to(segment);
            press(&mut app, "x");
            special(&mut app, KeyCode::Enter);
        }
    }
    app.go_to(0);
    for _ in 0..view {
        press(&mut app, "f");
    }
    let rows = view_rows(&app);
    assert!(rows.len() >= 3, "view {view}: {rows:?}");
    app.go_to(rows[1]);
    (app, notes)
}

fn entry_of(app: &App, segment: usize) -> Option<sxs::notes::Entry> {
    app.session.entry(app.session.doc, segment).cloned()
}

#[test]
fn a_change_that_takes_the_row_out_of_the_view_lands_on_the_next_row() {
    let keys: [(&str, &str); 5] = [("a", "a"), ("x", "x\n"), ("c", "c"), ("D", "D"), ("A", "A")];
    for (view, name) in ["all", "unreviewed", "flagged", "suspicious"]
        .iter()
        .enumerate()
    {
        for (key, typed) in keys {
            let (mut app, _notes) = in_view(view);
            assert_eq!(app.session.filter.label(), *name);
            let rows = view_rows(&app);
            let (here, next) = (rows[1], rows[2]);
            let before = entry_of(&app, here);
            for c in typed.chars() {
                match c {
                    '\n' => special(&mut app, KeyCode::Enter),
                    c => press(&mut app, &c.to_string()),
                }
            }
            let what = format!("{name} view, {key} on segment {here}");
            assert_eq!(app.session.filter.label(), *name, "{what}: the view stays");
            let stays = app.session.shown(here);
            let expect = if key == "a" || !stays { next } else { here };
            assert_eq!(
                app.session.position().cursor,
                expect,
                "{what} (shown after: {stays})"
            );
            if entry_of(&app, here) == before {
                continue; // nothing changed (nothing to clear or dismiss), nothing to undo
            }
            press(&mut app, "u");
            assert_eq!(entry_of(&app, here), before, "{what}: undone");
            assert_eq!(
                app.session.position().cursor,
                here,
                "{what}: undo goes back to it"
            );
            ctrl(&mut app, 'r');
            assert_eq!(
                app.session.filter.label(),
                *name,
                "{what}: redo keeps the view"
            );
            let expect = if app.session.shown(here) { here } else { next };
            assert_eq!(app.session.position().cursor, expect, "{what}: redone");
        }
    }
}

#[test]
fn marking_the_unreviewed_view_ok_never_skips_a_segment() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "f");
    assert_eq!(app.session.filter.label(), "unreviewed");
    press(&mut app, "aaaa");
    let ids: Vec<String> = entries(&notes)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["6d01e-103", "6d01e-104", "6d01e-105", "6d01e-106"]);
    // The last unreviewed segment marked: the cursor goes back to the one above.
    app.update(Action::Last);
    let last = app.session.position().cursor;
    press(&mut app, "a");
    assert_eq!(
        app.session.position().cursor,
        view_rows(&app).last().copied().unwrap()
    );
    assert!(app.session.position().cursor < last);
}

#[test]
fn flags_wrap_around_the_files_and_say_so() {
    let store = Store::load(&["tests/fixtures/corpus/partner-center-pr.ko-kr"]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (100, 30));
    let s = &app.session;
    let flags: Vec<(usize, usize)> = (0..s.store.docs.len())
        .flat_map(|d| (0..s.store.docs[d].segments.len()).map(move |i| (d, i)))
        .filter(|&(d, i)| s.needs_attention(d, i))
        .collect();
    assert!(flags.len() >= 3, "{flags:?}");
    let at = |app: &App| (app.session.doc, app.session.position().cursor);
    let said = |app: &App| app.session.flash.as_ref().map(|f| f.text.clone());
    app.open_doc(flags[0].0);
    app.go_to(flags[0].1);
    press(&mut app, "[");
    assert_eq!(at(&app), *flags.last().unwrap());
    assert_eq!(said(&app).as_deref(), Some("flags wrapped to the bottom"));
    press(&mut app, "]");
    assert_eq!(at(&app), flags[0]);
    assert_eq!(said(&app).as_deref(), Some("flags wrapped to the top"));
    press(&mut app, "]");
    assert_eq!(at(&app), flags[1]);
    assert_eq!(said(&app), None, "no wrap, nothing said");
}

#[test]
fn ctrl_c_quits_in_every_mode_and_quit_keeps_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir, "keys: {quit: [], help: [], search: {cancel: []}}\n");
    assert_eq!(config.warnings.len(), 3, "{:?}", config.warnings);
    assert!(
        config.warnings[0].contains("config.yaml:1:"),
        "{:?}",
        config.warnings
    );
    for keys in ["", "/", "o", "x", "x\t", "r", "?"] {
        let mut app = with_keys(&dir, config.keymaps.clone());
        for c in keys.chars() {
            match c {
                '\t' => special(&mut app, KeyCode::Tab),
                c => press(&mut app, &c.to_string()),
            }
        }
        let mode = app.mode();
        ctrl(&mut app, 'c');
        assert!(app.quit, "Ctrl-C in {mode} mode after {keys:?}");
    }
    let mut app = with_keys(&dir, config.keymaps);
    press(&mut app, "?");
    assert_eq!(app.mode(), "help", "help kept its key");
    press(&mut app, "q/");
    special(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), "normal", "the search prompt kept its way out");
    press(&mut app, "q");
    assert!(app.quit, "quit kept its key");
}

/// An app as `tui::run` makes it (no findings yet) in a 120×30 window, with
/// the config file's `warnings`.
fn opened(store: Store, notes: sxs::notes::Notes, warnings: Vec<String>) -> App {
    let mut app = App::new(
        store,
        sxs::tui::app::Options {
            keymaps: sxs::tui::keymap::Keymaps::default(),
            theme: Theme::mono(),
            width_mode: sxs::text::WidthMode::Narrow,
            mouse: false,
            notes,
            reviewer: "tester".into(),
            warnings,
        },
    );
    app.resize(120, 30);
    app
}

/// An app whose notes file another sxs holds.
fn second_instance(dir: &tempfile::TempDir) -> App {
    let path = dir.path().join("sxs-notes.yaml");
    let notes = sxs::notes::Notes::open(&path).unwrap();
    assert!(notes.is_read_only());
    opened(Store::samples(), notes, Vec::new())
}

#[test]
fn a_read_only_notes_file_says_why_from_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let _first = sxs::notes::Notes::open(&dir.path().join("sxs-notes.yaml")).unwrap();
    let mut app = second_instance(&dir);
    assert!(
        status_line(&app).contains("another sxs is writing"),
        "{}",
        status_line(&app)
    );
    let findings = sxs::check::run(&app.session.store, &sxs::check::Options::default());
    app.set_findings(findings);
    let status = status_line(&app);
    assert!(
        status.contains("another sxs is writing"),
        "the checks' news waits: {status}"
    );
    assert!(status.contains("READ-ONLY"), "{status}");
}

#[test]
fn a_read_only_notes_file_says_when_it_becomes_writable() {
    let dir = tempfile::tempdir().unwrap();
    let first = sxs::notes::Notes::open(&dir.path().join("sxs-notes.yaml")).unwrap();
    let mut app = second_instance(&dir);
    press(&mut app, "a");
    assert!(
        app.session
            .flash
            .as_ref()
            .unwrap()
            .text
            .contains("read-only")
    );
    drop(first);
    press(&mut app, "a");
    let said = app.session.flash.clone().unwrap();
    assert!(
        !said.error && said.text.contains("writable again"),
        "{said:?}"
    );
    assert!(!status_line(&app).contains("READ-ONLY"));
}

/// Whether a terminal would take `text` as text only: no C0 control but
/// none, no DEL, no C1 control, no bidi embedding, override or isolate.
fn terminal_safe(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

#[test]
fn load_warnings_are_counted_on_screen_and_listed_made_safe() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.md");
    std::fs::write(
        &file,
        "# T\n\n<span data-ttu-id=\"a\u{1b}[2Jb\u{202e}-101\">no source</span>\n",
    )
    .unwrap();
    let store = Store::load(&[&file]).unwrap();
    let notes_path = dir.path().join("notes.yaml");
    let entry = "- file: bad.md\n  id: x-1\n  verdict: ok\n";
    std::fs::write(&notes_path, format!("{entry}{entry}")).unwrap();
    let notes = sxs::notes::Notes::open(&notes_path).unwrap();
    let config = "config.yaml:3: unknown setting `colour\u{9b}31m`; ignored";
    let mut app = opened(store, notes, vec![config.into()]);
    let status = status_line(&app);
    assert!(status.contains("3 warnings (w)"), "{status}");
    press(&mut app, "w");
    assert_eq!(app.mode(), "warnings");
    let list = app
        .top_as::<sxs::tui::components::warnings::Warnings>()
        .unwrap();
    let items = list.items().join("\n");
    assert_eq!(list.items().len(), 3, "{items}");
    for item in list.items() {
        assert!(terminal_safe(item), "{item:?}");
    }
    let shown = screen(&app).join("\n");
    for what in ["has no source", "more than one entry", "unknown setting"] {
        assert!(shown.contains(what), "{what}: {shown}");
    }
    press(&mut app, "w");
    assert_eq!(app.mode(), "normal");
}

#[test]
fn help_scrolls_to_its_last_line_and_no_further() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "?");
    let help = app.top_as::<Help>().expect("help");
    // Compared without spaces: the cell after a wide glyph reads as one.
    let last = help.shown().last().unwrap().0.replace(' ', "");
    press(&mut app, &"j".repeat(500));
    let rows: Vec<String> = screen(&app).iter().map(|r| r.replace(' ', "")).collect();
    // The frame's last row is 28; the text's, 27.
    assert!(rows[27].contains(&last), "{last} at the bottom: {rows:#?}");
    press(&mut app, "k");
    let rows: Vec<String> = screen(&app).iter().map(|r| r.replace(' ', "")).collect();
    assert!(
        !rows.iter().any(|r| r.contains(&last)),
        "one k scrolls up at once: {rows:#?}"
    );
}
