# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1

.PHONY: install demo test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first and pinned: the CPU wheel; an unpinned torch would pull a multi-GB CUDA build
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[test,batch,ray,onnx]"
	touch $@

# The benchmarks' baselines and peers (dateparser, quantulum3, newspaper4k, resiliparse): only for `make bench`.
$(VENV)/.bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test,batch,ray,onnx,bench]"
	touch $@

install: $(VENV)/.installed

demo: install
	rm -rf report
	$(VENV)/bin/storyline run examples/corpus --out report

test: install
	$(PY) -m pytest

# Each writes its table to benchmarks/results/; BENCHMARKS.md summarises them. Reads ../shared/benchmarks.
bench: $(VENV)/.bench
	$(PY) benchmarks/extraction.py --write
	$(PY) benchmarks/extraction_speed.py --repeats 3
	$(PY) benchmarks/grouping.py --tune --write
	$(PY) benchmarks/timex.py --write
	$(PY) benchmarks/facts.py --write
	$(PY) benchmarks/quotes.py --limit 300 --write
	$(PY) benchmarks/throughput.py --runs 3

clean:
	rm -rf $(VENV) report storyline.db* .pytest_cache
