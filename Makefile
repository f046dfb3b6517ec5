# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make serve   # the site at http://127.0.0.1:8000/ with live reload
#   make test    # the whole suite
# Both create .venv from the pinned lock (requirements.lock) when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
ADDR ?= 127.0.0.1:8000
LINTED := snippets tests tools

.PHONY: install serve build pdf frameworks test lint format update-output bench lock clean

install: $(STAMP)

# --no-compile: Python compiles each module when it is first imported instead
# of pip compiling every file of every package (26 s -> 15 s here; for PyTorch
# and JAX, 19 s -> 9 s).
$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile --require-hashes -r requirements.lock
	@touch $(STAMP)

serve: install
	SITE_URL=http://$(ADDR)/ NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr $(ADDR)

build: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The whole book as one PDF, printed from the built site (site/book.pdf).
pdf: install
	$(BIN)/python -m tools.book site

# PyTorch and JAX (CPU builds) for the autograd comparisons; optional for
# `make test`, which skips those tests without them; .ci/run installs them.
frameworks: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -r requirements-frameworks.txt

# One BLAS thread: the snippets' matrices are small, and two threads on two
# cores fight the test processes for them (the capstone ran 6x slower).
test: install
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/python tools/ruff_format.py --check $(LINTED)

format: install
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/python tools/ruff_format.py $(LINTED)

# Rewrite the `#>` output lines of snippets and pages from what the code prints
# (in place; a file whose number of printed lines changed is named instead).
update-output: install
	$(BIN)/python -m tools.update_output

bench: install
	$(BIN)/python -m tools.bench

# Re-pin every dependency, transitively, with hashes, from requirements.in.
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	rm -rf .venv-lock

clean:
	rm -rf site .cache build .pytest_cache
