//! `export --format tsv`: the columns of the notes file, one entry a line.

use super::cells;
use crate::notes::Entry;
use crate::notes::entry::KEYS;
use crate::tsv::write_line as tsv_line;

pub(super) fn write(out: &mut Vec<u8>, entries: &[&Entry]) {
    tsv_line(out, &KEYS);
    for entry in entries {
        tsv_line(out, &cells(entry));
    }
}
