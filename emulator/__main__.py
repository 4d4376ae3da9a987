"""``python -m emulator``: same as the ``cognito-emulator`` console script."""

import gc
import sys

# No cyclic garbage collection while the emulator starts (see emulator.cli.main): set before the
# imports below, which are most of the objects a start creates.
gc.disable()

from emulator.cli import main  # noqa: E402

sys.exit(main())
