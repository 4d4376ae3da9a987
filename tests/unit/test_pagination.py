"""emulator.wire.pagination: opaque tokens that never repeat or skip an item."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from emulator.wire.errors import InvalidParameterException
from emulator.wire.pagination import paginate


def walk(store: dict[str, int], limit: int) -> list[int]:
    seen: list[int] = []
    token: str | None = None
    for _ in range(100):
        page, token = paginate(list(store), list(store.values()), limit, token)
        assert len(page) <= limit
        seen += page
        if token is None:
            return seen
    raise AssertionError("paging never ended")


def test_single_page_has_no_token() -> None:
    page, token = paginate(["a", "b"], [1, 2], 60, None)
    assert page == [1, 2] and token is None


def test_empty_collection() -> None:
    assert paginate([], [], 10, None) == ([], None)


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 10])
def test_pages_cover_every_item_once(limit: int) -> None:
    store = {f"k{i:02}": i for i in range(10)}
    assert walk(store, limit) == list(range(10))


def test_exact_multiple_of_the_limit_ends_without_an_empty_page() -> None:
    page, token = paginate(["a", "b"], [1, 2], 1, None)
    page2, token2 = paginate(["a", "b"], [1, 2], 1, token)
    assert (page, page2, token2) == ([1], [2], None)


def test_items_are_in_key_order() -> None:
    page, _ = paginate(["c", "a", "b"], [3, 1, 2], 60, None)
    assert page == [1, 2, 3]


def test_token_is_opaque_and_fits_the_model_pattern() -> None:
    _, token = paginate(["secret-key-1", "secret-key-2"], [1, 2], 1, None)
    assert token and "secret-key" not in token and " " not in token


def test_deleting_the_named_item_neither_repeats_nor_skips() -> None:
    store = {"a": 1, "b": 2, "c": 3, "d": 4}
    page, token = paginate(list(store), list(store.values()), 2, None)
    assert page == [1, 2]
    del store["c"]  # the very key the token names
    page, token = paginate(list(store), list(store.values()), 2, token)
    assert page == [4] and token is None


def test_deleting_returned_items_does_not_shift_the_next_page() -> None:
    """Common cleanup loop: list a page, delete what it showed, ask for the next."""
    store = {f"k{i}": i for i in range(6)}
    page, token = paginate(list(store), list(store.values()), 2, None)
    for key in ("k0", "k1"):
        del store[key]
    page, token = paginate(list(store), list(store.values()), 2, token)
    assert page == [2, 3]


def test_items_added_after_the_token_are_seen_once() -> None:
    store = {"a": 1, "b": 2, "c": 3}
    page, token = paginate(list(store), list(store.values()), 2, None)
    store["z"] = 26
    rest, token = paginate(list(store), list(store.values()), 2, token)
    assert page + rest == [1, 2, 3, 26] and token is None


@pytest.mark.parametrize("token", [
    "garbage", "%%%", "AAAA", "/w==", "abc", "ünïcode",
    base64.urlsafe_b64encode(b"PaginationToken:a").decode(),  # another parameter's token
])
def test_foreign_tokens_are_refused(token: str) -> None:
    with pytest.raises(InvalidParameterException) as raised:
        paginate(["a", "b"], [1, 2], 1, token)
    assert raised.value.message == "Invalid NextToken provided."


def test_token_name_is_used_in_the_message_and_the_token() -> None:
    _, token = paginate(["a", "b"], [1, 2], 1, None, token_name="PaginationToken")
    assert token is not None
    assert paginate(["a", "b"], [1, 2], 1, token, token_name="PaginationToken")[0] == [2]
    with pytest.raises(InvalidParameterException) as raised:
        paginate(["a", "b"], [1, 2], 1, token)  # presented as a NextToken
    assert raised.value.message == "Invalid NextToken provided."
    with pytest.raises(InvalidParameterException, match="Invalid PaginationToken provided."):
        paginate(["a"], [1], 1, "junk", token_name="PaginationToken")


def test_zero_limit_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        paginate(["a"], [1], 0, None)


def test_ordered_pages_match_the_sorting_pager_and_survive_changes() -> None:
    """``paginate_ordered`` reads only a page from an index kept in order, with the same tokens
    and the same guarantees as ``paginate``: no repeats, no skipped survivors."""
    from sortedcontainers import SortedList

    from emulator.wire.pagination import paginate_ordered

    names = SortedList(f"user{i:03d}" for i in range(0, 100, 3))

    def ordered(start: str | None) -> Iterator[str]:
        return iter(names.irange(minimum=start or ""))

    assert paginate_ordered(ordered, str, 7, None) == paginate(list(names), list(names), 7, None)
    seen: list[str] = []
    token: str | None = None
    while True:
        page, token = paginate_ordered(ordered, str, 7, token)
        seen += page
        if token is None:
            break
        names.discard(page[-1])  # the item just shown goes away; one arrives behind the cursor
        names.add(page[0] + "a")
    assert seen == sorted(set(seen)) == [f"user{i:03d}" for i in range(0, 100, 3)]
