//! One notes entry: the verdict on one segment, as SPEC "The notes file" lays it out.

use std::fmt;
use std::time::SystemTime;

use serde_yaml::{Mapping, Value};

use crate::mqm::{self, Severity};
use crate::store::{Document, Segment};

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
    /// not read, exactly as loaded: written back so that nothing is lost.
    pub extra: Mapping,
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
            extra: Mapping::new(),
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

    /// Builds an entry from one item of the notes file. `Err` when the item
    /// cannot be an entry at all; `warnings` get what was kept but not understood.
    pub(crate) fn from_yaml(item: Value, warnings: &mut Vec<String>) -> Result<Entry, String> {
        let Value::Mapping(map) = item else {
            return Err("an entry must be a mapping of keys to values (`file:`, `id:`…)".into());
        };
        let mut fields = Fields {
            extra: Mapping::new(),
            warnings,
        };
        let mut file = None;
        let mut id = None;
        let mut verdict = None;
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
            extra: Mapping::new(),
        };
        for (key, value) in map {
            let Some(name) = key.as_str().map(str::to_string) else {
                fields.extra.insert(key, value);
                continue;
            };
            match name.as_str() {
                "file" => file = fields.text(&name, value),
                "id" => id = fields.text(&name, value),
                "verdict" => verdict = fields.text(&name, value),
                "locale" => entry.locale = fields.text(&name, value).unwrap_or_default(),
                "category" => entry.category = fields.text(&name, value),
                "severity" => {
                    entry.severity = match fields.text(&name, value.clone()) {
                        Some(text) => match text.parse() {
                            Ok(severity) => Some(severity),
                            Err(why) => fields.keep(&name, value, &why),
                        },
                        None => None,
                    }
                }
                "comment" => entry.comment = fields.text(&name, value).unwrap_or_default(),
                "source" => entry.source = fields.text(&name, value),
                "target" => entry.target = fields.text(&name, value).unwrap_or_default(),
                "reviewer" => entry.reviewer = fields.text(&name, value).unwrap_or_default(),
                "time" => entry.time = fields.text(&name, value).unwrap_or_default(),
                "dismissed" => entry.dismissed = fields.list(&name, value),
                _ => {
                    fields.extra.insert(Value::String(name), value);
                }
            }
        }
        entry.file = file.ok_or("entry has no `file`")?;
        entry.id = id.ok_or("entry has no `id`")?;
        entry.verdict = Verdict::parse(&verdict.ok_or("entry has no `verdict`")?);
        entry.extra = fields.extra;
        let mut note = |message: String| warnings.push(message);
        match &entry.verdict {
            Verdict::Other(text) => note(format!(
                "unknown verdict {text:?} (sxs knows ok and bad); kept as written"
            )),
            Verdict::Bad => {
                let kept = |key: &str| entry.extra.contains_key(key);
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

/// Reads the values of one entry, keeping what it cannot read in `extra`.
struct Fields<'w> {
    extra: Mapping,
    warnings: &'w mut Vec<String>,
}

impl Fields<'_> {
    /// A text field. Numbers and booleans are taken as their text (`id: 105`);
    /// `null` is no value.
    fn text(&mut self, key: &str, value: Value) -> Option<String> {
        match value {
            Value::String(text) => Some(text),
            Value::Null => None,
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => self.keep(key, other, "expected text"),
        }
    }

    fn list(&mut self, key: &str, value: Value) -> Vec<String> {
        let items = match value {
            Value::Sequence(items) => items,
            Value::Null => return Vec::new(),
            other => {
                self.keep::<()>(key, other, "expected a list of check names");
                return Vec::new();
            }
        };
        let texts: Option<Vec<String>> = items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect();
        texts.unwrap_or_else(|| {
            self.keep::<()>(
                key,
                Value::Sequence(items),
                "expected a list of check names",
            );
            Vec::new()
        })
    }

    fn keep<T>(&mut self, key: &str, value: Value, why: &str) -> Option<T> {
        self.warnings
            .push(format!("`{key}`: {why}; the value is kept as written"));
        self.extra.insert(Value::String(key.to_string()), value);
        None
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
