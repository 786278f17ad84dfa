#!/usr/bin/env python3
"""Attacks the batch commands with broken copies of real input: segment files
of the shared corpus, the WMT MQM files and a notes file, each mutated at
random (markup, scripts, controls, bidi overrides, numbers and identifiers put
in, bytes cut out, pieces copied elsewhere), then run through `check`, `dump`,
`stats` and `export`. Every run must end with exit 0, 1 or 2 and no panic; a
case that does not is kept under OUT/bad-* and printed.

usage: mutate.py SXS_BINARY OUT [CASES] [SEED]

CASES (default 100) corpus files are taken, 8 mutants each; as many WMT and
notes cases. Takes a few minutes for 100. Not part of `cargo test`: it reads
../shared, which CI does not have.
"""
import glob, json, os, random, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.realpath(os.path.join(ROOT, '..', '..', 'shared'))
if not os.path.isdir(SHARED):
    SHARED = '/work/shared'
SAMPLE = os.path.join(SHARED, 'samples', '001_556f1865daf7fcb3.txt')

# What machine translation, hand edits and hostile files put into text.
PIECES = ['**', '*', '_', '`', '``', '[', ']', '(', ')', '](', '<', '>', '</a>', '<b>',
          '&amp;', '&#x1F600;', '\\', '$', '$$', '$\\alpha$', '{{', '}}', '%', '#', '|',
          '\u3000', '\u00a0', '\u200b', '\u202e', '\u2028', '\ufeff', '\u0301', 'é', '日',
          '한', 'א', 'ي', '、', '。', '「', '」', '（', '）', '\t', '\n', '\r\n', ' ', '-',
          '--', '.', ',', ':', "'", '"', '1,000', '3.5', '٣', 'Ⅻ', 'İ', 'ß', 'ﬁ', 'ｶﾞ',
          '😀', '👩‍👩‍👧', '\x1b[31m', '\x1b]0;x\x07', 'v1.2.3', 'System.Net', 'Get-AzVM',
          '-Name', '$var', 'NU1000']
WMT_PIECES = ['\t', '<v>', '</v>', '"', '""', '\n', '\r', 'Major', 'Minor', 'No-error',
              'Non-translation!', 'HOTW-test', 'Found', 'Accuracy/Omission', '',
              '\x1b[2J', '\u202e', '日本', '{"a":1}', 'rater9', '-']
YAML_PIECES = [': ', '-', ' ', '\n', '  ', '"', "'", '\\', '{', '}', '[', ']', '#', '&a',
               '*a', '!!binary ', '~', 'null', '1e9', '-1', '99999999999999999999',
               'start: 5', 'end: 2', 'side: source', 'verdict: bad', 'errors: []', '\t',
               '\x1b[31m', '\u202e', '😀', '---', '...', '? ', '|', '>', '<<: *a']


def mutate(text, pieces, rounds, near=None):
    """`rounds` random edits of `text`; most insertions land just after
    `near` (inside the spans) when it is given."""
    spots = [i for i in range(len(text)) if text.startswith(near, i)] if near else []
    for _ in range(rounds):
        if spots and random.random() < 0.7:
            p = min(random.choice(spots) + len(near) + random.randint(0, 40), len(text))
        else:
            p = random.randint(0, len(text))
        r = random.random()
        if r < 0.65:
            text = text[:p] + random.choice(pieces) + text[p:]
        elif r < 0.85:
            text = text[:p] + text[p + random.randint(1, 20):]
        else:
            q = random.randint(0, len(text))
            text = text[:p] + text[q:q + random.randint(1, 60)] + text[p:]
    return text


def run(binary, args, keep, out, bad):
    """Runs one command; keeps the case when it panicked or died."""
    r = subprocess.run([binary] + args, capture_output=True, timeout=120)
    if r.returncode in (0, 1, 2) and b'panicked' not in r.stderr:
        return bad
    bad += 1
    target = os.path.join(out, f'bad-{bad}')
    shutil.copytree(keep, target) if os.path.isdir(keep) else shutil.copy(keep, target)
    print('BAD', args, 'exit', r.returncode, r.stderr[-400:].decode(errors='replace'), flush=True)
    return bad


def segment_files(binary, out, cases, bad):
    files = sorted(glob.glob(os.path.join(SHARED, 'corpus', '*', '**', '*.md'), recursive=True))
    random.shuffle(files)
    checks = subprocess.run([binary, 'check', '--list'], capture_output=True, text=True).stdout
    every = ','.join(l.split()[0] for l in checks.splitlines()[1:] if l.strip())
    for path in files[:cases]:
        text = open(path, encoding='utf-8', errors='replace').read()
        # In a folder named as its set, so that the locale is read as before.
        parts = path.split(os.sep)
        folder = os.path.join(out, 'case', parts[parts.index('corpus') + 1])
        shutil.rmtree(os.path.join(out, 'case'), ignore_errors=True)
        os.makedirs(folder)
        for m in range(8):
            with open(os.path.join(folder, f'm{m}.md'), 'w', encoding='utf-8') as f:
                f.write(mutate(text, PIECES, random.randint(1, 30), near='">'))
        case = os.path.join(out, 'case')
        for args in (['check', '--format', 'jsonl', '--only', every], ['check'],
                     ['dump', '--format', 'text', '--width', '37'], ['dump']):
            bad = run(binary, args + [case], case, out, bad)
    return bad


def wmt_files(binary, out, cases, bad):
    sources = [open(os.path.join(SHARED, 'wmt', name), encoding='utf-8').read().split('\n')[:400]
               for name in sorted(os.listdir(os.path.join(SHARED, 'wmt'))) if name.endswith('.tsv')]
    path, notes = os.path.join(out, 'm.tsv'), os.path.join(out, 'none.yaml')
    for _ in range(cases):
        lines = random.choice(sources)
        body = random.sample(lines[1:], min(len(lines) - 1, random.randint(1, 60)))
        text = mutate('\n'.join(body), WMT_PIECES, random.randint(1, 25))
        with open(path, 'w', encoding='utf-8') as f:
            f.write(lines[0] + '\n' + text + '\n')
        for args in (['check', '--format', 'jsonl'], ['dump', '--format', 'text', '--width', '41'],
                     ['dump', '--format', 'tsv'], ['stats', '--format', 'json'],
                     ['export', '--format', 'mqm', '--notes', notes]):
            bad = run(binary, args + ['--locale', 'de', path], path, out, bad)
    return bad


def notes_files(binary, out, cases, bad, base):
    path = os.path.join(out, 'notes.yaml')
    for _ in range(cases):
        with open(path, 'w', encoding='utf-8') as f:
            f.write(mutate(base, YAML_PIECES, random.randint(1, 12)))
        for args in (['stats', SAMPLE], ['export', '--format', 'csv'], ['export', '--format', 'xliff'],
                     ['export', '--format', 'mqm'], ['dump', '--format', 'text', SAMPLE]):
            bad = run(binary, args + ['--notes', path], path, out, bad)
    return bad


def notes_base(binary, out):
    """A notes file of the bundled sample with an ok entry, a bad one with
    a span, a comment and a dismissal, as the review screen writes them."""
    dump = subprocess.run([binary, 'dump', SAMPLE], capture_output=True, text=True).stdout
    segments = [json.loads(l) for l in dump.splitlines()][:3]
    items = []
    for n, s in enumerate(segments):
        items.append({'file': s['file'], 'locale': s['locale'], 'id': s['id'],
                      'verdict': 'bad' if n == 1 else 'ok', 'comment': 'note',
                      'source': s['source'], 'target': s['target'], 'reviewer': 'r',
                      'time': '2026-12-02T04:00:00Z', 'seconds': 1.5})
    items[1]['errors'] = [{'category': 'accuracy/mistranslation', 'severity': 'major',
                           'side': 'target', 'start': 0, 'end': 3,
                           'text': segments[1]['target'].encode()[:3].decode(errors='ignore'),
                           'comment': 'why'}]
    items[2]['dismissed'] = ['length-ratio']
    # JSON is YAML: written without a YAML library, read back by sxs's.
    return '\n'.join('- ' + json.dumps(i, ensure_ascii=False) for i in items) + '\n'


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, out = os.path.abspath(sys.argv[1]), sys.argv[2]
    cases = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    os.makedirs(out, exist_ok=True)
    bad = segment_files(binary, out, cases, 0)
    bad = wmt_files(binary, out, cases, bad)
    bad = notes_files(binary, out, cases, bad, notes_base(binary, out))
    print(f'{cases} cases of each kind; {bad} failed')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
