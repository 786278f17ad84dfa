//! Keeping the cursor on the same English sentence when the locale changes.

use crate::store::Document;

/// The segment of `to` that translates the same source as segment `index` of
/// `from`: the same id; else the same source text (its n-th occurrence for the
/// n-th); else the same id number (locales share numbering but not the id's
/// prefix); else the same relative position.
pub fn matching_segment(from: &Document, index: usize, to: &Document) -> usize {
    let Some(seg) = from.segments.get(index) else {
        return 0;
    };
    if to.segments.is_empty() {
        return 0;
    }
    if let Some(i) = to.segments.iter().position(|s| s.id() == seg.id()) {
        return i;
    }
    if let Some(source) = &seg.source() {
        let nth = from.segments[..index]
            .iter()
            .filter(|s| s.source() == Some(source))
            .count();
        let same: Vec<usize> = (0..to.segments.len())
            .filter(|&i| to.segments[i].source() == Some(source))
            .collect();
        if let Some(&i) = same.get(nth).or(same.last()) {
            return i;
        }
    }
    let number = |id: &str| id.rsplit('-').next().map(str::to_string);
    if let Some(i) = to
        .segments
        .iter()
        .position(|s| number(s.id()) == number(seg.id()))
    {
        return i;
    }
    (index * to.segments.len() / from.segments.len()).min(to.segments.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(segments: &[(&str, &str)]) -> Document {
        let body: String = segments
            .iter()
            .map(|(id, source)| {
                format!(
                    "<span data-ttu-id=\"{id}\">t</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>\n\n"
                )
            })
            .collect();
        Document::parse("x.md", &body)
    }

    #[test]
    fn source_text_wins_over_numbering_when_ids_differ() {
        let ja = doc(&[
            ("aaaaa-101", "One"),
            ("aaaaa-102", "Two"),
            ("aaaaa-103", "Two"),
        ]);
        // The Korean file lost a sentence, so numbers shifted.
        let ko = doc(&[
            ("bbbbb-101", "Two"),
            ("bbbbb-102", "Two"),
            ("bbbbb-103", "Three"),
        ]);
        assert_eq!(matching_segment(&ja, 1, &ko), 0);
        assert_eq!(
            matching_segment(&ja, 2, &ko),
            1,
            "the second 'Two' maps to the second"
        );
        assert_eq!(
            matching_segment(&ja, 0, &ko),
            0,
            "falls back to the number 101"
        );
        let same_ids = doc(&[("aaaaa-103", "X"), ("aaaaa-101", "Y")]);
        assert_eq!(matching_segment(&ja, 0, &same_ids), 1);
    }
}
