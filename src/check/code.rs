//! `code-mismatch`: inline code is never translated, so it must come through
//! byte for byte.

use std::ops::Range;

use super::{Check, Default, Pair, Report, Run, Side, unpaired};
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
    let (source, target) = (pair.source, pair.target);
    if source.code == target.code {
        return;
    }
    // Each with the raw range of its contents: a finding's place.
    let (missing, added) = unpaired(
        source
            .code
            .iter()
            .copied()
            .zip(&source.code_ranges)
            .collect(),
        target.code.iter().copied().zip(&target.code_ranges),
    );
    let changed = missing.len().min(added.len());
    let mut report = |side: Side, at: &Range<usize>, message: String| {
        out.push_at(side, at.clone(), message);
    };
    // One span in place of several is the engine gluing them: `a``b`.
    if let [(glued, at)] = added[..]
        && missing.len() > 1
        && glued.contains("``")
    {
        report(
            Side::Target,
            at,
            format!("code spans glued together in target: `{glued}`"),
        );
        return;
    }
    for ((from, _), (to, at)) in missing.iter().zip(&added) {
        report(Side::Target, at, format!("code `{from}` became `{to}`"));
    }
    // Lost code is marked where it stands, in the source.
    for (code, at) in &missing[changed..] {
        report(Side::Source, at, format!("code `{code}` missing in target"));
    }
    for (code, at) in &added[changed..] {
        report(Side::Target, at, format!("code `{code}` added in target"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::Side;
    use super::super::tests::{one_finding, pair_findings, store_of};

    fn code(source: &str, target: &str) -> Vec<String> {
        pair_findings("zh-tw", source, target)
            .into_iter()
            .filter(|h| h.starts_with("code"))
            .collect()
    }

    #[test]
    fn a_code_finding_is_placed_on_its_code() {
        for (source, target, side, place) in [
            (
                "Run `a -b` now.",
                "**今** `a - b` を実行します。",
                Side::Target,
                "a - b",
            ),
            ("Run `a` and `b`.", "`a` を実行します。", Side::Source, "b"),
        ] {
            let store = store_of("ja-jp", &[(source, target)]);
            let (finding, text) = one_finding(&store, "code-mismatch");
            assert_eq!(
                finding.spots.first().map(|s| s.side),
                Some(side),
                "{target}"
            );
            assert_eq!(text, place, "{target}: {}", finding.message);
        }
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
