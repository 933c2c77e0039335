#!/usr/bin/env bash
# The exact coverage of the written plan (issue 13, DESIGN section 5), checked outside Wangge with
# GDAL's SQLite dialect (SpatiaLite/GEOS) on the plan files the release CLI writes:
#   sample   sample-geo, k = 21, boundary and river
#   1e5      the synthetic 10^5-household town (k = 300), boundary and river
#   london   the London MSOA fixture (983 points, population-weighted), k = 73, no boundary
# For each: districts, invalid districts, pairs of districts whose intersection has positive area and
# that area, the union's parts and holes, the union's area against the sum of the districts' areas and
# against the boundary's (degrees², planar), and households outside their own district.
#
#   Benchmarks/coverage.sh                       # sample 1e5 london
#   SCENARIOS="1e5" Benchmarks/coverage.sh
#   WANGGE=/path/to/wangge Benchmarks/coverage.sh   # skip the release build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
SCENARIOS="${SCENARIOS:-sample 1e5 london}"
out="$here/out/coverage"
mkdir -p "$out"

. "$here/lib.sh"
wangge_binary

sql() { ogrinfo -q -ro "$1" -dialect SQLite -sql "$2" 2>&1 | sed -n 's/^  [a-z_]* ([A-Za-z]*) = //p' | paste -sd' '; }

printf '| data | k | districts | invalid | overlapping pairs | overlap area | union parts | union holes | (union − Σ areas)/union | (union − boundary)/boundary | households outside |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for s in $SCENARIOS; do
  boundary="$root/sample-geo/bagongshan-boundary.geojson"
  case "$s" in
    sample) k=21; dir="$(data_dir sample)"; args=("$dir/households.geojson" --relations "$dir/relations.csv"
            --boundary "$boundary" --barriers "$dir/river.geojson") ;;
    1e5) k=300; dir="$(data_dir 1e5)"; args=("$dir/households.geojson" --boundary "$boundary" --barriers "$dir/river.geojson") ;;
    london) k=73; boundary=""; args=("$root/Tests/WanggeTests/Fixtures/london-msoa.csv" --balance population) ;;
    *) echo "unknown scenario $s" >&2; exit 64 ;;
  esac
  plan="$out/plan-$s.geojson"
  "$WANGGE" partition "${args[@]}" -k "$k" -o "$plan" -q > "$out/partition-$s.txt"
  layer="$(basename "$plan" .geojson)"
  d="SELECT * FROM \"$layer\" WHERE kind = 'district'"
  read -r n invalid < <(sql "$plan" "SELECT COUNT(*) AS n, SUM(ST_IsValid(geometry) = 0) AS invalid FROM ($d)")
  read -r pairs overlap < <(sql "$plan" "SELECT COUNT(*) AS pairs, COALESCE(SUM(a), 0) AS overlap FROM (
      SELECT ST_Area(ST_Intersection(x.geometry, y.geometry)) AS a FROM ($d) x, ($d) y
      WHERE x.district < y.district AND MbrIntersects(x.geometry, y.geometry) AND ST_Intersects(x.geometry, y.geometry))
      WHERE a > 0")
  read -r parts holes union total < <(sql "$plan" "SELECT ST_NumGeometries(u) AS parts, NumInteriorRings(ST_GeometryN(u, 1)) AS holes,
      printf('%.17g', ST_Area(u)) AS ua, printf('%.17g', t) AS t FROM (SELECT ST_Union(geometry) AS u, SUM(ST_Area(geometry)) AS t FROM ($d))")
  outside="$(sql "$plan" "SELECT SUM(NOT ST_Covers(d.geometry, h.geometry)) AS outside FROM \"$layer\" h
      JOIN \"$layer\" d ON h.district = d.district WHERE h.kind = 'household' AND d.kind = 'district'")"
  rel_sum="$(python3 -c "print(f'{($union - $total) / $union:.2e}')")"
  rel_boundary="–"
  if [ -n "$boundary" ]; then
    barea="$(sql "$boundary" "SELECT printf('%.17g', SUM(ST_Area(geometry))) AS a FROM \"$(basename "$boundary" .geojson)\"")"
    rel_boundary="$(python3 -c "print(f'{($union - $barea) / $barea:.2e}')")"
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$s" "$k" "$n" "$invalid" "$pairs" "$overlap" \
    "$parts" "$holes" "$rel_sum" "$rel_boundary" "$outside"
done
