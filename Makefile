# Each target makes its own .venv when missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: guide test lint format bench i18n clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Compiled once here, as pip does for a wheel: where PYTHONDONTWRITEBYTECODE is set, an
# editable install would compile every module again in each run (about 60 ms a build).
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

guide: $(STAMP)
	$(BIN)/pocketguide build --out output

# One test process per CPU (pytest-xdist): each builds its own shared PDFs once.
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

# Issue 6 timings, medians of 5 runs (a few minutes); writes benchmarks/results.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# Extract the templates' interface strings and merge them into every templates/i18n/<lang>.po.
i18n: $(STAMP)
	$(BIN)/pybabel --quiet extract -F babel.cfg --sort-output --add-location=file --no-wrap \
		--project=pocketguide --version=$$($(BIN)/python -c "import pocketguide; print(pocketguide.__version__)") \
		--header-comment="# Interface strings of pocketguide's templates." \
		-o templates/i18n/messages.pot templates
	for po in templates/i18n/*.po; do \
		$(BIN)/pybabel --quiet update --no-wrap --ignore-obsolete --ignore-pot-creation-date \
			-i templates/i18n/messages.pot -o $$po -l $$(basename $$po .po) || exit 1; \
	done

clean:
	rm -rf $(VENV) build dist output/*.pdf
