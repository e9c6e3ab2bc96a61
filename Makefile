# The README's commands. Each target installs what it needs into .venv (and node_modules).
PYTHON ?= python3
RENDERER ?= mkdocs
ROOT ?= .
ifeq ($(filter $(RENDERER),mkdocs zensical),)
$(error RENDERER must be mkdocs or zensical, not '$(RENDERER)')
endif
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check goldens lint bench setup setup-test setup-mkdocs setup-zensical chromium clean

serve: setup-$(RENDERER) ## build and serve the site at http://127.0.0.1:8000 with live reload (RENDERER=zensical: with Zensical)
	@# no bytecode files while serving: mkdocs.yml watches generator/, and a module imported late
	@# (the share cards) would write one there and start a second rebuild
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/python -m generator --root $(ROOT) serve --renderer $(RENDERER)

build: setup-$(RENDERER) ## validate, write the pages and build site/ with --strict (RENDERER=zensical: with Zensical)
	$(BIN)/python -m generator --root $(ROOT) build --renderer $(RENDERER)

check: setup ## validate seeds/ only (ROOT=DIR: another project's)
	$(BIN)/python -m generator --root $(ROOT) check

test: setup-test ## the whole suite: unit, golden, build, bad inputs, publishing, browser
	$(BIN)/python -m pytest

lint: setup-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

goldens: setup-test ## refresh the golden Markdown of the fixture story; review the diff
	$(BIN)/python -m tests.goldens

bench: setup-test ## benchmarks (not tests); results go to bench/RESULTS.md by hand
	$(BIN)/python bench/run.py

setup: $(VENV)/.installed node_modules/.installed

setup-mkdocs: setup

setup-zensical: setup $(VENV)/.installed-zensical

setup-test: setup $(VENV)/.installed-test chromium

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
		|| $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	touch $@

# the test tools and Zensical in one pip run (each run first re-checks the whole lock)
$(VENV)/.installed-test: $(VENV)/.installed requirements-dev.lock requirements-zensical.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock \
		-r requirements-dev.lock -r requirements-zensical.lock
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed-zensical

$(VENV)/.installed-zensical: $(VENV)/.installed requirements-zensical.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-zensical.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium: ## Debian's Chromium for the browser tests (never a downloaded browser), pdftotext for the print test
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; }

clean:
	rm -rf site .site.* .zensical .cache docs/.generated.json
