//! The text layer as the panes use it: what a reviewer sees at a given width.

#[path = "../benches/support/columns_check.rs"]
mod columns_check;

use std::path::Path;

use proptest::prelude::*;
use sxs::store::Store;
use sxs::text::{
    BaseDirection, Side, WidthMode, display_form, grapheme_width, hazards, lay_out, sanitize,
    str_width, two_columns, wrap,
};
use unicode_segmentation::UnicodeSegmentation;

fn lines(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width, WidthMode::Narrow)
        .iter()
        .map(|l| &text[l.range()])
        .collect()
}

#[test]
fn chinese_breaks_between_characters_and_at_spaces() {
    assert_eq!(
        lines("中文中文 中文 中文中文", 8),
        ["中文中文", "中文 中", "文中文"]
    );
    assert_eq!(
        lines("中文中文 中文 中文中文", 6),
        ["中文中", "文 中", "文 中", "文中文"]
    );
}

#[test]
fn japanese_kinsoku_at_width_10() {
    assert_eq!(
        lines("あいうえお。かきくけこ「さしすせそ」た", 10),
        ["あいうえ", "お。かきく", "けこ「さし", "すせそ」た"]
    );
}

#[test]
fn small_kana_and_closing_marks_never_start_a_line() {
    // ぁ ッ ー are small kana / prolonged sound: they stay with the previous character.
    for (text, width) in [
        ("あいうぁえ", 6),
        ("カタカナッ", 8),
        ("データー", 6),
        ("あい、う", 4),
    ] {
        for line in lines(text, width).iter().skip(1) {
            let first = line.chars().next().unwrap();
            assert!(
                !"ぁぃぅぇぉっゃゅょァィゥェォッャュョー、。」）".contains(first),
                "{text}: {line}"
            );
        }
    }
}

#[test]
fn opening_bracket_never_ends_a_line() {
    // From 4 cells on, where `「` and the character after it fit on one line.
    for width in 4..20 {
        for line in lines("これは「かぎかっこ」と（まるかっこ）のテストです", width)
        {
            assert!(!line.ends_with(['「', '（']), "width {width}: {line}");
        }
    }
}

#[test]
fn korean_breaks_only_at_spaces() {
    let text = "한국어는 단어 사이에 공백을 사용합니다";
    assert_eq!(
        lines(text, 12),
        ["한국어는", "단어 사이에", "공백을", "사용합니다"]
    );
    // A word wider than the line still has to be cut somewhere.
    assert_eq!(lines("사용합니다", 4), ["사용", "합니", "다"]);
    // Latin glued to Hangul stays one word too.
    assert_eq!(lines("Windows를 사용", 10), ["Windows를", "사용"]);
}

#[test]
fn clusters_are_never_cut() {
    assert_eq!(lines("ｶﾞｶﾞｶﾞ", 4), ["ｶﾞｶﾞ", "ｶﾞ"]);
    assert_eq!(lines("❤️❤️❤️", 5), ["❤️❤️", "❤️"]);
    assert_eq!(lines("1️⃣2️⃣", 2), ["1️⃣", "2️⃣"]);
    assert_eq!(
        lines("e\u{301}e\u{301}e\u{301}", 2),
        ["e\u{301}e\u{301}", "e\u{301}"]
    );
}

#[test]
fn ambiguous_wide_mode_wraps_earlier() {
    assert_eq!(lines("①…—①…—", 6), ["①…—①…—"]);
    let wide: Vec<_> = wrap("①…—①…—", 6, WidthMode::AmbiguousWide)
        .iter()
        .map(|l| l.width)
        .collect();
    assert_eq!(wide, [6, 6]);
}

#[test]
fn two_megabyte_unbreakable_run_is_linear() {
    let text = "x".repeat(2 << 20);
    let start = std::time::Instant::now();
    let wrapped = wrap(&text, 80, WidthMode::Narrow);
    assert_eq!(wrapped.len(), (2 << 20) / 80 + 1);
    assert!(wrapped.iter().all(|l| l.width <= 80));
    let cjk = "中".repeat(30 * 23_334);
    let wrapped = wrap(&cjk, 61, WidthMode::Narrow);
    assert!(wrapped.iter().all(|l| l.width == 60));
    // Rescanning the rest of the run for every line would take hours; linear
    // takes a second or two even unoptimised on a busy machine.
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
}

fn is_hard_break(g: &str) -> bool {
    g.chars().all(|c| {
        matches!(
            c,
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    })
}

/// Strings built from the pieces that break wrappers, plus any character.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a".to_string()),
        Just("word".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("中".to_string()),
        Just("。".to_string()),
        Just("「".to_string()),
        Just("한국어".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("e\u{301}".to_string()),
        Just("👩\u{200d}🔬".to_string()),
        Just("❤\u{fe0f}".to_string()),
        Just("ｶﾞ".to_string()),
        Just("🇯🇵".to_string()),
        Just("\u{600}".to_string()),
        Just("\u{200b}".to_string()),
        Just("عربي".to_string()),
        Just("\u{1100}\u{1161}".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check_wrap(text: &str, width: usize, wide: bool) -> Result<(), TestCaseError> {
    let mode = if wide {
        WidthMode::AmbiguousWide
    } else {
        WidthMode::Narrow
    };
    let wrapped = wrap(text, width, mode);
    prop_assert!(!wrapped.is_empty());
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut last_end = 0;
    for line in &wrapped {
        prop_assert!(line.width <= width, "line {line:?} wider than {width}");
        let shown = &text[line.range()];
        prop_assert_eq!(line.width, str_width(shown, mode));
        prop_assert!(
            boundaries.binary_search(&line.start).is_ok(),
            "split at {}",
            line.start
        );
        prop_assert!(
            boundaries.binary_search(&line.end).is_ok(),
            "split at {}",
            line.end
        );
        prop_assert!(
            !shown.graphemes(true).any(is_hard_break),
            "hard break inside {shown:?}"
        );
        prop_assert!(line.start >= last_end);
        // Between lines only break spaces, hard breaks, and graphemes too wide
        // for any line may be left out.
        for g in text[last_end..line.start].graphemes(true) {
            prop_assert!(
                g == " " || is_hard_break(g) || grapheme_width(g, mode) > width,
                "lost {g:?} before {line:?}"
            );
        }
        last_end = line.end;
    }
    for g in text[last_end..].graphemes(true) {
        prop_assert!(
            g == " " || is_hard_break(g) || grapheme_width(g, mode) > width,
            "lost {g:?} at the end"
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn wrap_keeps_every_grapheme_within_the_width(
        text in tricky_text(),
        width in 1usize..=300,
        wide in any::<bool>(),
    ) {
        check_wrap(&text, width, wide)?;
    }

    #[test]
    fn wrap_handles_arbitrary_unicode(text in any::<String>(), width in 1usize..=300, wide in any::<bool>()) {
        check_wrap(&text, width, wide)?;
    }

    #[test]
    fn wrap_at_narrow_widths(text in tricky_text(), width in 1usize..=4, wide in any::<bool>()) {
        check_wrap(&text, width, wide)?;
    }
}

const FIXTURES: &str = "tests/fixtures/text";

/// Every segment of the fixtures as `dump --format text` lays it out.
fn fixture_rows(width: usize) -> Vec<(String, Vec<String>)> {
    let mut all = Vec::new();
    let store = Store::load(&[FIXTURES]).unwrap();
    for doc in &store.docs {
        // The fixtures are named after their locale (`he-il.md`).
        let stem = Path::new(&doc.path).file_stem().and_then(|s| s.to_str());
        let direction = BaseDirection::for_locale(stem.unwrap_or(""));
        for seg in &doc.segments {
            let source = display_form(seg.source().unwrap_or(""));
            let target = display_form(seg.target());
            let rows = two_columns(
                Side::new(&source, BaseDirection::Auto),
                Side::new(&target, direction),
                width,
                WidthMode::Narrow,
            );
            all.push((doc.path.clone(), rows));
        }
    }
    all
}

#[test]
fn two_columns_keep_the_separator_in_place_for_every_script() {
    let mut segments = 0;
    for width in [37, 60, 120] {
        for (file, rows) in fixture_rows(width) {
            segments += 1;
            if let Err(e) = columns_check::check_rows(&rows, width, WidthMode::Narrow) {
                panic!("{file} at width {width}: {e}");
            }
        }
    }
    assert!(segments > 250, "fixtures hold {segments} segments");
}

#[test]
fn two_columns_in_ambiguous_wide_mode() {
    let source = display_form("Select **Save** \u{2014} then “Done” …");
    let target = display_form("**保存**を選択し — 「完了」… ①");
    for width in [37, 60] {
        let rows = two_columns(
            Side::new(&source, BaseDirection::Auto),
            Side::new(&target, BaseDirection::Auto),
            width,
            WidthMode::AmbiguousWide,
        );
        columns_check::check_rows(&rows, width, WidthMode::AmbiguousWide).unwrap();
    }
}

#[test]
fn dump_text_of_japanese_and_hebrew_reads_well() {
    for locale in ["ja-jp", "he-il"] {
        let rows: Vec<String> = fixture_rows(60)
            .into_iter()
            .filter(|(file, _)| file.ends_with(&format!("{locale}.md")))
            .take(6)
            .map(|(_, rows)| rows.join("\n"))
            .collect();
        insta::with_settings!({snapshot_path => "fixtures/text/snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("two_columns_{locale}_60"), rows.join("\n\n"));
        });
    }
}

/// Visual lines of a corpus target as plain strings.
fn visual(raw: &str, width: usize, locale: &str) -> (bool, Vec<String>) {
    let text = display_form(raw);
    let v = lay_out(
        &text,
        width,
        WidthMode::Narrow,
        BaseDirection::for_locale(locale),
    );
    let lines = v
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|(t, _)| t.as_ref()).collect())
        .collect();
    (v.rtl, lines)
}

#[test]
fn hebrew_target_from_the_corpus() {
    let raw = "Dynamics 365 Customer Insights הוא חלק מפלטפורמת נתוני הלקוחות של Microsoft\u{200f} (CDP) שעוזרת לספק חוויות לקוחות מותאמות אישית.";
    let (rtl, lines) = visual(raw, 40, "he-il");
    assert!(rtl);
    assert_eq!(
        lines,
        [
            "קלח אוה Dynamics 365 Customer Insights",
            "Microsoft לש תוחוקלה ינותנ תמרופטלפמ",
            // The RLM after "Microsoft" is not emitted; the brackets read right.
            "תומאתומ תוחוקל תויווח קפסל תרזועש (CDP)",
            ".תישיא",
        ]
    );
}

#[test]
fn arabic_target_from_the_corpus() {
    let raw = "حدد **أوافق** لتأكيد **خصوصية البيانات والتوافق\u{202c}** وحدد **اتصال** لتهيئة الاتصال بـ Marketo.";
    let text = display_form(raw);
    // The stray PDF (U+202C) is shown, not sent to the terminal.
    assert!(text.text().contains("⟨PDF⟩"));
    assert!(hazards(raw).bidi_controls);
    let (rtl, lines) = visual(raw, 30, "ar-sa");
    assert!(rtl);
    assert_eq!(
        lines,
        [
            "ةيصوصخ ديكأتل قفاوأ ددح",
            "ددحو ⟨PDF⟩قفاوتلاو تانايبلا",
            "ـب لاصتالا ةئيهتل لاصتا",
            ".Marketo",
        ]
    );
}

/// Inline markup and text glued at random, with the words in it.
fn marked_up_text() -> impl Strategy<Value = (String, Vec<&'static str>)> {
    let token = prop_oneof![
        Just(("xq", true)),
        Just(("中文", true)),
        Just(("한국어", true)),
        Just(("עברית", true)),
        Just(("zz9", true)),
        Just((" ", false)),
        Just(("\n", false)),
        Just(("**", false)),
        Just(("*", false)),
        Just(("_", false)),
        Just(("`", false)),
        Just(("[", false)),
        Just(("](", false)),
        Just((")", false)),
        Just(("![", false)),
        Just(("<b>", false)),
        Just(("</b>", false)),
        Just(("<a href=\"", false)),
        Just(("\">", false)),
        Just(("</a>", false)),
        Just(("<", false)),
        Just((">", false)),
        Just(("&amp;", false)),
        Just(("&", false)),
        Just((";", false)),
        Just(("\\", false)),
        Just(("\u{1b}[2J", false)),
        Just(("\u{1b}]0;title\u{7}", false)),
        Just(("\u{202e}", false)),
        Just(("\t", false)),
    ];
    prop::collection::vec(token, 0..40).prop_map(|tokens| {
        let raw = tokens.iter().map(|t| t.0).collect();
        let words = tokens.iter().filter(|t| t.1).map(|t| t.0).collect();
        (raw, words)
    })
}

fn assert_terminal_safe(shown: &str) -> Result<(), TestCaseError> {
    for c in shown.chars() {
        prop_assert!(
            c == '\n'
                || !(c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{c:?} reaches the terminal in {shown:?}"
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn display_form_keeps_every_word_and_is_terminal_safe((raw, words) in marked_up_text()) {
        let text = display_form(&raw);
        assert_terminal_safe(text.text())?;
        // Markup may move a word (an `<a href>` target follows the link text)
        // but never drops one.
        for word in &words {
            let wanted = words.iter().filter(|w| *w == word).count();
            prop_assert!(
                text.text().matches(word).count() >= wanted,
                "{word:?} lost from {raw:?}: {:?}",
                text.text()
            );
        }
    }

    #[test]
    fn display_form_of_any_text_is_safe_and_maps_back(raw in any::<String>()) {
        let text = display_form(&raw);
        assert_terminal_safe(text.text())?;
        let plain = sanitize(&raw);
        assert_terminal_safe(plain.text())?;
        for (i, _) in text.text().char_indices() {
            let r = text.raw_range(i..i + 1);
            prop_assert!(r.start <= r.end && r.end <= raw.len() && raw.is_char_boundary(r.start));
        }
    }

    #[test]
    fn reordering_keeps_width_and_content(raw in tricky_text(), width in 1usize..=80, rtl in any::<bool>()) {
        let text = sanitize(&raw);
        let direction = if rtl { BaseDirection::Rtl } else { BaseDirection::Auto };
        let wrapped = wrap(text.text(), width, WidthMode::Narrow);
        let visual = sxs::text::visual_lines(&text, &wrapped, direction);
        prop_assert_eq!(visual.lines.len(), wrapped.len());
        for (v, l) in visual.lines.iter().zip(&wrapped) {
            let shown: String = v.spans.iter().map(|(t, _)| t.as_ref()).collect();
            prop_assert_eq!(str_width(&shown, WidthMode::Narrow), l.width);
            let marks = ['\u{200e}', '\u{200f}', '\u{61c}'];
            prop_assert!(!shown.contains(marks), "a directional mark is emitted");
            // Reversal and mirroring move characters but never add or drop one.
            let count = |s: &str| s.chars().filter(|c| !marks.contains(c)).count();
            prop_assert_eq!(count(&shown), count(&text.text()[l.range()]));
        }
    }
}

#[test]
fn doc_test_strings_survive_the_whole_pipeline() {
    let strings = [
        "中文中文 中文 中文中文",
        "あいうえお。かきくけこ「さしすせそ」",
        "한국어는 단어 사이에 공백을 사용합니다",
        "ｶﾞ",
        "👩‍🔬",
        "❤️",
        "①…—",
        "e\u{301}",
        "a\x1b[2Jb\u{9b}31mc\u{202e}def\tg",
    ];
    for raw in strings {
        let text = display_form(raw);
        for width in 1..=24 {
            for mode in [WidthMode::Narrow, WidthMode::AmbiguousWide] {
                for line in lay_out(&text, width, mode, BaseDirection::Auto).lines {
                    let shown: String = line.spans.iter().map(|(t, _)| t.as_ref()).collect();
                    assert!(
                        str_width(&shown, mode) <= width,
                        "{raw:?} at {width}: {shown:?}"
                    );
                    assert!(!shown.contains(|c: char| c.is_control()), "{shown:?}");
                }
            }
        }
    }
    // The escape sequences vanish, the override is shown, the tab expanded.
    let text = display_form("a\x1b[2Jb\u{9b}31mc\u{202e}def\tg");
    assert_eq!(text.text(), "abc⟨RLO⟩def g");
    assert_eq!(lines(text.text(), 6), ["abc⟨RL", "O⟩def", "g"]);
    // `e` + combining acute is shown composed and is one cell.
    assert_eq!(display_form("e\u{301}").text(), "é");
}
