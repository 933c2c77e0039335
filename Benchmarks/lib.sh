# Shared by scale.sh and metis_compare.sh: the release CLI and
# the synthetic data sets (git-ignored, Benchmarks/data/). Source it after setting `here` and `root`.

# Builds the release CLI unless WANGGE names one.
wangge_binary() {
  if [ -z "${WANGGE:-}" ]; then
    echo "building wangge (release)…" >&2
    (cd "$root" && swift build -c release --product wangge >&2)
    WANGGE="$root/.build/release/wangge"
  fi
}

households() { case "$1" in sample) echo 1312 ;; 1e4) echo 10000 ;; 1e5) echo 100000 ;; 1e6) echo 1000000 ;; *) echo "$1" ;; esac; }
# Group cap of a data set: `wangge sample --districts K` caps work groups at N/(2K) households, so K is
# the largest k used on that size.
sample_districts() { case "$1" in 1e5) echo 300 ;; 1e6) echo 3000 ;; *) echo 21 ;; esac; }

# data_dir SIZE: prints the directory holding households.geojson, relations.csv, river.geojson,
# generating it when missing (the sample: sample-geo/ when it is there).
data_dir() {
  local size="$1" n dir
  if [ "$size" = sample ] && [ -s "$root/sample-geo/households.geojson" ]; then echo "$root/sample-geo"; return; fi
  n="$(households "$size")"
  dir="$here/data/h$n"; [ "$size" = sample ] && dir="$here/data/sample"
  if [ ! -s "$dir/households.geojson" ]; then
    echo "generating $n households into $dir…" >&2
    "$WANGGE" sample --households "$n" --seed 1 --districts "$(sample_districts "$size")" -o "$dir" -q >&2
  fi
  echo "$dir"
}

# boundary_option SIZE: the --boundary option for a data set. The synthetic towns lie inside the
# Bagongshan boundary of sample-geo/, which clips their service areas. Sizes in BUFFER_BOUNDARY (default
# none) get that boundary widened by 0.0005° (~50 m, ogr2ogr/SpatiaLite) — a workaround from before the
# pipeline covered sites that projection leaves millimetres outside the boundary. Sizes in NO_BOUNDARY
# get no --boundary at all (the default region around the households).
boundary_option() {
  local exact="$root/sample-geo/bagongshan-boundary.geojson" buffered="$here/data/boundary-buffered.geojson"
  case " ${NO_BOUNDARY:-} " in *" $1 "*) return ;; esac
  case " ${BUFFER_BOUNDARY-} " in
    *" $1 "*)
      if [ ! -s "$buffered" ]; then
        mkdir -p "$here/data"
        ogr2ogr -f GeoJSON -dialect SQLite \
          -sql 'SELECT ST_Buffer(geometry, 0.0005) AS geometry FROM "bagongshan-boundary"' "$buffered" "$exact" >&2
      fi
      echo "--boundary $buffered"; return ;;
  esac
  echo "--boundary $exact"
}
