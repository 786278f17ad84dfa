//! The MQM-Core error typology sxs marks with: categories and severities.
//! One table, used by the mark dialog, the notes file, the exports and the checks.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How bad an error is. Ordered: `Neutral < Minor < Major < Critical`.
/// `Neutral` is a remark that costs nothing (a preference, a note for the
/// translator), as in the WMT data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Neutral,
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Neutral,
        Severity::Minor,
        Severity::Major,
        Severity::Critical,
    ];

    /// The lower-case name used in the notes file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Neutral => "neutral",
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.name() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown severity {s:?}; use neutral, minor, major or critical"))
    }
}

/// One MQM-Core error type.
#[derive(Debug, PartialEq, Eq)]
pub struct Category {
    /// Mnemonic written to the notes file: `dimension/subtype` or `dimension`.
    pub code: &'static str,
    /// MQM dimension as people write it: `Accuracy`.
    pub dimension: &'static str,
    /// Subtype as people write it (`Mistranslation`), or `None` for a bare dimension.
    pub subtype: Option<&'static str>,
}

impl Category {
    /// `Accuracy/Mistranslation`, `Terminology`: the label exports and screens show.
    pub fn label(&self) -> String {
        match self.subtype {
            Some(sub) => format!("{}/{}", self.dimension, sub),
            None => self.dimension.to_string(),
        }
    }
}

macro_rules! categories {
    ($($code:literal => $dimension:literal $(/ $subtype:literal)?),* $(,)?) => {
        /// Every category, in the order the mark dialog lists them.
        pub const CATEGORIES: &[Category] = &[
            $(Category { code: $code, dimension: $dimension, subtype: categories!(@sub $($subtype)?) },)*
        ];
    };
    (@sub $subtype:literal) => { Some($subtype) };
    (@sub) => { None };
}

categories! {
    "accuracy/mistranslation" => "Accuracy" / "Mistranslation",
    "accuracy/omission" => "Accuracy" / "Omission",
    "accuracy/addition" => "Accuracy" / "Addition",
    "accuracy/untranslated" => "Accuracy" / "Untranslated",
    "accuracy/do-not-translate" => "Accuracy" / "Do not translate",
    "fluency/grammar" => "Fluency" / "Grammar",
    "fluency/spelling" => "Fluency" / "Spelling",
    "fluency/punctuation" => "Fluency" / "Punctuation",
    "fluency/character-encoding" => "Fluency" / "Character encoding",
    "terminology" => "Terminology",
    "style" => "Style",
    "locale-convention" => "Locale convention",
    "design/markup-tag" => "Design and markup" / "Markup tag",
    "design/link" => "Design and markup" / "Link",
    "design/formatting" => "Design and markup" / "Formatting",
}

/// The text of a segment an error span lies in: the target, or the source
/// for an omission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Target,
    Source,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Target => "target",
            Side::Source => "source",
        }
    }
}

/// Where an error is: byte offsets into the raw text of one side, end
/// exclusive, and the text that stood there when it was marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub side: Side,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Where a span stands in the current text of its side (SPEC "The notes
/// file": looked up again by its text when the text changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// At its offsets, as marked.
    At(Range<usize>),
    /// Its text stands elsewhere now: the occurrence nearest to where it was.
    Moved(Range<usize>),
    /// Its text is nowhere in the current text: kept, shown as stale.
    Stale,
}

impl Placement {
    /// The byte range the span covers now, `None` when stale.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Placement::At(range) | Placement::Moved(range) => Some(range.clone()),
            Placement::Stale => None,
        }
    }
}

impl Span {
    /// Where this span stands in `text`, the current raw text of its side:
    /// the one rule the screen, the scores and the exports all follow. A
    /// span whose `text` no longer stands at `[start, end)` (the text
    /// changed, or the offsets were written by hand) is found again by its
    /// text, at the occurrence nearest to `start`; an empty span (a place
    /// where something is missing) only where its offsets still fall.
    pub fn locate(&self, text: &str) -> Placement {
        if text.get(self.start..self.end) == Some(self.text.as_str()) {
            return Placement::At(self.start..self.end);
        }
        if self.text.is_empty() {
            return Placement::Stale;
        }
        text.match_indices(self.text.as_str())
            .map(|(at, _)| at)
            .min_by_key(|&at| at.abs_diff(self.start))
            .map_or(Placement::Stale, |at| {
                Placement::Moved(at..at + self.text.len())
            })
    }

    /// What is wrong with this span as a mark on `text` (the text it was
    /// marked on), for a warning: `None` when its text stands at its offsets.
    pub fn problem(&self, text: &str) -> Option<String> {
        let (start, end, len) = (self.start, self.end, text.len());
        let why = if start > end {
            format!("start {start} is after end {end}")
        } else if end > len {
            format!(
                "end {end} is past the end of the {} ({len} bytes)",
                self.side.name()
            )
        } else if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            format!(
                "{start}..{end} cuts a character of the {} in two",
                self.side.name()
            )
        } else if text[start..end] != self.text {
            format!(
                "the {} has {:?} at {start}..{end}, not {:?}",
                self.side.name(),
                &text[start..end],
                self.text
            )
        } else {
            return None;
        };
        Some(why)
    }
}

/// The MQM-Core grouping of a category name as other tools write it
/// (`Accuracy/Omission (Translation 2)`, `Non-translation!`,
/// `Style/Unnatural or awkward`): the code of ours it names, when it names
/// one, and its dimension. The name itself is always kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grouping {
    pub code: Option<&'static str>,
    pub dimension: Dimension,
}

/// The top level of MQM-Core, plus the two WMT classes that are no
/// translation error of one span: a whole segment left garbled
/// (`Non-translation`) and an error in the source itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    Accuracy,
    Fluency,
    Terminology,
    Style,
    LocaleConvention,
    Design,
    NonTranslation,
    Source,
    Other,
}

impl Dimension {
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Accuracy => "accuracy",
            Dimension::Fluency => "fluency",
            Dimension::Terminology => "terminology",
            Dimension::Style => "style",
            Dimension::LocaleConvention => "locale-convention",
            Dimension::Design => "design",
            Dimension::NonTranslation => "non-translation",
            Dimension::Source => "source",
            Dimension::Other => "other",
        }
    }
}

/// Groups a category name written by any tool (see [`Grouping`]).
pub fn grouping(name: &str) -> Grouping {
    // `Accuracy/Omission (Translation 2)` → `accuracy/omission`.
    let mut code = name.to_lowercase();
    if let Some(open) = code.find('(') {
        code.truncate(open);
    }
    let code = code.trim().trim_end_matches('!').trim().replace(' ', "-");
    let (top, sub) = code.split_once('/').unwrap_or((code.as_str(), ""));
    let dimension = match top {
        "accuracy" => Dimension::Accuracy,
        "fluency" | "linguistic-conventions" => Dimension::Fluency,
        "terminology" => Dimension::Terminology,
        "style" => Dimension::Style,
        "locale-convention" | "locale-conventions" | "locale" => Dimension::LocaleConvention,
        "design" | "design-and-markup" | "markup" => Dimension::Design,
        "non-translation" => Dimension::NonTranslation,
        "source" | "source-error" | "source-issue" => Dimension::Source,
        _ => Dimension::Other,
    };
    let ours = category(&code).or_else(|| {
        // `Terminology/Inconsistent` is still terminology, `Style/…` style.
        let top = CATEGORIES.iter().find(|c| c.code == top)?;
        (sub.is_empty() || top.subtype.is_none()).then_some(top)
    });
    Grouping {
        code: ours.map(|c| c.code),
        dimension,
    }
}

/// The category a bare `x` then `Enter` saves (SPEC).
pub const DEFAULT_CATEGORY: &str = "accuracy/mistranslation";
/// The severity a bare `x` then `Enter` saves (SPEC).
pub const DEFAULT_SEVERITY: Severity = Severity::Major;

/// The category with this mnemonic, if it is one of ours.
pub fn category(code: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.code == code)
}

/// Whether a notes file's category is one sxs counts as written: a
/// mnemonic of MQM-Core, ours or any other (`fluency/inconsistency`,
/// `locale-convention/date-format`, `audience-appropriateness`, a bare
/// dimension), grouped by its dimension; or `non-translation`, which is no
/// MQM-Core category but which SPEC's `--penalties wmt` weighs (25, once a
/// segment). Only the mnemonic form: lower case, `-` for spaces.
pub fn is_known_category(code: &str) -> bool {
    let mnemonic = !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'/');
    let top = code.split('/').next().unwrap_or_default();
    let dimension = grouping(code).dimension;
    mnemonic
        && code.split('/').count() <= 2
        && !code.split('/').any(str::is_empty)
        && (!matches!(dimension, Dimension::Other | Dimension::Source)
            || top == "audience-appropriateness")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_the_default_exists() {
        let mut codes: Vec<&str> = CATEGORIES.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), CATEGORIES.len());
        assert_eq!(
            category(DEFAULT_CATEGORY).unwrap().label(),
            "Accuracy/Mistranslation"
        );
        assert_eq!(category("terminology").unwrap().label(), "Terminology");
    }

    #[test]
    fn mqm_core_mnemonics_are_known_and_other_names_are_not() {
        for code in [
            "accuracy/mistranslation",
            "fluency/inconsistency",
            "locale-convention/date-format",
            "style/awkward",
            "terminology/wrong-term",
            "accuracy/overtranslation",
            "audience-appropriateness/offensive",
            "linguistic-conventions/grammar",
            "accuracy",
            "non-translation",
        ] {
            assert!(is_known_category(code), "{code}");
        }
        for code in [
            "bogus",
            "source/error",
            "Accuracy/Omission",
            "accuracy/",
            "accuracy/a/b",
            "fluency/spelling mistake",
            "",
        ] {
            assert!(!is_known_category(code), "{code:?}");
        }
    }

    #[test]
    fn category_names_of_other_tools_group_into_mqm_core() {
        let cases = [
            (
                "Accuracy/Omission (Translation 2)",
                Some("accuracy/omission"),
                Dimension::Accuracy,
            ),
            (
                "Accuracy/Mistranslation",
                Some("accuracy/mistranslation"),
                Dimension::Accuracy,
            ),
            ("Non-translation!", None, Dimension::NonTranslation),
            (
                "Style/Unnatural or awkward",
                Some("style"),
                Dimension::Style,
            ),
            (
                "Fluency/Punctuation",
                Some("fluency/punctuation"),
                Dimension::Fluency,
            ),
            ("Fluency/Inconsistency", None, Dimension::Fluency),
            (
                "Terminology/Inappropriate for context",
                Some("terminology"),
                Dimension::Terminology,
            ),
            (
                "Locale convention/Date format",
                Some("locale-convention"),
                Dimension::LocaleConvention,
            ),
            ("Source error/-", None, Dimension::Source),
            ("Source issue", None, Dimension::Source),
            ("Other", None, Dimension::Other),
            ("design/link", Some("design/link"), Dimension::Design),
        ];
        for (name, code, dimension) in cases {
            assert_eq!(grouping(name), Grouping { code, dimension }, "{name}");
        }
    }

    #[test]
    fn severities_order_and_parse() {
        assert!(Severity::Neutral < Severity::Minor);
        assert!(Severity::Minor < Severity::Major && Severity::Major < Severity::Critical);
        assert_eq!("Critical".parse::<Severity>(), Ok(Severity::Critical));
        assert_eq!("Neutral".parse::<Severity>(), Ok(Severity::Neutral));
        assert!("huge".parse::<Severity>().is_err());
    }

    fn span(start: usize, end: usize, text: &str) -> Span {
        Span {
            side: Side::Target,
            start,
            end,
            text: text.into(),
        }
    }

    #[test]
    fn a_span_is_found_at_its_offsets_else_by_its_nearest_text_else_stale() {
        let text = "猫が好き。猫は賢い。";
        // 猫 is 3 bytes: the second one starts at byte 15.
        assert_eq!(span(15, 18, "猫").locate(text), Placement::At(15..18));
        // The text changed before it: found again, nearest to where it was.
        let changed = "猫が大好き。猫は賢い。";
        assert_eq!(span(15, 18, "猫").locate(changed), Placement::Moved(18..21));
        assert_eq!(span(0, 3, "猫").locate(changed), Placement::At(0..3));
        assert_eq!(
            span(21, 27, "賢い").locate(changed),
            Placement::Moved(24..30)
        );
        assert_eq!(span(0, 3, "犬").locate(text), Placement::Stale);
        // Offsets written by hand: out of range, inside a character.
        assert_eq!(span(90, 93, "賢い").locate(text), Placement::Moved(21..27));
        assert_eq!(span(1, 2, "").locate(text), Placement::Stale);
        assert_eq!(span(3, 3, "").locate(text), Placement::At(3..3));
        assert_eq!(span(5, 2, "好").locate(text).range(), Some(6..9));
    }

    #[test]
    fn a_broken_span_says_what_is_wrong_with_it() {
        let text = "ab€d";
        assert_eq!(span(2, 5, "€").problem(text), None);
        let problems = [
            (span(3, 2, ""), "start 3 is after end 2"),
            (
                span(2, 9, "€d"),
                "end 9 is past the end of the target (6 bytes)",
            ),
            (
                span(3, 5, "x"),
                "3..5 cuts a character of the target in two",
            ),
            (
                span(0, 2, "xy"),
                "the target has \"ab\" at 0..2, not \"xy\"",
            ),
        ];
        for (span, why) in problems {
            assert_eq!(span.problem(text).as_deref(), Some(why));
        }
    }
}
