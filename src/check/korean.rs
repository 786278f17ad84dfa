//! `korean-spacing`: spaces the translation engine put inside Korean words
//! (`선택 하 고`, `합 니다`, `에 게`, `테 넌 트`, `사용 하는`).
//!
//! Korean writes a verb made from a noun with 하다/되다 as one word
//! (`확인하여`, `사용되는`), and a particle or ending never starts a word.
//! Each rule below names a joint where a space cannot be; a space after a
//! particle (`사용자가 될`, `설정을 하는`) is left alone.

use super::lang::{Lang, is_hangul_syllable};
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::{Check, Default, Pair, Report, Run, Side, quote_distinct};
use crate::mqm::Severity;

pub const KOREAN_SPACING: Check = Check {
    name: "korean-spacing",
    severity: Severity::Minor,
    category: "fluency/spelling",
    description: "Korean: spaces inside words (`선택 하 고`, `합 니다`, `에 게`, `테 넌 트`) or before a particle (`**소프트웨어** 를`)",
    default: Default::On,
    run: Run::Pair(korean_spacing),
};

/// Endings that only ever continue a word.
const BOUND_STARTS: &[&str] = &["니다", "습니다", "십시오", "니까"];

/// Forms of 하다/되다 that attach to the noun before them.
const VERB_FORMS: &[&str] = &[
    "하는",
    "하기",
    "하고",
    "하여",
    "하면",
    "하지",
    "하게",
    "하도록",
    "하려면",
    "하거나",
    "합니다",
    "했습니다",
    "해야",
    "해서",
    "된",
    "될",
    "되는",
    "되어",
    "되면",
    "됩니다",
    "되었습니다",
    "되고",
    "되지",
    "됨",
    "되며",
    "되도록",
];

/// Last syllables after which a space is grammar: particles, adverbs, endings.
const WORD_ENDS: &[char] = &[
    '가', '이', '은', '는', '을', '를', '에', '의', '로', '도', '와', '과', '만', '서', '게', '고',
    '면', '며', '지', '잘', '안', '못', '다', '더', '또', '꼭', '좀', '까', '요', '야', '든', '께',
    '나', '죠', '된', '한', '할', '될', '운', '인', '적', '수',
];

/// One-syllable words that stand alone in ordinary Korean.
const ONE_SYLLABLE_WORDS: &[char] = &[
    '수', '및', '한', '대', '된', '될', '볼', '할', '줄', '알', '켤', '열', '일', '이', '새', '예',
    '더', '잘', '각', '때', '후', '전', '중', '두', '세', '네', '몇', '첫', '총', '그', '저', '내',
    '외', '등', '또', '곧', '안', '못', '다', '좀', '왜', '꼭', '개', '번', '달', '년', '월', '시',
    '분', '초', '명', '건', '곳', '점', '쪽', '앱', '웹', '팀', '키', '큐', '값', '섬', '룸', '칩',
    '것', '데', '뿐', '듯', '채', '씩', '위', '간', '별', '용', '인', '의', '를', '을', '은', '는',
    '가', '에', '로', '와', '과', '도', '만', '나', '약', '집', '차', '앞', '뒤', '밖', '옆', '말',
    '날', '해', '주', '순', '됨', '당', '비', '서', '칸',
];

/// The word lists as sets: the check asks about every pair of Hangul words
/// of a Korean target, and scanning the lists for each pair made this check a
/// fifth of `sxs check`'s instructions on a Korean set.
struct Lexicon {
    verb_forms: FxHashSet<&'static str>,
    word_ends: FxHashSet<char>,
    one_syllable_words: FxHashSet<char>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    verb_forms: VERB_FORMS.iter().copied().collect(),
    word_ends: WORD_ENDS.iter().copied().collect(),
    one_syllable_words: ONE_SYLLABLE_WORDS.iter().copied().collect(),
});

fn korean_spacing(pair: &Pair, out: &mut Report) {
    if pair.lang != Lang::Ko {
        return;
    }
    let text = &pair.target.text;
    // Byte offset of each word: words are slices of `text`.
    let tokens: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
        .collect();
    fn core(t: &str) -> &str {
        t.trim_matches(|c: char| !is_hangul_syllable(c))
    }
    let ends_hangul = |t: &str| t.chars().next_back().is_some_and(is_hangul_syllable);
    let starts_hangul = |t: &str| t.chars().next().is_some_and(is_hangul_syllable);
    let single = |t: &str| t.chars().count() == 1 && starts_hangul(t);
    let lexicon = &*LEXICON;
    let ends_a_word = |t: &str| {
        t.chars()
            .next_back()
            .is_some_and(|c| lexicon.word_ends.contains(&c))
    };
    // bad[i]: the space before token i is inside a word.
    let mut bad = vec![false; tokens.len()];
    for i in 1..tokens.len() {
        let (prev, this) = (tokens[i - 1].1, tokens[i].1);
        if !ends_hangul(prev) || !starts_hangul(this) {
            continue;
        }
        let next = tokens.get(i + 1).map(|t| t.1);
        let this_core = core(this);
        // A lone verb stem: `확인 하 여`, `변경 되 고`.
        if matches!(this, "하" | "되") {
            bad[i] = !ends_a_word(prev);
            if next.is_some_and(starts_hangul) {
                bad[i + 1] = true;
            }
        }
        if BOUND_STARTS.iter().any(|b| this.starts_with(b)) {
            bad[i] = true;
        }
        // `에 대 한`: 대한 is one word.
        if prev == "대" && (this.starts_with('한') || this.starts_with('해')) {
            bad[i] = true;
        }
        // `파트너에 게`: the particle 에게.
        if prev.ends_with('에') && matches!(this_core, "게" | "게는" | "게서") {
            bad[i] = true;
        }
        // `테 넌 트`: a loanword in pieces.
        let loose = |t: &str| {
            single(t)
                && !t
                    .chars()
                    .next()
                    .is_some_and(|c| lexicon.one_syllable_words.contains(&c))
        };
        if loose(prev) && loose(this_core) {
            bad[i] = true;
        }
        // `사용 하는`: a verb form after a bare noun of two or more syllables.
        if lexicon.verb_forms.contains(this_core)
            && prev.chars().count() >= 2
            && prev.chars().all(is_hangul_syllable)
            && !ends_a_word(prev)
        {
            bad[i] = true;
        }
    }
    let mut shown: Vec<&str> = Vec::new();
    // Each run is a place of the finding.
    let mut places: Vec<Range<usize>> = Vec::new();
    let mut i = 1;
    while i < tokens.len() {
        if !bad[i] {
            i += 1;
            continue;
        }
        let start = tokens[i - 1].0;
        while i + 1 < tokens.len() && bad[i + 1] {
            i += 1;
        }
        let (at, last) = tokens[i];
        let span = text[start..at + last.len()].trim_end_matches(|c: char| !is_hangul_syllable(c));
        places.push(pair.target.raw_range_of(span));
        shown.push(span);
        i += 1;
    }
    if !shown.is_empty() {
        let quoted = quote_distinct(shown.iter().map(|s| format!("`{s}`")));
        let message = format!("space inside a word: {quoted}");
        out.push_at_each(Side::Target, places, message);
    }
    if let Some((at, particle)) = particle_apart(pair.target.raw) {
        out.push_at(
            Side::Target,
            at.clone(),
            format!("particle `{particle}` set apart from the marked word before it"),
        );
    }
}

/// Particles that attach to the word before them.
const PARTICLES: &[&str] = &[
    "를", "을", "이", "가", "은", "는", "에", "의", "로", "으로", "와", "과", "도", "에서", "에게",
    "만",
];

/// ` 를` after bold, code or a link (`**소프트웨어** 를`): Markdown would have
/// rendered `**소프트웨어**를`, so the space is the engine's. The raw range of
/// the space and particle, and the particle.
fn particle_apart(raw: &str) -> Option<(Range<usize>, &str)> {
    raw.match_indices(' ').find_map(|(at, _)| {
        // Markup first: few spaces follow it, and it is cheaper to ask.
        if !raw[..at].ends_with(['*', '`', ')', ']']) {
            return None;
        }
        let rest = &raw[at + 1..];
        let particle = PARTICLES.iter().find(|p| {
            rest.strip_prefix(**p)
                .is_some_and(|after| after.is_empty() || after.starts_with([' ', '.', ',', ')']))
        })?;
        Some((at..at + 1 + particle.len(), *particle))
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one_finding, pair_findings, store_of};

    fn spacing(target: &str) -> Vec<String> {
        pair_findings("ko-kr", "Source text here.", target)
            .into_iter()
            .filter(|h| h.starts_with("korean"))
            .collect()
    }

    #[test]
    fn a_huge_segment_names_a_few_words_and_places_and_counts_the_rest() {
        // Ten thousand distinct split words: quoted five, placed twenty,
        // and in linear time (the distinct quotes were looked up in a list).
        let words: Vec<String> = (0..10_000u32)
            .map(|i| {
                let syllable = |n: u32| char::from_u32(0xac00 + n % 11_172).unwrap();
                format!("{}{} 하 고", syllable(i), syllable(i / 97 + 3))
            })
            .collect();
        let store = store_of("ko-kr", &[("Source text here.", &words.join(" "))]);
        let options = super::super::Options::select(&["korean-spacing".into()], &[]).unwrap();
        let found = super::super::run(&store, &options);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].spots.len(), super::super::MAX_SPOTS);
        assert!(
            found[0].message.ends_with("and 9995 more"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn words_split_by_the_engine() {
        // ko-kr, partner-center.
        assert_eq!(
            spacing("공급자와 협력 하 여 자본 투자를 합 니다."),
            ["korean-spacing: space inside a word: `협력 하 여`, `합 니다`"]
        );
        assert_eq!(
            spacing("방법에 대 한 자세한 내용은 파트너에 게 문의하세요."),
            ["korean-spacing: space inside a word: `대 한`, `파트너에 게`"]
        );
        assert_eq!(
            spacing("(2) 테 넌 트 사용자 로그인이 사용 하는 경우"),
            ["korean-spacing: space inside a word: `테 넌 트`, `사용 하는`"]
        );
        // The space after the particle stays; the one inside 되면 goes.
        assert_eq!(
            spacing("파트너 네트워크 멤버가 되 면 액세스할 수 있습니다."),
            ["korean-spacing: space inside a word: `되 면`"]
        );
    }

    #[test]
    fn the_first_split_word_is_the_findings_place_in_the_raw_target() {
        // After markup that the checks' text leaves out, so the place is
        // mapped back to the raw target.
        let target = "[**방법**](https://a.b/c)에 대 한 자세한 내용은 파트너에 게 문의하세요.";
        let store = store_of("ko-kr", &[("Source text here.", target)]);
        let (finding, text) = one_finding(&store, "korean-spacing");
        assert_eq!(text, "대 한", "{}", finding.message);
    }

    #[test]
    fn a_particle_set_apart_from_marked_words() {
        // ko-kr, partner-center.
        assert_eq!(
            spacing("고객의 세부 정보 페이지로 이동하여 **소프트웨어** 를 선택합니다."),
            ["korean-spacing: particle `를` set apart from the marked word before it"]
        );
        for target in [
            "**소프트웨어**를 선택합니다.",
            "**고객** 페이지에서",
            "`a` 또는 `b`",
        ] {
            assert!(spacing(target).is_empty(), "{target}");
        }
    }

    #[test]
    fn spaces_korean_grammar_wants() {
        for target in [
            "할 수 있습니다.",
            "사용자가 될 수 있습니다.",
            "설정을 하는 방법",
            "한 번 더 잘 이해하려면 두 개 만들어야 합니다.",
            "파트너 센터에서 확인합니다.",
            "Azure 하는",
        ] {
            assert!(spacing(target).is_empty(), "{target}");
        }
    }

    #[test]
    fn only_korean_targets_are_checked() {
        let hits = pair_findings("ja-jp", "Text.", "협력 하 여");
        assert!(hits.iter().all(|h| !h.starts_with("korean")), "{hits:?}");
    }
}
