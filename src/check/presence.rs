//! Is there anything to compare: `missing-source`, `empty-target`, and
//! `untranslated` (target equal to a source that is prose).

use super::lang::Lang;
use super::view::Parsed;
use super::{Check, Default, Pair, Report, Run};
use crate::mqm::Severity;
use crate::store::Segment;

pub const MISSING_SOURCE: Check = Check {
    name: "missing-source",
    severity: Severity::Major,
    category: "design/markup-tag",
    description: "target with no English source (no or empty sxs-lookup span), so it cannot be compared",
    default: Default::On,
    run: Run::Engine,
};

pub const EMPTY_TARGET: Check = Check {
    name: "empty-target",
    severity: Severity::Critical,
    category: "accuracy/omission",
    description: "target is empty or only white space while the source has text",
    default: Default::On,
    run: Run::Engine,
};

pub const UNTRANSLATED: Check = Check {
    name: "untranslated",
    severity: Severity::Major,
    category: "accuracy/untranslated",
    description: "target equals a source that is English prose (identifiers, names, URLs and code may stay)",
    default: Default::On,
    run: Run::Pair(untranslated),
};

/// What a segment offers the other checks.
pub enum Outcome<'a> {
    MissingSource,
    EmptySource,
    EmptyTarget,
    /// Both sides have text: the pair checks run.
    Both(&'a str, &'a str),
    /// Both sides empty: nothing to say.
    Nothing,
}

pub fn classify(seg: &Segment) -> Outcome<'_> {
    let Some(source) = seg.source() else {
        return Outcome::MissingSource;
    };
    match (is_blank(source), is_blank(seg.target())) {
        (true, true) => Outcome::Nothing,
        (true, false) => Outcome::EmptySource,
        (false, true) => Outcome::EmptyTarget,
        (false, false) => Outcome::Both(source, seg.target()),
    }
}

impl Outcome<'_> {
    pub fn finding(&self) -> Option<(&'static Check, String)> {
        Some(match self {
            Outcome::MissingSource => (
                &MISSING_SOURCE,
                "no source span follows this target; the English original is missing".into(),
            ),
            Outcome::EmptySource => (
                &MISSING_SOURCE,
                "the source span is empty; the English original is missing".into(),
            ),
            Outcome::EmptyTarget => (&EMPTY_TARGET, "target is empty".into()),
            Outcome::Both(..) | Outcome::Nothing => return None,
        })
    }
}

/// White space, zero-width characters and bidi marks only.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{feff}')
    })
}

fn untranslated(pair: &Pair, out: &mut Report) {
    if pair.lang != Lang::En
        && pair.source.raw.trim() == pair.target.raw.trim()
        && let Some(words) = prose_words(pair.source)
    {
        out.push(format!(
            "target is the English source ({words} words of prose)"
        ));
    }
}

/// English function words: a run of them is prose, not a name or identifier.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "if",
    "in", "is", "it", "not", "of", "on", "or", "that", "the", "this", "to", "was", "when", "which",
    "will", "with", "you", "your",
];

/// Word count when the text reads as English prose: at least three lower-case
/// words, one of them a function word, and lower-case words two thirds of all
/// words. Product names are title case ("Dynamics 365 Virtual Agent for
/// Customer Service"); identifiers and GUIDs are not plain words at all.
fn prose_words(text: &Parsed) -> Option<usize> {
    let words: Vec<&str> = text
        .words()
        .filter(|w| {
            w.bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'\'' || b == b'-')
        })
        .collect();
    let lower: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.bytes().all(|b| !b.is_ascii_uppercase()))
        .collect();
    let function = lower.iter().filter(|w| FUNCTION_WORDS.contains(w)).count();
    (lower.len() >= 3 && function >= 1 && 3 * lower.len() >= 2 * words.len()).then_some(words.len())
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    #[test]
    fn english_prose_copied_into_the_target_is_untranslated() {
        // ja-jp, partner-center recon-file-charge-types.md (other locales translate it).
        let hits = pair_findings(
            "ja-jp",
            "Assess usage fee for current cycle",
            "Assess usage fee for current cycle",
        );
        assert_eq!(
            hits,
            ["untranslated: target is the English source (6 words of prose)"]
        );
    }

    #[test]
    fn identifiers_names_and_urls_may_equal_their_source() {
        for same in [
            "Dynamics 365 Virtual Agent for Customer Service",
            "Microsoft 365 A5 eDiscovery and Audit for faculty | 5d7c0030-c2e9-4a8c-bed3-5a6dbf1e4449",
            "{baseURL}/v1/customers/{customer_id}/subscriptions/{subscription_id}",
            "`add`, `config`, `delete`, `help`, `list`, `push`, `setapikey`, `sources`",
            "[Filip De Vos](https://www.codeplex.com/site/users/view/FilipDeVos) ([@foxtricks](https://twitter.com/foxtricks))",
            "portable-net45+sl4+win8+wp7",
            "Extended Dial-out Minutes to USA/CAN for students",
            "60d2919e-427a-46c9-bd03-89cbad27d53f",
        ] {
            assert!(pair_findings("ko-kr", same, same).is_empty(), "{same}");
        }
    }

    #[test]
    fn an_english_locale_may_repeat_its_source() {
        let text = "Select the subscription that you want to update.";
        assert!(pair_findings("en-us", text, text).is_empty());
        assert_eq!(pair_findings("de-de", text, text).len(), 1);
    }
}
