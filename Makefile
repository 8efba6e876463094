# The two commands a newcomer needs: `make demo` and `make test`.
# Both create .venv with the package and its dependencies on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,redline]'
	$(BIN)/python -m compileall -q src
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## demo: build the example deal into output/bridge-example/
demo: $(STAMP)
	$(BIN)/dealdocs build deals/bridge-example.yaml

## test: run every test
test: $(STAMP)
	$(BIN)/python -m pytest

## check: check every term sheet in deals/
check: $(STAMP)
	$(BIN)/dealdocs check deals/*.yaml

clean:
	rm -rf $(VENV) output
