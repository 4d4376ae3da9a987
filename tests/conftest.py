"""Suite-wide collection rules."""

# Separate example projects, each run by tests/e2e/test_pytest_plugin.py as its own pytest session
# (its own rootdir and ini file), the way a project that installs the package would run them.
collect_ignore = ["plugin_example"]
