//! The display form of one segment's inline Markdown and HTML.
//!
//! What the panes show, styled, with the markup that matters for review still
//! visible:
//!
//! | raw | shown |
//! |---|---|
//! | `**b**` `__b__` `<strong>b</strong>` `<b>` | `b` bold |
//! | `*i*` `_i_` `<em>i</em>` `<i>` | `i` italic (`snake_case` stays as it is) |
//! | `` `c` `` | `` `c` ``: contents literal, backticks dimmed |
//! | `[text](url "title")` `<a href="url">text</a>` | `text ⟨url "title"⟩`: link text, dimmed target |
//! | `![alt](src)` | `alt ⟨src⟩` |
//! | `<https://x>` | `https://x` as a link |
//! | `<xref:Some.Type>` | `⟨xref:Some.Type⟩` |
//! | `<br>` | a line break |
//! | other HTML tags, comments, `:::no-loc text="`…`":::` | as they are, dimmed |
//! | `<String>`, `<source_id>`, `<a0>` (not HTML) | as they are |
//! | `&lt;` `&nbsp;` `&#233;` `&#x2714;` | the character |
//! | `\*` `\<` `\"` | the character, without the backslash |
//!
//! Emphasis follows the CommonMark delimiter rules, so a reviewer sees stray
//! `**` exactly where a renderer would show them. Block syntax (headings, list
//! markers) is not part of a segment and is shown as it is, as is everything not
//! recognised. The raw text is never changed; the display text is sanitised.

use std::ops::Range;

use super::entities::Decoded;
use super::inline::{Inline, SPECIAL, SpanKind, Token};
use super::sanitize::{Origin, sanitize_into};
use super::styled::{Style, StyledText};

/// Raw inline Markdown/HTML of one segment → styled, terminal-safe display text.
pub fn display_form(raw: &str) -> StyledText {
    let mut out = StyledText::default();
    let shown = shown_range(raw);
    if !raw[shown.clone()].bytes().any(|b| SPECIAL[usize::from(b)]) {
        sanitize_into(
            &mut out,
            &raw[shown.clone()],
            Origin::At(shown.start),
            Style::PLAIN,
        );
        return out.finish();
    }
    render(raw, &Inline::parse(raw, shown), &mut out);
    out.finish()
}

/// The raw text without blank lines before or after it (a segment that starts
/// on the line after its opening tag), so no pane shows an empty first row.
fn shown_range(raw: &str) -> Range<usize> {
    let blank = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let lead = raw.len() - raw.trim_start_matches(blank).len();
    let start = raw[..lead].rfind('\n').map_or(0, |nl| nl + 1);
    let trail = raw.trim_end_matches(blank).len().max(start);
    let end = raw[trail..].find('\n').map_or(raw.len(), |nl| trail + nl);
    start..end
}

fn style_of(kind: SpanKind) -> Style {
    match kind {
        SpanKind::Strong => Style::BOLD,
        SpanKind::Emphasis => Style::ITALIC,
        SpanKind::CodeTag => Style::CODE,
        SpanKind::Link { .. } => Style::LINK,
        SpanKind::Image { .. } => Style::IMAGE,
    }
}

/// A style change applied around a token: closes before its text, opens after.
struct Event {
    token: usize,
    open: bool,
    style: Style,
}

/// Writes the tokens with their styles. Neighbouring plain text goes out in
/// one piece, as if there had been no token boundary.
fn render(raw: &str, inline: &Inline, out: &mut StyledText) {
    let mut events: Vec<Event> = inline
        .spans
        .iter()
        .flat_map(|s| {
            let style = style_of(s.kind);
            [
                Event {
                    token: s.open,
                    open: true,
                    style,
                },
                Event {
                    token: s.close,
                    open: false,
                    style,
                },
            ]
        })
        .collect();
    events.sort_by_key(|e| e.token);
    let mut depth = [0u16; Style::COUNT];
    let current = |depth: &[u16; Style::COUNT]| {
        let bits = depth
            .iter()
            .enumerate()
            .filter(|(_, d)| **d > 0)
            .fold(0u16, |acc, (i, _)| acc | 1 << i);
        Style::from_bits(bits)
    };
    let change = |depth: &mut [u16; Style::COUNT], style: Style, open: bool| {
        for (i, d) in depth.iter_mut().enumerate() {
            if style.bits() & (1 << i) != 0 {
                *d = if open {
                    d.saturating_add(1)
                } else {
                    d.saturating_sub(1)
                };
            }
        }
    };
    let mut w = Writer { raw, pending: None };
    let mut events = events.iter().peekable();
    for (index, token) in inline.tokens.iter().enumerate() {
        let here: Vec<&Event> =
            std::iter::from_fn(|| events.next_if(|e| e.token == index)).collect();
        for e in here.iter().filter(|e| !e.open) {
            change(&mut depth, e.style, false);
        }
        let base = current(&depth);
        match token {
            Token::Text(r) | Token::Escaped(r) => w.text(out, r.clone(), base),
            Token::PseudoTag(t) => w.text(out, t.range.clone(), base),
            Token::Code(r) => w.text(out, r.clone(), base | Style::CODE),
            Token::CodeMark(r) | Token::Comment(r) => w.text(out, r.clone(), base | Style::MARKUP),
            Token::Tag(t) => w.text(out, t.range.clone(), base | Style::MARKUP),
            Token::Autolink(r) => w.text(out, r.clone(), base | Style::LINK),
            Token::Delim(d) => w.text(out, d.shown(), base),
            Token::Bracket { range, matched, .. } => {
                if !matched {
                    w.text(out, range.clone(), base);
                }
            }
            Token::NoLoc { range, text: inner } => {
                w.text(out, range.start..inner.start, base | Style::MARKUP);
                w.text(out, inner.clone(), base);
                w.text(out, inner.end..range.end, base | Style::MARKUP);
            }
            Token::Entity {
                raw: r,
                text: decoded,
            } => {
                let mut buf = [0; 4];
                let s = match decoded {
                    Decoded::Char(c) => &*c.encode_utf8(&mut buf),
                    Decoded::Named(s) => s,
                };
                w.lit(out, s, r.clone(), base);
            }
            Token::LineBreak(r) => {
                w.lit(out, "\n", r.clone(), base);
            }
            Token::Target { range, spaced } => {
                let open = if *spaced { " ⟨" } else { "⟨" };
                w.lit(out, open, range.start..range.start, base | Style::URL);
                w.text(out, range.clone(), base | Style::URL);
                w.lit(out, "⟩", range.end..range.end, base | Style::URL);
            }
            Token::Xref(r) => {
                w.lit(out, "⟨", r.start..r.start, base | Style::URL);
                w.text(out, r.clone(), base | Style::URL);
                w.lit(out, "⟩", r.end..r.end, base | Style::URL);
            }
            Token::Hidden(_) => {}
        }
        for e in here.iter().filter(|e| e.open) {
            change(&mut depth, e.style, true);
        }
    }
    w.flush(out);
}

/// Writes raw text, joining neighbouring stretches of one style.
struct Writer<'a> {
    raw: &'a str,
    /// Raw text waiting to be written in the style it was seen with.
    pending: Option<(Range<usize>, Style)>,
}

impl Writer<'_> {
    fn text(&mut self, out: &mut StyledText, range: Range<usize>, style: Style) {
        if range.is_empty() {
            return;
        }
        match &mut self.pending {
            Some((r, s)) if r.end == range.start && *s == style => r.end = range.end,
            _ => {
                self.flush(out);
                self.pending = Some((range, style));
            }
        }
    }

    fn flush(&mut self, out: &mut StyledText) {
        if let Some((r, s)) = self.pending.take() {
            sanitize_into(out, &self.raw[r.clone()], Origin::At(r.start), s);
        }
    }

    /// Text shown in place of the raw bytes `raw` (a decoded entity, ` ⟨`).
    fn lit(&mut self, out: &mut StyledText, text: &str, raw: Range<usize>, style: Style) {
        self.flush(out);
        sanitize_into(out, text, Origin::Replacing(raw), style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The display text with each styled run marked: `[b:bold]`.
    fn shown(raw: &str) -> String {
        let t = display_form(raw);
        let mut s = String::new();
        for (range, style) in t.runs() {
            let text = &t.text()[range];
            let tags: Vec<&str> = [
                (Style::BOLD, "b"),
                (Style::ITALIC, "i"),
                (Style::CODE, "code"),
                (Style::LINK, "link"),
                (Style::URL, "url"),
                (Style::IMAGE, "img"),
                (Style::MARKUP, "markup"),
                (Style::MARKER, "marker"),
            ]
            .into_iter()
            .filter(|(f, _)| style.contains(*f))
            .map(|(_, n)| n)
            .collect();
            if tags.is_empty() {
                s.push_str(text);
            } else {
                s.push_str(&format!("[{}:{}]", tags.join("+"), text));
            }
        }
        s
    }

    #[test]
    fn emphasis() {
        assert_eq!(shown("a **bold** b"), "a [b:bold] b");
        assert_eq!(
            shown("__bold__ and *it* and _it_"),
            "[b:bold] and [i:it] and [i:it]"
        );
        assert_eq!(shown("***both***"), "[b+i:both]");
        assert_eq!(shown("**太字**を選択"), "[b:太字]を選択");
    }

    #[test]
    fn snake_case_and_lone_stars_stay_literal() {
        assert_eq!(shown("use my_var_name here"), "use my_var_name here");
        assert_eq!(shown("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(shown("**unclosed"), "**unclosed");
    }

    #[test]
    fn bold_that_a_renderer_would_not_show_keeps_its_stars() {
        // Machine translation put brackets inside the bold: CommonMark renders
        // the stars literally, and so do we.
        assert_eq!(shown("**[保存]**を選択"), "**[保存]**を選択");
    }

    #[test]
    fn code_is_literal_with_backticks_dimmed() {
        assert_eq!(
            shown("run `a *b* <c>` now"),
            "run [markup:`][code:a *b* <c>][markup:`] now"
        );
        assert_eq!(shown("``a ` b``"), "[markup:``][code:a ` b][markup:``]");
        assert_eq!(shown("stray ` tick"), "stray ` tick");
    }

    #[test]
    fn links_show_their_target() {
        assert_eq!(
            shown("see [the docs](https://x.y/a_b_c \"T\")."),
            "see [link:the docs][url: ⟨https://x.y/a_b_c \"T\"⟩]."
        );
        assert_eq!(shown("[](empty.md)"), "[url: ⟨empty.md⟩]");
        assert_eq!(shown("[**b** t](u)"), "[b+link:b][link: t][url: ⟨u⟩]");
        assert_eq!(shown("[not a link] (u)"), "[not a link] (u)");
        // A link inside link text wins; the outer brackets stay text.
        assert_eq!(shown("[a [b](c) d](e)"), "[a [link:b][url: ⟨c⟩] d](e)");
    }

    #[test]
    fn images_and_linked_images() {
        assert_eq!(
            shown("![alt text](media/a.png)"),
            "[img:alt text][url: ⟨media/a.png⟩]"
        );
        assert_eq!(
            shown("[![alt](s.png)](b.png#lightbox)"),
            "[link+img:alt][link+url: ⟨s.png⟩][url: ⟨b.png#lightbox⟩]"
        );
    }

    #[test]
    fn autolinks_and_xrefs() {
        assert_eq!(
            shown("see <https://a.b/kb/1> now"),
            "see [link:https://a.b/kb/1] now"
        );
        assert_eq!(
            shown("<xref:System.String?displayProperty=nameWithType>"),
            "[url:⟨xref:System.String?displayProperty=nameWithType⟩]"
        );
    }

    #[test]
    fn html_tags() {
        assert_eq!(
            shown("<strong>x</strong> <em>y</em> <b>z</b>"),
            "[b:x] [i:y] [b:z]"
        );
        assert_eq!(shown("a<br>b<br/>c"), "a\nb\nc");
        assert_eq!(
            shown("<a href=\"#charge\">map</a>を参照"),
            "[link:map][url: ⟨#charge⟩]を参照"
        );
        assert_eq!(
            shown("<a name=\"13\">title</a>"),
            "[markup:<a name=\"13\">]title[markup:</a>]"
        );
        assert_eq!(shown("x<sup>2</sup>"), "x[markup:<sup>]2[markup:</sup>]");
        assert_eq!(shown("a <!-- note --> b"), "a [markup:<!-- note -->] b");
        // Unbalanced formatting tags do nothing and stay visible.
        assert_eq!(shown("<b>x</i> y"), "[markup:<b>]x[markup:</i>] y");
        assert_eq!(shown("<a href=\"u\">x"), "[markup:<a href=\"u\">]x");
        // Hiding the tag would hide the other attribute.
        assert_eq!(
            shown("<a href=\"u\" target=\"_blank\">x</a>"),
            "[markup:<a href=\"u\" target=\"_blank\">]x[markup:</a>]"
        );
    }

    #[test]
    fn pseudo_tags_are_text() {
        assert_eq!(
            shown("<String> and <source_id> and <a0></a0>"),
            "<String> and <source_id> and <a0></a0>"
        );
        assert_eq!(shown("x <= 5 < 6"), "x <= 5 < 6");
    }

    #[test]
    fn entities_and_escapes() {
        assert_eq!(
            shown("&lt;tag&gt; &amp; &quot;q&quot; caf&#233; &#x2714;"),
            "<tag> & \"q\" café ✔"
        );
        assert_eq!(shown("a&nbsp;b"), "a\u{a0}b");
        assert_eq!(
            shown("\\<b\\> \\\"q\\\" \\*no\\* C:\\Nu"),
            "<b> \"q\" *no* C:\\Nu"
        );
        assert_eq!(shown("AT&T &unknown;"), "AT&T &unknown;");
    }

    #[test]
    fn decoded_controls_are_still_sanitised() {
        assert_eq!(
            shown("a&#27;[31mb&#x202E;c"),
            "a[marker:␛][31mb[marker:⟨RLO⟩]c"
        );
    }

    #[test]
    fn escape_sequences_vanish_whole_even_where_they_look_like_markup() {
        // `ESC [` is not a link bracket.
        assert_eq!(
            shown("\x1b[1m**b**\x1b[0m [t](u)"),
            "[b:b] [link:t][url: ⟨u⟩]"
        );
        assert_eq!(shown("x\u{9b}1m`c`"), "x[markup:`][code:c][markup:`]");
    }

    #[test]
    fn include_and_no_loc() {
        assert_eq!(
            shown("[!INCLUDE[note](../includes/n.md)]"),
            "[!INCLUDE[link:note][url: ⟨../includes/n.md⟩]]"
        );
        assert_eq!(
            shown("Use :::no-loc text=\"Azure\"::: now"),
            "Use [markup::::no-loc text=\"]Azure[markup:\":::] now"
        );
    }

    #[test]
    fn blank_lines_around_a_segment_are_not_shown() {
        assert_eq!(shown("\n   <em>(usage-based)</em>"), "   [i:(usage-based)]");
        assert_eq!(shown(" lead\n\n  x  \n "), " lead\n\n  x  ");
        assert_eq!(shown("\n \n"), "");
    }

    #[test]
    fn offsets_map_back_to_the_raw_text() {
        let raw = "a **bold** &amp; [t](u)";
        let t = display_form(raw);
        let bold = t.text().find("bold").unwrap();
        assert_eq!(&raw[t.raw_range(bold..bold + 4)], "bold");
        let amp = t.text().find('&').unwrap();
        assert_eq!(&raw[t.raw_range(amp..amp + 1)], "&amp;");
        let u = t.text().find('u').unwrap();
        assert_eq!(&raw[t.raw_range(u..u + 1)], "u");
    }

    #[test]
    fn pathological_input_stays_fast() {
        for raw in [
            "*a".repeat(50_000),
            "`".repeat(30_000) + &"a`".repeat(10_000),
            "[".repeat(50_000),
            "<a href=x>".repeat(20_000),
            "[a](x".repeat(10_000),
            "[".repeat(20_000) + &"[a](b)".repeat(20_000),
            "<!--".repeat(50_000),
            "<a title=\"".repeat(20_000),
            ":::no-loc text=\"".repeat(10_000),
        ] {
            let start = std::time::Instant::now();
            let t = display_form(&raw);
            assert!(t.text().len() >= raw.len() / 2);
            // Quadratic work on these would take minutes unoptimised.
            assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
        }
    }
}
