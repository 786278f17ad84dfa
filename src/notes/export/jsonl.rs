//! `export --format jsonl`: one JSON object per error (per entry without
//! one), every field typed, and the keys kept from hand edits.

use serde_json::Value as Json;

use super::{COLUMNS, Row, rows};
use crate::notes::Entry;
use crate::yaml::{self, Number, Value as Yaml};

/// Keys in the order of `COLUMNS`, then the keys kept from hand edits (an
/// error's prefixed `error_`; one named like a column suffixed `_kept`). A
/// schema key whose value sxs could not read shows that value as written.
pub(super) fn write(out: &mut Vec<u8>, entries: &[&Entry]) {
    let start = out.len();
    for row in rows(entries) {
        let mut fields: Vec<(String, Json)> = COLUMNS
            .iter()
            .zip(known(&row))
            .map(|(column, value)| {
                let value = kept(&row, column).map_or(value, json);
                (column.to_string(), value)
            })
            .collect();
        let unknown = row.entry.extra.unknown().map(|(k, v)| (key_text(k), v));
        let error_unknown = row
            .error
            .into_iter()
            .flat_map(|e| e.extra.unknown())
            .map(|(k, v)| (format!("error_{}", key_text(k)), v));
        for (key, value) in unknown.chain(error_unknown) {
            let key = match COLUMNS.contains(&key.as_str()) {
                true => format!("{key}_kept"),
                false => key,
            };
            fields.push((key, json(value)));
        }
        out.push(b'{');
        for (i, (key, value)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, key).expect("writing JSON to memory");
            out.push(b':');
            serde_json::to_writer(&mut *out, value).expect("writing JSON to memory");
        }
        out.extend_from_slice(b"}\n");
    }
    let written = out.split_off(start);
    out.extend(crate::json::defused(written));
}

/// The values of `COLUMNS` for one row, typed.
fn known(row: &Row) -> [Json; 18] {
    let (entry, error) = (row.entry, row.error);
    let span = row.span.as_deref();
    let text = |t: Option<&str>| t.map_or(Json::Null, Json::from);
    [
        Json::from(entry.file.as_str()),
        Json::from(entry.locale.as_str()),
        Json::from(entry.id.as_str()),
        text(entry.verdict.as_ref().map(|v| v.name())),
        text(error.map(|e| e.category.as_str())),
        text(error.map(|e| e.severity.name())),
        text(span.map(|s| s.side.name())),
        span.map_or(Json::Null, |s| Json::from(s.start)),
        span.map_or(Json::Null, |s| Json::from(s.end)),
        text(span.map(|s| s.text.as_str())),
        text(error.map(|e| e.comment.as_str())),
        Json::from(entry.comment.as_str()),
        text(entry.source.as_deref()),
        text(entry.target.as_deref()),
        Json::from(entry.reviewer.as_str()),
        Json::from(entry.time.as_str()),
        match entry.seconds > 0.0 {
            true => Json::from(entry.seconds),
            false => Json::Null,
        },
        Json::from(entry.dismissed.clone()),
    ]
}

/// The value of `column` as the notes file holds it, when sxs kept it as
/// written (it could not read it): the error's own, or the entry's. An
/// entry in the earlier layout holds its one error's category, severity
/// and comment at the top.
fn kept<'e>(row: &Row<'e>, column: &str) -> Option<&'e Yaml> {
    let earlier = row.entry.earlier.is_some();
    let (error_key, entry_key) = match column {
        "category" | "severity" => (Some(column), earlier.then_some(column)),
        "side" | "start" | "end" | "text" => (Some(column), None),
        "error_comment" => (Some("comment"), earlier.then_some("comment")),
        "comment" => (None, (!earlier).then_some(column)),
        _ => (None, Some(column)),
    };
    let from_error = error_key.and_then(|key| row.error?.extra.get(key));
    from_error.or_else(|| row.entry.extra.get(entry_key?))
}

/// A YAML key as JSON's string key: strings as they are, other keys as YAML.
fn key_text(key: &Yaml) -> String {
    match key {
        Yaml::String(text) => text.clone(),
        other => yaml::to_string(other),
    }
}

/// YAML has what JSON lacks (non-string keys, tags, infinities): those
/// become the nearest JSON.
fn json(value: &Yaml) -> Json {
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(*b),
        Yaml::Number(Number::Int(i)) => Json::from(*i),
        Yaml::Number(Number::UInt(u)) => Json::from(*u),
        Yaml::Number(Number::Float(f)) => serde_json::Number::from_f64(*f)
            .map_or_else(|| Json::String(yaml::to_string(value)), Json::Number),
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Sequence(items) => Json::Array(items.iter().map(json).collect()),
        Yaml::Mapping(map) => {
            Json::Object(map.iter().map(|(k, v)| (key_text(k), json(v))).collect())
        }
        Yaml::Tagged(tagged) => json(&tagged.1),
    }
}
