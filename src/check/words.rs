//! `doubled-word`: the same word twice in a row, separated by white space only.
//!
//! Reduplication in Japanese and Chinese (いろいろ, 慢慢) is written without a
//! space, so it never looks doubled here. German doubles some short words as
//! a matter of grammar ("…, an die die Anforderung", "bis Sie sie zuweisen").

use std::ops::Range;

use super::lang::{Lang, is_word_char};
use super::view::{OBJECT, Parsed};
use super::{Check, Default, Pair, Report, Run, Side, quote_distinct};
use crate::mqm::Severity;

pub const DOUBLED_WORD: Check = Check {
    name: "doubled-word",
    severity: Severity::Minor,
    category: "fluency/grammar",
    description: "the same word twice in a row (\"Kauf Kauf\"), unless the source has it too or grammar wants it",
    default: Default::On,
    run: Run::Pair(doubled_word),
};

/// Words that German grammar doubles: relative pronoun after article, "Sie sie".
const GERMAN_DOUBLES: &[&str] = &["der", "die", "das", "den", "dem", "des", "sie"];

fn doubled_word(pair: &Pair, out: &mut Report) {
    let mut shown = Vec::new();
    // Each pair reported is a place of the finding: both words.
    let mut places: Vec<Range<usize>> = Vec::new();
    let in_target = doubles(pair.target);
    // The source's doubles only matter when the target has some: nearly
    // never, and the English source is the longer text to read.
    if in_target.is_empty() {
        return;
    }
    let in_source: Vec<String> = doubles(pair.source)
        .iter()
        .map(|(s, _)| s.to_lowercase())
        .collect();
    for (a, b) in in_target {
        let lower = a.to_lowercase();
        if pair.lang == Lang::De && GERMAN_DOUBLES.contains(&lower.as_str()) {
            continue;
        }
        if in_source.contains(&lower) {
            continue;
        }
        shown.push(format!("\"{a} {b}\""));
        places.push(pair.target.raw_range_of(a).start..pair.target.raw_range_of(b).end);
    }
    if !places.is_empty() {
        let message = format!("word doubled: {}", quote_distinct(shown));
        out.push_at_each(Side::Target, places, message);
    }
}

/// Neighbouring words equal but for case, with only white space between them
/// (a comma, other mark, or emphasis edge between makes them two phrases).
fn doubles<'a>(parsed: &'a Parsed) -> Vec<(&'a str, &'a str)> {
    let text = parsed.text.as_str();
    let offset = |t: &str| t.as_ptr() as usize - text.as_ptr() as usize;
    let word = |t: &str| {
        t.chars().any(|c| is_word_char(c) && !c.is_ascii_digit())
            && !t.contains(OBJECT)
            && t.chars().all(|c| is_word_char(c) || c == '-' || c == '\'')
    };
    let same = |a: &str, b: &str| {
        a == b
            || (a.len() == b.len()
                && match a.is_ascii() && b.is_ascii() {
                    true => a.eq_ignore_ascii_case(b),
                    false => a
                        .chars()
                        .flat_map(char::to_lowercase)
                        .eq(b.chars().flat_map(char::to_lowercase)),
                })
    };
    let mut found = Vec::new();
    let mut tokens = text.split_whitespace();
    let Some(mut a) = tokens.next() else {
        return found;
    };
    for b in tokens {
        let a_core = a.trim_start_matches(|c: char| !is_word_char(c));
        a = b;
        if a_core.is_empty() || a_core.len() > b.len() {
            continue;
        }
        let b_core = b.trim_end_matches(|c: char| !is_word_char(c));
        if !same(a_core, b_core) || !word(a_core) {
            continue;
        }
        let (from, to) = (offset(a_core), offset(b_core) + b_core.len());
        if !parsed.markup_edges.iter().any(|&e| from < e && e < to) {
            found.push((a_core, b_core));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one_finding, pair_findings, store_of};

    fn doubled(locale: &str, source: &str, target: &str) -> Vec<String> {
        pair_findings(locale, source, target)
            .into_iter()
            .filter(|h| h.starts_with("doubled"))
            .collect()
    }

    #[test]
    fn the_doubled_words_are_the_findings_place_in_the_raw_target() {
        let target = "da der `Code` Kunde nicht jeden Kauf Kauf überprüfen muss.";
        let store = store_of("de-de", &[("every purchase", target)]);
        let (finding, text) = one_finding(&store, "doubled-word");
        assert_eq!(text, "Kauf Kauf", "{}", finding.message);
    }

    #[test]
    fn doubled_words_in_real_targets() {
        // de-de and ko-kr, partner-center.
        assert_eq!(
            doubled(
                "de-de",
                "because the customer does not have to review and negotiate every purchase.",
                "da der Kunde nicht jeden Kauf Kauf überprüfen und aushandeln muss."
            ),
            ["doubled-word: word doubled: \"Kauf Kauf\""]
        );
        assert_eq!(
            doubled(
                "ko-kr",
                "Monthly or annual charges",
                "월별 월별 또는 연간 요금으로"
            ),
            ["doubled-word: word doubled: \"월별 월별\""]
        );
        // Case aside, in ASCII and beyond.
        assert_eq!(
            doubled("fr-fr", "Open the file.", "Ouvrez le Le fichier."),
            ["doubled-word: word doubled: \"le Le\""]
        );
        assert_eq!(
            doubled("de-de", "Open the file.", "Öffnen öffnen Sie die Datei."),
            ["doubled-word: word doubled: \"Öffnen öffnen\""]
        );
    }

    #[test]
    fn reduplication_grammar_and_source_doubles_are_fine() {
        for (locale, source, target) in [
            ("ja-jp", "Various options.", "いろいろなオプション。"),
            ("zh-tw", "Slowly.", "慢慢地。"),
            (
                "de-de",
                "where the request was sent.",
                "an die die Anforderung übermittelt wurde.",
            ),
            (
                "de-de",
                "until you assign them to an invoice.",
                "bis Sie Sie einer Rechnung zuweisen.",
            ),
            ("de-de", "Type, type and more.", "Typ, typ und mehr."),
            ("ko-kr", "Set `type` type.", "`type` type을 설정합니다."),
            (
                "ja-jp",
                "Set the **type type** value.",
                "**type type** 値を設定します。",
            ),
            ("de-de", "Page 2 2", "Seite 2 2"),
            // ar-sa, customer-insights: "the **Entities** page lists the entities".
            (
                "ar-sa",
                "The **Entities** page lists the entities.",
                "تسرد صفحة **الكيانات** الكيانات.",
            ),
        ] {
            assert!(doubled(locale, source, target).is_empty(), "{target}");
        }
    }
}
