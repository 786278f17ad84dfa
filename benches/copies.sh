#!/usr/bin/env bash
# Builds /tmp/sxs-corpusN: N copies of the shared corpus side by side (copy1/
# … copyN/), for the scaling and first-screen benchmarks. Delete it after use:
# each copy is 73 MB. Usage: benches/copies.sh N
set -euo pipefail
n=${1:?how many copies}
cd "$(dirname "$0")/.."
out=/tmp/sxs-corpus$n
rm -rf "$out"
mkdir -p "$out"
for i in $(seq "$n"); do
    cp -r ../shared/corpus "$out/copy$i"
done
du -sh "$out"
