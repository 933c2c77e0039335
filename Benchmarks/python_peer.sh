#!/usr/bin/env bash
# A whole `wangge partition` run against a Python user's scipy + pymetis pipeline on the same
# households (issue 17; peers/python_pipeline.py: read, project, Delaunay, METIS), alternating runs in
# the same session, medians of wall clock (/usr/bin/time) and the ratio Wangge / Python.
# Wangge runs with the data set's relations and river barrier; the Python pipeline knows neither.
#
#   Benchmarks/python_peer.sh                               # rural 10^6 without a boundary, k=21 and 3000
#   SCENARIOS="rural1e6:21 1e6:3000" RUNS=3 Benchmarks/python_peer.sh
#   BASE=/path/to/older/wangge Benchmarks/python_peer.sh    # also time another build, alternating
#   WANGGE=/path/to/wangge Benchmarks/python_peer.sh        # skip the release build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-3}"
SCENARIOS="${SCENARIOS:-rural1e6:21 rural1e6:3000}"
out="$here/out/python-peer"
mkdir -p "$out"
. "$here/lib.sh"
python3 -c "import numpy, scipy, pyproj" 2>/dev/null || python3 -m pip install -q numpy scipy pyproj >&2
python3 -c "import pymetis" 2>/dev/null || python3 -m pip install -q pymetis >&2
wangge_binary

rows="$out/rows.tsv"
: > "$rows"
echo "load before: $(uptime)" >&2
for scenario in $SCENARIOS; do
  size="${scenario%%:*}"; k="${scenario##*:}"
  dir="$(data_dir "$size")"
  for run in $(seq 1 "$RUNS"); do
    for who in wangge ${BASE:+base} python; do
      log="$out/$size-k$k-$who-run$run"
      echo "$who $size k=$k run $run/$RUNS…" >&2
      case "$who" in
        wangge|base)
          bin="$WANGGE"; [ "$who" = base ] && bin="$BASE"
          /usr/bin/time -f "%e %M %U %S" -o "$log.time" "$bin" partition "$dir/households.geojson" -k "$k" \
            --relations "$dir/relations.csv" --barriers "$dir/river.geojson" $(boundary_option "$size") \
            -o "$out/plan-$who-$size-k$k.geojson" -q > "$log.summary" 2> "$log.stderr" ;;
        python)
          /usr/bin/time -f "%e %M %U %S" -o "$log.time" python3 "$here/peers/python_pipeline.py" \
            "$dir/households.geojson" -k "$k" > "$log.summary" 2> "$log.stderr" ;;
      esac
      printf '%s\t%s\t%s\t%s\t%s\n' "$size" "$k" "$who" "$log.time" "$log.summary" >> "$rows"
    done
  done
done
echo "load after: $(uptime)" >&2

python3 - "$rows" <<'PY'
import statistics, sys
from collections import OrderedDict
data = OrderedDict()
for line in open(sys.argv[1], encoding="utf-8"):
    size, k, who, t, summary = line.rstrip("\n").split("\t")
    wall, rss, user, sys_ = open(t).read().split()[-4:]
    data.setdefault((size, k), OrderedDict()).setdefault(who, []).append((float(wall), int(rss) / 1024, float(user) + float(sys_)))
first = next(iter(data.values()))
print("| input | k | runs | " + " | ".join(f"{w} wall (CPU)" for w in first) + " | Wangge / Python wall | Wangge / Python CPU | peak RSS (Wangge, Python) |")
print("|---|---:|---:|" + "---:|" * (len(first) + 3))
for (size, k), whos in data.items():
    med = {w: statistics.median(x[0] for x in v) for w, v in whos.items()}
    rss = {w: statistics.median(x[1] for x in v) for w, v in whos.items()}
    cpu = {w: statistics.median(x[2] for x in v) for w, v in whos.items()}
    cells = [f"{med[w]:.2f} s ({cpu[w]:.2f} s)" for w in whos]
    print(f"| {size} | {k} | {len(whos['python'])} | " + " | ".join(cells)
          + f" | {med['wangge'] / med['python']:.2f}× | {cpu['wangge'] / cpu['python']:.2f}× | {rss['wangge']:,.0f} MB, {rss['python']:,.0f} MB |")
PY
