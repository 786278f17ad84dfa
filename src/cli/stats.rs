//! `sxs stats`: how much there is to review, how far the review is, and
//! what it scores; for WMT MQM files, the raters' scores per system, rater
//! and document, and how far the raters agree.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Common, StatsArgs, StatsFormat};
use crate::notes::score::{self, Progress, Ratings, Review, Score};
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
    /// Review progress and MQM scores from the notes file.
    review: Review,
    /// The raters' scores of WMT MQM files (SPEC's `systems`, and ours).
    #[serde(flatten)]
    ratings: Ratings,
}

pub fn run(args: &StatsArgs, common: &Common) -> anyhow::Result<u8> {
    let (mut store, load_errors) = super::load_all(&args.paths, common)?;
    // Nothing read at all: no table of zeros, only why.
    if store.docs.is_empty() {
        super::fail_on(&load_errors)?;
    }
    let notes = super::read_notes(common, "nothing counts as reviewed", false)?;
    if let Some(renamed) = notes.use_its_names(&mut store.docs) {
        super::diagnostics::warning(renamed);
    }
    let mut stats = collect(&store);
    stats.review = score::review(&store, notes.entries(), args.penalties);
    stats.ratings = score::ratings(&store, |file, id| notes.get(file, id), &args.penalties);
    let mut out = io::BufWriter::new(super::stdout());
    match args.format {
        StatsFormat::Text => write_table(&mut out, &stats)?,
        StatsFormat::Json => {
            let json = serde_json::to_vec_pretty(&stats).expect("the stats are JSON");
            out.write_all(&crate::json::defused(json))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    super::fail_on(&load_errors)?;
    Ok(0)
}

fn doc_counts(doc: &Document) -> Counts {
    Counts {
        files: 1,
        segments: doc.segments.len(),
        words: doc
            .segments
            .iter()
            .filter_map(|s| s.source())
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
        ratings: Ratings::default(),
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
    write_review(out, &stats.review)?;
    if !stats.ratings.is_empty() {
        writeln!(out)?;
        write_ratings(out, &stats.ratings, &stats.review.penalties)?;
    }
    Ok(())
}

/// A score as the tables show it: `-` before there is one.
fn points(score: Option<f64>, decimals: usize) -> String {
    score.map_or("-".to_string(), |s| format!("{s:.decimals$}"))
}

fn write_review(out: &mut impl Write, review: &Review) -> io::Result<()> {
    writeln!(
        out,
        "{:<18} {:>8} {:>6} {:>4} {:>4} {:>7} {:>5} {:>5} {:>8} {:>5} {:>16} {:>15}",
        "review",
        "reviewed",
        "%",
        "ok",
        "bad",
        "neutral",
        "minor",
        "major",
        "critical",
        "stale",
        "penalty/1k-words",
        "penalty/segment"
    )?;
    let row = |out: &mut dyn Write, name: &str, p: &Progress| {
        writeln!(
            out,
            "{:<18} {:>8} {:>6.1} {:>4} {:>4} {:>7} {:>5} {:>5} {:>8} {:>5} {:>16} {:>15}",
            terminal_line(name),
            p.reviewed,
            p.percent,
            p.ok,
            p.bad.total(),
            p.errors.neutral,
            p.errors.minor,
            p.errors.major,
            p.errors.critical,
            p.stale,
            points(p.per_1000_words, 1),
            points(p.per_segment, 2),
        )
    };
    for (locale, progress) in &review.locales {
        row(out, locale, progress)?;
    }
    row(out, "total", &review.total)?;
    writeln!(
        out,
        "bad: segments with errors; neutral … critical: errors by severity; stale: target \
         changed since marked"
    )?;
    writeln!(
        out,
        "penalty: MQM penalty points ({}) per 1,000 reviewed source words and per reviewed \
         segment: 0 is flawless, lower is better",
        review.penalties
    )?;
    if !review.total.dimensions.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{:<18} {:>8} {:>15}",
            "MQM dimension", "errors", "penalty points"
        )?;
        for (dimension, tally) in &review.total.dimensions {
            writeln!(
                out,
                "{:<18} {:>8} {:>15.1}",
                dimension.name(),
                tally.errors,
                tally.penalty_points
            )?;
        }
    }
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

/// The raters' scores: systems ranked best (lowest penalty) first, raters,
/// and the agreement of each pair of raters.
fn write_ratings(
    out: &mut impl Write,
    ratings: &Ratings,
    penalties: &score::Penalties,
) -> io::Result<()> {
    writeln!(
        out,
        "WMT ratings: mean MQM penalty per rated segment ({penalties}), lower is better"
    )?;
    let table = |out: &mut dyn Write, first: &str, scores: &BTreeMap<String, Score>| {
        let mut ranked: Vec<(&String, &Score)> = scores.iter().collect();
        ranked.sort_by(|a, b| {
            a.1.per_segment
                .total_cmp(&b.1.per_segment)
                .then(a.0.cmp(b.0))
        });
        writeln!(
            out,
            "{:>4} {first:<28} {:>9} {:>7} {:>10} {:>11} {:>15}",
            "rank", "segments", "errors", "penalty", "per segment", "per 1,000 words"
        )?;
        for (rank, (name, s)) in ranked.iter().enumerate() {
            writeln!(
                out,
                "{:>4} {:<28} {:>9} {:>7} {:>10.1} {:>11.3} {:>15}",
                rank + 1,
                terminal_line(name),
                s.segments,
                s.errors,
                s.penalty_points,
                s.per_segment,
                s.per_1000_words
                    .map_or("-".to_string(), |p| format!("{p:.1}"))
            )?;
        }
        Ok::<(), io::Error>(())
    };
    table(out, "system", &ratings.systems)?;
    writeln!(out)?;
    table(out, "rater", &ratings.raters)?;
    if ratings.agreement.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<33} {:>7} {:>7} {:>13}",
        "raters (segments both judged)", "shared", "alike", "span overlap"
    )?;
    for pair in &ratings.agreement {
        let names = format!(
            "{} + {}",
            terminal_line(&pair.raters[0]),
            terminal_line(&pair.raters[1])
        );
        let overlap = pair
            .span_overlap
            .map_or("-".to_string(), |o| format!("{:.1}%", o * 100.0));
        writeln!(
            out,
            "{names:<33} {:>7} {:>6.1}% {overlap:>13}",
            pair.shared,
            pair.alike_share * 100.0
        )?;
    }
    writeln!(
        out,
        "alike: both found an error (minor or worse), or both none; span overlap: target \
         characters both marked among those either marked"
    )
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
