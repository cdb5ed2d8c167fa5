"""Query counts of the comment exports (consultations/urls.py, namespace exports)."""

import pytest

from .harness import PUBLIC_AND_SECRETARIAT, Page, audience, cases, check_page, together
from .taking_part import grow_comments, grow_rounds
from .texts import grow_instruments, grow_versions

pytestmark = pytest.mark.django_db

PAGES = [
    Page(
        "export page",
        lambda w, v: "/en/exports/",
        PUBLIC_AND_SECRETARIAT,
        together(grow_rounds, grow_versions, grow_instruments),
    ),
    *(
        Page(f"{scope} comments {fmt.upper()}", url, PUBLIC_AND_SECRETARIAT, grow_comments)
        for fmt in ("csv", "xlsx", "json")
        for scope, url in (
            ("round", lambda w, v, fmt=fmt: f"/en/exports/rounds/{w.round.pk}/comments.{fmt}{audience(v)}"),
            ("version", lambda w, v, fmt=fmt: f"/en/exports/texts/{w.instrument.slug}/v1/comments.{fmt}{audience(v)}"),
            ("instrument", lambda w, v, fmt=fmt: f"/en/exports/texts/{w.instrument.slug}/comments.{fmt}{audience(v)}"),
        )
    ),
    Page(
        "round comments XLSX, a sheet per provision",
        lambda w, v: f"/en/exports/rounds/{w.round.pk}/comments.xlsx?layout=by_provision&{audience(v)[1:]}",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
    ),
    Page(
        "compilation DOCX",
        lambda w, v: f"/en/exports/texts/{w.instrument.slug}/v1/compilation.docx{audience(v)}",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
    ),
]


@pytest.mark.parametrize(("page", "viewer"), cases(PAGES))
def test_query_count_does_not_grow_with_the_data(client, world, page, viewer):
    check_page(client, world, page, viewer)
