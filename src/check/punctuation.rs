//! `end-punctuation`: the end of the target does not match the end of the
//! source in the target script's conventions.
//!
//! What counts as a match comes from the corpus: Japanese may end a source's
//! `:` or `?` with `。` (「次の手順を実行します。」), Korean may end a `:` with
//! `.`, and Korean and Japanese noun phrases may drop the period. A target
//! that stops without any mark where the source ends a sentence is most often
//! a truncated translation.

use super::lang::{Lang, is_cjk_char, is_word_char};
use super::view::OBJECT;
use super::{Check, Default, Pair, Report, Run, Side};
use crate::mqm::Severity;

pub const END_PUNCTUATION: Check = Check {
    name: "end-punctuation",
    severity: Severity::Minor,
    category: "fluency/punctuation",
    description: "final punctuation lost or wrong for the script (`.` for `。` in zh/ja, `:` for `：` in zh)",
    default: Default::On,
    run: Run::Pair(end_punctuation),
};

/// The last visible character, ignoring white space, invisible marks and
/// closing quotes or parentheses that wrap the sentence's own mark.
/// Returned as the slice of `text` it stands in: the target's is the
/// finding's place.
fn last_char(text: &str) -> Option<(char, &str)> {
    let visible = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{feff}')
    });
    let c = visible.chars().next_back()?;
    Some((c, &visible[visible.len() - c.len_utf8()..]))
}

fn second_last_char(text: &str) -> Option<char> {
    let mut chars = text.trim_end().chars();
    chars.next_back();
    chars.next_back()
}

fn end_punctuation(pair: &Pair, out: &mut Report) {
    let (Some((s, _)), Some((t, t_at))) =
        (last_char(&pair.source.text), last_char(&pair.target.text))
    else {
        return;
    };
    if s == OBJECT || t == OBJECT || pair.source.text.trim_end().ends_with("...") {
        return;
    }
    let lang = pair.lang;
    let bare_end = is_word_char(t);
    // "Virgin Islands, U.S." ends with an abbreviation, not a full stop.
    let abbreviation = || {
        let last_word = pair
            .source
            .text
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        last_word.trim_end_matches('.').contains('.')
            || [
                "etc.", "inc.", "ltd.", "corp.", "co.", "dev.", "approx.", "vs.",
            ]
            .contains(&last_word.to_ascii_lowercase().as_str())
    };
    let sentence = || pair.source.words().nth(2).is_some();
    // Korean and Japanese noun phrases may end without a period.
    let verb_end = match lang {
        Lang::Ko => matches!(t, '다' | '요' | '오' | '까'),
        Lang::Ja => matches!(t, 'す' | 'た' | 'い' | 'る'),
        _ => true,
    };
    let message = match s {
        '.' if bare_end && verb_end && sentence() && !abbreviation() => Some(format!(
            "source ends with `.`, target ends without a mark (`{t}`)"
        )),
        '.' if matches!(t, ',' | '、' | '，' | ';' | '；') && sentence() => {
            Some(format!("source ends with `.`, target with `{t}`"))
        }
        ':' if bare_end && verb_end => Some(format!(
            "source ends with `:`, target ends without a mark (`{t}`)"
        )),
        '?' if lang != Lang::Ja && bare_end && verb_end => {
            Some("source asks a question, target has no question mark".to_string())
        }
        _ => None,
    };
    // A half-width mark ends a Chinese or Japanese sentence only after an
    // English word ("etc.", "Inc.") or as part of a list number ("…; 2.").
    // Asked only where they matter: most targets end in their own script.
    let cjk = || pair.target.text.chars().any(is_cjk_char);
    let list_number = |text: &str| {
        let last = text.split_whitespace().next_back().unwrap_or("");
        last.len() > 1
            && last
                .strip_suffix('.')
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    };
    let after_latin = || {
        second_last_char(&pair.target.text).is_some_and(|c| c.is_ascii_alphabetic())
            || list_number(&pair.target.text)
    };
    let script = match (lang, t) {
        (Lang::Zh, '.') if cjk() && !after_latin() => Some("zh ends sentences with `。`, not `.`"),
        (Lang::Ja, '.') if cjk() && !after_latin() => Some("ja ends sentences with `。`, not `.`"),
        (Lang::Zh, ':') if cjk() => Some("zh writes the colon full-width: `：`"),
        (Lang::Zh, '?') if cjk() => Some("zh writes the question mark full-width: `？`"),
        (Lang::Ar, '?') => Some("Arabic writes the question mark as `؟`"),
        _ => None,
    };
    let place = || pair.target.raw_range_of(t_at);
    if let Some(message) = message {
        out.push_at(Side::Target, place(), message);
    }
    if let Some(script) = script {
        out.push_at(Side::Target, place(), script.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one_finding, pair_findings, store_of};

    fn punct(locale: &str, source: &str, target: &str) -> Vec<String> {
        pair_findings(locale, source, target)
            .into_iter()
            .filter(|h| h.starts_with("end-punctuation"))
            .collect()
    }

    #[test]
    fn the_targets_last_character_is_the_findings_place() {
        for (locale, target, place) in [
            ("zh-tw", "請參閱 **說明**.  ", "."),
            ("de-de", "Die Übersetzung hört *hier* auf", "f"),
        ] {
            let source = "Read the help and stop here.";
            let store = store_of(locale, &[(source, target)]);
            let (finding, text) = one_finding(&store, "end-punctuation");
            assert_eq!(text, place, "{target}: {}", finding.message);
        }
    }

    #[test]
    fn a_sentence_cut_short_or_a_half_width_mark() {
        // de-de, partner-center: the translation stops before its verb.
        assert_eq!(
            punct(
                "de-de",
                "Verify the customer has an existing Azure Plan or Azure Global subscription you purchased on their behalf.",
                "Vergewissern Sie sich, dass der Kunde über einen vorhandenen Azure-Plan oder ein globales Azure-Abonnement verfügt, das Sie in seinem"
            ),
            ["end-punctuation: source ends with `.`, target ends without a mark (`m`)"]
        );
        // zh-tw, nuget-docs.
        assert_eq!(
            punct(
                "zh-tw",
                "The following features are no longer available:",
                "下列功能就不再適用於 Visual Studio 2015:"
            ),
            ["end-punctuation: zh writes the colon full-width: `：`"]
        );
        assert_eq!(
            punct(
                "zh-tw",
                "To take advantage of this offer, go to **Membership offers**.",
                "若要利用此供應項目，請前往 [成員資格供應項目]."
            ),
            ["end-punctuation: zh ends sentences with `。`, not `.`"]
        );
    }

    #[test]
    fn conventions_of_each_script() {
        for (locale, source, target) in [
            ("ja-jp", "Follow these steps:", "次の手順を実行します。"),
            ("ja-jp", "Questions?", "ご質問がある場合は、"),
            ("ko-kr", "Follow these steps:", "다음 단계를 수행합니다."),
            (
                "ko-kr",
                "Unique account ID in the MSFT billing platform.",
                "MSFT 청구 플랫폼에서 고유한 계정 ID",
            ),
            (
                "zh-tw",
                "Visual Studio 2017 or Visual Studio 2015.",
                "Visual Studio 2017 或 Visual Studio 2015。",
            ),
            ("de-de", "No.", "Nein"),
            ("zh-tw", "Virgin Islands, U.S.", "美屬維京群島"),
            (
                "ja-jp",
                "our customer adds growth; 2.",
                "お客様は成長を促進します。 2.",
            ),
            ("de-de", "Run `nuget pack`.", "Führen Sie `nuget pack` aus."),
            ("ar-sa", "Is it ready?", "هل هو جاهز؟"),
            ("he-il", "It is ready.", "\u{200f}זה מוכן.\u{200f}"),
        ] {
            assert!(punct(locale, source, target).is_empty(), "{target}");
        }
    }
}
