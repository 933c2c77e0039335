#!/usr/bin/env bash
# Wangge's partitioner against METIS (Debian's gpmetis) on the same neighbour graph (issue 3).
#
# For each scenario: `wangge partition … --export-graph G` writes the graph it partitioned (METIS
# format, vertex weights = site loads, edge weights = 1 + 10 × relation weight) and sidecars; gpmetis
# then partitions G into the same k parts with -ufactor=50 (5% imbalance, Wangge's default tolerance).
# Both plans are evaluated by peers/evaluate.py on the same graph: balance, edge cut, relation cut,
# contiguity (pieces per district), groups split, dispersion. The time ratio is Wangge's partition stage
# (from its summary line) over gpmetis's own "Partitioning" time, measured in the same run. gpmetis does
# not know work groups (Wangge keeps them whole) and does not aim at compactness.
#
#   Benchmarks/metis_compare.sh                          # sample k=21, 10^5 k=300, 10^6 k=21 and 3000,
#                                                        # rural 10^5 k=300, 10^6 k=3000 (no boundary, square)
#   SCENARIOS="sample:21 1e5:300" Benchmarks/metis_compare.sh
#   WANGGE=/path/to/wangge Benchmarks/metis_compare.sh   # skip the release build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
SCENARIOS="${SCENARIOS:-sample:21 1e5:300 1e6:21 1e6:3000 rural1e5:300 rural1e6:3000 rural1e6b:3000}"
out="$here/out/metis"
mkdir -p "$out"
. "$here/lib.sh"

if ! command -v gpmetis >/dev/null; then
  echo "installing Debian's metis (gpmetis)…" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq metis >&2
fi
python3 -c "import numpy, scipy" 2>/dev/null || python3 -m pip install -q numpy scipy >&2
wangge_binary

for scenario in $SCENARIOS; do
  size="${scenario%%:*}"; k="${scenario##*:}"
  dir="$(data_dir "$size")"
  g="$out/$size-k$k.graph"
  rm -f "$g".part.*
  echo "wangge partition $size k=$k (exporting the graph)…" >&2
  /usr/bin/time -f "%e %M" -o "$g.time" "$WANGGE" partition "$dir/households.geojson" -k "$k" \
    --relations "$dir/relations.csv" --barriers "$dir/river.geojson" \
    $(boundary_option "$size") \
    -o "$out/plan-$size-k$k.geojson" --export-graph "$g" -q > "$g.summary" 2> "$g.stderr" \
    || { echo; echo "### $size k=$k: wangge partition failed: $(tail -1 "$g.stderr")"; continue; }
  wangge_seconds="$(sed -n 's/^time .*partition \([0-9.]*\) s.*/\1/p' "$g.summary")"

  echo "gpmetis $size k=$k…" >&2
  gpmetis -ufactor=50 "$g" "$k" > "$g.gpmetis.log"
  metis_seconds="$(sed -n 's/^[[:space:]]*Partitioning:[[:space:]]*\([0-9.]*\) sec.*/\1/p' "$g.gpmetis.log")"
  times=(--time "wangge=$wangge_seconds" --time "gpmetis=$metis_seconds")
  # -contig asks METIS for connected parts; it refuses graphs that are not connected (a barrier).
  mv "$g.part.$k" "$g.part.$k.plain"
  plans=(--plan "wangge=wangge" --plan "gpmetis=$g.part.$k.plain")
  if gpmetis -ufactor=50 -contig "$g" "$k" > "$g.gpmetis-contig.log" 2>&1 && [ -s "$g.part.$k" ] \
     && ! grep -q "option will be ignored" "$g.gpmetis-contig.log"; then
    mv "$g.part.$k" "$g.part.$k.contig"
    plans+=(--plan "gpmetis -contig=$g.part.$k.contig")
    times+=(--time "gpmetis -contig=$(sed -n 's/^[[:space:]]*Partitioning:[[:space:]]*\([0-9.]*\) sec.*/\1/p' "$g.gpmetis-contig.log")")
  fi

  n="$(households "$size")"
  echo
  echo "### $n households, k=$k ($(head -1 "$g" | cut -d' ' -f1) sites, $(head -1 "$g" | cut -d' ' -f2) edges)"
  echo
  read -r wall rss < "$g.time"
  echo "Wangge run: $(sed -n 's/^time *//p' "$g.summary") (write includes the graph export); wall ${wall} s, peak RSS $((rss / 1024)) MB"
  echo
  python3 "$here/peers/evaluate.py" "$g" -k "$k" "${plans[@]}" "${times[@]}" \
    --relations "$dir/relations.csv" --households "$dir/households.geojson"
  python3 -c "import sys; w, m = float(sys.argv[1]), float(sys.argv[2]); print(f'\ntime ratio (Wangge partition stage / gpmetis partitioning): {w:.3f} s / {m:.3f} s = {w / m:.1f}×')" \
    "$wangge_seconds" "$metis_seconds"
  if [ ! -s "$g.part.$k.contig" ]; then
    echo "(gpmetis -contig: $(grep -m1 -i 'contiguous\|error' "$g.gpmetis-contig.log" | sed 's/^[* ]*//') — no -contig row)"
  fi
done
