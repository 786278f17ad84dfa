//! The target language as the locale-aware checks need it.

/// Languages with conventions some check knows; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ja,
    Zh,
    Ko,
    De,
    Tr,
    Ar,
    He,
    En,
    Other,
}

impl Lang {
    /// From a lower-case locale tag such as `ja-jp` or `zh-hant-tw`.
    pub fn of(locale: &str) -> Lang {
        match locale.split(['-', '_']).next().unwrap_or("") {
            "ja" => Lang::Ja,
            "zh" => Lang::Zh,
            "ko" => Lang::Ko,
            "de" => Lang::De,
            "tr" => Lang::Tr,
            "ar" => Lang::Ar,
            "he" | "iw" => Lang::He,
            "en" => Lang::En,
            _ => Lang::Other,
        }
    }
}

/// Han ideographs, kana and the CJK punctuation block.
pub fn is_cjk_char(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the
/// characters that make up nearly all the text checked: ASCII, Latin-1 and
/// Latin Extended (German, Turkish), Hebrew, Arabic, kana, Han and Hangul,
/// and the punctuation and spaces that come with them.
#[inline(always)]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        'À'..='Ö'
        | 'Ø'..='ö'
        | 'ø'..='ɏ'
        | 'א'..='ת'
        | 'ء'..='ي'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{30fc}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}' => true,
        '\u{a0}'
        | '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{30fb}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Runs of ASCII letters and digits: words that may pass untranslated. Read
/// byte by byte (no byte of a multi-byte character is an ASCII letter), and
/// eight bytes at a time through the CJK text between them, which is most of
/// a Japanese, Chinese or Korean target.
pub fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        i = next_alphanumeric(bytes, i);
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        (i > start).then(|| &text[start..i])
    })
}

/// The first ASCII letter or digit of `bytes` at `i` or after (else the end).
pub fn next_alphanumeric(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8)
            && u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HIGH == HIGH
        {
            // Eight bytes of multi-byte characters: no ASCII among them.
            i += 8;
            continue;
        }
        if bytes[i].is_ascii_alphanumeric() {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// One to eight ASCII letters and digits as a number, lower-cased: setting
/// 0x20 in each byte lower-cases a capital and leaves a digit as it is, and
/// as no letter or digit is 0, the zeros above a shorter word keep words
/// apart. Equal numbers, equal words whatever their case.
pub fn packed(word: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    u64::from_le_bytes(bytes) | 0x2020_2020_2020_2020 >> (8 * (8 - word.len()))
}

/// One character of a text as [`count_word_chars`] and the folding of
/// targets read it.
pub enum Char {
    Ascii(u8),
    /// A [word character](is_word_char) of three bytes without case: a CJK
    /// ideograph, kana or a Hangul syllable.
    Caseless,
    /// Kana that is no word character (`゛`, `゠`, `・`).
    NotWord,
    /// Anything else, decoded.
    Other(char),
}

/// The character at byte `i` of `text` and its length. Told by lead byte
/// where that settles it (ASCII; U+5000 to U+9FFF, all CJK ideographs; U+B000
/// to U+CFFF, all Hangul syllables) and kana by their code: most of a
/// Japanese, Chinese or Korean text, read without the Unicode tables.
/// Inlined: called per character, where a call costs more than the answer.
#[inline(always)]
pub fn char_at(text: &str, i: usize) -> (Char, usize) {
    let bytes = text.as_bytes();
    match bytes[i] {
        b @ 0..0x80 => (Char::Ascii(b), 1),
        0xe5..=0xe9 | 0xeb | 0xec => (Char::Caseless, 3),
        0xe3 if matches!(bytes[i + 1], 0x81..=0x83) => {
            let c = 0x3000 | u32::from(bytes[i + 1] & 0x3f) << 6 | u32::from(bytes[i + 2] & 0x3f);
            let word =
                matches!(c, 0x3041..=0x3096 | 0x309d..=0x309f | 0x30a1..=0x30fa | 0x30fc..=0x30ff);
            (if word { Char::Caseless } else { Char::NotWord }, 3)
        }
        _ => {
            let c = text[i..].chars().next().expect("a character starts here");
            (Char::Other(c), c.len_utf8())
        }
    }
}

/// How many characters of `text` are [word characters](is_word_char).
/// Eight ASCII bytes are counted at once: English sources are mostly ASCII.
pub fn count_word_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < text.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if chunk & HIGH == 0 {
                count += ascii_alphanumerics(chunk);
                i += 8;
                continue;
            }
        }
        let (c, len) = char_at(text, i);
        count += usize::from(match c {
            Char::Ascii(b) => b.is_ascii_alphanumeric(),
            Char::Caseless => true,
            Char::NotWord => false,
            Char::Other(c) => is_word_char(c),
        });
        i += len;
    }
    count
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// How many of eight ASCII bytes are letters or digits. For bytes under 0x80,
/// adding `0x80 - lo` to each sets its high bit exactly when it is at least
/// `lo`, and no sum carries into the next byte.
fn ascii_alphanumerics(chunk: u64) -> usize {
    let each = |b: u8| u64::from_le_bytes([b; 8]);
    let at_least = |x: u64, lo: u8| x + each(0x80 - lo);
    let in_range = |x: u64, lo: u8, hi: u8| at_least(x, lo) & !at_least(x, hi + 1);
    // Setting bit 5 folds upper-case letters onto lower case, and moves no
    // other ASCII byte into `a..=z`.
    let letters = in_range(chunk | each(0x20), b'a', b'z');
    let digits = in_range(chunk, b'0', b'9');
    ((letters | digits) & HIGH).count_ones() as usize
}

pub fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{count_word_chars, is_word_char, latin_words};

    proptest! {
        /// Eight bytes at a time through CJK text finds the words a byte at
        /// a time finds, wherever they fall against the eight.
        #[test]
        fn latin_words_are_the_ascii_alphanumeric_runs(text in "[a-z0-9 .日本語한국어é]{0,40}") {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            prop_assert_eq!(latin_words(&text).collect::<Vec<_>>(), expected);
        }
    }

    proptest! {
        /// Eight ASCII bytes at a time count what one character at a time
        /// counts, wherever the ASCII runs start and end.
        #[test]
        fn word_characters_are_counted_as_one_by_one(text in "[a-zA-Z0-9 .,_@`\\[{~\x7f\x00é日한]{0,40}") {
            prop_assert_eq!(count_word_chars(&text), text.chars().filter(|&c| is_word_char(c)).count());
        }
    }

    #[test]
    fn every_ascii_byte_is_counted_right_at_every_place_of_eight() {
        for b in 0..0x80u8 {
            for at in 0..8 {
                let mut text = *b"........";
                text[at] = b;
                let text = std::str::from_utf8(&text).expect("ASCII");
                assert_eq!(
                    count_word_chars(text),
                    usize::from(b.is_ascii_alphanumeric()),
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn the_lead_byte_shortcuts_count_what_the_character_test_counts() {
        for c in '\0'..=char::MAX {
            let text = format!("{c}a{c}");
            assert_eq!(
                count_word_chars(&text),
                1 + 2 * usize::from(is_word_char(c)),
                "{:x}",
                c as u32
            );
        }
    }

    #[test]
    fn fast_word_chars_agree_with_the_unicode_tables() {
        for c in ('\0'..='\u{ffff}').filter(|c| !c.is_control()) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{:x}", c as u32);
        }
    }
}
