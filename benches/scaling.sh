#!/usr/bin/env bash
# Scaling: `sxs dump --format jsonl` and `sxs check --format jsonl` over 1, 2
# and 4 copies of the shared corpus (built by benches/copies.sh 4 as
# /tmp/sxs-corpus4/copy1 … copy4), wall time, CPU time and peak resident
# memory, median of N runs. Usage: benches/scaling.sh [N] [SXS_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bin=${2:-target/release/sxs}
copies=/tmp/sxs-corpus4
[ -d "$copies/copy4" ] || { echo "no $copies/copy4: run benches/copies.sh 4 first" >&2; exit 2; }
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
printf '%-7s %-6s %9s %9s %9s %10s\n' copies cmd wall user sys "peak MB"
for n in 1 2 4; do
    paths=()
    for i in $(seq "$n"); do paths+=("$copies/copy$i"); done
    for cmd in dump check; do
        out=$(mktemp)
        for _ in $(seq "$runs"); do
            /usr/bin/time -a -o "$out" -f '%e %U %S %M' "$bin" "$cmd" --format jsonl "${paths[@]}" \
                >/dev/null 2>/dev/null || true
        done
        # `time` notes a non-zero exit (check's findings) on a line of its own.
        grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out" > "$out.ok"
        mv "$out.ok" "$out"
        printf '%-7s %-6s %9s %9s %9s %10s\n' "$n×" "$cmd" \
            "$(cut -d' ' -f1 "$out" | median)" "$(cut -d' ' -f2 "$out" | median)" \
            "$(cut -d' ' -f3 "$out" | median)" \
            "$(cut -d' ' -f4 "$out" | median | awk '{printf "%.1f", $1/1024}')"
        rm -f "$out"
    done
done
