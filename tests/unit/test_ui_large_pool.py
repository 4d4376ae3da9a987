"""The dashboard stays fast on a pool of 100k users: each page of users is one ListUsers call
(50 users rendered), never all of them, with search and the next page as quick."""

from __future__ import annotations

import asyncio
import re
import time

import httpx

from emulator.app import create_app
from emulator.runtime import Emulator
from emulator.settings import Settings
from emulator.userpools.users.model import CONFIRMED, User

POOL = "us-east-1_localdemo"
USERS = 100_000
BUDGET = 1.5  # seconds per page, generous for a loaded CI machine; rendering 100k rows takes far longer


def _fill(emulator: Emulator) -> None:
    directory = emulator.store.user_pools[POOL].users
    for i in range(USERS):
        sub = f"00000000-0000-4000-8000-{i:012d}"
        attributes = {"sub": sub, "email": f"user{i:06d}@example.com"}
        directory.add(User(username=f"user{i:06d}", sub=sub, attributes=attributes, status=CONFIRMED,
                           created=0.0, modified=0.0))


async def _pages() -> list[tuple[float, str]]:
    emulator = Emulator(Settings())
    app = create_app(emulator.settings, emulator)
    _fill(emulator)
    timed: list[tuple[float, str]] = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost:9229") as client:
        async def get(url: str) -> str:
            started = time.perf_counter()
            response = await client.get(url)
            timed.append((time.perf_counter() - started, response.text))
            assert response.status_code == 200, response.text[:300]
            return response.text

        first = await get(f"/_emulator/ui/pools/{POOL}")
        next_url = re.search(r'href="([^"]+)" rel="next"', first)
        assert next_url is not None
        await get(next_url.group(1).replace("&amp;", "&"))
        await get(f"/_emulator/ui/pools/{POOL}?field=username&q=user0999")
        await get(f"/_emulator/ui/pools/{POOL}?field=email_exact&q=user054321%40example.com")
    return timed


def test_pages_of_a_100k_user_pool_render_50_users_quickly() -> None:
    (first_time, first), (second_time, second), (prefix_time, prefix), (exact_time, exact) = asyncio.run(_pages())
    assert ">100001<" in first  # the count: 100k plus the demo user
    rows = re.findall(r'username=[^"]*">(user\d{6}|demo)</a>', first)
    assert rows[:2] == ["demo", "user000000"] and len(rows) == 50
    assert re.findall(r'username=[^"]*">(user\d{6})</a>', second)[0] == "user000049" and "Page 2" in second
    assert len(re.findall(r'">(user0999\d\d)</a>', prefix)) == 50
    assert re.findall(r'">(user\d{6})</a>', exact) == ["user054321"]
    for seconds in (first_time, second_time, prefix_time, exact_time):
        assert seconds < BUDGET, (first_time, second_time, prefix_time, exact_time)
