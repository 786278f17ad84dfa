//! Tab-separated lines, as `dump --format tsv` and `export --format tsv|mqm`
//! write them, and their fields read back (an `mqm` export is read again as
//! a WMT MQM file).

/// Writes one tab-separated line, each field escaped: `\t`, `\n`, `\r`, `\\`,
/// and other control characters as `\u{1b}`, so that one record is one line
/// and no text can drive a terminal.
pub fn write_line<S: AsRef<str>>(out: &mut Vec<u8>, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        let field = field.as_ref();
        let mut clean = 0;
        for (at, c) in field
            .char_indices()
            .filter(|(_, c)| c.is_control() || *c == '\\')
        {
            out.extend_from_slice(&field.as_bytes()[clean..at]);
            clean = at + c.len_utf8();
            match c {
                '\t' => out.extend_from_slice(b"\\t"),
                '\n' => out.extend_from_slice(b"\\n"),
                '\r' => out.extend_from_slice(b"\\r"),
                '\\' => out.extend_from_slice(b"\\\\"),
                _ => out.extend_from_slice(format!("\\u{{{:x}}}", c as u32).as_bytes()),
            }
        }
        out.extend_from_slice(&field.as_bytes()[clean..]);
    }
    out.push(b'\n');
}

/// A field as [`write_line`] wrote it, escapes undone; an escape it does not
/// write stays as it is.
pub fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (c, used) = match after.as_bytes().first() {
            Some(b't') => (Some('\t'), 1),
            Some(b'n') => (Some('\n'), 1),
            Some(b'r') => (Some('\r'), 1),
            Some(b'\\') => (Some('\\'), 1),
            Some(b'u') => after
                .strip_prefix("u{")
                .and_then(|hex| {
                    let close = hex.find('}')?;
                    let code = u32::from_str_radix(&hex[..close], 16).ok()?;
                    Some((char::from_u32(code)?, close + 3))
                })
                .map_or((None, 0), |(c, used)| (Some(c), used)),
            _ => (None, 0),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
        rest = &after[used..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_as_it_was_written() {
        let fields = [
            "a\tb\\n",
            "line\nbreak\r\n",
            "bell\u{7} esc\u{1b}[31m",
            "\\u{41}",
            "",
        ];
        let mut out = Vec::new();
        write_line(&mut out, &fields);
        let line = String::from_utf8(out).unwrap();
        let back: Vec<String> = line
            .trim_end_matches('\n')
            .split('\t')
            .map(unescape)
            .collect();
        assert_eq!(back, fields);
        assert_eq!(unescape("odd \\q \\u{zz} end\\"), "odd \\q \\u{zz} end\\");
    }
}
