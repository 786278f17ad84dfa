#!/usr/bin/env bash
# Load benchmark: `sxs dump --format jsonl` over the whole shared corpus against
# the Python regex extractor and against `grep -c data-ttu-id -r` (the bare cost
# of reading the files and finding the spans), side by side. Prints the median
# wall time of N runs and the peak resident memory. Usage: benches/load.sh [N] [FOLDER...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
shift || true
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(../shared/corpus/*/)
cargo build --release --quiet
bytes=$(cat $(find "${folders[@]}" -name '*.md') | wc -c)

measure() { # name command...
    local name=$1; shift
    local times=() peak=0
    for _ in $(seq "$runs"); do
        # Wall time in milliseconds from the clock: /usr/bin/time counts
        # hundredths, and grep takes two or three of them.
        local start end kb
        start=$(date +%s%N)
        /usr/bin/time -o /tmp/sxs-bench-time -f '%M' "$@" >/dev/null 2>/dev/null
        end=$(date +%s%N)
        times+=("$(printf '%d.%03d' $(( (end - start) / 1000000000 )) $(( (end - start) / 1000000 % 1000 )))")
        kb=$(tail -1 /tmp/sxs-bench-time)
        (( kb > peak )) && peak=$kb
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-28s median %6.3f s   peak %7.1f MB   (%s runs: %s)\n' \
        "$name" "$median" "$(echo "$peak/1024" | bc -l)" "$runs" "${times[*]}"
    echo "$median" > "/tmp/sxs-bench-$name"
}

echo "corpus: ${folders[*]} ($(echo "$bytes/1048576" | bc -l | cut -c1-5) MB)"
measure sxs target/release/sxs dump --format jsonl "${folders[@]}"
measure python python3 benches/python_extract.py "${folders[@]}"
measure grep grep -c data-ttu-id -r "${folders[@]}"
echo "speed-up over python: $(echo "$(cat /tmp/sxs-bench-python) / $(cat /tmp/sxs-bench-sxs)" | bc -l | cut -c1-5)x"
echo "time of grep's: $(echo "$(cat /tmp/sxs-bench-sxs) / $(cat /tmp/sxs-bench-grep)" | bc -l | cut -c1-5)x"
rm -f /tmp/sxs-bench-time /tmp/sxs-bench-sxs /tmp/sxs-bench-python /tmp/sxs-bench-grep
