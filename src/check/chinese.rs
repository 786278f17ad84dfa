//! `simplified-char`: Simplified Chinese characters in a Traditional Chinese
//! translation (`適用于` for `適用於`, `设置` for `設置`). Engines trained on
//! both scripts let them through, and a Taiwanese reader sees them at once.
//!
//! What counts as Simplified is what the zhconv crate (MediaWiki's and
//! OpenCC's conversion tables) changes when it converts the visible text to
//! Traditional Chinese, and would change standing alone: `表` becomes `錶`
//! in some phrases, but is a Traditional character of its own (a table),
//! where `于` always becomes `於`. Punctuation is not compared (`“”` for
//! `「」` is a matter of style), nor code and URLs, which are not visible
//! text.

use std::ops::Range;

use zhconv::{Variant, zhconv};

use super::{Check, Default, Pair, Report, Side, quote_distinct};
use crate::mqm::Severity;

pub const SIMPLIFIED_CHAR: Check = Check {
    name: "simplified-char",
    severity: Severity::Minor,
    category: "fluency/spelling",
    description: "Simplified Chinese characters in a Traditional Chinese (zh-TW, zh-HK) target (`适用于` for `適用於`)",
    default: Default::On,
    run: super::Run::Pair(simplified_char),
};

/// Locales written in Traditional characters.
fn is_traditional(locale: &str) -> bool {
    let mut parts = locale.split(['-', '_']);
    parts.next() == Some("zh") && parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant"))
}

fn simplified_char(pair: &Pair, out: &mut Report) {
    if !is_traditional(pair.locale) {
        return;
    }
    let text = pair.target.text.as_str();
    // Most segments have no character that converts.
    let traditional = zhconv(text, Variant::ZhHant);
    if traditional == text {
        return;
    }
    let runs = changed_runs(text, &traditional);
    if runs.is_empty() {
        return;
    }
    let quoted = quote_distinct(
        runs.iter()
            .map(|(at, to)| format!("`{}` (`{to}`)", &text[at.clone()])),
    );
    let message = format!("Simplified Chinese in a Traditional Chinese text: {quoted}");
    let places = runs.iter().map(|(at, _)| pair.target.raw_range(at.clone()));
    out.push_at_each(Side::Target, places, message);
}

/// The runs of Simplified characters of `text` that its Traditional form
/// changes, with what they become: byte ranges of `text`. A conversion that
/// changed the number of characters is compared up to where they part.
fn changed_runs(text: &str, traditional: &str) -> Vec<(Range<usize>, String)> {
    let mut runs: Vec<(Range<usize>, String)> = Vec::new();
    for ((at, was), now) in text.char_indices().zip(traditional.chars()) {
        if was == now || !is_simplified(was) {
            continue;
        }
        match runs.last_mut() {
            Some((range, to)) if range.end == at => {
                range.end = at + was.len_utf8();
                to.push(now);
            }
            _ => runs.push((at..at + was.len_utf8(), now.to_string())),
        }
    }
    runs
}

/// A Han character that is not Traditional: converted alone, it changes.
fn is_simplified(c: char) -> bool {
    let han =
        matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{20000}'..='\u{2ffff}');
    han && zhconv(c.encode_utf8(&mut [0; 4]), Variant::ZhHant)
        .chars()
        .ne([c])
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    fn simplified(locale: &str, target: &str) -> Vec<String> {
        pair_findings(locale, "Applies to partners.", target)
            .into_iter()
            .filter(|f| f.starts_with("simplified-char"))
            .collect()
    }

    #[test]
    fn simplified_characters_in_traditional_text_are_named_with_their_traditional_form() {
        assert_eq!(
            simplified("zh-tw", "這適用于合作夥伴。"),
            ["simplified-char: Simplified Chinese in a Traditional Chinese text: `于` (`於`)"]
        );
        assert_eq!(
            simplified("zh-hk", "设置合作夥伴的帳戶。"),
            ["simplified-char: Simplified Chinese in a Traditional Chinese text: `设` (`設`)"]
        );
    }

    #[test]
    fn traditional_text_code_and_simplified_locales_are_left_alone() {
        for (locale, target) in [
            ("zh-tw", "這適用於合作夥伴。"),
            ("zh-tw", "執行 `设置` 命令。"),
            ("zh-cn", "这适用于合作伙伴。"),
            ("ja-jp", "设置"),
        ] {
            assert_eq!(
                simplified(locale, target),
                Vec::<String>::new(),
                "{locale} {target}"
            );
        }
    }
}
