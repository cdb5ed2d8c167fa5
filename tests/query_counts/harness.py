"""The check every page gets: one GET with the small dataset, one with five times as much,
the same number of queries."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL = 2  # rows of each kind in the small dataset
MORE = 8  # rows added for the large one: 10 in all, five times as many

ANONYMOUS = ("anonymous",)
SECRETARIAT = ("secretariat",)
STAFF = ("secretariat", "drafter")
DRAFTER = ("drafter",)
PUBLIC_AND_SECRETARIAT = ("anonymous", "secretariat")
PUBLIC_AND_STAFF = ("anonymous", "secretariat", "drafter")


@dataclass
class Page:
    name: str
    url: Callable  # (world, viewer) -> address, read after each growth
    viewers: tuple
    grow: Callable  # (world, n): add n more of what the page lists
    status: int = 200
    lists: bool = True  # the large dataset makes a larger body (a check that the growth shows)
    headers: dict = field(default_factory=dict)


def audience(viewer):
    """The secretariat exports everything; anyone else the public export."""
    return "?audience=secretariat" if viewer == "secretariat" else ""


def together(*makers):
    def grow(w, n):
        for make in makers:
            make(w, n)

    return grow


def cases(pages):
    """One test case per page and viewer."""
    return [pytest.param(page, viewer, id=f"{page.name} as {viewer}") for page in pages for viewer in page.viewers]


def measure(client, page, world, viewer, *, warm_up):
    """(queries, body) of one GET of the page, with an empty cache (and after a first request
    that records the session, for the first count)."""
    url = page.url(world, viewer)

    def get():
        response = client.get(url, **page.headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    if warm_up:
        get()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response, body = get()
    assert response.status_code == page.status, f"{page.name} as {viewer}: {url} answered {response.status_code}"
    return len(queries), body


def check_page(client, world, page, viewer):
    if viewer != "anonymous":
        client.force_login(world.users[viewer])
    page.grow(world, SMALL)
    small, small_body = measure(client, page, world, viewer, warm_up=True)
    page.grow(world, MORE)
    large, large_body = measure(client, page, world, viewer, warm_up=False)
    print(f"\nQUERY COUNT | {page.name} | {viewer} | {small} | {large}")
    assert small == large, (
        f"{page.name} as {viewer}: {small} queries with the small dataset, {large} with {(SMALL + MORE) // SMALL}× as much data "
        f"({page.url(world, viewer)}): a query per row (N+1)"
    )
    if page.lists:
        assert len(large_body) > len(small_body), f"{page.name} as {viewer}: the added data does not show on the page"
