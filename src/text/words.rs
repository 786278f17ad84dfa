//! Words, for moving a selection word by word: UAX #29 word boundaries
//! (`unicode-segmentation`), keeping the pieces that hold a letter or a
//! digit, so that spaces and punctuation are stepped over.
//!
//! UAX #29 alone keeps a katakana word (`ペインティング`) and a Korean word
//! whole, but makes each kanji and each hiragana a word of its own. Japanese
//! writes no spaces; a word there is, to a reader, a run of one script:
//! `データ` `保護` `の` `設定` `を` `変更` `します`. So in Japanese text the
//! pieces of one script (kanji, hiragana, katakana) that touch are joined,
//! as vim's word motions do. Chinese keeps one word per character: its
//! words cannot be told from the script, and a whole clause as one word
//! would be a worse unit than a character.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Han,
    Hiragana,
    Katakana,
}

fn script(c: char) -> Option<Script> {
    match c as u32 {
        0x3041..=0x309F => Some(Script::Hiragana),
        0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Some(Script::Katakana),
        0x3005 | 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Some(Script::Han),
        0x20000..=0x3FFFF => Some(Script::Han),
        _ => None,
    }
}

/// The script every character of `piece` is written in, if one.
fn script_of(piece: &str) -> Option<Script> {
    let mut chars = piece.chars();
    let first = script(chars.next()?)?;
    chars.all(|c| script(c) == Some(first)).then_some(first)
}

/// The words of `text` in order, as byte ranges; `locale` (`ja-jp`) says
/// whether Japanese runs of one script are joined (see the module docs).
pub fn words(text: &str, locale: &str) -> Vec<Range<usize>> {
    let japanese = locale
        .split(['-', '_'])
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("ja"));
    let mut out: Vec<(Range<usize>, Option<Script>)> = Vec::new();
    for (at, piece) in text.split_word_bound_indices() {
        if !piece.chars().any(char::is_alphanumeric) {
            continue;
        }
        let range = at..at + piece.len();
        let class = if japanese { script_of(piece) } else { None };
        match out.last_mut() {
            Some((last, Some(s))) if class == Some(*s) && last.end == range.start => {
                last.end = range.end
            }
            _ => out.push((range, class)),
        }
    }
    out.into_iter().map(|(range, _)| range).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown<'a>(text: &'a str, locale: &str) -> Vec<&'a str> {
        words(text, locale).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn japanese_words_are_runs_of_one_script() {
        assert_eq!(
            shown("データ保護の設定を変更します。", "ja-jp"),
            ["データ", "保護", "の", "設定", "を", "変更", "します"]
        );
        assert_eq!(
            shown("ペインティングとSign inを選択", "ja-jp"),
            ["ペインティング", "と", "Sign", "in", "を", "選択"]
        );
    }

    #[test]
    fn other_scripts_follow_uax_29() {
        assert_eq!(
            shown("請選擇設定。", "zh-tw"),
            ["請", "選", "擇", "設", "定"]
        );
        assert_eq!(
            shown("한국어는 단어 사이에 공백을", "ko-kr"),
            ["한국어는", "단어", "사이에", "공백을"]
        );
        assert_eq!(
            shown("Don't sign-in, 3.5 times!", "en-us"),
            ["Don't", "sign", "in", "3.5", "times"]
        );
        assert_eq!(shown("שלום, עולם", "he-il"), ["שלום", "עולם"]);
        assert_eq!(shown("a 👩‍🔬 b", "en-us"), ["a", "b"]);
        assert!(words("", "ja-jp").is_empty());
    }
}
