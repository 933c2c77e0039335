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
# gdal-bin (ogrinfo checks the plan file), poppler-utils (pdffonts/pdftotext in tests).
DEB_PACKAGES := pkg-config libgeos-dev libproj-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk \
                gdal-bin poppler-utils

.PHONY: all deps build release demo test bench bench-scale bench-metis bench-peers bench-redraw bench-feasibility bench-ensemble clean

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
	@echo "demo outputs in $(OUT)/:"; ls -l $(OUT)

test: deps
	$(SWIFT) build --product wangge
	$(SWIFT) test --disable-xctest

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

# Exact check (CP-SAT) that the evolved sample's band cannot be reached without crossing the river.
bench-feasibility: release
	WANGGE=$(RELEASE) python3 Benchmarks/feasibility/barrier_packing.py $(SAMPLE)/households-evolved.geojson

# Ensemble chains against GerryChain's recom on the same graphs (steps/s, relation-cut KS test).
bench-ensemble: release
	python3 -c "import gerrychain, scipy" 2>/dev/null || python3 -m pip install --quiet gerrychain scipy
	WANGGE=$(RELEASE) python3 Benchmarks/ensemble/bench_ensemble.py

clean:
	rm -rf .build $(OUT)
