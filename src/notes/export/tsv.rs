//! `export --format tsv`: one error a line, escaped as `dump` escapes.

use super::{COLUMNS, cells, rows};
use crate::notes::Entry;
use crate::tsv::write_line as tsv_line;

pub(super) fn write(out: &mut Vec<u8>, entries: &[&Entry]) {
    tsv_line(out, &COLUMNS);
    for row in rows(entries) {
        tsv_line(out, &cells(&row));
    }
}
