//! JSON strings written eight bytes at a time, for `dump --format jsonl`.
//!
//! serde_json looks up every byte of a string in its escape table; a dump of
//! the shared corpus is 61 MB of text that almost never needs an escape, and
//! that lookup was a third of the command's time (BENCHMARKS.md, "`sxs dump`
//! against the Python extractor and grep"). Here eight bytes are tested at
//! once and copied in runs; the bytes written are serde_json's, escape for
//! escape (a test compares the two on arbitrary strings).

const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// A mask with the high bit set of the first of the eight bytes of `word`
/// (in memory order) that must be escaped: a control character (below 0x20),
/// `"` or `\`. Bits above it may be set wrongly (a borrow carries into the
/// next byte); the lowest never is.
fn escape_mask(word: u64) -> u64 {
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    below_space
        | zero_bytes(word ^ (ONES * u64::from(b'"')))
        | zero_bytes(word ^ (ONES * u64::from(b'\\')))
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
        escape(out, b);
        i = at + 1;
    }
    out.push(b'"');
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
    b < 0x20 || b == b'"' || b == b'\\'
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

    use super::write_str;

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

    proptest! {
        /// Escapes anywhere against the eight-byte steps, in any text.
        #[test]
        fn strings_are_written_as_serde_json_writes_them(text in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f]){0,40}") {
            prop_assert_eq!(written(&text), serde_json::to_string(&text).unwrap());
        }
    }
}
