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

# Sizes: sample, 1e4, 1e5, 1e6, 1e7 (the city inside the Bagongshan boundary) and rural1e4, rural1e5,
# rural1e6, rural1e7 (`wangge sample --layout rural`: a prefecture of villages, 140 km × 140 km at 10^6, run
# without a boundary), rural1e4b, rural1e5b, rural1e6b (the same data clipped to its square,
# boundary.geojson).
is_rural() { case "$1" in rural*) return 0 ;; *) return 1 ;; esac; }
plain_size() { local s="${1#rural}"; echo "${s%b}"; }
households() { case "$(plain_size "$1")" in sample) echo 1312 ;; 1e4) echo 10000 ;; 1e5) echo 100000 ;; 1e6) echo 1000000 ;; 1e7) echo 10000000 ;; *) plain_size "$1" ;; esac; }
# Group cap of a data set: `wangge sample --districts K` caps work groups at N/(2K) households, so K is
# the largest k used on that size.
sample_districts() {
  if is_rural "$1"; then case "$(plain_size "$1")" in 1e5) echo 300 ;; 1e6) echo 3000 ;; 1e7) echo 30000 ;; *) echo 30 ;; esac; return; fi
  case "$1" in 1e5) echo 300 ;; 1e6) echo 3000 ;; 1e7) echo 30000 ;; *) echo 21 ;; esac
}
rural_dir() { echo "$here/data/rural$(households "$1")"; }

# data_dir SIZE: prints the directory holding households.geojson, relations.csv, river.geojson,
# generating it when missing (the sample: sample-geo/ when it is there).
data_dir() {
  local size="$1" n dir
  if [ "$size" = sample ] && [ -s "$root/sample-geo/households.geojson" ]; then echo "$root/sample-geo"; return; fi
  if is_rural "$size"; then
    dir="$(rural_dir "$size")"
    if [ ! -s "$dir/households.geojson" ]; then
      echo "generating a rural prefecture of $(households "$size") households into $dir…" >&2
      "$WANGGE" sample --layout rural --households "$(households "$size")" --seed 1 \
        --districts "$(sample_districts "$size")" -o "$dir" -q >&2
    fi
    echo "$dir"; return
  fi
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
  if is_rural "$1"; then
    case "$1" in *b) echo "--boundary $(rural_dir "$1")/boundary.geojson" ;; esac
    return
  fi
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
