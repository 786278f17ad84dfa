//! Links: `link-mismatch` (a URL changed, lost, added, or broken by a space in
//! `] (`) and `empty-link-text` (`[](url)`).

use std::borrow::Cow;

use super::view::Link;
use super::{Check, Default, Pair, Report, Run, Side, unpaired};
use crate::mqm::Severity;

pub const LINK_MISMATCH: Check = Check {
    name: "link-mismatch",
    severity: Severity::Major,
    category: "design/link",
    description: "a link's URL differs, a link is lost or added, or a space in `] (` breaks it",
    default: Default::On,
    run: Run::Pair(link_mismatch),
};

pub const EMPTY_LINK_TEXT: Check = Check {
    name: "empty-link-text",
    severity: Severity::Major,
    category: "design/link",
    description: "a link in the target has no text (`[](url)`) where the source link has some",
    default: Default::On,
    run: Run::Pair(empty_link_text),
};

/// URLs compare without their locale folder (`/en-us/` and `/ja-jp/` are the
/// same page in two languages) and with `&amp;` decoded.
fn normalize(dest: &str) -> Cow<'_, str> {
    let dest = dest.trim();
    let has_locale = dest.split('/').any(is_locale_folder);
    if !has_locale && !dest.contains("&amp;") {
        return Cow::Borrowed(dest);
    }
    let kept: Vec<&str> = dest.split('/').filter(|p| !is_locale_folder(p)).collect();
    Cow::Owned(kept.join("/").replace("&amp;", "&"))
}

/// `en-us`, `ja-JP`, `zh-hant`: a folder that names a locale.
fn is_locale_folder(part: &str) -> bool {
    let mut pieces = part.split('-');
    let (Some(lang), Some(region), None) = (pieces.next(), pieces.next(), pieces.next()) else {
        return false;
    };
    lang.len() == 2
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && (2..=4).contains(&region.len())
        && region.bytes().all(|b| b.is_ascii_alphabetic())
}

fn link_mismatch(pair: &Pair, out: &mut Report) {
    bare_url_mismatch(pair, out);
    let source = &pair.source.links;
    let target = &pair.target.links;
    if source.is_empty() && target.is_empty() {
        return;
    }
    // Each with the raw range of its link: a finding's place. A target
    // link takes the first source link to the same place not taken yet.
    let (mut missing, added) = unpaired(
        source
            .iter()
            .map(|l| (normalize(l.dest), &l.range))
            .collect(),
        target.iter().map(|l| (normalize(l.dest), &l.range)),
    );
    let spaced = |links: &[Link], dest: &str| {
        links
            .iter()
            .filter(|l| l.spaced && normalize(l.dest) == dest)
            .count()
    };
    let mut reported: Vec<&str> = Vec::new();
    for link in target.iter().filter(|l| l.spaced) {
        let dest = normalize(link.dest);
        if !reported.contains(&link.dest) && spaced(target, &dest) > spaced(source, &dest) {
            let message = format!("a space in `] (` breaks the link to {dest}");
            out.push_at(Side::Target, link.range.clone(), message);
            reported.push(link.dest);
        }
    }
    let bare: Vec<(Cow<str>, &str)> = (pair.target.bare_urls.iter())
        .map(|u| (normalize(u), *u))
        .collect();
    let mut plain = Vec::new();
    missing.retain(|(m, _)| match bare.iter().find(|(b, _)| b == m) {
        Some((_, url)) => {
            plain.push((m.clone(), *url));
            false
        }
        None => true,
    });
    for (dest, url) in plain {
        out.push_at(
            Side::Target,
            pair.target.range_in_raw(url),
            format!("link to {dest} lost its Markdown; the URL stands as plain text"),
        );
    }
    let changed = missing.len().min(added.len());
    for ((from, _), (to, at)) in missing.iter().zip(&added) {
        out.push_at(
            Side::Target,
            (*at).clone(),
            format!("link {from} became {to}"),
        );
    }
    // A lost link is marked where it stands, in the source.
    for (dest, at) in &missing[changed..] {
        let message = format!("link to {dest} missing in target");
        out.push_at(Side::Source, (*at).clone(), message);
    }
    for (dest, at) in &added[changed..] {
        let message = format!("link to {dest} added in target");
        out.push_at(Side::Target, (*at).clone(), message);
    }
}

/// URLs written out in the source must stand in the target as they are
/// (locale folders aside), as text or as a link: `https://- 使用する前に…
/// docs.microsoft.com/…` is a URL the engine cut in two.
fn bare_url_mismatch(pair: &Pair, out: &mut Report) {
    let target = pair.target;
    for url in &pair.source.bare_urls {
        let wanted = normalize(url);
        let kept = target.bare_urls.iter().any(|u| normalize(u) == wanted)
            || target.links.iter().any(|l| normalize(l.dest) == wanted)
            || target.raw.contains(url);
        if !kept {
            out.push_at(
                Side::Source,
                pair.source.range_in_raw(url),
                format!("URL {url} is not in the target as it stands in the source"),
            );
        }
    }
}

fn empty_link_text(pair: &Pair, out: &mut Report) {
    let blank = |l: &&Link| !l.image && l.text.is_some_and(|t| t.trim().is_empty());
    let empty_in_source: Vec<&str> = pair
        .source
        .links
        .iter()
        .filter(blank)
        .map(|l| l.dest)
        .collect();
    for link in pair.target.links.iter().filter(blank) {
        if !empty_in_source.contains(&link.dest) {
            let message = format!("link to {} has no text", link.dest);
            out.push_at(Side::Target, link.range.clone(), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Side;
    use super::super::tests::{one_finding, pair_findings, store_of};

    fn links(source: &str, target: &str) -> Vec<String> {
        pair_findings("zh-tw", source, target)
            .into_iter()
            .filter(|h| h.starts_with("link"))
            .collect()
    }

    #[test]
    fn a_link_finding_is_placed_on_its_link() {
        let cases = [
            // Changed: the target's link.
            (
                "link-mismatch",
                "See [moving](a.md#user-roles) first.",
                "まず **[移動](a.md#roles)** を参照してください。",
                Side::Target,
                "[移動](a.md#roles)",
            ),
            // Written out in the source, cut in two in the target.
            (
                "link-mismatch",
                "See https://docs.microsoft.com/nuget for more.",
                "**詳細** は https://- docs.microsoft.com/nuget を参照してください。",
                Side::Source,
                "https://docs.microsoft.com/nuget",
            ),
            // A link that lost its Markdown: the URL standing as text.
            (
                "link-mismatch",
                "See [the docs](https://a.b/c).",
                "**詳細** は https://a.b/c を参照してください。",
                Side::Target,
                "https://a.b/c",
            ),
            // Lost: the source's link, where the reviewer marks an omission.
            (
                "link-mismatch",
                "Read **this** and [that](b.md).",
                "これとあれを読んでください。",
                Side::Source,
                "[that](b.md)",
            ),
            (
                "empty-link-text",
                "See [the guide](c.md).",
                "**ガイド** を参照してください [](c.md)。",
                Side::Target,
                "[](c.md)",
            ),
        ];
        for (check, source, target, side, place) in cases {
            let store = store_of("ja-jp", &[(source, target)]);
            let (finding, text) = one_finding(&store, check);
            assert_eq!(finding.spots.first().map(|s| s.side), Some(side), "{check}");
            assert_eq!(text, place, "{check}: {}", finding.message);
        }
    }

    #[test]
    fn a_changed_url_names_both_urls() {
        let hits = pair_findings(
            "ja-jp",
            "See [moving](move-pmc-pc-map.md#user-roles) first.",
            "まず[移動](move-pmc-pc-map.md#roles)を参照してください。",
        );
        assert_eq!(
            hits,
            ["link-mismatch: link move-pmc-pc-map.md#user-roles became move-pmc-pc-map.md#roles"]
        );
    }

    #[test]
    fn a_space_before_the_parenthesis_breaks_a_link() {
        // de-de, partner-center: the space makes Markdown show the URL as text.
        let hits = pair_findings(
            "de-de",
            "Read [Assign users roles and permissions](permissions-overview.md) for more.",
            "Weitere Informationen finden Sie unter [Zuweisen von Rollen und Berechtigungen zu Benutzern] (permissions-overview.md).",
        );
        assert_eq!(
            hits,
            ["link-mismatch: a space in `] (` breaks the link to permissions-overview.md"]
        );
    }

    #[test]
    fn lost_and_added_links() {
        // zh-tw, nuget-docs release notes: the link survives only as plain text.
        let hits = links(
            "Display exception [\\#605](https://github.com/NuGet/NuGet.Client/pull/605)",
            "顯示例外狀況 \\# https://github.com/NuGet/NuGet.Client/pull/605",
        );
        assert_eq!(
            hits,
            [
                "link-mismatch: link to https://github.com/NuGet/NuGet.Client/pull/605 lost its Markdown; the URL stands as plain text"
            ]
        );
        let added = pair_findings(
            "de-de",
            "Sign in.",
            "Melden Sie sich [hier](https://a.com) an.",
        );
        assert_eq!(
            added,
            ["link-mismatch: link to https://a.com added in target"]
        );
    }

    #[test]
    fn locale_folders_anchors_and_ui_terms_in_parentheses_are_not_changes() {
        for (source, target) in [
            (
                "See [docs](https://docs.microsoft.com/en-us/partner-center/a#b).",
                "[ドキュメント](https://docs.microsoft.com/ja-jp/partner-center/a#b)を参照してください。",
            ),
            // ja-jp: a UI term kept in English with its translation in parentheses.
            (
                "After you resolve the challenge, select **Create account**.",
                "認証が終わったら **[Create account] (アカウントの作成)** を選びます。",
            ),
            (
                "[!INCLUDE [Azure Plan](../includes/azure-plan.md)]",
                "[!INCLUDE [Azure プラン](../includes/azure-plan.md)]",
            ),
        ] {
            let hits: Vec<String> = pair_findings("ja-jp", source, target)
                .into_iter()
                .filter(|h| h.starts_with("link"))
                .collect();
            assert!(hits.is_empty(), "{source}: {hits:?}");
        }
    }

    #[test]
    fn a_url_written_out_must_come_through_whole() {
        // azure-docs-sdk-dotnet-api.ja-jp: the engine cut the URL in two.
        assert_eq!(
            links(
                "Formatted - see https://docs.microsoft.com/en-us/azure/attach-disk#add and more.",
                "フォーマット https://- 使用する前に docs.microsoft.com/en-us/azure/attach-disk#add です。"
            ),
            [
                "link-mismatch: URL https://docs.microsoft.com/en-us/azure/attach-disk#add is not in the target as it stands in the source"
            ]
        );
        assert!(
            links(
                "See https://docs.microsoft.com/en-us/azure/a for more.",
                "詳しくは https://docs.microsoft.com/ja-jp/azure/a を参照してください。"
            )
            .is_empty()
        );
    }

    #[test]
    fn empty_link_text_is_reported_once_per_link() {
        // zh-tw, nuget-docs release notes.
        let hits = pair_findings(
            "zh-tw",
            "Hide dependency options when using `project.json` - [#2486](https://github.com/NuGet/Home/issues/2486)",
            "使用 #2486 時隱藏相依性選項 `project.json`  -  [](https://github.com/NuGet/Home/issues/2486)",
        );
        assert_eq!(
            hits,
            ["empty-link-text: link to https://github.com/NuGet/Home/issues/2486 has no text"]
        );
        let image = "![](media/a.png)";
        assert!(pair_findings("zh-tw", image, image).is_empty());
    }
}
