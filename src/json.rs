//! JSON strings written eight bytes at a time, for `dump --format jsonl`,
//! and the same defusing for the JSON serde_json writes elsewhere.
//!
//! serde_json looks up every byte of a string in its escape table; a dump of
//! the shared corpus is 61 MB of text that almost never needs an escape, and
//! that lookup was a third of the command's time (BENCHMARKS.md, "`sxs dump`
//! against the Python extractor and grep"). Here eight bytes are tested at
//! once and copied in runs; the bytes written are serde_json's, escape for
//! escape (a test compares the two on arbitrary strings), but for the
//! characters a terminal acts on that JSON lets through: C1 controls
//! (`U+009B` is a CSI of its own) and bidi controls are written `\u009b`,
//! so that a dump viewed in a terminal neither drives it nor loses them.
//! Any JSON reader reads them back as the same characters.

const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// A mask with the high bit set of the first of the eight bytes of `word`
/// (in memory order) that must be escaped: a control character (below 0x20),
/// `"` or `\`, or may start a [hazard](hazard_at). Bits above it may be set
/// wrongly (a borrow carries into the next byte); the lowest never is.
fn escape_mask(word: u64) -> u64 {
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let leads = HAZARD_LEADS.iter().fold(0, |mask, &lead| {
        mask | zero_bytes(word ^ (ONES * u64::from(lead)))
    });
    below_space
        | zero_bytes(word ^ (ONES * u64::from(b'"')))
        | zero_bytes(word ^ (ONES * u64::from(b'\\')))
        | leads
}

/// The first bytes of the [hazards](hazard_at) in UTF-8.
const HAZARD_LEADS: [u8; 3] = [0xc2, 0xd8, 0xe2];

/// The character at `at` when it is one a terminal acts on but JSON lets
/// through, and its length in bytes: a C1 control (U+0080–U+009F), the
/// Arabic letter mark, the left-to-right and right-to-left marks, and the
/// bidi embeddings, overrides and isolates. And the line and paragraph
/// separators, which JSON lets through too but which tools that split text
/// into lines (Python's `splitlines`) take for line ends: a JSONL record
/// stays one line for them.
fn hazard_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    match bytes.get(at..(at + 3).min(bytes.len()))? {
        [0xc2, b @ 0x80..=0x9f, ..] => Some((u32::from(*b), 2)),
        [0xd8, 0x9c, ..] => Some((0x061c, 2)),
        [0xe2, 0x80, b @ (0x8e | 0x8f | 0xa8..=0xae)] => Some((0x2000 + u32::from(b - 0x80), 3)),
        [0xe2, 0x81, b @ 0xa6..=0xa9] => Some((0x2040 + u32::from(b - 0x80), 3)),
        _ => None,
    }
}

/// Appends `text` as a JSON string, quotes included.
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut i = 0;
    loop {
        let at = next_escape(bytes, i);
        out.extend_from_slice(&bytes[i..at]);
        let Some(&b) = bytes.get(at) else { break };
        i = at + 1;
        if b < 0x80 {
            escape(out, b);
        } else if let Some((code, len)) = hazard_at(bytes, at) {
            out.extend_from_slice(format!("\\u{code:04x}").as_bytes());
            i = at + len;
        } else {
            out.push(b);
        }
    }
    out.push(b'"');
}

/// JSON that serde_json wrote, with the characters a terminal acts on
/// written `\u009b` as [`write_str`] writes them: `check`, `stats` and
/// `export` write JSON that is viewed in terminals too. They can only stand
/// in strings, as JSON's own syntax is ASCII, and each becomes an escape
/// any reader reads back as the same character.
pub fn defused(json: Vec<u8>) -> Vec<u8> {
    let [a, b, c] = HAZARD_LEADS;
    let mut leads = memchr::memchr3_iter(a, b, c, &json).peekable();
    if leads.peek().is_none() {
        return json;
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut copied = 0;
    for at in leads {
        if at < copied {
            continue;
        }
        if let Some((code, len)) = hazard_at(&json, at) {
            out.extend_from_slice(&json[copied..at]);
            out.extend_from_slice(format!("\\u{code:04x}").as_bytes());
            copied = at + len;
        }
    }
    out.extend_from_slice(&json[copied..]);
    out
}

/// Where the first byte at `i` or after that needs an escape is (else the end).
fn next_escape(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        let mask = escape_mask(word);
        if mask != 0 {
            return i + mask.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < bytes.len() && !needs_escape(bytes[i]) {
        i += 1;
    }
    i
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\' || HAZARD_LEADS.contains(&b)
}

/// Writes the escape of a byte that [needs one](needs_escape), as serde_json does.
fn escape(out: &mut Vec<u8>, b: u8) {
    let letter = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (high, low) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', letter]);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{defused, write_str};

    fn written(text: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, text);
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn every_escape_at_every_place_is_the_one_serde_json_writes() {
        for b in 0u8..0x80 {
            for at in 0..18 {
                let mut text = "abcdefghijklmnopq".to_string();
                text.insert(at, b as char);
                assert_eq!(
                    written(&text),
                    serde_json::to_string(&text).unwrap(),
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn characters_a_terminal_acts_on_are_escaped_and_read_back_the_same() {
        for (text, escaped) in [
            ("a\u{9b}31m", r#""a\u009b31m""#),
            ("\u{80}\u{9f}", r#""\u0080\u009f""#),
            ("x\u{202e}y\u{2066}\u{200f}", r#""x\u202ey\u2066\u200f""#),
            ("a\u{2028}b\u{2029}", r#""a\u2028b\u2029""#),
            ("ب\u{61c}", r#""ب\u061c""#),
        ] {
            assert_eq!(written(text), escaped);
            assert_eq!(serde_json::from_str::<String>(escaped).unwrap(), text);
        }
        // Their neighbours in UTF-8 are text: quotes, dashes, Arabic, a no-break space.
        for text in [
            "“quoted” — ’",
            "\u{200d}\u{2065}\u{206a}",
            "مرحبا ؛",
            "\u{a0}©",
        ] {
            assert_eq!(written(text), serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn json_from_serde_json_is_defused_and_reads_back_the_same() {
        let value = serde_json::json!({"a\u{9b}": ["x\u{202e}y", "\u{61c}ب", "“ok” ©"], "n": 1});
        let json = String::from_utf8(defused(serde_json::to_vec_pretty(&value).unwrap())).unwrap();
        assert!(
            json.contains(r#""a\u009b""#) && json.contains(r#""x\u202ey""#),
            "{json}"
        );
        assert!(
            json.contains(r#""\u061cب""#) && json.contains("“ok” ©"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }

    /// The characters [`write_str`] escapes where serde_json does not.
    fn hazard(c: char) -> bool {
        matches!(c, '\u{80}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}'
            | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }

    proptest! {
        /// Escapes anywhere against the eight-byte steps, in any text: as
        /// serde_json writes them but for the characters a terminal acts
        /// on, and read back the same.
        #[test]
        fn strings_are_written_as_serde_json_writes_them(text in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f\\u{80}-\\u{9f}\\u{2028}-\\u{202e}]){0,40}") {
            let json = written(&text);
            prop_assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text.clone());
            let serde = defused(serde_json::to_vec(&text).unwrap());
            prop_assert_eq!(&String::from_utf8(serde).unwrap(), &json);
            if !text.chars().any(hazard) {
                prop_assert_eq!(json, serde_json::to_string(&text).unwrap());
            }
        }
    }
}
