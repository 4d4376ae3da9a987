"""The state dir's error, in a module of its own so the command line can catch it without
importing the SQLite store (sqlite3 loads only when there is a state dir)."""


class StateDirError(Exception):
    """The state dir cannot be used; the message says why and what to do."""
