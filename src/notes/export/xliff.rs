//! `export --format xliff`: XLIFF 2.1, one `<file>` per notes file, one
//! `<unit>` per entry, the verdict as the segment's state and the mark as a
//! note, so that a translation tool shows the reviewer's findings in place.

use std::collections::BTreeMap;

use super::Exported;
use crate::mqm::Severity;
use crate::notes::{Entry, Verdict};

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
        b"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"",
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
    let severity = entry.bad_severity();
    if severity.is_some() || !entry.comment.is_empty() {
        x.extend_from_slice(b"      <notes>\n        <note");
        if let (Some(severity), Some(label)) = (severity, entry.category_label()) {
            x.extend_from_slice(b" category=\"");
            attr(x, &label);
            x.extend_from_slice(format!("\" priority=\"{}\"", priority(severity)).as_bytes());
        }
        x.extend_from_slice(b">");
        text(x, &entry.comment, false);
        x.extend_from_slice(b"</note>\n      </notes>\n");
    }
    // `final`: accepted as it is; `reviewed`: looked at, and needs work.
    let (state, sub_state) = match &entry.verdict {
        Verdict::Ok => ("final", "sxs:ok".to_string()),
        Verdict::Bad => ("reviewed", "sxs:bad".to_string()),
        Verdict::Other(verdict) => ("reviewed", format!("sxs:{verdict}")),
    };
    x.extend_from_slice(format!("      <segment state=\"{state}\" subState=\"").as_bytes());
    attr(x, &sub_state);
    x.extend_from_slice(b"\">\n        <source>");
    text(x, entry.source.as_deref().unwrap_or(""), true);
    x.extend_from_slice(b"</source>\n        <target");
    if lang_per_target {
        x.extend_from_slice(b" xml:lang=\"");
        attr(x, &entry.locale);
        x.push(b'"');
    }
    x.extend_from_slice(b">");
    text(x, &entry.target, true);
    x.extend_from_slice(b"</target>\n      </segment>\n    </unit>\n");
}

/// XLIFF priority: 1 is the most important.
fn priority(severity: Severity) -> u8 {
    match severity {
        Severity::Critical => 1,
        Severity::Major => 3,
        Severity::Minor => 6,
    }
}

/// Character data. Characters that XML 1.0 cannot hold even as references
/// (most C0 controls, U+FFFE, U+FFFF) become XLIFF's `<cp hex="…"/>` where
/// inline elements are allowed (`inline`: source and target), else U+FFFD.
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
        _ => x.extend_from_slice("\u{fffd}".as_bytes()),
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
        _ => x.extend_from_slice("\u{fffd}".as_bytes()),
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
