//! Markup and code that machine translation moved to other words.
//!
//! - `markup-displaced`: bold, italic or a link around the wrong words, seen
//!   by what no marked text can be: in Japanese, a run that starts with a
//!   case particle or a verb ending (`**を出力** します` for "prints … in the
//!   **Elements** tool", `**する場合は**`); in any language, a run that
//!   opens or closes a bracket or quote it does not close or open (`[ウォッチ
//!   **] ウィンドウを**`, `「Building [Accessible Websites」を参照](…)`).
//! - `code-displaced`: Japanese text around inline code, `<xref:…>` or a URL
//!   that shows it left its place: the code inside a verb (`表示 `h1`
//!   されています`), after the final verb (`に移動します `edge://…` 。`), or
//!   a particle left with nothing before it (`、に移動します`).

use std::ops::Range;

use super::lang::Lang;
use super::view::{OBJECT, Parsed};
use super::{Check, Default, Pair, Report, Run, Side};
use crate::mqm::Severity;
use crate::text::inline::{SpanKind, Token};

pub const MARKUP_DISPLACED: Check = Check {
    name: "markup-displaced",
    severity: Severity::Minor,
    category: "design/markup-tag",
    description: "bold or a link moved to other words: it starts with a particle or verb ending (ja), or cuts a bracket or quote in two",
    default: Default::On,
    run: Run::Pair(markup_displaced),
};

pub const CODE_DISPLACED: Check = Check {
    name: "code-displaced",
    severity: Severity::Major,
    category: "accuracy/mistranslation",
    description: "ja: inline code or a link moved into or after the verb, or a particle left without its noun",
    default: Default::On,
    run: Run::Pair(code_displaced),
};

/// Particles that never start a word (`を`), and particle pairs.
const ALWAYS_PARTICLE: &[&str] = &[
    "を", "では", "での", "には", "にも", "への", "とは", "とも", "でも", "から", "まで", "との",
];
/// Particles that start a word only when more hiragana follows (`はい`,
/// `とき`, `もの`): before anything else they are particles.
const PARTICLE_BEFORE_NON_HIRAGANA: &[char] =
    &['が', 'に', 'で', 'は', 'の', 'と', 'へ', 'も', 'や'];
/// Verb endings and the copula: they continue a verb, never start a phrase.
const VERB_ENDINGS: &[&str] = &[
    "する",
    "します",
    "して",
    "した",
    "される",
    "されて",
    "された",
    "されま",
    "させ",
    "しない",
    "しません",
    "です",
    "ます",
];

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

/// Whether a Japanese text starts with a particle or a verb ending.
fn starts_with_particle(text: &str) -> bool {
    let mut chars = text.chars();
    let first = chars.next();
    let second = chars.next();
    ALWAYS_PARTICLE.iter().any(|p| text.starts_with(p))
        || VERB_ENDINGS.iter().any(|v| text.starts_with(v))
        || (first.is_some_and(|c| PARTICLE_BEFORE_NON_HIRAGANA.contains(&c))
            && !second.is_some_and(is_hiragana))
}

/// Brackets and quotes a marked run may not cut in two.
const PAIRS: &[(char, char)] = &[
    ('[', ']'),
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('(', ')'),
];

/// Whether a text closes a bracket it did not open, or leaves one open.
fn unbalanced(text: &str) -> bool {
    PAIRS.iter().any(|&(open, close)| {
        let mut depth = 0i32;
        for c in text.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
        }
        depth != 0
    })
}

/// Raw text of the bold, italic and link runs (not images) of one side.
fn marked_runs<'a>(side: &Parsed<'a>) -> Vec<(&'static str, Range<usize>, &'a str)> {
    let tokens = &side.inline.tokens;
    side.inline
        .spans
        .iter()
        .filter_map(|span| {
            let what = match span.kind {
                SpanKind::Strong => "bold",
                SpanKind::Emphasis => "italic",
                SpanKind::Link { .. } => "link text",
                SpanKind::Image { .. } | SpanKind::CodeTag => return None,
            };
            let start = token_end(&tokens[span.open])?;
            let end = token_start(&tokens[span.close])?.max(start);
            Some((what, start..end, &side.raw[start..end]))
        })
        .collect()
}

fn token_start(t: &Token) -> Option<usize> {
    match t {
        Token::Delim(d) => Some(d.range.start),
        Token::Hidden(r) => Some(r.start),
        Token::Bracket { range, .. } => Some(range.start),
        _ => None,
    }
}

fn token_end(t: &Token) -> Option<usize> {
    match t {
        Token::Delim(d) => Some(d.range.end),
        Token::Hidden(r) => Some(r.end),
        Token::Bracket { range, .. } => Some(range.end),
        _ => None,
    }
}

fn markup_displaced(pair: &Pair, out: &mut Report) {
    if pair.target.inline.spans.is_empty() {
        return;
    }
    // Whether the source cuts brackets in two itself; asked only when needed.
    let mut source_cut = None;
    for (what, range, text) in marked_runs(pair.target) {
        let shown = text.trim();
        let cut_in_source = |cut: &mut Option<bool>| {
            *cut.get_or_insert_with(|| {
                marked_runs(pair.source)
                    .iter()
                    .any(|(_, _, text)| unbalanced(text))
            })
        };
        if pair.lang == Lang::Ja && starts_with_particle(shown) {
            out.push_at(
                Side::Target,
                range,
                format!("{what} `{shown}` starts with a particle or verb ending: it was moved off its words"),
            );
        } else if unbalanced(shown) && !cut_in_source(&mut source_cut) {
            out.push_at(
                Side::Target,
                range,
                format!("{what} `{shown}` cuts a bracket or quote in two"),
            );
        }
    }
}

/// `する`, `され…`, `し…`: a verb ending that needs its noun right before it.
fn starts_verb_ending(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('さ'), Some('れ' | 'せ'))
            | (Some('し'), Some('て' | 'た' | 'ま' | 'な'))
            | (Some('す'), Some('る' | '。'))
    )
}

/// Sentence-final verb forms.
const FINAL_VERBS: &[&str] = &["ます", "ました", "ません", "です", "でした"];

fn code_displaced(pair: &Pair, out: &mut Report) {
    if pair.lang != Lang::Ja {
        return;
    }
    let text = &pair.target.text;
    let mut report = |at: Range<usize>, message: String| {
        let raw = pair.target.raw_range(at);
        out.push_at(Side::Target, raw, message);
    };
    for (i, _) in text.match_indices(OBJECT) {
        let end = i + OBJECT.len_utf8();
        let after = text[end..].trim_start_matches(' ');
        let before = text[..i].trim_end_matches(' ');
        let code = pair.target.raw_range(i..end);
        let shown = &pair.target.raw[code];
        if starts_verb_ending(after) {
            let stop =
                text.len() - after.len() + after.chars().take(2).map(char::len_utf8).sum::<usize>();
            report(
                i..stop,
                format!(
                    "`{shown}` stands inside a verb, before `{}`",
                    after.chars().take(2).collect::<String>()
                ),
            );
        } else if FINAL_VERBS.iter().any(|v| before.ends_with(v))
            && (after.is_empty() || after.starts_with('。'))
        {
            report(
                i..end,
                format!("`{shown}` comes after the sentence's final verb"),
            );
        }
    }
    for (i, mark) in text
        .char_indices()
        .filter(|(_, c)| matches!(c, '、' | '。'))
    {
        let rest = &text[i + mark.len_utf8()..];
        let next = rest.trim_start_matches(' ');
        let mut chars = next.chars();
        let (first, second) = (chars.next(), chars.next());
        let orphan = first
            .is_some_and(|p| matches!(p, 'を' | 'が' | 'に' | 'で' | 'は' | 'の' | 'と'))
            && !second.is_some_and(is_hiragana);
        if orphan {
            let at = text.len() - next.len();
            let particle = first.map_or(0, char::len_utf8);
            report(
                i..at + particle,
                format!(
                    "particle `{}` follows `{mark}` with no word before it: something it belonged to moved",
                    &next[..particle]
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    fn displaced(locale: &str, source: &str, target: &str) -> Vec<String> {
        pair_findings(locale, source, target)
            .into_iter()
            .filter(|h| h.contains("-displaced"))
            .collect()
    }

    #[test]
    fn bold_or_links_on_the_wrong_words() {
        // edge-developer.ja-jp: the bold of a UI label moved onto the verb.
        assert_eq!(
            displaced(
                "ja-jp",
                "View GPU activity in the **GPU** section.",
                "[GPU] セクションで GPU アクティビティ **を表示** します。"
            ),
            [
                "markup-displaced: bold `を表示` starts with a particle or verb ending: it was moved off its words"
            ]
        );
        assert_eq!(
            displaced(
                "ja-jp",
                "Use the **Watch** pane to watch the values.",
                "[ウォッチ **] ウィンドウを** 使用して、値を確認します。"
            ),
            ["markup-displaced: bold `] ウィンドウを` cuts a bracket or quote in two"]
        );
        assert_eq!(
            displaced(
                "ja-jp",
                "Navigate to [Building Accessible Websites](./build/index.md) .",
                "「Building [Accessible Websites」を参照してください](./build/index.md) 。"
            ),
            [
                "markup-displaced: link text `Accessible Websites」を参照してください` cuts a bracket or quote in two"
            ]
        );
    }

    #[test]
    fn marked_words_that_may_start_so() {
        for (source, target) in [
            ("Select **Yes**.", "**はい** を選択します。"),
            ("Select **Save**.", "**保存** を選択します。"),
            (
                "Choose **When** or **Things**.",
                "**とき** または **もの** を選びます。",
            ),
            (
                "See [the (old) page](a.md).",
                "[(古い) ページ](a.md) を参照してください。",
            ),
        ] {
            assert!(displaced("ja-jp", source, target).is_empty(), "{target}");
        }
    }

    #[test]
    fn code_inside_or_after_the_verb_and_orphan_particles() {
        assert_eq!(
            displaced(
                "ja-jp",
                "The box model for the currently selected `h1` element.",
                "現在選択されている要素のボックス モデルが表示 `h1` されています。"
            ),
            ["code-displaced: `h1` stands inside a verb, before `され`"]
        );
        assert_eq!(
            displaced(
                "ja-jp",
                "To find out your version, navigate to `edge://settings/help`.",
                "バージョンを確認するには、に移動します `edge://settings/help` 。"
            ),
            [
                "code-displaced: `edge://settings/help` comes after the sentence's final verb; particle `に` follows `、` with no word before it: something it belonged to moved"
            ]
        );
        for target in [
            "`nuget pack` を実行します。",
            "では、`a` を使用します。",
            "これは `x` です。",
        ] {
            assert!(
                displaced("ja-jp", "Run `nuget pack`.", target).is_empty(),
                "{target}"
            );
        }
    }
}
