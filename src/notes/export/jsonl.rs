//! `export --format jsonl`: one JSON object per entry, every field.

use serde_json::Value as Json;

use crate::notes::Entry;
use crate::notes::entry::KEYS;
use crate::yaml::{self, Number, Value as Yaml};

/// Keys in the order of the notes file, then the keys kept from hand edits.
/// A schema key whose value sxs could not read shows that value as written.
pub(super) fn write(out: &mut Vec<u8>, entries: &[&Entry]) {
    for entry in entries {
        let known = [
            Json::from(entry.file.as_str()),
            Json::from(entry.locale.as_str()),
            Json::from(entry.id.as_str()),
            Json::from(entry.verdict.name()),
            entry.category.as_deref().map_or(Json::Null, Json::from),
            entry.severity.map_or(Json::Null, |s| Json::from(s.name())),
            Json::from(entry.comment.as_str()),
            entry.source.as_deref().map_or(Json::Null, Json::from),
            Json::from(entry.target.as_str()),
            Json::from(entry.reviewer.as_str()),
            Json::from(entry.time.as_str()),
            Json::from(entry.dismissed.clone()),
        ];
        let kept = |key: &str| entry.extra.get(key).map(json);
        let mut fields: Vec<(String, Json)> = KEYS
            .iter()
            .zip(known)
            .map(|(key, value)| {
                let unread = value.is_null() || *key == "dismissed" && entry.dismissed.is_empty();
                let value = match unread {
                    true => kept(key).unwrap_or(value),
                    false => value,
                };
                (key.to_string(), value)
            })
            .collect();
        fields.extend(
            entry
                .extra
                .unknown()
                .map(|(key, value)| (key_text(key), json(value))),
        );
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
