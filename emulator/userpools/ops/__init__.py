"""One function per cognito-idp operation, grouped by area; importing a module registers its
operations. Nothing is imported here: the app imports a module on the first call of one of its
operations, and ``emulator.operations.load_operations`` imports them all."""
