# The two commands of the README, and what they stand on.
#   make site   set up the environment from the lock file and build site/
#   make test   set up the environment (and Chromium) and run every test
#   make serve  live preview on http://127.0.0.1:8000/centre-de-ressources/ (PORT=… for another port)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check lint typecheck browser lock bench new screenshots clean

# pip first, at the lock's version: the pip a new venv comes with (23.2 for
# Python 3.11.7) refuses a locked requirement with extras (the rss plugin's
# CacheControl[filecache]) as unpinned once a newer release of it is out.
$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	sed -n '/^pip==/,/# via/p' requirements.lock > $(VENV)/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(VENV)/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	rm -f $(VENV)/lib/python*/site-packages/commons.pth  # the path file older checkouts wrote
	touch $@

# Build into a fresh folder, then swap it in: a failed build leaves the
# previous site/ whole.
site: $(READY)
	$(BIN)/python scripts/build_site.py

# The live preview, under site_url's sub-path as on GitHub Pages: the site is
# built once, then each save renders again only the pages it changes, and a
# mistake shows as a list atop every page instead of holding every request
# (src/live_preview/); make site and CI stay strict.
PORT ?= 8000
serve: $(READY)
	$(BIN)/python scripts/preview.py --port $(PORT)

check: $(READY)
	$(BIN)/python scripts/check.py

# A new resource: asks what it needs, or takes flags through ARGS, e.g.
#   make new ARGS='--type guide --title "Mon titre"'
new: $(READY)
	$(BIN)/python scripts/new.py $(ARGS)

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(READY)
	$(BIN)/mypy

# The Nu HTML Checker (npm's vnu-jar, pinned in package-lock.json), run with Java.
$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# System packages the tests drive: Debian's Chromium, a Java runtime, Node.js.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }

# On every core; a test file stays on one worker, so that its module fixtures
# (a built site) are built once. `-n 0` runs the suite in one process.
test: $(READY) browser $(NODE_READY) lint typecheck
	$(BIN)/python -m pytest -n auto --dist loadfile

# A PNG of every page template at 1280 and 390 px, for reviewers to look at.
screenshots: site browser
	$(BIN)/python scripts/screenshots.py site --out screenshots

bench: $(READY)
	$(BIN)/python scripts/bench.py

lock:
	$(BIN)/pip-compile --quiet --extra test --generate-hashes --allow-unsafe --strip-extras \
		-o requirements.lock pyproject.toml

clean:
	rm -rf site .site-new .site-ready .site-old .site.lock screenshots $(VENV) node_modules
