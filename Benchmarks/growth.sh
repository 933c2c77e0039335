#!/usr/bin/env bash
# Growth of every stage with the input size (issue 17): `wangge partition` at 10^4, 10^5 and 10^6
# households on each shape — the city inside the Bagongshan boundary, the rural prefecture without a
# boundary, and the rural prefecture inside its square — with about 333 households per district
# (k = 30, 300, 3000). Prints, per shape, the median seconds of each stage (the CLI's `time` line),
# the whole run's wall clock and peak RSS, and for each tenfold step the growth factor and its exponent
# (log10 of the factor: 1 = linear; n log n from 10^5 to 10^6 is about 1.1, i.e. 12×).
#
#   Benchmarks/growth.sh                                   # all three shapes, 3 runs ≤ 10^5, 1 at 10^6
#   SHAPES="rural" RUNS=3 RUNS_1E6=3 Benchmarks/growth.sh
#   WANGGE=/path/to/wangge Benchmarks/growth.sh            # skip the release build
#   STAGE_CLOCK=cpu Benchmarks/growth.sh                   # stages in process CPU time (loaded machine)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-3}"
RUNS_1E6="${RUNS_1E6:-1}"
SHAPES="${SHAPES:-city rural ruralboundary}"
out="$here/out/growth"
mkdir -p "$out"
. "$here/lib.sh"
wangge_binary

rows="$out/rows.tsv"
: > "$rows"
# Rounds: each round runs every shape and size once (while it still has runs to do), so the sizes
# interleave and a drift of this shared machine's speed falls on all of them alike, not on the
# growth factors.
rounds="$RUNS"; [ "$RUNS_1E6" -gt "$rounds" ] && rounds="$RUNS_1E6"
for run in $(seq 1 "$rounds"); do
  for shape in $SHAPES; do
    for size in 1e4 1e5 1e6; do
      case "$shape" in city) tag="$size" ;; rural) tag="rural$size" ;; ruralboundary) tag="rural${size}b" ;; *) echo "unknown shape $shape" >&2; exit 64 ;; esac
      case "$size" in 1e4) k=30 ;; 1e5) k=300 ;; 1e6) k=3000 ;; esac
      runs="$RUNS"; [ "$size" = 1e6 ] && runs="$RUNS_1E6"
      [ "$run" -le "$runs" ] || continue
      dir="$(data_dir "$tag")"
      echo "$shape $size k=$k run $run/$runs…" >&2
      log="$out/$tag-k$k-run$run"
      WANGGE_STAGE_CLOCK="${STAGE_CLOCK:-wall}" /usr/bin/time -v "$WANGGE" partition "$dir/households.geojson" -k "$k" \
        --relations "$dir/relations.csv" --barriers "$dir/river.geojson" $(boundary_option "$tag") \
        -o "$out/plan-$tag-k$k.geojson" -q > "$log.summary" 2> "$log.time" \
        || { echo "failed (exit $?), see $log.time" >&2; continue; }
      printf '%s\t%s\t%s\t%s\t%s\n' "$shape" "$size" "$k" "$log.summary" "$log.time" >> "$rows"
    done
  done
done

python3 - "$rows" <<'PY'
import math, re, statistics, sys
from collections import OrderedDict

def stages(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"^time\s+(.*)$", text, re.M)
    body, _, total = m.group(1).partition("; total ")
    out = OrderedDict()
    for part in body.split(", "):
        name, secs, _ = part.rsplit(" ", 2)
        out[name] = float(secs)
    out["stages total"] = float(total.split()[0])
    return out

def timing(path):
    text = open(path, encoding="utf-8").read()
    wall = 0.0
    for p in re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1).split(":"):
        wall = wall * 60 + float(p)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1)) \
        + float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    return wall, rss, cpu

data = OrderedDict()
for line in open(sys.argv[1], encoding="utf-8"):
    shape, size, k, summary, t = line.rstrip("\n").split("\t")
    s = stages(summary); wall, rss, cpu = timing(t)
    s["wall"] = wall; s["CPU (user + system)"] = cpu; s["peak RSS (MB)"] = rss
    data.setdefault(shape, OrderedDict()).setdefault(size, []).append(s)

names = {"city": "city, Bagongshan boundary", "rural": "rural prefecture, no boundary",
         "ruralboundary": "rural prefecture, square boundary"}
for shape, sizes in data.items():
    print(f"\n#### {names.get(shape, shape)} (k = 30, 300, 3000)\n")
    cols = list(sizes)
    keys = list(next(iter(sizes.values()))[0].keys())
    print("| stage | " + " | ".join(f"10^{c[-1]}" for c in cols) + " | "
          + " | ".join(f"10^{a[-1]}→10^{b[-1]}" for a, b in zip(cols, cols[1:])) + " |")
    print("|---|" + "---:|" * (len(cols) + len(cols) - 1))
    worst = {}
    for key in keys:
        med = [statistics.median(r[key] for r in sizes[c]) for c in cols]
        unit = " MB" if "MB" in key else " s"
        cells = [f"{v:,.0f}{unit}" if "MB" in key else f"{v:.3f}{unit}" for v in med]
        growth = []
        for a, b in zip(med, med[1:]):
            if a > 0 and b > 0:
                growth.append(f"{b / a:.1f}× (n^{math.log10(b / a):.2f})")
            else:
                growth.append("–")
        print(f"| {key} | " + " | ".join(cells) + " | " + " | ".join(growth) + " |")
PY
