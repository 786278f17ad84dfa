//! The raw form of a segment: its markup exactly as the file has it, made
//! safe to draw, and styled so that a misplaced tag or `**` stands out. The
//! text the display form shows keeps the display form's style (bold, code,
//! link target); the syntax the display form hides (`**`, `](`, tags,
//! entities, backslashes) is dimmed as markup.
//!
//! The styles come from the display form itself, mapped back to raw bytes,
//! so the raw view can never disagree with the panes about what is bold.

use crate::text::{Style, StyledText, display_form, sanitize_part};

/// The raw form of `raw`, without the blank lines a segment can start or end
/// with (a span that opens on its own line).
pub fn raw_form(raw: &str) -> StyledText {
    let (start, end) = without_blank_lines(raw);
    // Offsets into the whole of `raw`, so that spans marked on it map here.
    let shown = sanitize_part(raw, start..end);
    let by_byte = display_styles(raw);
    // Group the shown text's characters by the style of the raw byte they
    // come from: one pass of `with_flag` per style.
    let mut groups: Vec<(Style, Vec<std::ops::Range<usize>>)> = Vec::new();
    let text = shown.text();
    for (at, c) in text.char_indices() {
        let from = shown.raw_offset(at);
        let style = by_byte
            .get(from)
            .copied()
            .flatten()
            .unwrap_or(Style::MARKUP);
        if style == Style::PLAIN {
            continue;
        }
        let range = at..at + c.len_utf8();
        let group = match groups.iter_mut().find(|(s, _)| *s == style) {
            Some(group) => &mut group.1,
            None => {
                groups.push((style, Vec::new()));
                &mut groups.last_mut().expect("just pushed").1
            }
        };
        match group.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => group.push(range),
        }
    }
    groups
        .iter()
        .fold(shown.clone(), |styled, (style, ranges)| {
            styled.with_flag(ranges, *style)
        })
}

/// The style the display form gives each raw byte it shows as it is; `None`
/// for the bytes it hides or replaces (syntax, entities).
fn display_styles(raw: &str) -> Vec<Option<Style>> {
    let display = display_form(raw);
    let text = display.text();
    let mut out = vec![None; raw.len()];
    for (range, style) in display.runs() {
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            let shown = &text[at..at + c.len_utf8()];
            let from = display.raw_range(at..at + c.len_utf8());
            if raw.get(from.clone()) == Some(shown) {
                out[from].iter_mut().for_each(|b| *b = Some(style));
            }
        }
    }
    out
}

/// The byte range of `raw` without its leading and trailing blank lines.
fn without_blank_lines(raw: &str) -> (usize, usize) {
    let blank = |c: char| c.is_ascii_whitespace();
    let lead = raw.len() - raw.trim_start_matches(blank).len();
    let start = raw[..lead].rfind('\n').map_or(0, |nl| nl + 1);
    let end = raw.trim_end_matches(blank).len().max(start);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `styled` with the runs that carry `flag` in brackets.
    fn marked(styled: &StyledText, flag: Style) -> String {
        styled
            .runs()
            .map(|(range, style)| {
                let text = &styled.text()[range];
                match style.contains(flag) {
                    true => format!("[{text}]"),
                    false => text.to_string(),
                }
            })
            .collect()
    }

    #[test]
    fn a_misplaced_bold_shows_its_stars_dimmed_and_its_text_bold() {
        let raw = "**ダッシュ ボード**メニューの **顧客**選び**顧客の追加**します。";
        let form = raw_form(raw);
        assert_eq!(form.text(), raw, "every character of the markup is shown");
        assert_eq!(
            marked(&form, Style::MARKUP),
            "[**]ダッシュ ボード[**]メニューの [**]顧客[**]選び[**]顧客の追加[**]します。"
        );
        assert_eq!(
            marked(&form, Style::BOLD),
            "**[ダッシュ ボード]**メニューの **[顧客]**選び**[顧客の追加]**します。"
        );
    }

    #[test]
    fn links_tags_and_entities_are_markup_and_the_target_keeps_its_style() {
        let form = raw_form("See [the docs](https://x.y/a) <b>now</b>&nbsp;`c`.");
        assert_eq!(
            marked(&form, Style::MARKUP),
            "See [[]the docs[](]https://x.y/a[)] [<b>]now[</b>&nbsp;`]c[`]."
        );
        assert_eq!(
            marked(&form, Style::URL),
            "See [the docs](https://x.y/a) <b>now</b>&nbsp;`c`."
                .replace("https://x.y/a", "[https://x.y/a]")
        );
    }

    #[test]
    fn blank_lines_around_go_and_escapes_never_reach_the_terminal() {
        let form = raw_form("\n   **a**\x1b[2J\n  ");
        assert_eq!(form.text(), "   **a**");
        assert!(!form.text().contains('\x1b'));
    }
}
