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
    terminal.draw(|frame| app.draw(frame)).unwrap();
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
            let geo = app.session.geometry();
            // The document's context (an include, a code block) spans both
            // panes; every other row has the separator.
            let context: Vec<u16> = sxs::tui::layout::rows(&app.session)
                .iter()
                .flat_map(|row| {
                    let after = row.above() + row.content + 1;
                    (row.y..row.y + row.context.len())
                        .chain(row.y + after..row.y + after + row.after.len())
                })
                .map(|y| geo.body_top + y as u16)
                .collect();
            for y in geo.body_top..geo.body_top + geo.body_height {
                if context.contains(&y) {
                    continue;
                }
                // Nothing from the source pane spilled into the separator column.
                assert_eq!(
                    buffer[(geo.separator, y)].symbol(),
                    "│",
                    "{set} {width}x{height} row {y}"
                );
            }
        }
    }
}

#[test]
fn ambiguous_wide_terminals_get_ascii_chrome_and_rows_that_fit() {
    use sxs::text::{WidthMode, grapheme_width};
    let store = Store::samples(); // the fr-FR sample is full of ’ and …
    let (mut app, _notes) =
        common::app_in(store, Theme::mono(), (90, 24), WidthMode::AmbiguousWide);
    app.open_doc(4);
    let terminal = draw(&mut app, 90, 24, &[]);
    let buffer = terminal.backend().buffer();
    let geo = app.session.geometry();
    for y in 0..24 {
        // What a terminal with ambiguous = wide shows: each glyph as wide as
        // it draws it, the cells under its right half not drawn.
        let (mut x, mut shown, mut separator) = (0u16, 0, None);
        while x < 90 {
            let symbol = buffer[(x, y)].symbol();
            if symbol == "|" && separator.is_none() {
                separator = Some(shown);
            }
            let width = grapheme_width(symbol, WidthMode::AmbiguousWide).max(1);
            for covered in x + 1..(x + width as u16).min(90) {
                let hidden = buffer[(covered, y)].symbol();
                assert!(
                    hidden.trim().is_empty(),
                    "row {y}: {hidden:?} hidden under {symbol:?}"
                );
            }
            shown += width;
            x += width as u16;
        }
        assert!(shown <= 90, "row {y} is {shown} cells");
        if (geo.body_top..geo.body_top + geo.body_height).contains(&y) {
            assert_eq!(separator, Some(geo.separator as usize), "row {y}");
        }
    }
}

#[test]
fn a_title_made_of_spans_shows_its_translation_in_the_top_bar() {
    let store = Store::load(&["tests/fixtures/store/variants/crlf-front-matter.md"]).unwrap();
    let (mut app, _notes) = common::app(store, Theme::mono(), (100, 12));
    let terminal = draw(&mut app, 100, 12, &[]);
    let top: String = (0..100)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    // Cells under the right half of a wide glyph hold a blank: compare without.
    assert!(top.replace(' ', "").contains("套件\"簽署\""), "{top}");
    assert!(!top.contains("span"), "{top}");
}

/// The screen after typing `keys` (Enter as `\r`, Esc as `\x1b`) into `app`.
fn after_keys(app: &mut App, width: u16, height: u16, keys: &str) -> Terminal<TestBackend> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.resize(width, height);
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal
}

fn fixture(path: &str) -> (App, tempfile::TempDir) {
    let store = Store::load(&[format!("tests/fixtures/tui/{path}")]).unwrap();
    common::app(store, Theme::mono(), (100, 30))
}

#[test]
fn the_raw_view_shows_a_misplaced_bold() {
    let (mut app, _notes) = fixture("partner-center-pr.ja-jp");
    let terminal = after_keys(&mut app, 100, 30, ":c7760-110\rm");
    insta::assert_snapshot!("raw_view_ja-jp_100x30", terminal.backend());
    // In the target pane the stars are dimmed markup, the text between them bold.
    let buffer = terminal.backend().buffer();
    let geo = app.session.geometry();
    let y = (0..30)
        .find(|&y| {
            buffer[(geo.right.0, y)].symbol() == "1" && buffer[(geo.right.0 + 3, y)].symbol() == "*"
        })
        .expect("the raw row");
    let star = &buffer[(geo.right.0 + 3, y)];
    let bold = &buffer[(geo.right.0 + 5, y)];
    assert_eq!(bold.symbol(), "ダ");
    assert!(star.modifier.contains(Modifier::DIM), "{star:?}");
    assert!(bold.modifier.contains(Modifier::BOLD), "{bold:?}");
}

#[test]
fn a_code_block_stands_dimmed_between_its_segments() {
    let (mut app, _notes) = fixture("nuget-docs.zh-tw");
    let terminal = after_keys(&mut app, 100, 30, "");
    insta::assert_snapshot!("context_zh-tw_100x30", terminal.backend());
}

#[test]
fn the_jump_line_offers_its_targets() {
    let (mut app, _notes) = common::app(Store::samples(), Theme::mono(), (100, 30));
    let terminal = after_keys(&mut app, 100, 30, ":a232a-11");
    insta::assert_snapshot!("jump_100x30", terminal.backend());
}

#[test]
fn search_results_list_every_file_under_the_panes() {
    let (mut app, _notes) = common::app(Store::samples(), Theme::mono(), (100, 30));
    let terminal = after_keys(&mut app, 100, 30, "/password\rSjj");
    insta::assert_snapshot!("search_results_100x30", terminal.backend());
}

#[test]
fn help_is_framed_and_wrapped_at_two_sizes() {
    for (width, height) in [(100, 30), (60, 20)] {
        let (mut app, _notes) = common::app(Store::samples(), Theme::mono(), (width, height));
        app.session.config_file = Some("/home/kim/.config/sxs/config.yaml".into());
        let terminal = after_keys(&mut app, width, height, "?");
        insta::assert_snapshot!(format!("help_{width}x{height}"), terminal.backend());
    }
}

/// Where `text` is drawn: the cell of its first grapheme, searching rows
/// from the top and skipping the cells hidden under wide glyphs.
fn cell_of(buffer: &ratatui::buffer::Buffer, text: &str) -> (u16, u16) {
    use sxs::text::{WidthMode, grapheme_width};
    use unicode_segmentation::UnicodeSegmentation;
    let want: Vec<&str> = text.graphemes(true).collect();
    for y in 0..buffer.area.height {
        let mut cells = Vec::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            cells.push((x, symbol));
            x += grapheme_width(symbol, WidthMode::Narrow).max(1) as u16;
        }
        for start in 0..cells.len() {
            let symbols = cells[start..].iter().map(|c| c.1);
            if symbols.take(want.len()).eq(want.iter().copied()) {
                return (cells[start].0, y);
            }
        }
    }
    panic!("{text:?} is not on the screen");
}

/// One span of each severity on a Japanese sentence: `市場` neutral,
/// `顧客ベース` minor, `パートナー センター` major, `追加` critical.
const FOUR_SPANS: &str =
    ":c7760-106\rv/市場\rx0\rv/顧客ベース\rx1\rv/パートナー センター\rx2\rv/追加\rx3\r";

#[test]
fn marked_spans_are_highlighted_by_severity_in_colour_and_without() {
    for (name, theme) in [("dark", Theme::dark()), ("mono", Theme::mono())] {
        let (mut app, _notes) = fixture("partner-center-pr.ja-jp");
        let terminal = after_keys(&mut app, 100, 16, &format!("{FOUR_SPANS}j"));
        app.theme = theme;
        let mut terminal2 = Terminal::new(TestBackend::new(100, 16)).unwrap();
        terminal2.draw(|frame| app.draw(frame)).unwrap();
        drop(terminal);
        insta::assert_debug_snapshot!(format!("spans_{name}_100x16"), terminal2.backend().buffer());
    }
    // Without colour each severity still stands out, and the cursor's
    // reversed row does not swallow a reversed span.
    let (mut app, _notes) = fixture("partner-center-pr.ja-jp");
    let terminal = after_keys(&mut app, 100, 16, &format!("{FOUR_SPANS}j"));
    let buffer = terminal.backend().buffer();
    let modifier = |text: &str| buffer[cell_of(buffer, text)].modifier;
    // Words found nowhere else on the screen.
    let (neutral, minor, major, critical) = (
        modifier("市場の"),
        modifier("顧客ベ"),
        modifier("ンターで"),
        modifier("追加しま"),
    );
    assert!(
        neutral.contains(Modifier::UNDERLINED | Modifier::DIM),
        "{neutral:?}"
    );
    assert!(minor.contains(Modifier::UNDERLINED) && !minor.contains(Modifier::BOLD));
    assert!(
        major.contains(Modifier::UNDERLINED | Modifier::BOLD),
        "{major:?}"
    );
    assert!(
        critical.contains(Modifier::REVERSED | Modifier::BOLD),
        "{critical:?}"
    );
    assert!(!modifier("作成す").intersects(Modifier::UNDERLINED | Modifier::REVERSED));
    let (x, y) = cell_of(buffer, "✗");
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::REVERSED),
        "the gutter: critical"
    );
    let terminal = after_keys(&mut app, 100, 16, "k");
    let buffer = terminal.backend().buffer();
    let on_cursor_row = buffer[cell_of(buffer, "追加しま")].modifier;
    assert!(
        !on_cursor_row.contains(Modifier::REVERSED),
        "{on_cursor_row:?}"
    );
    assert!(
        buffer[cell_of(buffer, "作成す")]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn the_error_list_and_span_mode_on_screen() {
    let (mut app, _notes) = fixture("partner-center-pr.ja-jp");
    let terminal = after_keys(&mut app, 100, 30, &format!("{FOUR_SPANS}xp\tコンマ\rejjjj"));
    insta::assert_snapshot!("error_list_100x30", terminal.backend());
    let (mut app, _notes) = fixture("partner-center-pr.ja-jp");
    let terminal = after_keys(&mut app, 100, 30, ":c7760-106\rvwwe");
    insta::assert_snapshot!("span_mode_100x30", terminal.backend());
    let buffer = terminal.backend().buffer();
    let selected = |text: &str| buffer[cell_of(buffer, text)].modifier;
    // The cursor's row is reversed: the selection is not, and underlined.
    assert!(!selected("市場の").contains(Modifier::REVERSED));
    assert!(selected("顧客ベ").contains(Modifier::UNDERLINED));
    assert!(
        selected("ベース").contains(Modifier::REVERSED),
        "past the selection"
    );
}

/// One document of the 2023 WMT MQM file as three systems translated it.
fn systems(theme: Theme) -> (App, tempfile::TempDir) {
    let store = Store::load(&["tests/fixtures/wmt/systems2023-zhen.tsv".to_string()]).unwrap();
    common::app(store, theme, (100, 30))
}

#[test]
fn raters_spans_and_names_in_colour_and_without() {
    let (mut app, _notes) = systems(Theme::mono());
    let terminal = after_keys(&mut app, 100, 12, ">");
    insta::assert_snapshot!("wmt_raters_100x12", terminal.backend());
    // Without colour a rater's span is italic and underlined: apart from
    // the reviewer's marks (never italic) and from plain text.
    let buffer = terminal.backend().buffer();
    let refund = buffer[cell_of(buffer, "refund price")].modifier;
    assert!(
        refund.contains(Modifier::ITALIC | Modifier::UNDERLINED),
        "{refund:?}"
    );
    assert!(
        !buffer[cell_of(buffer, "price difference!")]
            .modifier
            .contains(Modifier::ITALIC)
    );
    // In colour its underline has its own colour, the text keeps its own.
    let (mut app, _notes) = systems(Theme::dark());
    let terminal = after_keys(&mut app, 100, 12, ">");
    let buffer = terminal.backend().buffer();
    let cell = &buffer[cell_of(buffer, "refund price")];
    assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
    assert_eq!(
        cell.underline_color,
        Theme::dark().rater.underline_color.unwrap()
    );
}

#[test]
fn the_judgments_list_and_the_scope_picker() {
    let (mut app, _notes) = systems(Theme::mono());
    let terminal = after_keys(&mut app, 100, 20, ">!");
    insta::assert_snapshot!("wmt_judgments_100x20", terminal.backend());
    let (mut app, _notes) = systems(Theme::mono());
    let terminal = after_keys(&mut app, 100, 20, "Fra");
    insta::assert_snapshot!("wmt_scope_picker_100x20", terminal.backend());
    let terminal = after_keys(&mut app, 100, 20, "ter6\r");
    insta::assert_snapshot!("wmt_scope_rater6_100x20", terminal.backend());
}

#[test]
fn a_findings_span_is_highlighted_and_its_message_listed_whole() {
    let (mut app, _notes) = common::app(Store::samples(), Theme::mono(), (100, 20));
    let long = format!("{} the end of a long message", "word ".repeat(30));
    let spot = common::two_findings(&mut app, "about the first characters", &long);
    let target = app.session.store.docs[0].segments[0].target().to_string();
    let terminal = after_keys(&mut app, 100, 20, "j");
    // Without colour, bold italic: apart from the reviewer's marks and
    // the raters' spans (not bold).
    let buffer = terminal.backend().buffer();
    let found = buffer[cell_of(buffer, &spot)].modifier;
    assert!(
        found.contains(Modifier::BOLD | Modifier::ITALIC),
        "{found:?}"
    );
    assert!(
        !buffer[cell_of(buffer, &target[spot.len()..])]
            .modifier
            .contains(Modifier::ITALIC)
    );
    let terminal = after_keys(&mut app, 100, 20, "k!");
    insta::assert_snapshot!("findings_list_100x20", terminal.backend());
}
