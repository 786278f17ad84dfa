//! Word counts of English source text, the base of MQM scores.

use unicode_segmentation::UnicodeSegmentation;

/// Words a reader sees in a source: HTML tags and link targets are not words.
pub fn source_words(raw: &str) -> usize {
    let mut words = 0;
    let mut rest = raw;
    while !rest.is_empty() {
        let cut = rest.find(['<', ']']).unwrap_or(rest.len());
        words += rest[..cut].unicode_words().count();
        rest = &rest[cut..];
        rest = skip_markup(rest);
    }
    words
}

/// Skips a tag (`<…>`) or a link target (`](…)`) at the start of `rest`, or
/// one character when neither is complete.
fn skip_markup(rest: &str) -> &str {
    let closer = if rest.starts_with('<') {
        Some('>')
    } else if rest.starts_with("](") {
        Some(')')
    } else {
        None
    };
    match closer.and_then(|c| rest.find(c)) {
        Some(end) => &rest[end + 1..],
        None => rest.get(1..).unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::source_words;

    #[test]
    fn tags_and_link_targets_are_not_counted() {
        assert_eq!(source_words("Find the [contact](/a/b-c/d.md) here."), 4);
        assert_eq!(source_words("<strong>Other</strong> discounts"), 2);
        assert_eq!(source_words("Use `Install-Module` <unclosed"), 4);
        assert_eq!(source_words(""), 0);
    }
}
