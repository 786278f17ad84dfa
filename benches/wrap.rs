use std::time::Instant;
use sxs::text::{WidthMode, wrap};

fn targets(dir: &std::path::Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            targets(&p, out);
            continue;
        }
        if p.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let s = std::fs::read_to_string(&p).unwrap();
        let mut rest = s.as_str();
        while let Some(i) = rest.find("<span data-ttu-id=\"") {
            rest = &rest[i..];
            let Some(j) = rest.find("\">") else { break };
            rest = &rest[j + 2..];
            let Some(k) = rest.find("</span><span class=\"sxs-lookup\">") else {
                break;
            };
            out.push(rest[..k].to_string());
            rest = &rest[k..];
        }
    }
}
fn main() {
    let mut t = Vec::new();
    targets(std::path::Path::new("/work/shared/corpus"), &mut t);
    let bytes: usize = t.iter().map(|s| s.len()).sum();
    for _ in 0..3 {
        let start = Instant::now();
        let mut n = 0;
        for s in &t {
            n += wrap(s, 60, WidthMode::Narrow).len();
        }
        let el = start.elapsed().as_secs_f64();
        println!(
            "{} targets {} bytes {} lines {:.1} MB/s",
            t.len(),
            bytes,
            n,
            bytes as f64 / el / 1e6
        );
    }
}
