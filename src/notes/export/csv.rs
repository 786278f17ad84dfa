//! `export --format csv`: RFC 4180, one error a row, and safe to open in a
//! spreadsheet.

use super::{COLUMNS, cells, rows};
use crate::notes::Entry;

pub(super) fn write(out: &mut Vec<u8>, entries: &[&Entry]) {
    row(out, &COLUMNS);
    for error in rows(entries) {
        row(out, &cells(&error));
    }
}

fn row<S: AsRef<str>>(out: &mut Vec<u8>, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cell(out, field.as_ref());
    }
    out.extend_from_slice(b"\r\n");
}

/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (after
/// any white space, and in their fullwidth forms `＝＋－＠`, which some
/// spreadsheets take as the same) as a formula: a translated text could then
/// call out or run commands on the reviewer's machine. A leading `'` makes it
/// text; a cell starting with a tab or a line break gets one too. Quoting follows RFC 4180: quotes around a cell that holds `"`, `,`
/// or a line break, quotes inside doubled.
fn cell(out: &mut Vec<u8>, text: &str) {
    let formula = text.starts_with(['\t', '\r', '\n'])
        || text
            .trim_start_matches(' ')
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    let quote = text.contains(['"', ',', '\r', '\n']);
    if quote {
        out.push(b'"');
    }
    if formula {
        out.push(b'\'');
    }
    match quote {
        true => out.extend_from_slice(text.replace('"', "\"\"").as_bytes()),
        false => out.extend_from_slice(text.as_bytes()),
    }
    if quote {
        out.push(b'"');
    }
}
