# Two commands: `make install`, then `make run` (or `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_E2E := tests/e2e/node
IMAGE ?= cognito-emulator:dev

.PHONY: install run test test-durable lint bench docker operations

install:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	@if [ -f $(NODE_E2E)/package-lock.json ]; then \
		echo "npm ci in $(NODE_E2E)"; cd $(NODE_E2E) && npm ci --no-audit --no-fund --loglevel=error; \
	fi

# State survives restarts in .emulator-state/ (git-ignored; delete it to start over).
# Extra flags: make run ARGS='--port 0 --no-fixtures'
STATE_DIR ?= .emulator-state
run:
	$(BIN)/cognito-emulator --state-dir $(STATE_DIR) $(ARGS)

test:
	$(BIN)/python -m pytest -n auto -q

# The end-to-end tests with a state dir behind every emulator (CI runs both).
test-durable:
	E2E_DURABLE=1 $(BIN)/python -m pytest -n auto -q tests/e2e

lint:
	$(BIN)/ruff check emulator tests scripts benchmarks
	$(BIN)/mypy emulator benchmarks

bench:
	$(BIN)/python benchmarks/startup.py

docker:
	docker build -t $(IMAGE) .

operations:
	$(BIN)/python scripts/operations_table.py --write
