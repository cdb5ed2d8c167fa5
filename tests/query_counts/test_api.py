"""Query counts of the read API (consultations/api, mounted at /api/)."""

import pytest

from .harness import ANONYMOUS, Page, cases, check_page, together
from .taking_part import grow_comments, grow_paragraph_comments, grow_rounds
from .texts import grow_adoptions, grow_instruments, grow_text, grow_versions

pytestmark = pytest.mark.django_db

PAGES = [
    Page("API instruments", lambda w, v: "/api/instruments", ANONYMOUS, together(grow_instruments, grow_versions)),
    Page("API instrument", lambda w, v: f"/api/instruments/{w.instrument.slug}", ANONYMOUS, grow_versions),
    Page("API versions", lambda w, v: f"/api/instruments/{w.instrument.slug}/versions", ANONYMOUS, grow_versions),
    Page(
        "API provisions",
        lambda w, v: f"/api/instruments/{w.text.instrument.slug}/versions/1/provisions",
        ANONYMOUS,
        grow_text,
    ),
    Page("API adoptions", lambda w, v: "/api/instruments/adopted/adoptions", ANONYMOUS, grow_adoptions),
    Page("API rounds", lambda w, v: "/api/rounds", ANONYMOUS, grow_rounds),
    Page("API round", lambda w, v: f"/api/rounds/{w.round.pk}", ANONYMOUS, grow_rounds, lists=False),
    Page("API comments", lambda w, v: "/api/comments?limit=500", ("anonymous", "delegate"), grow_comments),
    Page(
        "API comments of a provision",
        lambda w, v: f"/api/comments?provision={w.provisions[1].key}&limit=500",
        ANONYMOUS,
        grow_paragraph_comments,
    ),
    Page(
        "API participation",
        lambda w, v: f"/api/participation?instrument={w.instrument.slug}",
        ANONYMOUS,
        grow_comments,
        lists=False,
    ),
    Page(
        "API description (OpenAPI)",
        lambda w, v: "/api/openapi.json",
        ANONYMOUS,
        together(grow_instruments, grow_rounds),
        lists=False,
    ),
    Page(
        "API documentation page",
        lambda w, v: "/api/docs",
        ANONYMOUS,
        together(grow_instruments, grow_rounds),
        lists=False,
    ),
]


@pytest.mark.parametrize(("page", "viewer"), cases(PAGES))
def test_query_count_does_not_grow_with_the_data(client, world, page, viewer):
    check_page(client, world, page, viewer)
