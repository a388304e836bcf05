# Two entry points for a fresh machine (see README.md):
#   make course   set everything up, then open the course in JupyterLab
#   make test     set everything up, check the house style (ruff), run the whole test suite
#   make test-tf  run the whole course on real TensorFlow 2.21 (.venv-tf) and compare its outputs;
#                 check every recording from TensorFlow is current (scripts/record_tf_*.py --check,
#                 where TensorFlow also reads the checkpoints learntf writes) and that TensorFlow
#                 loads learntf's SavedModels
# Everything lives in a local virtual environment (.venv); the only thing installed
# outside it is the operating system's graphviz package, when `dot` is missing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup course test test-tf difftest conformance benchmark clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	bash scripts/ensure-graphviz.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[course,dev,summaries]'
	touch $(STAMP)

course: setup
	$(PY) -m course open 0

test: setup
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	$(PY) -m pytest

# The lessons and masters on real TensorFlow, in their own .venv-tf (TensorFlow never goes into .venv);
# every cell's output is compared with learntf's stored one (course/tf_parity.py).
test-tf: setup
	bash scripts/ensure-tf-venv.sh
	.venv-tf/bin/python -m course.tf_parity
	for script in scripts/record_tf_*.py; do .venv-tf/bin/python $$script --check || exit 1; done
	rm -rf .tf-check && $(PY) scripts/write_learntf_saved_models.py .tf-check/saved_models
	.venv-tf/bin/python scripts/record_tf_saved_models.py --load-learntf .tf-check/saved_models
	rm -rf .tf-check

# Random programs from a seed, run on real TensorFlow (.venv-tf) and on learntf, compared
# (tests/differential/runner.py): prints the agreement and the disagreements by category.
SEED ?= 0
N    ?= 2000
difftest: setup
	bash scripts/ensure-tf-venv.sh
	TF_PYTHON=.venv-tf/bin/python $(PY) tests/differential/runner.py --seed $(SEED) -n $(N)

benchmark: setup
	$(PY) -m pytest tests/benchmarks -o python_files="bench_*.py" --benchmark-columns=min,median,max

clean:
	rm -rf $(VENV) *.egg-info
