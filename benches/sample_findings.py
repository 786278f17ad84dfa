#!/usr/bin/env python3
"""Draws a reproducible random sample of findings per check for judging by
hand, leaving out the segments of the labelled dev set (so that a check is
judged on text it was not tuned on).

usage: sample_findings.py FINDINGS.jsonl DUMP.jsonl LABELS.jsonl N [CHECK...]

FINDINGS: `sxs check --format jsonl` over the corpus; DUMP: `sxs dump --format
jsonl` over the same paths (for the texts); both run from the corpus folder.
Prints, per check, N findings drawn with a fixed seed: set, file, id,
message, source and target.
"""
import collections, json, os, random, sys


def load(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(l) for l in f if l.strip()]


def main():
    findings, dump, labels = (load(p) for p in sys.argv[1:4])
    n = int(sys.argv[4])
    wanted = set(sys.argv[5:])
    key = lambda r: (os.path.normpath(r['file']), r['id'])
    labelled = {key(r) for r in labels}
    texts = {key(r): r for r in dump}
    by_check = collections.defaultdict(list)
    for f in findings:
        if key(f) not in labelled and (not wanted or f['check'] in wanted):
            by_check[f['check']].append(f)
    for check in sorted(by_check):
        pool = by_check[check]
        sample = random.Random(11).sample(pool, min(n, len(pool)))
        print(f'### {check}: {len(sample)} of {len(pool)}')
        for i, f in enumerate(sample, 1):
            seg = texts.get(key(f), {})
            print(f'{i:2d} {f["file"]} {f["id"]}\n   M: {f["message"]}')
            print(f'   S: {(seg.get("source") or "")[:300]}\n   T: {seg.get("target", "")[:300]}')


if __name__ == '__main__':
    main()
