"""Suite-wide collection rules."""

import os

# Separate example projects, each run by tests/e2e/test_pytest_plugin.py as its own pytest session
# (its own rootdir and ini file), the way a project that installs the package would run them.
collect_ignore = ["plugin_example"]

# Property-based tests (tests/unit/test_fuzz_*.py): no deadline (a shared CI machine is slow
# now and then), and under CI the same examples every run, so a red build can be reproduced.
from hypothesis import settings  # noqa: E402

settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
