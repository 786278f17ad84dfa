//! `coordination-split`: two verbs that share an object in the source
//! ("Adds or removes the tag.") come back in Japanese with the object between
//! them (`追加または タグを 削除します`), so that it belongs to the second verb
//! alone. Japanese puts the object first and the verbs together
//! (`タグを追加または削除します`). Also reported: the two verbs made the subject
//! or topic of the sentence (`追加または削除が、要求のタグ。`).
//!
//! The source must start with two coordinated verbs in the third person
//! (`Xs or ys`, `Xs and ys`) followed by their object; the target must start
//! with the first verb's noun and the conjunction, and hold more than the
//! second verb's noun before the particle `を`.

use super::lang::{Lang, is_cjk_char};
use super::{Check, Default, Pair, Report, Run, Side};
use crate::mqm::Severity;

pub const COORDINATION_SPLIT: Check = Check {
    name: "coordination-split",
    severity: Severity::Minor,
    category: "fluency/grammar",
    description: "ja: two verbs sharing an object are split by it (`AまたはXをBします` for \"As or bs X\") or made the subject",
    default: Default::On,
    run: Run::Pair(coordination_split),
};

/// `または` (or), `および` (and), `と` (and).
const CONJUNCTIONS: &[&str] = &["または", "および", "と"];

/// Kanji and katakana: the stuff of Sino-Japanese verbal nouns (`取得`, `削除`).
fn is_noun_char(c: char) -> bool {
    is_cjk_char(c)
        && !('\u{3000}'..='\u{309f}').contains(&c)
        && !('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// "Xs or ys …": the two verbs, the conjunction, and whether a determiner
/// follows (`the`, `a`…), which makes them verbs for sure: nouns
/// ("Errors and warnings are listed") are followed by a verb.
fn coordinated_verbs(source: &str) -> Option<(&str, &str, &str, bool)> {
    let mut words = source.split(' ');
    let (first, conjunction, second) = (words.next()?, words.next()?, words.next()?);
    let next = words.next()?;
    let determiner = [
        "the", "a", "an", "whether", "any", "all", "each", "this", "these", "its", "their",
    ]
    .contains(&next);
    let verb = |w: &str, capital: bool| {
        w.len() > 2
            && w.ends_with('s')
            && !w.ends_with("ss")
            && w.bytes().all(|b| b.is_ascii_alphabetic())
            && w.starts_with(|c: char| c.is_ascii_uppercase() == capital)
            && w[1..].bytes().all(|b| b.is_ascii_lowercase())
    };
    (verb(first, true) && verb(second, false) && matches!(conjunction, "or" | "and")).then_some((
        first,
        conjunction,
        second,
        determiner,
    ))
}

fn coordination_split(pair: &Pair, out: &mut Report) {
    if pair.lang != Lang::Ja {
        return;
    }
    let Some((first, conjunction, second, determiner)) =
        coordinated_verbs(pair.source.text.trim_start())
    else {
        return;
    };
    let text = &pair.target.text;
    let start = text.len() - text.trim_start().len();
    let noun_len: usize = text[start..]
        .chars()
        .take_while(|&c| is_noun_char(c))
        .map(char::len_utf8)
        .sum();
    if noun_len == 0 {
        return;
    }
    let after_noun = &text[start + noun_len..];
    let Some(joiner) = CONJUNCTIONS.iter().find(|c| after_noun.starts_with(**c)) else {
        return;
    };
    let rest = &after_noun[joiner.len()..];
    let second_noun: usize = rest
        .trim_start()
        .chars()
        .take_while(|&c| is_noun_char(c))
        .map(char::len_utf8)
        .sum();
    let after_second = rest.trim_start()[second_noun..].trim_start();
    let together = second_noun > 0
        && (after_second.is_empty()
            || ["します", "する", "、", "。", "し"]
                .iter()
                .any(|e| after_second.starts_with(e)));
    // The object must end in `を` + a verbal noun + `します`/`する`.
    let split = !together
        && rest.match_indices('を').any(|(o, _)| {
            let after = &rest[o + 'を'.len_utf8()..];
            let verb: usize = after
                .chars()
                .take_while(|&c| is_noun_char(c))
                .map(char::len_utf8)
                .sum();
            verb > 0 && after[verb..].starts_with(['し', 'す'])
        });
    // `取得または設定が、…の識別子。`: the verbs became the subject of a
    // sentence that has no verb left for them.
    let subject =
        together_as_subject(after_second, second_noun) && (determiner || !ends_with_verb(text));
    if subject {
        let end =
            text.len() - after_second.len() + after_second.chars().next().map_or(0, char::len_utf8);
        out.push_at(
            Side::Target,
            pair.target.raw_range(start..end),
            format!(
                "`{}` makes the verbs \"{first} {conjunction} {second}\" the subject or topic of the sentence instead of verbs of their object",
                text[start..end].trim_end()
            ),
        );
    } else if split {
        let end = start + noun_len + joiner.len();
        out.push_at(
            Side::Target,
            pair.target.raw_range(start..end),
            format!(
                "`{}` starts the sentence and the object follows it: \"{first} {conjunction} {second}\" share their object, which must come before both verbs",
                &text[start..end]
            ),
        );
    }
}

/// The second verbal noun followed by the subject or topic particle.
fn together_as_subject(after_second: &str, second_noun: usize) -> bool {
    second_noun > 0 && after_second.starts_with(['が', 'は'])
}

/// Whether a Japanese sentence ends with a verb or the copula.
fn ends_with_verb(text: &str) -> bool {
    let end = text.trim_end().trim_end_matches(['。', '.']);
    end.ends_with(['す', 'る', 'た', 'い', 'う', 'く'])
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    fn split(source: &str, target: &str) -> Vec<String> {
        pair_findings("ja-jp", source, target)
            .into_iter()
            .filter(|h| h.starts_with("coordination"))
            .collect()
    }

    #[test]
    fn the_object_between_two_verbs() {
        assert_eq!(
            split(
                "Starts or stops the time the request was issued.",
                "開始または要求が発行された時刻を停止します。"
            )
            .len(),
            1
        );
        assert_eq!(
            split(
                "Adds or removes the tags of the pool.",
                "追加またはプールのタグを削除します。"
            ),
            [
                "coordination-split: `追加または` starts the sentence and the object follows it: \"Adds or removes\" share their object, which must come before both verbs"
            ]
        );
        for (source, target) in [
            (
                "Adds or removes the tags of the pool.",
                "プールのタグを追加または削除します。",
            ),
            ("Adds or removes tags.", "追加または削除します。"),
            ("Adds or removes the tag.", "追加または削除を行います。"),
            (
                "Errors and warnings are listed.",
                "エラーと警告が一覧表示されます。",
            ),
            (
                "Use Azure or on-premises servers.",
                "Azure またはオンプレミスのサーバーを使用します。",
            ),
        ] {
            assert!(split(source, target).is_empty(), "{target}");
        }
    }
}
