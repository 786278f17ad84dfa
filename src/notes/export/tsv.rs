//! `export --format tsv`: the columns of the notes file, one entry a line.

use super::{COLUMNS, cells, tsv_line};
use crate::notes::Entry;

pub(super) fn write(out: &mut Vec<u8>, entries: &[&Entry]) {
    tsv_line(out, &COLUMNS);
    for entry in entries {
        tsv_line(out, &cells(entry));
    }
}
