"""Users of a user pool: records, the indexed directory, attributes, passwords and codes."""
