//! Whatever kills sxs, the notes file stays valid YAML and keeps every mark
//! that was reported saved. A child process (this test binary, running the
//! ignored `crash_child_writer`) marks in a loop and is killed with SIGKILL
//! at random moments.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};
use std::{env, fs, io, thread};

use serde_yaml::{Mapping, Value};
use sxs::mqm::{Severity, Side, Span};
use sxs::notes::{MqmError, Notes, SegmentRef};
use tempfile::TempDir;

const CHILD_PATH: &str = "SXS_CRASH_NOTES";
const CHILD_START: &str = "SXS_CRASH_START";
/// Entries in the file before the first kill: each save then takes long
/// enough for kills to land in the middle of one.
const SEEDED: usize = 1_000;

fn comment(n: usize) -> String {
    format!("mark {n}: \"quoted\", # not a comment\n- 改行のあと")
}

/// The writer that the crash test starts and kills; does nothing alone.
#[test]
#[ignore = "started by marks_reported_saved_survive_sigkill as its child"]
fn crash_child_writer() {
    let Some(path) = env::var_os(CHILD_PATH) else {
        return;
    };
    let start: usize = env::var(CHILD_START).unwrap().parse().unwrap();
    let mut notes = Notes::open(Path::new(&path)).unwrap();
    assert!(!notes.is_read_only());
    let mut out = io::stdout().lock();
    for n in start.. {
        let id = format!("c-{n}");
        let seg = SegmentRef {
            file: "crash.md",
            locale: "xx",
            id: &id,
            source: Some("source"),
            target: "target",
        };
        let span = Span {
            side: Side::Target,
            start: 0,
            end: 3,
            text: "tar".into(),
        };
        let error = MqmError::new("style", Severity::Minor)
            .with_span(span)
            .with_comment(&comment(n));
        notes.add_error(seg, "child", error).unwrap();
        // Reported only once `mark` has returned: this is what a screen shows as saved.
        writeln!(out, "saved {n}").unwrap();
        out.flush().unwrap();
    }
}

/// Comments by id of every entry in the file (the first error's, for a bad
/// one), read by an independent YAML reader.
fn on_disk(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap();
    let items: Vec<Value> = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("the notes file is not valid YAML: {e}"));
    items
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["errors"][0]["comment"]
                    .as_str()
                    .or(e["comment"].as_str())
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect()
}

fn seed(path: &Path) {
    let items: Vec<Value> = (0..SEEDED)
        .map(|n| {
            let mut map = Mapping::new();
            for (key, value) in [
                ("file", "seed.md".to_string()),
                ("locale", "xx".into()),
                ("id", format!("s-{n}")),
                ("verdict", "ok".into()),
                ("comment", String::new()),
                (
                    "source",
                    "Sign in to Partner Center with your work account.".into(),
                ),
                (
                    "target",
                    "職場アカウントでパートナー センターにサインインします。".into(),
                ),
                ("reviewer", "seed".into()),
                ("time", "2026-11-21T10:00:00Z".into()),
            ] {
                map.insert(key.into(), value.into());
            }
            Value::Mapping(map)
        })
        .collect();
    fs::write(path, serde_yaml::to_string(&items).unwrap()).unwrap();
}

#[test]
fn marks_reported_saved_survive_sigkill() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("sxs-notes.yaml");
    seed(&path);
    let seed_time = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    // Random kill moments; the seed is printed so that a failure can be replayed.
    let mut rng = seed_time | 1;
    println!("kill-time seed {seed_time}");
    let mut random = move |below: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % below
    };

    let mut saved: Vec<usize> = Vec::new();
    let mut next = 0;
    for round in 0..6 {
        let mut child = Command::new(env::current_exe().unwrap())
            .args(["crash_child_writer", "--exact", "--ignored", "--nocapture"])
            .env(CHILD_PATH, &path)
            .env(CHILD_START, next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("saved ") {
                    let _ = tx.send(n.parse::<usize>().unwrap());
                }
            }
        });
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the child saves a first mark");
        if round == 0 {
            // While the child writes, another sxs only reads.
            let other = Notes::open(&path).unwrap();
            assert!(other.is_read_only());
            assert!(other.len() >= SEEDED);
        }
        thread::sleep(Duration::from_millis(random(250)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        saved.push(first);
        saved.extend(rx.try_iter());
        println!("round {round}: {} saved", saved.len());

        let entries = on_disk(&path);
        for n in &saved {
            assert_eq!(
                entries.get(&format!("c-{n}")),
                Some(&comment(*n)),
                "round {round}: mark {n} was reported saved but is not in the file"
            );
        }
        assert_eq!(
            entries.keys().filter(|id| id.starts_with("s-")).count(),
            SEEDED
        );
        // The child may have saved one more mark than it could report.
        next = entries
            .keys()
            .filter_map(|id| id.strip_prefix("c-")?.parse::<usize>().ok())
            .max()
            .map_or(0, |n| n + 1);
    }
    assert!(saved.len() >= 6);

    // The next writer clears what the killed ones left behind.
    let notes = Notes::open(&path).unwrap();
    assert!(!notes.is_read_only());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
