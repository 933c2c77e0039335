# Wangge — two commands on a fresh Debian machine:
#   make demo   partitions the bundled sample (sample-geo/) and writes out/
#   make test   runs the whole test suite
# Both install the Debian packages they need when they are missing.

SWIFT   ?= swift
OUT     ?= out
SAMPLE  := sample-geo
RELEASE := .build/release/wangge
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: GEOS and PROJ (C API), cairo + pango + CJK fonts for wall maps,
# libgdal-dev (GDAL/OGR C API: Shapefile, GeoPackage, FlatGeobuf, KML, Excel in and out),
# gdal-bin (ogrinfo/ogr2ogr check the plan files), poppler-utils (pdffonts/pdftotext in tests).
DEB_PACKAGES := pkg-config libgeos-dev libproj-dev libgdal-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk \
                gdal-bin poppler-utils

.PHONY: all deps build release demo test docs test-asan test-tsan fuzz bench bench-scale bench-metis bench-peers bench-redraw bench-feasibility bench-link check-coverage clean bench-redraw-bound bench-ensemble check-qgis

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product wangge

SAMPLE_INPUTS := $(SAMPLE)/households.geojson --relations $(SAMPLE)/relations.csv \
                 --boundary $(SAMPLE)/bagongshan-boundary.geojson --barriers $(SAMPLE)/river.geojson

REPORT_INPUTS := --relations $(SAMPLE)/relations.csv --boundary $(SAMPLE)/bagongshan-boundary.geojson \
                 --barriers $(SAMPLE)/river.geojson

demo: release
	@mkdir -p $(OUT)
	$(RELEASE) validate $(SAMPLE_INPUTS)
	$(RELEASE) partition $(SAMPLE_INPUTS) -k 21 --labels $(SAMPLE)/labels.csv \
	  -o $(OUT)/plan.geojson --csv $(OUT)/plan.csv
	$(RELEASE) report $(OUT)/plan.geojson $(REPORT_INPUTS) -o $(OUT)/report.txt
	$(RELEASE) report $(OUT)/plan.geojson $(REPORT_INPUTS) --format json -o $(OUT)/report.json
	$(RELEASE) poster $(OUT)/plan.geojson -o $(OUT)/wall.pdf --paper A1 --barriers $(SAMPLE)/river.geojson
	$(RELEASE) poster $(OUT)/plan.geojson -o $(OUT)/wall.png --paper A3 --dpi 150 --barriers $(SAMPLE)/river.geojson
	$(RELEASE) link $(OUT)/plan.geojson --cadres $(SAMPLE)/cadres.csv --labels $(SAMPLE)/labels.csv \
	  -o $(OUT)/plan-linked.geojson --csv $(OUT)/links.csv
	$(RELEASE) poster $(OUT)/plan-linked.geojson -o $(OUT)/wall-linked.pdf --paper A1 --barriers $(SAMPLE)/river.geojson
	@echo "demo outputs in $(OUT)/:"; ls -l $(OUT)

# The suite is built in the debug configuration with the package's library and CLI targets optimised
# (-O, through WANGGE_OPTIMISE in Package.swift; test targets and dependencies stay at -Onone), in its
# own scratch path (.build-test, so the plain debug build in .build is left alone): @testable imports
# keep working (-enable-testing), preconditions and overflow checks stay on, and the tests, most of which
# partition real inputs, run several times faster than at -Onone (Benchmarks/README.md, "Test suite
# time"). The CLI tests run the wangge built beside the tests (same flags).
TEST_FLAGS ?= --scratch-path $(CURDIR)/.build-test
test: deps
	WANGGE_OPTIMISE=1 $(SWIFT) build $(TEST_FLAGS) --product wangge
	WANGGE_OPTIMISE=1 $(SWIFT) test $(TEST_FLAGS) --disable-xctest

# The library's DocC reference (Sources/Wangge/Wangge.docc) into $(DOCS); fails on any DocC warning
# (SwiftPM's own 'prohibited flag(s): -pthread' note about pkg-config's flags is not DocC's).
# WANGGE_DOCS=1 makes Package.swift add swift-docc-plugin (only for this target).
DOCS ?= .build/docs/Wangge.doccarchive
docs: deps
	@mkdir -p $(dir $(DOCS))
	WANGGE_DOCS=1 $(SWIFT) package --allow-writing-to-directory $(dir $(DOCS)) generate-documentation \
	  --target Wangge --output-path $(DOCS) --warnings-as-errors 2>&1 | tee .build/docs/docc.log
	@if grep -E '(warning|error):' .build/docs/docc.log | grep -v 'prohibited flag'; then \
	  echo "docs: DocC warnings or errors (above)"; exit 1; fi

# The whole suite under AddressSanitizer / ThreadSanitizer (issue 16), each in its own scratch path so
# the normal debug build is left alone; optimised like `make test` (WANGGE_OPTIMISE: the library and CLI
# at -O; both sanitizers work with -O). The CLI tests run the sanitized wangge binary (WANGGE_BIN).
SAN_FLAGS ?=
test-asan: deps
	WANGGE_OPTIMISE=1 $(SWIFT) build --scratch-path $(CURDIR)/.build-asan --sanitize=address $(SAN_FLAGS) --product wangge
	WANGGE_OPTIMISE=1 WANGGE_BIN=$(CURDIR)/.build-asan/debug/wangge LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitizers/lsan.supp \
	  $(SWIFT) test --scratch-path $(CURDIR)/.build-asan --sanitize=address $(SAN_FLAGS) --disable-xctest

test-tsan: deps
	WANGGE_OPTIMISE=1 $(SWIFT) build --scratch-path $(CURDIR)/.build-tsan --sanitize=thread $(SAN_FLAGS) --product wangge
	WANGGE_OPTIMISE=1 WANGGE_BIN=$(CURDIR)/.build-tsan/debug/wangge $(SWIFT) test --scratch-path $(CURDIR)/.build-tsan --sanitize=thread $(SAN_FLAGS) --disable-xctest

# libFuzzer + AddressSanitizer on every reader (Fuzz/Package.swift, Fuzz/README.md): each target runs
# FUZZ_SECONDS from its committed seeds (Fuzz/Corpus/<target>) plus what earlier runs found
# (.build-fuzz/corpus/<target>), with the JSON/GeoJSON dictionary. Any crash, leak, timeout (10 s for
# one input, 30 s for FuzzOGRText) or out-of-memory (4 GB) fails; the input is kept in .build-fuzz/artifacts/.
# A new target is picked up from its directory Fuzz/Sources/Fuzz*. FUZZ_JOBS targets run at once
# (default 1; the 12 targets at FUZZ_SECONDS=600 take 2 hours one after another).
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_SCRATCH := $(CURDIR)/.build-fuzz
FUZZ_TARGETS ?= $(notdir $(wildcard Fuzz/Sources/Fuzz*))

fuzz: deps
	$(SWIFT) build --package-path Fuzz --scratch-path $(FUZZ_SCRATCH) -c debug \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	@printf '%s\n' $(FUZZ_TARGETS) | xargs -P $(FUZZ_JOBS) -I{} Fuzz/run-target.sh {} $(FUZZ_SECONDS) $(FUZZ_SCRATCH)

# QGIS as a client of the GeoPackage plan (not part of `make test`): installs QGIS's Python API
# when missing (~2 min, ~265 packages), loads the layers headless, runs qgis:checkvalidity on the
# districts and renders out/qgis/districts.png. Debian's own python3 (/usr/bin) is the one python3-qgis serves.
QGIS_PACKAGES := python3-qgis qgis-providers

check-qgis: build
	@missing=""; for p in $(QGIS_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	WANGGE=.build/debug/wangge OUT=$(OUT)/qgis QT_QPA_PLATFORM=offscreen /usr/bin/python3 Tests/qgis/check_qgis.py

# Speed and quality benchmarks (Benchmarks/README.md): the ordo-one/benchmark suite, release CLI runs
# on synthetic inputs up to 10^6 households, gpmetis on the same graph, peers on the sample, and
# redraw against a fresh partition.
bench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark

bench-scale: release
	WANGGE=$(RELEASE) Benchmarks/scale.sh

bench-metis: release
	WANGGE=$(RELEASE) Benchmarks/metis_compare.sh

bench-peers: release
	WANGGE=$(RELEASE) python3 Benchmarks/peers/compare_peers.py

bench-redraw: release
	WANGGE=$(RELEASE) Benchmarks/redraw.sh

# Cadre linking (issue 14): the sample and 10^5 households with 10^4 cadres (k=300).
bench-link: release
	WANGGE=$(RELEASE) Benchmarks/link.sh

# Exact check (CP-SAT) that the evolved sample's band cannot be reached without crossing the river.
bench-feasibility: release
	WANGGE=$(RELEASE) python3 Benchmarks/feasibility/barrier_packing.py $(SAMPLE)/households-evolved.geojson

# The written plan is an exact coverage (no gaps, no overlaps, union = boundary) on the sample, a 10^5 town
# and London k=73, checked through GDAL's SQLite dialect (SpatiaLite/GEOS), not Wangge's own code.
check-coverage: release
	WANGGE=$(RELEASE) Benchmarks/coverage.sh

bench-redraw-bound: release
	WANGGE=$(RELEASE) python3 Benchmarks/feasibility/redraw_bound.py --table 2,3,4,5,6
# Ensemble chains against GerryChain's recom on the same graphs (steps/s, relation-cut KS test).
bench-ensemble: release
	python3 -c "import gerrychain, scipy" 2>/dev/null || python3 -m pip install --quiet gerrychain scipy
	WANGGE=$(RELEASE) python3 Benchmarks/ensemble/bench_ensemble.py

clean:
	rm -rf .build $(OUT)
