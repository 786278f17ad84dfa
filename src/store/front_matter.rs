//! The YAML front matter: split from the body, decoded with `crate::yaml`.
//! All YAML reading of segment files lives here.

use crate::yaml::{self, Value};

use super::Warning;

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

/// A front-matter value that holds spans, as YAML decodes it.
#[derive(Debug, Clone)]
pub struct SpanValue {
    /// Top-level key, e.g. `title`.
    pub key: String,
    pub text: String,
    /// 1-based line of the key in the file.
    pub line: u32,
}

/// A file cut into its front matter and body.
#[derive(Debug, Default)]
pub struct Head {
    pub fields: FrontMatter,
    pub span_values: Vec<SpanValue>,
    /// Byte offset where the body starts (0 without front matter).
    pub body_start: usize,
}

/// Splits off and reads the front matter. A file that does not start with a
/// `---` line has none; one never closed is read as all body, with a warning.
pub fn split(path: &str, text: &str, warnings: &mut Vec<Warning>) -> Head {
    let Some(yaml_start) = opening_fence(text) else {
        return Head::default();
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
        return Head::default();
    };
    let yaml = &text[yaml_start..yaml_end];
    let mut head = Head {
        body_start,
        ..Head::default()
    };
    match yaml::parse(yaml) {
        Ok(Value::Mapping(map)) => {
            for (key, value) in map.iter() {
                let Some(key) = key.as_str() else { continue };
                let Some(value) = scalar(value) else { continue };
                head.fields.set(key, &value);
                if value.contains("data-ttu-id") {
                    head.span_values.push(SpanValue {
                        key: key.to_string(),
                        text: value,
                        line: key_line(yaml, key),
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

/// Fallback for broken YAML: the top-level `key: value` lines, quotes removed, so
/// that locale and grouping still work. Span values are then taken as written.
fn read_lines(yaml: &str, head: &mut Head) {
    for (n, line) in yaml.lines().enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.starts_with(char::is_whitespace) {
            continue;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        head.fields.set(key, value);
        if value.contains("data-ttu-id") {
            head.span_values.push(SpanValue {
                key: key.to_string(),
                text: value.to_string(),
                line: n as u32 + 2,
            });
        }
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

    #[test]
    fn unclosed_front_matter_makes_the_whole_file_body() {
        let mut w = Vec::new();
        let head = split("f.md", "---\ntitle: x\nbody", &mut w);
        assert_eq!(head.body_start, 0);
        assert!(w[0].message.contains("never closed"));
    }
}
