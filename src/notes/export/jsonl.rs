//! `export --format jsonl`: one JSON object per entry, every field.

use serde::Serialize;
use serde_json::{Map, Value as Json};
use serde_yaml::Value as Yaml;

use crate::notes::Entry;
use crate::notes::entry::KEYS;

#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    locale: &'a str,
    id: &'a str,
    verdict: &'a str,
    category: Option<&'a str>,
    severity: Option<&'a str>,
    comment: &'a str,
    source: Option<&'a str>,
    target: &'a str,
    reviewer: &'a str,
    time: &'a str,
    dismissed: &'a [String],
    /// Keys kept from hand edits, after the schema's.
    #[serde(flatten)]
    extra: Map<String, Json>,
}

pub(super) fn write(out: &mut Vec<u8>, entries: &[&Entry]) {
    for entry in entries {
        let extra = entry
            .extra
            .iter()
            .map(|(key, value)| (key_text(key), json(value)))
            .filter(|(key, _)| !KEYS.contains(&key.as_str()))
            .collect();
        let record = Record {
            file: &entry.file,
            locale: &entry.locale,
            id: &entry.id,
            verdict: entry.verdict.name(),
            category: entry.category.as_deref(),
            severity: entry.severity.map(|s| s.name()),
            comment: &entry.comment,
            source: entry.source.as_deref(),
            target: &entry.target,
            reviewer: &entry.reviewer,
            time: &entry.time,
            dismissed: &entry.dismissed,
            extra,
        };
        serde_json::to_writer(&mut *out, &record).expect("writing JSON to memory");
        out.push(b'\n');
    }
}

/// A YAML key as JSON's string key: strings as they are, other keys as YAML.
fn key_text(key: &Yaml) -> String {
    match key {
        Yaml::String(text) => text.clone(),
        other => serde_yaml::to_string(other)
            .map(|yaml| yaml.trim_end().to_string())
            .unwrap_or_default(),
    }
}

/// YAML has what JSON lacks (non-string keys, tags, infinities): those
/// become the nearest JSON.
fn json(value: &Yaml) -> Json {
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(*b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f)
                    .map_or_else(|| Json::String(n.to_string()), Json::Number)
            }
        }
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Sequence(items) => Json::Array(items.iter().map(json).collect()),
        Yaml::Mapping(map) => {
            Json::Object(map.iter().map(|(k, v)| (key_text(k), json(v))).collect())
        }
        Yaml::Tagged(tagged) => json(&tagged.value),
    }
}
