# Thin targets; every one installs what it needs first. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
BROKER ?= memory
WS_DEMO_FEED ?= 1

.PHONY: install dev test contract generate check-generated check-breaking validate-spec lint typecheck pytest \
	test-ts test-browser goldens bench redis-server chromium

install: .venv/.stamp node_modules/.stamp web/dist/index.html

.venv/.stamp: requirements.lock
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.stamp: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The demo page's bundle (generated TS client + lightweight-charts), served by the app at /.
web/dist/index.html: node_modules/.stamp tools/build-web.mjs web/index.html web/demo.ts web/styles.css \
		$(wildcard generated/ts/dist/*.js)
	npm run --silent build:web

# make dev WORKERS=4 BROKER=redis: the workers share a Redis ($$REDIS_URL, else a local one started and stopped here).
dev: install $(if $(and $(filter redis,$(BROKER)),$(if $(REDIS_URL),,local)),redis-server)
	$(if $(filter-out memory redis,$(BROKER)),$(error BROKER must be memory or redis))
	WS_DEMO_FEED=$(WS_DEMO_FEED) $(if $(filter redis,$(BROKER)),python3 tools/redis_server.py run --) $(PY) -m app --host $(HOST) --port $(PORT) --workers $(WORKERS)

# Debian packages the tests need, installed only when missing.
redis-server:
	python3 tools/redis_server.py ensure

chromium:
	tools/ensure-chromium.sh

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
	for project in generated/ts tests/ts web tests/browser; do \
		node_modules/.bin/tsc -p $$project/tsconfig.json --noEmit || exit 1; done

pytest: install redis-server
	$(PY) -m pytest

test-ts: install
	node --import tsx --test tests/ts/*.test.ts

test: install check-generated check-breaking validate-spec lint typecheck pytest test-ts test-browser

# The contract suite against any running deployment: make contract URL=ws://host:port/api/v1/ws
contract: install
	CONTRACT_URL=$(URL) $(PY) -m pytest tests/contract/test_deployment.py

goldens: install
	UPDATE_GOLDENS=1 $(PY) -m pytest tests/codegen/test_golden.py

check-breaking: install
	$(PY) -m specdiff $(if $(BASE),--base $(BASE))

bench: install
	$(PY) -m bench.run $(BENCH_ARGS)

# The demo page in a real headless Chromium (Debian's, installed when missing; never a download).
test-browser: install chromium
	node --import tsx --test tests/browser/*.test.ts
