//! `hebrew-prefix-split`: a one-letter Hebrew prefix (ב ה ו כ ל מ ש: in,
//! the, and, as, to, from, that) standing alone before a marked or Latin word
//! (`ל **אחר**`, `ו **הפעל**`). Hebrew writes it on the word (`ל**אחר**`);
//! with a word in Latin letters the house style is a hyphen (`ב- Azure`),
//! which is fine.

use super::lang::Lang;
use super::{Check, Default, Pair, Report, Run, Side};
use crate::mqm::Severity;

pub const HEBREW_PREFIX_SPLIT: Check = Check {
    name: "hebrew-prefix-split",
    severity: Severity::Minor,
    category: "fluency/spelling",
    description: "he: a one-letter prefix standing alone before its word (`ל **אחר**`)",
    default: Default::On,
    run: Run::Pair(hebrew_prefix_split),
};

const PREFIXES: &[char] = &['ב', 'ה', 'ו', 'כ', 'ל', 'מ', 'ש'];

fn hebrew_prefix_split(pair: &Pair, out: &mut Report) {
    if pair.lang != Lang::He {
        return;
    }
    let raw = pair.target.raw;
    let found = raw.char_indices().find(|&(i, c)| {
        let len = c.len_utf8();
        let before = raw[..i].chars().next_back();
        let alone = before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '"'));
        let next = &raw[i + len..];
        PREFIXES.contains(&c)
            && alone
            && next.strip_prefix(' ').is_some_and(|w| {
                w.starts_with(['*', '[', '`', '_'])
                    || w.starts_with(|x: char| x.is_ascii_alphanumeric())
            })
    });
    if let Some((i, c)) = found {
        let apart = i + c.len_utf8() + 1;
        out.push_at(
            Side::Target,
            i..apart,
            format!(
                "prefix `{c}` stands apart from its word: `{c} {}`",
                its_word(&raw[apart..])
            ),
        );
    }
}

/// The word a prefix belongs to, at the start of `text`, for the message:
/// the marked run it opens, when that closes on its line within a few
/// words (`**תיקיית ייצוא**`), else up to the next space.
fn its_word(text: &str) -> &str {
    let line = &text[..text.find('\n').unwrap_or(text.len())];
    let word = &line[..line.find(char::is_whitespace).unwrap_or(line.len())];
    let marked = ["**", "__", "*", "_", "`", "["]
        .into_iter()
        .find(|opener| line.starts_with(opener))
        .and_then(|opener| {
            let closer = if opener == "[" { "]" } else { opener };
            let end = opener.len() + line[opener.len()..].find(closer)? + closer.len();
            (end <= 60).then(|| &line[..end])
        });
    marked.unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    fn split(target: &str) -> Vec<String> {
        pair_findings("he-il", "Set the type to **Other**.", target)
            .into_iter()
            .filter(|h| h.starts_with("hebrew"))
            .collect()
    }

    #[test]
    fn a_prefix_apart_from_its_marked_word() {
        // he-il, customer-insights.
        assert_eq!(
            split("כשסוג הפעילות מוגדר ל **אחר**."),
            ["hebrew-prefix-split: prefix `ל` stands apart from its word: `ל **אחר**`"]
        );
        // The message quotes the marked words whole, or the next word.
        assert_eq!(
            split("ספק **שם משתמש** ו **תיקיית ייצוא** עבור חשבון SFTP שלך."),
            ["hebrew-prefix-split: prefix `ו` stands apart from its word: `ו **תיקיית ייצוא**`"]
        );
        assert_eq!(
            split("התחבר ל Azure Portal."),
            ["hebrew-prefix-split: prefix `ל` stands apart from its word: `ל Azure`"]
        );
        for target in ["מוגדר ל**אחר**.", "ב- Azure", "הפעלה ב-**Azure**"] {
            assert!(split(target).is_empty(), "{target}");
        }
    }
}
