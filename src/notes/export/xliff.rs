//! `export --format xliff`: XLIFF 2.1, one `<file>` per notes file, one
//! `<unit>` per entry, the verdict as the segment's state, so that a
//! translation tool shows the reviewer's findings in place.
//!
//! Each error with a span is an `<mrk>` around it in the source or target
//! carrying ITS 2.0 Localization Quality Issue data as the XLIFF 2.1 ITS
//! module has it (`type="its:generic"`, `its:locQualityIssueType`,
//! `…Comment`, `…Severity`). Where the module cannot hold one (an error on
//! the whole segment, a span that would cross another's, one no longer in
//! the text) it is a `<note>`. Both carry the error exactly in attributes
//! of sxs's own namespace (category, severity, number, and for a note the
//! span), so that the export reads back as the errors it was made from;
//! a `<note>` without them is the comment on the segment as a whole.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Exported;
use crate::mqm::{Severity, Side};
use crate::notes::{Entry, MqmError, Verdict};
use crate::text::control_picture;

/// The namespace of sxs's own attributes.
const SXS_NS: &str = "urn:x-sxs:notes:1";

/// Sources are the English originals (SPEC "Input").
const SOURCE_LANG: &str = "en";

pub(super) fn write(out: &mut Exported, entries: &[&Entry]) {
    let mut locales: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in entries {
        *locales.entry(&entry.locale).or_default() += 1;
    }
    // XLIFF 2 has one target language per document. With several, the most
    // frequent is the document's and every target says its own in `xml:lang`.
    let target_lang = locales
        .iter()
        .max_by_key(|(locale, n)| (**n, std::cmp::Reverse(**locale)))
        .map_or("und", |(locale, _)| locale);
    if locales.len() > 1 {
        let names: Vec<&str> = locales.keys().copied().collect();
        out.warnings.push(format!(
            "the notes hold {} locales ({}); XLIFF allows one target language per file, so \
             trgLang is {target_lang} and each target carries xml:lang: export one locale \
             per file (`--locale`) for strict tools",
            names.len(),
            names.join(", ")
        ));
    }
    let x = &mut out.bytes;
    x.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.extend_from_slice(
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" \
             xmlns:its=\"http://www.w3.org/2005/11/its\" xmlns:sxs=\"{SXS_NS}\" \
             its:version=\"2.0\" version=\"2.1\" srcLang=\""
        )
        .as_bytes(),
    );
    attr(x, SOURCE_LANG);
    x.extend_from_slice(b"\" trgLang=\"");
    attr(x, target_lang);
    x.extend_from_slice(b"\">\n");
    let mut files: Vec<(&str, Vec<&Entry>)> = Vec::new();
    for entry in entries {
        match files.last_mut() {
            Some((file, group)) if *file == entry.file => group.push(entry),
            _ => files.push((&entry.file, vec![entry])),
        }
    }
    for (n, (file, group)) in files.iter().enumerate() {
        x.extend_from_slice(format!("  <file id=\"f{}\" original=\"", n + 1).as_bytes());
        attr(x, file);
        x.extend_from_slice(b"\">\n");
        for (i, entry) in group.iter().enumerate() {
            unit(x, entry, i + 1, locales.len() > 1);
        }
        x.extend_from_slice(b"  </file>\n");
    }
    x.extend_from_slice(b"</xliff>\n");
}

fn unit(x: &mut Vec<u8>, entry: &Entry, n: usize, lang_per_target: bool) {
    x.extend_from_slice(b"    <unit id=\"");
    // A unit id is an XML name token; segment ids nearly always are one.
    match is_nmtoken(&entry.id) {
        true => attr(x, &entry.id),
        false => x.extend_from_slice(format!("_{n}").as_bytes()),
    }
    x.extend_from_slice(b"\" name=\"");
    attr(x, &entry.id);
    x.extend_from_slice(b"\">\n");
    let (spans, notes) = placed(entry);
    if !notes.is_empty() || !entry.comment.is_empty() {
        x.extend_from_slice(b"      <notes>\n");
        for &(i, error) in &notes {
            x.extend_from_slice(b"        <note");
            error_attrs(x, i, error);
            x.extend_from_slice(b" category=\"");
            attr(x, &error.category_label());
            x.extend_from_slice(format!("\" priority=\"{}\"", priority(error.severity)).as_bytes());
            if let Some(span) = &error.span {
                x.extend_from_slice(b" sxs:side=\"");
                attr(x, span.side.name());
                x.extend_from_slice(
                    format!("\" sxs:start=\"{}\" sxs:end=\"{}\"", span.start, span.end).as_bytes(),
                );
                x.extend_from_slice(b" sxs:text=\"");
                attr(x, &span.text);
                x.push(b'"');
            }
            x.push(b'>');
            text(x, &error.comment, false);
            x.extend_from_slice(b"</note>\n");
        }
        if !entry.comment.is_empty() {
            x.extend_from_slice(b"        <note>");
            text(x, &entry.comment, false);
            x.extend_from_slice(b"</note>\n");
        }
        x.extend_from_slice(b"      </notes>\n");
    }
    // `final`: accepted as it is; `reviewed`: looked at, and needs work;
    // `translated`: not judged yet (dismissed findings only).
    let (state, sub_state) = match &entry.verdict {
        Some(Verdict::Ok) => ("final", "sxs:ok".to_string()),
        Some(Verdict::Bad) => ("reviewed", "sxs:bad".to_string()),
        Some(Verdict::Other(verdict)) => ("reviewed", format!("sxs:{verdict}")),
        None => ("translated", "sxs:unjudged".to_string()),
    };
    x.extend_from_slice(format!("      <segment state=\"{state}\" subState=\"").as_bytes());
    attr(x, &sub_state);
    x.extend_from_slice(b"\">\n        <source>");
    let mut ids = 0;
    inline(
        x,
        entry.source.as_deref().unwrap_or(""),
        &spans[0],
        &mut ids,
    );
    x.extend_from_slice(b"</source>\n        <target");
    if lang_per_target {
        x.extend_from_slice(b" xml:lang=\"");
        attr(x, &entry.locale);
        x.push(b'"');
    }
    x.extend_from_slice(b">");
    inline(
        x,
        entry.target.as_deref().unwrap_or(""),
        &spans[1],
        &mut ids,
    );
    x.extend_from_slice(b"</target>\n      </segment>\n    </unit>\n");
}

/// An error placed in a text: its number, the error, where.
type Marked<'e> = (usize, &'e MqmError, Range<usize>);

/// The errors of an entry as marks in its source and target, and as notes.
type Placed<'e> = ([Vec<Marked<'e>>; 2], Vec<(usize, &'e MqmError)>);

/// The errors that become `<mrk>` (source's, target's), and the rest,
/// which become notes: on the whole segment, no longer in the text they
/// were marked on, or crossing a span placed before (marks must nest).
fn placed(entry: &Entry) -> Placed<'_> {
    let mut spans: [Vec<Marked>; 2] = [Vec::new(), Vec::new()];
    let mut notes = Vec::new();
    for (i, error) in entry.errors.iter().enumerate() {
        let Some(span) = &error.span else {
            notes.push((i, error));
            continue;
        };
        let side = usize::from(span.side == Side::Target);
        let at = entry
            .marked_text(span.side)
            .and_then(|text| span.locate(text).range());
        let nests = |at: &Range<usize>| {
            spans[side].iter().all(|(_, _, other)| {
                at.end <= other.start
                    || other.end <= at.start
                    || (other.start <= at.start && at.end <= other.end)
                    || (at.start <= other.start && other.end <= at.end)
            })
        };
        match at {
            Some(at) if nests(&at) => spans[side].push((i, error, at)),
            _ => notes.push((i, error)),
        }
    }
    for side in &mut spans {
        // Outer marks open first: by start, then the longer first.
        side.sort_by_key(|(i, _, at)| (at.start, std::cmp::Reverse(at.end), *i));
    }
    (spans, notes)
}

/// `text` with each of `spans` (sorted, nested) between `<mrk>` and `</mrk>`.
fn inline(x: &mut Vec<u8>, s: &str, spans: &[Marked], ids: &mut usize) {
    let mut open: Vec<usize> = Vec::new();
    let mut at = 0;
    let mut next = spans.iter().peekable();
    loop {
        // The next place a mark opens or closes.
        let close = open.last().copied();
        let start = next.peek().map(|(_, _, r)| r.start);
        let to = match (close, start) {
            (Some(end), Some(start)) => end.min(start),
            (Some(end), None) => end,
            (None, Some(start)) => start,
            (None, None) => break,
        };
        text(x, &s[at..to], true);
        at = to;
        if close == Some(to) {
            open.pop();
            x.extend_from_slice(b"</mrk>");
            continue;
        }
        let (i, error, range) = next.next().expect("a mark opens here");
        *ids += 1;
        x.extend_from_slice(format!("<mrk id=\"m{ids}\" type=\"its:generic\"").as_bytes());
        x.extend_from_slice(b" its:locQualityIssueType=\"");
        x.extend_from_slice(its_type(&error.category).as_bytes());
        x.push(b'"');
        if !error.comment.is_empty() {
            x.extend_from_slice(b" its:locQualityIssueComment=\"");
            attr(x, &error.comment);
            x.push(b'"');
        }
        x.extend_from_slice(
            format!(
                " its:locQualityIssueSeverity=\"{}\"",
                its_severity(error.severity)
            )
            .as_bytes(),
        );
        error_attrs(x, *i, error);
        x.push(b'>');
        open.push(range.end);
    }
    text(x, &s[at..], true);
}

/// The error exactly, in sxs's attributes: number (from 1), category, severity.
fn error_attrs(x: &mut Vec<u8>, i: usize, error: &MqmError) {
    x.extend_from_slice(format!(" sxs:error=\"{}\" sxs:category=\"", i + 1).as_bytes());
    attr(x, &error.category);
    x.extend_from_slice(format!("\" sxs:severity=\"{}\"", error.severity.name()).as_bytes());
}

/// The ITS 2.0 issue type nearest to an MQM-Core category.
fn its_type(category: &str) -> &'static str {
    match category {
        "accuracy/mistranslation" => "mistranslation",
        "accuracy/omission" => "omission",
        "accuracy/addition" => "addition",
        "accuracy/untranslated" => "untranslated",
        "fluency/grammar" => "grammar",
        "fluency/spelling" => "misspelling",
        "fluency/punctuation" => "typographical",
        "fluency/character-encoding" => "characters",
        "terminology" => "terminology",
        "style" => "style",
        "locale-convention" => "locale-violation",
        "design/markup-tag" | "design/link" => "markup",
        "design/formatting" => "formatting",
        // `do-not-translate` (translated what should stay) has no ITS type.
        _ if crate::mqm::category(category).is_some() => "other",
        _ => "uncategorized",
    }
}

/// ITS severity, 0 to 100: the default MQM weights times ten.
fn its_severity(severity: Severity) -> u8 {
    match severity {
        Severity::Neutral => 0,
        Severity::Minor => 10,
        Severity::Major => 50,
        Severity::Critical => 100,
    }
}

/// XLIFF priority: 1 is the most important.
fn priority(severity: Severity) -> u8 {
    match severity {
        Severity::Critical => 1,
        Severity::Major => 3,
        Severity::Minor => 6,
        Severity::Neutral => 10,
    }
}

/// Character data. Characters that XML 1.0 cannot hold even as references
/// (most C0 controls, U+FFFE, U+FFFF) become XLIFF's `<cp hex="…"/>` where
/// inline elements are allowed (`inline`: source and target), else their
/// control picture (`␛`), which at least says what stood there.
/// A carriage return is written as a reference, which XML keeps, where a raw
/// one would be read back as a line feed.
fn text(x: &mut Vec<u8>, s: &str, inline: bool) {
    let needs = |c| matches!(c, '&' | '<' | '>' | '\r') || !is_xml_char(c);
    escape(x, s, needs, |x, c| match c {
        '&' => x.extend_from_slice(b"&amp;"),
        '<' => x.extend_from_slice(b"&lt;"),
        '>' => x.extend_from_slice(b"&gt;"),
        '\r' => x.extend_from_slice(b"&#13;"),
        c if inline => x.extend_from_slice(format!("<cp hex=\"{:04X}\"/>", c as u32).as_bytes()),
        c => x.extend_from_slice(control_picture(c).as_bytes()),
    });
}

/// An attribute value in double quotes. Tabs and line breaks are written as
/// references, which attribute-value normalisation keeps.
fn attr(x: &mut Vec<u8>, s: &str) {
    let needs = |c| matches!(c, '&' | '<' | '>' | '"' | '\t' | '\n' | '\r') || !is_xml_char(c);
    escape(x, s, needs, |x, c| match c {
        '&' => x.extend_from_slice(b"&amp;"),
        '<' => x.extend_from_slice(b"&lt;"),
        '>' => x.extend_from_slice(b"&gt;"),
        '"' => x.extend_from_slice(b"&quot;"),
        '\t' => x.extend_from_slice(b"&#9;"),
        '\n' => x.extend_from_slice(b"&#10;"),
        '\r' => x.extend_from_slice(b"&#13;"),
        c => x.extend_from_slice(control_picture(c).as_bytes()),
    });
}

/// Copies `s`, handing each character for which `needs` holds to `write`.
fn escape(
    x: &mut Vec<u8>,
    s: &str,
    needs: impl Fn(char) -> bool,
    write: impl Fn(&mut Vec<u8>, char),
) {
    let mut clean = 0;
    for (at, c) in s.char_indices().filter(|&(_, c)| needs(c)) {
        x.extend_from_slice(&s.as_bytes()[clean..at]);
        write(x, c);
        clean = at + c.len_utf8();
    }
    x.extend_from_slice(&s.as_bytes()[clean..]);
}

/// XML 1.0 `Char`.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// An XML name token, kept to ASCII: letters, digits, `.`, `-`, `_`, `:`.
fn is_nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'))
}
