//! One MQM error of a notes entry (SPEC "The notes file", `errors:`): its
//! category, severity, optional span and comment, read from one item of the
//! entry's list. What cannot be taken as it stands is kept as it was read
//! and written back, as for the entry's own keys ([`Kept`]).

use super::kept::Kept;
use super::layout;
use crate::mqm::{self, Severity, Side, Span};
use crate::yaml::{Number, Value};

/// Keys of one error, in the order they are written; anything else in the
/// item is kept in [`MqmError::extra`].
pub(crate) const ERROR_KEYS: [&str; 7] = [
    "category", "severity", "side", "start", "end", "text", "comment",
];

/// What an error counts as in place of a `severity` or `category` that
/// cannot be read: the defaults.
pub(crate) fn counted_as(key: &str) -> Option<String> {
    match key {
        "severity" => Some(mqm::DEFAULT_SEVERITY.to_string()),
        "category" => Some(mqm::DEFAULT_CATEGORY.to_string()),
        _ => None,
    }
}

/// The keys that make a span.
const SPAN_KEYS: [&str; 4] = ["side", "start", "end", "text"];

/// One error the reviewer marked on a segment.
#[derive(Debug, Clone, PartialEq)]
pub struct MqmError {
    /// MQM-Core mnemonic (`accuracy/mistranslation`); kept as written when
    /// it is not one of [`mqm::CATEGORIES`].
    pub category: String,
    pub severity: Severity,
    /// Where it is; `None`: on the whole segment.
    pub span: Option<Span>,
    pub comment: String,
    /// Keys of the item this version does not know, and values it could
    /// not take, exactly as loaded.
    pub extra: Kept,
}

impl MqmError {
    /// An error on the whole segment, without a comment.
    pub fn new(category: &str, severity: Severity) -> MqmError {
        MqmError {
            category: category.to_string(),
            severity,
            span: None,
            comment: String::new(),
            extra: Kept::default(),
        }
    }

    pub fn with_span(self, span: Span) -> MqmError {
        MqmError {
            span: Some(span),
            ..self
        }
    }

    pub fn with_comment(self, comment: &str) -> MqmError {
        MqmError {
            comment: comment.to_string(),
            ..self
        }
    }

    /// `Accuracy/Mistranslation`, or the mnemonic as written when it is not
    /// an MQM-Core category.
    pub fn category_label(&self) -> String {
        mqm::category(&self.category).map_or_else(|| self.category.clone(), |c| c.label())
    }

    /// Reads one item of an entry's `errors:` list; `None` when it is not a
    /// mapping. `warn` gets what was kept but not understood.
    pub(crate) fn from_yaml(item: &Value, warn: &mut dyn FnMut(String)) -> Option<MqmError> {
        let Value::Mapping(map) = item else {
            return None;
        };
        let mut error = MqmError::new(mqm::DEFAULT_CATEGORY, mqm::DEFAULT_SEVERITY);
        let (mut category, mut severity) = (false, false);
        let mut span: [Option<&Value>; 4] = [None; 4];
        let mut stand_ins: Vec<(&'static str, &Value)> = Vec::new();
        for (key, value) in map.iter() {
            let Some(&name) = key
                .as_str()
                .and_then(|k| ERROR_KEYS.iter().find(|&&n| n == k))
            else {
                error.extra.keep(key.clone(), value.clone(), None);
                continue;
            };
            // What the error counts as meanwhile is said: a score or an
            // export showing `major` must not surprise the reviewer.
            let counted =
                counted_as(name).map_or_else(String::new, |d| format!("; counted as {d}"));
            let mut unread = |why: String| {
                warn(format!(
                    "`{name}`: {why}{counted}; the value is kept as written"
                ));
                stand_ins.push((name, value));
            };
            match (name, value) {
                ("category", Value::String(text)) => {
                    category = true;
                    error.category = text.clone();
                }
                ("severity", Value::String(text)) => match text.parse::<Severity>() {
                    Ok(parsed) => {
                        severity = true;
                        error.severity = parsed;
                    }
                    Err(why) => unread(why),
                },
                ("comment", Value::String(text)) => error.comment = text.clone(),
                ("comment", Value::Null) => {}
                ("category" | "severity" | "comment", other) => {
                    unread(format!("expected text, found {}", other.kind()))
                }
                _ => {
                    let at = SPAN_KEYS
                        .iter()
                        .position(|k| *k == name)
                        .expect("a span key");
                    span[at] = Some(value);
                }
            }
        }
        let (category_kept, severity_kept) = (
            stand_ins.iter().any(|(k, _)| *k == "category"),
            stand_ins.iter().any(|(k, _)| *k == "severity"),
        );
        if !category && !category_kept {
            warn(format!(
                "an error without a category; counted as {}",
                mqm::DEFAULT_CATEGORY
            ));
        } else if category && !mqm::is_known_category(&error.category) {
            warn(format!(
                "unknown category {:?}; kept as written",
                error.category
            ));
        }
        if !severity && !severity_kept {
            warn(format!(
                "an error without a severity; counted as {}",
                mqm::DEFAULT_SEVERITY
            ));
        }
        if span.iter().any(Option::is_some) {
            match read_span(span) {
                Ok(read) => error.span = Some(read),
                Err(why) => {
                    warn(format!(
                        "{why}; the span is kept as written and the error counted on the whole segment"
                    ));
                    for (name, value) in SPAN_KEYS.iter().zip(span) {
                        stand_ins.extend(value.map(|v| (*name, v)));
                    }
                }
            }
        }
        for (name, value) in stand_ins {
            let mut read_as = Vec::new();
            layout::write_error_field(&mut read_as, &error, name, layout::error_lead(name));
            error.extra.keep_field(name, value.clone(), None, read_as);
        }
        Some(error)
    }
}

/// A span from its keys (`side`, `start`, `end`, `text`, any of them
/// missing); `Err` says what cannot be taken.
fn read_span([side, start, end, text]: [Option<&Value>; 4]) -> Result<Span, String> {
    let side = match side {
        None => Side::Target,
        Some(Value::String(name)) if name == "target" => Side::Target,
        Some(Value::String(name)) if name == "source" => Side::Source,
        Some(other) => {
            return Err(format!(
                "`side`: expected target or source, found {}",
                crate::yaml::to_string(other)
            ));
        }
    };
    let offset = |name: &str, value: Option<&Value>| match value {
        Some(Value::Number(Number::Int(n))) if *n >= 0 => Ok(*n as usize),
        Some(Value::Number(Number::UInt(n))) => {
            usize::try_from(*n).map_err(|_| format!("`{name}`: {n} is too large"))
        }
        Some(other) => Err(format!(
            "`{name}`: expected a byte offset (0 or more), found {}",
            crate::yaml::to_string(other)
        )),
        None => Err(format!(
            "a span needs `start` and `end`; `{name}` is missing"
        )),
    };
    let text = match text {
        None => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => {
            return Err(format!("`text`: expected text, found {}", other.kind()));
        }
    };
    Ok(Span {
        side,
        start: offset("start", start)?,
        end: offset("end", end)?,
        text,
    })
}
