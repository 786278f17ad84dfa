//! `code-mismatch`: inline code is never translated, so it must come through
//! byte for byte.

use super::{Check, Default, Pair, Report, Run};
use crate::mqm::Severity;

pub const CODE_MISMATCH: Check = Check {
    name: "code-mismatch",
    severity: Severity::Major,
    category: "accuracy/do-not-translate",
    description: "inline code differs: changed, lost, added, or two spans glued into one",
    default: Default::On,
    run: Run::Pair(code_mismatch),
};

fn code_mismatch(pair: &Pair, out: &mut Report) {
    let (source, target) = (&pair.source.code, &pair.target.code);
    if source == target {
        return;
    }
    let mut missing: Vec<&str> = source.clone();
    let mut added: Vec<&str> = Vec::new();
    for code in target {
        match missing.iter().position(|m| m == code) {
            Some(i) => {
                missing.remove(i);
            }
            None => added.push(code),
        }
    }
    let changed = missing.len().min(added.len());
    // One span in place of several is the engine gluing them: `a``b`.
    if added.len() == 1 && missing.len() > 1 && added[0].contains("``") {
        out.push(format!(
            "code spans glued together in target: `{}`",
            added[0]
        ));
        return;
    }
    for (from, to) in missing.iter().zip(&added) {
        out.push(format!("code `{from}` became `{to}`"));
    }
    for code in &missing[changed..] {
        out.push(format!("code `{code}` missing in target"));
    }
    for code in &added[changed..] {
        out.push(format!("code `{code}` added in target"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    fn code(source: &str, target: &str) -> Vec<String> {
        pair_findings("zh-tw", source, target)
            .into_iter()
            .filter(|h| h.starts_with("code"))
            .collect()
    }

    #[test]
    fn changed_lost_and_added_code() {
        assert_eq!(
            code(
                "Use the `Install-Module` cmdlet.",
                "使用 `Install-Modul` Cmdlet。"
            ),
            ["code-mismatch: code `Install-Module` became `Install-Modul`"]
        );
        assert_eq!(
            code(
                "Use the `Install-Module` cmdlet.",
                "使用 Install-Module Cmdlet。"
            ),
            ["code-mismatch: code `Install-Module` missing in target"]
        );
    }

    #[test]
    fn glued_spans_are_named_as_such() {
        // zh-tw, nuget-docs: the engine removed the space between two spans.
        assert_eq!(
            code(
                "Update the project's `PackageReference` `Version` attribute to include a lower bound.",
                "更新專案的`PackageReference``Version`屬性來包含下限。"
            ),
            ["code-mismatch: code spans glued together in target: `PackageReference``Version`"]
        );
    }

    #[test]
    fn moved_code_is_fine() {
        assert!(
            code(
                "Run `nuget pack` then `nuget push`.",
                "先執行 `nuget push` 之前的 `nuget pack`。"
            )
            .is_empty()
        );
    }
}
