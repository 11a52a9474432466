# Thin targets; every one installs what it needs first. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install dev test contract generate check-generated check-breaking validate-spec lint typecheck pytest test-ts goldens

install: .venv/.stamp node_modules/.stamp

.venv/.stamp: requirements.lock
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.stamp: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

dev: install
	WS_DEMO_FEED=1 $(PY) -m app --host $(HOST) --port $(PORT)

generate: install
	$(PY) -m codegen

check-generated: install
	$(PY) -m codegen --check

validate-spec: install
	node tools/validate-spec.mjs asyncapi.yaml

lint: install
	.venv/bin/ruff check .
	.venv/bin/mypy generated codegen specdiff app

typecheck: install
	node_modules/.bin/tsc -p generated/ts/tsconfig.json --noEmit && node_modules/.bin/tsc -p tests/ts/tsconfig.json --noEmit

pytest: install
	$(PY) -m pytest

test-ts: install
	node --import tsx --test tests/ts/*.test.ts

test: install check-generated check-breaking validate-spec lint typecheck pytest test-ts

# The contract suite against any running deployment: make contract URL=ws://host:port/api/v1/ws
contract: install
	CONTRACT_URL=$(URL) $(PY) -m pytest tests/contract/test_deployment.py

goldens: install
	UPDATE_GOLDENS=1 $(PY) -m pytest tests/codegen/test_golden.py

check-breaking: install
	$(PY) -m specdiff --base $(or $(BASE),HEAD~1)
