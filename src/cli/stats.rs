//! `sxs stats`: how much there is to review.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Common, StatsArgs, StatsFormat};
use crate::notes::score::{self, Progress, Review};
use crate::store::{Document, Store, source_words};
use crate::text::terminal_line;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
struct Counts {
    files: usize,
    segments: usize,
    words: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.files += other.files;
        self.segments += other.segments;
        self.words += other.words;
    }
}

#[derive(Debug, Serialize)]
struct Stats {
    total: Counts,
    locales: BTreeMap<String, Counts>,
    translation_types: BTreeMap<String, Counts>,
    /// Review progress and MQM score from the notes file.
    review: Review,
}

pub fn run(args: &StatsArgs, common: &Common) -> anyhow::Result<u8> {
    let store = super::load(&args.paths, common)?;
    let notes = super::read_notes(common)?;
    let mut stats = collect(&store);
    stats.review = score::review(&store, notes.entries(), args.penalties);
    let mut out = super::stdout();
    match args.format {
        StatsFormat::Text => write_table(&mut out, &stats)?,
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stats)?;
            writeln!(out)?;
        }
    }
    Ok(0)
}

fn doc_counts(doc: &Document) -> Counts {
    Counts {
        files: 1,
        segments: doc.segments.len(),
        words: doc
            .segments
            .iter()
            .filter_map(|s| s.source.as_deref())
            .map(source_words)
            .sum(),
    }
}

fn collect(store: &Store) -> Stats {
    let mut stats = Stats {
        total: Counts::default(),
        locales: BTreeMap::new(),
        translation_types: BTreeMap::new(),
        review: Review::default(),
    };
    for doc in &store.docs {
        let counts = doc_counts(doc);
        stats.total.add(counts);
        stats
            .locales
            .entry(doc.locale.clone())
            .or_default()
            .add(counts);
        let kind = doc
            .front
            .translation_type
            .clone()
            .unwrap_or_else(|| "unknown".into());
        stats.translation_types.entry(kind).or_default().add(counts);
    }
    stats
}

fn write_table(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    let header = |out: &mut dyn Write, first: &str| {
        writeln!(
            out,
            "{first:<18} {:>7} {:>9} {:>13}",
            "files", "segments", "source words"
        )
    };
    // Locales and translation types come from front matter: untrusted.
    let row = |out: &mut dyn Write, name: &str, c: &Counts| {
        writeln!(
            out,
            "{:<18} {:>7} {:>9} {:>13}",
            terminal_line(name),
            c.files,
            c.segments,
            c.words
        )
    };
    header(out, "locale")?;
    for (locale, counts) in &stats.locales {
        row(out, locale, counts)?;
    }
    row(out, "total", &stats.total)?;
    writeln!(out)?;
    header(out, "translation type")?;
    for (kind, counts) in &stats.translation_types {
        row(out, kind, counts)?;
    }
    writeln!(out)?;
    write_review(out, &stats.review)
}

fn write_review(out: &mut impl Write, review: &Review) -> io::Result<()> {
    writeln!(
        out,
        "{:<18} {:>9} {:>6} {:>6} {:>6} {:>8} {:>6} {:>8}",
        "review", "reviewed", "%", "minor", "major", "critical", "stale", "MQM"
    )?;
    let row = |out: &mut dyn Write, name: &str, p: &Progress| {
        let score = p.mqm_score.map_or("-".to_string(), |s| format!("{s:.1}"));
        writeln!(
            out,
            "{:<18} {:>9} {:>6.1} {:>6} {:>6} {:>8} {:>6} {score:>8}",
            terminal_line(name),
            p.reviewed,
            p.percent,
            p.bad.minor,
            p.bad.major,
            p.bad.critical,
            p.stale
        )
    };
    for (locale, progress) in &review.locales {
        row(out, locale, progress)?;
    }
    row(out, "total", &review.total)?;
    writeln!(
        out,
        "MQM: penalty points per 1,000 reviewed source words ({}); stale: target changed since marked",
        review.penalties
    )?;
    if review.files_not_loaded > 0 {
        writeln!(
            out,
            "{} notes entries are for files not loaded here",
            review.files_not_loaded
        )?;
    }
    if review.segments_gone > 0 {
        writeln!(
            out,
            "{} notes entries are for segments their file no longer has",
            review.segments_gone
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_samples_count_per_locale_and_type() {
        let stats = collect(&Store::samples());
        assert_eq!(stats.total.files, 5);
        assert_eq!(stats.locales.len(), 5);
        assert_eq!(stats.locales["ja-jp"].files, 1);
        assert_eq!(stats.translation_types["MT"].files, 5);
        assert_eq!(
            stats.total.segments,
            stats.locales.values().map(|c| c.segments).sum::<usize>()
        );
        assert!(stats.total.words > 100);
    }
}
