# Reflect: `make run` to talk to the bot, `make test` to check everything.
# Both create .venv with Python 3.10 and install the locked dependencies first.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
# Python 3.10 (Rasa 3.6 supports 3.8-3.10): the pyenv one, or any python3.10 on PATH.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /root/.pyenv/versions/3.10*/bin/python3.10; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { echo $$p; break; }; done)
INSTALLED := $(VENV)/.installed

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: run test train bench install clean

run: install
	$(VENV)/bin/reflect run

train: install
	$(VENV)/bin/reflect train

test: install
	$(PY) -m pytest

# Reflect under load against a stock `rasa init` bot, in the same run (takes 15-30 minutes).
bench: install
	$(PY) benchmarks/load.py

install: $(INSTALLED)

$(INSTALLED): requirements.lock requirements-nodeps.lock pyproject.toml
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed (Rasa 3.6 does not run on newer Pythons). Install it, e.g. 'pyenv install 3.10'."; exit 1; }
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps --require-hashes -r requirements-nodeps.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	@touch $@

clean:
	rm -rf $(VENV) models .pytest_cache
