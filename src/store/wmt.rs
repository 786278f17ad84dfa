//! WMT MQM human-evaluation files (SPEC "WMT MQM data"): a TSV whose header
//! names `system doc doc_id|docSegId seg_id|globalSegId rater source target
//! category severity [comment|metadata]`, as Google published the WMT
//! 2020–2024 ratings and Marot reads them.
//!
//! Every row is one rater's judgment of one (system, doc, segment): a
//! `No-error` row, an error with its span between `<v>` and `</v>` in the
//! target or the source, or an attention check (`HOTW-test`) that is kept but
//! never scored. The segment texts are the row texts with the markers taken
//! out; the spans are byte offsets into those texts.
//!
//! Real files differ beyond the header: the 2020 ones quote fields the CSV
//! way (`"…""…"""`), the 2023 ones leave quotes bare, one header carries a
//! stray eleventh field. A row that cannot be read is a warning naming its
//! line; the rest is kept.

use std::collections::BTreeMap;

use super::{Block, Document, FrontMatter, Segment, Warning};
use crate::mqm::{Side, Span};

/// One rater's judgment of one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// Index into the document's segments.
    pub segment: usize,
    pub rater: String,
    /// 1-based line of the row in the file.
    pub line: u32,
    /// The row's `doc_id` (`docSegId`) as written: the segment's number in
    /// its document, which an export writes back as it was.
    pub doc_id: String,
    pub kind: RatingKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingKind {
    /// The rater found nothing wrong.
    NoError,
    Error(RatedError),
    /// An attention check planted in the data (`HOTW-test`): it tests the
    /// rater, not the translation, and counts for nothing.
    AttentionCheck {
        category: String,
    },
}

/// An error as the rater recorded it; category and severity as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatedError {
    pub category: String,
    pub severity: String,
    /// `None` when the row marked no span (a whole-segment error).
    pub span: Option<Span>,
    pub comment: String,
}

/// The columns of a WMT MQM file, by position.
struct Columns {
    /// Number of named columns: 9, or 10 with `comment` or `metadata`.
    count: usize,
    comment: Option<usize>,
    /// The header carries [`ESCAPED_MARK`]: fields are escaped as
    /// `crate::tsv::write_line` escapes them.
    escaped: bool,
}

/// A last header field, named by no row, that `export --format mqm` writes:
/// its fields are escaped (`\t`, `\n`, `\\`…) so that any text fits in one
/// field, and are read back unescaped.
pub const ESCAPED_MARK: &str = "# sxs: fields escaped as in sxs dump --format tsv";

const FIXED: [&[&str]; 9] = [
    &["system"],
    &["doc"],
    &["doc_id", "docsegid"],
    &["seg_id", "globalsegid"],
    &["rater"],
    &["source"],
    &["target"],
    &["category"],
    &["severity"],
];

/// Whether `text` starts with the header of a WMT MQM file.
pub fn is_wmt(text: &str) -> bool {
    header(first_line(text)).is_some()
}

fn first_line(text: &str) -> &str {
    let line = text.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

fn header(line: &str) -> Option<Columns> {
    let names: Vec<String> = line
        .trim_start_matches('\u{feff}')
        .split('\t')
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    if names.len() < FIXED.len() {
        return None;
    }
    let fixed = FIXED
        .iter()
        .zip(&names)
        .all(|(allowed, name)| allowed.contains(&name.as_str()));
    if !fixed {
        return None;
    }
    // Optional `comment` and `metadata`; anything after them (the 2023
    // files' `# Documentation: …`) names no column of the rows.
    let mut count = FIXED.len();
    let mut comment = None;
    for name in &names[FIXED.len()..] {
        match name.as_str() {
            "comment" => comment = Some(count),
            "metadata" => {}
            _ => break,
        }
        count += 1;
    }
    let escaped = names[count..].contains(&ESCAPED_MARK.to_ascii_lowercase());
    Some(Columns {
        count,
        comment,
        escaped,
    })
}

/// A segment being gathered from its rows.
struct Gathered {
    id: String,
    order: (u64, String),
    line: u32,
    rows: Vec<Row>,
}

/// One row of a segment: its texts with the markers out, and its rating
/// (whose span, if any, is in these texts until the segment settles on one
/// reading).
struct Row {
    source: String,
    target: String,
    rating: Rating,
}

/// Reads a WMT MQM file named `name`: one document per (system, doc), named
/// `NAME#SYSTEM/DOC`, sorted by that name, segments in the document's order.
/// `None` when the file does not start with the header.
pub fn parse(
    name: &str,
    text: &str,
    locale: Option<&str>,
) -> Option<(Vec<Document>, Vec<Warning>)> {
    let columns = header(first_line(text))?;
    let mut warnings = Vec::new();
    let lines: Vec<&str> = text.split('\n').collect();
    let csv_quoted = !columns.escaped && csv_quoted(&lines[1..]);
    // (system, doc) → segment id → segment.
    let mut docs: BTreeMap<(String, String), BTreeMap<String, Gathered>> = BTreeMap::new();
    for (index, raw) in lines.iter().enumerate().skip(1) {
        let line = index as u32 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let mut warn = |message: String| {
            warnings.push(Warning {
                file: name.to_string(),
                line: Some(line),
                id: None,
                message,
            })
        };
        let mut fields: Vec<String> = raw
            .split('\t')
            .map(|f| match columns.escaped {
                true => crate::tsv::unescape(f),
                false => unquote(f, csv_quoted),
            })
            .collect();
        if fields.len() < FIXED.len() {
            warn(format!(
                "row has {} fields, a WMT MQM row needs at least {}; skipped",
                fields.len(),
                FIXED.len()
            ));
            continue;
        }
        if fields.len() > columns.count {
            warn(format!(
                "row has {} fields where the header names {}; the extra ones are ignored",
                fields.len(),
                columns.count
            ));
            fields.truncate(columns.count);
        }
        let field = |i: usize| fields.get(i).map_or("", String::as_str);
        let (source, source_span) = take_span(field(5));
        let (target, target_span) = take_span(field(6));
        let (system, doc, order, id) = (field(0), field(1), field(2), field(3));
        let span = match (source_span, target_span) {
            (Ok(None), Ok(None)) => None,
            (Ok(Some(span)), Ok(None)) => Some(span.on(Side::Source, &source)),
            (Ok(None), Ok(Some(span))) => Some(span.on(Side::Target, &target)),
            (Ok(Some(_)), Ok(Some(span))) => {
                warn("`<v>` spans in both source and target; the target's is kept".into());
                Some(span.on(Side::Target, &target))
            }
            (Err(why), _) | (_, Err(why)) => {
                warn(format!("{why}; the error is kept without a span"));
                None
            }
        };
        let severity = field(8).trim();
        let category = field(7).trim();
        let kind = match severity.to_ascii_lowercase().as_str() {
            "no-error" => RatingKind::NoError,
            "hotw-test" => RatingKind::AttentionCheck {
                category: category.to_string(),
            },
            known => {
                if !matches!(known, "minor" | "major" | "critical" | "neutral") {
                    warn(format!(
                        "unknown severity {severity:?} (WMT uses Minor, Major, Critical, \
                         Neutral, No-error, HOTW-test); kept as written, scored as no error"
                    ));
                }
                RatingKind::Error(RatedError {
                    category: category.to_string(),
                    severity: severity.to_string(),
                    span,
                    comment: columns
                        .comment
                        .map_or_else(String::new, |at| field(at).to_string()),
                })
            }
        };
        let gathered = docs
            .entry((system.to_string(), doc.to_string()))
            .or_default()
            .entry(id.to_string())
            .or_insert_with(|| Gathered {
                id: id.to_string(),
                order: (order.parse().unwrap_or(u64::MAX), order.to_string()),
                line,
                rows: Vec::new(),
            });
        gathered.rows.push(Row {
            source,
            target,
            rating: Rating {
                segment: 0,
                rater: field(4).to_string(),
                line,
                doc_id: order.to_string(),
                kind,
            },
        });
    }
    let docs = docs
        .into_iter()
        .map(|((system, doc), segments)| {
            document(name, &system, &doc, segments, locale, &mut warnings)
        })
        .collect();
    Some((docs, warnings))
}

fn document(
    file: &str,
    system: &str,
    doc: &str,
    segments: BTreeMap<String, Gathered>,
    locale: Option<&str>,
    warnings: &mut Vec<Warning>,
) -> Document {
    let mut segments: Vec<Gathered> = segments.into_values().collect();
    segments.sort_by(|a, b| a.order.cmp(&b.order).then(a.line.cmp(&b.line)));
    let mut ratings = Vec::new();
    let segments = segments
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            let (source, target) = reading(&g.rows);
            for row in g.rows {
                let mut rating = row.rating;
                rating.segment = i;
                if let RatingKind::Error(error) = &mut rating.kind
                    && let Some(span) = &mut error.span
                {
                    let (was, now) = match span.side {
                        Side::Source => (&row.source, &source),
                        Side::Target => (&row.target, &target),
                    };
                    if !place(span, was, now) {
                        warnings.push(Warning {
                            file: file.to_string(),
                            line: Some(rating.line),
                            id: Some(g.id.clone()),
                            message: format!(
                                "the span {:?} is not in the segment's {} as the other rows \
                                 give it; the error is kept without a span",
                                span.text,
                                span.side.name()
                            ),
                        });
                        error.span = None;
                    }
                }
                ratings.push(rating);
            }
            Segment::new(
                &g.id,
                Some(&source),
                &target,
                Block::Paragraph,
                i as u32,
                g.line,
            )
        })
        .collect();
    Document {
        path: format!("{file}#{system}/{doc}"),
        locale: locale.map_or_else(|| "und".to_string(), str::to_lowercase),
        front: FrontMatter::default(),
        // The systems' translations of one document are compared in turn, as
        // the translations of an article into several locales are.
        article: format!("wmt:{file}#{doc}"),
        segments,
        warnings: Vec::new(),
        context: Vec::new(),
        ratings,
    }
}

/// The system and the document name (the file's `system` and `doc`
/// columns) of a document read from a WMT MQM file, `None` for any other
/// document. Read back from the names [`document`] gives: the path is
/// `FILE#SYSTEM/DOC` and the article `wmt:FILE#DOC`, so the two end in the
/// same `DOC`, after a `/` in one and a `#` in the other.
pub fn names(doc: &Document) -> Option<(&str, &str)> {
    if doc.ratings.is_empty() {
        return None;
    }
    let rest = doc.article.strip_prefix("wmt:")?;
    let name = rest
        .bytes()
        .rev()
        .zip(doc.path.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let start = rest.len().checked_sub(name)?;
    let end = doc.path.len().checked_sub(name + 1)?;
    Some((doc.path.get(start..end)?, rest.get(start..)?))
}

/// The file, system and document of a WMT document's `FILE#SYSTEM/DOC`
/// name given as text (a notes entry's `file`), where [`names`] reads them
/// off a loaded document: after the last `#` followed by a `/`, the system
/// up to that `/`, which no system name holds. `None` for any other name,
/// `c#/intro.md` too (no system).
pub fn split_path(path: &str) -> Option<(&str, &str, &str)> {
    let hash = path
        .rmatch_indices('#')
        .map(|(i, _)| i)
        .find(|&i| path[i..].contains('/'))?;
    let (system, doc) = path[hash + 1..].split_once('/')?;
    (hash > 0 && !system.is_empty() && !doc.is_empty()).then_some((&path[..hash], system, doc))
}

/// The name of the file a document was read from: its path, less the
/// `#SYSTEM/DOC` of a document of a WMT MQM file.
pub fn file_name(doc: &Document) -> &str {
    match names(doc) {
        Some((system, name)) => &doc.path[..doc.path.len() - system.len() - name.len() - 2],
        None => &doc.path,
    }
}

/// The texts of a segment: what most of its rows give. Rows differ where a
/// rater's span took in a space (`<v>Whole text. </v>` for a
/// non-translation) or, in older files, where the span was written twice.
fn reading(rows: &[Row]) -> (String, String) {
    let mut counts: Vec<((&str, &str), usize)> = Vec::new();
    for row in rows {
        let key = (row.source.as_str(), row.target.as_str());
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    // The most frequent; on a tie the shortest, since what differs is what a
    // rater's markers added; then the first in the file.
    let best = counts
        .iter()
        .rev()
        .max_by_key(|((source, target), n)| (*n, std::cmp::Reverse(source.len() + target.len())))
        .map_or(("", ""), |(k, _)| *k);
    (best.0.to_string(), best.1.to_string())
}

/// Moves a span made on text `was` onto text `now`: the same offsets when
/// the text there is the same, else the occurrence of its text nearest to
/// where it was, else the whole text when the span covered all of `was`.
fn place(span: &mut Span, was: &str, now: &str) -> bool {
    if now.get(span.start..span.end) == Some(span.text.as_str()) {
        return true;
    }
    let wanted = span.text.trim();
    let nearest = now
        .match_indices(wanted)
        .map(|(at, _)| at)
        .filter(|_| !wanted.is_empty())
        .min_by_key(|&at| at.abs_diff(span.start));
    // A rater who marks what is missing may add it, or a space, inside the
    // span (`…world.<v> </v>`): the span then marks the place it is missing.
    let inserted = now.len() + span.text.len() == was.len()
        && was.get(..span.start).is_some_and(|a| now.starts_with(a))
        && was.get(span.end..).is_some_and(|b| now.ends_with(b));
    let (start, end) = match nearest {
        Some(at) => (at, at + wanted.len()),
        None if inserted => (span.start, span.start),
        None if span.text.trim() == was.trim() => (0, now.len()),
        None => return false,
    };
    span.start = start;
    span.end = end;
    span.text = now[start..end].to_string();
    true
}

/// A span found in a text: offsets into the text with the markers out.
struct Found {
    start: usize,
    end: usize,
}

impl Found {
    fn on(self, side: Side, text: &str) -> Span {
        Span {
            side,
            start: self.start,
            end: self.end,
            text: text[self.start..self.end].to_string(),
        }
    }
}

/// Takes the `<v>`…`</v>` markers out of `text`. A second span, or an open
/// marker without its close, is an error; the markers go all the same.
fn take_span(text: &str) -> (String, Result<Option<Found>, &'static str>) {
    if !text.contains("<v>") && !text.contains("</v>") {
        return (text.to_string(), Ok(None));
    }
    let clean = text.replace("<v>", "").replace("</v>", "");
    let opens = text.matches("<v>").count();
    let closes = text.matches("</v>").count();
    let found = match (opens, closes) {
        (1, 1) => {
            let start = text.find("<v>").expect("counted");
            let close = text.find("</v>").expect("counted");
            match close >= start {
                true => Ok(Some(Found {
                    start,
                    end: close - "<v>".len(),
                })),
                false => Err("`</v>` before `<v>`"),
            }
        }
        (1, 0) => Err("`<v>` without `</v>`"),
        (0, _) => Err("`</v>` without `<v>`"),
        _ => Err("more than one `<v>` span in one row"),
    };
    (clean, found)
}

/// Whether the file quotes fields the CSV way: every field that holds a
/// double quote is wrapped in quotes with the inner ones doubled, and at
/// least one such field exists. The 2023 files leave quotes bare, so a field
/// like `He said "no".` tells them apart.
fn csv_quoted(rows: &[&str]) -> bool {
    let mut seen = false;
    for field in rows.iter().flat_map(|row| row.split('\t')) {
        let field = field.strip_suffix('\r').unwrap_or(field);
        if !field.contains('"') {
            continue;
        }
        match field
            .strip_prefix('"')
            .and_then(|f| f.strip_suffix('"'))
            .filter(|inner| !inner.replace("\"\"", "").contains('"'))
        {
            Some(_) => seen = true,
            None => return false,
        }
    }
    seen
}

fn unquote(field: &str, csv_quoted: bool) -> String {
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) if csv_quoted => inner.replace("\"\"", "\""),
        _ => field.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_offsets_into_the_text_without_markers() {
        let (text, found) = take_span("ab<v>cdé</v>f");
        assert_eq!(text, "abcdéf");
        let span = found.unwrap().unwrap().on(Side::Target, &text);
        assert_eq!((span.start, span.end, span.text.as_str()), (2, 6, "cdé"));
        assert_eq!(take_span("a<v>b").1.err(), Some("`<v>` without `</v>`"));
        assert_eq!(
            take_span("<v>a</v><v>b</v>").1.err(),
            Some("more than one `<v>` span in one row")
        );
        assert_eq!(take_span("a<v></v>b").0, "ab");
    }

    #[test]
    fn csv_quoting_is_told_from_bare_quotes() {
        assert!(csv_quoted(&["a\t\"say \"\"hi\"\"\"\tb"]));
        assert!(!csv_quoted(&["a\tHe said \"no\".\tb"]));
        assert!(!csv_quoted(&["a\tno quotes\tb"]));
        assert_eq!(unquote("\"say \"\"hi\"\"\"", true), "say \"hi\"");
        assert_eq!(unquote("\"bare\"", false), "\"bare\"");
    }

    #[test]
    fn the_file_and_system_are_read_back_from_the_document_name_whatever_they_hold() {
        for (file, system, doc) in [
            ("a.tsv", "GPT4-5shot", "news_chinanews.com.280744:zh-en"),
            ("odd#dir/x.tsv", "sys/with#marks", "doc#1/2"),
            ("x.tsv", "doc", "doc"),
        ] {
            let rows = vec![Row {
                source: "s".into(),
                target: "t".into(),
                rating: Rating {
                    segment: 0,
                    rater: "r".into(),
                    line: 2,
                    doc_id: "1".into(),
                    kind: RatingKind::NoError,
                },
            }];
            let segments = BTreeMap::from([(
                "1".to_string(),
                Gathered {
                    id: "1".into(),
                    order: (1, "1".into()),
                    line: 2,
                    rows,
                },
            )]);
            let read = document(file, system, doc, segments, None, &mut Vec::new());
            assert_eq!(names(&read), Some((system, doc)), "{}", read.path);
            assert_eq!(file_name(&read), file, "{}", read.path);
        }
    }

    #[test]
    fn a_wmt_documents_name_gives_back_its_file_system_and_document() {
        assert_eq!(
            split_path("runs/mqm#2.tsv#GPT4-5shot/news_voa:zh-en/part"),
            Some(("runs/mqm#2.tsv", "GPT4-5shot", "news_voa:zh-en/part"))
        );
        assert_eq!(split_path("docs/c#/intro.md"), None);
        assert_eq!(split_path("ja-jp/a.md"), None);
    }

    #[test]
    fn both_header_variants_are_recognised_and_others_are_not() {
        assert!(is_wmt(
            "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n"
        ));
        assert!(is_wmt(
            "system\tdoc\tdocSegId\tglobalSegId\trater\tsource\ttarget\tcategory\tseverity\t\
             metadata\t# Documentation: x\r\n"
        ));
        assert!(!is_wmt(
            "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\n"
        ));
        assert!(!is_wmt("file\tlocale\tid\tblock\tline\tsource\ttarget\n"));
    }
}
