#!/usr/bin/env bash
# Release-build runs of `wangge partition` on large synthetic inputs (DESIGN section 11), measured with
# /usr/bin/time -v (wall clock, peak RSS) and the CLI's own per-stage time line. Prints a markdown table
# of medians to stdout (progress on stderr).
#
#   Benchmarks/scale.sh                 # 10^4 k=21, 10^5 k=21/300, 10^6 k=21/3000, and the rural
#                                       # prefecture: 10^5 k=300, 10^6 k=21/3000 without a boundary,
#                                       # 10^5 k=300 and 10^6 k=3000 inside its square (sizes rural1e5b…)
#   RUNS=5 Benchmarks/scale.sh          # runs per scenario ≤ 10^5 (default 3)
#   RUNS_1E6=3 Benchmarks/scale.sh      # runs per 10^6 scenario (default 1)
#   SCENARIOS="1e4:21 1e5:300" Benchmarks/scale.sh
#   WANGGE=/path/to/wangge Benchmarks/scale.sh   # skip the release build
#
# Synthetic data (git-ignored) is generated once into Benchmarks/data/hN with
# `wangge sample --households N --seed 1 --districts K` (K = the largest k used on that size, so work
# groups, capped at N/(2K) households, fit every k); the Bagongshan boundary of sample-geo/ clips the
# service areas and the generated river is the barrier. Rural sizes (`wangge sample --layout rural`,
# data/ruralN) run without a boundary, or with their square (boundary.geojson) when the size ends in b.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-3}"
RUNS_1E6="${RUNS_1E6:-1}"
SCENARIOS="${SCENARIOS:-1e4:21 1e5:21 1e5:300 1e6:21 1e6:3000 rural1e5:300 rural1e5b:300 rural1e6:21 rural1e6:3000 rural1e6b:3000}"
out="$here/out/scale"
mkdir -p "$out"

. "$here/lib.sh"
wangge_binary

rows="$out/rows.tsv"
: > "$rows"
for scenario in $SCENARIOS; do
  size="${scenario%%:*}"; k="${scenario##*:}"
  dir="$(data_dir "$size")"
  runs="$RUNS"; [ "$(plain_size "$size")" = 1e6 ] && runs="$RUNS_1E6"
  for run in $(seq 1 "$runs"); do
    echo "partition $size k=$k run $run/$runs…" >&2
    log="$out/$size-k$k-run$run"
    /usr/bin/time -v "$WANGGE" partition "$dir/households.geojson" -k "$k" \
      --relations "$dir/relations.csv" --barriers "$dir/river.geojson" \
      $(boundary_option "$size") \
      -o "$out/plan-$size-k$k.geojson" -q > "$log.summary" 2> "$log.time" \
      || { echo "failed (exit $?), see $log.time" >&2; continue; }
    label="$(households "$size") households"
    if is_rural "$size"; then case "$size" in *b) label="$label, rural, square boundary" ;; *) label="$label, rural, no boundary" ;; esac; fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$size" "$label" "$k" "$log.summary" "$log.time" >> "$rows"
  done
done

python3 - "$rows" <<'PY'
import re, statistics, sys
from collections import OrderedDict

def parse_summary(path):
    text = open(path, encoding="utf-8").read()
    stages = OrderedDict()
    m = re.search(r"^time\s+(.*)$", text, re.M)
    body, _, total = m.group(1).partition("; total ")
    for part in body.split(", "):
        name, secs, _ = part.rsplit(" ", 2)
        stages[name] = float(secs)
    stages["total"] = float(total.split()[0])
    q = {}
    m = re.search(r"worst deviation ([\d.]+)%", text); q["dev"] = m.group(1) + "%"
    m = re.search(r"contiguity\s+(\d+)/(\d+) districts connected", text); q["noncontig"] = int(m.group(2)) - int(m.group(1))
    m = re.search(r"work groups split (\d+)/(\d+)", text); q["groups"] = f"{m.group(1)}/{m.group(2)}"
    m = re.search(r"relation weight cut ([\d.]+)%", text); q["relcut"] = (m.group(1) + "%") if m else "n/a"
    m = re.search(r"dispersion ([\d.]+) km", text); q["disp"] = m.group(1)
    return stages, q

def parse_time(path):
    text = open(path, encoding="utf-8").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    secs = 0.0
    for p in wall.split(":"):
        secs = secs * 60 + float(p)
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    return secs, rss, user + sys_

groups = OrderedDict()
for line in open(sys.argv[1], encoding="utf-8"):
    size, n, k, summary, timing = line.rstrip("\n").split("\t")
    n = re.sub(r"^\d+", lambda m: f"{int(m.group(0)):,}", n)
    groups.setdefault((size, n, k), []).append((parse_summary(summary), parse_time(timing)))

stage_names = ["read + project", "graph", "partition", "service areas", "unproject", "metrics", "write"]
print("| input | k | runs | " + " | ".join(stage_names) + " | stages total | wall | CPU | peak RSS |")
print("|---|---:|---:|" + "---:|" * (len(stage_names) + 4))
quality = []
for (size, n, k), runs in groups.items():
    med = lambda xs: statistics.median(xs)
    cells = []
    for s in stage_names + ["total"]:
        vals = [r[0][0].get(s) for r in runs if r[0][0].get(s) is not None]
        cells.append(f"{med(vals):.2f} s" if vals else "–")
    wall = med([r[1][0] for r in runs]); rss = med([r[1][1] for r in runs]); cpu = med([r[1][2] for r in runs])
    print(f"| {n} | {k} | {len(runs)} | " + " | ".join(cells)
          + f" | {wall:.2f} s | {cpu:.2f} s | {rss:,.0f} MB |")
    q = runs[-1][0][1]
    quality.append(f"| {n} | {k} | {q['dev']} | {q['noncontig']} | {q['groups']} | {q['relcut']} | {q['disp']} |")
print()
print("| input | k | max \\|dev\\| | non-contiguous districts | groups split | relation weight cut | dispersion (km²·load) |")
print("|---|---:|---:|---:|---:|---:|---:|")
print("\n".join(quality))
PY
