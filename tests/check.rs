//! The checks on real files: what they report on the files as published, and
//! how many errors planted into copies of them they catch.

use std::collections::BTreeMap;

use proptest::prelude::*;
use sxs::check::{self, CHECKS, Finding, Glossary, Options, Side};
use sxs::store::{Document, Store};

const FIXTURES: &str = "tests/fixtures/check/real";

fn fixtures() -> Store {
    let store = Store::load(&[FIXTURES]).expect("fixtures load");
    assert_eq!(store.docs.len(), 10);
    store
}

fn file_name(doc: &Document) -> &str {
    doc.path.rsplit('/').next().unwrap_or(&doc.path)
}

/// The given checks (all when empty), with the glossary the planted
/// `glossary` errors break.
fn options(only: &[&str]) -> Options {
    let glossary = Glossary::parse("test.yaml", "Microsoft: keep\n").unwrap();
    let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
    Options::select(&only, &[]).unwrap().with_glossary(glossary)
}

#[test]
fn the_published_files_yield_only_the_known_findings() {
    let store = fixtures();
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in check::run(&store, &options(&[])) {
        *counts
            .entry((file_name(&store.docs[f.doc]), f.check))
            .or_default() += 1;
    }
    let expected: BTreeMap<(&str, &str), usize> = [
        // `[](/microsoft-365-app-certification/…)`: the link lost its text.
        (("de-de-appsource-overview.md", "empty-link-text"), 1),
        // `Mit appsource können Sie…` for `AppSource`, `Saas` for `SaaS`.
        (("de-de-appsource-overview.md", "identifier-changed"), 14),
        // `ו **שם** של`: the prefix "and" stands apart from its word.
        (
            ("he-il-connect-service-principal.md", "hebrew-prefix-split"),
            1,
        ),
        // `…検出できます `auto renew = False` 。`: the code after the final verb.
        (
            ("ja-jp-migrate-kaizala-pro-partner.md", "code-displaced"),
            1,
        ),
        // `**を選択**`, `[ **カバレッジ]**`: bold moved onto particles and across brackets.
        (("ja-jp-edge-coverage.md", "markup-displaced"), 9),
        // `\*\*\*\*` where the source has bold.
        (("ja-jp-edge-coverage.md", "markup-mismatch"), 2),
        // The UI label `Instrumenting Coverage And Show` re-cased.
        (("ja-jp-edge-coverage.md", "identifier-changed"), 1),
        // `하 고`, `고객에 게`, `선택 합니다`.
        (
            ("ko-kr-china-create-a-new-subscription.md", "korean-spacing"),
            4,
        ),
        // "Microsoft continuously offers…" became "マイクロソフトは、…" (`Microsoft: keep`).
        (("ja-jp-migrate-kaizala-pro-partner.md", "glossary"), 1),
        // `테 넌 트`, `대 한`, `사용 하 여` … in 24 of 33 segments.
        (
            ("ko-kr-csp-national-clouds-overview.md", "korean-spacing"),
            24,
        ),
        // `Merkezi 'Nde`, `merkezi 'ne`.
        (("tr-tr-unable-to-sign-in.md", "turkish-suffix-split"), 3),
        // `適用于`, `著重于`: Simplified `于` where zh-TW writes `於`.
        (
            ("zh-tw-csp-national-clouds-overview.md", "simplified-char"),
            3,
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, expected);
}

/// What a planted error changes in one segment.
enum Change {
    Target(String),
    /// `None`: the source span is gone.
    Source(Option<String>),
    /// Both sides changed: what is planted needs something in the source.
    Both(String, String),
}

/// Plants an error given source, target and locale, or `None` where it does
/// not fit the segment.
type Planter = fn(&str, &str, &str) -> Option<Change>;

/// An error kind: how to plant it and the check that must then report it.
struct Plant {
    kind: &'static str,
    expect: &'static str,
    plant: Planter,
}

fn target(t: String) -> Option<Change> {
    Some(Change::Target(t))
}

/// Byte range of the first inline link destination: `](here)`.
fn first_destination(t: &str) -> Option<(usize, usize)> {
    let open = t.find("](")? + 2;
    let close = open + t[open..].find(')')?;
    Some((open, close))
}

/// Byte range of the first inline code span's contents.
fn first_code(t: &str) -> Option<(usize, usize)> {
    let open = t.find('`')? + 1;
    let close = open + t[open..].find('`')?;
    (close > open && !t[open..].starts_with('`')).then_some((open, close))
}

/// Byte range of the first bold span's contents: `**here**`.
fn first_bold(t: &str) -> Option<(usize, usize)> {
    let open = t.find("**")? + 2;
    let close = open + t[open..].find("**")?;
    (close > open).then_some((open, close))
}

/// `t` with the markers around `t[open..close]` (`width` bytes each side, as
/// [`first_code`] and [`first_bold`] find them) replaced by `marker`.
fn remarked(t: &str, (open, close): (usize, usize), width: usize, marker: &str) -> String {
    format!(
        "{}{marker}{}{marker}{}",
        &t[..open - width],
        &t[open..close],
        &t[close + width..]
    )
}

/// Whether `at` lies in a link destination or a code span.
fn inside_markup(t: &str, at: usize) -> bool {
    let before = &t[..at];
    before.matches('`').count() % 2 == 1
        || before.rfind("](").is_some_and(|o| !t[o..at].contains(')'))
}

const PLANTS: &[Plant] = &[
    Plant {
        kind: "link URL changed",
        expect: "link-mismatch",
        plant: |_, t, _| {
            let (open, _) = first_destination(t)?;
            target(format!("{}old/{}", &t[..open], &t[open..]))
        },
    },
    Plant {
        kind: "link dropped",
        expect: "link-mismatch",
        plant: |_, t, _| {
            let (open, close) = first_destination(t)?;
            target(format!("{}{}", &t[..open - 1], &t[close + 1..]))
        },
    },
    Plant {
        kind: "space in `] (`",
        expect: "link-mismatch",
        plant: |_, t, _| {
            let (open, close) = first_destination(t)?;
            let dest = &t[open..close];
            let url_like = ["://", ".md", "/", "#"].iter().any(|p| dest.contains(p));
            url_like
                .then(|| format!("{}] ({}", &t[..open - 2], &t[open..]))
                .map(Change::Target)
        },
    },
    Plant {
        kind: "link text emptied",
        expect: "empty-link-text",
        plant: |_, t, _| {
            let (open, _) = first_destination(t)?;
            let bracket = t[..open - 2].rfind('[')?;
            let image = t[..bracket].ends_with('!');
            let text = &t[bracket + 1..open - 2];
            (!image && !text.trim().is_empty() && !text.contains(['[', ']']))
                .then(|| format!("{}{}", &t[..bracket + 1], &t[open - 2..]))
                .map(Change::Target)
        },
    },
    Plant {
        kind: "code span lost",
        expect: "code-mismatch",
        plant: |_, t, _| target(remarked(t, first_code(t)?, 1, "")),
    },
    Plant {
        kind: "code span changed",
        expect: "code-mismatch",
        plant: |_, t, _| {
            let (_, close) = first_code(t)?;
            target(format!("{}2{}", &t[..close], &t[close..]))
        },
    },
    Plant {
        kind: "number changed",
        expect: "number-mismatch",
        plant: |s, t, _| {
            let bytes = t.as_bytes();
            let mut at = 0;
            while at < t.len() {
                let glued =
                    at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'.');
                if !bytes[at].is_ascii_digit() || glued {
                    at += 1;
                    continue;
                }
                let end = at + t[at..].bytes().take_while(u8::is_ascii_digit).count();
                let run = &t[at..end];
                let standalone = !t[end..]
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == ',');
                let once = t.matches(run).count() == 1 && s.matches(run).count() == 1;
                let plain = !run.starts_with('0')
                    && !inside_markup(t, at)
                    && !inside_markup(s, s.find(run)?);
                if standalone && once && plain {
                    return target(format!("{}{}0{}", &t[..at], run, &t[end..]));
                }
                at = end;
            }
            None
        },
    },
    Plant {
        kind: "source copied as target",
        expect: "untranslated",
        plant: |s, _, _| {
            let words: Vec<&str> = s.split_whitespace().collect();
            let plain = words
                .iter()
                .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
                .count();
            let function = words
                .iter()
                .any(|w| ["the", "to", "and", "a", "for", "of"].contains(w));
            (words.len() >= 6 && 4 * plain >= 3 * words.len() && function)
                .then(|| Change::Target(s.to_string()))
        },
    },
    Plant {
        kind: "`<a0></a0>` inserted",
        expect: "leaked-tag",
        plant: |_, t, _| {
            let at = t.find(' ').unwrap_or(0);
            target(format!("{}<a0></a0>{}", &t[..at], &t[at..]))
        },
    },
    Plant {
        kind: "Korean word split",
        expect: "korean-spacing",
        plant: |_, t, locale| {
            if locale != "ko-kr" {
                return None;
            }
            [
                ("합니다", "합 니다"),
                ("하여", "하 여"),
                ("대한", "대 한"),
                ("에게", "에 게"),
                ("하는", " 하는"),
            ]
            .iter()
            .find(|(whole, _)| t.contains(whole))
            .map(|(whole, split)| Change::Target(t.replacen(whole, split, 1)))
        },
    },
    Plant {
        kind: "brackets around bold",
        expect: "bracketed-ui-term",
        plant: |_, t, _| {
            let (open, close) = first_bold(t)?;
            let inner = &t[open..close];
            (!inner.contains(['[', ']', '*']) && !inner.trim().is_empty())
                .then(|| format!("{}[{}]{}", &t[..open], inner, &t[close..]))
                .map(Change::Target)
        },
    },
    Plant {
        kind: "bold dropped",
        expect: "markup-mismatch",
        plant: |_, t, locale| {
            // A ja/zh target that writes other UI terms in brackets may drop
            // bold for them: `markup-mismatch` takes that for the convention.
            let bracketed =
                t.contains('[') && (locale.starts_with("ja") || locale.starts_with("zh"));
            if bracketed {
                return None;
            }
            target(remarked(t, first_bold(t)?, 2, ""))
        },
    },
    Plant {
        kind: "word doubled",
        expect: "doubled-word",
        plant: |_, t, _| {
            let word = t.split(' ').find(|w| {
                w.chars().count() >= 3
                    && w.chars().all(char::is_alphabetic)
                    && !["der", "die", "das", "den", "dem", "des", "sie"]
                        .contains(&w.to_lowercase().as_str())
            })?;
            let at = t
                .find(&format!("{word} "))
                .or_else(|| t.find(&format!(" {word}")).map(|a| a + 1))?;
            target(format!("{}{word} {}", &t[..at], &t[at..]))
        },
    },
    Plant {
        kind: "final period dropped",
        expect: "end-punctuation",
        plant: |s, t, locale| {
            let t = t.trim_end();
            let mark = t.chars().next_back()?;
            let before = t[..t.len() - mark.len_utf8()].chars().next_back()?;
            let verb = match &locale[..2] {
                "ja" => matches!(before, 'す' | 'た'),
                "ko" => matches!(before, '다' | '요'),
                _ => before.is_alphanumeric(),
            };
            let sentence = s.trim_end().ends_with('.') && s.split_whitespace().count() >= 3;
            (sentence && matches!(mark, '.' | '。') && verb)
                .then(|| Change::Target(t[..t.len() - mark.len_utf8()].to_string()))
        },
    },
    Plant {
        kind: "target cut to a fifth",
        expect: "length-ratio",
        plant: |s, t, _| {
            let plain = |x: &str| x.chars().filter(|c| c.is_alphanumeric()).count();
            let keep = t.chars().count() / 5;
            let cut: String = t.chars().take(keep).collect();
            (plain(s) >= 150 && !s.contains("](") && !s.contains('`'))
                .then_some(Change::Target(cut))
        },
    },
    Plant {
        kind: "target emptied",
        expect: "empty-target",
        plant: |_, _, _| target(String::new()),
    },
    Plant {
        kind: "source span lost",
        expect: "missing-source",
        plant: |_, _, _| Some(Change::Source(None)),
    },
    Plant {
        kind: "Turkish suffix split",
        expect: "turkish-suffix-split",
        plant: |_, t, locale| {
            if locale != "tr-tr" {
                return None;
            }
            // `Merkezi 'nde`: the locative suffix cut off a word of the target.
            let word = t
                .split(' ')
                .find(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))?;
            let at = t.find(&format!("{word} "))? + word.len();
            target(format!("{} 'nde{}", &t[..at], &t[at..]))
        },
    },
    Plant {
        kind: "glossary term translated",
        expect: "glossary",
        plant: |s, t, _| {
            let mentioned = s.contains("Microsoft ") && !inside_markup(s, s.find("Microsoft ")?);
            (mentioned && t.contains("Microsoft"))
                .then(|| Change::Target(t.replace("Microsoft", "マイクロソフト")))
        },
    },
    Plant {
        kind: "identifier re-cased",
        expect: "identifier-changed",
        plant: |s, t, _| {
            // A name with inner capitals that both sides carry in prose.
            let word = s.split([' ', ',', '(', ')', '.']).find(|w| {
                w.len() > 3
                    && w.bytes().all(|b| b.is_ascii_alphanumeric())
                    && w.as_bytes()
                        .windows(2)
                        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
                    && t.matches(*w).count() == 1
                    && !inside_markup(t, t.find(*w).unwrap_or(0))
                    && !inside_markup(s, s.find(*w).unwrap_or(0))
            })?;
            target(t.replacen(word, &word.to_lowercase(), 1))
        },
    },
    Plant {
        kind: "identifier spaced",
        expect: "identifier-changed",
        plant: |s, t, _| {
            // `PartnerCenterId` → `Partner CenterId`.
            let word = s.split([' ', ',', '(', ')', '.']).find(|w| {
                w.len() > 3
                    && w.bytes().all(|b| b.is_ascii_alphanumeric())
                    && w.as_bytes()
                        .windows(2)
                        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
                    && t.matches(*w).count() == 1
                    && !inside_markup(t, t.find(*w).unwrap_or(0))
                    && !inside_markup(s, s.find(*w).unwrap_or(0))
            })?;
            let cut = word
                .as_bytes()
                .windows(2)
                .position(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())?
                + 1;
            target(t.replacen(word, &format!("{} {}", &word[..cut], &word[cut..]), 1))
        },
    },
    Plant {
        kind: "bold moved onto a particle",
        expect: "markup-displaced",
        plant: |_, t, locale| {
            if locale != "ja-jp" {
                return None;
            }
            // `**保存**を` → `保存 **を**`.
            let (open, close) = first_bold(t)?;
            let after = &t[close + 2..];
            let after = after.trim_start_matches(' ');
            let particle = after.chars().next().filter(|c| "をがにでの".contains(*c))?;
            let rest = &after[particle.len_utf8()..];
            target(format!(
                "{}{} **{particle}**{rest}",
                &t[..open - 2],
                &t[open..close]
            ))
        },
    },
    Plant {
        kind: "code moved into the verb",
        expect: "code-displaced",
        plant: |_, t, locale| {
            if locale != "ja-jp" {
                return None;
            }
            // `…を選択します。` → `…選択します `code` 。`: the code after the verb.
            let (open, close) = first_code(t)?;
            let code = &t[open - 1..close + 1];
            let without = format!("{}{}", &t[..open - 1], &t[close + 1..]);
            let end = without.rfind("ます。")? + "ます".len();
            target(format!("{} {code} {}", &without[..end], &without[end..]))
        },
    },
    Plant {
        kind: "bold markers escaped",
        expect: "markup-mismatch",
        plant: |_, t, _| target(remarked(t, first_bold(t)?, 2, "\\*\\*")),
    },
    Plant {
        // Shaped like the API reference's `ハード_ディスク`.
        kind: "underscore glued between CJK letters",
        expect: "markup-mismatch",
        plant: |_, t, _| {
            let cjk = |c: char| matches!(c, '\u{3041}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}');
            if t.contains(['_', '`', '<', '\\']) {
                return None;
            }
            let chars: Vec<(usize, char)> = t.char_indices().collect();
            let at = chars
                .windows(2)
                .find(|w| cjk(w[0].1) && cjk(w[1].1))
                .map(|w| w[1].0)?;
            target(format!("{}_{}", &t[..at], &t[at..]))
        },
    },
    Plant {
        kind: "Traditional character written Simplified (zh-TW)",
        expect: "simplified-char",
        plant: |_, t, locale| {
            if locale != "zh-tw" {
                return None;
            }
            const PAIRS: &[(&str, &str)] = &[
                ("這", "这"),
                ("們", "们"),
                ("個", "个"),
                ("會", "会"),
                ("為", "为"),
                ("設", "设"),
                ("說", "说"),
                ("時", "时"),
            ];
            let (traditional, simplified) = PAIRS.iter().find(|(trad, _)| t.contains(trad))?;
            target(t.replacen(traditional, simplified, 1))
        },
    },
    Plant {
        kind: "Korean particle set apart",
        expect: "korean-spacing",
        plant: |_, t, locale| {
            if locale != "ko-kr" {
                return None;
            }
            // `**고객**을` → `**고객** 을`.
            let at = ["을", "를", "이", "가", "은", "는"]
                .into_iter()
                .filter_map(|p| t.find(&format!("**{p}")))
                .min()?;
            target(format!("{} {}", &t[..at + 2], &t[at + 2..]))
        },
    },
    Plant {
        kind: "Hebrew prefix set apart",
        expect: "hebrew-prefix-split",
        plant: |_, t, locale| {
            if locale != "he-il" {
                return None;
            }
            // `ל**אחר**` as the engine writes it: `ל **אחר**`.
            let (open, _) = first_bold(t)?;
            let before = t[..open - 2].chars().next_back();
            (before.is_none() || before == Some(' '))
                .then(|| format!("{}ל {}", &t[..open - 2], &t[open - 2..]))
                .map(Change::Target)
        },
    },
    Plant {
        kind: "space before a colon",
        expect: "punctuation-spacing",
        plant: |s, t, _| {
            let colon = t.find(": ")?;
            let before = t[..colon].chars().next_back()?;
            (!s.contains(" :") && before.is_alphanumeric() && !inside_markup(t, colon))
                .then(|| format!("{} {}", &t[..colon], &t[colon..]))
                .map(Change::Target)
        },
    },
    Plant {
        kind: "LaTeX spaced",
        expect: "maths-broken",
        plant: |s, t, _| {
            Some(Change::Both(
                format!("{s} $\\alpha_1$"),
                format!("{t} $ \\ alpha_1 $"),
            ))
        },
    },
];

/// Messages of one check for one segment.
fn messages<'a>(findings: &'a [Finding], doc: usize, segment: usize, check: &str) -> Vec<&'a str> {
    findings
        .iter()
        .filter(|f| f.doc == doc && f.segment == segment && f.check == check)
        .map(|f| f.message.as_str())
        .collect()
}

/// Plants every error kind into every segment it fits, one at a time, each
/// into its own copy of one real file, and counts how often the expected check
/// reports something the published file did not have.
#[test]
fn planted_errors_are_found() {
    let store = fixtures();
    let all = options(&[]);
    // kind → (planted, found)
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut missed: Vec<String> = Vec::new();
    for doc in &store.docs {
        let alone = Store {
            docs: vec![doc.clone()],
            warnings: Vec::new(),
        };
        let baseline = check::run(&alone, &all);
        for (s, seg) in doc.segments.iter().enumerate() {
            let Some(source) = seg.source() else {
                continue;
            };
            for plant in PLANTS {
                let Some(change) = (plant.plant)(source, seg.target(), &doc.locale) else {
                    continue;
                };
                let mut copy = alone.clone();
                let planted = &mut copy.docs[0].segments[s];
                *planted = match change {
                    Change::Target(t) => planted.with_target(&t),
                    Change::Source(x) => planted.with_texts(x.as_deref(), planted.target()),
                    Change::Both(source, target) => planted.with_texts(Some(&source), &target),
                };
                let shown = planted.target().to_string();
                let entry = tally.entry(plant.kind).or_default();
                entry.0 += 1;
                // A finding the published file did not have: new, or with a new message.
                let before = messages(&baseline, 0, s, plant.expect);
                // Checks are independent: running only the expected one is enough.
                let after_run = check::run(&copy, &options(&[plant.expect]));
                let after = messages(&after_run, 0, s, plant.expect);
                if after.iter().any(|m| !before.contains(m)) {
                    entry.1 += 1;
                } else {
                    missed.push(format!(
                        "{}: {} {}: {shown}",
                        plant.kind,
                        file_name(doc),
                        seg.id()
                    ));
                }
            }
        }
        // Inconsistent targets need a second file with the same sources.
        let mut twin = doc.clone();
        twin.path = format!("{}.twin.md", doc.path);
        for (s, seg) in doc.segments.iter().enumerate().step_by(3) {
            let long_enough = seg
                .source()
                .is_some_and(|x| x.split_whitespace().count() >= 4);
            if !long_enough || seg.target().trim().is_empty() {
                continue;
            }
            let mut pair = Store {
                docs: vec![doc.clone(), twin.clone()],
                warnings: Vec::new(),
            };
            let twin_seg = &mut pair.docs[1].segments[s];
            *twin_seg = twin_seg.with_target(&format!("{} 2", twin_seg.target()));
            let entry = tally.entry("same source translated twice").or_default();
            entry.0 += 1;
            let findings = check::run(&pair, &options(&["inconsistent-target"]));
            let flagged = |d| !messages(&findings, d, s, "inconsistent-target").is_empty();
            if flagged(0) || flagged(1) {
                entry.1 += 1;
            } else {
                missed.push(format!("inconsistent: {} {}", file_name(doc), seg.id()));
            }
        }
    }
    let (planted, caught) = tally
        .values()
        .fold((0, 0), |(p, c), (tp, tc)| (p + tp, c + tc));
    let table: Vec<String> = tally
        .iter()
        .map(|(kind, (p, c))| format!("{kind:<28} {c:>4} of {p:>4}"))
        .collect();
    println!("{}\ntotal {caught} of {planted}", table.join("\n"));
    for m in &missed {
        println!("missed {m}");
    }
    assert!(tally.len() >= 27, "{tally:?}");
    assert!(
        caught * 100 >= planted * 95,
        "{caught} of {planted} planted errors found:\n{}",
        table.join("\n")
    );
    for (kind, (p, c)) in &tally {
        assert!(c * 100 >= p * 80, "{kind}: {c} of {p}");
    }
}

/// Pieces of markup and text that the checks treat specially, glued at random.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "**",
        "*",
        "__",
        "`",
        "``",
        "[",
        "]",
        "](",
        "] (",
        ")",
        "(",
        "<",
        ">",
        "<a0>",
        "</b>",
        "<br>",
        "&lt;",
        "&gt;",
        "&amp;lt;",
        "\\",
        "\\*",
        "$",
        "$\\alpha$",
        "- ",
        " - ",
        " :",
        ":",
        "、",
        "。",
        "を",
        "します",
        "または",
        "「",
        "」",
        "한",
        " 를",
        "ו ",
        "ל",
        "Edge",
        "では",
        "ID",
        "VMs",
        "x.y",
        "Get-Az",
        "$Name",
        "-Name",
        "client-request-id",
        "Gets or sets the",
        "https://a.b/c",
        "www.",
        "\u{FFFC}",
        "\u{200F}",
        "e\u{301}",
        "👍🏽",
        " ",
        "\n",
        "a",
        "Word",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the markup, every check runs to its end and every span it
    /// names is a range of its side's raw text.
    #[test]
    fn any_markup_is_checked_without_panic(
        pairs in prop::collection::vec((tricky_text(), tricky_text()), 1..6),
        locale in prop::sample::select(vec!["ja-jp", "zh-tw", "ko-kr", "de-de", "he-il", "ar-sa", "tr-tr"]),
    ) {
        let mut text = format!("---\nms.contentlocale: {locale}\n---\n\n");
        for (i, (source, target)) in pairs.iter().enumerate() {
            let clean = |s: &str| s.replace("<span", "").replace("</span", "");
            text.push_str(&format!(
                "<span data-ttu-id=\"abcde-{id}\">{}</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-{id}\">{}</span></span>\n\n",
                clean(target),
                clean(source),
                id = 101 + i
            ));
        }
        let store = Store {
            docs: vec![Document::parse("fuzz.md", &text)],
            warnings: Vec::new(),
        };
        let every: Vec<String> = CHECKS.iter().map(|c| c.name.to_string()).collect();
        let options = Options::select(&every, &[]).unwrap();
        for f in check::run(&store, &options) {
            let seg = &store.docs[f.doc].segments[f.segment];
            for span in f.spots {
                let side = match span.side {
                    Side::Source => seg.source().unwrap_or(""),
                    Side::Target => seg.target(),
                };
                prop_assert!(side.get(span.range.clone()).is_some(), "{}: {:?} in {:?}", f.check, span, side);
            }
        }
    }
}
