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
    fn severities_order_and_parse() {
        assert!(Severity::Minor < Severity::Major && Severity::Major < Severity::Critical);
        assert_eq!("Critical".parse::<Severity>(), Ok(Severity::Critical));
        assert!("huge".parse::<Severity>().is_err());
    }
}
