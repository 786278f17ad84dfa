//! `glossary`: terms with a required translation per locale, or that must
//! stay as they are, read from a YAML file:
//!
//! ```yaml
//! Partner Center:            # a source term, matched as a whole word, any case
//!   ja-jp: パートナー センター  # the translation this locale must use
//!   ko: 파트너 센터            # a language key covers all its locales
//!   zh-tw: [合作夥伴中心, 合作夥伴中心]   # any of these
//! Install-Module: keep       # do not translate: the target keeps it as is
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Check, Default, Pair, Report, Run};
use crate::mqm::Severity;

pub const GLOSSARY: Check = Check {
    name: "glossary",
    severity: Severity::Major,
    category: "terminology",
    description: "a glossary term (--glossary FILE) is not translated as required, or a keep-as-is term changed",
    default: Default::WithGlossary,
    run: Run::Pair(glossary),
};

/// What the glossary says about one term.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rule {
    Keep,
    Translate(BTreeMap<String, Vec<String>>),
}

/// A glossary file, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    rules: BTreeMap<String, Rule>,
}

/// A term as it applies to one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    source: String,
    /// Empty: keep the term as it is.
    accepted: Vec<String>,
}

/// A glossary file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error(
        "{file}: not a usable glossary: cannot be read ({error}); name a glossary file with --glossary FILE"
    )]
    Read { file: String, error: std::io::Error },
    #[error(
        "{file}{}: not a usable glossary: {message}; write each term as `TERM: keep` or `TERM: {{LOCALE: TRANSLATION}}`",
        line.map(|l| format!(":{l}")).unwrap_or_default()
    )]
    Invalid {
        file: String,
        line: Option<usize>,
        message: String,
    },
}

impl GlossaryError {
    /// The line of the file the error is on, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            GlossaryError::Read { .. } => None,
            GlossaryError::Invalid { line, .. } => *line,
        }
    }
}

impl Glossary {
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let file = path.to_string_lossy().into_owned();
        let text = crate::yaml::read_file(path)
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            })
            .map_err(|error| GlossaryError::Read {
                file: file.clone(),
                error,
            })?;
        Glossary::parse(&file, &text)
    }

    /// Parses glossary YAML; `name` is the file named in errors.
    pub fn parse(name: &str, text: &str) -> Result<Glossary, GlossaryError> {
        let rules: Option<BTreeMap<String, Rule>> =
            crate::yaml::from_str(text).map_err(|e| GlossaryError::Invalid {
                file: name.to_string(),
                line: e.line,
                message: e.message,
            })?;
        Ok(Glossary {
            rules: rules.unwrap_or_default(),
        })
    }

    /// The terms that apply to a locale: keep-as-is terms, and terms with a
    /// translation for the locale (`ja-jp`) or its language (`ja`).
    pub fn terms_for(&self, locale: &str) -> Vec<Term> {
        let language = locale.split('-').next().unwrap_or(locale);
        self.rules
            .iter()
            .filter_map(|(source, rule)| {
                let accepted = match rule {
                    Rule::Keep => Vec::new(),
                    Rule::Translate(by_locale) => by_locale
                        .iter()
                        .find(|(l, _)| l.eq_ignore_ascii_case(locale))
                        .or_else(|| {
                            by_locale
                                .iter()
                                .find(|(l, _)| l.eq_ignore_ascii_case(language))
                        })?
                        .1
                        .clone(),
                };
                Some(Term {
                    source: source.clone(),
                    accepted,
                })
            })
            .collect()
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        d.deserialize_any(RuleVisitor)
    }
}

struct RuleVisitor;

impl<'de> Visitor<'de> for RuleVisitor {
    type Value = Rule;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`keep` or a map of locale to translation")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Rule, E> {
        match v.trim() {
            "keep" => Ok(Rule::Keep),
            other => Err(E::custom(format!(
                "{other:?} is neither `keep` nor a map of locale to translation"
            ))),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rule, A::Error> {
        let mut by_locale = BTreeMap::new();
        while let Some((locale, translations)) = map.next_entry::<String, Translations>()? {
            by_locale.insert(locale.to_ascii_lowercase(), translations.0);
        }
        Ok(Rule::Translate(by_locale))
    }
}

/// One translation or a list of accepted ones.
struct Translations(Vec<String>);

impl<'de> Deserialize<'de> for Translations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Translations, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Translations;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a translation or a list of translations")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Translations, E> {
                Ok(Translations(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Translations, A::Error> {
                let mut all = Vec::new();
                while let Some(t) = seq.next_element::<String>()? {
                    all.push(t);
                }
                Ok(Translations(all))
            }
        }
        d.deserialize_any(V)
    }
}

/// Any kind of space as a plain one: sources and targets put no-break and
/// narrow no-break spaces inside names ("Partner Center").
fn plain_spaces(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// Whole-word occurrence of a term in a text (both already plain-spaced and
/// in one case); an email address or host name is not a mention
/// (`support@microsoft.com`), and neither is a part of a longer word.
fn mentions(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(at, m)| {
        let before = text[..at].chars().next_back();
        let rest = &text[at + m.len()..];
        let mut after = rest.chars();
        let next = after.next();
        // Only Latin letters continue an English word: Korean and Japanese
        // attach particles to it (`Microsoft는`, `Azureの`).
        let word_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '@' | '_');
        let edge_before = before.is_none_or(|c| !word_part(c) && c != '.' && c != '/');
        let host = next == Some('.') && after.next().is_some_and(|c| c.is_ascii_alphanumeric());
        let edge_after = next.is_none_or(|c| !word_part(c)) && !host;
        edge_before && edge_after
    })
}

fn glossary(pair: &Pair, out: &mut Report) {
    if pair.terms.is_empty() {
        return;
    }
    let source = plain_spaces(&pair.source.text).to_lowercase();
    let target = plain_spaces(&pair.target.text);
    let target_lower = target.to_lowercase();
    for term in pair.terms {
        if !mentions(&source, &plain_spaces(&term.source).to_lowercase()) {
            continue;
        }
        if term.accepted.is_empty() {
            if !mentions(&target, &plain_spaces(&term.source)) {
                out.push(format!(
                    "`{}` must stay as it is (do not translate)",
                    term.source
                ));
            }
        } else if !term
            .accepted
            .iter()
            .any(|t| target_lower.contains(&plain_spaces(t).to_lowercase()))
        {
            out.push(format!(
                "`{}` should be translated as `{}`",
                term.source,
                term.accepted.join("` or `")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::store_of;
    use super::super::{Options, run};
    use super::*;

    const YAML: &str = "\
Partner Center:
  ja-jp: パートナー センター
  ko: [파트너 센터, 파트너센터]
Install-Module: keep
";

    fn glossary_findings(locale: &str, source: &str, target: &str) -> Vec<String> {
        let glossary = Glossary::parse("terms.yaml", YAML).unwrap();
        let options = Options::select(&["glossary".into()], &[])
            .unwrap()
            .with_glossary(glossary);
        run(&store_of(locale, &[(source, target)]), &options)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn required_translations_per_locale_and_language() {
        let source = "Sign in to Partner Center and run `Install-Module`.";
        assert_eq!(
            glossary_findings(
                "ja-jp",
                source,
                "パートナーセンターにサインインし、`Install-Module` を実行します。"
            ),
            ["`Partner Center` should be translated as `パートナー センター`"]
        );
        assert!(glossary_findings("ko-kr", source, "파트너센터에 로그인합니다.").is_empty());
        // de-de, partner-center: a narrow no-break space inside the name.
        assert!(
            glossary_findings(
                "de-de",
                source,
                "Melden Sie sich beim Partner\u{202f}Center-Konto an."
            )
            .is_empty()
        );
        // A locale without an entry is not judged on that term.
        assert!(glossary_findings("de-de", source, "Melden Sie sich an.").is_empty());
    }

    #[test]
    fn keep_terms_must_stay_outside_code_too() {
        assert_eq!(
            glossary_findings(
                "de-de",
                "Run Install-Module first.",
                "Führen Sie zuerst Installationsmodul aus."
            ),
            ["`Install-Module` must stay as it is (do not translate)"]
        );
        assert!(
            glossary_findings(
                "de-de",
                "Run Install-Module first.",
                "Führen Sie zuerst Install-Module aus."
            )
            .is_empty()
        );
        // ar-sa, customer-insights: an address is not a mention of the name.
        // ko-kr: a particle attached to a kept name.
        assert!(
            glossary_findings(
                "ko-kr",
                "Run Install-Module.",
                "Install-Module를 실행합니다."
            )
            .is_empty()
        );
        let mail = "Contact D365CI@install-module.com.";
        assert!(glossary_findings("ar-sa", mail, "اتصل بـ d365ci@install-module.com.").is_empty());
    }

    #[test]
    fn a_glossary_that_is_no_file_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("terms.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        // Opening a FIFO nobody writes to would block: refused before.
        let err = Glossary::load(&fifo).unwrap_err().to_string();
        assert!(
            err.contains("terms.yaml: not a usable glossary: cannot be read (is a FIFO"),
            "{err}"
        );
        let err = Glossary::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
    }

    #[test]
    fn a_broken_glossary_names_file_and_line() {
        let err =
            Glossary::parse("terms.yaml", "Azure: keep\nPartner Center: translate\n").unwrap_err();
        assert_eq!(err.line(), Some(2));
        let shown = err.to_string();
        assert!(
            shown.starts_with("terms.yaml:2: not a usable glossary: "),
            "{shown}"
        );
        assert!(
            shown.contains("\"translate\" is neither `keep` nor a map"),
            "{shown}"
        );
        let err = Glossary::parse("terms.yaml", "Azure:\n  ja-jp: [a\n").unwrap_err();
        assert!(err.to_string().starts_with("terms.yaml:"), "{err}");
        assert!(err.line().is_some());
        assert_eq!(
            Glossary::parse("empty.yaml", "").unwrap(),
            Glossary::default()
        );
    }
}
