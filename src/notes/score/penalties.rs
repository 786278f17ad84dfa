//! What an error costs (SPEC "MQM scores"): a weight per severity, and the
//! `wmt` preset of the WMT/Google MQM studies.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::mqm::{self, Dimension, Severity};

/// Penalty points per error, by severity, and the rules on top of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Penalties {
    pub neutral: f64,
    pub minor: f64,
    pub major: f64,
    pub critical: f64,
    pub scheme: Scheme,
}

/// The rules that weigh some categories apart from their severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// The severity alone.
    #[default]
    Mqm,
    /// Freitag et al. 2021 (SPEC): a minor `fluency/punctuation` error 0.1,
    /// a non-translation 25 (once a segment); every other error by its
    /// severity, errors in the source included, as Google's `score_mqm`
    /// weighs them (`Major:5 Minor:1 Neutral:0 Major/Non-translation!:25
    /// Minor/Fluency/Punctuation:0.1`).
    Wmt,
}

impl Default for Penalties {
    /// The usual MQM weights.
    fn default() -> Self {
        Penalties {
            neutral: 0.0,
            minor: 1.0,
            major: 5.0,
            critical: 10.0,
            scheme: Scheme::Mqm,
        }
    }
}

/// The weights `--penalties` takes. MQM schemes weigh an error from 0 to a
/// few dozen points; beyond a thousand a weight is a typo, and unbounded
/// ones overflow the sums to `inf` (JSON `null`).
pub const WEIGHTS: std::ops::RangeInclusive<f64> = 0.0..=1000.0;

/// What the `wmt` scheme gives a minor punctuation error.
const WMT_MINOR_PUNCTUATION: f64 = 0.1;
/// What the `wmt` scheme gives a non-translation, once a segment.
const WMT_NON_TRANSLATION: f64 = 25.0;

impl Penalties {
    pub fn of(&self, severity: Severity) -> f64 {
        match severity {
            Severity::Neutral => self.neutral,
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }

    fn set(&mut self, severity: Severity, points: f64) {
        *match severity {
            Severity::Neutral => &mut self.neutral,
            Severity::Minor => &mut self.minor,
            Severity::Major => &mut self.major,
            Severity::Critical => &mut self.critical,
        } = points;
    }

    /// Weighs the errors of one judgment (one segment, one rater) in turn.
    pub fn judgment(&self) -> Judgment<'_> {
        Judgment {
            penalties: self,
            non_translation: false,
        }
    }
}

/// The weighing of one judgment's errors: the `wmt` scheme counts one
/// non-translation a segment.
pub struct Judgment<'p> {
    penalties: &'p Penalties,
    non_translation: bool,
}

impl Judgment<'_> {
    /// The points of one error, its category named as any tool writes it
    /// (grouped with [`mqm::grouping`]).
    pub fn weigh(&mut self, category: &str, severity: Severity) -> f64 {
        let penalties = self.penalties;
        if penalties.scheme == Scheme::Wmt {
            let grouping = mqm::grouping(category);
            match grouping.dimension {
                Dimension::NonTranslation => {
                    let first = !std::mem::replace(&mut self.non_translation, true);
                    return if first { WMT_NON_TRANSLATION } else { 0.0 };
                }
                _ if severity == Severity::Minor
                    && grouping.code == Some("fluency/punctuation") =>
                {
                    return WMT_MINOR_PUNCTUATION;
                }
                _ => {}
            }
        }
        penalties.of(severity)
    }
}

impl fmt::Display for Penalties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scheme == Scheme::Wmt {
            f.write_str("wmt,")?;
        }
        write!(
            f,
            "neutral={},minor={},major={},critical={}",
            self.neutral, self.minor, self.major, self.critical
        )
    }
}

impl FromStr for Penalties {
    type Err = String;

    /// `minor=1,major=5,critical=10`, severities not named keeping their
    /// default; `wmt` (alone or with weights) for the WMT scheme.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut penalties = Penalties::default();
        if text.split(',').all(|p| p.trim().is_empty()) {
            return Err(
                "no weights given; write wmt or SEVERITY=POINTS,… (e.g. major=5), \
                 or leave --penalties out for the defaults"
                    .into(),
            );
        }
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part.eq_ignore_ascii_case("wmt") {
                penalties.scheme = Scheme::Wmt;
                continue;
            }
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?}: write SEVERITY=POINTS (e.g. major=5), or wmt"))?;
            let severity: Severity = name.parse()?;
            let points: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|p: &f64| WEIGHTS.contains(p))
                .ok_or_else(|| {
                    format!(
                        "{value:?}: points must be a number from {} to {}",
                        WEIGHTS.start(),
                        WEIGHTS.end()
                    )
                })?;
            penalties.set(severity, points);
        }
        Ok(penalties)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weigh(penalties: &Penalties, errors: &[(&str, Severity)]) -> f64 {
        let mut judgment = penalties.judgment();
        errors.iter().map(|(c, s)| judgment.weigh(c, *s)).sum()
    }

    #[test]
    fn the_default_weighs_by_severity_alone() {
        let penalties = Penalties::default();
        let errors = [
            ("fluency/punctuation", Severity::Minor),
            ("Non-translation!", Severity::Major),
            ("Source issue", Severity::Major),
            ("style", Severity::Neutral),
            ("accuracy/omission", Severity::Critical),
        ];
        assert_eq!(weigh(&penalties, &errors), 1.0 + 5.0 + 5.0 + 0.0 + 10.0);
    }

    #[test]
    fn the_wmt_scheme_weighs_minor_punctuation_and_non_translation_apart() {
        let wmt: Penalties = "wmt".parse().unwrap();
        let cases: [(&[(&str, Severity)], f64); 7] = [
            (&[("Fluency/Punctuation", Severity::Minor)], 0.1),
            (&[("fluency/punctuation", Severity::Major)], 5.0),
            (
                &[
                    ("Non-translation!", Severity::Major),
                    ("Non-translation!", Severity::Major),
                    ("Accuracy/Mistranslation", Severity::Minor),
                ],
                26.0,
            ),
            (&[("Source issue", Severity::Major)], 5.0),
            (&[("Source error/-", Severity::Minor)], 1.0),
            (
                &[("Accuracy/Creative Reinterpretation", Severity::Major)],
                5.0,
            ),
            (&[("Style/Unnatural or awkward", Severity::Critical)], 10.0),
        ];
        for (errors, points) in cases {
            assert!(
                (weigh(&wmt, errors) - points).abs() < 1e-9,
                "{errors:?}: {}",
                weigh(&wmt, errors)
            );
        }
    }

    #[test]
    fn weights_parse_and_print_back() {
        let parsed: Penalties = "wmt, major=4,neutral=0.5".parse().unwrap();
        assert_eq!(parsed.scheme, Scheme::Wmt);
        assert_eq!(
            (parsed.major, parsed.neutral, parsed.critical),
            (4.0, 0.5, 10.0)
        );
        assert_eq!(parsed.to_string().parse::<Penalties>(), Ok(parsed));
        assert!("huge=3".parse::<Penalties>().is_err());
        assert!("major=-1".parse::<Penalties>().is_err());
        assert!("wmtx".parse::<Penalties>().is_err());
    }

    #[test]
    fn weights_beyond_the_bound_or_none_at_all_are_refused_saying_what_is_allowed() {
        for text in [
            "minor=1e308,major=1e308,critical=1e308",
            "major=inf",
            "major=NaN",
            "critical=1000.5",
        ] {
            let err = text.parse::<Penalties>().unwrap_err();
            assert!(err.contains("a number from 0 to 1000"), "{text}: {err}");
        }
        for text in ["", " ", ",", " , "] {
            let err = text.parse::<Penalties>().unwrap_err();
            assert!(err.contains("no weights given"), "{text:?}: {err}");
        }
        let most: Penalties = "neutral=1000,critical=1000".parse().unwrap();
        assert_eq!((most.neutral, most.critical), (1000.0, 1000.0));
    }
}
