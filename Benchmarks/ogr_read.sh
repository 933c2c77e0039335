#!/usr/bin/env bash
# Reading 10^6 households (issue 13): the default own GeoJSON reader, before and after the GDAL/OGR
# change, and the same data as a GeoPackage read through OGR. Release builds; the figure is the
# "read + project" stage that `wangge partition` prints (reading, checking and projecting the
# households), median of RUNS (default 3) runs, runs interleaved so load changes hit all alike.
#
#   WANGGE=.build/release/wangge WANGGE_BASE=/path/to/base/wangge Benchmarks/ogr_read.sh
#
# READ_ONLY=1 measures the read alone, much faster on a loaded machine: `partition -k 2000000` reads,
# checks and projects the households, then stops with exit 64 (k larger than the households) before
# the graph; the figure is then the process's wall time (the stage line is not printed on an error).
#
# Data (git-ignored): `wangge sample --households 1000000 --seed 1 -o Benchmarks/data/ogr-1e6`, then
# `ogr2ogr -f GPKG households.gpkg households.geojson` in the same directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
NEW="${WANGGE:-$here/../.build/release/wangge}"
BASE="${WANGGE_BASE:-}"
RUNS="${RUNS:-3}"
dir="$here/data/ogr-1e6"
out="$here/out/ogr-read"
mkdir -p "$out"
if [ ! -f "$dir/households.geojson" ]; then
  "$NEW" sample --households 1000000 --seed 1 -o "$dir" -q > /dev/null
fi
if [ ! -f "$dir/households.gpkg" ]; then
  /usr/bin/time -f "%e" -o "$out/ogr2ogr.time" ogr2ogr -f GPKG "$dir/households.gpkg" "$dir/households.geojson"
  echo "ogr2ogr GeoJSON → GPKG: $(cat "$out/ogr2ogr.time") s" >&2
fi
stage() { sed -n 's/.*read + project \([0-9.]*\) s.*/\1/p' "$1"; }
: > "$out/rows.tsv"
for run in $(seq 1 "$RUNS"); do
  for variant in base-geojson geojson gpkg; do
    case "$variant" in
      base-geojson) [ -n "$BASE" ] || continue; bin="$BASE"; input="$dir/households.geojson" ;;
      geojson) bin="$NEW"; input="$dir/households.geojson" ;;
      gpkg) bin="$NEW"; input="$dir/households.gpkg" ;;
    esac
    echo "$variant run $run/$RUNS…" >&2
    if [ -n "${READ_ONLY:-}" ]; then
      status=0
      /usr/bin/time -f "%e %M" -o "$out/$variant-$run.time" "$bin" partition "$input" -k 2000000 -q \
        -o "$out/plan-$variant.geojson" > /dev/null 2> "$out/$variant-$run.err" || status=$?
      grep -q "number of households (1000000)" "$out/$variant-$run.err" || { echo "$variant: unexpected exit $status: $(cat "$out/$variant-$run.err")" >&2; exit 1; }
      read -r wall rss < <(tail -n 1 "$out/$variant-$run.time")
      printf '%s\t%s\t%s\t%s\n' "$variant" "$wall" "$wall" "$rss" >> "$out/rows.tsv"
      continue
    fi
    /usr/bin/time -f "%e %M" -o "$out/$variant-$run.time" "$bin" partition "$input" -k 21 -q \
      -o "$out/plan-$variant.geojson" > "$out/$variant-$run.summary"
    read -r wall rss < "$out/$variant-$run.time"
    printf '%s\t%s\t%s\t%s\n' "$variant" "$(stage "$out/$variant-$run.summary")" "$wall" "$rss" >> "$out/rows.tsv"
  done
done
python3 - "$out/rows.tsv" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
by = {}
for v, read, wall, rss in rows:
    by.setdefault(v, []).append((float(read), float(wall), int(rss)))
med = {v: (statistics.median(r[0] for r in xs), statistics.median(r[1] for r in xs), max(r[2] for r in xs) // 1024, len(xs))
       for v, xs in by.items()}
ref = med.get("base-geojson", med["geojson"])[0]
print("| read path | runs | read + project (median) | ratio to before | wall (median) | peak RSS |")
print("|---|---|---|---|---|---|")
names = {"base-geojson": "own GeoJSON reader, before (base commit)", "geojson": "own GeoJSON reader, after",
         "gpkg": "GeoPackage through OGR"}
for v in ["base-geojson", "geojson", "gpkg"]:
    if v in med:
        r, w, m, n = med[v]
        print(f"| {names[v]} | {n} | {r:.3f} s | {r / ref:.2f} | {w:.2f} s | {m} MB |")
PY
