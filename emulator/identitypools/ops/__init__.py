"""cognito-identity operations; importing a module registers its operations. Nothing is
imported here (see ``emulator.operations``: on first use, or all at once)."""
