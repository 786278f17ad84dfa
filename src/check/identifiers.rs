//! `identifier-changed`: names that must come through verbatim (namespaces,
//! types, members, cmdlets, parameters, variables, HTTP headers, GUIDs,
//! acronyms, multi-word product names) came back re-cased (`GetCoNtext`,
//! `Vm` for `VMs`, `Windows 10 pro Education`), broken by spaces
//! (`NuGet /Home # 9803`), or partly translated (`クライアント要求 id` for
//! `client-request-id`, `2 次元 56` inside a GUID).
//!
//! An identifier is recognised by its shape in the source's prose (inline code
//! is `code-mismatch`'s): dots between names, inner capitals, underscores,
//! letters mixed with digits, a `$` or `-` before a name, hyphenated lower-case
//! words. The target must hold it byte for byte; what is reported is the
//! near miss found instead. An identifier the target has nothing of is not
//! reported: a translator may rightly describe a parameter instead of naming
//! it, and ordinary hyphenated words (`step-by-step`) are translated whole.

use std::ops::Range;

use super::lang::Lang;
use super::{Check, Default, Pair, Report, Run, Side};
use crate::mqm::Severity;

pub const IDENTIFIER_CHANGED: Check = Check {
    name: "identifier-changed",
    severity: Severity::Major,
    category: "accuracy/do-not-translate",
    description: "a name that must stay as it is (type, member, cmdlet, GUID, acronym, product) came back re-cased, spaced or partly translated",
    default: Default::On,
    run: Run::Pair(identifier_changed),
};

/// What makes a word of the source an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Guid,
    /// `$Name`.
    Variable,
    /// `-Name`.
    Parameter,
    /// `Get-AzStorageAccount`.
    Cmdlet,
    /// `System.Collections.Generic`, `nuget.org`.
    Dotted,
    /// `enableAutoScale`, `NuGet/Home#9803`: inner capitals.
    Camel,
    Snake,
    /// `client-request-id`, `cloud-init`: could be an ordinary word, so only
    /// a partial translation is reported.
    Kebab,
    /// Letters and digits with a capital: `NU3003`, `2D56`.
    Alphanumeric,
    /// `VMs`, `SKU`: only a change of case is reported.
    Acronym,
}

fn shape(word: &str) -> Option<Shape> {
    let b = word.as_bytes();
    // Most words are plain words: `partner`, `Partner`. Rule them out first.
    let plain = b.iter().skip(1).all(u8::is_ascii_lowercase)
        && b.first().is_some_and(u8::is_ascii_alphabetic);
    if plain || !b.is_ascii() {
        return None;
    }
    let all = |f: fn(&u8) -> bool| b.iter().all(f);
    if b.is_empty() || all(|c| c.is_ascii_digit() || b".,:/%$-".contains(c)) {
        return None;
    }
    let alnum = |c: &u8| c.is_ascii_alphanumeric();
    let has_upper = b.iter().any(u8::is_ascii_uppercase);
    let has_digit = b.iter().any(u8::is_ascii_digit);
    let has_letter = b.iter().any(u8::is_ascii_alphabetic);
    // `15th`, `2nd`: digits and an English ordinal suffix.
    let ordinal = has_digit
        && b.len() >= 2
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| b[b.len() - 2..].eq_ignore_ascii_case(s.as_bytes()))
        && b[..b.len() - 2].iter().all(u8::is_ascii_digit);
    if ordinal {
        return None;
    }
    // Counted and walked again rather than collected: most words have one group.
    let groups = || word.split('-');
    let group_count = b.iter().filter(|&&c| c == b'-').count() + 1;
    let hex = |g: &str, n: usize| g.len() == n && g.bytes().all(|c| c.is_ascii_hexdigit());
    if group_count == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(groups())
            .all(|(n, g)| hex(g, *n))
    {
        return Some(Shape::Guid);
    }
    let name = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
    };
    if let Some(rest) = word.strip_prefix('$') {
        return name(rest).then_some(Shape::Variable);
    }
    if let Some(rest) = word.strip_prefix('-') {
        let capital = rest.starts_with(|c: char| c.is_ascii_uppercase());
        return (capital && rest.len() > 1 && rest.bytes().all(|c| c.is_ascii_alphabetic()))
            .then_some(Shape::Parameter);
    }
    if group_count == 2
        && groups().all(|g| {
            g.len() > 1
                && g.starts_with(|c: char| c.is_ascii_uppercase())
                && g.bytes().all(|c| c.is_ascii_alphanumeric())
        })
        && groups()
            .next()
            .is_some_and(|first| first[1..].bytes().all(|c| c.is_ascii_lowercase()))
    {
        return Some(Shape::Cmdlet);
    }
    let parts = || word.split('.');
    if b.contains(&b'.')
        && parts().all(|p| name(p) && p.len() >= 2)
        && parts().any(|p| p.len() >= 3)
    {
        return Some(Shape::Dotted);
    }
    let path_char = |c: &u8| c.is_ascii_alphanumeric() || b"/#._-".contains(c);
    if all(path_char)
        && b.windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
    {
        return Some(Shape::Camel);
    }
    if name(word) && word.trim_matches('_').contains('_') && has_letter {
        return Some(Shape::Snake);
    }
    if group_count >= 2
        && groups().all(|g| {
            !g.is_empty()
                && g.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && word.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Some(Shape::Kebab);
    }
    if all(alnum) && has_digit && has_letter && has_upper {
        return Some(Shape::Alphanumeric);
    }
    let acronym = word.strip_suffix('s').unwrap_or(word);
    if acronym.len() >= 2 && acronym.bytes().all(|c| c.is_ascii_uppercase()) {
        return Some(Shape::Acronym);
    }
    None
}

/// The words of a visible text that could be identifiers: runs of the
/// characters identifiers are made of (ASCII letters, digits and `._-$/#:'`),
/// without the punctuation that ends a sentence or the `'s` of a possessive.
/// Plain words (`partner`, `Partner`) are left out at once.
fn words(text: &str) -> impl Iterator<Item = &str> {
    const PART: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_alphanumeric()
                || matches!(c, b'.' | b'_' | b'-' | b'$' | b'/' | b'#' | b':' | b'\'');
            b += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    let part = |b: u8| PART[usize::from(b)];
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < bytes.len() && !part(bytes[i]) {
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            let start = i;
            while i < bytes.len() && part(bytes[i]) {
                i += 1;
            }
            // Lower case after the first letter stays plain whatever is trimmed.
            if bytes[start + 1..i].iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            // A run glued to other letters (`Eは`, `éclair`) is no identifier.
            let glued = text[i..].chars().next().is_some_and(char::is_alphanumeric)
                || text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if glued {
                continue;
            }
            let w = text[start..i].trim_end_matches(['.', ':', '!', '?', '\'']);
            let w = w.trim_start_matches('\'');
            let w = w.strip_suffix("'s").unwrap_or(w);
            let plain = w.bytes().skip(1).all(|b| b.is_ascii_lowercase());
            if !w.is_empty() && !plain {
                return Some(w);
            }
        }
    })
}

/// Whether `text[range]` stands alone: no ASCII letter or digit on either side.
fn alone(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The first occurrence of `word` standing alone in `text`, ASCII case
/// ignored; `lower` is `text` in ASCII lower case (same byte offsets).
fn find_alone_ignoring_case(text: &str, lower: &str, word: &str) -> Option<Range<usize>> {
    find_alone_in(text, lower, &word.to_ascii_lowercase())
}

/// `word` with white space put inside it: `System. Collections`.
fn find_spaced(text: &str, word: &str) -> Option<Range<usize>> {
    let first = word.chars().next()?;
    text.match_indices(first).find_map(|(start, _)| {
        let mut rest = text[start..].char_indices().peekable();
        let mut spaced = false;
        for w in word.chars() {
            while let Some((_, c)) = rest.peek().copied() {
                if c.is_whitespace() {
                    spaced = true;
                    rest.next();
                } else {
                    break;
                }
            }
            match rest.next() {
                Some((_, c)) if c == w => {}
                _ => return None,
            }
        }
        let end = rest.peek().map_or(text.len(), |(i, _)| start + i);
        (spaced && alone(text, &(start..end))).then_some(start..end)
    })
}

/// Runs of three or more capitalised words (or numbers): `Windows 10 Pro
/// Education`, `Partner of Record` is not one.
fn names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let capital = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    // Read byte by byte rather than split at each space: the words are short,
    // and a search per word cost more than the check.
    let mut capitals = bytes.windows(2).filter(|w| w[0] == b' ' && capital(&w[1]));
    if capitals.nth(1).is_none() {
        return out;
    }
    let mut run: Option<(usize, usize, usize)> = None; // start, end, words
    let mut push = |run: Option<(usize, usize, usize)>| {
        if let Some((start, end, n)) = run
            && n >= 3
        {
            out.push(&text[start..end]);
        }
    };
    // The words between single spaces, empty ones included, as `split(' ')`.
    let mut i = 0;
    while i <= bytes.len() {
        let end = bytes[i..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |p| i + p);
        let w = &bytes[i..end];
        let is_capital = w.first().is_some_and(capital) && w.iter().all(u8::is_ascii_alphanumeric);
        run = match (is_capital, run) {
            (true, Some((start, _, n))) => Some((start, end, n + 1)),
            (true, None) => Some((i, end, 1)),
            (false, r) => {
                push(r);
                None
            }
        };
        i = end + 1;
    }
    push(run);
    out
}

/// The distinct identifiers and names of one source looked for in its
/// target. Each is a search of the whole target, so a generated segment of
/// thirty thousand type names took half a minute; real segments name a few.
const MAX_LOOKED_FOR: usize = 200;

fn identifier_changed(pair: &Pair, out: &mut Report) {
    let (source, target) = (&pair.source.text, &pair.target.text);
    if pair.source.raw.trim() == pair.target.raw.trim() {
        return;
    }
    // Latin-script targets share ordinary words with English; only in other
    // scripts does a lone piece of an identifier show a partial translation.
    let other_script = matches!(
        pair.lang,
        Lang::Ja | Lang::Zh | Lang::Ko | Lang::Ar | Lang::He
    );
    // Built on first use: most targets hold every identifier verbatim.
    let mut lower = String::new();
    let mut compact = String::new();
    let lowered = |lower: &mut String| {
        if lower.is_empty() {
            *lower = target.to_ascii_lowercase();
        }
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut report = |range: Range<usize>, message: String| {
        let raw = pair.target.raw_range(range);
        out.push_at(Side::Target, raw, message);
    };
    for word in words(source) {
        let Some(shape) = shape(word) else {
            continue;
        };
        if seen.contains(&word) {
            continue;
        }
        if seen.len() == MAX_LOOKED_FOR {
            break;
        }
        seen.push(word);
        if shape == Shape::Acronym {
            let singular = word.strip_suffix('s').unwrap_or(word);
            let kept = |w: &str| find_alone(target, w).is_some();
            if kept(word) || kept(singular) {
                continue;
            }
            lowered(&mut lower);
            let recased = find_alone_ignoring_case(target, &lower, word)
                .or_else(|| find_alone_ignoring_case(target, &lower, singular));
            if let Some(at) = recased {
                let changed = target[at.clone()].to_string();
                report(at, format!("`{word}` re-cased as `{changed}`"));
            }
            continue;
        }
        if holds(target, word) {
            continue;
        }
        if compact.is_empty() {
            compact = target.split_whitespace().collect();
        }
        lowered(&mut lower);
        if holds(&compact, word)
            && let Some(at) = find_spaced(target, word)
        {
            let changed = target[at.clone()].to_string();
            report(at, format!("`{word}` broken by spaces: `{changed}`"));
            continue;
        }
        if shape != Shape::Kebab
            && let Some(at) = find_alone_ignoring_case(target, &lower, word)
        {
            let changed = target[at.clone()].to_string();
            report(at, format!("`{word}` re-cased as `{changed}`"));
            continue;
        }
        if !other_script {
            continue;
        }
        let pieces: Vec<&str> = word
            .split(['-', '.', '_', ':', '$'])
            .filter(|p| p.len() >= 2 && p.bytes().any(|c| c.is_ascii_alphabetic()))
            .collect();
        let kept: Vec<(&str, Range<usize>)> = pieces
            .iter()
            .filter_map(|p| find_alone(target, p).map(|at| (*p, at)))
            .collect();
        if let Some((_, at)) = kept.first()
            && kept.len() < pieces.len()
        {
            let shown: Vec<String> = kept.iter().map(|(p, _)| format!("`{p}`")).collect();
            report(
                at.clone(),
                format!("`{word}` partly translated: only {} kept", shown.join(", ")),
            );
        }
    }
    let names = names(source);
    if names.is_empty() {
        return;
    }
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut flat_target = String::new();
    for name in names.into_iter().take(MAX_LOOKED_FOR) {
        if holds(target, name) {
            continue;
        }
        let name = flat(name);
        if flat_target.is_empty() {
            flat_target = flat(target);
        }
        if holds(&flat_target, &name) {
            continue;
        }
        lowered(&mut lower);
        if let Some(at) = find_alone_ignoring_case(target, &lower, &name) {
            let changed = target[at.clone()].to_string();
            report(at, format!("name `{name}` re-cased as `{changed}`"));
        }
    }
}

/// The first occurrence of `word` in `text` standing alone.
fn find_alone(text: &str, word: &str) -> Option<Range<usize>> {
    find_alone_in(text, text, word)
}

/// The first occurrence of `word` in `haystack` (`text` or a form of it with
/// the same byte offsets) that stands alone in `text`.
fn find_alone_in(text: &str, haystack: &str, word: &str) -> Option<Range<usize>> {
    occurrences(haystack, word)
        .map(|i| i..i + word.len())
        .find(|r| alone(text, r))
}

/// `text.contains(word)`.
fn holds(text: &str, word: &str) -> bool {
    occurrences(text, word).next().is_some()
}

/// Where `word` occurs in `text`, left to right, without overlaps. Found by
/// its first byte and compared there: the texts are a sentence long, and
/// setting up a substring searcher (`str::contains`'s two-way, or memchr's
/// `memmem`) for each of them cost more than the search.
/// `word` is never empty (identifiers, their pieces, names).
fn occurrences<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    debug_assert!(!word.is_empty(), "no empty word is looked for");
    let (bytes, word) = (text.as_bytes(), word.as_bytes());
    let mut next_start = 0;
    memchr::memchr_iter(word.first().copied().unwrap_or(0), bytes)
        .filter(move |&i| bytes[i..].starts_with(word))
        .filter(move |&i| {
            let free = i >= next_start;
            if free {
                next_start = i + word.len();
            }
            free
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;
    use super::*;

    fn changed(locale: &str, source: &str, target: &str) -> Vec<String> {
        pair_findings(locale, source, target)
            .into_iter()
            .filter(|h| h.starts_with("identifier-changed"))
            .collect()
    }

    proptest::proptest! {
        /// As memchr's substring search finds them: left to right, no overlaps.
        #[test]
        fn occurrences_are_those_of_a_substring_search(text in "[ab. ]{0,30}", word in "[ab.]{1,3}") {
            let expected: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).collect();
            proptest::prop_assert_eq!(occurrences(&text, &word).collect::<Vec<_>>(), expected);
        }

        /// Runs of capitalised words as the words between single spaces give
        /// them, double and trailing spaces included.
        #[test]
        fn names_are_the_runs_of_capitalised_words(text in "(Windows|10|Pro|of|R2|é|a-b|)( {1,2}(Windows|10|Pro|of|R2|é|a-b|)){0,8}") {
            let mut expected = Vec::new();
            let mut run: Vec<&str> = Vec::new();
            let mut at = 0;
            let mut start = 0;
            for w in text.split(' ').chain([" "]) {
                let capital = w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
                    && w.bytes().all(|c| c.is_ascii_alphanumeric());
                if capital {
                    if run.is_empty() {
                        start = at;
                    }
                    run.push(w);
                } else {
                    if run.len() >= 3 {
                        expected.push(&text[start..start + run.join(" ").len()]);
                    }
                    run.clear();
                }
                at += w.len() + 1;
            }
            let spaced_capitals = text.match_indices(' ').filter(|(i, _)| {
                text.as_bytes().get(i + 1).is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            }).count();
            if spaced_capitals < 2 {
                expected.clear();
            }
            proptest::prop_assert_eq!(names(&text), expected);
        }
    }

    #[test]
    fn shapes_of_identifiers() {
        for (word, expected) in [
            ("System.Collections.Generic", Some(Shape::Dotted)),
            ("nuget.org", Some(Shape::Dotted)),
            ("e.g", None),
            ("U.S", None),
            ("enableAutoScale", Some(Shape::Camel)),
            ("Get-AzStorageAccount", Some(Shape::Cmdlet)),
            ("If-Match", Some(Shape::Cmdlet)),
            ("-Name", Some(Shape::Parameter)),
            ("$Name1", Some(Shape::Variable)),
            ("Premium_LRS", Some(Shape::Snake)),
            ("client-request-id", Some(Shape::Kebab)),
            ("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0", Some(Shape::Guid)),
            ("NU3003", Some(Shape::Alphanumeric)),
            ("VMs", Some(Shape::Acronym)),
            ("15th", None),
            ("2020-05-26", None),
            ("$0.93", None),
            ("Partner", None),
            ("self-service", Some(Shape::Kebab)),
            ("NuGet/Home#9803", Some(Shape::Camel)),
        ] {
            assert_eq!(shape(word), expected, "{word}");
        }
    }

    #[test]
    fn re_cased_spaced_and_partly_translated() {
        // nuget-docs.zh-tw: an interface name re-cased.
        assert_eq!(
            changed(
                "zh-tw",
                "A factory to initialize [IVsPathContext](#ivspathcontext-interface) instances.",
                "用來初始化 [IVsPathCoNtext](#ivspathcontext-interface) 實例的 factory。"
            ),
            ["identifier-changed: `IVsPathContext` re-cased as `IVsPathCoNtext`"]
        );
        // azure-docs-sdk-dotnet-api.ja-jp: an HTTP header translated but for its last piece.
        assert_eq!(
            changed(
                "ja-jp",
                "The client-request-id provided by the client during the request.",
                "クライアント要求 id 要求時にクライアントによって指定します。"
            ),
            ["identifier-changed: `client-request-id` partly translated: only `id` kept"]
        );
        assert_eq!(
            changed(
                "zh-tw",
                "Follow [NuGet/Home#9803](https://github.com/NuGet/Home/issues/9803) for details.",
                "依照[ NuGet /Home # 9803](https://github.com/NuGet/Home/issues/9803)的詳細資訊。"
            ),
            ["identifier-changed: `NuGet/Home#9803` broken by spaces: `NuGet /Home # 9803`"]
        );
        // de-de, partner-center: a product name and an acronym.
        assert_eq!(
            changed(
                "de-de",
                "Using a Windows 10 Pro Education product key with ML models",
                "Mit einem Windows 10 pro Education-Product Key und ml-Modellen"
            ),
            [
                "identifier-changed: `ML` re-cased as `ml`; name `Windows 10 Pro Education` re-cased as `Windows 10 pro Education`"
            ]
        );
    }

    #[test]
    fn an_acronym_re_cased_in_its_plural() {
        // customer-insights-pr.ar-sa.
        assert_eq!(
            changed(
                "ar-sa",
                "Select the **APIs my organization uses** tab.",
                "حدد **واجهات برمجة التطبيقات (APIS) التي تستخدمها مؤسستي**."
            ),
            ["identifier-changed: `APIs` re-cased as `APIS`"]
        );
    }

    #[test]
    fn translated_words_and_kept_identifiers_are_fine() {
        for (locale, source, target) in [
            (
                "ja-jp",
                "See the step-by-step guide.",
                "詳しい手順のガイドを参照してください。",
            ),
            (
                "de-de",
                "Buy a self-service add-on.",
                "Kaufen Sie ein Self-Service-Add-On.",
            ),
            (
                "ja-jp",
                "Create VMs in Azure.",
                "Azure で VM を作成します。",
            ),
            (
                "ja-jp",
                "Set `enableAutoScale` to true.",
                "`EnableAutoScale` を true に設定します。",
            ),
            (
                "de-de",
                "Use the Get-AzContext cmdlet.",
                "Verwenden Sie das Cmdlet Get-AzContext.",
            ),
            (
                "ko-kr",
                "Released on 2020-05-26 for U.S. partners",
                "미국 파트너용 2020-05-26 릴리스",
            ),
        ] {
            assert!(changed(locale, source, target).is_empty(), "{target}");
        }
    }
}
