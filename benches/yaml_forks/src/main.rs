//! serde_yaml (archived) against its maintained forks, on what sxs parses:
//! a notes file of 10,000 entries, the front matter of every corpus file,
//! deep nesting, an alias bomb, and the wording of a syntax error.
//! Each speed is the fastest of 9 rounds, so that the other builds sharing
//! the machine weigh as little as possible.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

macro_rules! parse_fn {
    ($krate:ident) => {
        |text: &str| -> Result<(), String> {
            $krate::from_str::<$krate::Value>(text)
                .map(drop)
                .map_err(|e| e.to_string())
        }
    };
}

type Parse = fn(&str) -> Result<(), String>;

const LIBS: [(&str, Parse); 3] = [
    ("serde_yaml 0.9.34", parse_fn!(serde_yaml)),
    ("serde_norway 0.9.42", parse_fn!(serde_norway)),
    ("serde_yaml_ng 0.10.0", parse_fn!(serde_yaml_ng)),
];

fn main() {
    let corpus = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    let notes = notes_file(10_000);
    let fronts = front_matters(&corpus);
    let front_bytes: usize = fronts.iter().map(String::len).sum();
    let deep = format!("x: {}\n", "[".repeat(20_000));
    let chain = format!("{}x\n", "- ".repeat(20_000));
    let bomb = alias_bomb();
    println!(
        "notes file {:.1} MB; {} front matters, {:.1} MB; nesting 20,000 deep",
        notes.len() as f64 / 1e6,
        fronts.len(),
        front_bytes as f64 / 1e6
    );
    // Rounds outer, libraries inner: a busy spell of the machine then
    // weighs on all three alike, and the fastest round of each is kept.
    let mut notes_time = [Duration::MAX; 3];
    let mut front_time = [Duration::MAX; 3];
    for _ in 0..ROUNDS {
        for (i, (_, parse)) in LIBS.iter().enumerate() {
            notes_time[i] =
                notes_time[i].min(time(|| parse(&notes).expect("the notes file parses")));
            front_time[i] = front_time[i].min(time(|| {
                for text in &fronts {
                    let _ = parse(text);
                }
            }));
        }
    }
    for (i, (name, parse)) in LIBS.iter().enumerate() {
        let t = Instant::now();
        let deep_result = parse(&deep);
        let deep_time = t.elapsed();
        let t = Instant::now();
        let chain_result = parse(&chain);
        let chain_time = t.elapsed();
        let t = Instant::now();
        let bomb_result = parse(&bomb);
        let bomb_time = t.elapsed();
        let syntax = parse("- file: a.md\n  id: x: y\n").unwrap_err();
        println!("\n{name}");
        println!("  notes, 10,000 entries   {:>8.1} ms", ms(notes_time[i]));
        println!("  corpus front matter     {:>8.1} ms", ms(front_time[i]));
        println!(
            "  20,000 `[`              {:>8.1} ms  {}",
            ms(deep_time),
            verdict(&deep_result)
        );
        println!(
            "  20,000 `- ` on a line   {:>8.1} ms  {}",
            ms(chain_time),
            verdict(&chain_result)
        );
        println!(
            "  alias bomb              {:>8.1} ms  {}",
            ms(bomb_time),
            verdict(&bomb_result)
        );
        println!("  syntax error: {syntax}");
    }
}

fn verdict(result: &Result<(), String>) -> String {
    match result {
        Ok(()) => "accepted".into(),
        Err(e) => format!("refused: {e}"),
    }
}

const ROUNDS: usize = 9;

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Laid out as serde_yaml writes a notes file (a hand-edited one): block
/// mappings, one in five entries bad with a CJK comment.
fn notes_file(entries: usize) -> String {
    let mut out = String::new();
    for n in 0..entries {
        out.push_str(&format!(
            "- file: docs/ja-jp/article-{}.md\n  locale: ja-jp\n  id: a232a-{n}\n",
            n / 100
        ));
        if n % 5 == 0 {
            out.push_str(
                "  verdict: bad\n  category: accuracy/mistranslation\n  severity: major\n",
            );
            out.push_str("  comment: '訳語が原文と合っていない: \"sign in\"'\n");
        } else {
            out.push_str("  verdict: ok\n  comment: ''\n");
        }
        out.push_str(
            "  source: If you have a work account, <a href=\"x\">sign in</a> to Partner Center.\n",
        );
        out.push_str("  target: 職場アカウントをお持ちの場合は、パートナー センターに<a href=\"x\">サインイン</a>します。\n");
        out.push_str("  reviewer: alice\n  time: 2026-11-21T10:00:00Z\n");
    }
    out
}

/// The YAML between the `---` fences of every Markdown file under `dir`.
fn front_matters(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(listing) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in listing.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && let Ok(text) = std::fs::read_to_string(&path)
                && let Some(rest) = text
                    .strip_prefix("---\n")
                    .or_else(|| text.strip_prefix("---\r\n"))
            {
                let end = rest.find("\n---").unwrap_or(0);
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}

/// Nine levels of nine aliases each: 9^9 strings once expanded.
fn alias_bomb() -> String {
    let mut out = String::from("a0: &a0 lol\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 9].join(", ");
        out.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    out
}
