//! `maths-broken`: LaTeX between `$…$` must come through byte for byte; the
//! translation engine spaces it (`$ \ alpha $`), translates command names
//! (`\lドット` for `\ldots`), or puts a space before the closing `$`, which
//! stops it rendering.
//!
//! Only what reads as LaTeX counts as maths: a `$` that starts a word and is
//! not followed by a space or digit, a closing `$` not preceded by a space,
//! and inside a command (`\alpha`), a sub- or superscript or a brace. `$100`
//! and `$Feed = …$` in code are not maths.

use std::ops::Range;

use super::{Check, Default, Pair, Report, Run, Side};
use crate::mqm::Severity;

pub const MATHS_BROKEN: Check = Check {
    name: "maths-broken",
    severity: Severity::Major,
    category: "design/markup-tag",
    description: "LaTeX in `$…$` changed, spaced or translated (`$\\alpha$` → `$ \\ alpha $`)",
    default: Default::On,
    run: Run::Pair(maths_broken),
};

/// `$…$` stretches of one line, LaTeX or not: the range with the dollars.
fn dollar_pairs(raw: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = raw[from..].find('$').map(|i| from + i) {
        let Some(close) = raw[open + 1..].find(['$', '\n']).map(|i| open + 1 + i) else {
            break;
        };
        if raw.as_bytes()[close] == b'\n' {
            from = close;
            continue;
        }
        out.push(open..close + 1);
        from = close + 1;
    }
    out
}

/// Whether a `$…$` stretch is LaTeX as a renderer reads it.
fn is_latex(raw: &str, range: &Range<usize>) -> bool {
    let inner = &raw[range.start + 1..range.end - 1];
    let before = raw[..range.start].chars().next_back();
    let opens = !inner.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit());
    let closes = !inner.ends_with(char::is_whitespace);
    let word_start = before.is_none_or(|c| !c.is_alphanumeric() && c != '$');
    let command = inner
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && w[1].is_ascii_alphabetic());
    let latex = command || inner.contains(['^', '_', '{']);
    !inner.is_empty() && opens && closes && word_start && latex && !inner.contains('`')
}

fn maths_broken(pair: &Pair, out: &mut Report) {
    let source = pair.source.raw;
    if !source.contains('$') {
        return;
    }
    let target = pair.target.raw;
    let in_target = dollar_pairs(target);
    let mut used: Vec<usize> = Vec::new();
    for range in dollar_pairs(source).iter().filter(|r| is_latex(source, r)) {
        let maths = &source[range.clone()];
        if let Some(i) = in_target
            .iter()
            .position(|t| &target[t.clone()] == maths && !used.contains(&t.start))
        {
            used.push(in_target[i].start);
            continue;
        }
        let unused = in_target.iter().find(|t| !used.contains(&t.start));
        match unused {
            Some(t) => {
                used.push(t.start);
                out.push_at(
                    Side::Target,
                    t.clone(),
                    format!("maths `{maths}` became `{}`", &target[t.clone()]),
                );
            }
            None => out.push_at(
                Side::Source,
                range.clone(),
                format!("maths `{maths}` lost in target"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    fn maths(source: &str, target: &str) -> Vec<String> {
        pair_findings("ja-jp", source, target)
            .into_iter()
            .filter(|h| h.starts_with("maths"))
            .collect()
    }

    #[test]
    fn latex_spaced_translated_or_lost() {
        assert_eq!(
            maths(
                "The rate $\\alpha$ is small.",
                "レート $ \\ alpha $ は小さい。"
            ),
            ["maths-broken: maths `$\\alpha$` became `$ \\ alpha $`"]
        );
        assert_eq!(
            maths(
                "Sum $x_1, \\ldots, x_n$ here.",
                "ここで合計 $x_1, \\lドット, x_n$。"
            ),
            ["maths-broken: maths `$x_1, \\ldots, x_n$` became `$x_1, \\lドット, x_n$`"]
        );
        assert_eq!(
            maths("Let $a^2$ be.", "$a^2 $ とします。"),
            ["maths-broken: maths `$a^2$` became `$a^2 $`"]
        );
        assert_eq!(
            maths("Let $a^2$ be.", "a の二乗とします。"),
            ["maths-broken: maths `$a^2$` lost in target"]
        );
    }

    #[test]
    fn dollars_that_are_not_maths() {
        for (source, target) in [
            ("It costs $100 or $200.", "$100 または $200 です。"),
            (
                "Set `$Feed = \"a\"` and `$b`.",
                "`$Feed = \"a\"` と `$b` を設定します。",
            ),
            ("Let $a^2$ be.", "$a^2$ とします。"),
        ] {
            assert!(maths(source, target).is_empty(), "{target}");
        }
    }
}
