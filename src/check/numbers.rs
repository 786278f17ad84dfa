//! `number-mismatch`: a number of the English source that the target lost or
//! changed.
//!
//! Only the source's numbers are required (a target may add month numbers or
//! spell out "twelve"), and each may appear in any form the locale writes it:
//! other separators (1,000 / 1.000 / 1 000), full-width or Arabic-Indic digits,
//! leading zeros dropped, a 2-digit year in full, `$150,000` as `15万`, small
//! numbers as words. Digits inside code, URLs and identifiers (`A5`, `NU3003`,
//! GUIDs) are not numbers.

use rustc_hash::FxHashSet;

use super::lang::Lang;
use super::view::OBJECT;
use super::{Check, Default, Pair, Report, Run, Side, quote_distinct};
use crate::mqm::Severity;

pub const NUMBER_MISMATCH: Check = Check {
    name: "number-mismatch",
    severity: Severity::Major,
    category: "accuracy/mistranslation",
    description: "a number of the source is missing or changed in the target (outside code and URLs)",
    default: Default::On,
    run: Run::Pair(number_mismatch),
};

fn number_mismatch(pair: &Pair, out: &mut Report) {
    let has_digits = pair.source.text.bytes().any(|b| b.is_ascii_digit());
    if !has_digits || pair.source.text == pair.target.text {
        return;
    }
    let required = source_numbers(&pair.source.text);
    if required.is_empty() {
        return;
    }
    let found = target_numbers(&pair.target.text);
    let found: FxHashSet<&str> = found.iter().map(String::as_str).collect();
    let mut missing: Vec<&str> = Vec::new();
    let mut said: FxHashSet<&str> = FxHashSet::default();
    for number in &required {
        let present = number.accepted.iter().any(|a| found.contains(a.as_str()))
            || number
                .small()
                .is_some_and(|n| spelled_out(pair.lang, n, &pair.target.text));
        if !present && said.insert(number.shown) {
            missing.push(number.shown);
        }
    }
    if let Some(first) = missing.first() {
        let list = quote_distinct(missing.iter().map(|n| n.to_string()));
        let noun = if missing.len() == 1 {
            "number"
        } else {
            "numbers"
        };
        // The place is the first lost number, in the source: what the
        // target lacks is marked where it stands (SPEC, `side`).
        let raw = pair.source.raw_range_of(first);
        out.push_at(
            Side::Source,
            raw,
            format!("{noun} {list} missing in target"),
        );
    }
}

/// A number the target must carry, in any of its accepted canonical forms.
#[derive(Debug)]
struct Required<'a> {
    shown: &'a str,
    accepted: Vec<String>,
}

impl Required<'_> {
    fn small(&self) -> Option<u32> {
        self.accepted[0]
            .parse()
            .ok()
            .filter(|n| (1..=12).contains(n) || ((20..=90).contains(n) && n % 10 == 0))
    }
}

/// Digits only, leading zeros dropped: `1,000.50` and `1.000,50` both `100050`.
fn canonical(digits: impl Iterator<Item = char>) -> String {
    let s: String = digits.filter(char::is_ascii_digit).collect();
    let trimmed = s.trim_start_matches('0');
    if trimmed.is_empty() && !s.is_empty() {
        "0".into()
    } else {
        trimmed.into()
    }
}

fn times(value: &str, factor: u128) -> Option<String> {
    let v: u128 = value.parse().ok().filter(|_| value.len() <= 24)?;
    Some((v * factor).to_string())
}

fn multiplier_word(word: &str) -> Option<u128> {
    match word
        .trim_end_matches(['.', ',', ';', ')'])
        .to_ascii_lowercase()
        .as_str()
    {
        "hundred" => Some(100),
        "k" | "thousand" => Some(1_000),
        "million" | "millions" => Some(1_000_000),
        "billion" | "billions" => Some(1_000_000_000),
        _ => None,
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

fn is_month(word: &str) -> bool {
    MONTHS.contains(
        &word
            .trim_end_matches(['.', ','])
            .to_ascii_lowercase()
            .as_str(),
    )
}

/// `1,000` is one number, `31,2021` (a date missing its space) two: English
/// groups thousands by three.
fn thousands_groups(number: &str) -> Vec<&str> {
    let mut groups = Vec::new();
    let mut start = 0;
    for (at, _) in number.match_indices(',') {
        let digits = number[at + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits != 3 {
            groups.push(&number[start..at]);
            start = at + 1;
        }
    }
    groups.push(&number[start..]);
    groups
}

/// Tokens with digits that English writes as numbers: `1,000`, `$15.62`,
/// `2/12/17`, `7:30`, `5th`, `300K`, `1-5`. A token mixing letters and digits
/// in any other way is an identifier. Idioms that locales say in words
/// ("24/7", "1:1", "100%", "3rd party") are left out.
fn source_numbers(text: &str) -> Vec<Required<'_>> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let previous = i.checked_sub(1).map(|p| tokens[p]);
        let next = tokens.get(i + 1).copied();
        i += 1;
        // Most words hold no digit, and every number below starts with one.
        if !token.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let round_the_clock = ["24/7", "24x7", "24X7", "24×7"]
            .iter()
            .any(|r| token.starts_with(r))
            || (token == "24"
                && next.is_some_and(|t| t.eq_ignore_ascii_case("x"))
                && tokens.get(i + 1).is_some_and(|t| t.starts_with('7')));
        if round_the_clock {
            i += if token == "24" { 2 } else { 0 };
            continue;
        }
        let core = token
            .trim_start_matches([
                '(', '[', '{', '"', '\'', '“', '‘', '$', '€', '£', '¥', '#', '~', '+', '-', '–',
                '*', '<', '>', '=',
            ])
            .trim_end_matches([
                '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '”', '’', '*', '+', '>',
            ]);
        let percent = core.ends_with('%');
        let core = core.trim_end_matches('%');
        if !core.starts_with(|c: char| c.is_ascii_digit())
            || core.contains(OBJECT)
            || matches!(core, "1:1" | "1-1")
            || (percent && core == "100")
        {
            continue;
        }
        let digits_end = core
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | ':' | '-' | '–')))
            .unwrap_or(core.len());
        let (number, suffix) = core.split_at(digits_end);
        let suffix = suffix.to_ascii_lowercase();
        let ordinal = matches!(suffix.as_str(), "st" | "nd" | "rd" | "th");
        if ordinal && next.is_some_and(|n| n.to_ascii_lowercase().starts_with("part")) {
            continue;
        }
        let factor = match suffix.as_str() {
            "" | "st" | "nd" | "rd" | "th" | "gb" | "mb" | "kb" | "tb" | "ms" | "px" | "x"
            | "s" | "h" | "min" | "d" => 1,
            "k" => 1_000,
            "m" => 1_000_000,
            "b" => 1_000_000_000,
            _ => continue,
        };
        let factor = next.and_then(multiplier_word).unwrap_or(factor);
        let pm = next.is_some_and(|w| {
            matches!(
                w.to_ascii_lowercase().trim_end_matches(['.', ',']),
                "pm" | "p.m"
            )
        });
        let groups: Vec<&str> = number
            .split(['/', ':', '-', '–'])
            .flat_map(thousands_groups)
            .map(|g| g.trim_end_matches(['.', ',']))
            .filter(|g| g.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        // 2/12/17 and 2020-02-14: the month may become a word (14. Februar).
        let is_date =
            number.contains('/') || (number.contains('-') && groups.iter().any(|g| g.len() == 4));
        let is_time = number.contains(':');
        let after_month = previous.is_some_and(is_month);
        for (g, group) in groups.into_iter().enumerate() {
            let value = canonical(group.chars());
            let small = value.parse::<u32>().is_ok_and(|v| v <= 12);
            if (is_time && g > 0 && value == "0") || (is_date && small) {
                continue;
            }
            // "1 million" is "mil", "百万", "מיליון": the 1 is a word.
            if factor > 1 && value == "1" && suffix.is_empty() {
                continue;
            }
            let mut accepted = vec![value.clone()];
            if factor > 1 {
                accepted.extend(times(&value, factor));
            }
            // "2/12/17" and "the December 19 price list" may write the year in full.
            if (is_date || after_month) && group.len() == 2 {
                accepted.push(format!("20{group}"));
            }
            if is_time && g == 0 && pm {
                accepted.extend(value.parse::<u32>().ok().map(|h| (h + 12).to_string()));
            }
            out.push(Required {
                shown: group,
                accepted,
            });
        }
    }
    out
}

/// ASCII for any decimal digit a target may use.
fn digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '０'..='９' => '０',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6f0}'..='\u{6f9}' => '\u{6f0}',
        _ => return None,
    };
    char::from_digit(c as u32 - zero as u32, 10)
}

/// Every number in the target, whole (`1.000,50` → `100050`), each digit run
/// alone, and multiplied by a unit that follows (`15万`, `30 萬`, `250 ألف`).
fn target_numbers(text: &str) -> Vec<String> {
    // From the first digit on: no number looks back before it.
    let first = text
        .char_indices()
        .find(|&(_, c)| digit(c).is_some())
        .map_or(text.len(), |(at, _)| at);
    let chars: Vec<char> = text[first..].chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let mut whole = String::new();
        // The digits since the last comma: `1.0,2.0` lists 1.0 and 2.0.
        let mut listed = String::new();
        let mut run = String::new();
        loop {
            match chars.get(i).copied().and_then(digit) {
                Some(d) => {
                    whole.push(d);
                    listed.push(d);
                    run.push(d);
                    i += 1;
                }
                None => {
                    out.push(canonical(run.chars()));
                    run.clear();
                    let sep = chars.get(i).copied();
                    if matches!(sep, Some(',' | '，')) {
                        out.push(canonical(listed.chars()));
                        listed.clear();
                    }
                    let next_is_digit = chars.get(i + 1).copied().and_then(digit).is_some();
                    let tight = matches!(sep, Some('.' | ',' | '\'' | '’' | '，' | '．'));
                    let spaced = matches!(sep, Some(' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
                        && (1..=3).all(|k| chars.get(i + k).copied().and_then(digit).is_some())
                        && chars.get(i + 4).copied().and_then(digit).is_none();
                    if next_is_digit && (tight || spaced) {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        out.push(canonical(listed.chars()));
        let value = canonical(whole.chars());
        let unit: String = chars[i..]
            .iter()
            .skip_while(|c| **c == ' ')
            .take_while(|c| c.is_alphabetic())
            .take(10)
            .collect();
        let factor = match unit.chars().next() {
            Some('万' | '萬' | '만') => Some(10_000),
            Some('億' | '억') => Some(100_000_000),
            Some('千' | '천') => Some(1_000),
            Some('K' | 'k') if unit.len() == 1 => Some(1_000),
            _ => match unit.as_str() {
                "Tausend" | "ألف" | "אלף" => Some(1_000),
                "Mio" | "Million" | "Millionen" | "million" | "مليون" | "מיליון" => {
                    Some(1_000_000)
                }
                "Mrd" | "Milliarde" | "Milliarden" | "billion" | "مليار" | "מיליארד" => {
                    Some(1_000_000_000)
                }
                _ => None,
            },
        };
        if let Some(scaled) = factor.and_then(|f| times(&value, f)) {
            out.push(scaled);
        }
        out.push(value);
    }
    out
}

/// Tens as words ("in the next 60 days" → "خلال الستين يومًا"), from 20 to 90.
fn tens(lang: Lang, n: u32) -> Option<&'static [&'static str]> {
    let table: [&[&str]; 8] = match lang {
        Lang::De => [
            &["zwanzig"],
            &["dreißig"],
            &["vierzig"],
            &["fünfzig"],
            &["sechzig"],
            &["siebzig"],
            &["achtzig"],
            &["neunzig"],
        ],
        Lang::Ja | Lang::Zh => [
            &["二十"],
            &["三十"],
            &["四十"],
            &["五十"],
            &["六十"],
            &["七十"],
            &["八十"],
            &["九十"],
        ],
        Lang::Ko => [
            &["스물", "이십"],
            &["서른", "삼십"],
            &["마흔", "사십"],
            &["쉰", "오십"],
            &["예순", "육십"],
            &["일흔", "칠십"],
            &["여든", "팔십"],
            &["아흔", "구십"],
        ],
        Lang::Ar => [
            &["عشرين", "عشرون"],
            &["ثلاثين", "ثلاثون"],
            &["أربعين", "أربعون"],
            &["خمسين", "خمسون"],
            &["ستين", "ستون"],
            &["سبعين", "سبعون"],
            &["ثمانين", "ثمانون"],
            &["تسعين", "تسعون"],
        ],
        Lang::He => [
            &["עשרים"],
            &["שלושים"],
            &["ארבעים"],
            &["חמישים"],
            &["שישים"],
            &["שבעים"],
            &["שמונים"],
            &["תשעים"],
        ],
        Lang::Tr => [
            &["yirmi"],
            &["otuz"],
            &["kırk"],
            &["elli"],
            &["altmış"],
            &["yetmiş"],
            &["seksen"],
            &["doksan"],
        ],
        Lang::En | Lang::Other => return None,
    };
    Some(table[(n / 10 - 2) as usize])
}

/// Whether the target writes the small number `n` (1 to 12, or tens up to
/// 90) as a word.
fn spelled_out(lang: Lang, n: u32, target: &str) -> bool {
    if n >= 20 {
        // No word list: a number may be a word we cannot read.
        let Some(words) = tens(lang, n) else {
            return true;
        };
        let lower = target.to_lowercase();
        return words.iter().any(|w| lower.contains(w));
    }
    let words: &[&[&str]] = match lang {
        Lang::De => &[
            &["ein", "erst"],
            &["zwei", "beide", "doppel"],
            &["drei", "dritt"],
            &["vier"],
            &["fünf"],
            &["sechs"],
            &["sieben", "siebt"],
            &["acht"],
            &["neun"],
            &["zehn"],
            &["elf"],
            &["zwölf"],
        ],
        Lang::Ja | Lang::Zh => &[
            &["一", "単", "單", "初"],
            &["二", "両", "兩", "双", "雙"],
            &["三"],
            &["四"],
            &["五"],
            &["六"],
            &["七"],
            &["八"],
            &["九"],
            &["十"],
            &["十一"],
            &["十二"],
        ],
        Lang::Ko => {
            let native: &[&[&str]] = &[
                &["한", "하나", "첫", "단일"],
                &["두", "둘"],
                &["세", "셋"],
                &["네", "넷"],
                &["다섯"],
                &["여섯"],
                &["일곱"],
                &["여덟"],
                &["아홉"],
                &["열"],
                &["열한"],
                &["열두"],
            ];
            // Korean number words are short; only a word's start counts.
            return target
                .split_whitespace()
                .any(|w| native[n as usize - 1].iter().any(|k| w.starts_with(k)));
        }
        Lang::Tr => &[
            &["bir", "ilk", "tek"],
            &["iki"],
            &["üç"],
            &["dört"],
            &["beş"],
            &["altı"],
            &["yedi"],
            &["sekiz"],
            &["dokuz"],
            &["on"],
            &["on bir"],
            &["on iki"],
        ],
        Lang::Ar => &[
            &["واحد", "أول", "الأول"],
            &["اثن", "ثنائي"],
            &["ثلاث"],
            &["أربع", "اربع"],
            &["خمس"],
            &["ست"],
            &["سبع"],
            &["ثمان"],
            &["تسع"],
            &["عشر"],
            &["عشر"],
            &["عشر"],
        ],
        Lang::He => &[
            &["אחד", "אחת", "ראשון"],
            &["שני", "שתי"],
            &["שלוש"],
            &["ארבע"],
            &["חמש"],
            &["שש"],
            &["שבע"],
            &["שמונה"],
            &["תשע"],
            &["עשר"],
            &["עשר"],
            &["עשר"],
        ],
        // No word list: a small number may be a word we cannot read.
        Lang::En | Lang::Other => return true,
    };
    let lower = target.to_lowercase();
    words[n as usize - 1].iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::super::Side;
    use super::super::tests::{one_finding, pair_findings, store_of};

    fn numbers(locale: &str, source: &str, target: &str) -> Vec<String> {
        pair_findings(locale, source, target)
            .into_iter()
            .filter(|h| h.starts_with("number"))
            .collect()
    }

    #[test]
    fn the_first_lost_number_is_the_findings_place_in_the_source() {
        let source = "Keep **`logs`** for 90 days, then 120 more.";
        let store = store_of("ja-jp", &[(source, "`logs` を 30 日間保持します。")]);
        let (finding, text) = one_finding(&store, "number-mismatch");
        assert_eq!(finding.spots.first().map(|s| s.side), Some(Side::Source));
        assert_eq!(text, "90", "{}", finding.message);
    }

    #[test]
    fn a_changed_number_is_missing() {
        // ja-jp, partner-center: the form is 1042-S.
        assert_eq!(
            numbers(
                "ja-jp",
                "**What sales are reported on form 1042-S?**",
                "**フォーム 104-S ではどのような売り上げが報告されますか。**"
            ),
            ["number-mismatch: number 1042 missing in target"]
        );
        // he-il, customer-insights: ten million became one million.
        assert_eq!(
            numbers(
                "he-il",
                "Exporting segments with a total of 10 million profiles can take up to 90 minutes to complete.",
                "ייצוא פלחים עם מיליון פרופילים בסך הכל עשוי להימשך עד 90 דקות."
            ),
            ["number-mismatch: number 10 missing in target"]
        );
        // zh-tw, nuget-docs: a full stop inside a version number.
        assert_eq!(
            numbers("zh-tw", ".NET Framework 4.7.2", ".NET Framework 4.7。2"),
            ["number-mismatch: number 4.7.2 missing in target"]
        );
    }

    #[test]
    fn locale_forms_of_the_same_number() {
        for (locale, source, target) in [
            (
                "de-de",
                "It costs $1,000.50 per year.",
                "Es kostet 1.000,50 $ pro Jahr.",
            ),
            (
                "de-de",
                "Up to 250,000 profiles.",
                "Bis zu 250 000 Profile.",
            ),
            (
                "ja-jp",
                "Enter 2020 and 15.",
                "２０２０ と １５ を入力します。",
            ),
            ("ar-sa", "Wait 90 days.", "انتظر ٩٠ يومًا."),
            // ar-sa, customer-insights: sixty written as a word.
            (
                "ar-sa",
                "They will stop being active customers in the next 60 days.",
                "لن يعودوا من العملاء النشطاء خلال الستين يومًا القادمة.",
            ),
            (
                "ja-jp",
                "A partner with $150,000 in revenue.",
                "$15万の収益があるパートナー。",
            ),
            (
                "ko-kr",
                "At least USD 300K in revenue.",
                "최소 30만 USD의 수익.",
            ),
            (
                "ja-jp",
                "On 2/12/17 you add a license.",
                "2017/2/12 に、ライセンスを追加します。",
            ),
            ("ja-jp", "October 01, 2019", "2019 年 10 月 1 日"),
            (
                "de-de",
                "September 16 at 7:30 PM Pacific Time",
                "16. September, 19:30 Uhr Pacific Time",
            ),
            (
                "ko-kr",
                "available January 6 at 6:00 PM",
                "1월 6일 오후 6시부터 이용 가능",
            ),
            (
                "ar-sa",
                "Up to 1 million profiles per export.",
                "حتى مليون من ملفات التعريف لكل تصدير.",
            ),
            (
                "de-de",
                "This is the period when you had 2 licenses.",
                "Dies ist der Zeitraum, in dem Sie zwei Lizenzen besessen haben.",
            ),
            ("zh-tw", "**Month 3 (1st week)**", "**第3個月 (第一周)**"),
            (
                "ko-kr",
                "perform 24 X 7 operational management",
                "연중무휴 운영을 관리",
            ),
            (
                "de-de",
                "The March preview was updated on 2020-02-14, 1PM PST.",
                "Die Vorschau wurde am 14. Februar 2020 um 13 Uhr PST aktualisiert.",
            ),
            (
                "de-de",
                "Complete it before March 31,2021.",
                "Schließen Sie es vor dem 31. März 2021 ab.",
            ),
            (
                "ko-kr",
                "Consult the December 19 price list.",
                "2019년 12월 가격표를 참조하세요.",
            ),
            (
                "zh-tw",
                "Use the **3rd party** tool.",
                "使用**協力廠商**工具。",
            ),
            (
                "ja-jp",
                "Perpetual software will receive a 100% credit.",
                "永続的ソフトウェアの場合は全額返金されます。",
            ),
            (
                "ko-kr",
                "There is a 1-1 relationship.",
                "일대일 관계가 있습니다.",
            ),
            (
                "ko-kr",
                "Live event limits to 20 K participants",
                "라이브 이벤트는 참가자 20000명으로 제한",
            ),
            // zh-tw, nuget-docs: a version range lists two numbers.
            (
                "zh-tw",
                "The range *[1.0,2.0]* does not include 2.0-beta.",
                "版本範圍 *[1.0,2.0]* 不包括 2.0 beta 版。",
            ),
        ] {
            assert!(
                numbers(locale, source, target).is_empty(),
                "{source} → {target}"
            );
        }
    }

    #[test]
    fn digits_in_code_urls_and_identifiers_are_not_numbers() {
        for (source, target) in [
            (
                "See [the issue](https://github.com/NuGet/Home/issues/1274).",
                "請參閱[問題](https://github.com/NuGet/Home/issues/1275)。",
            ),
            (
                "Run `nuget push -Timeout 300`.",
                "執行 `nuget push -Timeout 300`。",
            ),
            (
                "Office 365 A5 for faculty | 5d7c0030-c2e9-4a8c-bed3-5a6dbf1e4449",
                "適用於教職員的 Office 365 A5",
            ),
            ("Error NU3003 is raised in Q2 CY2020.", "會引發錯誤。"),
        ] {
            assert!(numbers("zh-tw", source, target).is_empty(), "{source}");
        }
    }
}
