.PHONY: install run test
install:
	python3 -m venv .venv && .venv/bin/pip install --upgrade pip && .venv/bin/pip install -e '.[test]'
run:
	.venv/bin/cognito-emulator
test:
	.venv/bin/python -m pytest -n auto -q
