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

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII,
/// kana, Han and Hangul, which make up nearly all the text checked.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c,
        '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}')
        || c.is_alphanumeric()
}

pub fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::is_word_char;

    #[test]
    fn fast_word_chars_agree_with_the_unicode_tables() {
        for c in ('\0'..='\u{ffff}').filter(|c| !c.is_control()) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{:x}", c as u32);
        }
    }
}
