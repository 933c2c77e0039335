#!/usr/bin/env bash
# One libFuzzer target for `make fuzz` (see the Makefile and Fuzz/README.md):
#   Fuzz/run-target.sh TARGET SECONDS SCRATCH
# runs SCRATCH/debug/TARGET for SECONDS from its seeds (Fuzz/Corpus/TARGET) and what earlier runs found
# (SCRATCH/corpus/TARGET), with the JSON/GeoJSON dictionary; any crash, leak, timeout (10 s for one
# input, 30 s for FuzzOGRText) or out-of-memory (4 GB) fails, keeping the input in SCRATCH/artifacts/. Prints one line of
# figures (executions, executions per second, peak RSS); the whole log is SCRATCH/TARGET.log.
set -uo pipefail
t="$1"; seconds="$2"; scratch="$3"
# One input may take 10 s, except through GDAL: its GML driver hands a garbled srsName to PROJ, whose
# database search takes ~1 s in a release build and ~7 s under ASan (found 2 Dec 2026, test
# GISFormatsCLITests.gmlBarrierWithAGarbledSrsNameEndsNamingTheFeature): 30 s there.
# Through GDAL, leaks are not checked (-detect_leaks=0): GDAL's own leak of a PROJ CRS inside GDALOpenEx
# (Fuzz/lsan.supp) is reported with a fast-unwound stack that stops in libstdc++/libproj (no frame
# pointers), so the suppression cannot match it, and unwinding slowly (fast_unwind_on_malloc=0) makes
# PROJ's database search for a garbled srsName take over 40 s per input (both seen 2 Dec 2026). Wangge's
# own OGR code is leak-checked by `make test-asan` (the GIS-format CLI tests under LeakSanitizer).
per_input=10 leaks=1 asan=""
case "$t" in FuzzOGRText) per_input=30 leaks=0 asan="detect_leaks=0" ;; esac
cd "$(dirname "$0")/.."
mkdir -p "$scratch/corpus/$t" "$scratch/artifacts"
echo "fuzz: $t for $seconds s"
if ! SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp" ASAN_OPTIONS="$asan" "$scratch/debug/$t" \
    -max_total_time="$seconds" -timeout="$per_input" -detect_leaks="$leaks" -rss_limit_mb=4096 -max_len=65536 -dict=Fuzz/json.dict \
    -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$t-" \
    "$scratch/corpus/$t" "Fuzz/Corpus/$t" > "$scratch/$t.log" 2>&1; then
  tail -n 60 "$scratch/$t.log"
  echo "fuzz: $t FAILED (log $scratch/$t.log)"
  exit 1
fi
echo "fuzz: $t $(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$scratch/$t.log" | tr '\n' ' ')"
