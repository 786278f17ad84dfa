//! `App::update` and `App::key` without a terminal: navigation, search, locale
//! switch, resize, file list, reading mode.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sxs::store::Store;
use sxs::tui::action::Action;
use sxs::tui::app::{App, Mode};
use sxs::tui::layout::{self, Arrangement};
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
    let rows = layout::rows(app);
    let cursor = app.position().cursor;
    assert!(
        rows.iter().any(|r| r.segment == cursor),
        "cursor {cursor} not among rows {:?}",
        rows.iter().map(|r| r.segment).collect::<Vec<_>>()
    );
    assert_eq!(rows[0].segment, app.position().top);
}

fn cursor_source(app: &App) -> String {
    let doc = &app.store.docs[app.doc];
    doc.segments[app.position().cursor]
        .source
        .clone()
        .unwrap_or_default()
}

#[test]
fn moving_stays_within_the_document_and_keeps_the_cursor_visible() {
    let (mut app, _notes) = samples(100, 12);
    let last = app.segment_count() - 1;
    app.update(Action::PrevSegment);
    assert_eq!(app.position().cursor, 0);
    for step in 1..=last + 3 {
        app.update(Action::NextSegment);
        assert_eq!(app.position().cursor, step.min(last));
        assert_cursor_visible(&app);
    }
    app.update(Action::First);
    assert_eq!(
        app.position(),
        sxs::tui::app::Position { cursor: 0, top: 0 }
    );
    app.update(Action::Last);
    assert_eq!(app.position().cursor, last);
    assert_cursor_visible(&app);
    assert!(
        app.position().top > 0,
        "a small window scrolls to show the end"
    );
}

#[test]
fn pages_move_by_what_fits_on_screen() {
    let (mut app, _notes) = samples(100, 12);
    app.update(Action::PageDown);
    let after_one = app.position();
    assert!(after_one.cursor > 1, "{after_one:?}");
    assert_eq!(
        after_one.cursor, after_one.top,
        "the cursor is at the top of the new page"
    );
    assert_cursor_visible(&app);
    app.update(Action::PageUp);
    assert_eq!(app.position().top, 0);
    assert_cursor_visible(&app);
    app.update(Action::First);
    app.update(Action::HalfPageDown);
    let half = app.position().cursor;
    assert!(half >= 1 && half < after_one.cursor + 1, "{half}");
    assert_cursor_visible(&app);
    app.update(Action::HalfPageUp);
    assert!(app.position().cursor < half);
}

#[test]
fn search_is_incremental_wraps_and_escape_returns() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "jj/");
    assert!(matches!(app.mode, Mode::SearchInput { .. }));
    press(&mut app, "password");
    let hits: Vec<usize> = app.search.hits.iter().map(|(s, _)| *s).collect();
    assert!(hits.len() >= 3, "{hits:?}");
    assert_eq!(
        app.position().cursor,
        *hits.iter().find(|&&h| h >= 2).unwrap()
    );
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    // n walks the hits and wraps to the first.
    let start = app.position().cursor;
    let mut seen = vec![start];
    let mut wrapped = 0;
    for _ in 0..hits.len() {
        press(&mut app, "n");
        seen.push(app.position().cursor);
        wrapped += app
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("wrapped")) as usize;
    }
    assert_eq!(seen.last(), Some(&start), "{seen:?}");
    assert_eq!(wrapped, 1, "told once that the search wrapped");
    press(&mut app, "N");
    assert_eq!(
        app.position().cursor,
        *hits
            .iter()
            .rev()
            .find(|&&h| h < start)
            .unwrap_or(hits.last().unwrap())
    );

    // Esc in the prompt puts the cursor back where the search began.
    press(&mut app, "g/");
    press(&mut app, "Support");
    assert_ne!(app.position().cursor, 0);
    special(&mut app, KeyCode::Esc);
    assert_eq!(app.position().cursor, 0);
    assert!(app.search.query.is_empty());
}

#[test]
fn search_highlights_ranges_in_both_panes_with_smart_case() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "/partner");
    let (_, ranges) = &app.search.hits[0];
    let seg = &app.displays.get(app.doc)[app.search.hits[0].0];
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
    assert!(!app.search.hits[0].1.target.is_empty());
}

#[test]
fn locale_switch_keeps_the_same_english_sentence() {
    let (mut app, _notes) = samples(100, 30);
    assert_eq!(app.store.docs[app.doc].locale, "zh-tw");
    press(&mut app, "jjjj");
    let source = cursor_source(&app);
    press(&mut app, "L");
    assert_eq!(
        app.store.docs[app.doc].locale, "tr-tr",
        "same article hash, next locale"
    );
    assert_eq!(cursor_source(&app), source);
    assert_cursor_visible(&app);
    press(&mut app, "L");
    assert_eq!(app.store.docs[app.doc].locale, "zh-tw", "cycles back");
    assert_eq!(cursor_source(&app), source);
}

#[test]
fn locale_switch_without_other_translations_says_so() {
    let (mut app, _notes) = samples(100, 30);
    app.open(4); // fr-fr: its own article version
    press(&mut app, "L");
    assert_eq!(app.doc, 4);
    assert!(
        app.flash
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
    assert_eq!(app.geometry().arrangement, Arrangement::SideBySide);
    app.resize(40, 12);
    assert_eq!(app.geometry().arrangement, Arrangement::Stacked);
    app.resize(12, 4);
    assert_eq!(app.geometry().arrangement, Arrangement::TooSmall);
    // Keys still work in a tiny window, and nothing panics.
    press(&mut app, "jjkG/x");
}

#[test]
fn the_file_list_filters_as_you_type_and_opens_the_choice() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "o");
    let Mode::FileList(list) = &app.mode else {
        panic!("no file list")
    };
    assert_eq!(list.matches.len(), 5);
    press(&mut app, "ko-");
    let Mode::FileList(list) = &app.mode else {
        panic!("no file list")
    };
    assert_eq!(list.matches.len(), 1);
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.store.docs[app.doc].locale, "ko-kr");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn files_keep_their_own_positions() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "jjj");
    app.update(Action::NextFile);
    assert_eq!(app.position().cursor, 0);
    app.update(Action::PrevFile);
    assert_eq!(app.position().cursor, 3);
}

#[test]
fn reading_mode_shows_one_locale_and_returns_to_the_segment() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "jjjjj");
    let here = app.position().cursor;
    press(&mut app, "r");
    let Mode::Reading(reading) = &app.mode else {
        panic!("not reading")
    };
    assert_eq!(reading.segment(), here);
    let shown: String = reading
        .lines
        .iter()
        .map(|l| &l.text.text()[l.line.range()])
        .collect();
    assert!(shown.contains("合作夥伴中心"));
    assert!(!shown.contains("Partner Center"), "target only");
    special(&mut app, KeyCode::Tab);
    let Mode::Reading(reading) = &app.mode else {
        panic!("not reading")
    };
    assert!(reading.source);
    special(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.position().cursor, here);
}

#[test]
fn an_unbound_key_says_where_help_is() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "Z");
    let flash = app.flash.clone().expect("a message");
    assert!(
        flash.text.contains("not bound") && flash.text.contains('?'),
        "{flash:?}"
    );
    press(&mut app, "?");
    assert!(matches!(app.mode, Mode::Help { .. }));
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::Normal);
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
    assert_eq!(app.position().cursor, 2);
    let saved = entries(&notes);
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0]["verdict"], "ok");
    assert_eq!(saved[0]["id"], "6d01e-103");
    assert_eq!(saved[0]["reviewer"], "tester");
    assert_eq!(saved[1]["id"], "6d01e-104");
    assert_eq!(app.progress(app.doc).reviewed, 2);
}

#[test]
fn x_enter_saves_the_defaults_and_x_o_3_enter_an_omission() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "x");
    assert!(matches!(app.mode, Mode::Mark(_)));
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
    assert_eq!(app.progress(app.doc).bad, 2);
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
    let Mode::Mark(dialog) = &app.mode else {
        panic!("no dialog")
    };
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
        app.position().cursor,
        2,
        "the cursor goes to the undone segment"
    );
    press(&mut app, "uu");
    assert_eq!(entries(&notes).len(), 0);
    app.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(entries(&notes).len(), 1);
    assert_eq!(app.position().cursor, 0);
    press(&mut app, "uu");
    assert!(
        app.flash
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
    assert_eq!(app.progress(app.doc).reviewed, 0);
}

#[test]
fn findings_are_visited_accepted_and_dismissed() {
    let store = Store::load(&["tests/fixtures/corpus/partner-center-pr.ko-kr"]).unwrap();
    let (mut app, notes) = common::app(store, Theme::mono(), (100, 30));
    assert!(app.total_progress().suspicious > 0);
    press(&mut app, "]");
    let first = app.position().cursor;
    assert!(app.open_findings(app.doc, first).next().is_some());
    let check = app.open_findings(app.doc, first).next().unwrap().check;
    let category = app.open_findings(app.doc, first).next().unwrap().category;
    press(&mut app, "A");
    let saved = entries(&notes);
    assert_eq!(saved[0]["verdict"], "bad");
    assert_eq!(saved[0]["category"], category);
    assert!(saved[0]["comment"].as_str().unwrap().starts_with(check));

    press(&mut app, "]");
    let second = app.position().cursor;
    assert!(second > first);
    let before = app.open_findings(app.doc, second).count();
    press(&mut app, "D");
    assert_eq!(app.open_findings(app.doc, second).count(), before - 1);
    let saved = entries(&notes);
    let dismissed = saved
        .iter()
        .find(|e| e["dismissed"].is_sequence())
        .expect("a dismissal");
    assert_eq!(dismissed["verdict"], "ok");
    press(&mut app, "[");
    assert_eq!(
        app.position().cursor,
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
    assert_eq!(app.filter.label(), "unreviewed");
    let shown: Vec<usize> = layout::rows(&app).iter().map(|r| r.segment).collect();
    assert!(!shown.contains(&1) && !shown.contains(&3), "{shown:?}");
    assert!(shown.contains(&0) && shown.contains(&2));
    press(&mut app, "f");
    assert_eq!(app.filter.label(), "flagged");
    let shown: Vec<usize> = layout::rows(&app).iter().map(|r| r.segment).collect();
    assert_eq!(shown, [1]);
    press(&mut app, "jjk");
    assert_eq!(app.position().cursor, 1, "moves only among shown segments");
    press(&mut app, "ff");
    assert_eq!(app.filter.label(), "all");
}

#[test]
fn a_read_only_notes_file_refuses_marks_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sxs-notes.yaml");
    let _writer = sxs::notes::Notes::open(&path).unwrap();
    let reader = sxs::notes::Notes::open(&path).unwrap();
    assert!(reader.is_read_only());
    let (mut app, _other) = samples(100, 30);
    app.notes = reader;
    press(&mut app, "a");
    assert_eq!(app.position().cursor, 0, "not saved, so not moved on");
    let flash = app.flash.clone().unwrap();
    assert!(flash.error && flash.text.contains("read-only"), "{flash:?}");
    assert!(!path.exists(), "nothing written");
}

#[test]
fn help_lists_every_bound_key_and_every_check() {
    let (app, _notes) = samples(100, 30);
    let help: Vec<String> = sxs::tui::ui::help_lines(&app)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let text = help.join("\n");
    for action in Action::ALL {
        let keys = app.keymap.label(*action);
        let listed = help.iter().any(|l| {
            let l = l.trim();
            l.starts_with(&keys) && l[keys.len()..].trim() == action.describe()
        });
        assert!(listed, "{action:?} with {keys} missing:\n{text}");
    }
    for check in sxs::check::CHECKS {
        assert!(text.contains(check.name), "{} missing", check.name);
    }
}

/// The status bar's left side as drawn.
fn status_line(app: &App) -> String {
    let (width, height) = app.size;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| sxs::tui::ui::render(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..width)
        .map(|x| buffer[(x, height - 1)].symbol())
        .collect()
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
        sxs::tui::keymap::Keymap::default(),
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
