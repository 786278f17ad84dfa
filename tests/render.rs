//! Whole screens on ratatui's `TestBackend`, as insta snapshots, for real
//! files in five locales at three window sizes.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use sxs::store::Store;
use sxs::tui::action::Action;
use sxs::tui::app::App;
use sxs::tui::theme::Theme;
use sxs::tui::ui;

/// Relative, so that the paths on screen are the same on every machine
/// (cargo runs integration tests in the package root).
const CORPUS: &str = "tests/fixtures/corpus";

const SETS: [&str; 5] = [
    "partner-center-pr.ja-jp",
    "partner-center-pr.ko-kr",
    "partner-center-pr.zh-tw",
    "partner-center-pr.de-de",
    "customer-insights-pr.he-il",
];

fn app(set: &str, theme: Theme) -> (App, tempfile::TempDir) {
    let store = Store::load(&[format!("{CORPUS}/{set}")]).unwrap();
    common::app(store, theme, (100, 30))
}

fn draw(app: &mut App, width: u16, height: u16, actions: &[Action]) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(width, height);
    for action in actions {
        app.update(*action);
    }
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    terminal
}

#[test]
fn screens_in_five_locales_at_three_sizes() {
    let moves = [
        Action::NextSegment,
        Action::NextSegment,
        Action::NextSegment,
    ];
    for set in SETS {
        let locale = set.rsplit('.').next().unwrap();
        for (width, height) in [(100, 30), (40, 12), (12, 4)] {
            let (mut app, _notes) = app(set, Theme::mono());
            let terminal = draw(&mut app, width, height, &moves);
            insta::assert_snapshot!(format!("{locale}_{width}x{height}"), terminal.backend());
        }
    }
}

#[test]
fn the_selection_survives_no_color() {
    let (mut app, _notes) = app("partner-center-pr.de-de", Theme::mono());
    let terminal = draw(&mut app, 80, 16, &[Action::NextSegment]);
    let buffer = terminal.backend().buffer();
    insta::assert_debug_snapshot!("de-de_80x16_mono_styles", buffer);
    // The selected segment's rows are reversed across both panes; others are not.
    let reversed = |y: u16| (0..80).all(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    let rows: Vec<u16> = (2..15).filter(|&y| reversed(y)).collect();
    assert!(!rows.is_empty(), "no reversed row");
    assert_eq!(
        rows.len(),
        7,
        "the selected segment is 7 lines tall: {rows:?}"
    );
}

#[test]
fn no_line_is_drawn_past_the_panes_whatever_the_script() {
    for set in SETS {
        let (mut app, _notes) = app(set, Theme::dark());
        for (width, height) in [(71, 20), (100, 30), (157, 40)] {
            let terminal = draw(&mut app, width, height, &[Action::PageDown]);
            let buffer = terminal.backend().buffer();
            let geo = app.geometry();
            for y in geo.body_top..geo.body_top + geo.body_height {
                // The separator column always holds the separator: nothing
                // from the source pane spilled into it.
                assert_eq!(
                    buffer[(geo.separator, y)].symbol(),
                    "│",
                    "{set} {width}x{height} row {y}"
                );
            }
        }
    }
}
