#!/bin/sh
# Cancel latency of the library's async `partition` at 10^6 households (issue 18), release build:
# generates the 10^6 sample when missing, then cancels runs after each of DELAYS seconds (default:
# every 0.3 s from 1 s to 18 s, i.e. every stage of a run on this machine), prints how long each took
# to stop, then the worst and the median stop and the stage of the worst.
# WANGGE: a release wangge binary (for `wangge sample`).
set -eu
cd "$(dirname "$0")"
: "${WANGGE:=../.build/release/wangge}"
: "${SIZE:=1000000}"
: "${K:=3000}"
: "${DELAYS:=$(awk 'BEGIN { for (d = 10; d <= 180; d += 3) printf "%.1f ", d / 10 }')}"
DATA="data/h$SIZE"
[ -f "$DATA/households.geojson" ] || "$WANGGE" sample --households "$SIZE" --seed 1 --districts "$K" -o "$DATA"
swift build -c release --product CancelLatency
mkdir -p out
.build/release/CancelLatency "$DATA/households.geojson" "$K" $DELAYS | tee out/cancel_latency.tsv
awk -F '\t' '$4 ~ /^CancellationError/ { n++; s[n] = $3; if ($3 > worst) { worst = $3; at = $1; stage = $2 } }
  $4 ~ /^finished/ { done++ }
  END {
    if (n == 0) { print "no run was cancelled"; exit }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
    median = (n % 2) ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
    printf "cancelled runs: %d (finished before the cancel: %d); stop after cancel(): median %.3f s, worst %.3f s (cancelled at %s s, in %s)\n", n, done, median, worst, at, stage
  }' out/cancel_latency.tsv
