#!/bin/sh
# Cancel latency of the library's async `partition` at 10^6 households (issue 18), release build:
# generates the 10^6 sample when missing, then cancels runs after each of DELAYS seconds and prints
# how long each took to stop. WANGGE: a release wangge binary (for `wangge sample`).
set -eu
cd "$(dirname "$0")"
: "${WANGGE:=../.build/release/wangge}"
: "${SIZE:=1000000}"
: "${K:=3000}"
: "${DELAYS:=2 5 8 11 14 17 20 24}"
DATA="data/h$SIZE"
[ -f "$DATA/households.geojson" ] || "$WANGGE" sample --households "$SIZE" --seed 1 --districts "$K" -o "$DATA"
swift build -c release --product CancelLatency
.build/release/CancelLatency "$DATA/households.geojson" "$K" $DELAYS
