//! The segment store against small fixtures: every variant of the real files,
//! and every kind of broken input, with the exact pairs and warnings.

use proptest::prelude::*;
use sxs::store::{Block, ContextKind, Document, Keep, Store, Warning};

const FIXTURES: &str = "tests/fixtures/store";

/// (id, block name, line, source, target) of every segment.
type Row = (String, &'static str, u32, Option<String>, String);

fn load(relative: &str) -> Store {
    Store::load(&[format!("{FIXTURES}/{relative}")]).expect("fixture exists")
}

fn rows(doc: &Document) -> Vec<Row> {
    doc.segments
        .iter()
        .map(|s| {
            (
                s.id().to_string(),
                s.block.name(),
                s.line,
                s.source().map(str::to_string),
                s.target().to_string(),
            )
        })
        .collect()
}

fn row(id: &str, block: &'static str, line: u32, source: Option<&str>, target: &str) -> Row {
    (
        id.into(),
        block,
        line,
        source.map(Into::into),
        target.into(),
    )
}

/// (line, id, message) of every warning.
fn warnings(store: &Store) -> Vec<(Option<u32>, Option<String>, String)> {
    store
        .all_warnings()
        .map(|w: &Warning| (w.line, w.id.clone(), w.message.clone()))
        .collect()
}

#[test]
fn several_segments_per_line_and_tables() {
    let store = load("variants/glued-and-tables.md");
    assert!(warnings(&store).is_empty());
    let doc = &store.docs[0];
    assert_eq!(doc.locale, "ja-jp");
    assert_eq!(
        rows(doc),
        vec![
            row("a1b2c-101", "heading", 7, Some("Heading"), "見出し"),
            row("a1b2c-102", "paragraph", 9, Some("One."), "一。"),
            row("a1b2c-103", "paragraph", 9, Some("Two."), "二。"),
            row("a1b2c-104", "paragraph", 9, Some("Three."), "三。"),
            row("a1b2c-105", "paragraph", 11, Some("Before"), "前"),
            row("a1b2c-106", "paragraph", 11, Some("After"), "後"),
            row("a1b2c-107", "table-cell", 13, Some("Column"), "列"),
            row("a1b2c-108", "table-cell", 13, Some("Value"), "値"),
            row("a1b2c-109", "table-cell", 15, Some("A"), "甲"),
            row("a1b2c-110", "table-cell", 15, Some("B"), "乙"),
            row("a1b2c-111", "table-cell", 17, Some("Left"), "左"),
            row("a1b2c-112", "table-cell", 17, Some("Right"), "右"),
            row("a1b2c-113", "table-cell", 19, Some("Below"), "下"),
        ]
    );
    // Glued sentences of one paragraph flow together; two segments in one
    // table cell share it, and the neighbouring cell is another block.
    let group = |i: usize| doc.segments[i].group;
    assert_eq!(group(1), group(3));
    assert_ne!(group(0), group(1));
    assert_eq!(group(8), group(9));
    assert_ne!(group(6), group(7));
    assert_ne!(group(10), group(11));
}

#[test]
fn crlf_front_matter_with_escaped_quotes_in_a_span() {
    let store = load("variants/crlf-front-matter.md");
    assert!(warnings(&store).is_empty());
    let doc = &store.docs[0];
    assert_eq!(doc.locale, "zh-tw");
    assert_eq!(doc.front.translation_type.as_deref(), Some("HT"));
    assert_eq!(
        rows(doc),
        vec![
            row(
                "f00d1-101",
                "front-matter",
                2,
                Some("Package \"signing\""),
                "套件 \"簽署\""
            ),
            row("f00d1-102", "paragraph", 6, Some("Body"), "內文"),
        ]
    );
    assert_eq!(
        doc.segments[0].block,
        Block::FrontMatter {
            key: "title".into()
        }
    );
}

/// Windows editors write a byte-order mark first: the front matter and the
/// first line's block are read past it, and the file keeps its bytes.
#[test]
fn a_byte_order_mark_hides_neither_the_front_matter_nor_the_first_block() {
    let bytes = std::fs::read(format!("{FIXTURES}/front-matter/bom.md")).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf---\n"),
        "the fixture lost its BOM"
    );
    let store = load("front-matter/bom.md");
    assert!(warnings(&store).is_empty(), "{:?}", warnings(&store));
    let doc = &store.docs[0];
    assert_eq!(doc.locale, "ja-jp");
    assert_eq!(
        rows(doc),
        vec![
            row("b0b0b-101", "front-matter", 2, Some("Title"), "題"),
            row("b0b0b-102", "heading", 5, Some("Heading"), "見出し"),
        ]
    );

    let text = "\u{feff}```\ncode\n```\n# <span data-ttu-id=\"h-1\">T</span><span class=\"sxs-lookup\"><span data-stu-id=\"h-1\">S</span></span>\n";
    let doc = Document::parse("no-front-matter.md", text);
    assert_eq!(doc.segments[0].block.name(), "heading");
    let kinds: Vec<(&ContextKind, &str)> = doc
        .context
        .iter()
        .map(|c| (&c.kind, c.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [(
            &ContextKind::Code {
                info: String::new()
            },
            "code"
        )]
    );
}

#[test]
fn every_span_of_the_front_matter_is_a_segment_on_its_own_line() {
    // A folded value starts on the line after its key; a list holds one
    // span per item.
    let store = load("front-matter/lists.md");
    assert!(warnings(&store).is_empty(), "{:?}", warnings(&store));
    let doc = &store.docs[0];
    assert_eq!(
        rows(doc),
        vec![
            row("abcde-101", "front-matter", 2, Some("It's title"), "題"),
            row("abcde-102", "front-matter", 4, Some("Desc folded"), "説明"),
            row("abcde-103", "front-matter", 8, Some("Key"), "鍵"),
            row("abcde-104", "paragraph", 11, Some("Body"), "本文"),
        ]
    );
    let keys: Vec<&Block> = doc.segments.iter().map(|s| &s.block).collect();
    assert_eq!(
        keys[2],
        &Block::FrontMatter {
            key: "keywords".into()
        }
    );
    // Front matter that machine translation made invalid YAML: its spans
    // are read as written, each on its line, under the key above it if any.
    let store = load("front-matter/broken.md");
    let said = warnings(&store);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].2.contains("fields read line by line instead"));
    assert_eq!(
        rows(&store.docs[0]),
        vec![
            row(
                "abcde-101",
                "front-matter",
                2,
                Some("uid: X summary: *content"),
                "uid: X summary: *content"
            ),
            row("abcde-102", "front-matter", 3, Some("Item"), "項目"),
            row("abcde-103", "paragraph", 6, Some("Body"), "本文"),
        ]
    );
}

#[test]
fn an_html_comment_ends_on_its_line_and_a_blank_line_does_not_cut_a_table() {
    let store = load("html/comments-and-a-table-with-a-blank-line.md");
    let blocks: Vec<(&str, &str)> = store.docs[0]
        .segments
        .iter()
        .map(|s| (s.id(), s.block.name()))
        .collect();
    assert_eq!(
        blocks,
        [
            ("abc-101", "paragraph"),
            ("abc-102", "quote"),
            ("abc-103", "table-cell"),
            ("abc-104", "table-cell"),
            ("abc-105", "other"),
            ("abc-106", "heading"),
        ]
    );
}

#[test]
fn headings_lists_links_and_no_front_matter() {
    let store = load("variants/no-front-matter.md");
    assert!(warnings(&store).is_empty());
    let doc = &store.docs[0];
    assert_eq!(doc.locale, "und");
    assert_eq!(
        rows(doc),
        vec![
            row("beef0-103", "heading", 1, Some("Title"), "Título"),
            row("beef0-104", "list-item", 3, Some("One"), "Uno"),
            row("beef0-105", "list-item", 4, Some("Two"), "Dos"),
            row("beef0-106", "list-item", 5, Some("Three"), "Tres"),
            row("beef0-107", "list-item", 6, Some("Four"), "Cuatro"),
            row(
                "beef0-108",
                "list-item",
                8,
                Some("Continuation"),
                "Continuación"
            ),
            row("beef0-109", "paragraph", 10, Some("Link"), "Enlace"),
            row("beef0-110", "paragraph", 10, Some("Bold"), "Negrita"),
            row("beef0-111", "heading", 12, Some("Setext"), "Setext"),
        ]
    );
    let depths: Vec<(u8, Option<u32>)> = doc.segments[1..6]
        .iter()
        .map(|s| match s.block {
            Block::ListItem { depth, number } => (depth, number),
            _ => panic!("not a list item: {:?}", s.block),
        })
        .collect();
    assert_eq!(
        depths,
        [(0, None), (1, None), (2, None), (0, Some(1)), (0, None)]
    );
    assert_eq!(doc.segments[0].block, Block::Heading { level: 2 });
}

/// SPEC: a span inside code is `other`, and CommonMark says which
/// indented lines are code: four columns past the margin, or past the
/// content of the list item they stand in, where no paragraph goes on.
#[test]
fn indented_code_is_other_and_what_ends_a_list_ends_it() {
    let store = load("blocks/indented-code.md");
    assert!(warnings(&store).is_empty(), "{:?}", warnings(&store));
    let doc = &store.docs[0];
    let blocks: Vec<(&str, &str)> = (doc.segments.iter())
        .map(|s| (s.id(), s.block.name()))
        .collect();
    assert_eq!(
        blocks,
        [
            ("c0de-1", "paragraph"),
            // Indented code cannot interrupt a paragraph.
            ("c0de-2", "paragraph"),
            ("c0de-3", "other"),
            ("c0de-4", "list-item"),
            ("c0de-5", "list-item"),
            ("c0de-6", "other"),
            ("c0de-7", "list-item"),
            ("c0de-8", "list-item"),
            ("c0de-9", "list-item"),
            ("c0de-10", "table-cell"),
            ("c0de-11", "quote"),
            ("c0de-12", "other"),
            ("c0de-13", "paragraph"),
            ("c0de-14", "list-item"),
            ("c0de-15", "list-item"),
            // DocFX's columns hold Markdown indented at will.
            ("c0de-16", "list-item"),
            ("c0de-17", "table-cell"),
            ("c0de-18", "paragraph"),
        ]
    );
    let item = |id: &str| match doc.segments.iter().find(|s| s.id() == id).map(|s| &s.block) {
        Some(Block::ListItem { depth, number }) => (*depth, *number),
        other => panic!("{id}: {other:?}"),
    };
    // A lazy line goes on with the nested item; a list after a heading
    // counts from its own start.
    assert_eq!(item("c0de-9"), (1, None));
    assert_eq!(item("c0de-15"), (0, Some(1)));

    // The .NET API reference is XML, indented as XML is: no code there.
    let xml = "<Type Name=\"T\" FullName=\"N.T\">\n  <Docs>\n    <remarks>\n\n        \
               <span data-ttu-id=\"x-1\">T</span><span class=\"sxs-lookup\"><span \
               data-stu-id=\"x-1\">S</span></span>\n    </remarks>\n  </Docs>\n</Type>\n";
    let doc = Document::parse("api.md", xml);
    assert_eq!(doc.segments[0].block, Block::Paragraph);
}

#[test]
fn quotes_alerts_and_segments_over_several_lines() {
    let store = load("variants/quotes-and-multiline.md");
    assert!(warnings(&store).is_empty());
    let doc = &store.docs[0];
    assert_eq!(
        rows(doc),
        vec![
            row("cafe1-101", "quote", 6, Some("Note"), "הערה"),
            row("cafe1-102", "quote", 9, Some("Tip"), "עצה"),
            row(
                "cafe1-103",
                "quote",
                11,
                Some("![Image](a.png)\n   > "),
                "![תמונה](a.png)\n   > "
            ),
            row("cafe1-104", "quote", 14, Some("Lazy continuation"), "המשך"),
            row(
                "cafe1-105",
                "paragraph",
                16,
                Some("[A](a.md)\n[B](b.md)"),
                "[א](a.md)\n[ב](b.md)"
            ),
            row(
                "cafe1-106",
                "list-item",
                20,
                Some("\n   Indented"),
                "\n   מוזח"
            ),
        ]
    );
    let alert = |i: usize| match &doc.segments[i].block {
        Block::Quote { alert } => alert.clone(),
        other => panic!("not a quote: {other:?}"),
    };
    assert_eq!(alert(0).as_deref(), Some("NOTE"));
    assert_eq!(alert(1).as_deref(), Some("TIP"));
    assert_eq!(alert(2), None);
}

#[test]
fn raw_html_blocks_place_spans_by_their_element() {
    let store = load("variants/raw-html.md");
    assert!(warnings(&store).is_empty());
    let doc = &store.docs[0];
    assert_eq!(
        rows(doc),
        vec![
            row(
                "0466a-101",
                "table-cell",
                7,
                Some("<strong>Other</strong>"),
                "<strong>기타</strong>"
            ),
            row(
                "0466a-102",
                "table-cell",
                7,
                Some("<em>(usage)</em>"),
                "<em>(사용)</em>"
            ),
            row("0466a-103", "list-item", 13, Some("Item"), "항목"),
            row(
                "0466a-104",
                "paragraph",
                17,
                Some("&lt;value&gt; &amp; &nbsp;"),
                "&lt;값&gt; &amp; &nbsp;"
            ),
        ]
    );
}

#[test]
fn unpaired_spans_keep_every_good_pair_and_say_what_failed() {
    let store = load("broken/unpaired.md");
    assert_eq!(
        rows(&store.docs[0]),
        vec![
            row("dead0-101", "paragraph", 4, Some("Good"), "Bon"),
            row("dead0-102", "paragraph", 6, None, "Sans source"),
            row("dead0-104", "paragraph", 10, Some("Before"), "Avant"),
            row("dead0-105", "paragraph", 12, Some("Open lookup"), "Ouvert"),
            row("dead0-106", "paragraph", 14, None, "Cible"),
            row("dead0-107", "paragraph", 16, None, "Vide"),
            row("dead0-110", "paragraph", 22, Some("End"), "Fin"),
        ]
    );
    let got = warnings(&store);
    let expect = [
        (6, Some("dead0-102"), "no source"),
        (8, Some("dead0-103"), "outside an sxs-lookup span"),
        (10, None, "stray </span>"),
        (10, None, "stray </span>"),
        (12, Some("dead0-105"), "sxs-lookup span is not closed"),
        (14, Some("dead0-106"), "source of dead0-999"),
        (16, Some("dead0-107"), "holds no data-stu-id"),
        (18, Some("dead0-108"), "no target"),
        (20, Some("dead0-109"), "never closed"),
    ];
    assert_eq!(got.len(), expect.len(), "{got:#?}");
    for ((line, id, message), (eline, eid, phrase)) in got.iter().zip(expect) {
        assert_eq!(*line, Some(eline), "{message}");
        assert_eq!(id.as_deref(), eid, "{message}");
        assert!(message.contains(phrase), "{message:?} lacks {phrase:?}");
    }
}

#[test]
fn restarted_numbering_keeps_both_segments_and_warns() {
    let store = load("broken/restarted-ids.md");
    let ids: Vec<&str> = store.docs[0].segments.iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["aaaaa-101", "bbbbb-101", "aaaaa-101"]);
    let got = warnings(&store);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, Some(6));
    assert!(got[0].2.contains("line 4"));
}

#[test]
fn broken_yaml_is_reported_with_its_line_and_the_body_still_loads() {
    let store = load("broken/broken-yaml.md");
    let got = warnings(&store);
    assert_eq!(got.len(), 1);
    assert!(got[0].2.contains("not valid YAML"));
    assert!(matches!(got[0].0, Some(2..=5)), "{got:?}");
    let doc = &store.docs[0];
    assert_eq!(doc.locale, "ja-jp", "fields are still read line by line");
    assert_eq!(
        rows(doc),
        vec![row("12345-101", "paragraph", 6, Some("Broken"), "壊れた")]
    );
}

#[test]
fn unclosed_front_matter_is_read_as_body() {
    let store = load("broken/unclosed-yaml.md");
    let got = warnings(&store);
    assert_eq!(got.len(), 1);
    assert!(got[0].2.contains("never closed"));
    assert_eq!(
        rows(&store.docs[0]),
        vec![row(
            "12345-102",
            "paragraph",
            4,
            Some("Unclosed"),
            "閉じない"
        )]
    );
}

/// The body is searched for hazards once, as a whole; a front-matter text is
/// decoded YAML, where `\e` writes an escape the file's bytes do not hold.
#[test]
fn an_escape_decoded_from_front_matter_is_reported_though_the_body_is_clean() {
    let text = concat!(
        "---\n",
        r#"title: "<span data-ttu-id=\"f00d1-101\">a\e[2Jb</span><span class=\"sxs-lookup\"><span data-stu-id=\"f00d1-101\">Title</span></span>""#,
        "\n---\n",
        r#"<span data-ttu-id="f00d1-102">内文</span><span class="sxs-lookup"><span data-stu-id="f00d1-102">Body</span></span>"#,
        "\n",
    );
    let doc = Document::parse("ja-jp/escape.md", text);
    assert_eq!(doc.segments[0].target(), "a\x1b[2Jb");
    let found: Vec<_> = doc
        .warnings
        .iter()
        .map(|w| (w.line, w.id.as_deref()))
        .collect();
    assert_eq!(found, [(Some(2), Some("f00d1-101"))]);
    assert!(doc.warnings[0].message.contains("control characters"));
}

#[test]
fn escape_sequences_are_kept_raw_and_reported() {
    let store = load("broken/escapes.md");
    let doc = &store.docs[0];
    assert_eq!(
        doc.segments[0].target(),
        "a\x1b[2Jb\u{9b}31mc\u{202e}def\tg"
    );
    let got = warnings(&store);
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].0, got[0].1.as_deref()),
        (Some(4), Some("12345-103"))
    );
    assert_eq!(
        (got[1].0, got[1].1.as_deref()),
        (Some(5), Some("12345-104"))
    );
    assert!(got[0].2.contains("control characters"));
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning_on_its_line() {
    let store = load("broken/invalid-utf8.md");
    let got = warnings(&store);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, Some(5));
    assert!(got[0].2.contains("invalid UTF-8"));
    let doc = &store.docs[0];
    assert_eq!(doc.segments.len(), 2);
    assert_eq!(doc.segments[1].target(), "bad \u{fffd}\u{fffd} byte");
}

#[test]
fn a_binary_file_is_an_error_when_named_and_skipped_with_a_warning_in_a_folder() {
    let named = Store::load(&[format!("{FIXTURES}/broken/binary.md")]).unwrap_err();
    assert!(
        named
            .to_string()
            .contains("broken/binary.md: is a binary file"),
        "{named}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        format!("{FIXTURES}/broken/binary.md"),
        dir.path().join("binary.md"),
    )
    .unwrap();
    std::fs::copy(
        format!("{FIXTURES}/variants/raw-html.md"),
        dir.path().join("good.md"),
    )
    .unwrap();
    let store = Store::load(&[dir.path()]).unwrap();
    assert_eq!(store.docs.len(), 1);
    let got = warnings(&store);
    assert_eq!(got.len(), 1);
    assert!(got[0].2.contains("binary") && got[0].2.ends_with("; skipped"));
}

#[test]
fn folders_are_walked_in_sorted_order_and_name_files_by_folder_plus_path() {
    let store = Store::load(&[format!("{FIXTURES}/variants")]).unwrap();
    let names: Vec<&str> = store.docs.iter().map(|d| d.path.as_str()).collect();
    let expected: Vec<String> = [
        "crlf-front-matter.md",
        "glued-and-tables.md",
        "no-front-matter.md",
        "quotes-and-multiline.md",
        "raw-html.md",
    ]
    .iter()
    .map(|f| format!("{FIXTURES}/variants/{f}"))
    .collect();
    assert_eq!(names, expected);
}

#[test]
fn a_missing_path_is_an_error_that_names_it() {
    let err = Store::load(&["/no/such/place.md"]).unwrap_err();
    assert!(err.to_string().contains("/no/such/place.md"));
}

/// A segment file with `body` after a minimal front matter.
fn doc_with(body: &str) -> Document {
    Document::parse(
        "generated.md",
        &format!("---\nms.contentlocale: ja-JP\n---\n{body}"),
    )
}

fn pair(id: usize, target: &str) -> String {
    format!(
        r#"<span data-ttu-id="abcde-{id}">{target}</span><span class="sxs-lookup"><span data-stu-id="abcde-{id}">S{id}</span></span>"#
    )
}

#[test]
fn a_hundred_thousand_nested_spans_load_without_recursion() {
    let nested = "<span>".repeat(100_000) + &"</span>".repeat(100_000);
    let doc = doc_with(&format!("{}\n{nested}\n{}\n", pair(1, "a"), pair(2, "b")));
    assert_eq!(doc.segments.len(), 2);
    assert!(doc.warnings.is_empty(), "{:?}", &doc.warnings[..1]);

    let unclosed = "<span>".repeat(100_000);
    let doc = doc_with(&format!("{}\n{unclosed}\n{}\n", pair(1, "a"), pair(2, "b")));
    assert_eq!(doc.segments.len(), 2);
}

#[test]
fn an_eight_megabyte_line_and_five_thousand_segments_on_one_line() {
    let long = "x".repeat(8 << 20);
    let doc = doc_with(&format!("{}\n", pair(1, &long)));
    assert_eq!(doc.segments[0].target().len(), 8 << 20);

    let line: String = (0..5000).map(|i| pair(i, "t")).collect();
    let doc = doc_with(&format!("\n{line}\n"));
    assert_eq!(doc.segments.len(), 5000);
    assert!(doc.segments.iter().all(|s| s.line == 5));
    assert_eq!(doc.segments[4999].source(), Some("S4999"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_loader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = Document::from_bytes("fuzz.md", bytes, Keep::Context);
    }

    /// Random fragments of the real markup stress the pairing far more than random bytes.
    #[test]
    fn the_loader_never_panics_on_shuffled_markup(parts in proptest::collection::vec(
        prop_oneof![
            Just("<span data-ttu-id=\"a-1\">"), Just("<span data-stu-id=\"a-1\">"),
            Just("<span class=\"sxs-lookup\">"), Just("</span>"), Just("<span>"),
            Just("\n"), Just("---\n"), Just("> "), Just("| "), Just("- "), Just("text"),
            Just("<table><td>"), Just("title: \"x\"\n"), Just("```\n"), Just("\u{1b}[2J"),
        ], 0..60)) {
        let text: String = parts.concat();
        let doc = Document::parse("fuzz.md", &text);
        for seg in &doc.segments {
            prop_assert!(seg.line >= 1);
        }
    }
}

const WMT: &str = "tests/fixtures/wmt";

fn ratings_of(doc: &Document) -> Vec<(usize, &str, String)> {
    use sxs::store::wmt::RatingKind;
    doc.ratings
        .iter()
        .map(|r| {
            let what = match &r.kind {
                RatingKind::NoError => "no error".to_string(),
                RatingKind::AttentionCheck { category } => format!("check {category}"),
                RatingKind::Error(e) => match &e.span {
                    Some(s) => format!(
                        "{} {} {}[{}..{}]={:?}",
                        e.severity,
                        e.category,
                        s.side.name(),
                        s.start,
                        s.end,
                        s.text
                    ),
                    None => format!("{} {} whole", e.severity, e.category),
                },
            };
            (r.segment, r.rater.as_str(), what)
        })
        .collect()
}

/// The 2023 layout (`docSegId globalSegId … metadata` and a stray header
/// field), bare quotes, three raters a segment, source-side spans,
/// attention checks, a non-translation span that took in a space.
#[test]
fn a_wmt_2023_file_gives_one_document_per_system_and_doc_with_every_rating() {
    let store = Store::load(&[format!("{WMT}/general2023-zhen.tsv")]).unwrap();
    let names: Vec<&str> = store.docs.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        names,
        [
            format!("{WMT}/general2023-zhen.tsv#GPT4-5shot/news_chinanews.com.280744:zh-en"),
            format!("{WMT}/general2023-zhen.tsv#GPT4-5shot/news_chinanews.com.280781:zh-en"),
            format!("{WMT}/general2023-zhen.tsv#ONLINE-M/news_voa-voachinese.30674:zh-en"),
        ]
    );
    assert!(
        store.all_warnings().next().is_none(),
        "{:?}",
        warnings(&store)
    );
    let doc = &store.docs[1];
    assert_eq!(doc.locale, "und");
    assert_eq!(doc.segments.len(), 1);
    let seg = &doc.segments[0];
    assert_eq!(seg.id(), "23");
    assert_eq!(seg.source(), Some("家机构的7只产品可选最短可只持有360天"));
    assert_eq!(
        seg.target(),
        "Seven products from the home institution are available, with the shortest holding period being 360 days."
    );
    let ratings = ratings_of(doc);
    assert_eq!(ratings.len(), 9);
    assert_eq!(
        ratings[2],
        (
            0,
            "rater1",
            "Minor Source issue source[0..9]=\"家机构\"".to_string()
        )
    );
    assert_eq!(ratings[3], (0, "rater3", "check Found".to_string()));
    assert_eq!(
        ratings[4],
        (
            0,
            "rater3",
            "Major Accuracy/Mistranslation target[24..28]=\"home\"".to_string()
        )
    );
    let online = ratings_of(&store.docs[2]);
    assert_eq!(store.docs[2].segments[0].target(), "Confused, speculated.");
    assert_eq!(
        online[0],
        (
            0,
            "rater6",
            "Major Non-translation! target[0..21]=\"Confused, speculated.\"".to_string()
        ),
        "the span's extra space is not part of the text"
    );
    assert_eq!(online[1], (0, "rater5", "no error".to_string()));
}

/// The 2020 layout (`doc_id seg_id`), CSV-style quoting with doubled quotes,
/// and rows that disagree on the text (a span written twice).
#[test]
fn a_wmt_2020_file_is_unquoted_and_its_rows_agree_on_one_text() {
    let store =
        Store::load_with_locale(&[format!("{WMT}/newstest2020-ende.tsv")], "de-DE").unwrap();
    assert!(
        store.all_warnings().next().is_none(),
        "{:?}",
        warnings(&store)
    );
    let doc = store
        .docs
        .iter()
        .find(|d| d.path.ends_with("#Online-A.1574/upi.205721"))
        .unwrap();
    assert_eq!(doc.locale, "de-de");
    assert!(
        doc.segments[0]
            .source()
            .unwrap()
            .ends_with("hasn't yet submitted a \"serious\" proposal."),
        "{:?}",
        doc.segments[0].source()
    );
    let huoshan = store
        .docs
        .iter()
        .find(|d| {
            d.path
                .ends_with("#Huoshan_Translate.832/standard.co.uk.14676")
        })
        .unwrap();
    let target = &huoshan.segments[0].target();
    assert!(target.ends_with("verwendet hat"), "{target}");
    let ratings = ratings_of(huoshan);
    let end = target.len();
    assert_eq!(
        ratings.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
        [
            format!("Minor Source error/- target[{}..{end}]=\"hat\"", end - 3),
            format!("Minor Source error/- target[{}..{end}]=\"t\"", end - 1),
        ]
    );
}

#[test]
fn broken_wmt_rows_are_warned_about_by_line_and_kept_where_they_can_be() {
    let header = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n";
    let rows = [
        "sys\td\t1\t1\tr1\tSource\tZiel <v>eins\tAccuracy/Mistranslation\tMajor",
        "sys\td\t1\t1\tr2\tSource\t<v>Ziel</v> <v>eins</v>\tFluency/Grammar\tMinor",
        "sys\td\t1\t1\tr3\tSource\tZiel eins\tStyle\tHorrible",
        "sys\td\t2\t2\tr1\ttoo few",
        "sys\td\t2\t2\tr1\tZwei\tTwo\tNo-error\tNo-error\textra\tfields",
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ratings.txt");
    std::fs::write(&path, format!("{header}{}\n", rows.join("\n"))).unwrap();
    let store = Store::load(&[&path]).unwrap();
    let got: Vec<(Option<u32>, String)> = store
        .all_warnings()
        .map(|w| (w.line, w.message.clone()))
        .collect();
    let lines: Vec<Option<u32>> = got.iter().map(|g| g.0).collect();
    assert_eq!(
        lines,
        [Some(2), Some(3), Some(4), Some(5), Some(6)],
        "{got:?}"
    );
    assert!(got[0].1.starts_with("`<v>` without `</v>`"));
    assert!(got[1].1.starts_with("more than one `<v>` span"));
    assert!(got[2].1.starts_with("unknown severity \"Horrible\""));
    assert!(got[3].1.contains("needs at least 9; skipped"));
    assert!(got[4].1.contains("the extra ones are ignored"));
    let doc = &store.docs[0];
    assert_eq!(doc.segments.len(), 2);
    assert_eq!(doc.segments[0].target(), "Ziel eins");
    let ratings = ratings_of(doc);
    assert_eq!(ratings.len(), 4, "every row that could be read is kept");
    assert_eq!(ratings[0].2, "Major Accuracy/Mistranslation whole");
}

/// A WMT MQM file whose rows all had to be skipped gives no segments: named,
/// it is an error (as a file without spans is) that says why.
#[test]
fn a_wmt_file_with_no_readable_row_gives_nothing_and_says_which_line() {
    let err = Store::load(&[format!("{WMT}/no-readable-row.tsv")])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "no-readable-row.tsv: has the header of a WMT MQM file but no row that can be read \
             (line 2: row has 6 fields"
        ),
        "{err}"
    );
}

#[test]
fn a_tsv_with_another_header_is_an_ordinary_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.tsv");
    std::fs::write(&path, "file\tlocale\tid\nx\ty\tz\n").unwrap();
    let err = Store::load(&[&path]).unwrap_err().to_string();
    assert!(
        err.contains("has no data-ttu-id spans (nor the header of a WMT MQM file)"),
        "{err}"
    );
}

fn context_of(doc: &Document) -> Vec<(usize, u32, String, String)> {
    doc.context
        .iter()
        .map(|c| {
            let kind = match &c.kind {
                sxs::store::ContextKind::Code { info } => format!("code {info}"),
                sxs::store::ContextKind::Include => "include".into(),
                sxs::store::ContextKind::Text => "text".into(),
            };
            (c.before, c.line, kind, c.text.clone())
        })
        .collect()
}

/// What stands between segments is kept at its place, as context: code in
/// a list item with its indentation taken off, includes, untranslated text;
/// what the panes show anyway (alert markers, table rules, anchors) is not.
#[test]
fn the_content_between_segments_is_kept_as_context_at_its_place() {
    let span = |n: u32, t: &str| {
        format!(
            "<span data-ttu-id=\"abcde-{n}\">{t}訳</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-{n}\">{t}</span></span>"
        )
    };
    let body = format!(
        "# {}\n\n* {}\n\n  ```powershell\n  Get-Thing -Name x\n\n  Set-Thing\n  ```\n\n> [!NOTE]\n> {}\n\n\
         |a|b|\n|---|---|\n| {} | `x` |\n\n[!INCLUDE [note](../includes/note.md)]\n\n\
         [ref]: https://example.com \"Title\"\n\n[ref2]: https://example.com/2\n\n```\nunclosed\n",
        span(101, "Heading"),
        span(102, "Item"),
        span(103, "Note"),
        span(104, "Cell")
    );
    let doc = doc_with(&body);
    assert_eq!(doc.segments.len(), 4);
    assert_eq!(
        context_of(&doc),
        [
            (
                2,
                8,
                "code powershell".into(),
                "Get-Thing -Name x\n\nSet-Thing".into()
            ),
            (3, 17, "text".into(), "|a|b|".into()),
            // The other cell of the segment's table row.
            (4, 19, "text".into(), "`x`".into()),
            (
                4,
                21,
                "include".into(),
                "[!INCLUDE [note](../includes/note.md)]".into()
            ),
            (
                4,
                23,
                "text".into(),
                "[ref]: https://example.com \"Title\"\n[ref2]: https://example.com/2".into()
            ),
            (4, 27, "code ".into(), "unclosed".into()),
        ]
    );
    // The batch commands keep the segments alone, the same ones.
    let bare = Document::parse_keeping(
        "generated.md",
        &format!("---\nms.contentlocale: ja-JP\n---\n{body}"),
        Keep::Segments,
    );
    assert!(bare.context.is_empty());
    assert_eq!(rows(&bare), rows(&doc));
    assert_eq!(bare.warnings.len(), doc.warnings.len());
}

/// The other cells of a segment's table row and what stands between two
/// segments of one line are context at their place; the marks of lists,
/// headings, alerts, anchors and links' destinations are not.
#[test]
fn what_a_segments_line_holds_beside_it_is_context() {
    let span = |n: u32, t: &str| {
        format!(
            "<span data-ttu-id=\"abcde-{n}\">{t}訳</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-{n}\">{t}</span></span>"
        )
    };
    let body = format!(
        "| {} | `Control`{}`R` | `Command`+`Shift`+`R` |\n\n\
         1. {}\n\n## <a name=\"x\"></a>{}\n\n> [!NOTE]\n> {}\n\n[{}](https://example.com/a_b)\n\n\
         {} <!-- Select `F1` to open it -->\n\n:::image type=\"content\" source=\"a.png\" alt-text=\":::{}\n\n\
         | **{}** | &nbsp; |\n",
        span(101, "Hard refresh"),
        span(102, "+`F5` or `Control`+`Shift`+"),
        span(103, "Item"),
        span(104, "Heading"),
        span(105, "Note"),
        span(106, "Link"),
        span(107, "Commented"),
        span(108, "Image"),
        span(109, "Cell"),
    );
    let doc = doc_with(&body);
    assert_eq!(doc.segments.len(), 9);
    assert_eq!(
        context_of(&doc),
        [
            (1, 4, "text".into(), "`Control`".into()),
            (2, 4, "text".into(), "`R` | `Command`+`Shift`+`R`".into()),
        ]
    );
}

/// In the .NET API reference (ECMA XML saved as `.md`), the context is each
/// member's C# signature: the identifiers the sentences must keep.
#[test]
fn an_api_reference_gives_its_csharp_signatures_as_context() {
    let span = |n: u32, t: &str| {
        format!(
            "<span data-ttu-id=\"abcde-{n}\">訳</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-{n}\">{t}</span></span>"
        )
    };
    let text = format!(
        "<Type Name=\"T\" FullName=\"N.T\">\n  <TypeSignature Language=\"C#\" Value=\"public class T&lt;X&gt;\" />\n  \
         <TypeSignature Language=\"VB.NET\" Value=\"Public Class T\" />\n  <Docs>\n    <summary>{}</summary>\n  \
         </Docs>\n  <Members>\n    <Member MemberName=\"M\">\n      <MemberSignature Language=\"C#\" Value=\"public void M (int a, int b);\" />\n      \
         <Docs>\n        <param name=\"a\">{}</param>\n        <param name=\"b\">To be added.</param>\n        \
         <summary>{}</summary>\n        <exception cref=\"T:System.ArgumentException\">{}</exception>\n      </Docs>\n",
        span(101, "A type."),
        span(102, "A number."),
        span(103, "A method."),
        span(104, "When negative."),
    );
    let doc = Document::parse("xml/N/T.md", &text);
    assert_eq!(
        context_of(&doc),
        [
            (0, 2, "code csharp".into(), "public class T<X>".into()),
            (
                1,
                9,
                "code csharp".into(),
                "public void M (int a, int b);".into()
            ),
            // Which part of the member each description is; `b` has none
            // to label, and the summary is labelled as it follows a part.
            (1, 11, "text".into(), "parameter a".into()),
            (2, 13, "text".into(), "summary".into()),
            (
                3,
                14,
                "text".into(),
                "exception System.ArgumentException".into()
            ),
        ]
    );
}

#[test]
fn background_loading_reads_the_paths_in_the_order_given() {
    let corpus = std::path::Path::new("tests/fixtures/corpus");
    let paths = [
        corpus.join("partner-center-pr.ja-jp"),
        corpus.join("partner-center-pr.de-de"),
    ];
    let mut loading = sxs::store::Sources::resolve(&paths).load_in_background();
    let mut locales = Vec::new();
    while let Some(doc) = loading.wait_next() {
        locales.push(doc.locale);
    }
    let (arrived, total) = loading.progress();
    assert_eq!(arrived, locales.len());
    assert_eq!(total, Some(locales.len()), "every file a segment file");
    let first_de = locales.iter().position(|l| l == "de-de").unwrap();
    assert!(first_de > 0, "{locales:?}");
    assert!(
        locales[..first_de].iter().all(|l| l == "ja-jp")
            && locales[first_de..].iter().all(|l| l == "de-de"),
        "the first path's files first: {locales:?}"
    );
    let problems = loading.take_problems().expect("every file read");
    assert!(problems.errors.is_empty() && problems.warnings.is_empty());
}

#[test]
fn cells_of_a_row_count_their_pipes_whatever_comes_between_segments() {
    // Two segments in the middle cell with an escaped pipe between them; the
    // second row, the same, counts again from its own start.
    let text = format!(
        "| A | B | C |\n|---|---|---|\n| {} | {} a \\| b {} | {} |\n| {} | {} c \\| d {} | {} |\n",
        pair(101, "一"),
        pair(102, "二"),
        pair(103, "三"),
        pair(104, "四"),
        pair(105, "五"),
        pair(106, "六"),
        pair(107, "七"),
        pair(108, "八"),
    );
    let doc = sxs::store::Document::parse("ja-jp/table.md", &text);
    let group = |i: usize| doc.segments[i].group;
    let groups: Vec<u32> = (0..8).map(group).collect();
    // Within a row: the two segments of the middle cell share it, the
    // escaped pipe opens no cell, the cells on either side are others.
    for row in [0, 4] {
        assert_eq!(groups[row + 1], groups[row + 2], "{groups:?}");
        assert_ne!(groups[row], groups[row + 1], "{groups:?}");
        assert_ne!(groups[row + 2], groups[row + 3], "{groups:?}");
        assert_ne!(groups[row], groups[row + 3], "{groups:?}");
    }
    assert!(doc.segments.iter().all(|s| s.block == Block::TableCell));
}

#[test]
fn an_id_used_twice_is_warned_at_its_second_line_naming_the_first() {
    // In the body, in the front matter, and in both: the notes file keys
    // marks by id, so a mark on one would show on the other.
    let title = |id: usize| format!("title: '{}'\n", pair(id, "題").replace('\'', "''"));
    let text = format!(
        "---\n{}{}---\n{}\n\n{}\n\n{}\n",
        title(101),
        title(101).replace("title", "description"),
        pair(102, "a"),
        pair(102, "b"),
        pair(101, "c"),
    );
    let doc = Document::parse("ja-jp/twice.md", &text);
    let said: Vec<(Option<u32>, Option<&str>, &str)> = doc
        .warnings
        .iter()
        .map(|w| (w.line, w.id.as_deref(), w.message.as_str()))
        .collect();
    let apart = "the notes file cannot tell these segments apart";
    assert_eq!(
        said,
        [
            (
                Some(3),
                Some("abcde-101"),
                &*format!("id already used on line 2; {apart}")
            ),
            (
                Some(7),
                Some("abcde-102"),
                &*format!("id already used on line 5; {apart}")
            ),
            (
                Some(9),
                Some("abcde-101"),
                &*format!("id already used on line 2; {apart}")
            ),
        ]
    );
}
