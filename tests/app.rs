//! `App::update` and `App::key` without a terminal: navigation, search, locale
//! switch, resize, file list, reading mode.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
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

/// A set of `tests/fixtures/tui` at 100×30; the guard keeps the notes folder.
fn fixture(set: &str) -> (App, tempfile::TempDir) {
    let store = Store::load(&[format!("tests/fixtures/tui/{set}")]).unwrap();
    common::app(store, Theme::mono(), (100, 30))
}

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
        .source()
        .unwrap_or_default()
        .to_string()
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

/// A query with no match is quoted as typed: a backslash stays one.
#[test]
fn a_search_with_no_match_quotes_the_query_as_typed() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "/");
    type_enter(&mut app, "Partner\\b");
    assert_said(&app, "no match for “Partner\\b” in this file");
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
    let (mut app, _notes) = samples(120, 30);
    app.open_doc(4); // fr-fr: its own article version
    press(&mut app, "L");
    assert_eq!(app.session.doc, 4);
    let said = app.session.flash.clone().expect("a message");
    assert!(said.error && said.text.contains("no other locale"));
    // Longer than the room beside the position: it takes the whole bar,
    // and reads to its end.
    assert!(said.text.chars().count() > 60, "{}", said.text);
    let status = status_line(&app);
    assert_eq!(status.trim(), said.text, "{status}");
    // Narrower than the message: its start and end around `…`.
    app.resize(40, 30);
    press(&mut app, "L");
    let status = status_line(&app);
    let (start, end) = status.trim().split_once('…').expect("shortened");
    assert!(
        said.text.starts_with(start) && said.text.ends_with(end),
        "{status}"
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
    // As `:` matches files, and as fzf does: words in any order, each by
    // its letters in order, through the locale too.
    press(&mut app, "o");
    press(&mut app, "trtr 03");
    let list = app.top_as::<FileList>().expect("the file list");
    let chosen: Vec<&str> = (list.matches.iter())
        .map(|&d| app.session.store.docs[d].locale.as_str())
        .collect();
    assert_eq!(chosen, ["tr-tr"]);
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

/// Opened on the last segment, the view starts past the last full page; a
/// step down must not scroll it back up.
#[test]
fn reading_mode_opened_near_the_end_never_scrolls_up_on_a_step_down() {
    let (mut app, _notes) = samples(100, 12);
    press(&mut app, "Gr");
    let top = |app: &App| app.top_as::<Reading>().expect("reading mode").top;
    let opened = top(&app);
    press(&mut app, "j");
    assert_eq!(top(&app), opened, "j");
    special(&mut app, KeyCode::PageDown);
    assert_eq!(top(&app), opened, "PageDown");
    app.key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL));
    assert_eq!(top(&app), opened, "Ctrl-d");
    press(&mut app, "k");
    assert_eq!(top(&app), opened - 1, "k");
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

#[test]
fn an_unbound_key_in_a_list_says_so_and_how_to_close_it() {
    let store = Store::load(&["tests/fixtures/corpus/partner-center-pr.ko-kr"]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (100, 30));
    press(&mut app, "]!");
    assert_eq!(app.mode(), "findings");
    press(&mut app, "Z");
    let flash = app.session.flash.clone().expect("a message");
    assert_eq!(
        flash.text, "Z does nothing in the findings list; Esc/q/! closes it",
        "{flash:?}"
    );
    assert_eq!(app.mode(), "findings", "the list stays open");
    press(&mut app, "j");
    assert!(app.session.flash.is_none(), "said until the next key");
}

/// An app over `store` at 100×30 whose notes file holds `yaml` to start
/// with (an entry written by hand); the guard keeps the notes folder.
fn with_notes_file(store: Store, yaml: &str) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sxs-notes.yaml");
    std::fs::write(&path, yaml).unwrap();
    let app = mono_app(store, &path, sxs::tui::keymap::Keymaps::default());
    (app, dir)
}

/// An app over `store` at 100×30 in the mono theme with these keys and the
/// notes file at `path`.
fn mono_app(store: Store, path: &std::path::Path, keymaps: sxs::tui::keymap::Keymaps) -> App {
    let notes = sxs::notes::Notes::open(path).unwrap();
    common::with(
        store,
        notes,
        keymaps,
        Theme::mono(),
        (100, 30),
        sxs::text::WidthMode::Narrow,
    )
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
    assert_eq!(saved[0]["errors"][0]["category"], "accuracy/mistranslation");
    assert_eq!(saved[0]["errors"][0]["severity"], "major");
    assert_eq!(saved[1]["errors"][0]["category"], "accuracy/omission");
    assert_eq!(saved[1]["errors"][0]["severity"], "critical");
    assert_eq!(saved[1]["errors"][0]["comment"], "word «missing» 語");
    assert_eq!(app.session.progress(app.session.doc).review.bad.total(), 2);
    // Esc leaves everything as it was.
    press(&mut app, "jx");
    special(&mut app, KeyCode::Esc);
    assert_eq!(entries(&notes).len(), 2);
}

#[test]
fn x_on_a_bad_segment_adds_an_error_and_the_detail_line_lists_them() {
    let (mut app, notes) = samples(100, 30);
    press(&mut app, "xt1");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "x");
    let dialog = app.top_as::<MarkDialog>().expect("the mark dialog");
    assert_eq!(
        (dialog.category.as_str(), dialog.severity.name()),
        ("accuracy/mistranslation", "major"),
        "a new error starts from the defaults"
    );
    press(&mut app, "g3");
    special(&mut app, KeyCode::Enter);
    let saved = entries(&notes);
    assert_eq!(saved.len(), 1);
    let errors = saved[0]["errors"].as_sequence().unwrap();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["category"].as_str().unwrap(),
                e["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("terminology", "minor"), ("fluency/grammar", "critical")]
    );
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("2 errors: critical Fluency/Grammar · minor Terminology"),
        "{shown}"
    );
    // Each addition is one step of undo.
    press(&mut app, "u");
    assert_eq!(entries(&notes)[0]["errors"].as_sequence().unwrap().len(), 1);
    // `a` asks first; a second `a` makes it ok, its error gone, and says
    // so; undo brings it back.
    press(&mut app, "a");
    assert_said(
        &app,
        "this segment has 1 error; a again makes it ok and removes it",
    );
    assert_eq!(entries(&notes)[0]["verdict"], "bad", "nothing changed yet");
    press(&mut app, "a");
    assert!(
        app.session
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("its error removed")),
        "{:?}",
        app.session.flash
    );
    assert_eq!(entries(&notes)[0]["verdict"], "ok");
    assert!(entries(&notes)[0]["errors"].is_null());
    press(&mut app, "u");
    assert_eq!(entries(&notes)[0]["errors"][0]["category"], "terminology");
}

#[test]
fn a_mark_in_the_earlier_layout_shows_as_before_and_takes_a_second_error() {
    let store = Store::samples();
    let (doc, seg) = (&store.docs[0], &store.docs[0].segments[0]);
    let (mut app, dir) = with_notes_file(
        store.clone(),
        &format!(
            "- file: {}\n  locale: {}\n  id: {}\n  verdict: bad\n  category: accuracy/omission\n  \
             severity: critical\n  comment: lost «a clause»\n  source: {:?}\n  target: {:?}\n  \
             reviewer: kim\n  time: 2026-01-02T03:04:05Z\n",
            doc.path,
            doc.locale,
            seg.id(),
            seg.source().unwrap(),
            seg.target()
        ),
    );
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("✗ critical Accuracy/Omission: lost «a clause»"),
        "{shown}"
    );
    assert_eq!(app.session.progress(app.session.doc).review.bad.critical, 1);
    press(&mut app, "x");
    special(&mut app, KeyCode::Enter);
    let saved = entries(&dir);
    assert!(saved[0].get("category").is_none(), "{saved:?}");
    let errors = saved[0]["errors"].as_sequence().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["category"], "accuracy/omission");
    assert_eq!(errors[0]["severity"], "critical");
    assert_eq!(errors[0]["comment"], "lost «a clause»");
    assert_eq!(errors[1]["category"], "accuracy/mistranslation");
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
    let id = |app: &App, s: usize| {
        app.session.store.docs[app.session.doc].segments[s]
            .id()
            .to_string()
    };
    assert_said(&app, &format!("undone on {}: now not marked", id(&app, 0)));
    app.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(entries(&notes).len(), 1);
    assert_eq!(app.session.position().cursor, 0);
    assert_said(&app, &format!("redone on {}: now ok", id(&app, 0)));
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
    let flash = |app: &App| app.session.flash.as_ref().map(|f| f.text.clone());
    assert!(flash(&app).is_some_and(|f| f.starts_with("mark cleared")));
    press(&mut app, "c");
    assert!(
        flash(&app).is_some_and(|f| f.starts_with("no mark here to clear")),
        "{:?}",
        flash(&app)
    );
}

#[test]
fn accepting_a_finding_that_names_several_places_marks_each_and_undoes_as_one() {
    let store = Store::load(&["tests/fixtures/corpus/partner-center-pr.ko-kr"]).unwrap();
    let (mut app, notes) = common::app(store, Theme::mono(), (100, 30));
    let (doc, segment, spots) = (0..app.session.store.docs.len())
        .find_map(|d| {
            let count = app.session.store.docs[d].segments.len();
            (0..count).find_map(|s| {
                let f = app.session.open_findings(d, s).next()?;
                (f.spots.len() >= 2).then(|| (d, s, f.spots.clone()))
            })
        })
        .expect("a finding with two places");
    app.open_doc(doc);
    app.go_to(segment);
    press(&mut app, "A");
    let saved = entries(&notes);
    let errors = saved[0]["errors"].as_sequence().unwrap();
    assert_eq!(errors.len(), spots.len(), "{saved:?}");
    let target = app.session.store.docs[doc].segments[segment]
        .target()
        .to_string();
    for (error, spot) in errors.iter().zip(&spots) {
        assert_eq!(error["start"].as_u64(), Some(spot.range.start as u64));
        assert_eq!(error["text"], &target[spot.range.clone()]);
    }
    assert_said(&app, &format!("({} errors, one at each place", spots.len()));
    // One key made them: one undo takes them all back.
    press(&mut app, "u");
    assert!(entries(&notes).is_empty(), "{:?}", entries(&notes));
    // A place whose error was deleted is marked again, and only it.
    press(&mut app, "A");
    press(&mut app, "ed");
    special(&mut app, KeyCode::Esc);
    let count = |notes| entries(notes)[0]["errors"].as_sequence().unwrap().len();
    assert_eq!(count(&notes), spots.len() - 1);
    press(&mut app, "A");
    assert_eq!(count(&notes), spots.len());
    assert_said(&app, "✗ saved from");
    press(&mut app, "A");
    assert_said(&app, "is already a mark here");
    assert_eq!(count(&notes), spots.len());
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
    assert_eq!(saved[0]["errors"][0]["category"], category);
    assert!(
        saved[0]["errors"][0]["comment"]
            .as_str()
            .unwrap()
            .starts_with(check)
    );

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
    // A dismissal says nothing of the rest of the segment: no verdict, and
    // the segment is still to review.
    assert!(dismissed["verdict"].is_null(), "{dismissed:?}");
    assert_eq!(app.session.progress(app.session.doc).review.reviewed, 1);
    press(&mut app, "[");
    assert_eq!(
        app.session.position().cursor,
        first,
        "[ goes back to the flagged one"
    );
    press(&mut app, "f");
    assert_eq!(app.session.filter.label(), "unreviewed");
    assert!(
        app.session.shown(second),
        "the dismissed one is still unreviewed"
    );
    assert!(!app.session.shown(first));
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

#[test]
fn help_lists_each_check_with_its_state_in_force() {
    let (mut app, _notes) = samples(100, 30);
    let listed = |app: &App, name: &str| {
        let lines = Help::new(&app.keymaps, &app.session).lines();
        let line = lines
            .iter()
            .map(|(t, _)| t.trim())
            .find(|t| t.starts_with(name));
        line.unwrap_or_default().to_string()
    };
    assert!(listed(&app, "number-mismatch").contains("[on] "));
    assert!(listed(&app, "glossary").contains("[off: no glossary given]"));
    app.session.checks = sxs::tui::checks::CheckChoice {
        skip: vec!["number-mismatch".into()],
        from: "--only/--skip",
        ..Default::default()
    };
    let line = listed(&app, "number-mismatch");
    assert!(line.contains("[off: skipped (--only/--skip)]"), "{line}");
}
/// The screen's rows as a terminal shows them: the cells under the right
/// half of a wide glyph are not read.
fn screen(app: &App) -> Vec<String> {
    use sxs::text::{WidthMode, grapheme_width};
    let (width, height) = app.session.size;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let (mut row, mut x) = (String::new(), 0);
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += grapheme_width(symbol, WidthMode::Narrow).max(1) as u16;
            }
            row
        })
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

    let app = mono_app(store, &path, sxs::tui::keymap::Keymaps::default());
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
    mono_app(Store::samples(), &dir.path().join("notes.yaml"), keymaps)
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

/// The segment's entry but its time on screen, which undo leaves as it is.
fn entry_of(app: &App, segment: usize) -> Option<sxs::notes::Entry> {
    let mut entry = app.session.entry(app.session.doc, segment).cloned()?;
    entry.seconds = 0.0;
    Some(entry)
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
            // A segment with errors takes a second `a` to become ok.
            let typed = match (key, *name) {
                ("a", "flagged") => "aa",
                _ => typed,
            };
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
    // The message, too long to stand beside the position, took the whole
    // bar; at the next key the position is back, and says it.
    press(&mut app, "j");
    let status = status_line(&app);
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

fn at(app: &App) -> (usize, usize) {
    (app.session.doc, app.session.position().cursor)
}

fn cursor_id(app: &App) -> String {
    let doc = &app.session.store.docs[app.session.doc];
    doc.segments[app.session.position().cursor].id().to_string()
}

fn flash(app: &App) -> String {
    app.session
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// The status bar's message says `text`.
fn assert_said(app: &App, text: &str) {
    let said = flash(app);
    assert!(said.contains(text), "{text:?} not in {said:?}");
}

/// Types `text` and presses Enter, as in a prompt.
fn type_enter(app: &mut App, text: &str) {
    press(app, text);
    special(app, KeyCode::Enter);
}

#[test]
fn counts_before_a_key_move_that_many_or_name_the_segment() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "5G");
    assert_eq!(app.session.position().cursor, 4, "5G: segment 5");
    press(&mut app, "3j");
    assert_eq!(app.session.position().cursor, 7);
    press(&mut app, "2k");
    assert_eq!(app.session.position().cursor, 5);
    press(&mut app, "1");
    assert!(
        flash(&app).contains('1'),
        "the count is shown: {}",
        flash(&app)
    );
    press(&mut app, "0G");
    let last = app.session.segment_count() - 1;
    assert_eq!(app.session.position().cursor, 9, "10G: segment 10");
    press(&mut app, "400G");
    assert_eq!(
        app.session.position().cursor,
        last,
        "past the end: the last"
    );
    press(&mut app, "2g");
    assert_eq!(app.session.position().cursor, 1);
    press(&mut app, "0");
    assert!(flash(&app).contains("not bound"), "0 alone is no count");
    press(&mut app, "j");
    assert_eq!(
        app.session.position().cursor,
        2,
        "and the next key is one move"
    );
}

#[test]
fn a_jump_out_of_a_filtered_view_says_it_left_the_view() {
    let (mut app, _notes) = samples(100, 30);
    let first = cursor_id(&app);
    press(&mut app, "a");
    press(&mut app, "f");
    assert_said(&app, "unreviewed");
    press(&mut app, ":");
    type_enter(&mut app, &first);
    assert_eq!(cursor_id(&app), first);
    assert_said(&app, "left the unreviewed view");
    assert_eq!(app.session.filter, sxs::tui::session::Filter::All);
}

#[test]
fn the_jump_line_takes_ids_their_start_file_lines_and_files() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, ":");
    assert_eq!(app.mode(), "command");
    type_enter(&mut app, "6d01e-110");
    assert_eq!(app.mode(), "normal");
    assert_eq!(cursor_id(&app), "6d01e-110");
    // The start of an id in another file: the file opens.
    press(&mut app, ":a232a-11");
    let line = app
        .top_as::<sxs::tui::components::command_line::CommandLine>()
        .expect("the command line");
    assert!(line.targets.len() >= 5, "{:?}", line.targets);
    assert!(
        line.targets[0].label.starts_with("a232a-110"),
        "{:?}",
        line.targets
    );
    special(&mut app, KeyCode::Down);
    special(&mut app, KeyCode::Enter);
    assert_eq!(cursor_id(&app), "a232a-111", "the second target");
    assert_eq!(app.session.store.docs[app.session.doc].locale, "ja-jp");
    // A line of the open file: the segment on or before it.
    press(&mut app, ":");
    type_enter(&mut app, "30");
    assert_eq!(
        cursor_id(&app),
        "a232a-110",
        "line 30: the segment of line 29"
    );
    // A line that starts two segments: the first, as `check` names it.
    for line in ["31", "32"] {
        press(&mut app, ":");
        type_enter(&mut app, line);
        assert_eq!(
            cursor_id(&app),
            "a232a-111",
            "line {line}: 111 and 112 start on 31"
        );
    }
    // A file, fuzzily, by its path and locale.
    press(&mut app, ":");
    type_enter(&mut app, "fr");
    assert_eq!(app.session.store.docs[app.session.doc].locale, "fr-fr");
    // Nothing: said, and nothing moves.
    let before = at(&app);
    press(&mut app, ":");
    type_enter(&mut app, "zzzz");
    assert_eq!(at(&app), before);
    assert_said(&app, "no line, segment id or file");
    // Searching for an id says where ids go.
    press(&mut app, "/");
    type_enter(&mut app, "6d01e-110");
    assert_said(&app, ":6d01e-110 jumps");
}

#[test]
fn the_status_bar_counts_the_hits_and_the_segments_n_visits() {
    let (mut app, _notes) = samples(120, 30);
    press(&mut app, "/");
    type_enter(&mut app, "password");
    let hits = &app.session.search.hits;
    let matches: usize = hits
        .iter()
        .map(|(_, r)| r.source.len() + r.target.len())
        .sum();
    assert!(
        matches > hits.len(),
        "a segment with two hits: {matches} in {}",
        hits.len()
    );
    let segments = hits.len();
    // On the first segment with a hit, which one of them it is.
    let status = status_line(&app);
    let said = format!("/password segment 1/{}, {matches} hits", segments);
    assert!(status.contains(&said), "{status}");
    press(&mut app, "n");
    let said = format!("/password segment 2/{}, {matches} hits", segments);
    assert!(status_line(&app).contains(&said), "{}", status_line(&app));
    // Off them, how many there are.
    press(&mut app, "G");
    let last = app.session.position().cursor;
    if !app.session.search.hits.iter().any(|(s, _)| *s == last) {
        let said = format!("/password {matches} hits in {} segments", segments);
        assert!(status_line(&app).contains(&said), "{}", status_line(&app));
    }
}

/// A right-to-left hit in a narrow list is cut at the end of its sentence,
/// not at its start: the hit, at the start, is what the row must show.
#[test]
fn search_all_shows_a_right_to_left_hit_in_a_narrow_row() {
    let store = Store::load(&["tests/fixtures/corpus/customer-insights-pr.he-il"]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (60, 20));
    press(&mut app, "/");
    type_enter(&mut app, "יכולות");
    press(&mut app, "S");
    let rows = screen(&app);
    let row = rows
        .iter()
        .find(|r| r.contains("overview.md:"))
        .unwrap_or_else(|| panic!("the hit's row:\n{}", rows.join("\n")));
    // In visual order, as the terminal shows it.
    let shown: String = "יכולות".chars().rev().collect();
    // At the right, where a right-to-left line starts.
    let right = row.trim_end().trim_end_matches('│').trim_end();
    assert!(right.ends_with(&shown), "{row}\n{}", rows.join("\n"));
}

#[test]
fn search_all_lists_every_hit_in_every_file_and_the_panes_follow() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "S");
    assert_said(&app, "no search yet");
    press(&mut app, "/");
    type_enter(&mut app, "password");
    assert_said(&app, "S all files");
    let origin = at(&app);
    press(&mut app, "S");
    assert_eq!(app.mode(), "results");
    let list = app
        .top_as::<sxs::tui::components::search_results::SearchResults>()
        .unwrap();
    let hits = list.hits.clone();
    let files: std::collections::BTreeSet<usize> = hits.iter().map(|h| h.doc).collect();
    assert!(files.len() >= 3, "hits in several files: {hits:?}");
    assert!(
        hits.windows(2)
            .all(|w| (w[0].doc, w[0].segment) < (w[1].doc, w[1].segment))
    );
    // Stepping through the list moves the panes, across files.
    let selected = list.selected;
    press(&mut app, &"j".repeat(hits.len()));
    let last = hits.last().unwrap();
    assert_eq!(at(&app), (last.doc, last.segment));
    assert!(selected < hits.len());
    // Esc: back where the list was opened; Enter: stay at the hit.
    special(&mut app, KeyCode::Esc);
    assert_eq!(at(&app), origin);
    press(&mut app, "Sk");
    let here = at(&app);
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), "normal");
    assert_eq!(at(&app), here);
}

#[test]
fn copy_sends_the_raw_target_source_id_or_place_and_says_so() {
    let (mut app, _notes) = fixture("partner-center-pr.ja-jp");
    press(&mut app, ":");
    type_enter(&mut app, "c7760-110");
    let seg = app.session.store.docs[0].segments[app.session.position().cursor].clone();
    press(&mut app, "y");
    assert_eq!(app.mode(), "copy");
    assert!(
        status_line(&app).contains("y/t target"),
        "{}",
        status_line(&app)
    );
    press(&mut app, "y");
    assert_eq!(
        app.session.to_clipboard.take().as_deref(),
        Some(seg.target())
    );
    assert!(seg.target().contains("**"), "the markup as the file has it");
    assert_said(&app, "OSC 52");
    press(&mut app, "ys");
    assert_eq!(app.session.to_clipboard.take().as_deref(), seg.source());
    press(&mut app, "yi");
    assert_eq!(
        app.session.to_clipboard.take().as_deref(),
        Some("c7760-110")
    );
    press(&mut app, "yp");
    let place = format!("{}:27", app.session.store.docs[0].path);
    assert_eq!(app.session.to_clipboard.take(), Some(place));
    special(&mut app, KeyCode::Esc);
    press(&mut app, "y");
    special(&mut app, KeyCode::Esc);
    assert_eq!(app.session.to_clipboard, None, "Esc copies nothing");
}

/// The text drawn, without spaces (the cell after a wide glyph reads as one).
fn shown_text(app: &App) -> String {
    screen(app).join("\n").replace(' ', "")
}

#[test]
fn the_raw_view_shows_the_markup_of_the_cursor_row_or_of_every_row() {
    let (mut app, _notes) = fixture("partner-center-pr.ja-jp");
    press(&mut app, ":");
    type_enter(&mut app, "c7760-110");
    assert!(
        !shown_text(&app).contains("**"),
        "the display form hides it"
    );
    press(&mut app, "m");
    let shown = shown_text(&app);
    assert!(shown.contains("**Dashboard**"), "{shown}");
    assert!(shown.contains("**ダッシュボード**"), "{shown}");
    // The raw view follows the cursor: the row left behind is shown again
    // as a reader sees it.
    press(&mut app, "kk");
    let shown = shown_text(&app);
    assert!(!shown.contains("**Dashboard**"), "{shown}");
    assert!(shown.contains("[multichannel]"), "{shown}");
    assert!(shown.contains("(multichannel.md)"), "{shown}");
    press(&mut app, "M");
    let shown = shown_text(&app);
    assert!(
        shown.contains("**Dashboard**") && shown.contains("[multichannel]"),
        "{shown}"
    );
    press(&mut app, "M");
    assert!(!shown_text(&app).contains("**"), "M again: off");
}

#[test]
fn context_stands_dimmed_before_its_segment_and_the_cursor_never_lands_on_it() {
    let store = Store::load(&["tests/fixtures/tui/nuget-docs.zh-tw"]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (100, 40));
    let doc = &app.session.store.docs[0];
    assert!(doc.context.len() >= 3, "{:?}", doc.context);
    let count = app.session.segment_count();
    let mut seen = Vec::new();
    for _ in 0..count + 2 {
        let rows = layout::rows(&app.session);
        let cursor = app.session.position().cursor;
        let row = rows
            .iter()
            .find(|r| r.segment == cursor)
            .expect("cursor row");
        assert!(row.content > 0, "the cursor is on a segment's text");
        seen.push(cursor);
        press(&mut app, "j");
    }
    assert_eq!(seen.iter().max(), Some(&(count - 1)));
    // The code block stands between its segments, dimmed, fences and all.
    app.update(Action::First);
    let rows = screen(&app);
    let code = rows
        .iter()
        .position(|r| r.contains("```xml"))
        .expect("the code block");
    let before = rows
        .iter()
        .position(|r| r.contains("If pack with the targets"))
        .unwrap();
    let after = rows
        .iter()
        .position(|r| r.contains("If packing with a nuspec"))
        .unwrap();
    assert!(before < code && code < after, "{rows:#?}");
    assert!(rows[code + 1].contains("<PropertyGroup>"), "{rows:#?}");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 40)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let cell = &terminal.backend().buffer()[(rows[code].find("```").unwrap() as u16, code as u16)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::DIM),
        "{cell:?}"
    );
    // Only the whole document shows context: a filtered view has none.
    press(&mut app, "f");
    assert!(
        layout::rows(&app.session)
            .iter()
            .all(|r| r.context.is_empty())
    );
    // Reading mode shows it whole.
    press(&mut app, "fffr");
    let reading = app.top_as::<Reading>().unwrap();
    let code_lines = reading.lines.iter().filter(|l| l.context).count();
    assert!(code_lines >= 20, "{code_lines}");
}

/// Lines shown above the cursor's text.
fn lines_above_cursor(app: &App) -> usize {
    let rows = layout::rows(&app.session);
    let cursor = app.session.position().cursor;
    let row = rows
        .iter()
        .find(|r| r.segment == cursor)
        .expect("cursor row");
    row.y + row.above()
}

#[test]
fn jumps_keep_lines_above_their_target() {
    let (mut app, _notes) = samples(100, 20);
    let last = app.session.segment_count() - 1;
    press(&mut app, "G");
    assert!(
        app.session.position().top > 3,
        "the document is taller than the screen"
    );
    press(&mut app, "g");
    press(&mut app, ":");
    type_enter(&mut app, "6d01e-110");
    assert!(
        lines_above_cursor(&app) >= 3,
        ":ID: {}",
        lines_above_cursor(&app)
    );
    press(&mut app, "g]");
    press(&mut app, "/");
    type_enter(&mut app, "Reset");
    assert!(app.session.position().cursor > 5);
    assert!(
        lines_above_cursor(&app) >= 3,
        "search: {}",
        lines_above_cursor(&app)
    );
    // Moving up keeps lines above the cursor too, until the top.
    app.update(Action::Last);
    for _ in 0..last {
        press(&mut app, "k");
        let top = app.session.position().top;
        assert!(
            lines_above_cursor(&app) >= 3 || top == 0,
            "k to {}",
            app.session.position().cursor
        );
    }
}

#[test]
fn a_filtered_view_with_rows_above_the_cursor_fills_the_screen() {
    let (mut app, _notes) = samples(100, 30);
    // Two bad marks far apart, the cursor on the second.
    for segment in [1, 10] {
        app.go_to(segment);
        press(&mut app, "x");
        special(&mut app, KeyCode::Enter);
    }
    app.go_to(10);
    press(&mut app, "ff");
    assert_eq!(app.session.filter.label(), "flagged");
    assert_eq!(app.session.position().cursor, 10);
    let shown: Vec<usize> = layout::rows(&app.session)
        .iter()
        .map(|r| r.segment)
        .collect();
    assert_eq!(shown, [1, 10], "the row above shows, not blank rows");
}

#[test]
fn tab_with_one_file_says_so() {
    let (mut app, _notes) = fixture("nuget-docs.zh-tw");
    special(&mut app, KeyCode::Tab);
    assert_said(&app, "only one file is loaded");
}

#[test]
fn a_search_that_finds_one_segment_says_segment() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "/");
    type_enter(&mut app, "regain");
    assert!(
        flash(&app).starts_with("1 segment matches"),
        "{}",
        flash(&app)
    );
    press(&mut app, "/");
    press(&mut app, "Support");
    assert!(
        status_line(&app).contains("segments match"),
        "{}",
        status_line(&app)
    );
}

#[test]
fn hebrew_typed_in_the_search_prompt_reads_as_the_panes_show_it() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "/שלום");
    let status = status_line(&app);
    assert!(status.contains("/םולש▏"), "visual order: {status}");
}

#[test]
fn the_file_list_covers_the_gutter() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "aax");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "o");
    let rows = screen(&app);
    for (y, row) in rows.iter().enumerate().take(28).skip(2) {
        let first = row.chars().next().unwrap();
        assert!("│└".contains(first), "row {y}: {row}");
    }
}

#[test]
fn at_70_columns_the_file_list_keeps_each_file_name() {
    let store = Store::load(&["tests/fixtures/corpus"]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (70, 20));
    press(&mut app, "o");
    let rows = screen(&app);
    let list = app.top_as::<FileList>().expect("the file list");
    let shown = list.matches.len().min(16);
    for &doc in &list.matches[..shown] {
        let path = &app.session.store.docs[doc].path;
        let name = path.rsplit('/').next().unwrap();
        assert!(
            rows.iter().any(|r| r.contains(name) && r.contains('…')),
            "{name} of {path} is in a row\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn at_70_columns_the_top_bar_keeps_the_file_name() {
    let store = Store::load(&["tests/fixtures/corpus/partner-center-pr.de-de"]).unwrap();
    let (app, _notes) = common::app(store, Theme::mono(), (70, 20));
    let top = screen(&app)[0].clone();
    assert!(top.contains("software-assurance-lp.md"), "{top}");
    assert!(
        top.contains("de-de") && top.trim_end().ends_with("1/1"),
        "{top}"
    );
}

#[test]
fn the_top_bar_names_the_translation_type_only_when_the_file_does() {
    let dir = tempfile::tempdir().unwrap();
    let span = r#"<span data-ttu-id="a-1">訳</span><span class="sxs-lookup"><span data-stu-id="a-1">Text</span></span>"#;
    let (with, without) = (dir.path().join("mt.md"), dir.path().join("none.md"));
    std::fs::write(&with, format!("---\nms.translationtype: MT\n---\n{span}\n")).unwrap();
    std::fs::write(&without, format!("{span}\n")).unwrap();
    for (path, expected) in [(&with, " · und · MT "), (&without, " · und ")] {
        let store = Store::load(&[path]).unwrap();
        let (app, _notes) = common::app(store, Theme::mono(), (100, 20));
        let top = screen(&app)[0].clone();
        assert!(top.contains(expected), "{top}");
        // No bare `?`, which reads as the help key; no title, no ` · ` for it.
        assert!(!top.contains('?'), "{top}");
        assert!(
            !top.trim_end()
                .trim_end_matches("1/1")
                .trim_end()
                .ends_with('·'),
            "{top}"
        );
    }
    // A title longer than the room is cut with `…`, the count kept.
    let long = dir.path().join("long.md");
    let title = "Eine sehr lange Überschrift, die nicht in die Leiste passt";
    std::fs::write(&long, format!("---\ntitle: {title}\n---\n{span}\n")).unwrap();
    let store = Store::load(&[&long]).unwrap();
    let (app, _notes) = common::app(store, Theme::mono(), (70, 20));
    let top = screen(&app)[0].clone();
    assert!(top.contains("· Eine sehr") && top.contains('…'), "{top}");
    assert!(top.trim_end().ends_with("1/1"), "{top}");
}

#[test]
fn help_wraps_every_description_whole_in_a_narrow_window() {
    let (app, _notes) = samples(60, 20);
    let help = Help::new(&app.keymaps, &app.session);
    let room = 60 - 4 - 4;
    for (line, _) in help.shown() {
        let width = sxs::text::str_width(line, sxs::text::WidthMode::Narrow);
        assert!(width <= room, "{width} > {room}: {line}");
    }
    // Every character comes out, in order: lines break between words
    // (or where Unicode allows, after a hyphen, between CJK characters).
    // Hebrew comes out too, in visual order (right to left).
    let text = |lines: &[(String, bool)]| lines.iter().map(|(t, _)| t.as_str()).collect::<String>();
    let hebrew = |c: char| ('\u{0590}'..='\u{05ff}').contains(&c);
    let squeeze = |s: String| s.replace(|c: char| c == ' ' || hebrew(c), "");
    let (shown, lines) = (text(help.shown()), text(&help.lines()));
    assert_eq!(squeeze(shown.clone()), squeeze(lines.clone()));
    let letters = |s: &str| {
        let mut found: Vec<char> = s.chars().filter(|&c| hebrew(c)).collect();
        found.sort_unstable();
        found
    };
    assert!(!letters(&lines).is_empty());
    assert_eq!(letters(&shown), letters(&lines));
    assert!(shown.contains("רחא") && !shown.contains("אחר"), "{shown}");
    // A description too long for its line goes on under itself.
    let wrapped = help
        .shown()
        .windows(2)
        .any(|w| w[0].0.contains("clipboard") && w[1].0.starts_with(&" ".repeat(19)));
    assert!(wrapped, "{:#?}", help.shown());
}

#[test]
fn edit_asks_for_the_file_at_the_line_and_a_reload_follows_the_change() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "E");
    assert_said(&app, "not a file on disk");
    assert_eq!(app.session.to_edit, None);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("NU5030.md");
    std::fs::copy("tests/fixtures/tui/nuget-docs.zh-tw/NU5030.md", &file).unwrap();
    let store = Store::load(&[&file]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (100, 30));
    press(&mut app, "ja");
    let marked = app.session.position().cursor - 1;
    app.go_to(marked);
    press(&mut app, "E");
    let edit = app.session.to_edit.take().expect("an edit");
    assert_eq!(edit.path, file);
    assert_eq!(edit.line, app.session.store.docs[0].segments[marked].line);
    // The editor changes the marked target and adds a line above it.
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text
        .replace("問題</span>", "問題點</span>")
        .replacen("# ", "Added.\n\n# ", 1);
    std::fs::write(&file, changed).unwrap();
    app.reload(edit.doc, Ok(""));
    assert_eq!(
        cursor_id(&app),
        "372ee-104",
        "the cursor stays on its segment"
    );
    assert!(app.session.is_stale(0, marked), "the mark is stale now");
    assert_said(&app, "1 mark stale");
    let line = app.session.store.docs[0].segments[marked].line;
    assert_eq!(line, edit.line + 2, "lines are read again");
}

#[test]
fn resume_opens_at_the_latest_mark_within_the_first_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.yaml");
    let entry = |file: &str, id: &str, time: &str| {
        format!(
            "- file: {file}\n  id: {id}\n  verdict: ok\n  target: x\n  reviewer: kim\n  time: {time}\n"
        )
    };
    let text = [
        entry(
            "samples/000_8f5dbdcd68e3905e.txt",
            "6d01e-107",
            "2026-01-02T10:00:00Z",
        ),
        entry(
            "samples/000_8f5dbdcd68e3905e.txt",
            "6d01e-109",
            "2026-01-02T09:00:00Z",
        ),
        entry(
            "samples/001_556f1865daf7fcb3.txt",
            "a232a-113",
            "2026-01-01T10:00:00Z",
        ),
        entry(
            "samples/004_52681c2fb3646d8a.txt",
            "ghost-101",
            "2027-01-01T10:00:00Z",
        ),
    ]
    .concat();
    std::fs::write(&path, text).unwrap();
    let open = || {
        let notes = sxs::notes::Notes::open(&path).unwrap();
        opened(Store::samples(), notes, Vec::new())
    };
    let mut app = open();
    app.resume(None);
    assert_eq!(
        cursor_id(&app),
        "6d01e-107",
        "the latest time (no such id: skipped)"
    );
    assert_said(&app, "resumed at 6d01e-107");
    // The first path given was the ja-jp file: its latest mark.
    let mut app = open();
    app.resume(Some(Path::new("samples/001_556f1865daf7fcb3.txt")));
    assert_eq!(cursor_id(&app), "a232a-113");
    // A file with no mark: its start.
    let mut app = open();
    app.resume(Some(Path::new("samples/003_306dc789f17fb0a3.txt")));
    assert_eq!(at(&app), (3, 0));
}

#[test]
fn a_wmt_mqm_file_resumes_at_its_latest_mark_too() {
    let file = "tests/fixtures/wmt/systems2023-zhen.tsv";
    let store = Store::load(&[file]).unwrap();
    let (doc, seg) = (&store.docs[1], &store.docs[1].segments[1]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.yaml");
    std::fs::write(
        &path,
        format!(
            "- file: {}\n  id: {}\n  verdict: ok\n  target: x\n  reviewer: kim\n  \
             time: 2026-01-02T10:00:00Z\n",
            doc.path,
            seg.id()
        ),
    )
    .unwrap();
    let notes = sxs::notes::Notes::open(&path).unwrap();
    let mut app = opened(store.clone(), notes, Vec::new());
    // Its documents are named FILE#SYSTEM/DOC, which lie "within" FILE.
    app.resume(Some(Path::new(file)));
    assert_eq!(at(&app), (1, 1));
}

/// The samples' first file alone, the way the screen opens while the others
/// still load; the others, to add as they arrive.
fn loading_samples(notes: &Path) -> (App, Vec<sxs::store::Document>) {
    let mut rest = Store::samples().docs;
    let first = rest.remove(0);
    let store = Store {
        docs: vec![first],
        warnings: Vec::new(),
    };
    let mut app = opened(store, sxs::notes::Notes::open(notes).unwrap(), Vec::new());
    app.session.loading = Some((1, Some(1 + rest.len())));
    (app, rest)
}

#[test]
fn a_review_left_off_in_a_file_still_loading_resumes_there_when_it_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.yaml");
    std::fs::write(
        &path,
        "- file: samples/001_556f1865daf7fcb3.txt\n  id: a232a-113\n  verdict: ok\n  \
         target: x\n  reviewer: kim\n  time: 2026-01-01T10:00:00Z\n",
    )
    .unwrap();
    let (mut app, rest) = loading_samples(&path);
    app.resume(None);
    assert_eq!(
        at(&app),
        (0, 0),
        "the first file, until the marked one arrives"
    );
    app.add_documents(rest);
    assert_eq!(cursor_id(&app), "a232a-113");
    assert_said(&app, "resumed at a232a-113");
    // News too long for the room beside the position keeps its start and
    // end, and the position stays.
    let status = status_line(&app);
    assert!(
        status.contains(" 9/13 ")
            && status.contains("resumed at a232a-113 in")
            && status.trim_end().ends_with("the segment reviewed last"),
        "{status}"
    );

    // A reviewer who starts before it arrives stays where they are.
    let (mut app, rest) = loading_samples(&path);
    app.resume(None);
    press(&mut app, "j");
    app.add_documents(rest);
    assert_eq!(at(&app), (0, 1));

    // With the notes file held by another sxs, why it is read-only is
    // still what the first screen says when the file arrives.
    let _first = sxs::notes::Notes::open(&path).unwrap();
    let (mut app, rest) = loading_samples(&path);
    app.resume(None);
    app.add_documents(rest);
    assert_eq!(cursor_id(&app), "a232a-113");
    assert_said(&app, "read-only: another sxs is writing");
}

#[test]
fn what_looks_across_files_says_when_files_are_still_loading() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rest) = loading_samples(&dir.path().join("notes.yaml"));
    press(&mut app, "]");
    assert_said(&app, "the checks run once every file is loaded");
    press(&mut app, "L");
    assert_said(&app, "(loading 1/5 files…)");
    press(&mut app, "o");
    let title = screen(&app).concat();
    assert!(
        title.contains("files: 1 of 1 (loading 1/5 files…)"),
        "{title}"
    );
    // Files that arrive while the list is open join it.
    app.add_documents(rest);
    app.loaded(sxs::store::Problems::default());
    let title = screen(&app).concat();
    assert!(title.contains("files: 5 of 5 ·"), "{title}");
}

#[test]
fn files_that_arrive_while_loading_join_the_order_tab_visits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rest) = loading_samples(&dir.path().join("notes.yaml"));
    app.add_documents(rest);
    let mut visited = vec![app.session.doc];
    for _ in 0..4 {
        special(&mut app, KeyCode::Tab);
        visited.push(app.session.doc);
    }
    visited.sort_unstable();
    assert_eq!(visited, [0, 1, 2, 3, 4]);
}

/// Opens the samples' Japanese article at `segment`; returns the document.
fn open_japanese(app: &mut App, segment: usize) -> usize {
    let ja = (0..app.session.store.docs.len())
        .find(|&d| app.session.store.docs[d].locale == "ja-jp")
        .unwrap();
    app.open_doc(ja);
    app.go_to(segment);
    ja
}

/// The samples at 100×30 opened on the Japanese article, the cursor on
/// segment `segment`.
fn japanese(segment: usize) -> (App, tempfile::TempDir) {
    let (mut app, notes) = samples(100, 30);
    open_japanese(&mut app, segment);
    (app, notes)
}

fn cursor_target(app: &App) -> String {
    let doc = &app.session.store.docs[app.session.doc];
    doc.segments[app.session.position().cursor]
        .target()
        .to_string()
}

/// The errors of the first entry of the notes file.
fn saved_errors(notes: &tempfile::TempDir) -> Vec<serde_yaml::Value> {
    entries(notes)[0]["errors"]
        .as_sequence()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn v_l_l_l_x_enter_marks_four_characters_at_their_raw_offsets_and_x_adds_a_second_error() {
    let (mut app, notes) = japanese(3);
    let target = cursor_target(&app);
    assert!(target.starts_with("グローバル管理者"), "{target}");
    press(&mut app, "v");
    assert_eq!(app.mode(), "span");
    press(&mut app, "lll");
    assert!(status_line(&app).contains("SPAN target «グローバ» 4 characters"));
    press(&mut app, "x");
    assert_eq!(app.mode(), "dialog");
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), "normal", "back to the panes");
    assert!(app.session.selecting.is_none(), "the selection is gone");
    press(&mut app, "xg1");
    special(&mut app, KeyCode::Enter);
    let errors = saved_errors(&notes);
    assert_eq!(entries(&notes).len(), 1);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["side"], "target");
    assert_eq!(errors[0]["start"].as_u64(), Some(0));
    assert_eq!(errors[0]["end"].as_u64(), Some(12));
    assert_eq!(errors[0]["text"], "グローバ");
    assert_eq!(errors[0]["severity"], "major");
    assert_eq!(errors[1]["category"], "fluency/grammar");
    assert!(errors[1].get("side").is_none(), "on the whole segment");
    assert_eq!(
        app.session.position().cursor,
        3,
        "the cursor stays for the next error"
    );
}

#[test]
fn span_mode_finds_a_word_moves_by_word_and_esc_leaves_nothing() {
    let (mut app, notes) = japanese(3);
    press(&mut app, "v/パスワード");
    assert!(
        status_line(&app).contains("/パスワード▏ 1 match"),
        "{}",
        status_line(&app)
    );
    // While typing, `x` is a character: only Enter keeps the match.
    assert!(status_line(&app).ends_with("to select  Enter keep  Esc back "));
    special(&mut app, KeyCode::Enter);
    assert_eq!(
        app.mode(),
        "span",
        "Enter ends the search, not the selection"
    );
    assert!(status_line(&app).contains("«パスワード»"));
    // `e` from inside a word goes to its end; a Japanese word is one step.
    press(&mut app, "ve");
    assert!(
        status_line(&app).contains("«ドを»"),
        "{}",
        status_line(&app)
    );
    press(&mut app, "bwb");
    press(&mut app, "x3");
    special(&mut app, KeyCode::Enter);
    let errors = saved_errors(&notes);
    assert_eq!(errors[0]["text"], "パスワード");
    let target = cursor_target(&app);
    let start = errors[0]["start"].as_u64().unwrap() as usize;
    assert_eq!(&target[start..start + "パスワード".len()], "パスワード");
    // A search that finds nothing says so and keeps the selection.
    press(&mut app, "v/zzz");
    assert_said(&app, "no “zzz” in the target");
    special(&mut app, KeyCode::Esc);
    special(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), "normal");
    assert!(app.session.selecting.is_none());
    assert_eq!(saved_errors(&notes).len(), 1, "Esc marks nothing");
    // A long selection is quoted by its ends: the keys stay in view.
    press(&mut app, "v$");
    let status = status_line(&app);
    assert!(
        status.contains('…') && status.ends_with("x mark  Esc cancel "),
        "{status}"
    );
}

#[test]
fn tab_selects_in_the_source_for_an_omission_and_is_refused_where_there_is_none() {
    let (mut app, notes) = japanese(3);
    let source = cursor_source(&app);
    press(&mut app, "v");
    special(&mut app, KeyCode::Tab);
    assert!(status_line(&app).contains("SPAN source"));
    press(&mut app, "e");
    // A span of the source starts as an omission: `x` then Enter saves it so.
    press(&mut app, "x");
    special(&mut app, KeyCode::Enter);
    let errors = saved_errors(&notes);
    let word = source.split(' ').next().unwrap();
    assert_eq!(
        (errors[0]["side"].as_str(), errors[0]["text"].as_str()),
        (Some("source"), Some(word))
    );
    assert_eq!(errors[0]["category"], "accuracy/omission");

    let store = Store::load(&["tests/fixtures/store/broken/unpaired.md"]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (100, 30));
    app.go_to(1);
    assert!(app.session.store.docs[0].segments[1].source().is_none());
    press(&mut app, "v");
    special(&mut app, KeyCode::Tab);
    assert_said(&app, "dead0-102 has no source");
    assert_eq!(app.mode(), "span");
    press(&mut app, "l");
    assert!(
        status_line(&app).contains("SPAN target"),
        "still in the target"
    );
}

#[test]
fn a_hebrew_span_and_comment_are_quoted_in_visual_order_on_the_detail_line() {
    let store = Store::load(&["tests/fixtures/corpus/customer-insights-pr.he-il"]).unwrap();
    let (mut app, notes) = common::app(store, Theme::mono(), (100, 30));
    app.go_to(2);
    press(&mut app, "v/הלקוחות");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "xy1c");
    app.paste("ניסוח");
    special(&mut app, KeyCode::Enter);
    let errors = saved_errors(&notes);
    let target = cursor_target(&app);
    let start = errors[0]["start"].as_u64().unwrap() as usize;
    assert_eq!(&target[start..start + "הלקוחות".len()], "הלקוחות");
    // The panes show right-to-left text in visual order; so does the line
    // below them, each quote reordered on its own.
    let shown = screen(&app).join("\n");
    assert!(shown.contains("✗ minor Style «תוחוקלה»: חוסינ"), "{shown}");
    // A Hebrew comment that ends in English reads from the right, as the
    // dialog showed it: its quotes stay around the word they quote.
    press(&mut app, "ee");
    special(&mut app, KeyCode::Tab);
    app.paste(" \"חיבור\" vs link");
    special(&mut app, KeyCode::Enter);
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("«תוחוקלה»: vs link \"רוביח\" חוסינ"),
        "{shown}"
    );
    // Too long for a narrow line, it is cut at its end, which is on the
    // left: its first word, on the right, stays.
    app.resize(72, 30);
    let rows = screen(&app);
    let line = rows
        .iter()
        .find(|r| r.contains("✗ minor Style"))
        .expect("the detail line");
    assert!(line.contains("חוסינ") && line.contains('…'), "{line}");
}

#[test]
fn e_lists_the_errors_to_edit_or_delete_each_one_step_of_undo() {
    let (mut app, notes) = japanese(3);
    press(&mut app, "e");
    assert_said(
        &app,
        "no errors on this segment; x adds one, v marks one on a span",
    );
    press(&mut app, "vex");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "xs1");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "e");
    assert_eq!(app.mode(), "errors");
    let shown = screen(&app).join("\n");
    assert!(shown.contains("segment a232a-107: 2 errors"), "{shown}");
    assert!(
        shown.contains("1 major    Accuracy/Mistranslation  «グローバル» in the target"),
        "{shown}"
    );
    assert!(
        shown.contains("2 minor    Fluency/Spelling         the whole segment"),
        "{shown}"
    );
    // Edit the second: critical, with a comment; its category stays.
    press(&mut app, "j");
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), "dialog");
    press(&mut app, "3c");
    press(&mut app, "送り仮名");
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), "errors", "back to the list");
    let errors = saved_errors(&notes);
    assert_eq!(errors[1]["severity"], "critical");
    assert_eq!(errors[1]["category"], "fluency/spelling");
    assert_eq!(errors[1]["comment"], "送り仮名");
    assert!(
        screen(&app).join("\n").contains("送り仮名"),
        "the comment in full"
    );
    // Delete the first; undo brings it back, one step each.
    press(&mut app, "k");
    press(&mut app, "d");
    assert_said(&app, "error 1 deleted, 1 error left (u undoes)");
    assert_eq!(saved_errors(&notes).len(), 1);
    press(&mut app, "u");
    assert_eq!(saved_errors(&notes).len(), 2);
    assert_eq!(saved_errors(&notes)[0]["text"], "グローバル");
    press(&mut app, "u");
    assert_eq!(
        saved_errors(&notes)[1]["severity"],
        "minor",
        "the edit undone"
    );
    // Deleting the last error closes the list; the segment is unreviewed.
    press(&mut app, "dd");
    assert_eq!(app.mode(), "normal");
    assert!(entries(&notes).is_empty() || entries(&notes)[0]["verdict"].is_null());
}

#[test]
fn the_comment_field_moves_deletes_words_and_keeps_pasted_line_breaks() {
    let (mut app, notes) = japanese(3);
    press(&mut app, "x");
    special(&mut app, KeyCode::Tab);
    press(&mut app, "wrong word here");
    ctrl(&mut app, 'w');
    special(&mut app, KeyCode::Home);
    press(&mut app, "a ");
    special(&mut app, KeyCode::End);
    app.paste("line one\r\nline two\rend");
    special(&mut app, KeyCode::Left);
    special(&mut app, KeyCode::Left);
    special(&mut app, KeyCode::Left);
    press(&mut app, "the ");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    press(&mut app, "送り仮名");
    special(&mut app, KeyCode::Enter);
    assert_eq!(
        saved_errors(&notes)[0]["comment"],
        "a wrong word line one\nline two\nthe \n送り仮名end"
    );
}

#[test]
fn a_comment_on_the_whole_segment_goes_on_ok_marks_too_and_shows() {
    let (mut app, notes) = japanese(3);
    press(&mut app, "C");
    assert_eq!(app.mode(), "comment");
    press(&mut app, "訳は正しいが硬い");
    special(&mut app, KeyCode::Enter);
    assert_eq!(entries(&notes)[0]["comment"], "訳は正しいが硬い");
    assert!(entries(&notes)[0]["verdict"].is_null(), "no verdict yet");
    press(&mut app, "a");
    assert_eq!(entries(&notes)[0]["verdict"], "ok");
    assert_eq!(
        entries(&notes)[0]["comment"],
        "訳は正しいが硬い",
        "kept by the ok"
    );
    press(&mut app, "k");
    assert!(
        screen(&app)
            .join("\n")
            .contains("✓ ok (tester)  “訳は正しいが硬い”")
    );
    // One step of undo each.
    press(&mut app, "uu");
    assert!(entries(&notes).is_empty());
}

/// An ok entry written by hand, with no reviewer and no texts: shown as
/// ok, without an empty `()` for the reviewer, and not stale.
#[test]
fn a_hand_written_ok_without_reviewer_or_texts_shows_plainly() {
    let store = Store::samples();
    let doc = &store.docs[0];
    let (path, id) = (doc.path.clone(), doc.segments[0].id().to_string());
    let yaml = format!("- file: {path}\n  id: {id}\n  verdict: ok\n");
    let (app, _dir) = with_notes_file(store, &yaml);
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("✓ ok") && !shown.contains("✓ ok ("),
        "{shown}"
    );
    assert!(!app.session.is_stale(0, 0));
    assert_eq!(app.session.progress(0).review.reviewed, 1);
}

/// The mark dialog covers the bottom of the panes: `x` on the last segment,
/// which stood at the bottom, shows that segment above the dialog; so does
/// a span marked from span mode.
#[test]
fn the_segment_being_marked_shows_above_the_mark_dialog() {
    for keys in ["x", "vex"] {
        let (mut app, _notes) = samples(100, 24);
        press(&mut app, "G");
        let words: String = cursor_source(&app).chars().take(12).collect();
        press(&mut app, keys);
        let rows = screen(&app);
        let dialog = rows
            .iter()
            .position(|r| r.contains("Add an error"))
            .expect("the dialog");
        assert!(
            rows[..dialog].iter().any(|r| r.contains(&words)),
            "{keys}: {words:?} above the dialog:\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn time_on_screen_is_summed_over_visits_and_saved_without_a_write_per_move() {
    let (mut app, notes) = japanese(3);
    app.session.advance_clock(std::time::Duration::from_secs(4));
    press(&mut app, "x");
    special(&mut app, KeyCode::Enter);
    let seconds = |notes: &tempfile::TempDir| entries(notes)[0]["seconds"].as_f64().unwrap_or(0.0);
    assert!(
        (4.0..5.0).contains(&seconds(&notes)),
        "the 4 s before the mark go with it"
    );
    // Away and back: 3 s more, saved when the cursor leaves the segment.
    press(&mut app, "jk");
    app.session.advance_clock(std::time::Duration::from_secs(3));
    press(&mut app, "j");
    assert!((7.0..8.0).contains(&seconds(&notes)), "{}", seconds(&notes));
    assert!(
        screen(&app).iter().all(|l| !l.contains("on screen")),
        "not on this segment"
    );
    press(&mut app, "k");
    let shown = screen(&app).join("\n");
    assert!(shown.contains(" · 7 s on screen  ✗ major"), "{shown}");
    // Before the errors, which can fill the line.
    for _ in 0..3 {
        press(&mut app, "x");
        special(&mut app, KeyCode::Enter);
    }
    assert!(
        screen(&app)
            .join("\n")
            .contains("7 s on screen  ✗ 4 errors")
    );
    // A short visit is carried, not written, and saved at the end.
    let written = notes_text(&notes);
    app.session
        .advance_clock(std::time::Duration::from_millis(500));
    press(&mut app, "j");
    assert_eq!(notes_text(&notes), written, "no write for half a second");
    app.finish();
    assert!((7.5..8.5).contains(&seconds(&notes)), "{}", seconds(&notes));
}

#[test]
fn a_on_a_segment_with_errors_asks_and_only_the_next_key_confirms() {
    let (mut app, notes) = japanese(3);
    press(&mut app, "x");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "a");
    assert_said(&app, "this segment has 1 error; a again makes it ok");
    press(&mut app, "j");
    press(&mut app, "k");
    press(&mut app, "a");
    assert_said(&app, "a again");
    assert_eq!(
        entries(&notes)[0]["verdict"],
        "bad",
        "another key in between: asked again"
    );
    press(&mut app, "a");
    assert_eq!(entries(&notes)[0]["verdict"], "ok");
    assert_eq!(app.session.position().cursor, 4, "ok moves on");
}

#[test]
fn advance_after_error_moves_on_as_a_does() {
    let (mut app, _notes) = japanese(3);
    app.session.advance_after_error = true;
    press(&mut app, "x");
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.session.position().cursor, 4);
    press(&mut app, "vx");
    special(&mut app, KeyCode::Enter);
    assert_eq!(app.session.position().cursor, 5, "from span mode too");
}

/// The display text of `text`, its runs that carry `flag` in `⟦⟧`.
fn flagged(text: &sxs::text::StyledText, flag: sxs::text::Style) -> String {
    text.runs()
        .map(|(range, style)| {
            let shown = &text.text()[range];
            match style.contains(flag) {
                true => format!("⟦{shown}⟧"),
                false => shown.to_string(),
            }
        })
        .collect()
}

#[test]
fn reading_mode_opens_on_the_line_where_the_segment_starts_and_closes_back_on_it() {
    // a232a-112 starts in the middle of a line of its paragraph, after 111.
    let (mut app, _notes) = samples(100, 30);
    let ja = open_japanese(&mut app, 0);
    let segments = &app.session.store.docs[ja].segments;
    let second = segments.iter().position(|s| s.id() == "a232a-112").unwrap();
    assert_eq!(segments[second - 1].line, segments[second].line);
    app.go_to(second);
    press(&mut app, "r");
    let reading = app.top_as::<Reading>().unwrap();
    let top = &reading.lines[reading.top];
    assert!(top.starts.contains(&second), "{:?}", top.starts);
    assert!(
        top.segment < second,
        "the line begins with the segment before"
    );
    press(&mut app, "r");
    assert_eq!(
        cursor_id(&app),
        "a232a-112",
        "closed without a move: where it was"
    );
}

#[test]
fn reading_mode_shows_each_segment_as_the_panes_do_when_markers_are_unbalanced() {
    // A stray `**` in each of two segments of one paragraph: apart, each is
    // shown as it stands; joined before rendering they made bold.
    let text = concat!(
        "<span data-ttu-id=\"a-101\">Das ist **kaputt.</span>",
        "<span class=\"sxs-lookup\"><span data-stu-id=\"a-101\">This is broken.</span></span> ",
        "<span data-ttu-id=\"a-102\">Und das** hier.</span>",
        "<span class=\"sxs-lookup\"><span data-stu-id=\"a-102\">And this here.</span></span>\n",
    );
    let store = Store {
        docs: vec![sxs::store::Document::parse("de-de/a.md", text)],
        warnings: Vec::new(),
    };
    let (mut app, _notes) = common::app(store, Theme::mono(), (100, 30));
    let panes = screen(&app).join("\n");
    assert!(
        panes.contains("**kaputt.") && panes.contains("das** hier"),
        "{panes}"
    );
    press(&mut app, "r");
    let reading = screen(&app).join("\n");
    assert!(
        reading.contains("Das ist **kaputt. Und das** hier."),
        "{reading}"
    );
}

#[test]
fn marked_spans_are_highlighted_by_severity_in_panes_raw_view_and_reading_mode() {
    use sxs::text::Style;
    let (mut app, _notes) = japanese(4);
    // a232a-108: **[サインイン]** 画面で、 **[アカウントにアクセスできない]** を選択し、…
    press(&mut app, "v/サインイン");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "x1");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "v/画面で");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "x3");
    special(&mut app, KeyCode::Enter);
    let (doc, cursor) = (app.session.doc, app.session.position().cursor);
    let target = &app.session.displays.get(doc)[cursor].target;
    assert!(
        flagged(target, Style::MINOR_SPAN).contains("⟦サインイン⟧"),
        "{target:?}"
    );
    assert!(flagged(target, Style::CRITICAL_SPAN).contains("⟦画面で⟧"));
    assert!(!flagged(target, Style::MAJOR_SPAN).contains('⟦'));
    // The raw view shows the same words marked, between their markup.
    press(&mut app, "m");
    let raw = &app.session.displays.raw(doc).unwrap()[cursor].target;
    assert!(
        flagged(raw, Style::MINOR_SPAN).starts_with("**[⟦サインイン⟧]**"),
        "{raw:?}"
    );
    press(&mut app, "m");
    // Reading mode too.
    press(&mut app, "r");
    let reading = app.top_as::<Reading>().unwrap();
    let line = reading
        .lines
        .iter()
        .find(|l| l.segment == cursor && !l.context)
        .unwrap();
    assert!(flagged(&line.text, Style::CRITICAL_SPAN).contains("⟦画面で⟧"));
    press(&mut app, "r");
    // The gutter and the detail line go by the worst severity.
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("✗ 2 errors: critical Accuracy/Mistranslation «画面で» · minor"),
        "{shown}"
    );
    // Undo takes the highlight away with the error, from another row too;
    // redo brings it back.
    press(&mut app, "jju");
    assert_eq!(app.session.position().cursor, cursor);
    let target = &app.session.displays.get(doc)[cursor].target;
    assert!(!flagged(target, Style::CRITICAL_SPAN).contains('⟦'));
    press(&mut app, "jj");
    app.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    let target = &app.session.displays.get(doc)[cursor].target;
    assert!(flagged(target, Style::CRITICAL_SPAN).contains("⟦画面で⟧"));
}

#[test]
fn in_a_low_window_the_mark_dialog_keeps_the_chosen_category_the_severities_and_the_comment() {
    let (mut app, _notes) = samples(40, 12);
    press(&mut app, "x");
    press(&mut app, "s3");
    let shown = screen(&app).join("\n");
    for part in ["spelling", "Severity:", "3 critical", "Comment"] {
        assert!(shown.contains(part), "{part:?} in\n{shown}");
    }
    // Every category is still there in a window tall enough.
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, "x");
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("mistranslation") && shown.contains("spelling"),
        "{shown}"
    );
}

#[test]
fn a_page_key_reads_on_inside_a_segment_taller_than_the_panes_then_moves_on() {
    // At 30×10 the panes are stacked and a long segment's target starts
    // below the screen: a page key shows the rest of it before moving on.
    let (mut app, _notes) = samples(30, 10);
    let body = app.session.geometry().body_height as usize;
    let count = app.session.segment_count();
    let height = |app: &App, s: usize| {
        let geo = app.session.geometry();
        layout::row(&app.session, s, 0, &geo).height()
    };
    let tall = (0..count)
        .find(|&s| height(&app, s) > body + 2)
        .expect("a tall segment");
    app.go_to(tall);
    assert_eq!(app.session.position().top, tall, "shown from its start");
    let before = screen(&app);
    special(&mut app, KeyCode::PageDown);
    assert_eq!(app.session.position().cursor, tall, "still on it");
    assert!(app.session.scrolled > 0);
    assert_ne!(screen(&app), before, "the rest of it shows");
    let mut presses = 0;
    while app.session.position().cursor == tall {
        special(&mut app, KeyCode::PageDown);
        presses += 1;
        assert!(presses < 20, "never moved on");
    }
    assert!(app.session.position().cursor > tall);
    // Back on it, PgUp after PgDn shows its start again.
    app.go_to(tall);
    special(&mut app, KeyCode::PageDown);
    special(&mut app, KeyCode::PageUp);
    assert_eq!(
        (app.session.position().cursor, app.session.scrolled),
        (tall, 0)
    );
}

#[test]
fn span_mode_scrolls_a_segment_taller_than_the_panes_to_the_selection() {
    // At 30×10 the panes are stacked and a long segment's target ends
    // below the screen: the selection's moving end stays in view.
    let (mut app, _notes) = samples(30, 10);
    let geo = app.session.geometry();
    assert_eq!(geo.arrangement, Arrangement::Stacked);
    let body = geo.body_height as usize;
    let tall = (0..app.session.segment_count())
        .find(|&s| layout::row(&app.session, s, 0, &geo).height() > body + 4)
        .expect("a tall segment");
    app.go_to(tall);
    // The selection's last line (where its moving end is: it only grows
    // forward here) among the lines the panes show.
    let selection_shown = |app: &App| {
        let body = app.session.geometry().body_height as usize;
        let rows = layout::rows(&app.session);
        let row = &rows[0];
        let lines = row.context.iter().chain(&row.source).chain(&row.target);
        let selected = |line: &layout::Line| {
            let spans = &line.text.spans;
            let flag = sxs::text::Style::SELECTED;
            spans.iter().any(|(_, style)| style.contains(flag))
        };
        let last = lines.enumerate().filter(|(_, line)| selected(line)).last();
        last.is_some_and(|(at, _)| at < body)
    };
    press(&mut app, "v");
    assert!(selection_shown(&app), "{:#?}", screen(&app));
    press(&mut app, "$");
    let at_end = app.session.scrolled;
    assert!(at_end > 0, "scrolled to the end");
    assert!(selection_shown(&app), "{:#?}", screen(&app));
    assert_eq!(app.session.position().cursor, tall);
    // A resize lays the segment out again and keeps the selection in view.
    app.resize(30, 11);
    assert!(selection_shown(&app), "after a resize: {:#?}", screen(&app));
    app.resize(30, 10);
    assert!(selection_shown(&app), "{:#?}", screen(&app));
    // The source stands above the target: its first line scrolls back in.
    special(&mut app, KeyCode::Tab);
    assert!(app.session.scrolled < at_end, "back towards its start");
    assert!(selection_shown(&app), "{:#?}", screen(&app));
    assert!(selection_shown(&app), "{:#?}", screen(&app));
}

#[test]
fn ordered_lists_show_their_numbers_as_markdown_counts_them() {
    // `1.` on every item shows 1, 2, 3; a nested list starts at its own
    // first number; a bullet between two ordered items starts a new list.
    let (app, _notes) = fixture("ordered-lists");
    let shown = screen(&app).join("\n");
    for line in [
        "1. One",
        "1. Eins",
        "2. Two",
        "2. Zwei",
        "  3. Three a",
        "  4. Three b",
        "3. Four",
        "7. Seven",
        "• Bullet",
        "8. Eight",
    ] {
        assert!(shown.contains(line), "{line:?} in\n{shown}");
    }
}

#[test]
fn a_hand_edit_read_in_with_the_next_change_moves_every_highlight_it_touches() {
    use sxs::text::Style;
    let (mut app, _notes) = japanese(4);
    press(&mut app, "v/サインイン");
    special(&mut app, KeyCode::Enter);
    press(&mut app, "x1");
    special(&mut app, KeyCode::Enter);
    let (doc, marked) = (app.session.doc, app.session.position().cursor);
    let highlighted = |app: &App| {
        flagged(
            &app.session.displays.get(doc)[marked].target,
            Style::MINOR_SPAN,
        )
    };
    assert!(highlighted(&app).contains("⟦サインイン⟧"));
    // The reviewer's colleague rewrites the span's text by hand…
    let path = app.session.notes.path().to_path_buf();
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert!(yaml.contains("text: \"サインイン\""), "{yaml}");
    std::fs::write(
        &path,
        yaml.replace("text: \"サインイン\"", "text: \"どこにもない語\""),
    )
    .unwrap();
    // …and the next change, on another segment, reads it in.
    press(&mut app, "ja");
    assert!(!highlighted(&app).contains('⟦'), "{}", highlighted(&app));
    app.go_to(marked);
    let shown = screen(&app).join("\n");
    assert!(shown.contains("~«どこにもない語»"), "{shown}");
}

#[test]
fn a_span_whose_text_is_gone_is_kept_and_shown_stale() {
    let store = Store::samples();
    let ja = store.docs.iter().find(|d| d.locale == "ja-jp").unwrap();
    let seg = &ja.segments[3];
    let (mut app, _notes) = with_notes_file(
        store.clone(),
        &format!(
            "- file: {}\n  locale: ja-jp\n  id: {}\n  verdict: bad\n  errors:\n    \
             - category: terminology\n      severity: minor\n      side: target\n      \
             start: 3\n      end: 9\n      text: 消えた\n    - category: style\n      \
             severity: major\n      side: target\n      start: 90\n      end: 99\n      \
             text: パスワード\n  comment: \"\"\n  source: {:?}\n  target: {:?}\n  reviewer: kim\n  \
             time: 2026-01-02T03:04:05Z\n",
            ja.path,
            seg.id(),
            seg.source().unwrap(),
            seg.target()
        ),
    );
    let ja = open_japanese(&mut app, 3);
    let shown = screen(&app).join("\n");
    assert!(shown.contains("minor Terminology ~«消えた»"), "{shown}");
    // The hand-written offsets of the other were wrong: found by its text.
    let target = &app.session.displays.get(ja)[3].target;
    assert!(flagged(target, sxs::text::Style::MAJOR_SPAN).contains("⟦パスワード⟧"));
    assert!(!flagged(target, sxs::text::Style::MINOR_SPAN).contains('⟦'));
    press(&mut app, "e");
    assert!(
        screen(&app)
            .join("\n")
            .contains("«消えた» stale: no longer in the target")
    );
    // Loading warned about both spans; in a narrow window the warnings wrap
    // inside their frame, no letter cut off at its right edge.
    special(&mut app, KeyCode::Esc);
    app.resize(60, 24);
    press(&mut app, "w");
    let popup: Vec<String> = screen(&app)
        .iter()
        .filter_map(|row| row.strip_prefix('│')?.strip_suffix('│').map(str::trim))
        .map(String::from)
        .collect();
    let text = popup.join(" ");
    let whole = "kept as written, looked up by its text and shown stale where it is not found";
    assert_eq!(text.matches(whole).count(), 2, "{popup:#?}");
}

/// One document of the 2023 WMT MQM file as three systems translated it
/// (GPT4-5shot, HW-TSC, IOL_Research), two segments each, three raters per
/// segment, in a window wide enough for the whole detail line.
fn systems() -> (App, tempfile::TempDir) {
    let store = Store::load(&["tests/fixtures/wmt/systems2023-zhen.tsv".to_string()]).unwrap();
    common::app(store, Theme::mono(), (300, 30))
}

fn system(app: &App) -> &str {
    app.session.wmt.system(app.session.doc).unwrap()
}

/// The line about the cursor's segment, above the status bar.
fn detail_line(app: &App) -> String {
    let rows = screen(app);
    rows[rows.len() - 2].clone()
}

/// The target of the cursor's segment as shown, `⟦…⟧` around the text
/// carrying `flag`.
fn target_flagged(app: &App, flag: sxs::text::Style) -> String {
    let cursor = app.session.position().cursor;
    flagged(
        &app.session.displays.get(app.session.doc)[cursor].target,
        flag,
    )
    .replace("⟧⟦", "")
}

#[test]
fn the_next_system_shows_the_same_segment_and_cycles() {
    let (mut app, _notes) = systems();
    assert_eq!(system(&app), "GPT4-5shot");
    press(&mut app, "j");
    let id = cursor_id(&app);
    press(&mut app, ">");
    assert_eq!((system(&app), cursor_id(&app)), ("HW-TSC", id.clone()));
    assert_said(&app, "HW-TSC: system 2 of 3");
    assert!(screen(&app)[0].contains("news_chinanews.com.280789:zh-en · HW-TSC"));
    press(&mut app, ">>");
    assert_eq!((system(&app), cursor_id(&app)), ("GPT4-5shot", id.clone()));
    press(&mut app, "<");
    assert_eq!(
        (system(&app), cursor_id(&app)),
        ("IOL_Research", id.clone())
    );
    press(&mut app, "2>");
    assert_eq!((system(&app), cursor_id(&app)), ("HW-TSC", id));
    assert_cursor_visible(&app);
}

#[test]
fn the_next_system_in_a_segment_file_says_what_it_is_for() {
    let (mut app, _notes) = samples(100, 30);
    press(&mut app, ">");
    assert_eq!(app.session.doc, 0);
    assert_said(&app, "only a WMT MQM file has other systems to switch to");
}

#[test]
fn each_raters_judgment_is_listed_and_their_spans_highlighted() {
    use sxs::text::Style;
    let (mut app, _notes) = systems();
    let line = detail_line(&app);
    assert!(
        line.contains("rater5 ✗ minor Accuracy/Mistranslation «difference»"),
        "{line}"
    );
    assert!(line.contains("rater3 ✓ no error"), "{line}");
    assert_eq!(
        target_flagged(&app, Style::RATER_SPAN),
        "⟦Buy⟧ at a higher price, ⟦get⟧ a refund for the ⟦difference⟧!"
    );
    press(&mut app, ">");
    let line = detail_line(&app);
    assert!(
        line.contains(
            "rater6 ✗ major Accuracy/Mistranslation «Buy expensive», \
             major Accuracy/Mistranslation «refund»; attention check (Found)"
        ),
        "{line}"
    );
    // Raters' spans are not the reviewer's marks: nothing is counted.
    assert_eq!(app.session.progress(app.session.doc).review.reviewed, 0);
    assert_eq!(
        target_flagged(&app, Style::RATER_SPAN),
        "⟦Buy expensive⟧ ⟦refund⟧ price difference!"
    );
    // The reviewer's own mark stands beside the raters'.
    press(&mut app, "v$x");
    special(&mut app, KeyCode::Enter);
    assert_eq!(
        target_flagged(&app, Style::MAJOR_SPAN),
        "⟦Buy expensive refund price difference!⟧"
    );
    assert_eq!(
        target_flagged(&app, Style::RATER_SPAN),
        "⟦Buy expensive⟧ ⟦refund⟧ price difference!"
    );
    assert!(detail_line(&app).contains("rater5 ✗"));
}

#[test]
fn the_scope_shows_one_raters_segments_or_one_systems_files_and_says_so() {
    use sxs::text::Style;
    let (mut app, _notes) = systems();
    press(&mut app, "F");
    type_enter(&mut app, "rater3");
    assert!(
        status_line(&app).contains("[rater3's errors]"),
        "{}",
        status_line(&app)
    );
    assert_said(&app, "showing rater3's errors: 5 segments in 3 documents");
    // rater3 found no error in GPT4-5shot's first segment: it is left out,
    // and only rater3's spans are highlighted.
    assert!(!app.session.shown(0));
    assert_eq!(cursor_id(&app), "42");
    assert_eq!(
        target_flagged(&app, Style::RATER_SPAN),
        "⟦\"⟧Nanjing's real estate market sees a resurgence of \
         '⟦price difference compensation⟧' - China News Network⟦\"⟧"
    );
    let line = detail_line(&app);
    assert!(
        line.contains("rater3 ✗") && !line.contains("rater5"),
        "{line}"
    );
    special(&mut app, KeyCode::Tab);
    assert_eq!(system(&app), "HW-TSC");
    // The next system keeps the scope: GPT4-5shot's first segment, which
    // rater3 found no error in, is passed.
    assert_eq!(cursor_id(&app), "41");
    press(&mut app, ">");
    assert_eq!(system(&app), "IOL_Research");
    assert_said(&app, "system 2 of 2 whose translation rater3 marked here");
    press(&mut app, ">");
    assert_eq!((system(&app), cursor_id(&app).as_str()), ("HW-TSC", "41"));
    assert!(status_line(&app).contains("[rater3's errors]"));
    // The same choice again stops it.
    press(&mut app, "F");
    type_enter(&mut app, "rater3");
    assert!(!status_line(&app).contains("rater3"));
    assert!(app.session.shown(0));

    press(&mut app, "F");
    type_enter(&mut app, "IOL");
    assert_eq!(system(&app), "IOL_Research");
    assert!(status_line(&app).contains("[system IOL_Research]"));
    special(&mut app, KeyCode::Tab);
    assert_said(&app, "no other file in this view (system IOL_Research)");
    press(&mut app, ">");
    assert!(status_line(&app).contains("[system GPT4-5shot]"));
    press(&mut app, "o");
    let list = app.top_as::<FileList>().expect("the file list");
    assert_eq!(
        list.matches.len(),
        1,
        "the file list shows the scope's files"
    );
}

#[test]
fn a_system_chosen_under_a_raters_scope_keeps_both() {
    let (mut app, _notes) = systems();
    press(&mut app, "F");
    type_enter(&mut app, "rater5");
    press(&mut app, "j");
    assert_eq!(
        (system(&app), cursor_id(&app).as_str()),
        ("GPT4-5shot", "42")
    );
    // rater5 found no error in IOL_Research's 42: the nearest segment they
    // marked there.
    press(&mut app, "F");
    type_enter(&mut app, "IOL");
    assert_eq!(
        (system(&app), cursor_id(&app).as_str()),
        ("IOL_Research", "41")
    );
    let status = status_line(&app);
    assert!(
        status.contains("[system IOL_Research · rater5's errors]"),
        "{status}"
    );
}

#[test]
fn findings_are_highlighted_listed_whole_and_acted_on_one_by_one() {
    use sxs::text::Style;
    let (mut app, notes) = samples(100, 30);
    let long = format!("{} the end of a long message", "word ".repeat(60));
    let spot = common::two_findings(&mut app, "the first", &long);
    assert_said(&app, "checks done: 2 findings on 1 segment");
    assert!(
        target_flagged(&app, Style::FINDING_SPAN).starts_with(&format!("⟦{spot}⟧")),
        "{}",
        target_flagged(&app, Style::FINDING_SPAN)
    );
    assert!(detail_line(&app).contains("! 2 findings (! lists them) · "));
    press(&mut app, "!");
    assert_eq!(app.mode(), "findings");
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("segment ") && shown.contains(": 2 findings"),
        "{shown}"
    );
    assert!(
        shown.contains("the end of a long message"),
        "the message whole"
    );
    // D on the second dismisses the second; the list keeps the first.
    press(&mut app, "jD");
    let saved = entries(&notes);
    assert_eq!(saved[0]["dismissed"][0], sxs::check::CHECKS[1].name);
    assert_eq!(app.mode(), "findings");
    assert!(screen(&app).join("\n").contains(": 1 finding "));
    // A turns the first into a mark on the span it is about, once.
    press(&mut app, "A");
    let saved = entries(&notes);
    let error = &saved[0]["errors"][0];
    assert_eq!(error["category"], "fluency/spelling");
    assert_eq!(error["text"], spot.as_str(), "{saved:?}");
    assert!(screen(&app).join("\n").contains("(accepted: a mark)"));
    press(&mut app, "A");
    assert_said(&app, "is already a mark here");
    assert_eq!(entries(&notes)[0]["errors"].as_sequence().unwrap().len(), 1);
    press(&mut app, "D");
    assert_eq!(app.mode(), "normal", "the list goes with the last finding");
    press(&mut app, "!");
    assert_said(&app, "no findings and no raters' judgments on this segment");
}

/// A file opened under another name than its notes entries give it
/// (`DIR/./a.md` for `DIR/a.md`) shows their marks, and a new mark joins
/// them under the notes file's name instead of starting a second list.
#[test]
fn a_file_opened_by_another_name_shows_its_marks_and_adds_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.md");
    std::fs::copy("tests/fixtures/store/variants/raw-html.md", &file).unwrap();
    let named = file.to_str().unwrap().to_string();
    let opened_as = dir.path().join(".").join("a.md");
    let store = Store::load(&[opened_as]).unwrap();
    let seg = &store.docs[0].segments[0];
    let (id, target) = (seg.id().to_string(), seg.target().to_string());
    let yaml = format!("- file: \"{named}\"\n  id: {id}\n  verdict: ok\n  target: \"{target}\"\n");
    let (mut app, notes) = with_notes_file(store, &yaml);
    assert_eq!(app.session.store.docs[0].path, named);
    assert_eq!(app.session.progress(0).review.reviewed, 1);
    assert!(
        app.session
            .warnings()
            .iter()
            .any(|w| w.contains("the name the notes file gives")),
        "{:?}",
        app.session.warnings()
    );
    press(&mut app, "ja");
    let files: Vec<_> = entries(&notes).iter().map(|e| e["file"].clone()).collect();
    assert_eq!(files, [named.as_str(), named.as_str()]);
}

/// A check's message that quotes Hebrew reads right to left, as the panes
/// show the target: the detail line puts the quote in visual order.
#[test]
fn a_findings_hebrew_quote_reads_right_to_left() {
    let (mut app, _notes) = fixture("customer-insights-pr.he-il");
    app.resize(160, 30);
    let findings = sxs::check::run(&app.session.store, &sxs::check::Options::default());
    app.set_findings(findings);
    let screen = screen(&app);
    let detail = (screen.iter())
        .find(|row| row.contains("hebrew-prefix-split"))
        .unwrap_or_else(|| panic!("no finding shown: {screen:#?}"));
    // In visual order the word's letters run from right to left.
    let (word, shown) = ("תיקיית", "תייקית");
    assert!(detail.contains(shown) && !detail.contains(word), "{detail}");
    // As the target pane shows that word, on a row of its own.
    let rows = screen.iter().filter(|row| row.contains(shown)).count();
    assert_eq!(rows, 2, "{screen:#?}");
}
