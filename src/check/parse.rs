//! One pass over a segment's raw markup that finds what the checks compare:
//! inline code, links, HTML tags, emphasis delimiters, bracketed UI terms, and
//! the visible text with all of those taken out.
//!
//! This is deliberately not a full CommonMark parser: segment texts are single
//! inline runs, and the checks need counts and contents, not a tree. Where the
//! scanner guesses (emphasis flanking, link destinations) it follows CommonMark.

use super::lang::is_word_char;

/// Stands in the visible text for something that is not prose (inline code, a
/// URL), so that words on either side never join and numbers inside are not read.
pub const OBJECT: char = '\u{FFFC}';

/// A link as the scanner found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    /// Raw markup between the brackets; `None` for `<https://…>`, `<xref:…>`
    /// and `<a href>`, which have no Markdown link text.
    pub text: Option<&'a str>,
    pub dest: &'a str,
    pub image: bool,
    /// `[text] (dest)`: a space between `]` and `(`, so Markdown shows no link.
    pub spaced: bool,
}

/// An HTML-looking tag (`<sup>`, `</b>`, also pseudo-tags like `<String>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: &'a str,
    pub closing: bool,
}

/// What the checks compare in one side of a segment.
#[derive(Debug, Default)]
pub struct Parsed<'a> {
    pub raw: &'a str,
    /// Contents of inline code spans, byte for byte.
    pub code: Vec<&'a str>,
    pub links: Vec<Link<'a>>,
    /// URLs written out in the text (not Markdown links).
    pub bare_urls: Vec<&'a str>,
    pub tags: Vec<Tag<'a>>,
    /// `**`/`__` delimiters that can open or close strong emphasis.
    pub strong_delims: u32,
    /// `[…]` groups that are not links, `[!NOTE]` or `[!INCLUDE…]`: the way
    /// some locales write UI terms the source sets in bold.
    pub bracket_groups: u32,
    /// `「…」`/`『…』` groups, which CJK locales use for emphasis.
    pub corner_quotes: u32,
    /// The visible text: code spans and URLs as [`OBJECT`], tags, emphasis
    /// markers and link destinations removed, escapes and entities decoded.
    pub text: String,
    /// Byte offsets in `text` where an emphasis marker or a tag was removed:
    /// `**Entities** entities` is a label and a word, not a word twice.
    pub markup_edges: Vec<usize>,
}

impl<'a> Parsed<'a> {
    pub fn new(raw: &'a str) -> Parsed<'a> {
        let mut p = Scanner {
            raw,
            at: 0,
            out: Parsed {
                raw,
                text: String::with_capacity(raw.len()),
                ..Parsed::default()
            },
            opens: Vec::new(),
        };
        p.scan();
        p.out
    }

    /// Bold spans: `**…**` pairs plus `<b>`/`<strong>` elements.
    pub fn bold(&self) -> u32 {
        self.strong_delims / 2
            + self
                .tags
                .iter()
                .filter(|t| !t.closing && is_bold_tag(t.name))
                .count() as u32
    }

    /// Whitespace-separated words of the visible text, without the punctuation
    /// around them; code spans and URLs are never words.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.text
            .split(|c: char| c.is_whitespace() || c == OBJECT)
            .map(|w| w.trim_matches(|c: char| !is_word_char(c)))
            .filter(|w| !w.is_empty())
    }
}

pub fn is_bold_tag(name: &str) -> bool {
    name.eq_ignore_ascii_case("b") || name.eq_ignore_ascii_case("strong")
}

struct Scanner<'a> {
    raw: &'a str,
    at: usize,
    out: Parsed<'a>,
    /// Open `[`: where it stands, whether it is `![`, whether it was escaped.
    opens: Vec<Open>,
}

#[derive(Clone, Copy)]
struct Open {
    at: usize,
    image: bool,
    escaped: bool,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.raw[self.at..]
    }

    fn prev_char(&self) -> Option<char> {
        self.raw[..self.at].chars().next_back()
    }

    fn scan(&mut self) {
        while let Some(c) = self.rest().chars().next() {
            match c {
                '\\' => self.escape(),
                '`' => self.code(),
                '<' => self.angle(),
                '&' => self.entity(),
                '[' => {
                    let image = self.prev_char() == Some('!');
                    self.opens.push(Open {
                        at: self.at,
                        image,
                        escaped: false,
                    });
                    self.literal(c);
                }
                ']' => self.close_bracket(false),
                '*' | '_' => self.emphasis(c),
                '「' | '『' => {
                    self.out.corner_quotes += 1;
                    self.literal(c);
                }
                'h' | 'w' if self.at_url_start() => self.bare_url(),
                _ => self.plain(),
            }
        }
    }

    /// Copies the run of bytes up to the next one that may start markup; most
    /// of a segment is such a run. `「`/`『` start with 0xE3, as all kana do.
    fn plain(&mut self) {
        let rest = self.rest();
        let special = |b: &u8| {
            matches!(
                b,
                b'\\' | b'`' | b'<' | b'&' | b'[' | b']' | b'*' | b'_' | b'h' | b'w' | 0xe3
            )
        };
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let len = rest.as_bytes()[first..]
            .iter()
            .position(special)
            .map_or(rest.len(), |p| p + first);
        self.out.text.push_str(&rest[..len]);
        self.at += len;
    }

    fn literal(&mut self, c: char) {
        self.out.text.push(c);
        self.at += c.len_utf8();
    }

    /// `\*`, `\[`, `\<`: the character itself, never markup.
    fn escape(&mut self) {
        match self.rest()[1..].chars().next() {
            Some(next) if next.is_ascii_punctuation() => {
                self.at += 1;
                match next {
                    '[' => {
                        self.opens.push(Open {
                            at: self.at,
                            image: false,
                            escaped: true,
                        });
                        self.literal(next);
                    }
                    ']' => self.close_bracket(true),
                    _ => self.literal(next),
                }
            }
            _ => self.literal('\\'),
        }
    }

    /// A backtick run opens a code span only if a run of the same length closes it.
    fn code(&mut self) {
        let rest = self.rest();
        let n = rest.bytes().take_while(|&b| b == b'`').count();
        let mut search = n;
        while let Some(found) = rest[search..].find('`') {
            let start = search + found;
            let len = rest[start..].bytes().take_while(|&b| b == b'`').count();
            if len == n {
                self.out.code.push(&rest[n..start]);
                self.out.text.push(OBJECT);
                self.at += start + n;
                return;
            }
            search = start + len;
        }
        self.out.text.push_str(&rest[..n]);
        self.at += n;
    }

    fn angle(&mut self) {
        let rest = self.rest();
        let Some(end) = rest[1..].find(['>', '<', '\n']).map(|e| e + 1) else {
            return self.literal('<');
        };
        if rest.as_bytes()[end] != b'>' {
            return self.literal('<');
        }
        let inner = &rest[1..end];
        if inner.starts_with("xref:") || is_autolink(inner) {
            self.out.links.push(Link {
                text: None,
                dest: inner,
                image: false,
                spaced: false,
            });
            self.out.text.push(OBJECT);
        } else if let Some(tag) = tag(inner) {
            if tag.name.eq_ignore_ascii_case("a")
                && !tag.closing
                && let Some(href) = attribute(inner, "href")
            {
                self.out.links.push(Link {
                    text: None,
                    dest: href,
                    image: false,
                    spaced: false,
                });
            }
            if tag.name.eq_ignore_ascii_case("br") {
                self.out.text.push(' ');
            }
            self.out.markup_edges.push(self.out.text.len());
            self.out.tags.push(tag);
        } else {
            return self.literal('<');
        }
        self.at += end + 1;
    }

    fn entity(&mut self) {
        let rest = self.rest();
        let decoded = rest[1..]
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| decode_entity(&rest[1..semi + 1]).map(|c| (c, semi + 2)));
        match decoded {
            Some((c, len)) => {
                self.out.text.push(c);
                self.at += len;
            }
            None => self.literal('&'),
        }
    }

    /// `]`: ends a link when a destination follows, else a bracket group.
    fn close_bracket(&mut self, escaped: bool) {
        let open = match escaped {
            true => self.opens.iter().rposition(|o| o.escaped),
            false => self.opens.iter().rposition(|o| !o.escaped),
        }
        .map(|i| self.opens.remove(i));
        self.literal(']');
        if escaped {
            if open.is_some() {
                self.out.bracket_groups += 1;
            }
            return;
        }
        let after = self.rest();
        let (spaced, paren) = match after.strip_prefix('(') {
            Some(_) => (false, 1),
            None => match after.strip_prefix(" (") {
                Some(_) => (true, 2),
                None => (false, 0),
            },
        };
        let raw = self.raw;
        let inner = open.map(|o| (&raw[o.at + 1..self.at - 1], o.image));
        if paren > 0
            && let Some((dest, len)) = destination(&after[paren..])
            && (!spaced || looks_like_url(dest))
        {
            self.out.links.push(Link {
                text: inner.map(|(text, _)| text),
                dest,
                image: inner.is_some_and(|(_, image)| image),
                spaced,
            });
            self.at += paren + len;
            return;
        }
        if let Some((text, image)) = inner
            && !image
            && !text.starts_with('!')
            && !text.trim().is_empty()
        {
            self.out.bracket_groups += 1;
        }
    }

    /// Counts `**`/`__` runs that can open or close emphasis (CommonMark
    /// flanking rules); a run that can do neither, or `_` inside a word, is text.
    fn emphasis(&mut self, c: char) {
        let n = self.rest().bytes().take_while(|&b| b == c as u8).count();
        let before = self.prev_char();
        let after = self.rest()[n..].chars().next();
        let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
        let punct = |x: Option<char>| x.is_some_and(is_punctuation);
        let left = !space(after) && (!punct(after) || space(before) || punct(before));
        let right = !space(before) && (!punct(before) || space(after) || punct(after));
        let intraword = c == '_'
            && before.is_some_and(char::is_alphanumeric)
            && after.is_some_and(char::is_alphanumeric);
        if (left || right) && !intraword {
            self.out.strong_delims += (n / 2) as u32;
            self.out.markup_edges.push(self.out.text.len());
        } else {
            self.out.text.push_str(&self.rest()[..n]);
        }
        self.at += n;
    }

    fn at_url_start(&self) -> bool {
        let rest = self.rest();
        let starts_word = self.prev_char().is_none_or(|c| !c.is_alphanumeric());
        starts_word
            && (rest.starts_with("https://")
                || rest.starts_with("http://")
                || rest.starts_with("www."))
    }

    fn bare_url(&mut self) {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        self.out.bare_urls.push(url);
        self.out.text.push(OBJECT);
        self.at += url.len();
    }
}

/// A link destination after `(`: `<…>` or a run without spaces and with
/// balanced parentheses, then an optional title, then `)`. Returns the
/// destination and the length consumed. A missing `)` is accepted when the
/// destination ends at white space, as broken sources do (`[a](b.md and …`).
fn destination(s: &str) -> Option<(&str, usize)> {
    let lead = s.len() - s.trim_start_matches(' ').len();
    let body = &s[lead..];
    let (dest, dest_end) = if let Some(inner) = body.strip_prefix('<') {
        let end = inner.find(['>', '\n'])?;
        (&inner[..end], lead + end + 2)
    } else {
        let mut depth = 0usize;
        let mut end = body.len();
        for (i, c) in body.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = i;
                    break;
                }
                ')' => depth -= 1,
                c if c.is_whitespace() => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        (&body[..end], lead + end)
    };
    let skip_space = |t: &str| t.len() - t.trim_start_matches([' ', '\n']).len();
    let after = &s[dest_end..];
    let at = dest_end + skip_space(after);
    let rest = &s[at..];
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\''))
        && let Some(end) = rest[1..].find(quote)
    {
        let after_title = &rest[end + 2..];
        let close = end + 2 + skip_space(after_title);
        if rest[close..].starts_with(')') {
            return Some((dest, at + close + 1));
        }
    }
    if rest.starts_with(')') {
        return Some((dest, at + 1));
    }
    let unclosed = !dest.is_empty() && (after.is_empty() || at > dest_end);
    unclosed.then_some((dest, dest_end))
}

/// What a translator would never write in parentheses after a UI term (and
/// not a whole link, as in `[UI] ([text](url))`).
fn looks_like_url(dest: &str) -> bool {
    !dest.contains(['[', ']'])
        && (dest.contains("://")
            || dest.starts_with(['/', '#'])
            || dest.starts_with("./")
            || dest.starts_with("../")
            || dest.starts_with("mailto:")
            || dest.starts_with("xref:")
            || dest.ends_with(".md")
            || dest.contains(".md#"))
}

fn is_autolink(inner: &str) -> bool {
    let scheme_end = inner.find(':').unwrap_or(0);
    scheme_end >= 2
        && inner[..scheme_end]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
        && !inner.contains(char::is_whitespace)
        && (inner.starts_with("http") || inner.starts_with("mailto:") || inner.starts_with("ftp"))
}

/// `<name …>`, `</name>`, `<name/>`: a tag whose name starts with an ASCII letter.
fn tag(inner: &str) -> Option<Tag<'_>> {
    let (closing, body) = match inner.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inner),
    };
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
        .count();
    let name = &body[..name_len];
    let next = body[name_len..].chars().next();
    let fits = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && next.is_none_or(|c| c.is_whitespace() || c == '/');
    fits.then_some(Tag { name, closing })
}

fn attribute<'a>(inner: &'a str, name: &str) -> Option<&'a str> {
    let lower = inner.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &inner[at..];
    match value.chars().next()? {
        q @ ('"' | '\'') => value[1..].find(q).map(|end| &value[1..end + 1]),
        _ => Some(value.split(char::is_whitespace).next().unwrap_or(value)),
    }
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
}

/// Unicode punctuation as CommonMark's flanking rules mean it (ASCII
/// punctuation plus the general P and S categories, approximated).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_ascii()
            && !c.is_alphanumeric()
            && !c.is_whitespace()
            && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_need_a_closing_run_of_the_same_length() {
        let p = Parsed::new("Run `Install-Module` and ``a ` b`` but not `open");
        assert_eq!(p.code, ["Install-Module", "a ` b"]);
        assert!(p.text.ends_with("`open"));
        // Glued spans from machine translation become one broken span.
        assert_eq!(
            Parsed::new("`PackageReference``Version`").code,
            ["PackageReference``Version"]
        );
    }

    #[test]
    fn links_images_autolinks_and_xrefs() {
        let p = Parsed::new(
            "See [the guide](../a/b.md#top \"Title\"), ![alt](img.png), <https://x.org/a> and <xref:Foo.Bar>.",
        );
        let dests: Vec<&str> = p.links.iter().map(|l| l.dest).collect();
        assert_eq!(
            dests,
            [
                "../a/b.md#top",
                "img.png",
                "https://x.org/a",
                "xref:Foo.Bar"
            ]
        );
        assert_eq!(p.links[0].text, Some("the guide"));
        assert_eq!(p.links[2].text, None);
        assert!(p.links[1].image);
        assert!(!p.text.contains("b.md"));
    }

    #[test]
    fn a_space_before_the_parenthesis_is_a_broken_link_only_for_url_like_targets() {
        let broken = Parsed::new("[Zuweisen von Rollen] (permissions-overview.md) und");
        assert!(broken.links[0].spaced);
        assert_eq!(broken.links[0].dest, "permissions-overview.md");
        // Japanese and Chinese UI terms followed by their translation in parentheses.
        let ui = Parsed::new("**[Accept and continue] (同意して続ける)** を選びます。");
        assert!(ui.links.is_empty());
        assert_eq!(ui.bracket_groups, 1);
        // zh-tw, nuget-docs: a link in parentheses after a UI term.
        let nested =
            Parsed::new("[方案總管] ([1274年](https://github.com/NuGet/Home/issues/1274))。");
        let dests: Vec<(&str, bool)> = nested.links.iter().map(|l| (l.dest, l.spaced)).collect();
        assert_eq!(
            dests,
            [("https://github.com/NuGet/Home/issues/1274", false)]
        );
    }

    #[test]
    fn an_unclosed_destination_still_counts_as_a_link() {
        let p = Parsed::new("in the [Operations Gallery](https://p.com/c#/ on the website.");
        assert_eq!(p.links[0].dest, "https://p.com/c#/");
    }

    #[test]
    fn include_notes_and_escaped_brackets() {
        let p = Parsed::new("[!INCLUDE[name](../includes/x.md)] \\[更新\\] [!NOTE]");
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.bracket_groups, 1);
    }

    #[test]
    fn emphasis_delimiters_follow_flanking_rules() {
        assert_eq!(Parsed::new("Select **Save** now").bold(), 1);
        assert_eq!(Parsed::new("選択 **保存**を").strong_delims, 2);
        assert_eq!(Parsed::new("a ** b").strong_delims, 0);
        assert_eq!(Parsed::new("__init__ and snake__case").strong_delims, 2);
        assert_eq!(
            Parsed::new("<strong>update</strong> and <b>x</b>").bold(),
            2
        );
        assert_eq!(Parsed::new("\\*\\* literal").strong_delims, 0);
    }

    #[test]
    fn visible_text_decodes_entities_and_drops_markup() {
        let p =
            Parsed::new("**Save** &lt;value&gt; &amp; `code` at https://a.b/c?x=1. Done<br>next");
        assert_eq!(p.text, "Save <value> & \u{FFFC} at \u{FFFC}. Done next");
        assert_eq!(p.bare_urls, ["https://a.b/c?x=1"]);
        let words: Vec<&str> = p.words().collect();
        assert_eq!(words, ["Save", "value", "at", "Done", "next"]);
    }

    #[test]
    fn tags_and_pseudo_tags() {
        let p = Parsed::new("x<sup>1</sup> <a name=\"top\"></a> <Subscription ID> a <= b");
        let names: Vec<(&str, bool)> = p.tags.iter().map(|t| (t.name, t.closing)).collect();
        assert_eq!(
            names,
            [
                ("sup", false),
                ("sup", true),
                ("a", false),
                ("a", true),
                ("Subscription", false)
            ]
        );
        assert!(p.text.ends_with("a <= b"));
    }
}
