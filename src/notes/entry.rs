//! One notes entry: the verdict on one segment, as SPEC "The notes file" lays it out.

use std::fmt;
use std::time::SystemTime;

use super::kept::Kept;
use super::layout;
use super::mqm_error::{MqmError, counted_as};
use crate::mqm::{self, Severity, Side};
use crate::store::{Document, Segment};
use crate::yaml::{Number, Value};

/// Keys of the schema, in the order they are written. `category` and
/// `severity` are the earlier layout's, written only for an entry read in
/// it and not changed since (SPEC: "written back in this layout at its next
/// change"). Anything else in an entry is kept in [`Entry::extra`].
pub(crate) const KEYS: [&str; 14] = [
    "file",
    "locale",
    "id",
    "verdict",
    "category",
    "severity",
    "errors",
    "comment",
    "source",
    "target",
    "reviewer",
    "time",
    "seconds",
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
            id: seg.id(),
            source: seg.source(),
            target: seg.target(),
        }
    }

    /// The raw text of one side; `None` for the source of a target with no
    /// source partner.
    pub fn text(&self, side: Side) -> Option<&'a str> {
        match side {
            Side::Target => Some(self.target),
            Side::Source => self.source,
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
    /// `None`: no verdict yet; the entry holds other things (dismissed
    /// findings, a comment, time) and the segment is not reviewed.
    pub verdict: Option<Verdict>,
    /// The errors of a bad entry, in the order they were marked.
    pub errors: Vec<MqmError>,
    /// About the segment as a whole, ok or bad.
    pub comment: String,
    /// Raw source as seen when marked; `None` for a target with no source partner.
    pub source: Option<String>,
    /// Raw target as seen when marked; a later change makes the entry stale.
    /// `None` for an entry written by hand without it: what was judged is
    /// not known, so it is never stale, and the next judgment records it.
    pub target: Option<String>,
    pub reviewer: String,
    /// RFC 3339 UTC, e.g. `2026-11-21T10:00:00Z`; kept as written when hand-edited.
    pub time: String,
    /// Time the segment was on screen, summed over visits; 0 when not known.
    pub seconds: f64,
    /// Names of automatic checks (`length-ratio`) whose findings the reviewer
    /// dismissed on this segment.
    pub dismissed: Vec<String>,
    /// Keys this version does not know, and known keys whose value it could
    /// not take as it stands, exactly as loaded: written back so that
    /// nothing is lost.
    pub extra: Kept,
    /// `Some` while the entry stands as it was read in the earlier layout
    /// (`category`, `severity`, `comment` at the top of a bad entry): it is
    /// written back so until it changes.
    pub(crate) earlier: Option<Earlier>,
}

/// The top-level `category` and `severity` of an entry in the earlier
/// layout, as read (`None`: absent, or kept as written in [`Entry::extra`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Earlier {
    pub category: Option<String>,
    pub severity: Option<Severity>,
}

impl Entry {
    /// An entry with no verdict yet: the segment as seen now, nothing said.
    pub fn unjudged(seg: SegmentRef, reviewer: &str) -> Entry {
        Entry {
            file: seg.file.to_string(),
            locale: seg.locale.to_string(),
            id: seg.id.to_string(),
            verdict: None,
            errors: Vec::new(),
            comment: String::new(),
            source: seg.source.map(str::to_string),
            target: Some(seg.target.to_string()),
            reviewer: reviewer.to_string(),
            time: now(),
            seconds: 0.0,
            dismissed: Vec::new(),
            extra: Kept::default(),
            earlier: None,
        }
    }

    /// The segment is fine.
    pub fn ok(seg: SegmentRef, reviewer: &str) -> Entry {
        Entry {
            verdict: Some(Verdict::Ok),
            ..Entry::unjudged(seg, reviewer)
        }
    }

    /// The segment has one error of this MQM category and severity, on the
    /// whole segment, with `comment`.
    pub fn bad(
        seg: SegmentRef,
        reviewer: &str,
        category: &str,
        severity: Severity,
        comment: &str,
    ) -> Entry {
        Entry {
            verdict: Some(Verdict::Bad),
            errors: vec![MqmError::new(category, severity).with_comment(comment)],
            ..Entry::unjudged(seg, reviewer)
        }
    }

    /// True when the segment's target is no longer the one that was judged.
    pub fn is_stale(&self, current_target: &str) -> bool {
        self.target.as_deref().is_some_and(|t| t != current_target)
    }

    /// Whether the entry says ok or bad (a verdict sxs knows): a segment
    /// with only dismissed findings, a comment or time is not reviewed.
    pub fn is_reviewed(&self) -> bool {
        matches!(self.verdict, Some(Verdict::Ok | Verdict::Bad))
    }

    pub fn is_bad(&self) -> bool {
        self.verdict == Some(Verdict::Bad)
    }

    /// The errors that count: those of a bad entry (an ok entry's errors,
    /// written by hand, are kept but say nothing).
    pub fn counted_errors(&self) -> &[MqmError] {
        match self.is_bad() {
            true => &self.errors,
            false => &[],
        }
    }

    /// The worst severity among the counted errors.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.counted_errors().iter().map(|e| e.severity).max()
    }

    /// The raw text of one side as seen when marked.
    pub fn marked_text(&self, side: Side) -> Option<&str> {
        match side {
            Side::Target => self.target.as_deref(),
            Side::Source => self.source.as_deref(),
        }
    }

    /// Builds an entry from one item of the notes file; `text` is the item's
    /// text when the file is laid out one item after the other (so that
    /// values are kept byte for byte, and warnings name their line). `Err`
    /// when the item cannot be an entry at all; `warnings` get what was kept
    /// but not understood.
    pub(crate) fn from_yaml(
        item: Value,
        text: Option<&str>,
        warnings: &mut Vec<Unread>,
    ) -> Result<Entry, EntryError> {
        let map = match item {
            Value::Mapping(map) => map,
            other => return Err(EntryError::NotMapping(other.kind())),
        };
        // A bad entry without `errors` is in the earlier layout: its
        // top-level category, severity and comment are its one error.
        let earlier = map.get("verdict").and_then(Value::as_str) == Some("bad")
            && map.get("errors").is_none();
        let mut raw = RawKeys::new(text);
        let error_lines = text.map(layout::error_item_lines).unwrap_or_default();
        let mut entry = Entry {
            file: String::new(),
            locale: String::new(),
            id: String::new(),
            verdict: None,
            errors: Vec::new(),
            comment: String::new(),
            source: None,
            target: None,
            reviewer: String::new(),
            time: String::new(),
            seconds: 0.0,
            dismissed: Vec::new(),
            extra: Kept::default(),
            earlier: None,
        };
        let mut top = Earlier::default();
        let (mut file, mut id, mut verdict) = (None, None, None);
        let mut note = |line: usize, message: String| warnings.push(Unread { line, message });
        // Schema keys whose value stands in for the field when written.
        let mut stand_ins: Vec<(&'static str, Value)> = Vec::new();
        for (key, value) in map {
            let Some(name) = key.as_str().and_then(|k| KEYS.iter().find(|&&s| s == k)) else {
                let lines = key.as_str().and_then(|k| raw.lines(k, &value));
                entry.extra.keep(key, value, lines);
                continue;
            };
            if matches!(*name, "category" | "severity") && !earlier {
                note(
                    0,
                    format!(
                        "`{name}` at the top of an entry that lists `errors` or is not bad: \
                         kept as written, not counted (each error has its own)"
                    ),
                );
                let lines = raw.lines(name, &value);
                entry.extra.keep(key, value, lines);
                continue;
            }
            // Whether the field will give back what was written; else the
            // value as read stands in for it when the entry is written.
            let faithful = !raw.tagged(name)
                && match *name {
                    "dismissed" => matches!(value, Value::Sequence(_)) && checks(&value).is_some(),
                    "source" => matches!(value, Value::String(_) | Value::Null),
                    "severity" => value
                        .as_str()
                        .is_some_and(|t| t.parse::<Severity>().is_ok()),
                    "errors" => match &value {
                        Value::Sequence(items) => {
                            items.iter().all(|i| matches!(i, Value::Mapping(_)))
                        }
                        _ => false,
                    },
                    "seconds" => seconds(&value).is_some(),
                    _ => matches!(value, Value::String(_)),
                };
            if !faithful {
                stand_ins.push((name, value.clone()));
            }
            let (kind, null) = (value.kind(), value == Value::Null);
            // The earlier layout's error of a bad entry counts the default
            // in place of a value it cannot read; the warning says so.
            let counted = counted_as(name)
                .map_or_else(String::new, |d| format!("; a bad entry counts it as {d}"));
            let mut unread = |why: String| {
                note(
                    0,
                    format!("`{name}`: {why}{counted}; the value is kept as written"),
                )
            };
            match *name {
                "dismissed" => match checks(&value) {
                    Some(list) => entry.dismissed = list,
                    None => unread(format!("expected a list of check names, found {kind}")),
                },
                "errors" => match &value {
                    Value::Sequence(items) => {
                        for (n, item) in items.iter().enumerate() {
                            let line = error_lines.get(n).copied().unwrap_or(0);
                            let mut warn =
                                |why: String| note(line, format!("error {}: {why}", n + 1));
                            match MqmError::from_yaml(item, &mut warn) {
                                Some(error) => entry.errors.push(error),
                                None => warn(format!(
                                    "expected a mapping (`category:`, `severity:`…), found {}; \
                                     kept as written until the entry changes",
                                    item.kind()
                                )),
                            }
                        }
                    }
                    Value::Null => {}
                    _ => unread(format!("expected a list of errors, found {kind}")),
                },
                "seconds" => match seconds(&value) {
                    Some(s) => entry.seconds = s,
                    None if null => {}
                    None => unread(format!(
                        "expected a number of seconds (0 or more), found {}",
                        crate::yaml::to_string(&value)
                    )),
                },
                // No verdict, as for an entry without the key.
                "source" | "verdict" if null => {}
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
                        Ok(severity) => top.severity = Some(severity),
                        Err(why) => unread(why),
                    },
                    ("severity", None) => unread(format!("expected a severity, found {kind}")),
                    (_, None) if null => {}
                    (_, None) => unread(format!("expected text, found {kind}")),
                    ("locale", Some(text)) => entry.locale = text,
                    ("category", Some(text)) => top.category = Some(text),
                    ("comment", Some(text)) => entry.comment = text,
                    ("source", Some(text)) => entry.source = Some(text),
                    ("target", Some(text)) => entry.target = Some(text),
                    ("reviewer", Some(text)) => entry.reviewer = text,
                    (_, Some(text)) => entry.time = text,
                },
            }
        }
        entry.file = file.ok_or(EntryError::Missing("file"))?;
        entry.id = id.ok_or(EntryError::Missing("id"))?;
        entry.verdict = verdict.as_deref().map(Verdict::parse);
        if earlier {
            let error = MqmError::new(
                top.category.as_deref().unwrap_or(mqm::DEFAULT_CATEGORY),
                top.severity.unwrap_or(mqm::DEFAULT_SEVERITY),
            );
            entry.errors = vec![error.with_comment(&std::mem::take(&mut entry.comment))];
            entry.earlier = Some(top);
        }
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
        match (&entry.verdict, &entry.earlier) {
            (Some(Verdict::Other(text)), _) => note(
                0,
                format!("unknown verdict {text:?} (sxs knows ok and bad); kept as written"),
            ),
            (Some(Verdict::Bad), Some(top)) => {
                let kept = |key: &str| entry.extra.get(key).is_some();
                match top.category.as_deref() {
                    Some(code) if !mqm::is_known_category(code) => {
                        note(0, format!("unknown category {code:?}; kept as written"));
                    }
                    None if !kept("category") => note(
                        0,
                        format!(
                            "bad entry without a category; counted as {}",
                            mqm::DEFAULT_CATEGORY
                        ),
                    ),
                    _ => {}
                }
                if top.severity.is_none() && !kept("severity") {
                    note(
                        0,
                        format!(
                            "bad entry without a severity; counted as {}",
                            mqm::DEFAULT_SEVERITY
                        ),
                    );
                }
            }
            (Some(Verdict::Bad), None) if entry.errors.is_empty() => note(
                0,
                "a bad entry with no errors: counted as bad, at no penalty; \
                 add an error or make it ok"
                    .into(),
            ),
            (Some(Verdict::Ok) | None, _) if !entry.errors.is_empty() => note(
                0,
                format!(
                    "{} errors on an entry that is not bad: kept as written, not counted",
                    entry.errors.len()
                ),
            ),
            _ => {}
        }
        // Spans are checked against the texts the entry records; without
        // them, against the file's when the segment is shown.
        let recorded = entry.target.is_some();
        for (n, error) in entry.errors.iter().enumerate().filter(|_| recorded) {
            let Some(span) = &error.span else { continue };
            let line = error_lines.get(n).copied().unwrap_or(0);
            let problem = match entry.marked_text(span.side) {
                Some(marked) => span.problem(marked),
                None => Some("the segment has no source to mark".into()),
            };
            if let Some(why) = problem {
                note(
                    line,
                    format!(
                        "error {}: span: {why}; kept as written, looked up by its text \
                         and shown stale where it is not found",
                        n + 1
                    ),
                );
            }
        }
        Ok(entry)
    }
}

/// Something kept but not understood in one entry, and the line it is on,
/// counted from the entry's first line (0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unread {
    pub line: usize,
    pub message: String,
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

/// Seconds on screen: a number, 0 or more.
fn seconds(value: &Value) -> Option<f64> {
    let seconds = match value {
        Value::Number(Number::Float(f)) => *f,
        Value::Number(Number::Int(i)) => *i as f64,
        Value::Number(Number::UInt(u)) => *u as f64,
        _ => return None,
    };
    (seconds.is_finite() && seconds >= 0.0).then_some(seconds)
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
