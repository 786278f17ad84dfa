//! The MQM-Core error typology sxs marks with: categories and severities.
//! One table, used by the mark dialog, the notes file, the exports and the checks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How bad an error is. Ordered: `Minor < Major < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Critical];

    /// The lower-case name used in the notes file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
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
            .ok_or_else(|| format!("unknown severity {s:?}; use minor, major or critical"))
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
        assert!(Severity::Minor < Severity::Major && Severity::Major < Severity::Critical);
        assert_eq!("Critical".parse::<Severity>(), Ok(Severity::Critical));
        assert!("huge".parse::<Severity>().is_err());
    }
}
