#!/usr/bin/env bash
# Cadre linking speed (issue 14): `wangge link` on the sample (1312 households, 155 cadres, k=21) and on
# a synthetic town of 10^5 households with 10^4 cadres (k=300). The plans come from `wangge partition`
# (once per size); then RUNS runs of `wangge link` under /usr/bin/time -v. Prints a markdown table of
# medians: the link stage (solver, as the CLI reports it), the whole run, peak RSS, and the figures
# the run printed (households linked, quotas met, gap to the lower bound).
#
#   Benchmarks/link.sh                         # sample and 1e5
#   RUNS=5 SIZES="1e5" Benchmarks/link.sh
#   WANGGE=/path/to/wangge Benchmarks/link.sh  # skip the release build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-3}"
SIZES="${SIZES:-sample 1e5}"
out="$here/out/link"
mkdir -p "$out"

. "$here/lib.sh"
wangge_binary

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "| data | households | cadres | k | link stage s (median) | whole run s | peak RSS MB | linked | within quota (all roles) | gap to bound |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for size in $SIZES; do
  n="$(households "$size")"
  if [ "$size" = sample ]; then
    dir="$root/sample-geo"; k=21
  else
    k="$(sample_districts "$size")"
    dir="$here/data/link-h$n"
    if [ ! -s "$dir/cadres.csv" ]; then
      echo "generating $n households and 10^4 cadres into $dir…" >&2
      "$WANGGE" sample --households "$n" --cadres 10000 --seed 1 --districts "$k" -o "$dir" -q >&2
    fi
  fi
  plan="$out/plan-$size.geojson"
  if [ ! -s "$plan" ]; then
    "$WANGGE" partition "$dir/households.geojson" -k "$k" -o "$plan" -q >&2
  fi
  cadres=$(($(wc -l < "$dir/cadres.csv") - 1))
  stage=(); whole=(); rss=()
  for run in $(seq "$RUNS"); do
    /usr/bin/time -v "$WANGGE" link "$plan" --cadres "$dir/cadres.csv" -o "$out/linked-$size.geojson" \
      --csv "$out/links-$size.csv" -q > "$out/link-$size.txt" 2> "$out/time-$size.txt"
    stage+=("$(sed -n 's/.*metric CRS [^,]*, \([0-9.]*\) s$/\1/p' "$out/link-$size.txt")")
    whole+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$out/time-$size.txt")")
    rss+=("$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$out/time-$size.txt")")
  done
  linked="$(sed -n 's/.*districts ([0-9]* with a leader), \([0-9/]*\) households and \([0-9/]*\) work groups.*/\1 hh, \2 groups/p' "$out/link-$size.txt")"
  quota="$(awk '/^(town_|village_|party_)/ {split($NF,a,"/"); w+=a[1]; t+=a[2]} END {print w "/" t}' "$out/link-$size.txt")"
  gap="$(sed -n 's/.*gap \([0-9.]*%\)$/\1/p' "$out/link-$size.txt" | head -1)"
  echo "| $size | $n | $cadres | $k | $(printf '%s\n' "${stage[@]}" | median) | $(printf '%s\n' "${whole[@]}" | median) | $(printf '%s\n' "${rss[@]}" | median) | $linked | $quota | ${gap:-–} |"
done
