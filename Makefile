# Two commands: `make install`, then `make run` (or `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_E2E := tests/e2e/node
IMAGE ?= cognito-emulator:dev

.PHONY: install run test lint bench docker operations

install:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	@if [ -f $(NODE_E2E)/package-lock.json ]; then \
		echo "npm ci in $(NODE_E2E)"; cd $(NODE_E2E) && npm ci --no-audit --no-fund --loglevel=error; \
	fi

# Extra flags: make run ARGS='--port 0 --no-fixtures'
run:
	$(BIN)/cognito-emulator $(ARGS)

test:
	$(BIN)/python -m pytest -n auto -q

lint:
	$(BIN)/ruff check emulator tests scripts benchmarks
	$(BIN)/mypy emulator benchmarks

bench:
	$(BIN)/python benchmarks/startup.py

docker:
	docker build -t $(IMAGE) .

operations:
	$(BIN)/python scripts/operations_table.py --write
