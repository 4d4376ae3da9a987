# Two commands on a fresh clone: `make run` and `make test`. Each first runs scripts/bootstrap,
# which creates or refreshes .venv (and tests/e2e/node's packages for `make test`) only when
# stale, and says nothing when there is nothing to do. `make install` does just that step.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
IMAGE ?= cognito-emulator:dev
BOOTSTRAP := PYTHON=$(PYTHON) VENV=$(VENV) scripts/bootstrap

.PHONY: install venv run test test-durable lint bench docker operations

install:
	@$(BOOTSTRAP)

venv:
	@$(BOOTSTRAP) --no-node

# State survives restarts in .emulator-state/ (git-ignored; delete it to start over).
# Extra flags: make run ARGS='--port 0 --no-fixtures'
STATE_DIR ?= .emulator-state
run: venv
	$(BIN)/cognito-emulator --state-dir $(STATE_DIR) $(ARGS)

test: install
	$(BIN)/python -m pytest -n auto -q

# The end-to-end tests with a state dir behind every emulator (CI runs both).
test-durable: install
	E2E_DURABLE=1 $(BIN)/python -m pytest -n auto -q tests/e2e

lint: venv
	$(BIN)/ruff check emulator tests scripts benchmarks
	$(BIN)/mypy emulator benchmarks

# The whole performance table (issue #14): the emulator beside the floor app and moto's server.
bench: venv
	$(BIN)/python benchmarks/bench.py --compare moto

docker:
	docker build -t $(IMAGE) .

operations: venv
	$(BIN)/python scripts/operations_table.py --write
