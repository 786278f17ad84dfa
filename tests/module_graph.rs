//! The modules of `src/tui/` import each other in no cycle: data flows one
//! way (keys → keymap → config; session → layout → components → app → the
//! event loop), so that a new mode is a table and a component, not a knot.
//!
//! The graph is read from the sources: every path that starts with `super::`,
//! `self::` or `crate::tui::` (in `use` lines and in code, grouped imports
//! included) is an edge to the longest module it names. Test modules at the
//! end of a file (`#[cfg(test)]`) are left out: they belong to their file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// `src/tui/components/panes.rs` → `tui::components::panes`.
fn module_of(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its test module.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths (as segments) named after each `super::`, `self::` or
/// `crate::tui::` in `code`, with the module they start from.
fn paths(code: &str, module: &str) -> Vec<Vec<String>> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut out = Vec::new();
    for (base, start) in [
        ("super::", parent),
        ("self::", module),
        ("crate::tui::", "tui"),
    ] {
        let mut rest = code;
        while let Some(at) = rest.find(base) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + base.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // `foo_super::`, `a::super::`
            }
            let prefix: Vec<String> = start.split("::").map(str::to_string).collect();
            for tail in tails(rest) {
                let mut path = prefix.clone();
                path.extend(tail);
                out.push(path);
            }
        }
    }
    out
}

/// `a::b::C`, or each item of `{a::B, c, d::{e, f}}`, as segments.
fn tails(text: &str) -> Vec<Vec<String>> {
    let ident: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let rest = &text[ident.len()..];
    if ident.is_empty() {
        let Some(group) = rest.strip_prefix('{') else {
            return Vec::new();
        };
        let mut depth = 0;
        let end = group
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth < 0
            })
            .map_or(group.len(), |(i, _)| i);
        return split_top(&group[..end])
            .iter()
            .flat_map(|item| tails(item.trim()))
            .collect();
    }
    match rest.strip_prefix("::") {
        Some(more) => {
            let deeper = tails(more);
            match deeper.is_empty() {
                true => vec![vec![ident]],
                false => deeper
                    .into_iter()
                    .map(|t| std::iter::once(ident.clone()).chain(t).collect())
                    .collect(),
            }
        }
        None => vec![vec![ident]],
    }
}

/// Splits a group's items at commas outside nested braces.
fn split_top(group: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

fn graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = Vec::new();
    files(&root.join("tui"), &mut sources);
    let modules: BTreeMap<String, String> = sources
        .iter()
        .map(|f| (module_of(&root, f), std::fs::read_to_string(f).unwrap()))
        .collect();
    let mut graph = Graph::new();
    for (module, text) in &modules {
        let edges = graph.entry(module.clone()).or_default();
        for path in paths(&code(text), module) {
            // The longest prefix of the path that is a module of src/tui.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| modules.contains_key(m));
            if let Some(target) = target
                && &target != module
                && !module.starts_with(&format!("{target}::"))
                && target != "tui"
            {
                edges.insert(target);
            }
        }
    }
    graph
}

/// A cycle in the graph, as the modules along it, if there is one.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        graph: &Graph,
        node: &str,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(graph, next, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_of_the_review_screen_import_each_other_in_no_cycle() {
    let graph = graph();
    // The reading is real: known imports are found, grouped ones included.
    let edge = |from: &str, to: &str| graph[from].contains(to);
    assert!(edge("tui::app", "tui::session"), "{graph:#?}");
    assert!(edge("tui::app", "tui::components::panes"), "{graph:#?}");
    assert!(edge("tui::components::panes", "tui::layout"), "{graph:#?}");
    assert!(edge("tui", "tui::app"), "self:: paths: {graph:#?}");
    if let Some(cycle) = cycle(&graph) {
        panic!("an import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn a_cycle_is_found_and_shown() {
    let mut graph = Graph::new();
    let link = |g: &mut Graph, a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
    };
    link(&mut graph, "a", "b");
    link(&mut graph, "b", "c");
    assert_eq!(cycle(&graph), None);
    link(&mut graph, "c", "a");
    assert_eq!(cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    let found = paths(
        "use super::{app::App, keys::{Key, Other}};\nlet x = crate::tui::nav::go();",
        "tui::session",
    );
    assert!(found.contains(&vec!["tui".into(), "app".into(), "App".into()]));
    assert!(found.contains(&vec!["tui".into(), "keys".into(), "Other".into()]));
    assert!(found.contains(&vec!["tui".into(), "nav".into(), "go".into()]));
}
