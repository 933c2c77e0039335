#!/usr/bin/env bash
# Memory against data size (issue 16: "a file of 10^7 households: the 10^7 peak at most 12x the 10^6
# peak, and it fits this 24 GB machine"). Runs `wangge partition` through scale.sh on 10^6 and 10^7
# households (k = 3000 and 30000: urban grids of ~330 households) and prints scale.sh's tables, the
# input file sizes and each row's peak RSS, wall and CPU as a ratio to the first row.
#
#   Benchmarks/memory_growth.sh                       # the city: 1e6:3000 then 1e7:30000
#   SCENARIOS="rural1e6:3000 rural1e7:30000" Benchmarks/memory_growth.sh
#   WANGGE=/path/to/wangge Benchmarks/memory_growth.sh  # skip the release build
#
# The 10^7 data (1.8 GB of GeoJSON, git-ignored) is generated once into Benchmarks/data/h10000000 by
# `wangge sample --households 10000000 --seed 1 --districts 30000` (141 CPU s and 1.4 GB on this machine).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
export SCENARIOS="${SCENARIOS:-1e6:3000 1e7:30000}"
export RUNS="${RUNS:-1}" RUNS_1E6="${RUNS_1E6:-1}"

. "$here/lib.sh"
wangge_binary
export WANGGE

table="$("$here/scale.sh")"
echo "$table"
echo
echo "| input | households.geojson | peak RSS | × first row | wall | × first row | CPU | × first row |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
first=""
for scenario in $SCENARIOS; do
  size="${scenario%%:*}"; k="${scenario##*:}"
  file="$(data_dir "$size")/households.geojson"
  bytes="$(stat -c %s "$file")"
  n="$(households "$size")"
  # scale.sh's row for this input: | N households… | k | runs | stages… | total | wall | CPU | peak RSS |
  row="$(echo "$table" | awk -F'|' -v n="$(python3 -c "print(f'{$n:,}')")" -v k="$k" \
    -v rural="$(is_rural "$size" && echo 1 || echo 0)" \
    'index($2, n) && $3+0 == k && (index($2, "rural") > 0) == (rural == 1) { print; exit }')"
  [ -n "$row" ] || { echo "| $size k=$k | $bytes bytes | (no run) | | | | | |"; continue; }
  rss="$(echo "$row" | awk -F'|' '{ print $(NF-1) }' | tr -dc '0-9.')"
  cpu="$(echo "$row" | awk -F'|' '{ print $(NF-2) }' | tr -dc '0-9.')"
  wall="$(echo "$row" | awk -F'|' '{ print $(NF-3) }' | tr -dc '0-9.')"
  [ -n "$first" ] || first="$rss $wall $cpu"
  python3 - "$size" "$k" "$bytes" "$rss" "$wall" "$cpu" $first <<'PY'
import sys
size, k, b, rss, wall, cpu, r0, w0, c0 = sys.argv[1:]
b, rss, wall, cpu, r0, w0, c0 = int(b), float(rss), float(wall), float(cpu), float(r0), float(w0), float(c0)
print(f"| {size} k={k} | {b/1e9:.2f} GB | {rss:,.0f} MB | {rss/r0:.2f}× | {wall:.1f} s | {wall/w0:.2f}× | {cpu:.1f} s | {cpu/c0:.2f}× |")
PY
done
