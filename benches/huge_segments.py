#!/usr/bin/env python3
"""Times `sxs check` on one-segment files whose segment is huge: tens of
thousands of links, numbers, identifiers, split Korean words or Simplified
characters. A check that compares each item with every other takes minutes
here where the corpus takes a second; every case should take well under one.

usage: huge_segments.py SXS_BINARY [ITEMS]   (default 60000 items per segment)
"""
import os, subprocess, sys, tempfile, time

SHAPES = {
    # name: (locale, source item, target item); {i} numbers the item.
    "links": ("ja-jp", "[link{i}](https://example.com/{i}) ", "[リンク{i}](https://example.com/{j}) "),
    "numbers": ("ja-jp", "{i} ", "{j}個 "),
    "xrefs": ("ja-jp", "<xref:System.Type{i}> ", "<xref:System.Typo{i}> 型 "),
    "identifiers": ("de-de", "System.Collections.Generic.List{i} ", "System. Collections. Generic.List{i} "),
    "bold": ("ja-jp", "**Save{i}** ", "**保存{i}**を "),
    "code": ("ja-jp", "`code{i}` ", "`コード{i}`を "),
    "doubled": ("de-de", "word{i} ", "wort{i} wort{i} "),
    "korean": ("ko-kr", "word{i} ", "{k} 하 고 "),
    "simplified": ("zh-tw", "This is a test. ", "这是一个测试{i}。"),
}


def main():
    binary = os.path.abspath(sys.argv[1])
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
    with tempfile.TemporaryDirectory() as tmp:
        for name, (locale, source, target) in SHAPES.items():
            def fill(item):
                return "".join(
                    item.format(i=i, j=i + 1, k=chr(0xAC00 + i % 11172) + chr(0xAC00 + (i // 97) % 11172))
                    for i in range(items)
                )
            folder = os.path.join(tmp, name, locale)
            os.makedirs(folder)
            path = os.path.join(folder, "a.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(
                    f'<span data-ttu-id="a-101">{fill(target)}</span>'
                    f'<span class="sxs-lookup"><span data-stu-id="a-101">{fill(source)}</span></span>\n'
                )
            start = time.perf_counter()
            done = subprocess.run([binary, "check", path], capture_output=True)
            took = time.perf_counter() - start
            size = os.path.getsize(path) / 1e6
            print(f"{name:12} {locale}  {size:5.1f} MB  {took:6.2f} s  exit {done.returncode}")


if __name__ == "__main__":
    main()
