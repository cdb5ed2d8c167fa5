"""Every page of the query-count set, rendered with content that falls back to other languages
(names and titles only in English, texts in English, French and Arabic), in Arabic, Chinese and
Russian: every text in a language other than the page's is marked with its `lang` and `dir`."""

import pytest

from tests.marked_languages import unmarked

from . import test_consultations_pages, test_drafts_pages, test_exports, test_portal_pages
from .harness import SMALL

pytestmark = pytest.mark.django_db

PAGES = [
    page
    for module in (test_portal_pages, test_drafts_pages, test_consultations_pages, test_exports)
    for page in module.PAGES
]
LANGUAGES = ("ar", "zh-hans", "ru")


def html_pages():
    """One case per page answering HTML, as the viewer who sees the most on it."""
    return [pytest.param(page, id=page.name) for page in PAGES if page.status == 200]


@pytest.mark.parametrize("page", html_pages())
def test_every_foreign_language_text_is_marked(client, world, page):
    viewer = page.viewers[-1]
    if viewer != "anonymous":
        client.force_login(world.users[viewer])
    page.grow(world, SMALL)
    url = page.url(world, viewer)
    problems = {}
    for language in LANGUAGES:
        response = client.get(url.replace("/en/", f"/{language}/", 1), **page.headers)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            return  # an export or a redirect: its own tests check it
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found = unmarked(body.decode(), language)
        if found:
            problems[language] = found
    assert not problems, "\n".join(
        f"{lang}: {where}: {what}" for lang, found in problems.items() for where, what in found
    )
