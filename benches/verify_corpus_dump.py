#!/usr/bin/env python3
"""Proves `sxs dump --format jsonl` on real files: one line per `data-ttu-id`
occurrence, and raw texts equal to the file's bytes.

Usage: benches/verify_corpus_dump.py [SXS_BINARY] [FOLDER...]
(default: target/release/sxs over each set in ../shared/corpus). Exits 1 on any mismatch.
"""
import collections
import json
import os
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/sxs"
folders = sys.argv[2:] or sorted(
    os.path.join("../shared/corpus", d) for d in os.listdir("../shared/corpus")
    if os.path.isdir(os.path.join("../shared/corpus", d)))

out = subprocess.run([binary, "dump", "--format", "jsonl", *folders],
                     capture_output=True, check=True).stdout
records = collections.defaultdict(list)
for line in out.decode("utf-8").splitlines():
    r = json.loads(line)
    records[r["file"]].append(r)

files = sorted(
    os.path.join(root, name)
    for folder in folders
    for root, dirs, names in os.walk(folder)
    for name in names
    if name.endswith(".md") and not any(p.startswith(".") for p in root.split(os.sep)[1:])
)
failures = 0
checked = 0
for path in files:
    text = open(path, encoding="utf-8").read()
    expected = text.count("data-ttu-id")
    got = records.get(path, [])
    if expected != len(got):
        print(f"{path}: {expected} data-ttu-id, {len(got)} dumped")
        failures += 1
    lines = text.split("\n")
    for r in got:
        pair = ('<span data-ttu-id="{id}">{t}</span><span class="sxs-lookup">'
                '<span data-stu-id="{id}">{s}</span></span>').format(
                    id=r["id"], t=r["target"], s=r["source"])
        if r["block"] == "front-matter":
            # The dumped text is the YAML-decoded value; in the file it is a
            # double-quoted YAML string, whose escapes here are JSON's.
            pair = json.dumps(pair, ensure_ascii=False)[1:-1]
        start = sum(len(l) + 1 for l in lines[: r["line"] - 1])
        line_end = start + len(lines[r["line"] - 1])
        at = text.find(pair, start)
        checked += 1
        if at < 0 or at > line_end:
            print(f"{path}:{r['line']}: {r['id']} not found byte for byte on its line")
            failures += 1
print(f"{len(files)} files, {checked} segments checked, {failures} failures")
sys.exit(1 if failures else 0)
