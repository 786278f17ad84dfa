//! One notes entry: the verdict on one segment, as SPEC "The notes file" lays it out.

use std::fmt;
use std::time::SystemTime;

use super::kept::Kept;
use super::layout;
use crate::mqm::{self, Severity};
use crate::store::{Document, Segment};
use crate::yaml::Value;

/// Keys of the schema, in the order they are written. Anything else in an
/// entry is kept in [`Entry::extra`].
pub(crate) const KEYS: [&str; 12] = [
    "file",
    "locale",
    "id",
    "verdict",
    "category",
    "severity",
    "comment",
    "source",
    "target",
    "reviewer",
    "time",
    "dismissed",
];

/// What the reviewer said about a segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Verdict {
    Ok,
    Bad,
    /// A verdict this version does not know (a hand edit, a newer sxs): kept as written.
    Other(String),
}

impl Verdict {
    pub fn name(&self) -> &str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Bad => "bad",
            Verdict::Other(text) => text,
        }
    }

    fn parse(text: &str) -> Verdict {
        match text {
            "ok" => Verdict::Ok,
            "bad" => Verdict::Bad,
            _ => Verdict::Other(text.to_string()),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The segment a new entry is about, borrowed from the store.
#[derive(Debug, Clone, Copy)]
pub struct SegmentRef<'a> {
    pub file: &'a str,
    pub locale: &'a str,
    pub id: &'a str,
    pub source: Option<&'a str>,
    pub target: &'a str,
}

impl<'a> SegmentRef<'a> {
    pub fn new(doc: &'a Document, seg: &'a Segment) -> Self {
        SegmentRef {
            file: &doc.path,
            locale: &doc.locale,
            id: &seg.id,
            source: seg.source.as_deref(),
            target: &seg.target,
        }
    }
}

/// One entry of the notes file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The path as `dump` prints it (`Document::path`).
    pub file: String,
    pub locale: String,
    pub id: String,
    pub verdict: Verdict,
    /// MQM-Core mnemonic (`accuracy/mistranslation`); bad only. Kept even when
    /// it is not one of [`mqm::CATEGORIES`].
    pub category: Option<String>,
    /// Bad only.
    pub severity: Option<Severity>,
    pub comment: String,
    /// Raw source as seen when marked; `None` for a target with no source partner.
    pub source: Option<String>,
    /// Raw target as seen when marked; a later change makes the entry stale.
    pub target: String,
    pub reviewer: String,
    /// RFC 3339 UTC, e.g. `2026-11-21T10:00:00Z`; kept as written when hand-edited.
    pub time: String,
    /// Names of automatic checks (`length-ratio`) whose findings the reviewer
    /// dismissed on this segment.
    pub dismissed: Vec<String>,
    /// Keys this version does not know, and known keys whose value it could
    /// not take as it stands, exactly as loaded: written back so that
    /// nothing is lost.
    pub extra: Kept,
}

impl Entry {
    /// The segment is fine.
    pub fn ok(seg: SegmentRef, reviewer: &str) -> Entry {
        Entry {
            file: seg.file.to_string(),
            locale: seg.locale.to_string(),
            id: seg.id.to_string(),
            verdict: Verdict::Ok,
            category: None,
            severity: None,
            comment: String::new(),
            source: seg.source.map(str::to_string),
            target: seg.target.to_string(),
            reviewer: reviewer.to_string(),
            time: now(),
            dismissed: Vec::new(),
            extra: Kept::default(),
        }
    }

    /// The segment has an error of this MQM category and severity.
    pub fn bad(
        seg: SegmentRef,
        reviewer: &str,
        category: &str,
        severity: Severity,
        comment: &str,
    ) -> Entry {
        Entry {
            verdict: Verdict::Bad,
            category: Some(category.to_string()),
            severity: Some(severity),
            comment: comment.to_string(),
            ..Entry::ok(seg, reviewer)
        }
    }

    /// True when the segment's target is no longer the one that was judged.
    pub fn is_stale(&self, current_target: &str) -> bool {
        self.target != current_target
    }

    /// The severity that counts for a bad entry: a hand-edited one without a
    /// severity counts as the default, as the mark dialog would save it.
    pub fn bad_severity(&self) -> Option<Severity> {
        (self.verdict == Verdict::Bad).then(|| self.severity.unwrap_or(mqm::DEFAULT_SEVERITY))
    }

    /// `Accuracy/Mistranslation`, or the mnemonic as written when it is not an
    /// MQM-Core category; the default category for a bad entry without one.
    pub fn category_label(&self) -> Option<String> {
        if self.verdict != Verdict::Bad {
            return None;
        }
        let code = self.category.as_deref().unwrap_or(mqm::DEFAULT_CATEGORY);
        Some(mqm::category(code).map_or_else(|| code.to_string(), |c| c.label()))
    }

    /// Builds an entry from one item of the notes file; `text` is the item's
    /// text when the file is laid out one item after the other (so that
    /// values are kept byte for byte). `Err` when the item cannot be an
    /// entry at all; `warnings` get what was kept but not understood.
    pub(crate) fn from_yaml(
        item: Value,
        text: Option<&str>,
        warnings: &mut Vec<String>,
    ) -> Result<Entry, EntryError> {
        let map = match item {
            Value::Mapping(map) => map,
            other => return Err(EntryError::NotMapping(other.kind())),
        };
        let mut raw = RawKeys::new(text);
        let mut entry = Entry {
            file: String::new(),
            locale: String::new(),
            id: String::new(),
            verdict: Verdict::Ok,
            category: None,
            severity: None,
            comment: String::new(),
            source: None,
            target: String::new(),
            reviewer: String::new(),
            time: String::new(),
            dismissed: Vec::new(),
            extra: Kept::default(),
        };
        let (mut file, mut id, mut verdict) = (None, None, None);
        // Schema keys whose value stands in for the field when written.
        let mut stand_ins: Vec<(&'static str, Value)> = Vec::new();
        for (key, value) in map {
            let Some(name) = key.as_str().and_then(|k| KEYS.iter().find(|&&s| s == k)) else {
                let lines = key.as_str().and_then(|k| raw.lines(k, &value));
                entry.extra.keep(key, value, lines);
                continue;
            };
            // Whether the field will give back what was written; else the
            // value as read stands in for it when the entry is written.
            let faithful = !raw.tagged(name)
                && match *name {
                    "dismissed" => matches!(value, Value::Sequence(_)) && checks(&value).is_some(),
                    "source" => matches!(value, Value::String(_) | Value::Null),
                    "severity" => value
                        .as_str()
                        .is_some_and(|t| t.parse::<Severity>().is_ok()),
                    _ => matches!(value, Value::String(_)),
                };
            if !faithful {
                stand_ins.push((name, value.clone()));
            }
            let (kind, null) = (value.kind(), value == Value::Null);
            let mut unread = |why: String| {
                warnings.push(format!("`{name}`: {why}; the value is kept as written"))
            };
            match *name {
                "dismissed" => match checks(&value) {
                    Some(list) => entry.dismissed = list,
                    None => unread(format!("expected a list of check names, found {kind}")),
                },
                "source" if null => {}
                _ => match (*name, into_text(value)) {
                    ("file", text) => {
                        file = Some(text.ok_or(EntryError::WrongType { key: name, kind })?)
                    }
                    ("id", text) => {
                        id = Some(text.ok_or(EntryError::WrongType { key: name, kind })?)
                    }
                    ("verdict", text) => {
                        verdict = Some(text.ok_or(EntryError::WrongType { key: name, kind })?)
                    }
                    ("severity", Some(text)) => match text.parse::<Severity>() {
                        Ok(severity) => entry.severity = Some(severity),
                        Err(why) => unread(why),
                    },
                    ("severity", None) => unread(format!("expected a severity, found {kind}")),
                    (_, None) if null => {}
                    (_, None) => unread(format!("expected text, found {kind}")),
                    ("locale", Some(text)) => entry.locale = text,
                    ("category", Some(text)) => entry.category = Some(text),
                    ("comment", Some(text)) => entry.comment = text,
                    ("source", Some(text)) => entry.source = Some(text),
                    ("target", Some(text)) => entry.target = text,
                    ("reviewer", Some(text)) => entry.reviewer = text,
                    (_, Some(text)) => entry.time = text,
                },
            }
        }
        entry.file = file.ok_or(EntryError::Missing("file"))?;
        entry.id = id.ok_or(EntryError::Missing("id"))?;
        entry.verdict = Verdict::parse(&verdict.ok_or(EntryError::Missing("verdict"))?);
        for (name, value) in stand_ins {
            let mut read_as = Vec::new();
            layout::write_field(
                &mut read_as,
                &entry,
                name,
                if name == "file" { "- " } else { "  " },
            );
            let lines = raw.lines(name, &value);
            entry.extra.keep_field(name, value, lines, read_as);
        }
        let mut note = |message: String| warnings.push(message);
        match &entry.verdict {
            Verdict::Other(text) => note(format!(
                "unknown verdict {text:?} (sxs knows ok and bad); kept as written"
            )),
            Verdict::Bad => {
                let kept = |key: &str| entry.extra.get(key).is_some();
                match entry.category.as_deref() {
                    Some(code) if mqm::category(code).is_none() => {
                        note(format!("unknown category {code:?}; kept as written"));
                    }
                    None if !kept("category") => note(format!(
                        "bad entry without a category; counted as {}",
                        mqm::DEFAULT_CATEGORY
                    )),
                    _ => {}
                }
                if entry.severity.is_none() && !kept("severity") {
                    note(format!(
                        "bad entry without a severity; counted as {}",
                        mqm::DEFAULT_SEVERITY
                    ));
                }
            }
            Verdict::Ok => {}
        }
        Ok(entry)
    }
}

/// An item of the notes file that cannot be an entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("an entry must be a mapping of keys to values (`file:`, `id:`…), not {0}")]
    NotMapping(&'static str),
    #[error("entry has no `{0}`")]
    Missing(&'static str),
    #[error("`{key}` must be text, not {kind}")]
    WrongType {
        key: &'static str,
        kind: &'static str,
    },
}

/// A text field's value: text as it is; numbers and booleans as their text
/// (`id: 105`).
fn into_text(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        Value::Number(_) | Value::Bool(_) => Some(crate::yaml::to_string(&value)),
        _ => None,
    }
}

/// A list of check names.
fn checks(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Null => Some(Vec::new()),
        Value::Sequence(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// The lines of each key of one item, cut out when first needed.
struct RawKeys<'t> {
    text: Option<&'t str>,
    keys: Option<Option<Vec<(String, String)>>>,
    /// The item holds a `!`: some value may carry a tag.
    tags: bool,
}

impl<'t> RawKeys<'t> {
    fn new(text: Option<&'t str>) -> RawKeys<'t> {
        RawKeys {
            text,
            keys: None,
            tags: text.is_some_and(|t| t.contains('!')),
        }
    }

    /// The lines of `key` in the item, as written.
    fn written(&mut self, key: &str) -> Option<&str> {
        let text = self.text?;
        let keys = self
            .keys
            .get_or_insert_with(|| layout::key_lines(text))
            .as_ref()?;
        keys.iter().find(|(k, _)| k == key).map(|(_, l)| l.as_str())
    }

    /// The lines of `key` as written, to write back, when they read back as
    /// `value` (so that a layout this misread can never put another value
    /// in the file) and hold no alias (written back without its anchor,
    /// which may be in another entry, an alias would break the file): else
    /// the value is written from what was read.
    fn lines(&mut self, key: &str, value: &Value) -> Option<String> {
        let lines = self.written(key)?;
        let alias = lines
            .as_bytes()
            .windows(2)
            .any(|w| matches!(w[0], b' ' | b'[' | b'{' | b',') && w[1] == b'*');
        let same = || match crate::yaml::parse(lines) {
            Ok(Value::Mapping(map)) => map.len() == 1 && map.get(key) == Some(value),
            _ => false,
        };
        (!alias && same()).then(|| lines.to_string())
    }

    /// Whether the value of `key` carries a tag (`!!binary`), which the
    /// library resolves away: only the lines as written keep it.
    fn tagged(&mut self, key: &str) -> bool {
        self.tags
            && self.written(key).is_some_and(|lines| {
                lines
                    .split_once(':')
                    .is_some_and(|(_, value)| value.trim_start().starts_with('!'))
            })
    }
}

/// The current time as the notes file writes it.
pub(crate) fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// The reviewer name: `--reviewer`, else `$USER`, else `unknown`.
pub fn reviewer(flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}
