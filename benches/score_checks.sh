#!/usr/bin/env bash
# Scores `sxs check` against the hand-judged segments of ../shared/labels
# (recall per error class, precision over the labelled segments), then counts
# findings per check and per corpus set, per 1,000 segments.
# Usage: benches/score_checks.sh [SXS_BINARY]   (default: a fresh release build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SXS_SHARED:-$root/../shared}
[ -d "$shared/corpus" ] || shared=/work/shared
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=$root/target/release/sxs
fi
bin=$(realpath "$bin")
out=$(mktemp -d)
cd "$shared/corpus"
"$bin" check --format jsonl --fail-on critical edge-developer.ja-jp azure-docs-sdk-dotnet.ja-jp \
    azure-docs-sdk-dotnet-api.ja-jp partner-center-pr.ja-jp partner-center-pr.zh-tw partner-center-pr.ko-kr \
    partner-center-pr.de-de nuget-docs.zh-tw customer-insights-pr.he-il > "$out/dev.jsonl" 2>/dev/null \
    || [ $? -eq 1 ]  # 1: something at or above --fail-on was found
echo "== dev set: recall per class (caught/detectable), precision over labelled segments"
python3 "$shared/labels/score.py" "$shared/labels/dev.jsonl" "$out/dev.jsonl" --by-class
"$bin" check --format jsonl --fail-on critical . > "$out/all.jsonl" 2>/dev/null || [ $? -eq 1 ]
echo
echo "== judged outside dev (benches/judged/extra.jsonl: 60 segments of two other sets)"
python3 "$shared/labels/score.py" "$root/benches/judged/extra.jsonl" "$out/all.jsonl" --by-class
echo
echo "== findings per check and set over the whole corpus (per 1,000 segments of the set)"
"$bin" dump --format jsonl . 2>/dev/null | python3 -c '
import collections, json, sys
segments = collections.Counter(json.loads(l)["file"].split("/")[1] for l in sys.stdin)
found = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    f = json.loads(line)
    found[f["check"]][f["file"].split("/")[1]] += 1
sets = sorted(s for s in segments if segments[s] > 100)
for check in sorted(found):
    total = sum(found[check].values())
    cells = ", ".join(f"{s} {found[check][s] / segments[s] * 1000:.1f}" for s in sets if found[check][s])
    print(f"{check:24s} {total:6d}  {cells}")
print(f"{sum(segments.values())} segments")
' "$out/all.jsonl"
rm -rf "$out"
