//! The text layer as the panes use it: what a reviewer sees at a given width.

use proptest::prelude::*;
use sxs::text::{WidthMode, grapheme_width, str_width, wrap};
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
    // Quadratic behaviour would take minutes; linear takes milliseconds.
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
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

fn check_wrap(text: &str, width: usize) -> Result<(), TestCaseError> {
    let wrapped = wrap(text, width, WidthMode::Narrow);
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
        prop_assert_eq!(line.width, str_width(shown, WidthMode::Narrow));
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
                g == " " || is_hard_break(g) || grapheme_width(g, WidthMode::Narrow) > width,
                "lost {g:?} before {line:?}"
            );
        }
        last_end = line.end;
    }
    for g in text[last_end..].graphemes(true) {
        prop_assert!(
            g == " " || is_hard_break(g) || grapheme_width(g, WidthMode::Narrow) > width,
            "lost {g:?} at the end"
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn wrap_keeps_every_grapheme_within_the_width(text in tricky_text(), width in 1usize..=300) {
        check_wrap(&text, width)?;
    }

    #[test]
    fn wrap_handles_arbitrary_unicode(text in any::<String>(), width in 1usize..=300) {
        check_wrap(&text, width)?;
    }

    #[test]
    fn wrap_at_narrow_widths(text in tricky_text(), width in 1usize..=4) {
        check_wrap(&text, width)?;
    }
}
