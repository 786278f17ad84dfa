#!/usr/bin/env python3
"""The straightforward way: a regex extractor in Python, as a baseline for
`sxs dump --format jsonl`. Same walk, same output fields (block detection is
left out, which only flatters this script).

Usage: benches/python_extract.py FOLDER... > out.jsonl
"""
import json
import os
import re
import sys

PAIR = re.compile(
    r'<span data-ttu-id="([^"]+)">(.*?)</span><span class="sxs-lookup">'
    r'<span data-stu-id="\1">(.*?)</span></span>',
    re.S,
)
LOCALE = re.compile(r"^ms\.contentlocale:\s*(\S+)", re.M)

out = sys.stdout
for folder in sys.argv[1:]:
    paths = sorted(
        os.path.join(root, name)
        for root, dirs, names in os.walk(folder)
        for name in names
        if name.endswith(".md")
    )
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if "data-ttu-id" not in text:
            continue
        m = LOCALE.search(text)
        locale = m.group(1).lower() if m else "und"
        for m in PAIR.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            out.write(json.dumps({
                "file": path, "locale": locale, "id": m.group(1), "block": "paragraph",
                "line": line, "source": m.group(3), "target": m.group(2),
            }, ensure_ascii=False) + "\n")
