"""Query counts of the pages of texts (drafts/urls.py)."""

import pytest
from reversion.models import Version as RevisionRecord

from .harness import (
    ANONYMOUS,
    DRAFTER,
    PUBLIC_AND_SECRETARIAT,
    PUBLIC_AND_STAFF,
    SECRETARIAT,
    STAFF,
    Page,
    cases,
    check_page,
    together,
)
from .texts import (
    grow_adoptions,
    grow_editing_text,
    grow_history,
    grow_import_draft,
    grow_instruments,
    grow_pair,
    grow_restorable,
    grow_text,
    grow_versions,
)

pytestmark = pytest.mark.django_db

PAGES = [
    Page("adoption page", lambda w, v: "/en/texts/adopted/v1/adoption/", PUBLIC_AND_STAFF, grow_adoptions),
    Page("adoption page in Arabic", lambda w, v: "/ar/texts/adopted/v1/adoption/", ANONYMOUS, grow_adoptions),
    Page("votes over resolutions", lambda w, v: "/en/texts/adopted/votes/", PUBLIC_AND_STAFF, grow_adoptions),
    Page("votes export CSV", lambda w, v: "/en/texts/adopted/votes.csv", ANONYMOUS, grow_adoptions),
    Page("votes export JSON", lambda w, v: "/en/texts/adopted/votes.json", ANONYMOUS, grow_adoptions),
    Page(
        "adoption form",
        lambda w, v: "/en/texts/adopted/v1/adoption/enter/",
        SECRETARIAT,
        grow_adoptions,
        lists=False,
    ),
    Page("instrument list", lambda w, v: "/en/texts/", PUBLIC_AND_STAFF, grow_instruments),
    Page("instrument detail", lambda w, v: f"/en/texts/{w.instrument.slug}/", PUBLIC_AND_STAFF, grow_versions),
    Page("import form", lambda w, v: f"/en/texts/{w.instrument.slug}/import/", SECRETARIAT, grow_versions, lists=False),
    Page(
        "import preview",
        lambda w, v: f"/en/texts/{w.instrument.slug}/import/{w.import_draft.pk}/",
        SECRETARIAT,
        grow_import_draft,
    ),
    Page("compare page", lambda w, v: f"/en/texts/{w.pair.slug}/compare/?from=1&to=2", PUBLIC_AND_STAFF, grow_pair),
    Page(
        "compare fragment",
        lambda w, v: f"/en/texts/{w.pair.slug}/compare/fragment/?from=1&to=2&text=fr",
        PUBLIC_AND_SECRETARIAT,
        grow_pair,
        headers={"HTTP_HX_REQUEST": "true"},
    ),
    Page(
        "compare export (AKN)",
        lambda w, v: f"/en/texts/{w.pair.slug}/compare/export.xml?from=1&to=2",
        ANONYMOUS,
        grow_pair,
    ),
    Page("reading page", lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/", PUBLIC_AND_STAFF, grow_text),
    Page(
        "reading page side by side",
        lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/?text=ar&beside=fr",
        ANONYMOUS,
        grow_text,
    ),
    Page("reading page, version in editing", lambda w, v: "/en/texts/in-editing/v1/", STAFF, grow_editing_text),
    Page(
        "version export DOCX", lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/export.docx", ANONYMOUS, grow_text
    ),
    Page(
        "version export HTML",
        lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/export.html?text=fr",
        ANONYMOUS,
        grow_text,
    ),
    Page("version export AKN", lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/export.xml", ANONYMOUS, grow_text),
    Page(
        "provision edit form",
        lambda w, v: f"/en/texts/in-editing/v1/{w.cache['editing'].provisions.order_by('position')[1].key}/edit/",
        STAFF,
        grow_editing_text,
        lists=False,
    ),
    Page(
        "provision history",
        lambda w, v: f"/en/texts/{w.history.version.instrument.slug}/v1/{w.history.key}/history/",
        PUBLIC_AND_STAFF,
        grow_history,
    ),
]


def editing_key(w):
    return w.cache["editing"].provisions.order_by("position")[1].key


def first_record(provision):
    return RevisionRecord.objects.get_for_object(provision).order_by("pk").first().pk


WORKSPACE = [
    Page("drafting home", lambda w, v: "/en/drafting/", STAFF, together(grow_instruments, grow_editing_text)),
    Page("move form", lambda w, v: f"/en/texts/in-editing/v1/{editing_key(w)}/move/", STAFF, grow_editing_text),
    Page(
        "publish confirmation", lambda w, v: "/en/texts/in-editing/v1/publish/", STAFF, grow_editing_text, lists=False
    ),
    Page(
        "new version form", lambda w, v: "/en/texts/in-editing/v1/new-version/", STAFF, grow_editing_text, lists=False
    ),
    Page(
        "particulars form", lambda w, v: "/en/texts/in-editing/v1/particulars/", STAFF, grow_editing_text, lists=False
    ),
    Page(
        "restore confirmation",
        lambda w, v: f"/en/texts/restorable/v1/{w.restorable.key}/history/{first_record(w.restorable)}/restore/",
        DRAFTER,
        grow_restorable,
        lists=False,
    ),
]
PAGES += WORKSPACE


@pytest.mark.parametrize(("page", "viewer"), cases(PAGES))
def test_query_count_does_not_grow_with_the_data(client, world, page, viewer):
    check_page(client, world, page, viewer)
