"""The CSV file of a user import, with the rules AWS documents for it ("Formatting the CSV
file", developer guide): the header is GetCSVHeader's columns in any order; every column is
present, a value may be empty; ``cognito:username`` and ``cognito:mfa_enabled`` are required;
string values are not quoted and a comma inside a value is written ``\\,``; at least one of the
pool's auto-verified attributes is ``true`` for each user (the only one, when there is one),
with its email or phone number; required schema attributes have values."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from emulator.userpools.model import UserPool
from emulator.wire.errors import InvalidParameterException

USERNAME, MFA_ENABLED = "cognito:username", "cognito:mfa_enabled"
_NOT_IMPORTED = ("sub", "identities")
_VERIFIED = {"email": "email_verified", "phone_number": "phone_number_verified"}


class UnreadableFile(Exception):
    """The whole job fails [doc]: Cognito cannot parse the file."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # line number in the file, as AWS's CloudWatch log names rows
    username: str
    attributes: dict[str, str]
    mfa_enabled: bool


def csv_header(pool: UserPool) -> list[str]:
    """The pool's attributes in schema order (custom ones included), without ``sub`` and
    ``identities`` (Cognito's own), then AWS's two columns [doc: sample response of
    get-csv-header; obs: a real answer with a custom attribute]."""
    return [name for name in pool.schema if name not in _NOT_IMPORTED] + [MFA_ENABLED, USERNAME]


def read_rows(pool: UserPool, data: bytes) -> tuple[list[str], list[list[str]]]:
    """The header and the rows, or UnreadableFile."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile("The file is not UTF-8.") from None
    reader = csv.reader(io.StringIO(text), delimiter=",", quoting=csv.QUOTE_NONE, escapechar="\\", strict=True)
    try:
        lines = [line for line in reader if line]
    except csv.Error:
        raise UnreadableFile("The file is not a valid CSV file.") from None
    if not lines:
        raise UnreadableFile("The file has no header row.")
    header, rows = [name.strip() for name in lines[0]], lines[1:]
    expected = csv_header(pool)
    if sorted(header) != sorted(expected):
        raise UnreadableFile("The header row does not match the user pool's CSV header.")
    if any(len(row) != len(header) for row in rows):
        raise UnreadableFile("A row does not have one value per header column.")
    return header, rows


def parse_row(pool: UserPool, header: list[str], values: list[str], line: int) -> Row:
    """One user, or InvalidParameterException saying why the row fails."""
    given = dict(zip(header, values, strict=True))
    username = given.pop(USERNAME)
    mfa = given.pop(MFA_ENABLED).strip().lower()
    if not username:
        raise InvalidParameterException("cognito:username is required.")
    if mfa not in ("true", "false"):
        raise InvalidParameterException("cognito:mfa_enabled must be true or false.")
    attributes = {name: value for name, value in given.items() if value != ""}
    for flag in _VERIFIED.values():
        if flag in attributes:
            attributes[flag] = attributes[flag].lower()
    auto = [name for name in pool.auto_verified_attributes if name in _VERIFIED]
    verified = [name for name in auto if attributes.get(_VERIFIED[name]) == "true"]
    if not verified or (len(auto) == 1 and verified != auto):
        raise InvalidParameterException("The User Record does not set any of the auto verified attributes to "
                                        "true. (Example: email_verified to true).")  # [doc: the log line]
    for name in verified:
        if not attributes.get(name):
            raise InvalidParameterException(f"{_VERIFIED[name]} is true but {name} has no value.")
    if mfa == "true" and not attributes.get("phone_number"):
        raise InvalidParameterException("cognito:mfa_enabled is true but phone_number has no value.")
    return Row(line, username, attributes, mfa == "true")

