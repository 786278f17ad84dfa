//! `turkish-suffix-split`: a case suffix cut off from its noun (`Merkezi 'nde`)
//! or capitalised (`Merkezi'Nde`). Turkish attaches suffixes to proper names
//! with an apostrophe and no space: `İş Ortağı Merkezi'nde`.

use super::lang::Lang;
use super::{Check, Default, Pair, Report, Run};
use crate::mqm::Severity;

pub const TURKISH_SUFFIX_SPLIT: Check = Check {
    name: "turkish-suffix-split",
    severity: Severity::Minor,
    category: "fluency/spelling",
    description: "Turkish: a suffix split from its noun (`Merkezi 'nde`) or capitalised (`'Nde`)",
    default: Default::On,
    run: Run::Pair(turkish_suffix_split),
};

/// Case and possessive suffixes that follow an apostrophe.
const SUFFIXES: &[&str] = &[
    "a", "e", "ı", "i", "u", "ü", "ya", "ye", "yı", "yi", "yu", "yü", "na", "ne", "nı", "ni", "nu",
    "nü", "da", "de", "ta", "te", "nda", "nde", "dan", "den", "tan", "ten", "ndan", "nden", "ın",
    "in", "un", "ün", "nın", "nin", "nun", "nün", "la", "le", "yla", "yle", "daki", "deki", "taki",
    "teki", "ndaki", "ndeki", "dır", "dir", "dur", "dür", "tır", "tir", "lar", "ler",
];

fn turkish_suffix_split(pair: &Pair, out: &mut Report) {
    if pair.lang != Lang::Tr {
        return;
    }
    let tokens: Vec<&str> = pair.target.text.split_whitespace().collect();
    let mut shown: Vec<String> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Some(at) = token.find(['\'', '’']) else {
            continue;
        };
        let suffix: &str = token[at + 1..]
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let lower = suffix.replace('I', "ı").replace('İ', "i").to_lowercase();
        if !SUFFIXES.contains(&lower.as_str()) {
            continue;
        }
        let split = at == 0 && i > 0 && tokens[i - 1].ends_with(char::is_alphabetic);
        let capital = suffix.starts_with(char::is_uppercase)
            && (at > 0 && token[..at].ends_with(char::is_lowercase) || split);
        let shown_text = match split {
            true => format!(
                "`{} {}`",
                tokens[i - 1],
                token.trim_end_matches(|c: char| !c.is_alphabetic())
            ),
            false => format!("`{}`", token.trim_end_matches(|c: char| !c.is_alphabetic())),
        };
        if (split || capital) && !shown.contains(&shown_text) {
            shown.push(shown_text);
        }
    }
    if !shown.is_empty() {
        out.push(format!(
            "suffix split from its noun or capitalised: {}",
            shown.join(", ")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    fn split(target: &str) -> Vec<String> {
        pair_findings("tr-tr", "Partner Center", target)
            .into_iter()
            .filter(|h| h.starts_with("turkish"))
            .collect()
    }

    #[test]
    fn split_and_capitalised_suffixes() {
        // tr-TR sample: the title of the bundled article.
        assert_eq!(
            split("Iş Ortağı Merkezi 'Nde oturum açamıyor"),
            ["turkish-suffix-split: suffix split from its noun or capitalised: `Merkezi 'Nde`"]
        );
        assert_eq!(
            split("iş ortağı merkezi 'ne erişebilirsiniz ve Microsoft'Un"),
            [
                "turkish-suffix-split: suffix split from its noun or capitalised: `merkezi 'ne`, `Microsoft'Un`"
            ]
        );
    }

    #[test]
    fn attached_suffixes_and_quotes_are_fine() {
        for target in [
            "İş Ortağı Merkezi'nde oturum açın.",
            "'Kaydet' düğmesini seçin.",
            "Azure'un fiyatları",
        ] {
            assert!(split(target).is_empty(), "{target}");
        }
    }
}
