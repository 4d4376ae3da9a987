"""``python -m emulator``: same as the ``cognito-emulator`` console script."""

import sys

from emulator.cli import main

sys.exit(main())
