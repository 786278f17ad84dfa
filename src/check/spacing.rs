//! Spaces the translation lost or added:
//!
//! - `cjk-latin-spacing`: Japanese and Chinese style guides put a half-width
//!   space between Latin words and CJK text (`Microsoft Edge では`). Whether a
//!   set follows that style is measured, not assumed: where a set spaces at
//!   least 85 % of its Latin–CJK joints, a joint without the space is reported.
//!   Machine translation loses it most often where it moved a name to another
//!   place in the sentence (`既定Microsoft Edge有効`).
//! - `punctuation-spacing`: a list dash that lost its space (`-VAT` for
//!   `- VAT`), a spaced dash glued to a word (`開啟- [#7673]` for `open -
//!   [#7673]`), a space put before a colon (`**Insights** :`).

use std::ops::Range;

use super::engine::{DocFacts, DocInfo};
use super::lang::{Lang, is_cjk_char};
use super::sets::Sets;
use super::view::Parsed;
use super::{Check, Default, Finding, Pair, Report, Run, Side, Spot};
use crate::mqm::Severity;

pub const CJK_LATIN_SPACING: Check = Check {
    name: "cjk-latin-spacing",
    severity: Severity::Minor,
    category: "style",
    description: "ja/zh: no space between Latin text and CJK where the set puts one (`Edgeでは`)",
    default: Default::On,
    run: Run::Engine,
};

pub const PUNCTUATION_SPACING: Check = Check {
    name: "punctuation-spacing",
    severity: Severity::Minor,
    category: "fluency/punctuation",
    description: "a dash that lost its space (`-VAT` for `- VAT`, `word- [#1]`) or a space added before `:`",
    default: Default::On,
    run: Run::Pair(punctuation_spacing),
};

/// Share of spaced joints from which a set counts as spacing them.
const SPACED_SHARE: f64 = 0.85;
/// Joints a set needs before its style is trusted.
const MIN_JOINTS: usize = 200;

/// The Latin–CJK joints of one document's targets.
#[derive(Debug, Default)]
pub struct Boundaries {
    spaced: usize,
    /// Segment, raw range of the joint in the target, the joint as shown.
    unspaced: Vec<(usize, Range<usize>, String)>,
}

/// Kana and Han: the scripts whose joints with Latin the style guides space.
fn is_kana_or_han(c: char) -> bool {
    is_cjk_char(c) && !matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

impl Boundaries {
    pub fn shrink_to_fit(&mut self) {
        self.unspaced.shrink_to_fit();
    }

    /// Counts the joints of one target: the edges of its runs of Latin
    /// letters, each with the character beyond it (past one space).
    pub fn read(&mut self, segment: usize, target: &Parsed) {
        let text = &target.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            self.joint(
                segment,
                target,
                text[..start].chars().next_back(),
                start,
                true,
            );
            self.joint(segment, target, text[i..].chars().next(), i, false);
        }
    }

    /// One edge of a Latin run at `at`; `outside` is the character beyond it.
    fn joint(
        &mut self,
        segment: usize,
        target: &Parsed,
        outside: Option<char>,
        at: usize,
        before: bool,
    ) {
        let text = &target.text;
        let beyond = |c: char| match before {
            true => text[..at - c.len_utf8()].chars().next_back(),
            false => text[at + c.len_utf8()..].chars().next(),
        };
        match outside {
            Some(' ') if beyond(' ').is_some_and(is_kana_or_han) => self.spaced += 1,
            Some(c) if is_kana_or_han(c) => {
                let joint = match before {
                    true => at - c.len_utf8()..at + 1,
                    false => at - 1..at + c.len_utf8(),
                };
                let start = text[..joint.start]
                    .char_indices()
                    .rev()
                    .nth(2)
                    .map_or(0, |(k, _)| k);
                let end = text[joint.end..]
                    .char_indices()
                    .nth(3)
                    .map_or(text.len(), |(k, _)| joint.end + k);
                let raw = target.raw_range(joint);
                self.unspaced
                    .push((segment, raw, text[start..end].to_string()));
            }
            _ => {}
        }
    }
}

pub fn findings(
    docs: &[DocInfo],
    sets: &Sets,
    facts: &[DocFacts],
    runs_on: impl Fn(&DocInfo) -> bool,
) -> Vec<Finding> {
    let mut joints = vec![(0usize, 0usize); sets.count()];
    for (d, f) in facts.iter().enumerate() {
        let entry = &mut joints[sets.of_doc(d)];
        entry.0 += f.spacing.spaced;
        entry.1 += f.spacing.unspaced.len();
    }
    let mut out = Vec::new();
    for (d, (doc, f)) in docs.iter().zip(facts).enumerate() {
        let (spaced, unspaced) = joints[sets.of_doc(d)];
        let total = spaced + unspaced;
        let share = spaced as f64 / total.max(1) as f64;
        if total < MIN_JOINTS || share < SPACED_SHARE || !runs_on(doc) {
            continue;
        }
        let mut last: Option<usize> = None;
        for (segment, range, shown) in &f.spacing.unspaced {
            // One finding per segment, at each of its joints.
            let spot = Spot {
                side: Side::Target,
                range: range.clone(),
            };
            if last == Some(*segment) {
                if let Some(finding) = out.last_mut() {
                    let finding: &mut Finding = finding;
                    finding.message =
                        finding
                            .message
                            .replacen(" (", &format!(", `{}` (", shown.trim()), 1);
                    finding.add_spot(spot);
                }
                continue;
            }
            last = Some(*segment);
            out.push(Finding::new(
                d,
                *segment,
                &CJK_LATIN_SPACING,
                format!(
                    "no space between Latin and CJK text: `{}` (this set spaces {:.0}% of {} such joints)",
                    shown.trim(),
                    share * 100.0,
                    total
                ),
                vec![spot],
            ));
        }
    }
    out
}

fn punctuation_spacing(pair: &Pair, out: &mut Report) {
    let (source, target) = (pair.source.raw, pair.target.raw);
    let lead = |s: &str| s.len() - s.trim_start().len();
    let (s, t) = (&source[lead(source)..], &target[lead(target)..]);
    // The text after a leading dash, if there is one.
    if let (Some(s_rest), Some(t_rest)) = (after_dash(s), after_dash(t))
        && s_rest.starts_with(' ')
        && t_rest.starts_with(|c: char| !c.is_whitespace())
    {
        let at = lead(target);
        out.push_at(
            Side::Target,
            at..at + (t.len() - t_rest.len()),
            "the leading dash lost its space (`- ` in the source)".into(),
        );
    }
    if let Some(at) = glued_dash(source, target) {
        let shown = target[at.clone()].to_string();
        out.push_at(
            Side::Target,
            at,
            format!("`{shown}`: the source's spaced dash (` - `) lost a space"),
        );
    }
    if pair.lang != Lang::Other
        && let Some(at) = space_before_colon(target)
        && !source.contains(" :")
    {
        out.push_at(
            Side::Target,
            at..at + 2,
            "a space before `:` that the source does not have".into(),
        );
    }
}

/// The text after a leading `-` or `–`.
fn after_dash(s: &str) -> Option<&str> {
    s.strip_prefix('-').or_else(|| s.strip_prefix('–'))
}

/// ` - ` between words in the source and `word- ` in the target: the raw
/// range of the last character of the word and the dash.
fn glued_dash(source: &str, target: &str) -> Option<Range<usize>> {
    // `–` is E2 80 93: a `-` or an 0x93 byte is where a spaced dash can be.
    let spaced = |s: &str| {
        memchr::memchr2(b'-', 0x93, s.as_bytes()).is_some()
            && (s.contains(" - ") || s.contains(" – "))
    };
    if !spaced(source) || spaced(target) {
        return None;
    }
    target.char_indices().find_map(|(i, c)| {
        let dash = i + c.len_utf8();
        let rest = &target[dash..];
        let word = !c.is_whitespace() && !matches!(c, '-' | '–') && !c.is_ascii_digit();
        let glued = rest.starts_with("- ") || rest.starts_with("– ");
        (word && glued).then(|| i..dash + rest.chars().next().map_or(1, char::len_utf8))
    })
}

/// A space between a word (or closing markup) and `:`: the space's offset.
fn space_before_colon(target: &str) -> Option<usize> {
    let bytes = target.as_bytes();
    memchr::memchr_iter(b':', bytes)
        .filter(|&colon| colon >= 2)
        .map(|colon| colon - 1)
        .find(|&i| {
            bytes[i] == b' '
                && bytes.get(i + 2) != Some(&b':')
                && !bytes[i - 1].is_ascii_whitespace()
                && bytes[i - 1] != b':'
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one_finding, pair_findings, store_of};
    use super::super::{Options, run};

    fn spacing(locale: &str, source: &str, target: &str) -> Vec<String> {
        pair_findings(locale, source, target)
            .into_iter()
            .filter(|h| h.starts_with("punctuation-spacing"))
            .collect()
    }

    #[test]
    fn dashes_that_lost_their_space() {
        // ko-kr and de-de, partner-center vat-info.
        assert_eq!(
            spacing(
                "ko-kr",
                "- VAT Number Format: 9 or 12 digits",
                "-VAT 숫자 형식: 9 또는 12 자리"
            ),
            ["punctuation-spacing: the leading dash lost its space (`- ` in the source)"]
        );
        // zh-tw, nuget-docs release notes.
        assert_eq!(
            spacing(
                "zh-tw",
                "Permissions are too open - [#7673](https://github.com/NuGet/Home/issues/7673)",
                "許可權太開啟- [#7673](https://github.com/NuGet/Home/issues/7673)"
            ),
            ["punctuation-spacing: `啟-`: the source's spaced dash (` - `) lost a space"]
        );
        // An en dash is a dash too.
        assert_eq!(
            spacing(
                "de-de",
                "– Application Development",
                "–Anwendungsentwicklung"
            )
            .len(),
            1
        );
        for (source, target) in [
            ("- VAT", "- MwSt."),
            ("Use 1 - 5 seats - fine", "1-5 席 - 可"),
            ("a - b", "a – b"),
        ] {
            assert!(spacing("ja-jp", source, target).is_empty(), "{target}");
        }
    }

    #[test]
    fn a_space_before_a_colon() {
        // he-il, customer-insights.
        assert_eq!(
            spacing(
                "he-il",
                "**Insights**: Runs manually.",
                "**תובנות** : פועל ידנית."
            ),
            ["punctuation-spacing: a space before `:` that the source does not have"]
        );
        assert!(spacing("fr-fr", "Note: x", "Remarque : x").is_empty());
        assert!(spacing("de-de", "Run `a :: b`", "Führen Sie `a :: b` aus").is_empty());
    }

    #[test]
    fn latin_next_to_cjk_without_the_space_the_set_uses() {
        let mut pairs = vec![
            (
                "Use Microsoft Edge here.",
                "ここで Microsoft Edge を使用します。"
            );
            120
        ];
        // edge-developer: the name moved and lost its spaces.
        pairs.push((
            "Turned on in Microsoft Edge.",
            "既定Microsoft Edge有効になっています。",
        ));
        let store = store_of("ja-jp", &pairs);
        let (found, text) = one_finding(&store, "cjk-latin-spacing");
        assert_eq!(found.segment, 120);
        assert_eq!(
            found.message,
            "no space between Latin and CJK text: `既定Micr`, `Edge有効にな` (this set spaces 99% of 242 such joints)"
        );
        assert_eq!(text, "定M");
        // A set that does not space its joints is not held to it.
        let unspaced = store_of("ja-jp", &vec![("Use Edge.", "Edgeを使用します。"); 300]);
        let options = Options::select(&["cjk-latin-spacing".into()], &[]).unwrap();
        assert!(run(&unspaced, &options).is_empty());
    }
}
