# The two commands of the README: `make serve` and `make test`. Everything they need is
# installed here, on a fresh Debian machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline test test-fast test-e2e test-browser lint validate install install-test chromium clean

SERVE_FLAGS ?=
serve: install ## build the site and serve it on http://127.0.0.1:8000 (rebuilds on edits)
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000 $(SERVE_FLAGS)

build: install ## build the site into site/ (replaced only if the build succeeds)
	$(BIN)/mkdocs build --strict

offline: install ## the site for reading without a server: site-offline/ and site-offline.zip
	$(BIN)/mkdocs build --strict -f mkdocs-offline.yml
	rm -f site-offline.zip
	cd site-offline && ../$(BIN)/python -m zipfile -c ../site-offline.zip *

validate: install ## check the data files without building
	$(BIN)/python -m generator validate

test: install-test chromium ## lint, data checks, strict build and every test (browser included)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m generator validate
	$(BIN)/python -m generator schema --check
	$(BIN)/python -m pytest

# The tiers of tests/conftest.py, one at a time (`make test` runs them all).
test-fast: install-test ## in-process tests only (YAML in, page out): under 30 s
	$(BIN)/python -m pytest -q -m "not e2e and not browser"

test-e2e: install-test ## real mkdocs builds and serves, without the browser
	$(BIN)/python -m pytest -q -m "e2e and not browser"

test-browser: install-test chromium ## Chromium on the built site
	$(BIN)/python -m pytest -q -m browser

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

chromium: ## Debian's Chromium, driven by Playwright (never a downloaded browser)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

clean:
	rm -rf site site.partial site.previous site-offline site-offline.partial site-offline.zip .pytest_cache .ruff_cache
