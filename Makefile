# Set-up lives here so that the README's two commands work on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install map test lint browser bench clean-index screenshot

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,data]'
	touch $@

# Leaflet and its clustering plugin from npm, inlined into map.html so that it works offline.
assets/node_modules/.installed: assets/package.json assets/package-lock.json
	npm ci --prefix assets --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed assets/node_modules/.installed

## Build output/map.html from seeds/ (installs what it needs first).
map: install
	$(VENV)/bin/geomap build

## Headless Chromium for the map's browser tests (Debian's package; Playwright drives it).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }

## Run the whole test suite, with lint and type checks.
test: install browser
	$(VENV)/bin/ruff check geomap tests bench
	$(VENV)/bin/mypy geomap
	@# pytest's exit 5 (no test collected) must fail, not pass.
	$(VENV)/bin/pytest -q; rc=$$?; [ $$rc -ne 5 ] || echo 'pytest collected no tests' >&2; [ $$rc -eq 0 ]
	@# The wheel, installed with pipx outside the checkout, must map the seeds offline.
	.ci/check-wheel

## Refresh docs/map.png, the README's picture of the seeds' map, taken by the test suite's browser.
screenshot: install browser
	GEOMAP_SCREENSHOT=docs/map.png $(VENV)/bin/pytest -q tests/outputs/test_screenshot.py

bench: install
	$(PY) -m bench

clean-index:
	rm -rf .geomap "$${GEOMAP_DATA_DIR:-$$HOME/.local/share/geomap}/index"
