"""No page of the query-count set uses an `id` twice (labels, error links, counters and
aria-controls point at one element only), with the large dataset: every list grown, so every
repeated form, reply and panel is on the page."""

from html.parser import HTMLParser

import pytest

from .harness import MORE, SMALL, cases
from .test_consultations_pages import PAGES as CONSULTATION_PAGES
from .test_drafts_pages import PAGES as TEXT_PAGES
from .test_portal_pages import PAGES as PORTAL_PAGES

pytestmark = pytest.mark.django_db


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids.extend(value for name, value in attrs if name == "id")


def ids_used_twice(html):
    collector = IdCollector()
    collector.feed(html)
    seen = set()
    return sorted({value for value in collector.ids if value in seen or seen.add(value)})


NOT_HTML = {
    "healthz",
    "personal data (JSON)",
    "comment permalink",
    "submitted document",
    "version export AKN",
    "compare export (AKN)",
    "votes export CSV",
    "votes export JSON",
    "version export DOCX",
}
HTML_PAGES = [page for page in PORTAL_PAGES + TEXT_PAGES + CONSULTATION_PAGES if page.name not in NOT_HTML]


@pytest.mark.parametrize(("page", "viewer"), cases(HTML_PAGES))
def test_no_page_uses_an_id_twice(client, world, page, viewer):
    if viewer != "anonymous":
        client.force_login(world.users[viewer])
    page.grow(world, SMALL + MORE)
    response = client.get(page.url(world, viewer), **page.headers)
    assert "text/html" in response["Content-Type"], f"{page.name}: not a page (list it in NOT_HTML)"
    used_twice = ids_used_twice(response.content.decode())
    assert not used_twice, f"{page.name} as {viewer}: ids used more than once: {used_twice}"


def test_the_check_finds_a_duplicated_id():
    assert ids_used_twice('<p id="a"></p><form id="b"><input id="a"></form>') == ["a"]
