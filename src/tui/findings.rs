//! The automatic checks' findings, indexed by document and segment. They are
//! computed off the event loop and arrive after the first frame.

use crate::check::Finding;

#[derive(Debug, Default)]
pub struct Findings {
    /// Sorted by document and segment, as `check::run` returns them.
    all: Vec<Finding>,
    /// `all[starts[d]..starts[d + 1]]` are document `d`'s findings.
    starts: Vec<usize>,
    /// False until the checks have run.
    pub ready: bool,
}

impl Findings {
    pub fn new(all: Vec<Finding>, docs: usize) -> Findings {
        let starts = (0..=docs)
            .map(|d| all.partition_point(|f| f.doc < d))
            .collect();
        Findings {
            all,
            starts,
            ready: true,
        }
    }

    /// The findings of one segment, in the checks' order.
    pub fn of(&self, doc: usize, segment: usize) -> &[Finding] {
        let (Some(&start), Some(&end)) = (self.starts.get(doc), self.starts.get(doc + 1)) else {
            return &[];
        };
        let in_doc = &self.all[start..end];
        let from = in_doc.partition_point(|f| f.segment < segment);
        let to = in_doc.partition_point(|f| f.segment <= segment);
        &in_doc[from..to]
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mqm::Severity;

    fn finding(doc: usize, segment: usize, check: &'static str) -> Finding {
        Finding {
            doc,
            segment,
            check,
            severity: Severity::Major,
            category: "design/link",
            message: String::new(),
            spots: Vec::new(),
        }
    }

    #[test]
    fn looks_up_by_document_and_segment() {
        let findings = Findings::new(
            vec![finding(0, 2, "a"), finding(0, 2, "b"), finding(2, 0, "c")],
            3,
        );
        let checks = |d, s| {
            findings
                .of(d, s)
                .iter()
                .map(|f| f.check)
                .collect::<Vec<_>>()
        };
        assert_eq!(checks(0, 2), ["a", "b"]);
        assert!(checks(0, 1).is_empty() && checks(1, 0).is_empty());
        assert_eq!(checks(2, 0), ["c"]);
        assert!(checks(5, 0).is_empty());
    }
}
