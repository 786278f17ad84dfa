//! The notes file's own layout: entries written by hand-made code for the
//! fixed schema, read back fast when the file is still laid out so, and the
//! items of a hand-edited file cut into their keys' lines.
//!
//! Hand-written because saving runs on every keypress: a YAML library takes
//! ~140 ms to serialise 10,000 entries (BENCHMARKS.md), where this emitter
//! serialises only the changed entry into a piece the save reuses. Every
//! value goes through one quoting rule, `scalar`, which the property test
//! below checks by parsing the output back with a YAML library.

use super::entry::{Entry, KEYS};
use super::mqm_error::{ERROR_KEYS, MqmError};
use crate::yaml::{Mapping, Number, Value};

/// Appends `entry` as one item of a block sequence at column 0. A value
/// kept as it was read stands in for its field while the field is unchanged.
pub(crate) fn write_entry(out: &mut Vec<u8>, entry: &Entry) {
    let stand_ins = entry.extra.has_fields();
    for (field, key) in KEYS.iter().enumerate() {
        let at = out.len();
        let first = if field == 0 { "- " } else { "  " };
        write_nth(out, entry, field, first);
        if stand_ins {
            entry.extra.stand_in(out, key, at, (first, "  "));
        }
    }
    entry.extra.write_unknown(out, "  ");
}

/// What `write_entry` writes for one schema key of `entry`, from its field:
/// nothing for an empty optional one.
pub(crate) fn write_field(out: &mut Vec<u8>, entry: &Entry, key: &str, first: &str) {
    let field = KEYS.iter().position(|k| *k == key);
    write_nth(out, entry, field.expect("a key of the schema"), first);
}

/// `key: text` on one line.
fn text_line(out: &mut Vec<u8>, first: &str, key: &str, value: &str) {
    out.extend_from_slice(first.as_bytes());
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b": ");
    scalar(out, value);
    out.push(b'\n');
}

/// `write_field` for the key `KEYS[field]`: by number, since it runs for
/// every key of every entry at each load.
fn write_nth(out: &mut Vec<u8>, entry: &Entry, field: usize, first: &str) {
    let key = KEYS[field];
    let text = |out: &mut Vec<u8>, value: &str| text_line(out, first, key, value);
    let earlier = entry.earlier.as_ref();
    // One arm per key, in the order of `KEYS` (the round-trip test below
    // reads every key back by its name).
    match field {
        0 => text(out, &entry.file),
        1 => text(out, &entry.locale),
        2 => text(out, &entry.id),
        3 => {
            if let Some(verdict) = &entry.verdict {
                text(out, verdict.name());
            }
        }
        4 => {
            if let Some(category) = earlier.and_then(|e| e.category.as_deref()) {
                text(out, category);
            }
        }
        5 => {
            if let Some(severity) = earlier.and_then(|e| e.severity) {
                text(out, severity.name());
            }
        }
        6 => match (earlier, entry.errors.is_empty(), entry.is_bad()) {
            (Some(_), _, _) | (None, true, false) => {}
            // Bad with no error (a hand edit): said so, or it would read
            // back in the earlier layout, as one error.
            (None, true, true) => {
                out.extend_from_slice(first.as_bytes());
                out.extend_from_slice(b"errors: []\n");
            }
            (None, false, _) => {
                out.extend_from_slice(first.as_bytes());
                out.extend_from_slice(b"errors:\n");
                for error in &entry.errors {
                    write_error(out, error);
                }
            }
        },
        7 => match (earlier, entry.errors.first()) {
            (Some(_), Some(error)) => text(out, &error.comment),
            _ => text(out, &entry.comment),
        },
        // An entry that records no target (written by hand) says nothing
        // of the source either, rather than that it has none.
        8 => match (&entry.source, &entry.target) {
            (Some(source), _) => text(out, source),
            (None, Some(_)) => {
                out.extend_from_slice(first.as_bytes());
                out.extend_from_slice(b"source: null\n");
            }
            (None, None) => {}
        },
        9 => {
            if let Some(target) = &entry.target {
                text(out, target);
            }
        }
        10 => text(out, &entry.reviewer),
        11 => text(out, &entry.time),
        12 => {
            if entry.seconds > 0.0 {
                out.extend_from_slice(first.as_bytes());
                // The shortest text that reads back as the same number,
                // always with a point (`14.0`), so that it reads as a float.
                out.extend_from_slice(format!("seconds: {:?}\n", entry.seconds).as_bytes());
            }
        }
        13 => {
            if !entry.dismissed.is_empty() {
                out.extend_from_slice(first.as_bytes());
                out.extend_from_slice(b"dismissed: [");
                for (i, check) in entry.dismissed.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b", ");
                    }
                    scalar(out, check);
                }
                out.extend_from_slice(b"]\n");
            }
        }
        _ => unreachable!("the schema has {} keys", KEYS.len()),
    }
}

/// Indentation of an error's keys: the items of `errors:` stand two columns
/// in from the entry's keys.
const ERROR_INDENT: &str = "      ";

/// How the line of an error's key starts: `- ` before the first key.
pub(crate) fn error_lead(key: &str) -> &'static str {
    match key == ERROR_KEYS[0] {
        true => "    - ",
        false => ERROR_INDENT,
    }
}

/// Appends one item of an entry's `errors:` list.
fn write_error(out: &mut Vec<u8>, error: &MqmError) {
    let stand_ins = error.extra.has_fields();
    for key in ERROR_KEYS {
        let at = out.len();
        let first = error_lead(key);
        write_error_field(out, error, key, first);
        if stand_ins {
            error.extra.stand_in(out, key, at, (first, ERROR_INDENT));
        }
    }
    error.extra.write_unknown(out, ERROR_INDENT);
}

/// What `write_error` writes for one key of `error`: nothing for the span's
/// keys of an error on the whole segment, nor for an empty comment.
pub(crate) fn write_error_field(out: &mut Vec<u8>, error: &MqmError, key: &str, first: &str) {
    let span = error.span.as_ref();
    let number = |out: &mut Vec<u8>, n: usize| {
        out.extend_from_slice(format!("{first}{key}: {n}\n").as_bytes())
    };
    match key {
        "category" => text_line(out, first, key, &error.category),
        "severity" => text_line(out, first, key, error.severity.name()),
        "side" => {
            if let Some(span) = span {
                text_line(out, first, key, span.side.name());
            }
        }
        "start" => {
            if let Some(span) = span {
                number(out, span.start);
            }
        }
        "end" => {
            if let Some(span) = span {
                number(out, span.end);
            }
        }
        "text" => {
            if let Some(span) = span {
                text_line(out, first, key, &span.text);
            }
        }
        "comment" => {
            if !error.comment.is_empty() {
                text_line(out, first, key, &error.comment);
            }
        }
        _ => unreachable!("an error has the keys {ERROR_KEYS:?}"),
    }
}

/// The line of each item of an entry's `errors:` list, counted from the
/// entry's first line, for messages; empty when the list is not found as a
/// block sequence.
pub(crate) fn error_item_lines(item: &str) -> Vec<usize> {
    let mut lines = item.split('\n').enumerate();
    let Some(key_indent) = lines.find_map(|(_, line)| {
        let content = line.trim_start_matches([' ', '-']);
        (content.starts_with("errors:") && content["errors:".len()..].trim().is_empty())
            .then(|| line.len() - content.len())
    }) else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    let mut item_indent = None;
    for (n, line) in lines {
        let line = line.trim_end();
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let dash = content.starts_with("- ") || content == "-";
        match item_indent {
            None if dash && indent >= key_indent => {
                item_indent = Some(indent);
                starts.push(n);
            }
            Some(at) if dash && indent == at => starts.push(n),
            Some(at) if indent > at => {}
            _ => break,
        }
    }
    starts
}

/// Writes `text` so that any YAML 1.1 or 1.2 reader reads back exactly
/// `text` as a string: plain when it is made only of characters that cannot
/// start or end a token and cannot be read as anything but a string, else
/// double-quoted with every character outside YAML's printable set escaped.
pub(crate) fn scalar(out: &mut Vec<u8>, text: &str) {
    if is_plain(text) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut clean = 0;
    for (at, c) in text.char_indices().filter(|&(_, c)| must_escape(c)) {
        out.extend_from_slice(&bytes[clean..at]);
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\r' => out.extend_from_slice(b"\\r"),
            _ => out.extend_from_slice(format!("\\u{:04X}", c as u32).as_bytes()),
        }
        clean = at + c.len_utf8();
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

/// Characters a double-quoted scalar writes as an escape: the quote and the
/// backslash, and C0, DEL, C1 (NEL among them), the line and paragraph
/// separators that YAML 1.1 readers take as line breaks, BOM and the
/// non-characters: outside YAML's printable set or not read back as they are.
fn must_escape(c: char) -> bool {
    matches!(
        c,
        '"' | '\\'
            | '\0'..='\x1f'
            | '\x7f'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}'
    )
}

/// Reads a notes file laid out exactly as [`write_entry`] writes it, into the
/// values the YAML library would give, about six times faster than it
/// (60 against 370 ms for 10,000 entries, BENCHMARKS.md). `None` as soon as
/// anything differs (a comment, another quoting style, a key of a hand
/// edit): the caller then parses with the library, which also gives the
/// error lines.
pub(crate) fn read_own(text: &str) -> Option<Vec<Value>> {
    let mut items = Vec::new();
    let mut item: Option<Mapping> = None;
    // The `errors:` list being read, and its item being read.
    let mut errors: Option<Vec<Value>> = None;
    let mut error: Option<Mapping> = None;
    for line in text.split_terminator('\n') {
        if let Some(rest) = line.strip_prefix(ERROR_INDENT) {
            let (key, value) = error_pair(rest)?;
            let map = error.as_mut()?;
            if map.insert(Value::String(key.to_string()), value).is_some() {
                return None;
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("    - ") {
            let (key, value) = error_pair(rest)?;
            let list = errors.as_mut()?;
            list.extend(error.take().map(Value::Mapping));
            if key != ERROR_KEYS[0] {
                return None;
            }
            let mut map = Mapping::new();
            map.insert(Value::String(key.to_string()), value);
            error = Some(map);
            continue;
        }
        // Back at the entry's keys: the list, if any, is complete.
        if let Some(mut list) = errors.take() {
            list.extend(error.take().map(Value::Mapping));
            let map = item.as_mut()?;
            map.insert(Value::String("errors".into()), Value::Sequence(list));
        }
        let (first, rest) = match line.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (false, line.strip_prefix("  ")?),
        };
        if rest == "errors:" {
            // Filled in once its items are read, at its place among the keys.
            let map = item.as_mut()?;
            let placeholder = Value::Sequence(Vec::new());
            if map
                .insert(Value::String("errors".into()), placeholder)
                .is_some()
            {
                return None;
            }
            errors = Some(Vec::new());
            continue;
        }
        let (key, value) = rest.split_once(": ")?;
        if first != (key == "file") || !KEYS.contains(&key) {
            return None;
        }
        if first {
            items.extend(item.take().map(Value::Mapping));
        }
        let value = match (key, value) {
            ("source", "null") => Value::Null,
            ("seconds", number) => Value::Number(Number::Float(decimal(number)?)),
            ("dismissed", list) => {
                let mut rest = list.strip_prefix('[')?.strip_suffix(']')?;
                let mut checks = Vec::new();
                loop {
                    let (check, after) = token(rest)?;
                    checks.push(Value::String(check));
                    match after {
                        "" => break,
                        _ => rest = after.strip_prefix(", ")?,
                    }
                }
                Value::Sequence(checks)
            }
            (_, value) => whole_token(value)?,
        };
        let map = item.get_or_insert_with(Mapping::new);
        if map.insert(Value::String(key.to_string()), value).is_some() {
            return None;
        }
    }
    if let Some(mut list) = errors.take() {
        list.extend(error.take().map(Value::Mapping));
        item.as_mut()?
            .insert(Value::String("errors".into()), Value::Sequence(list));
    }
    items.extend(item.map(Value::Mapping));
    Some(items)
}

/// One `key: value` line of an error as `write_error` writes it.
fn error_pair(line: &str) -> Option<(&str, Value)> {
    let (key, value) = line.split_once(": ")?;
    if !ERROR_KEYS.contains(&key) {
        return None;
    }
    let value = match key {
        "start" | "end" => Value::Number(Number::Int(offset(value)?)),
        _ => whole_token(value)?,
    };
    Some((key, value))
}

/// A scalar that is the whole rest of the line, as a string.
fn whole_token(value: &str) -> Option<Value> {
    match token(value)? {
        (text, "") => Some(Value::String(text)),
        _ => None,
    }
}

/// A byte offset as written: digits, no leading zero (which YAML 1.1
/// readers take for octal).
fn offset(text: &str) -> Option<i64> {
    let plain = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    plain.then(|| text.parse().ok()).flatten()
}

/// A number of seconds as written: digits, a point, digits.
fn decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && (whole == "0" || !whole.starts_with('0')))
        .then(|| text.parse().ok())
        .flatten()
}

/// One scalar as `scalar` writes it, and what follows it on the line.
fn token(s: &str) -> Option<(String, &str)> {
    let Some(body) = s.strip_prefix('"') else {
        let end = s.find(',').unwrap_or(s.len());
        return is_plain(&s[..end]).then(|| (s[..end].to_string(), &s[end..]));
    };
    let mut text = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((text, &body[at + 1..])),
            '\\' => text.push(match chars.next()?.1 {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'u' => {
                    let hex: String = chars.by_ref().take(4).map(|(_, h)| h).collect();
                    if hex.len() != 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    char::from_u32(code)?
                }
                _ => return None,
            }),
            c if must_escape(c) => return None,
            c => text.push(c),
        }
    }
    None
}

/// The lines of each key of one item of a block sequence (`- key: …` and
/// the lines that follow it), as `(key, lines)` with the item's indentation
/// taken off, so that a value can be written back exactly as it was
/// written. `None` for a layout this does not follow (a flow mapping, a
/// quoted or complex key, a line that leaves the item): the caller then
/// writes values from what the YAML library read.
pub(crate) fn key_lines(item: &str) -> Option<Vec<(String, String)>> {
    let mut lines = item.split_inclusive('\n');
    let first = lines.next()?.strip_prefix('-')?;
    let after_dash = first.len() - first.trim_start_matches(' ').len();
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut column = None;
    if !first.trim().is_empty() {
        column = Some(1 + after_dash);
        keys.push(start_key(&first[after_dash..])?);
    }
    for line in lines {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line[indent..].trim_end();
        let column = *column.get_or_insert(indent);
        if content.is_empty() || content.starts_with('#') || indent > column {
            let (_, text) = keys.last_mut()?;
            text.push_str(&line[indent.min(column)..]);
        } else if indent == column {
            keys.push(start_key(&line[indent..])?);
        } else {
            return None;
        }
    }
    Some(keys)
}

/// A key line: its plain key, and the line itself.
fn start_key(line: &str) -> Option<(String, String)> {
    let end = line.find(':')?;
    let key = &line[..end];
    let plain = !key.is_empty()
        && !key.starts_with(['"', '\'', '?', '&', '!', '*', '[', '{', '#', '-'])
        && !key.contains([' ', '\t']);
    let after = line[end + 1..].chars().next();
    (plain && after.is_none_or(char::is_whitespace)).then(|| (key.to_string(), line.to_string()))
}

/// Plain style only for ASCII words such as `ja-jp`, `a232a-105`,
/// `docs/a.md`: a letter first (so never a number, `-`, `.inf`, an anchor or
/// a tag), then letters, digits and `-_./` (so no `: `, ` #`, flow indicators
/// or white space), and none of the words YAML 1.1 reads as a boolean or null.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(first) = bytes.first() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null"
        )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::mqm::{Severity, Side, Span};
    use crate::notes::{SegmentRef, Verdict};
    use crate::yaml;

    fn quoted(text: &str) -> String {
        let mut out = Vec::new();
        scalar(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn words_stay_plain_and_lookalikes_are_quoted() {
        assert_eq!(
            quoted("partner-center/ja-jp/a.md"),
            "partner-center/ja-jp/a.md"
        );
        assert_eq!(quoted("accuracy/mistranslation"), "accuracy/mistranslation");
        for tricky in [
            "",
            "6d01e-103",
            "1e5",
            "No",
            "null",
            "-a",
            ".inf",
            "a b",
            "a:b",
        ] {
            assert!(quoted(tricky).starts_with('"'), "{tricky}");
        }
        assert_eq!(
            quoted("a\"b\\c\nd\u{1b}\u{2028}"),
            r#""a\"b\\c\nd\u001B\u2028""#
        );
    }

    #[test]
    fn the_fast_reader_leaves_any_other_layout_to_the_library() {
        let ours = "- file: a.md\n  id: \"7\"\n  verdict: bad\n  errors:\n    - category: style\n      \
                    severity: minor\n      side: target\n      start: 0\n      end: 12\n      \
                    text: \"x\"\n    - category: terminology\n  seconds: 14.25\n  \
                    dismissed: [a, \"b, c\"]\n";
        let items = read_own(ours).unwrap();
        assert_eq!(Value::Sequence(items), yaml::parse(ours).unwrap());
        for other in [
            "# a comment\n- file: a.md\n",
            "- file: a.md\n  ticket: 42\n",
            "- file: a.md\n  id: '7'\n",
            "- file: a.md\n  comment: |\n    text\n",
            "- file: a.md\n  id: \"\\u+12A\"\n",
            "- file: a.md\n  id: \"\\x41\"\n",
            "- file: a.md\n  id: x\n  id: y\n",
            "- file: a.md\r\n  id: x\r\n",
            "- id: x\n  file: a.md\n",
            "[]\n",
            "- file: a.md\n  errors:\n    - severity: minor\n",
            "- file: a.md\n  errors:\n    - category: x\n      start: 012\n",
            "- file: a.md\n  errors:\n    - category: x\n      start: -1\n",
            "- file: a.md\n  seconds: 14\n",
            "- file: a.md\n  seconds: 1e3\n",
            "- file: a.md\n      category: x\n",
            "- file: a.md\n  errors: []\n",
        ] {
            assert_eq!(read_own(other), None, "{other}");
        }
    }

    #[test]
    fn an_item_is_cut_into_the_lines_of_its_keys() {
        let keys = |item: &str| key_lines(item).map(|k| k.into_iter().collect::<Vec<_>>());
        let pair = |k: &str, l: &str| (k.to_string(), l.to_string());
        assert_eq!(
            keys("- file: a\n  comment: |\n    two\n\n    lines\n  # note\n  t: !x {a: 1}\n"),
            Some(vec![
                pair("file", "file: a\n"),
                pair("comment", "comment: |\n  two\n\n  lines\n# note\n"),
                pair("t", "t: !x {a: 1}\n"),
            ])
        );
        assert_eq!(
            keys("-\n    file: a\n    id: b\n"),
            Some(vec![pair("file", "file: a\n"), pair("id", "id: b\n")])
        );
        for other in ["- {file: a}\n", "- \"file\": a\n", "- file: a\n id: b\n"] {
            assert_eq!(keys(other), None, "{other}");
        }
    }

    /// Text rich in what YAML treats specially, and in any script.
    fn nasty() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[-:#'\"\\\n\r\t {}\\[\\],&*!|>%@`?~=a-z0-9 ]{0,24}",
            "(yes|No|null|~|true|0x1F|1e5|-|- a|\\.inf|2026-11-21T10:00:00Z|パスワード|😀|\u{85}|\u{2028}|\u{feff}|\u{1b}\\[31m| ){1,4}",
        ]
    }

    /// An error: any category, severity and comment, with or without a span
    /// (any offsets, any text: hand-written ones need not fit).
    fn error() -> impl Strategy<Value = MqmError> {
        let span = (any::<bool>(), any::<usize>(), 0usize..40, nasty()).prop_map(
            |(source, start, len, text)| Span {
                side: if source { Side::Source } else { Side::Target },
                start: start % 64,
                end: start % 64 + len,
                text,
            },
        );
        (nasty(), 0..4usize, proptest::option::of(span), nasty()).prop_map(
            |(category, severity, span, comment)| MqmError {
                span,
                ..MqmError::new(&category, Severity::ALL[severity]).with_comment(&comment)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever the texts, the YAML written reads back, with the YAML library
        /// and with the notes loader, as the same strings and numbers.
        #[test]
        fn any_text_reads_back_the_same(
            file in nasty(), id in nasty(), comment in nasty(), source in proptest::option::of(nasty()),
            target in nasty(), reviewer in nasty(), check in nasty(), verdict in 0..3usize,
            errors in proptest::collection::vec(error(), 0..4), millis in 0u64..10_000_000_000,
        ) {
            let seg = SegmentRef { file: &file, locale: "ja-jp", id: &id, source: source.as_deref(), target: &target };
            let mut entry = Entry::unjudged(seg, &reviewer);
            entry.verdict = [None, Some(Verdict::Ok), Some(Verdict::Bad)][verdict].clone();
            entry.errors = errors;
            entry.comment = comment;
            entry.seconds = millis as f64 / 1000.0;
            entry.dismissed = vec![check.clone(), "length-ratio".into()];
            let mut out = Vec::new();
            write_entry(&mut out, &entry);
            write_entry(&mut out, &entry);
            let text = String::from_utf8(out).unwrap();
            let Ok(Value::Sequence(items)) = yaml::parse(&text) else {
                return Err(TestCaseError::fail(format!("not a list\n{text}")));
            };
            prop_assert_eq!(items.len(), 2);
            // A bad entry with no errors is written `errors: []`, left to the library.
            let own = (entry.verdict != Some(Verdict::Bad) || !entry.errors.is_empty()).then(|| items.clone());
            prop_assert_eq!(read_own(&text), own, "the fast reader disagrees\n{}", text);
            let Value::Mapping(map) = &items[0] else { panic!() };
            let text_of = |key: &str| map.get(key).and_then(Value::as_str);
            prop_assert_eq!(text_of("comment"), Some(entry.comment.as_str()));
            prop_assert_eq!(text_of("source"), source.as_deref());
            prop_assert_eq!(text_of("target"), Some(target.as_str()));
            prop_assert_eq!(text_of("file"), Some(file.as_str()));
            prop_assert_eq!(text_of("id"), Some(id.as_str()));
            prop_assert_eq!(map.get("dismissed"), Some(&Value::Sequence(vec![Value::String(check.clone()), Value::String("length-ratio".into())])));
            let mut warnings = Vec::new();
            let back = Entry::from_yaml(items[0].clone(), Some(&text), &mut warnings).unwrap();
            prop_assert_eq!(&back, &entry);
        }
    }

    #[test]
    fn an_entry_in_the_earlier_layout_is_written_back_as_it_was() {
        let earlier = "- file: a.md\n  locale: ja-jp\n  id: a-1\n  verdict: bad\n  \
                       category: style\n  severity: minor\n  comment: \"word order\"\n  \
                       source: Two\n  target: \"二\"\n  reviewer: r\n  time: t\n";
        let Ok(Value::Sequence(items)) = yaml::parse(earlier) else {
            panic!()
        };
        let mut warnings = Vec::new();
        let entry = Entry::from_yaml(items[0].clone(), Some(earlier), &mut warnings).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(entry.comment, "");
        assert_eq!(
            entry.errors,
            [MqmError::new("style", Severity::Minor).with_comment("word order")]
        );
        let mut out = Vec::new();
        write_entry(&mut out, &entry);
        assert_eq!(String::from_utf8(out).unwrap(), earlier);
        // Once changed, it is written in the current layout.
        let current = Entry {
            earlier: None,
            ..entry
        };
        let mut out = Vec::new();
        write_entry(&mut out, &current);
        let written = String::from_utf8(out).unwrap();
        assert!(
            written.contains(
                "  verdict: bad\n  errors:\n    - category: style\n      severity: minor\n      \
                 comment: \"word order\"\n  comment: \"\"\n"
            ),
            "{written}"
        );
    }

    #[test]
    fn a_null_verdict_is_no_verdict_and_stays_as_written() {
        let text = "- file: a.md\n  locale: x\n  id: b\n  verdict: ~\n  comment: \"\"\n  \
                    source: null\n  target: t\n  reviewer: r\n  time: t\n  dismissed: [c]\n";
        let Ok(Value::Sequence(items)) = yaml::parse(text) else {
            panic!()
        };
        let mut warnings = Vec::new();
        let entry = Entry::from_yaml(items[0].clone(), Some(text), &mut warnings).unwrap();
        assert_eq!((entry.verdict.clone(), warnings.len()), (None, 0));
        let mut out = Vec::new();
        write_entry(&mut out, &entry);
        assert_eq!(String::from_utf8(out).unwrap(), text);
    }

    #[test]
    fn the_lines_of_an_entrys_errors_are_found_for_messages() {
        let ours = "- file: a\n  verdict: bad\n  errors:\n    - category: x\n      \
                    severity: minor\n    - category: y\n  comment: \"\"\n";
        assert_eq!(error_item_lines(ours), [3, 5]);
        let by_hand =
            "- file: a\n  errors:\n  - category: x\n\n    # why\n  - {category: y}\n  id: b\n";
        assert_eq!(error_item_lines(by_hand), [2, 5]);
        assert!(error_item_lines("- file: a\n  errors: []\n").is_empty());
    }
}
