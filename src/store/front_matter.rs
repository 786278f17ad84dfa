//! The YAML front matter: split from the body, decoded with `crate::yaml`.
//! All YAML reading of segment files lives here.

use std::borrow::Cow;

use crate::yaml::{self, Value};

use super::Warning;

/// The UTF-8 byte-order mark.
const BOM: &str = "\u{feff}";

/// The front-matter fields sxs uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// `ms.contentlocale` as written (`ja-JP`).
    pub locale: Option<String>,
    /// `ms.translationtype`: `MT`, `HT`, …
    pub translation_type: Option<String>,
    /// `ms.openlocfilehash`: the same for every translation of one article version.
    pub openlocfilehash: Option<String>,
}

/// A front-matter value that holds spans, as YAML decodes it; or, for
/// front matter that is not valid YAML, all of it as written.
#[derive(Debug, Clone)]
pub struct SpanValue {
    /// Top-level key, e.g. `title`; empty for front matter as written.
    pub key: String,
    pub text: String,
    /// 1-based line of the key in the file, or of the first line of
    /// front matter as written.
    pub line: u32,
    /// `text` is the front matter as written, not a decoded value: each
    /// span's line and key are read off the text itself.
    pub as_written: bool,
}

impl SpanValue {
    /// The 1-based line and the top-level key of the span that starts at
    /// `at` in [`SpanValue::text`]; `yaml` is the front matter as written,
    /// where a decoded value's span is looked up by its id (a value may
    /// start on the line after its key, or be an item of a list): the
    /// id's occurrence number `nth` (from 0), when one id is used twice.
    pub fn place_of(&self, at: usize, (id, nth): (&str, usize), yaml: &str) -> (u32, &str) {
        if !self.as_written {
            let found = (!id.is_empty()).then(|| id_line(yaml, id, nth)).flatten();
            let line = found.unwrap_or(self.line);
            return (line, &self.key);
        }
        let before = &self.text[..at];
        let line = self.line + before.bytes().filter(|&b| b == b'\n').count() as u32;
        let key = before
            .lines()
            .rev()
            .find_map(top_level_key)
            .unwrap_or_default();
        (line, key)
    }
}

/// The key of a top-level `key: value` line: a word at the line's start.
fn top_level_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'/'))
        && !key.starts_with('-');
    plain.then_some(key)
}

/// The 1-based file line where `yaml` (front matter that starts on line 2)
/// has its `nth` span (from 0) of id `id`, in any quoting
/// (`data-ttu-id=\"a-1\"`).
fn id_line(yaml: &str, id: &str, mut nth: usize) -> Option<u32> {
    let mut from = 0;
    while let Some(found) = yaml[from..].find("data-ttu-id=") {
        let after = from + found + "data-ttu-id=".len();
        let value = yaml[after..].trim_start_matches(['\\', '"', '\'']);
        let this = value.starts_with(id) && value[id.len()..].starts_with(['\\', '"', '\'']);
        if this && nth > 0 {
            nth -= 1;
        } else if this {
            let line = yaml[..after].bytes().filter(|&b| b == b'\n').count() as u32;
            return Some(line + 2);
        }
        from = after;
    }
    None
}

/// A file cut into its front matter and body.
#[derive(Debug, Default)]
pub struct Head {
    pub fields: FrontMatter,
    pub span_values: Vec<SpanValue>,
    /// Where the front matter's YAML stands in the file (empty without).
    pub yaml: std::ops::Range<usize>,
    /// Byte offset where the body starts (0, or 3 after a byte-order mark,
    /// without front matter).
    pub body_start: usize,
}

/// Splits off and reads the front matter. A file that does not start with a
/// `---` line has none; one never closed is read as all body, with a warning.
/// A byte-order mark before it, as Windows editors write, is not part of the
/// body; it stays in `text`, so that offsets and lines are the file's.
pub fn split(path: &str, text: &str, warnings: &mut Vec<Warning>) -> Head {
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let no_front_matter = Head {
        body_start: bom,
        ..Head::default()
    };
    let Some(yaml_start) = opening_fence(&text[bom..]).map(|end| bom + end) else {
        return no_front_matter;
    };
    let Some((yaml_end, body_start)) = closing_fence(text, yaml_start) else {
        warnings.push(Warning {
            file: path.to_string(),
            line: Some(1),
            id: None,
            message: "front matter opened by `---` is never closed by a `---` line; \
                      the whole file is read as body"
                .into(),
        });
        return no_front_matter;
    };
    let yaml = &text[yaml_start..yaml_end];
    let mut head = Head {
        body_start,
        yaml: yaml_start..yaml_end,
        ..Head::default()
    };
    if let Some(pairs) = simple_pairs(yaml) {
        for (line, key, value) in pairs {
            head.fields.set(key, &value);
            if value.contains("data-ttu-id") {
                head.span_values.push(SpanValue {
                    key: key.to_string(),
                    text: value.into_owned(),
                    line: line as u32 + 2,
                    as_written: false,
                });
            }
        }
        return head;
    }
    match yaml::parse(yaml) {
        Ok(Value::Mapping(map)) => {
            for (key, value) in map.iter() {
                let Some(key) = key.as_str() else { continue };
                if let Some(value) = scalar(value) {
                    head.fields.set(key, &value);
                }
                // Spans anywhere under the key: a `keywords` list holds one
                // per item.
                let mut texts = Vec::new();
                texts_in(value, &mut texts);
                for text in texts.into_iter().filter(|t| t.contains("data-ttu-id")) {
                    head.span_values.push(SpanValue {
                        key: key.to_string(),
                        text: text.to_string(),
                        line: key_line(yaml, key),
                        as_written: false,
                    });
                }
            }
        }
        Ok(Value::Null) => {}
        Ok(_) => warnings.push(Warning {
            file: path.to_string(),
            line: Some(2),
            id: None,
            message: "front matter is not a YAML mapping of `key: value` lines; ignored".into(),
        }),
        Err(err) => {
            // The YAML starts on line 2 of the file.
            let line = err.line.map(|l| l as u32 + 1);
            warnings.push(Warning {
                file: path.to_string(),
                line,
                id: None,
                message: format!(
                    "front matter is not valid YAML ({err}); fields read line by line instead"
                ),
            });
            read_lines(yaml, &mut head);
        }
    }
    head
}

impl FrontMatter {
    fn set(&mut self, key: &str, value: &str) {
        let slot = match key {
            "title" => &mut self.title,
            "ms.contentlocale" => &mut self.locale,
            "ms.translationtype" => &mut self.translation_type,
            "ms.openlocfilehash" => &mut self.openlocfilehash,
            _ => return,
        };
        *slot = Some(value.trim().to_string());
    }
}

/// The `key: value` pairs of front matter made only of one-line pairs whose
/// value any YAML reader takes as that text (plain words, or a quoted string
/// without escapes): (0-based line in the YAML, key, value), values that YAML
/// reads as null left out. `None` for anything else (nesting, escapes,
/// anything that might be a number, a repeated key), which the YAML library
/// then reads. Nearly every front matter is of this kind, and a full YAML
/// parse of it costs a sixth of a corpus dump.
fn simple_pairs(yaml: &str) -> Option<Vec<(usize, &str, Cow<'_, str>)>> {
    let mut pairs: Vec<(usize, &str, Cow<'_, str>)> = Vec::new();
    for (n, line) in yaml.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = top_level_key(line)?;
        let rest = &line[key.len() + 1..];
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        if pairs.iter().any(|(_, k, _)| *k == key) {
            return None;
        }
        if let Some(value) = simple_value(rest.trim())? {
            pairs.push((n, key, value));
        }
    }
    Some(pairs)
}

/// A value of [`simple_pairs`]: `Some(None)` for what YAML reads as null.
#[allow(clippy::option_option)]
fn simple_value(value: &str) -> Option<Option<Cow<'_, str>>> {
    if let Some(inner) = value.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        return Some(Some(match inner.contains("''") {
            true => Cow::Owned(inner.replace("''", "'")),
            false => Cow::Borrowed(inner),
        }));
    }
    if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then_some(Some(Cow::Borrowed(inner)));
    }
    if matches!(value, "" | "~" | "null" | "Null" | "NULL") {
        return Some(None);
    }
    let first = value.chars().next()?;
    let indicator = "[]{}&*!|>%@`#,?:-\"'".contains(first);
    // Perhaps a number (`12`, `1e5`, `0x1F`, `1_000`, `.inf`), which YAML
    // would read as one and write back otherwise.
    let unsigned = value.trim_start_matches(['+', '-']);
    let maybe_number = value.parse::<f64>().is_ok()
        || unsigned.starts_with('.')
        || ["0x", "0o", "0b"].iter().any(|p| unsigned.starts_with(p))
        || (unsigned.starts_with(|c: char| c.is_ascii_digit()) && value.contains('_'));
    let plain = !indicator
        && !maybe_number
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.contains('\t')
        && !value.ends_with(':')
        && !matches!(
            value,
            "true" | "false" | "True" | "False" | "TRUE" | "FALSE"
        );
    plain.then_some(Some(Cow::Borrowed(value)))
}

/// Fallback for broken YAML: the top-level `key: value` lines, quotes removed, so
/// that locale and grouping still work. The spans are read from the front
/// matter as written, all of them: machine translation of a whole front
/// matter leaves spans on lines of no key, and in lists.
fn read_lines(yaml: &str, head: &mut Head) {
    for line in yaml.lines() {
        let Some(key) = top_level_key(line) else {
            continue;
        };
        let value = line[key.len() + 1..].trim();
        head.fields
            .set(key, value.trim_matches(|c| c == '"' || c == '\''));
    }
    if yaml.contains("data-ttu-id") {
        head.span_values.push(SpanValue {
            key: String::new(),
            text: yaml.to_string(),
            line: 2,
            as_written: true,
        });
    }
}

/// The texts of a YAML value and of everything nested in it, in order.
fn texts_in<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Sequence(items) => items.iter().for_each(|v| texts_in(v, out)),
        Value::Mapping(map) => map.iter().for_each(|(_, v)| texts_in(v, out)),
        Value::Tagged(tagged) => texts_in(&tagged.1, out),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) => Some(yaml::to_string(value)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// 1-based file line of a top-level key (the YAML starts on line 2).
fn key_line(yaml: &str, key: &str) -> u32 {
    let is_key_line = |line: &str| {
        line.trim_start_matches(['"', '\''])
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches(['"', '\'', ' ']).starts_with(':'))
    };
    yaml.lines().position(is_key_line).unwrap_or(0) as u32 + 2
}

/// Offset just after an opening `---` line at the very start of the file.
fn opening_fence(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("---")?;
    let line_end = rest.find('\n')?;
    rest[..line_end]
        .trim_end()
        .is_empty()
        .then_some(3 + line_end + 1)
}

/// Offsets of the closing `---` (or `...`) line: where the YAML ends and the body starts.
fn closing_fence(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((at, at + line.len()));
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fields_and_finds_the_body() {
        let text =
            "---\r\ntitle: T\r\nms.contentlocale: ja-JP\r\nms.translationtype: MT\r\n---\nbody";
        let mut w = Vec::new();
        let head = split("f", text, &mut w);
        assert!(w.is_empty());
        assert_eq!(&text[head.body_start..], "body");
        assert_eq!(head.fields.locale.as_deref(), Some("ja-JP"));
        assert_eq!(head.fields.translation_type.as_deref(), Some("MT"));
    }

    #[test]
    fn span_values_are_yaml_decoded_with_their_line() {
        let text = "---\nms.date: 1\ntitle: \"<span data-ttu-id=\\\"a-1\\\">T</span>\"\n---\n";
        let mut w = Vec::new();
        let head = split("f", text, &mut w);
        assert_eq!(head.span_values.len(), 1);
        assert_eq!(
            head.span_values[0].text,
            "<span data-ttu-id=\"a-1\">T</span>"
        );
        assert_eq!(head.span_values[0].line, 3);
    }

    #[test]
    fn broken_yaml_is_reported_with_its_line_and_read_line_by_line() {
        let text = "---\ntitle: ok\nms.contentlocale: de-DE\nbad: [unclosed\n---\nbody";
        let mut w = Vec::new();
        let head = split("f.md", text, &mut w);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("not valid YAML"), "{}", w[0].message);
        assert!(w[0].line.unwrap() >= 4, "{:?}", w[0].line);
        assert_eq!(head.fields.locale.as_deref(), Some("de-DE"));
        assert_eq!(&text[head.body_start..], "body");
    }

    #[test]
    fn deeply_nested_yaml_is_refused_at_once_with_its_line() {
        // 100,000 `[` (109 KB) took the YAML library 30 s.
        let text = format!(
            "---\nms.contentlocale: ja-JP\nx: {}\n---\nbody",
            "[".repeat(100_000)
        );
        let mut w = Vec::new();
        let head = split("f.md", &text, &mut w);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(3));
        assert!(
            w[0].message.contains("nested more than 100"),
            "{}",
            w[0].message
        );
        assert_eq!(head.fields.locale.as_deref(), Some("ja-JP"));
    }

    /// The fast reading of one-line pairs gives what the YAML library gives,
    /// and leaves it everything else.
    #[test]
    fn simple_front_matter_reads_as_the_yaml_library_reads_it() {
        let fast = [
            "title: '빠른 시작: PowerShell을 사용'",
            "title: 'it''s'",
            "ms.locfileid: \"98182344\"",
            "ms.openlocfilehash: 1a2b3c4d",
            "ms.date: 11/24/2020",
            "empty:",
            "tilde: ~",
            "# a comment line\nms.contentlocale: ja-JP",
        ];
        let left_to_the_library = [
            "title: 빠른 시작: PowerShell을",
            "ms.openlocfilehash: 12345678",
            "n: 0x1F",
            "n: 1e5",
            "n: 1_000",
            "n: .inf",
            "flag: true",
            "x: a # comment",
            "x: \"esc\\\"aped\"",
            "x: [a, b]",
            "x: |\n  block",
            "x: a\n  continued",
            "dup: 1\ndup: 2",
        ];
        for yaml in left_to_the_library {
            assert!(simple_pairs(yaml).is_none(), "{yaml}");
        }
        for yaml in fast {
            let pairs = simple_pairs(yaml).unwrap_or_else(|| panic!("{yaml}"));
            let Ok(Value::Mapping(map)) = yaml::parse(yaml) else {
                panic!("{yaml}")
            };
            let library: Vec<(&str, String)> = map
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?, scalar(v)?)))
                .collect();
            let ours: Vec<(&str, String)> =
                pairs.iter().map(|(_, k, v)| (*k, v.to_string())).collect();
            assert_eq!(ours, library, "{yaml}");
        }
    }

    #[test]
    fn unclosed_front_matter_makes_the_whole_file_body() {
        let mut w = Vec::new();
        let head = split("f.md", "---\ntitle: x\nbody", &mut w);
        assert_eq!(head.body_start, 0);
        assert!(w[0].message.contains("never closed"));
    }
}
