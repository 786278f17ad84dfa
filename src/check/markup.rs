//! Inline markup: `markup-mismatch` (bold, italic and HTML tags), `leaked-tag`
//! (placeholders of the translation engine left in the text) and
//! `bracketed-ui-term` (`**[保存]**` for `**Save**`).

use std::ops::Range;

use super::lang::Lang;
use super::view::Parsed;
use super::{Check, Default, Pair, Report, Run, Side};
use crate::mqm::Severity;
use crate::text::plural;

pub const MARKUP_MISMATCH: Check = Check {
    name: "markup-mismatch",
    severity: Severity::Minor,
    category: "design/markup-tag",
    description: "bold, italic or inline HTML tags differ, or `*`/`_` show as text (a UI term in [brackets] or 「quotes」 may replace bold; CJK may drop italic)",
    default: Default::On,
    run: Run::Pair(markup_mismatch),
};

pub const LEAKED_TAG: Check = Check {
    name: "leaked-tag",
    severity: Severity::Major,
    category: "design/markup-tag",
    description: "placeholder tags of the translation engine in the target (`<a0></a0>`, `&lt;localizedText&gt;`)",
    default: Default::On,
    run: Run::Pair(leaked_tag),
};

pub const BRACKETED_UI_TERM: Check = Check {
    name: "bracketed-ui-term",
    severity: Severity::Minor,
    category: "design/formatting",
    description: "brackets added around a bold UI term (`**[保存]**` for `**Save**`); house style of Microsoft ja-JP and zh-TW",
    // The Microsoft ja-JP and zh-TW style guides write UI labels in brackets.
    default: Default::OffFor(&["ja", "zh-tw", "zh-hant"]),
    run: Run::Pair(bracketed_ui_term),
};

/// Markdown italic: markers the target shows where its source shows fewer
/// (`_` between Japanese letters opens nothing, `ハード_ディスク`), and
/// italic added or lost. Like bold, which italic is known only when the
/// other side has none.
///
/// Italic lost is not compared in Japanese, Chinese and Korean: their
/// Microsoft style guides set no CJK text in italic and use quotes or
/// brackets instead (in a hand-judged sample of 25 such findings over the
/// corpus, 5 were errors).
fn italic_mismatch(pair: &Pair, out: &mut Report) {
    let (source, target) = (pair.source, pair.target);
    let shown = |p: &Parsed| p.shown_markers.iter().map(|r| r.len()).sum::<usize>();
    // Stray `**` are reported as bold.
    if shown(target) > shown(source) && target.stray_strong.is_empty() {
        let mut markers: Vec<&str> = Vec::new();
        for range in &target.shown_markers {
            let marker = &target.raw[range.clone()];
            if !markers.contains(&marker) {
                markers.push(marker);
            }
        }
        let quoted: Vec<String> = markers.iter().map(|m| format!("`{m}`")).collect();
        let message = match quoted.as_slice() {
            [one] => {
                format!("{one} shown as text: it opens or closes no italic, so the reader sees it")
            }
            _ => format!(
                "{} shown as text: they open or close no italic, so the reader sees them",
                quoted.join(" and ")
            ),
        };
        match source.shown_markers.is_empty() {
            true => out.push_at_each(Side::Target, target.shown_markers.clone(), message),
            false => out.push(message),
        }
    }
    if matches!(pair.lang, Lang::Ja | Lang::Zh | Lang::Ko) {
        return;
    }
    let counts = (source.emphasis.len(), target.emphasis.len());
    if counts.0 != counts.1 {
        count_differs(out, "italic", counts, (&source.emphasis, &target.emphasis));
    }
}

/// `bold added: 2 bold spans in target, 1 in source` (or lost), given the
/// counts and the spans of each side. Which span was added is known only
/// when the source has none, and it is marked in the target; which was
/// lost, only when the target has none, and it is marked in the source, as
/// an omission is.
fn count_differs(
    out: &mut Report,
    kind: &str,
    (in_source, in_target): (usize, usize),
    (source, target): (&[Range<usize>], &[Range<usize>]),
) {
    let (change, more, fewer, side, spans, other) = match in_target > in_source {
        true => (
            "added",
            in_target,
            in_source,
            Side::Target,
            target,
            "source",
        ),
        false => ("lost", in_source, in_target, Side::Source, source, "target"),
    };
    let spans_said = plural(more, &format!("{kind} span"), &format!("{kind} spans"));
    let message = format!(
        "{kind} {change}: {spans_said} in {}, {fewer} in {other}",
        side.name()
    );
    match spans.first().filter(|_| fewer == 0) {
        Some(place) => out.push_at(side, place.clone(), message),
        None => out.push(message),
    }
}

/// HTML elements whose loss or addition changes what readers see; `b` and
/// `strong` count as bold instead.
const INLINE_HTML: &[&str] = &[
    "a", "abbr", "br", "code", "del", "em", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "s", "sub", "sup", "table", "td", "th", "tr", "u", "ul", "var",
];

fn markup_mismatch(pair: &Pair, out: &mut Report) {
    let (source, target) = (pair.source, pair.target);
    let (bold_source, bold_target) = (source.bold(), target.bold());
    let escaped = |raw: &str| match raw.contains('\\') {
        true => raw.matches("\\*\\*").count(),
        false => 0,
    };
    if let Some(stray) = target.stray_strong.first()
        && source.stray_strong.is_empty()
    {
        out.push_at(
            Side::Target,
            stray.clone(),
            "unbalanced `**` or `__` in target: the reader sees the markers".into(),
        );
    } else if escaped(target.raw) > escaped(source.raw) {
        let at = target.raw.find("\\*\\*").unwrap_or(0);
        out.push_at(
            Side::Target,
            at..at + 4,
            "bold markers escaped (`\\*\\*`): the reader sees `**` where the source has bold"
                .into(),
        );
    } else if bold_target > bold_source
        // A source with escaped `\*\*` meant bold; the target's is not added.
        && !source.raw.contains("\\*\\*")
    {
        let counts = (bold_source as usize, bold_target as usize);
        count_differs(out, "bold", counts, (&source.strong, &target.strong));
    } else if bold_target < bold_source {
        // zh-tw and ja-jp write UI terms as [項目] or 「項目」 instead of bold.
        let marks = |p: &Parsed| p.ui_term_marks();
        let replaced = marks(target).saturating_sub(marks(source));
        if bold_source - bold_target > replaced {
            let counts = (bold_source as usize, bold_target as usize);
            count_differs(out, "bold", counts, (&source.strong, &target.strong));
        }
    }
    italic_mismatch(pair, out);
    let mut target_escaped: Vec<&str> = escaped_tag_texts(target.raw).map(|(_, t)| t).collect();
    for (at, tag) in escaped_tag_texts(source.raw) {
        match target_escaped.iter().position(|t| *t == tag) {
            Some(i) => {
                target_escaped.remove(i);
            }
            None => out.push_at(
                Side::Source,
                at..at + tag.len(),
                format!("tag written as text `{tag}` lost or changed in target"),
            ),
        }
    }
    if source.tags.is_empty() && target.tags.is_empty() {
        return;
    }
    // English ordinals (4<sup>th</sup>) have no superscript in other languages.
    let ordinals = ordinal_superscripts(source.raw);
    for &name in INLINE_HTML {
        for closing in [false, true] {
            let count = |p: &Parsed| {
                p.tags
                    .iter()
                    .filter(|t| t.closing == closing && t.name.eq_ignore_ascii_case(name))
                    .count()
            };
            let (mut s, t) = (count(source), count(target));
            if name == "sup" {
                s = t.max(s.saturating_sub(ordinals));
            }
            let slash = if closing { "/" } else { "" };
            if s > t {
                out.push(format!("`<{slash}{name}>` missing in target"));
            } else if t > s {
                out.push(format!("`<{slash}{name}>` added in target"));
            }
        }
    }
}

/// `<sup>th</sup>` and the like after English ordinals.
fn ordinal_superscripts(raw: &str) -> usize {
    let lower = raw.to_ascii_lowercase();
    lower
        .match_indices("<sup>")
        .filter(|(at, _)| {
            let rest = lower[at + 5..].trim_start();
            ["st", "nd", "rd", "th"].iter().any(|s| {
                rest.strip_prefix(s)
                    .is_some_and(|r| r.trim_start().starts_with("</sup>"))
            })
        })
        .count()
}

/// Tag names the translation engine uses for its inline placeholders.
fn is_placeholder(name: &str) -> bool {
    let letters = name.bytes().take_while(u8::is_ascii_lowercase).count();
    let numbered = (1..=2).contains(&letters)
        && name.len() > letters
        && name[letters..].bytes().all(|b| b.is_ascii_digit());
    numbered || ["bpt", "ept", "ph", "mrk", "localizedText"].contains(&name)
}

/// `&lt;name&gt;` and `&lt;/name&gt;`: tags written as text. Returns the name
/// and the raw range of the whole tag.
fn escaped_tags(raw: &str) -> impl Iterator<Item = (&str, Range<usize>)> {
    raw.match_indices("&lt;").filter_map(|(at, _)| {
        let rest = &raw[at + 4..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
            .count();
        let name = &rest[..len];
        let ascii_name = name.is_empty() || name.starts_with(|c: char| c.is_ascii_alphabetic());
        let end = raw.len() - rest.len() + len + "&gt;".len();
        (rest[len..].starts_with("&gt;") && ascii_name).then_some((name, at..end))
    })
}

/// Tags written as text, as they stand: `&lt;br&gt;`, `&amp;lt;br /&amp;gt;`
/// (escaped twice in API reference), `\<verbosity\>`. With their offsets.
fn escaped_tag_texts(raw: &str) -> impl Iterator<Item = (usize, &str)> {
    const FORMS: [(&str, &str); 3] = [("&amp;lt;", "&amp;gt;"), ("&lt;", "&gt;"), ("\\<", "\\>")];
    let any = memchr::memchr2(b'&', b'\\', raw.as_bytes()).is_some();
    FORMS
        .into_iter()
        .filter(move |_| any)
        .flat_map(move |(open, close)| {
            raw.match_indices(open).filter_map(move |(at, _)| {
                // `&amp;lt;` holds `&lt;`'s tail: each is read in one form only.
                if open == "&lt;" && raw[..at].ends_with("&amp;") {
                    return None;
                }
                let rest = &raw[at + open.len()..];
                let name = rest.strip_prefix('/').unwrap_or(rest);
                let len = name
                    .bytes()
                    .take_while(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')
                    })
                    .count();
                let tail = name[len..].trim_start_matches([' ', '/']);
                let fits = len > 0
                    && name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && tail.starts_with(close);
                fits.then(|| {
                    let end = raw.len() - tail.len() + close.len();
                    (at, &raw[at..end])
                })
            })
        })
}

fn leaked_tag(pair: &Pair, out: &mut Report) {
    let (source, target) = (pair.source, pair.target);
    let in_source = |name: &str| {
        source
            .tags
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(name))
            || escaped_tags(source.raw).any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    let mut seen: Vec<String> = Vec::new();
    // Each tag is quoted once; the first is the finding's place.
    let mut report = |shown: String, at: &Range<usize>| {
        if !seen.contains(&shown) {
            let message = format!("leaked tag `{shown}` in target");
            out.push_at(Side::Target, at.clone(), message);
            seen.push(shown);
        }
    };
    for tag in &target.tags {
        if is_placeholder(tag.name) && !in_source(tag.name) {
            let slash = if tag.closing { "/" } else { "" };
            report(format!("<{slash}{}>", tag.name), &tag.range);
        }
    }
    for (name, at) in escaped_tags(target.raw) {
        if !in_source(name) {
            report(format!("&lt;{name}&gt;"), &at);
        }
    }
}

fn bracketed_ui_term(pair: &Pair, out: &mut Report) {
    let (source, target) = (&pair.source.bracketed_bold, &pair.target.bracketed_bold);
    if target.len() > source.len() {
        let shown: Vec<&str> = target
            .iter()
            .take(3)
            .map(|r| pair.target.slice(r))
            .collect();
        out.push_at(
            Side::Target,
            target[0].clone(),
            format!("brackets added around bold UI term: {}", shown.join(", ")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one_finding, pair_findings, store_of};
    use super::super::{Options, Side, run};

    fn markup(locale: &str, source: &str, target: &str) -> Vec<String> {
        pair_findings(locale, source, target)
            .into_iter()
            .filter(|h| {
                h.starts_with("markup") || h.starts_with("leaked") || h.starts_with("bracketed")
            })
            .collect()
    }

    #[test]
    fn bold_lost_added_or_unbalanced() {
        assert_eq!(
            markup(
                "de-de",
                "Select **Save** and **Close**.",
                "Wählen Sie **Speichern** und Schließen."
            ),
            ["markup-mismatch: bold lost: 2 bold spans in source, 1 in target"]
        );
        // zh-tw, nuget-docs: a broken italic turned into a stray `**`.
        assert_eq!(
            markup(
                "zh-tw",
                "Technically speaking, you can use *any *string after the hyphen.",
                "就技術層面而言，連字號後面可以使用「任何」**字串。"
            ),
            ["markup-mismatch: unbalanced `**` or `__` in target: the reader sees the markers"]
        );
    }

    #[test]
    fn italic_markers_the_reader_sees_are_found_at_each() {
        // Made-up pairs in the shape of the API reference and the nuget
        // release notes: an underscore between CJK letters opens nothing.
        let shown = "markup-mismatch: `_` shown as text: it opens or closes no italic, so the reader sees it";
        assert_eq!(
            markup("ja-jp", "The hard disk.", "ハード_ディスク。"),
            [shown]
        );
        assert_eq!(
            markup("zh-tw", "Changes the _default_ value.", "變更_預設_值。"),
            [shown]
        );
        let store = store_of("ja-jp", &[("Edit _this_ quote", "編集に_この_引用")]);
        let found = run(
            &store,
            &Options::select(&["markup-mismatch".into()], &[]).unwrap(),
        );
        let places: Vec<_> = found[0].spots.iter().map(|s| s.range.clone()).collect();
        assert_eq!(places, [9..10, 16..17], "both underscores");
        // Shown on both sides, or rendered: nothing to say.
        for (source, target) in [
            (
                "Set my_value to *.gif files.",
                "*.gif ファイルに my_value を設定します。",
            ),
            ("Use *a* and _b_.", "*a* と _b_ を使います。"),
            ("2 * 3", "2 * 3"),
        ] {
            assert_eq!(
                markup("ja-jp", source, target),
                Vec::<String>::new(),
                "{target}"
            );
        }
    }

    #[test]
    fn every_marker_shown_is_named_and_italic_is_still_compared_beside_them() {
        assert_eq!(
            markup("de-de", "Value x and y", "Wert *x und y_ z"),
            [
                "markup-mismatch: `*` and `_` shown as text: they open or close no italic, so the reader sees them"
            ]
        );
        // `x_y` is a word with an underscore; the italic added is another matter.
        assert_eq!(
            markup(
                "de-de",
                "Select Save, then xy.",
                "Wählen Sie *Speichern* aus, dann x_y."
            ),
            [
                "markup-mismatch: `_` shown as text: it opens or closes no italic, so the reader sees it; italic added: 1 italic span in target, 0 in source"
            ]
        );
    }

    #[test]
    fn italic_lost_or_added_outside_cjk_where_styles_keep_it() {
        assert_eq!(
            markup(
                "de-de",
                "This is *not* the default.",
                "Dies ist nicht der Standard."
            ),
            ["markup-mismatch: italic lost: 1 italic span in source, 0 in target"]
        );
        assert_eq!(
            markup("he-il", "Select Save.", "בחר *שמור*."),
            ["markup-mismatch: italic added: 1 italic span in target, 0 in source"]
        );
        // ja-JP and zh-TW write the italic term in quotes or drop it.
        for (locale, target) in [
            ("ja-jp", "これは既定値では「ありません」。"),
            ("zh-tw", "這不是預設值。"),
        ] {
            assert_eq!(
                markup(locale, "This is *not* the default.", target),
                Vec::<String>::new()
            );
        }
    }

    #[test]
    fn bracketed_or_quoted_ui_terms_may_replace_bold() {
        // zh-tw, nuget-docs: the zh-tw convention writes UI terms in brackets.
        for (source, target) in [
            (
                "Select **Upload** on the top menu of nuget.org.",
                "在 nuget.org 的上方功能表中選取 [上傳]。",
            ),
            (
                "Select <strong>update</strong> to change the <strong>Reseller (MPN ID)</strong>.",
                "選取 \\[更新\\] 以變更 \\[經銷商 (MPN 識別碼)\\]。",
            ),
            (
                "Give the application a name *other* than NuGet.Server, then select **OK**.",
                "提供應用程式 NuGet.Server「以外」的名稱，再選取 [確定]。",
            ),
        ] {
            assert!(markup("zh-tw", source, target).is_empty(), "{target}");
        }
    }

    #[test]
    fn escaped_markers_and_tags_written_as_text() {
        // edge-developer.ja-jp: the bold of a tab name came out as four stars.
        assert_eq!(
            markup(
                "ja-jp",
                "The **Issues** tab might have a warning.",
                "[問題] タブ\\*\\*\\*\\* に警告が表示されます。"
            ),
            [
                "markup-mismatch: bold markers escaped (`\\*\\*`): the reader sees `**` where the source has bold"
            ]
        );
        // azure-docs-sdk-dotnet-api.ja-jp: `<br>` written as text, translated or spaced.
        assert_eq!(
            markup(
                "ja-jp",
                "&lt;br&gt;&lt;br&gt; For using cloud-init, see the docs.",
                "&lt;ブラジル&gt;&lt;br&gt; クラウド init を使用して、参照してください。"
            ),
            ["markup-mismatch: tag written as text `&lt;br&gt;` lost or changed in target"]
        );
        assert_eq!(
            markup(
                "ja-jp",
                "&amp;lt;br /&amp;gt; This value cannot be larger than 1023 GB",
                "&amp;lt; br /&amp;gt;この値は、1,023 GB より大きくすることはできません。"
            ),
            [
                "markup-mismatch: tag written as text `&amp;lt;br /&amp;gt;` lost or changed in target"
            ]
        );
        assert!(markup("zh-tw", "Use \\<verbosity\\>.", "使用 \\<verbosity\\>。").is_empty());
    }

    #[test]
    fn html_tags_are_compared_by_name() {
        assert_eq!(
            markup("de-de", "See note<sup>1</sup>.", "Siehe Hinweis."),
            ["markup-mismatch: `<sup>` missing in target; `</sup>` missing in target"]
        );
        // de-de, partner-center: English ordinals lose their superscript.
        assert!(markup("de-de", "February 4<sup>th</sup>, 2020", "4. Februar 2020").is_empty());
        // A source that escaped its bold markers still meant bold.
        assert!(
            markup(
                "de-de",
                "April 1: \\*\\* Update\\*\\* - soon",
                "1. April: **Update** – bald"
            )
            .is_empty()
        );
        // Pseudo-tags are placeholders in prose and may be translated.
        assert!(
            markup(
                "ja-jp",
                "Use <Subscription ID> here.",
                "ここで <サブスクリプション ID> を使用します。"
            )
            .is_empty()
        );
    }

    #[test]
    fn bold_lost_from_a_target_without_bold_is_placed_on_the_sources_bold() {
        let source = "Select **Save** and then `OK`.";
        let store = store_of("de-de", &[(source, "Wählen Sie Speichern und dann `OK`.")]);
        let (finding, text) = one_finding(&store, "markup-mismatch");
        assert_eq!(finding.spots.first().map(|s| s.side), Some(Side::Source));
        assert_eq!(text, "**Save**", "{}", finding.message);
        // With bold on both sides, which one went is not known: no place.
        let target = "Wählen Sie **Speichern** und dann OK.";
        let two = "Select **Save** and then **OK**.";
        let found = run(&store_of("de-de", &[(two, target)]), &Options::default());
        let bold = found
            .iter()
            .find(|f| f.check == "markup-mismatch")
            .expect("bold lost");
        assert_eq!(bold.spots, Vec::new(), "{}", bold.message);
    }

    #[test]
    fn a_leaked_tag_is_the_findings_place() {
        for (target, tag) in [
            ("如需詳細資訊，請參閱 <<c0> [ 封裝相容性問題](#a)。", "<c0>"),
            (
                "**名前**&lt;localizedText&gt;を入力します。",
                "&lt;localizedText&gt;",
            ),
        ] {
            let store = store_of("zh-tw", &[("See [issues](#a).", target)]);
            let (finding, text) = one_finding(&store, "leaked-tag");
            assert_eq!(text, tag, "{}", finding.message);
        }
    }

    #[test]
    fn engine_placeholders_and_escaped_tags_leak() {
        // zh-tw, nuget-docs: a placeholder of the engine before the link.
        assert_eq!(
            markup(
                "zh-tw",
                "For more information, see [package compatibility issues](#package-compatibility-issues).",
                "如需詳細資訊，請參閱 <<c0> [ 封裝相容性問題](#package-compatibility-issues)。"
            ),
            ["leaked-tag: leaked tag `<c0>` in target"]
        );
        assert_eq!(
            markup(
                "ja-jp",
                "Enter the name.",
                "&lt;localizedText&gt;名前を入力します。&lt;/localizedText&gt;"
            ),
            ["leaked-tag: leaked tag `&lt;localizedText&gt;` in target"]
        );
        // Escaped tags the source has too are content, not leaks.
        let text = "Config transforms don't work with &lt;configSections&gt;";
        assert!(
            markup(
                "zh-tw",
                text,
                "設定轉換無法搭配 &lt;configSections&gt; 運作"
            )
            .is_empty()
        );
    }

    #[test]
    fn brackets_around_bold_ui_terms() {
        // ja-jp, partner-center: house style of the Microsoft ja-JP style
        // guide, so reported only when asked for.
        let (source, target) = (
            "Under **Microsoft customer agreement**, select **Save**.",
            "**[Microsoft 顧客契約]** で、**保存** を選択します。",
        );
        assert!(markup("ja-jp", source, target).is_empty());
        let only = Options::select(&["bracketed-ui-term".into()], &[]).unwrap();
        let asked = run(&store_of("ja-jp", &[(source, target)]), &only);
        assert_eq!(
            asked[0].message,
            "brackets added around bold UI term: **[Microsoft 顧客契約]**"
        );
        let place = asked[0].spots.first().cloned().expect("a place").range;
        assert_eq!(&target[place], "**[Microsoft 顧客契約]**");
        // Elsewhere it is on by default.
        assert_eq!(
            markup(
                "ko-kr",
                source,
                "**[Microsoft 고객 계약]** 에서 **저장**을 선택합니다."
            ),
            ["bracketed-ui-term: brackets added around bold UI term: **[Microsoft 고객 계약]**"]
        );
        // A bold link is not a bracketed term.
        let link = "**[Partner Center](https://partner.microsoft.com)**";
        assert!(
            markup(
                "ja-jp",
                link,
                "**[パートナー センター](https://partner.microsoft.com)**"
            )
            .is_empty()
        );
    }
}
