"""Reading, history and editing pages of texts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version as RevisionRecord

from drafts import services

pytestmark = pytest.mark.django_db


def make_version(drafter, count, slug="text", publish=True):
    instrument = services.instrument_create(by=drafter, slug=slug, title="Draft declaration")
    version = services.version_create(
        instrument=instrument, by=drafter, label="Preliminary text", original_language="en"
    )
    article = services.provision_create(
        version=version,
        by=drafter,
        kind="article",
        label="Article 1",
        texts={"en": "Right to international solidarity", "ar": "الحق في التضامن الدولي"},
    )
    for n in range(1, count):
        services.provision_create(
            version=version,
            by=drafter,
            kind="paragraph",
            label=str(n),
            parent=article,
            texts={"en": f"Paragraph {n} in English.", "fr": f"Paragraphe {n} en français."},
            footnotes={"en": [f"Note {n}."]},
        )
    if publish:
        services.version_publish(version=version, by=drafter, untranslated_ok=True)
    return version


def test_reading_page_shows_provisions_with_stable_anchors(client, drafter):
    version = make_version(drafter, 4)
    html = client.get("/en/texts/text/v1/").content.decode()
    for provision in version.provisions.all():
        assert f'id="{provision.key}"' in html and f'href="#{provision.key}"' in html
    assert "Paragraph 3 in English." in html and "Note 3." in html
    assert 'aria-label="Table of contents"' in html


def test_missing_translation_is_shown_as_missing_with_a_link_to_the_original(client, drafter):
    make_version(drafter, 3)
    html = client.get("/en/texts/text/v1/?text=ar").content.decode()
    assert "الحق في التضامن الدولي" in html
    assert "Not yet available in Arabic." in html
    assert "Paragraph 1 in English." not in html  # never silently replaced
    assert 'href="?text=en#' in html
    assert 'lang="ar" dir="rtl"' in html


def test_side_by_side_shows_two_languages(client, drafter):
    make_version(drafter, 3)
    html = client.get("/en/texts/text/v1/?text=en&beside=fr").content.decode()
    assert 'class="side-by-side"' in html
    assert "Paragraph 2 in English." in html and "Paragraphe 2 en français." in html


def test_unknown_text_language_is_a_404_not_a_500(client, drafter):
    make_version(drafter, 2)
    assert client.get("/en/texts/text/v1/?text=xx").status_code == 404
    assert client.get("/en/texts/text/v1/?beside=<script>").status_code == 404


def test_unpublished_version_is_hidden_from_the_public_but_drafters_read_it(client, drafter):
    make_version(drafter, 2, publish=False)
    assert client.get("/en/texts/text/v1/").status_code == 404
    assert "Preliminary text" not in client.get("/en/texts/text/").content.decode()
    client.force_login(drafter)
    assert client.get("/en/texts/text/v1/").status_code == 200


def test_instrument_page_lists_versions_with_translation_status(client, drafter):
    make_version(drafter, 3)
    html = client.get("/en/texts/text/").content.decode()
    assert "Preliminary text" in html
    assert "French: 2/3" in html and "Arabic: 1/3" in html


def test_reading_page_query_count_does_not_grow_with_the_text(client, drafter):
    make_version(drafter, 10, slug="small")
    make_version(drafter, 50, slug="large")  # five times as many provisions

    def count(url):
        client.get(url)  # warm-up: a session's first request records the session itself
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count("/en/texts/small/v1/?beside=fr") == count("/en/texts/large/v1/?beside=fr")
    client.force_login(drafter)
    assert count("/en/texts/small/v1/") == count("/en/texts/large/v1/")


def test_history_page_and_restore_by_a_drafter(client, drafter):
    version = make_version(drafter, 2, publish=False)
    paragraph = version.provisions.get(label="1")
    services.provision_update(
        provision=paragraph, by=drafter, base_revision=1, reason="Tightened", text_en="Paragraph one, revised."
    )
    url = f"/en/texts/text/v1/{paragraph.key}/history/"
    client.force_login(drafter)
    html = client.get(url).content.decode()
    assert "Tightened" in html and "<del>" in html and "<ins>" in html
    first = RevisionRecord.objects.get_for_object(paragraph).last()
    response = client.post(f"{url}{first.pk}/restore/", {"base_revision": 2})
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text_en == "Paragraph 1 in English."
    assert RevisionRecord.objects.get_for_object(paragraph).count() == 3


def test_restore_is_refused_to_other_roles_and_asks_first(client, drafter, role_user):
    version = make_version(drafter, 2, publish=False)
    paragraph = version.provisions.get(label="1")
    services.provision_update(provision=paragraph, by=drafter, base_revision=1, text_en="Changed.")
    first = RevisionRecord.objects.get_for_object(paragraph).last()
    url = f"/en/texts/text/v1/{paragraph.key}/history/{first.pk}/restore/"
    client.force_login(role_user("secretariat", mfa=True))  # reads the draft, may not restore
    assert client.post(url, {"base_revision": 2}).status_code == 403
    client.force_login(drafter)
    assert "Restore this revision" in client.get(url).content.decode()  # the confirmation, nothing done
    paragraph.refresh_from_db()
    assert paragraph.text_en == "Changed."


def test_edit_page_saves_through_the_service(client, drafter):
    version = make_version(drafter, 2, publish=False)
    paragraph = version.provisions.get(label="1")
    client.force_login(drafter)
    url = f"/en/texts/text/v1/{paragraph.key}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "base_revision": 1,
            "kind": "paragraph",
            "label": "1",
            "text_en": "New text.",
            "text_ar": "نص جديد",
            "reason": "typo",
        },
    )
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert (paragraph.text_en, paragraph.text_ar, paragraph.revision) == ("New text.", "نص جديد", 2)


def test_edit_page_is_closed_to_the_public_and_to_published_versions(client, drafter, role_user):
    version = make_version(drafter, 2)
    paragraph = version.provisions.get(label="1")
    url = f"/en/texts/text/v1/{paragraph.key}/edit/"
    assert client.get(url).status_code == 302  # to login
    client.force_login(role_user())
    assert client.get(url).status_code == 403
    client.force_login(drafter)
    response = client.get(url)  # published: refused, with the reason
    assert response.status_code == 403 and "can no longer be changed" in response.content.decode()


def test_split_and_merge_from_the_edit_page(client, drafter):
    version = make_version(drafter, 2, publish=False)
    paragraph = version.provisions.get(label="1")
    client.force_login(drafter)
    url = f"/en/texts/text/v1/{paragraph.key}/edit/"
    response = client.post(
        url,
        {
            "base_revision": 1,
            "kind": "paragraph",
            "label": "1",
            "text_en": "First part.\r\n---\r\nSecond part.",
            "text_fr": paragraph.text_fr,
            "split_label": "1bis",
        },
    )
    assert response.status_code == 302
    paragraph.refresh_from_db()
    new = version.provisions.get(label="1bis")
    assert (paragraph.text_en, new.text_en, new.parent_id) == ("First part.", "Second part.", paragraph.parent_id)
    client.post(f"/en/texts/text/v1/{paragraph.key}/merge/")
    paragraph.refresh_from_db()
    assert paragraph.text_en == "First part. Second part." and not version.provisions.filter(label="1bis").exists()


def test_split_without_a_label_is_refused(client, drafter):
    version = make_version(drafter, 2, publish=False)
    paragraph = version.provisions.get(label="1")
    client.force_login(drafter)
    response = client.post(
        f"/en/texts/text/v1/{paragraph.key}/edit/",
        {"base_revision": 1, "kind": "paragraph", "label": "1", "text_en": "A\n---\nB"},
    )
    assert response.status_code == 200 and "Give the new provision a label." in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.text_en == "Paragraph 1 in English."


def test_without_any_translation_in_the_interface_language_the_original_is_shown(client, drafter):
    make_version(drafter, 3)
    html = client.get("/ru/texts/text/v1/").content.decode()  # nothing in Russian: the original, said so
    assert "Paragraph 1 in English." in html and 'lang="en" dir="ltr"' in html
    assert "Paragraph 1 in English." not in client.get("/ru/texts/text/v1/?text=ru").content.decode()


def test_a_published_version_is_rendered_once_then_served_from_the_cache(client, drafter):
    from django.core.cache import cache

    cache.clear()
    make_version(drafter, 20)
    with CaptureQueriesContext(connection) as first:
        client.get("/en/texts/text/v1/?text=fr")
    with CaptureQueriesContext(connection) as second:
        html = client.get("/en/texts/text/v1/?text=fr").content.decode()
    assert len(second) < len(first) and "Paragraphe 19 en français." in html
    assert "Paragraph 19 in English." in client.get("/en/texts/text/v1/?text=en").content.decode()  # its own entry


def test_a_version_in_editing_is_never_served_from_the_cache(client, drafter):
    version = make_version(drafter, 3, publish=False)
    client.force_login(drafter)
    client.get("/en/texts/text/v1/")
    paragraph = version.provisions.get(label="1")
    services.provision_update(provision=paragraph, by=drafter, base_revision=1, text_en="Changed just now.")
    assert "Changed just now." in client.get("/en/texts/text/v1/").content.decode()
