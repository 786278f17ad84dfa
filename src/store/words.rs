//! Word counts of English source text, the base of MQM scores.

use unicode_segmentation::UnicodeSegmentation;

use crate::text::inline::{Decoded, Inline, Token};

/// Words a reader sees in a source, as the inline scanner leaves them
/// visible: link targets, URLs in angle brackets, tags and comments are not
/// words; code is.
pub fn source_words(raw: &str) -> usize {
    let mut visible = String::with_capacity(raw.len());
    for token in Inline::of(raw).tokens {
        match token {
            Token::Text(r) | Token::Escaped(r) | Token::Code(r) => visible.push_str(&raw[r]),
            Token::NoLoc { text, .. } => visible.push_str(&raw[text]),
            Token::Delim(d) => visible.push_str(&raw[d.shown()]),
            Token::Bracket {
                range,
                matched: false,
                ..
            } => visible.push_str(&raw[range]),
            Token::Entity { text, .. } => match text {
                Decoded::Char(c) => visible.push(c),
                Decoded::Named(s) => visible.push_str(s),
            },
            // Markup between two words keeps them apart.
            Token::Tag(_) | Token::PseudoTag(_) | Token::LineBreak(_) | Token::Comment(_) => {
                visible.push(' ')
            }
            Token::Hidden(_)
            | Token::CodeMark(_)
            | Token::Bracket { .. }
            | Token::Target { .. }
            | Token::Autolink(_)
            | Token::Xref(_) => {}
        }
    }
    visible.unicode_words().count()
}

#[cfg(test)]
mod tests {
    use super::source_words;

    #[test]
    fn tags_and_link_targets_are_not_counted() {
        assert_eq!(source_words("Find the [contact](/a/b-c/d.md) here."), 4);
        assert_eq!(source_words("<strong>Other</strong> discounts"), 2);
        assert_eq!(source_words("Use `Install-Module` <unclosed"), 4);
        assert_eq!(
            source_words("x<sup>2</sup> and <https://a.b/c> caf&#233; &amp;"),
            4
        );
        assert_eq!(source_words(""), 0);
    }
}
