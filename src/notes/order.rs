//! "Sorted by file then document order" (SPEC), for entries whose document
//! may or may not be loaded.

use std::cmp::Ordering;

/// Where an entry stands among the entries of its file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rank {
    /// Index of the segment in its loaded document.
    Doc(usize),
    /// Position in the notes file as loaded: entries of files not loaded now
    /// keep their order.
    Kept(usize),
    /// A new entry that nothing else orders: by the numbers in its id.
    Natural(NaturalId),
}

/// The key of the entry map: file, then rank, then id so that two entries
/// never share a key even when a caller's order gives two ids one index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SortKey {
    pub file: String,
    pub rank: Rank,
    pub id: String,
}

/// An id compared as people read it: `a-9` before `a-10`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NaturalId(pub String);

impl Ord for NaturalId {
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(&self.0, &other.0).then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for NaturalId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares runs of digits by value and everything else byte by byte.
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, ra) = split_digits(a);
                let (nb, rb) = split_digits(b);
                let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

/// The leading digits without their leading zeros, and the rest.
fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    let (digits, rest) = s.split_at(end);
    let zeros = digits.iter().take_while(|&&b| b == b'0').count();
    (&digits[zeros..], rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_ids_compare_by_value() {
        let mut ids = ["a232a-110", "a232a-9", "a232a-100", "b-1", "a232a-09x"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            ["a232a-9", "a232a-09x", "a232a-100", "a232a-110", "b-1"]
        );
    }

    #[test]
    fn document_order_comes_before_kept_and_natural_order() {
        let natural = Rank::Natural(NaturalId("a-1".into()));
        assert!(Rank::Doc(50) < Rank::Kept(0));
        assert!(Rank::Kept(50) < natural);
    }
}
