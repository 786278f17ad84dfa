//! What a notes entry held that sxs does not write from its own fields:
//! keys it does not know, and known keys whose value it could not take as
//! it stands (another type, a tag, a number for a text). They are written
//! back as they were read, so that a hand edit is never lost.

use crate::yaml::{self, Value};

/// The kept keys of one entry, in the order they were read. Opaque: what is
/// in it is the notes file's business.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    pairs: Vec<Pair>,
}

#[derive(Debug, Clone)]
struct Pair {
    key: Value,
    value: Value,
    /// The `key: value` lines exactly as in the file (indentation taken
    /// off), where the file's layout let them be cut out: written back
    /// byte for byte. `None`: written from `value`.
    raw: Option<String>,
    /// For a key of the schema: what sxs writes for the field as it read
    /// it. The kept value stands in for the field as long as the field
    /// still writes that; once changed, the field is written instead.
    read_as: Option<Vec<u8>>,
}

impl Kept {
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The value kept for the key named `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.pair(key).map(|p| &p.value)
    }

    fn pair(&self, key: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.key.as_str() == Some(key))
    }

    /// Keeps a key sxs does not know.
    pub(crate) fn keep(&mut self, key: Value, value: Value, raw: Option<String>) {
        self.pairs.push(Pair {
            key,
            value,
            raw,
            read_as: None,
        });
    }

    /// Keeps the value of a schema key as it was read; `read_as` is what the
    /// field it was read into writes.
    pub(crate) fn keep_field(
        &mut self,
        key: &str,
        value: Value,
        raw: Option<String>,
        read_as: Vec<u8>,
    ) {
        self.pairs.push(Pair {
            key: Value::String(key.to_string()),
            value,
            raw,
            read_as: Some(read_as),
        });
    }

    /// Whether any schema key is kept: the writer then compares fields.
    pub(crate) fn has_fields(&self) -> bool {
        self.pairs.iter().any(|p| p.read_as.is_some())
    }

    /// Writes the kept value of schema key `key` in place of `written` (what
    /// the field writes, at the end of `out`) when the field has not changed
    /// since it was read. `first` starts the first line (`- ` for the first
    /// key), `indent` the lines after it.
    pub(crate) fn stand_in(
        &self,
        out: &mut Vec<u8>,
        key: &str,
        written: usize,
        (first, indent): (&str, &str),
    ) {
        let Some(pair) = self.pair(key) else { return };
        if pair.read_as.as_deref() == Some(&out[written..]) {
            out.truncate(written);
            pair.write(out, first, indent);
        }
    }

    /// Writes the kept keys that are not schema keys, after the fields, each
    /// line starting with `indent`.
    pub(crate) fn write_unknown(&self, out: &mut Vec<u8>, indent: &str) {
        for pair in self.pairs.iter().filter(|p| p.read_as.is_none()) {
            pair.write(out, indent, indent);
        }
    }

    /// The keys sxs does not know, with their values.
    pub(crate) fn unknown(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.pairs
            .iter()
            .filter(|p| p.read_as.is_none())
            .map(|p| (&p.key, &p.value))
    }

    /// Adds the unknown keys of `old` that this one lacks: a new mark on a
    /// segment keeps what was added to its entry by hand.
    pub(crate) fn inherit(&mut self, old: &Kept) {
        for pair in old.pairs.iter().filter(|p| p.read_as.is_none()) {
            if !self.pairs.iter().any(|p| p.key == pair.key) {
                self.pairs.push(pair.clone());
            }
        }
    }
}

/// Two kept values are the same whatever their layout: an entry written
/// from a value reads back with its lines, and is the same entry.
impl PartialEq for Pair {
    fn eq(&self, other: &Pair) -> bool {
        (&self.key, &self.value, &self.read_as) == (&other.key, &other.value, &other.read_as)
    }
}

impl Pair {
    fn write(&self, out: &mut Vec<u8>, first: &str, indent: &str) {
        match &self.raw {
            Some(raw) => {
                for (i, line) in raw.lines().enumerate() {
                    match i {
                        0 => out.extend_from_slice(first.as_bytes()),
                        // An empty line inside a block scalar needs no indentation.
                        _ if !line.is_empty() => out.extend_from_slice(indent.as_bytes()),
                        _ => {}
                    }
                    out.extend_from_slice(line.as_bytes());
                    out.push(b'\n');
                }
            }
            None => yaml::write_pair(out, first, indent, &self.key, &self.value),
        }
    }
}
