//! Tab-separated lines, as `dump --format tsv` and `export --format tsv|mqm`
//! write them.

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
