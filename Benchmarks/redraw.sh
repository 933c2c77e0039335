#!/usr/bin/env bash
# Redraw against a fresh partition, on the same "one year later" households (issue 6, DESIGN section 7).
# For each scenario: `wangge partition` draws the previous plan from households.geojson; then, RUNS times
# each and alternating, `wangge redraw households-evolved.geojson --previous PLAN` and `wangge partition
# households-evolved.geojson` (fresh), both under /usr/bin/time -v. Prints a markdown table of medians:
# the CLI's partition stage (the redraw's own work) and whole run, peak RSS, the ratio redraw / fresh
# measured in the same run, and both plans' worst deviation and core retention against the previous plan.
#
#   Benchmarks/redraw.sh                       # sample:21 1e5:300 1e6:3000
#   RUNS=5 SCENARIOS="1e6:21" Benchmarks/redraw.sh
#   WANGGE=/path/to/wangge Benchmarks/redraw.sh   # skip the release build
#
# The evolved households come from `wangge sample --evolve` (two villages +15%, one −10%, a new
# apartment block); at 10^6 that changes ~5% of the households. Relations are left out (the old
# relations name households that left). Same river barrier and Bagongshan boundary as scale.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-3}"
SCENARIOS="${SCENARIOS:-sample:21 1e5:300 1e6:3000}"
out="$here/out/redraw"
mkdir -p "$out"

. "$here/lib.sh"
wangge_binary

# evolved_dir SIZE: a data directory with households-evolved.geojson (generated once).
evolved_dir() {
  local size="$1" dir
  dir="$(data_dir "$size")"
  if [ ! -s "$dir/households-evolved.geojson" ]; then
    echo "generating the evolved households of $size into $dir…" >&2
    "$WANGGE" sample --households "$(households "$size")" --seed 1 --districts "$(sample_districts "$size")" \
      --evolve -o "$dir" -q >&2
  fi
  echo "$dir"
}

rows="$out/rows.tsv"
: > "$rows"
for scenario in $SCENARIOS; do
  size="${scenario%%:*}"; k="${scenario##*:}"
  dir="$(evolved_dir "$size")"
  common=(--barriers "$dir/river.geojson" $(boundary_option "$size") -q)
  previous="$out/previous-$size-k$k.geojson"
  echo "previous plan $size k=$k…" >&2
  "$WANGGE" partition "$dir/households.geojson" -k "$k" "${common[@]}" -o "$previous" > /dev/null
  for run in $(seq 1 "$RUNS"); do
    for mode in redraw fresh; do
      echo "$mode $size k=$k run $run/$RUNS…" >&2
      log="$out/$size-k$k-$mode-run$run"
      plan="$out/$mode-$size-k$k.geojson"
      if [ "$mode" = redraw ]; then
        cmd=("$WANGGE" redraw "$dir/households-evolved.geojson" --previous "$previous" "${common[@]}" -o "$plan")
      else
        cmd=("$WANGGE" partition "$dir/households-evolved.geojson" -k "$k" "${common[@]}" -o "$plan")
      fi
      /usr/bin/time -v "${cmd[@]}" > "$log.summary" 2> "$log.time" || { echo "failed, see $log.time" >&2; continue; }
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$k" "$mode" "$log.summary" "$log.time" "$plan" >> "$rows"
    done
  done
  # Retention of each plan against the previous one (the fresh plan: under the best id matching too).
  for mode in redraw fresh; do
    "$WANGGE" report "$out/$mode-$size-k$k.geojson" --previous "$previous" --format json > "$out/$size-k$k-$mode.report.json"
  done
done

python3 - "$rows" "$out" <<'PY'
import json, re, statistics, sys
rows, out = sys.argv[1], sys.argv[2]
runs = {}
for line in open(rows):
    size, k, mode, summary, timing, plan = line.rstrip("\n").split("\t")
    s = open(summary).read(); t = open(timing).read()
    part = float(re.search(r"partition ([\d.]+) s", s).group(1))
    total = float(re.search(r"; total ([\d.]+) s", s).group(1))
    wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0]
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall.split(":"))))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    dev = float(re.search(r"worst deviation ([\d.]+)%", s).group(1))
    runs.setdefault((size, k), {}).setdefault(mode, []).append((part, total, secs, rss, dev))
print("| input | k | plan | runs | partition stage | stages total | wall | peak RSS | worst deviation | core retention | retention, best id matching |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for (size, k), modes in runs.items():
    med = {m: [statistics.median(c) for c in zip(*v)] for m, v in modes.items()}
    for mode, v in modes.items():
        rep = json.load(open(f"{out}/{size}-k{k}-{mode}.report.json"))
        st = rep.get("stability") or rep.get("plan", {}).get("stability") or {}
        ret = st.get("core_retention"); mret = st.get("matched_retention")
        p, tot, wall, rss, dev = med[mode]
        print(f"| {size} | {k} | {mode} | {len(v)} | {p:.3f} s | {tot:.3f} s | {wall:.2f} s | {rss:.0f} MB | {dev:.1f}% | "
              f"{'' if ret is None else f'{ret*100:.1f}%'} | {'' if mret is None else f'{mret*100:.1f}%'} |")
    if "redraw" in med and "fresh" in med:
        r, f = med["redraw"], med["fresh"]
        print(f"| {size} | {k} | redraw / fresh | | {r[0]/f[0]:.2f}× | {r[1]/f[1]:.2f}× | {r[2]/f[2]:.2f}× | {r[3]/f[3]:.2f}× | | | |")
PY
