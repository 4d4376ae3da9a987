"""ListUsers filter parsing and matching (users.search)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from emulator.userpools.users.directory import UserDirectory
from emulator.userpools.users.model import CONFIRMED, UNCONFIRMED, User
from emulator.userpools.users.search import PARSE_ERROR, Filter, matching_users, parse_filter
from emulator.wire.errors import InvalidParameterException


@pytest.mark.parametrize(("text", "expected"), [
    ('email = "a@b.c"', Filter("email", False, "a@b.c")),
    ('email="a@b.c"', Filter("email", False, "a@b.c")),
    ('  email ^=  "a"  ', Filter("email", True, "a")),
    ('cognito:user_status = "Confirmed"', Filter("cognito:user_status", False, "Confirmed")),
    ('name = "say \\"hi\\""', Filter("name", False, 'say "hi"')),
    ('name = "back\\\\slash"', Filter("name", False, "back\\slash")),
    ('username = ""', Filter("username", False, "")),
    ('sub ^= "1234"', Filter("sub", True, "1234")),
])
def test_parses(text: str, expected: Filter) -> None:
    assert parse_filter(text) == expected


@pytest.mark.parametrize("text", [None, "", "   "])
def test_blank_means_everyone(text: str | None) -> None:
    assert parse_filter(text) is None


@pytest.mark.parametrize("text", [
    "email", 'email = a', 'email == "a"', 'email != "a"', 'email = "unterminated',
    'email = "a" and name = "b"', 'email = "a"b"', '= "a"', 'email ~ "a"',
])
def test_malformed_filters_are_parse_errors(text: str) -> None:
    with pytest.raises(InvalidParameterException) as raised:
        parse_filter(text)
    assert raised.value.message == PARSE_ERROR


@pytest.mark.parametrize("attribute", ["custom:team", "locale", "email_verified", "address", "Email"])
def test_unsearchable_attributes_are_refused(attribute: str) -> None:
    with pytest.raises(InvalidParameterException) as raised:
        parse_filter(f'{attribute} = "x"')
    assert raised.value.message != PARSE_ERROR


def _user(name: str, email: str, status: str = CONFIRMED, enabled: bool = True) -> User:
    return User(name, f"sub-{name}", {"sub": f"sub-{name}", "email": email}, status, 0.0, 0.0, enabled=enabled)


@pytest.fixture
def directory() -> UserDirectory:
    users = UserDirectory()
    for user in (_user("amy", "amy@x.com"), _user("andy", "andy@y.com", UNCONFIRMED),
                 _user("bo", "bo@x.com", enabled=False)):
        users.add(user)
    return users


def _names(directory: UserDirectory, text: str) -> set[str]:
    return {u.username for u in matching_users(directory, parse_filter(text))}


def test_matching(directory: UserDirectory) -> None:
    assert _names(directory, 'email = "amy@x.com"') == {"amy"}
    assert _names(directory, 'email ^= "a"') == {"amy", "andy"}
    assert _names(directory, 'username = "bo"') == {"bo"}
    assert _names(directory, 'status = "Disabled"') == {"bo"}
    assert _names(directory, 'status = "disabled"') == set()  # case-sensitive
    assert _names(directory, 'cognito:user_status = "unconfirmed"') == {"andy"}  # case-insensitive
    assert _names(directory, 'sub = "sub-amy"') == {"amy"}
    assert _names(directory, "") == {"amy", "andy", "bo"}


class _NoScan(UserDirectory):
    def __iter__(self) -> Iterator[User]:
        raise AssertionError("an exact-match filter must not scan the users")


def test_exact_match_uses_the_index_at_scale() -> None:
    users = _NoScan()
    for i in range(100_000):
        users.add(_user(f"user{i}", f"user{i}@example.com"))
    assert [u.username for u in matching_users(users, parse_filter('email = "user99999@example.com"'))] == [
        "user99999"]
    assert [u.username for u in matching_users(users, parse_filter('username = "user5"'))] == ["user5"]
    assert list(matching_users(users, parse_filter('given_name = "nobody"'))) == []


def _paged(directory: UserDirectory, text: str, limit: int) -> list[str]:
    """Every page of a ListUsers chain, as list_users reads it (ordered reader or index)."""
    from emulator.userpools.users.search import ordered_reader
    from emulator.wire.pagination import paginate, paginate_ordered

    search, names, token = parse_filter(text), [], None
    while True:
        reader = ordered_reader(directory, search, limit)
        if reader is not None:
            page, token = paginate_ordered(reader, lambda u: u.username, limit, token)
        else:
            users = list(matching_users(directory, search))
            page, token = paginate([u.username for u in users], users, limit, token)
        names += [u.username for u in page]
        if token is None:
            return names


@pytest.mark.parametrize("prefix", ["", "u", "user1", "user12", "user123", "user9999", "x", "USER"])
def test_prefix_filters_page_like_a_scan_sparse_or_dense(prefix: str) -> None:
    """The value index (few matches) and the username walk (many) give the scan's answer."""
    users = UserDirectory()
    for i in range(1500):
        users.add(_user(f"n{(i * 7919) % 1500:04d}", f"user{i}@example.com"))
    _paged(users, 'email ^= "user1"', 60)  # the ordered values exist now: the changes below must keep them
    users.add(_user("late", "user12late@example.com"))
    users.remove(users.get("n0007"))  # type: ignore[arg-type]
    edited = users.get("n0008")
    assert edited is not None
    before = dict(edited.attributes)
    edited.attributes["email"] = "user12-renamed@example.com"
    users.reindex(edited, before)
    expected = sorted(u.username for u in users if u.attributes["email"].startswith(prefix))
    for limit in (1, 7, 60):
        assert _paged(users, f'email ^= "{prefix}"', limit) == expected


def test_users_sharing_a_value_are_found_together_until_each_leaves() -> None:
    """An email held by one user is indexed as that user, by several as holders by sub."""
    users = UserDirectory()
    for name in ("ann", "ben", "cat"):
        users.add(_user(name, "team@x.com"))
    users.add(_user("dan", "dan@x.com"))
    _paged(users, 'email ^= "team"', 60)  # the ordered values exist now: leaving must keep them true
    assert _names(users, 'email = "team@x.com"') == {"ann", "ben", "cat"}
    assert [u.username for u in users.with_value("email", "team@x.com")] == ["ann", "ben", "cat"]
    users.remove(users.get("ben"))  # type: ignore[arg-type]
    users.remove(users.get("ann"))  # type: ignore[arg-type]
    assert _names(users, 'email = "team@x.com"') == {"cat"}
    users.add(_user("eve", "team@x.com"))
    assert [u.username for u in users.with_value("email", "team@x.com")] == ["cat", "eve"]
    for name in ("cat", "eve"):
        users.remove(users.get(name))  # type: ignore[arg-type]
    assert _names(users, 'email = "team@x.com"') == set()
    assert _paged(users, 'email ^= "team"', 60) == [] and users.count_prefix("email", "team") == 0
    dan = users.get("dan")
    assert dan is not None
    before = dict(dan.attributes)
    dan.attributes["email"] = "team@x.com"
    users.reindex(dan, before)
    users.reindex(dan, dict(dan.attributes))  # re-indexing under the same value keeps one holder
    assert _names(users, 'email = "team@x.com"') == {"dan"} and _names(users, 'email = "dan@x.com"') == set()
    assert _paged(users, 'email ^= "team"', 60) == ["dan"]
