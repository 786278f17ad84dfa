//! YAML, in one place: the only module that knows which YAML library sxs
//! uses, so that changing it changes this file alone.
//!
//! The library is `serde_norway`, a maintained fork of the archived
//! `serde_yaml`: the same API and behaviour. Measured on sxs's own inputs,
//! the forks are one parser and as fast as each other; the choice and the
//! figures are in BENCHMARKS.md, "YAML library".
//!
//! Every parse first runs [`nesting_check`]: the library's scanner takes
//! time that grows with the square of the nesting of flow collections
//! (`x: [[[[…`: 100,000 of them, a 109 KB file, take 30 s), so text nested
//! deeper than [`MAX_DEPTH`] is refused before the library sees it. Alias
//! bombs ("billion laughs") the library refuses itself.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use std::collections::HashSet;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde_norway as lib;

/// Deepest nesting of collections read. sxs's own files nest four deep at
/// most; the library refuses anything past 128 anyway, after the slow scan.
pub const MAX_DEPTH: usize = 100;

/// YAML that cannot be read. The location is not in the message: the
/// caller puts the file and line in front of it, as every sxs message has them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    /// 1-based line in the text given, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl Error {
    fn from_lib(err: lib::Error) -> Error {
        let line = err.location().map(|at| at.line());
        let message = err.to_string();
        // The library appends " at line L column C"; the caller shows the line.
        let message = match message.find(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        Error { line, message }
    }
}

/// A YAML value, as sxs keeps it: nothing of the library's types leaks out.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Sequence(Vec<Value>),
    Mapping(Mapping),
    /// A value with an explicit tag (`!!binary`, `!custom`), kept so that it
    /// is written back with its tag.
    Tagged(Box<(String, Value)>),
}

/// A YAML number, as the library read it.
#[derive(Debug, Clone, Copy)]
pub enum Number {
    Int(i64),
    UInt(u64),
    Float(f64),
}

impl PartialEq for Number {
    /// By representation, so that a NaN read from a file equals itself.
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (Number::UInt(a), Number::UInt(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(n) => write!(f, "{n}"),
            Number::UInt(n) => write!(f, "{n}"),
            Number::Float(n) => write!(f, "{n}"),
        }
    }
}

/// A mapping in the order it was written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping(Vec<(Value, Value)>);

impl Mapping {
    pub fn new() -> Mapping {
        Mapping::default()
    }

    /// The value of the string key `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// Adds a pair, or replaces the value of an equal key where it stands.
    pub fn insert(&mut self, key: Value, value: Value) -> Option<Value> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &(Value, Value)> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for Mapping {
    type Item = (Value, Value);
    type IntoIter = std::vec::IntoIter<(Value, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// What kind of value this is, for messages: "a list", "a mapping"…
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Sequence(_) => "a list",
            Value::Mapping(_) => "a mapping",
            Value::Tagged(_) => "a tagged value",
        }
    }

    fn to_lib(&self) -> lib::Value {
        match self {
            Value::Null => lib::Value::Null,
            Value::Bool(b) => lib::Value::Bool(*b),
            Value::Number(Number::Int(i)) => lib::Value::Number((*i).into()),
            Value::Number(Number::UInt(u)) => lib::Value::Number((*u).into()),
            Value::Number(Number::Float(f)) => lib::Value::Number((*f).into()),
            Value::String(s) => lib::Value::String(s.clone()),
            Value::Sequence(items) => {
                lib::Value::Sequence(items.iter().map(Value::to_lib).collect())
            }
            Value::Mapping(map) => {
                lib::Value::Mapping(map.iter().map(|(k, v)| (k.to_lib(), v.to_lib())).collect())
            }
            Value::Tagged(tagged) => lib::Value::Tagged(Box::new(lib::value::TaggedValue {
                tag: lib::value::Tag::new(tagged.0.as_str()),
                value: tagged.1.to_lib(),
            })),
        }
    }
}

/// Reads a YAML file the user named (notes, glossary, config): a regular
/// file only, checked before it is opened (a FIFO would block the open) and
/// again once open (a device such as `/dev/zero` never ends).
pub fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    not_regular(&fs::metadata(path)?)?;
    let mut file = fs::File::open(path)?;
    not_regular(&file.metadata()?)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// An error saying what a path is when it is not a regular file.
pub fn not_regular(meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    let what = match () {
        _ if kind.is_file() => return Ok(()),
        _ if kind.is_dir() => "a folder",
        _ if kind.is_fifo() => "a FIFO (named pipe)",
        _ if kind.is_char_device() => "a character device",
        _ if kind.is_block_device() => "a block device",
        _ if kind.is_socket() => "a socket",
        _ => "a special file",
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("is {what}, not a file"),
    ))
}

/// Read straight from the library's parser: no value of its own is built
/// and converted (that doubled the time of a parse).
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

/// Mappings longer than this look their keys up in a hash set: a hand-made
/// file with many keys must not take quadratic time.
const LINEAR_KEYS: usize = 16;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(Number::Int(i)))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(match i64::try_from(u) {
            Ok(i) => Number::Int(i),
            Err(_) => Number::UInt(u),
        }))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Number(Number::Float(f)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut seen: Option<HashSet<String>> = None;
        while let Some(key) = map.next_key::<Value>()? {
            let duplicate = match (&key, pairs.len() >= LINEAR_KEYS) {
                (Value::String(text), true) => !seen
                    .get_or_insert_with(|| {
                        pairs
                            .iter()
                            .filter_map(|(k, _)| k.as_str().map(str::to_string))
                            .collect()
                    })
                    .insert(text.clone()),
                _ => pairs.iter().any(|(k, _)| *k == key),
            };
            if duplicate {
                let key = match &key {
                    Value::String(text) => format!("{text:?}"),
                    other => to_string(other),
                };
                return Err(de::Error::custom(format_args!(
                    "duplicate entry with key {key}"
                )));
            }
            if let (Some(seen), Value::String(text)) = (&mut seen, &key) {
                seen.insert(text.clone());
            }
            pairs.push((key, map.next_value()?));
        }
        Ok(Value::Mapping(Mapping(pairs)))
    }

    /// How the library hands over a value with a tag of its own (`!custom`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, contents) = data.variant::<String>()?;
        let value = contents.newtype_variant::<Value>()?;
        Ok(Value::Tagged(Box::new((tag, value))))
    }
}

/// Parses one YAML document; an empty one is `Null`.
pub fn parse(text: &str) -> Result<Value, Error> {
    nesting_check(text)?;
    lib::from_str::<Value>(text).map_err(Error::from_lib)
}

/// Parses one YAML document into `T` (a config, a glossary).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    nesting_check(text)?;
    lib::from_str(text).map_err(Error::from_lib)
}

/// `value` as YAML for a message or another format's key (`42`, `[a, b]`),
/// trailing white space dropped: not for writing a value back, where that
/// white space can be part of a block scalar ([`write_pair`] is).
pub fn to_string(value: &Value) -> String {
    lib::to_string(&value.to_lib())
        .map(|text| text.trim_end().to_string())
        .unwrap_or_default()
}

/// Appends `key: value` as lines of a block mapping, each line after the
/// first starting with `indent`, the first with `first`: how a notes entry
/// writes a value it keeps as it was read.
pub fn write_pair(out: &mut Vec<u8>, first: &str, indent: &str, key: &Value, value: &Value) {
    let mut one = lib::Mapping::new();
    one.insert(key.to_lib(), value.to_lib());
    let text = lib::to_string(&lib::Value::Mapping(one))
        .expect("a value read from YAML serialises back to YAML");
    for (i, line) in text.lines().enumerate() {
        // An empty line inside a block scalar needs no indentation.
        if i == 0 {
            out.extend_from_slice(first.as_bytes());
        } else if !line.is_empty() {
            out.extend_from_slice(indent.as_bytes());
        }
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
}

/// Refuses `text` when its flow collections (`[`, `{`) and block
/// collections together nest deeper than [`MAX_DEPTH`], naming the line.
///
/// A byte scan that follows YAML's lexical structure far enough not to take
/// brackets inside text for collections (quoted scalars, block scalars, plain
/// scalars that do not start with a bracket, comments), so that any real
/// file passes, while the nesting that makes the parser slow is always seen.
pub fn nesting_check(text: &str) -> Result<(), Error> {
    match Scan::new(text.as_bytes()).deepest_line() {
        None => Ok(()),
        Some(line) => Err(Error {
            line: Some(line),
            message: format!(
                "nested more than {MAX_DEPTH} levels deep; sxs reads no deeper YAML \
                 (an accident or an attack: flatten it)"
            ),
        }),
    }
}

/// The state of [`nesting_check`]'s scan.
struct Scan<'t> {
    b: &'t [u8],
    i: usize,
    line: usize,
    /// Open `[` and `{`.
    flow: usize,
    /// Indentation of the open block collections.
    blocks: Vec<usize>,
    /// `- ` and `? ` indicators on the current line: each opens a collection.
    compact: usize,
    /// The next token starts a node (where a bracket opens a collection).
    node_start: bool,
    /// Column of the key or `-` the current value belongs to.
    parent_col: usize,
    /// Column where the current token started.
    token_col: usize,
    /// A plain scalar started on an earlier line may continue on this one:
    /// the indentation it must exceed.
    plain_from: Option<usize>,
    /// Offset of the current line's first byte.
    line_begin: usize,
}

impl<'t> Scan<'t> {
    fn new(b: &'t [u8]) -> Scan<'t> {
        Scan {
            b,
            i: 0,
            line: 1,
            flow: 0,
            blocks: Vec::new(),
            compact: 0,
            node_start: true,
            parent_col: 0,
            token_col: 0,
            plain_from: None,
            line_begin: 0,
        }
    }

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b'\n')
    }

    fn column(&self) -> usize {
        self.i - self.line_begin
    }

    /// Past a line break at `self.i`.
    fn next_line(&mut self) {
        self.i += 1;
        self.line += 1;
        self.line_begin = self.i;
    }

    fn depth(&self) -> usize {
        self.blocks.len() + self.compact + self.flow
    }

    /// The first line nested deeper than the limit, if any.
    fn deepest_line(mut self) -> Option<usize> {
        self.line_start();
        while self.i < self.b.len() {
            let c = self.b[self.i];
            let next = self.at(self.i + 1);
            let blank_after = matches!(next, b' ' | b'\t' | b'\r' | b'\n');
            match c {
                b'\n' => {
                    self.next_line();
                    if self.flow == 0 {
                        self.line_start();
                    }
                    continue;
                }
                b' ' | b'\t' | b'\r' => {}
                b'#' if self.i == 0 || matches!(self.b[self.i - 1], b' ' | b'\t' | b'\n') => {
                    self.skip_to_line_end();
                    continue;
                }
                b'[' | b'{' if self.node_start || self.flow > 0 => {
                    self.flow += 1;
                    self.node_start = true;
                    if self.depth() > MAX_DEPTH {
                        return Some(self.line);
                    }
                }
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    self.node_start = false;
                }
                b',' if self.flow > 0 => self.node_start = true,
                b'-' | b'?' if self.node_start && blank_after && self.flow == 0 => {
                    self.compact += 1;
                    self.parent_col = self.column();
                    if self.depth() > MAX_DEPTH {
                        return Some(self.line);
                    }
                }
                b'?' if self.node_start && blank_after => {}
                b':' if blank_after
                    || self.flow > 0 && matches!(next, b',' | b'[' | b']' | b'{' | b'}') =>
                {
                    self.node_start = true;
                    self.plain_from = None;
                    if self.flow == 0 {
                        self.parent_col = self.token_col;
                    }
                }
                b'&' | b'!' if self.node_start => {
                    self.token_col = self.column();
                    self.skip_token();
                    continue;
                }
                b'"' | b'\'' if self.node_start => {
                    self.token_col = self.column();
                    self.skip_quoted(c);
                    self.node_start = false;
                    continue;
                }
                b'|' | b'>' if self.node_start && self.flow == 0 => {
                    self.skip_block_scalar();
                    continue;
                }
                _ if self.node_start => {
                    // A plain scalar (or an alias) starts here.
                    self.token_col = self.column();
                    self.node_start = false;
                    if self.flow == 0 {
                        self.plain_from = Some(self.parent_col);
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
        None
    }

    /// At the start of a line outside flow collections: takes the
    /// indentation, and closes the block collections it ends.
    fn line_start(&mut self) {
        let indent = self.b[self.i..].iter().take_while(|&&c| c == b' ').count();
        let first = self.at(self.i + indent);
        if matches!(first, b'\n' | b'\r' | b'#') {
            return; // a blank or comment line changes nothing
        }
        if self.plain_from.is_some_and(|from| indent > from) {
            return; // the plain scalar of the line above goes on
        }
        self.plain_from = None;
        while self.blocks.last().is_some_and(|&top| top >= indent) {
            self.blocks.pop();
        }
        self.blocks.push(indent);
        self.compact = 0;
        self.node_start = true;
        self.parent_col = indent;
        self.token_col = indent;
    }

    fn skip_to_line_end(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.i += 1;
        }
    }

    /// An anchor or a tag: up to the next space (or flow indicator in flow).
    fn skip_token(&mut self) {
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if matches!(c, b' ' | b'\t' | b'\r' | b'\n')
                || self.flow > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}')
            {
                break;
            }
            self.i += 1;
        }
    }

    /// A quoted scalar, which may span lines: `\"` escapes in double
    /// quotes, `''` in single ones.
    fn skip_quoted(&mut self, quote: u8) {
        self.i += 1;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c == b'\n' {
                self.next_line();
                continue;
            } else if quote == b'"' && c == b'\\' {
                if self.at(self.i + 1) == b'\n' {
                    self.i += 1;
                    self.next_line();
                    continue;
                }
                self.i += 1;
            } else if c == quote {
                if quote == b'\'' && self.at(self.i + 1) == b'\'' {
                    self.i += 1;
                } else {
                    self.i += 1;
                    return;
                }
            }
            self.i += 1;
        }
    }

    /// A literal or folded block scalar: its header, then every line
    /// indented as its content is (given by the header, or by its first
    /// line, as the parser decides it).
    fn skip_block_scalar(&mut self) {
        let parent = self.parent_col;
        let header_start = self.i;
        self.skip_to_line_end();
        let explicit = self.b[header_start..self.i]
            .iter()
            .find(|c| c.is_ascii_digit())
            .map(|d| parent + usize::from(d - b'0'));
        let mut content = explicit;
        while self.i < self.b.len() {
            // At a line break: look at the next line.
            let start = self.i + 1;
            let indent = self.b[start.min(self.b.len())..]
                .iter()
                .take_while(|&&c| c == b' ')
                .count();
            let first = self.at(start + indent);
            let blank = matches!(first, b'\n' | b'\r');
            let inside = match content {
                _ if blank => true,
                Some(m) => indent >= m,
                None if indent > parent => {
                    content = Some(indent);
                    true
                }
                None => false,
            };
            if !inside || start >= self.b.len() {
                break;
            }
            self.next_line();
            self.skip_to_line_end();
        }
        self.node_start = false;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn refused_at(text: &str) -> Option<usize> {
        nesting_check(text).err().map(|e| e.line.unwrap())
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing_with_its_line() {
        let deep = format!("a: 1\nx: {}\n", "[".repeat(100_000));
        // Refused by the scan (the library would say "recursion limit
        // exceeded", after a scan of quadratic time).
        let err = parse(&deep).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("nested more than 100 levels"), "{err}");
        let within = format!("x: {}{}\n", "[".repeat(90), "]".repeat(90));
        assert!(parse(&within).is_ok());
        // Nesting by indentation or by `- ` counts too; mixed with flow.
        let blocks = format!("{}x\n", "- ".repeat(60));
        assert_eq!(refused_at(&blocks), None);
        let mixed = format!("{}{}\n", "- ".repeat(60), "{a: ".repeat(50));
        assert_eq!(refused_at(&mixed), Some(1));
    }

    #[test]
    fn brackets_in_text_are_not_nesting() {
        let many = "[".repeat(500);
        for text in [
            format!("title: Sign in {many}\n"),
            format!("title: \"{many}: [\"\nnext: '{many}'' [['\n"),
            format!("c: |\n  {many}\n  - [{many}\nd: x # {many}\n"),
            format!("- file: a\n  comment: >-\n    x\n\n    {many}\n- file: b\n"),
            format!("t: long plain\n  {many} continued\nu: 1\n"),
            format!("k: &anchor !tag plain {many}\n"),
        ] {
            assert_eq!(refused_at(&text), None, "{text}");
        }
        // But a block scalar ends where its indentation does.
        let after = format!("c: |\n    text\nd: {}\n", "[".repeat(200));
        assert_eq!(refused_at(&after), Some(3));
        let tagged = format!("k: !t {}\n", "[".repeat(200));
        assert_eq!(refused_at(&tagged), Some(1));
    }

    /// Any value, with texts full of brackets, quotes, colons, line breaks.
    fn value(depth: u32) -> impl Strategy<Value = Value> {
        let text = "[\\[\\]{}:#'\"|>&*!?,\n\t a-z-]{0,300}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<i64>().prop_map(|i| Value::Number(Number::Int(i))),
            text.prop_map(Value::String),
        ];
        leaf.prop_recursive(depth, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Sequence),
                prop::collection::vec((text.prop_map(Value::String), inner), 0..6).prop_map(
                    |pairs| {
                        let mut map = Mapping::new();
                        for (k, v) in pairs {
                            map.insert(k, v);
                        }
                        Value::Mapping(map)
                    }
                ),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// What the library writes (quoted, block and plain scalars full
        /// of brackets) passes the nesting check and reads back the same.
        #[test]
        fn the_nesting_check_passes_what_the_library_writes(v in value(8)) {
            let text = lib::to_string(&v.to_lib()).unwrap();
            prop_assert_eq!(nesting_check(&text), Ok(()), "{}", text);
            prop_assert_eq!(parse(&text).unwrap(), v.clone());
            // As a kept value of a notes entry: a key of an item of a list.
            let key = Value::String("kept".into());
            let mut item = b"- id: x\n".to_vec();
            write_pair(&mut item, "  ", "  ", &key, &v);
            let Value::Sequence(items) = parse(std::str::from_utf8(&item).unwrap()).unwrap() else {
                panic!("not a list")
            };
            let Value::Mapping(map) = &items[0] else { panic!("not a mapping") };
            prop_assert_eq!(map.get("kept"), Some(&v));
        }
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut bomb = String::from("a0: &a0 lol\n");
        for level in 1..10 {
            let refs = vec![format!("*a{}", level - 1); 9].join(", ");
            bomb.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let err = parse(&bomb).unwrap_err();
        assert!(err.message.contains("repetition limit"), "{err}");
    }

    #[test]
    fn values_and_tags_read_back_as_they_were_written() {
        let text = "a: !!binary aGVsbG8=\nb: !custom {x: [1, -2, 1.5, .nan, true, ~]}\n\"c\": 18446744073709551615\n";
        let Value::Mapping(map) = parse(text).unwrap() else {
            panic!()
        };
        let mut out = Vec::new();
        for (key, value) in map.iter() {
            write_pair(&mut out, "", "", key, value);
        }
        let again = parse(std::str::from_utf8(&out).unwrap()).unwrap();
        assert_eq!(again, Value::Mapping(map.clone()));
        // A core tag such as `!!binary` is resolved by the library: its
        // value reads as the text, the tag is gone (the notes keep such
        // values by their text as written, `notes::layout`).
        assert_eq!(map.get("a"), Some(&Value::String("aGVsbG8=".into())));
        assert_eq!(map.get("c"), Some(&Value::Number(Number::UInt(u64::MAX))));
    }

    #[test]
    fn duplicate_keys_are_refused_in_short_and_long_mappings() {
        // As the library itself says it, at the line of the mapping.
        let short = "x: 0\ny:\n  a: 1\n  b: 2\n  a: 3\n";
        let err = parse(short).unwrap_err();
        assert_eq!(err.message, "y: duplicate entry with key \"a\"");
        assert_eq!(err.line, Some(3));
        let long: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        let err = parse(&format!("{long}k7: again\n")).unwrap_err();
        assert!(
            err.message.contains("duplicate entry with key \"k7\""),
            "{err}"
        );
        assert!(parse(&long).is_ok());
    }

    #[test]
    fn errors_have_the_line_apart_from_the_message() {
        let err = parse("- a: 1\n  b: x: y\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(!err.message.contains("line"), "{err}");
    }
}
