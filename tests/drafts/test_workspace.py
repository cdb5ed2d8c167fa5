"""The drafting workspace's pages: tools on a version in editing, in-place editing of heading,
text and footnotes in two languages, moves without JavaScript, publishing with a label and a
changelog after seeing what will be frozen, a new version with its label, restore with a
confirmation that names the exact revision."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from reversion.models import Version as RevisionRecord

from drafts import services
from drafts.importer import import_bytes
from drafts.models import Version, VersionStatus

from .test_pages import make_version

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def editing(client, drafter):
    version = make_version(drafter, 4, publish=False)
    client.force_login(drafter)
    return version


def paragraph(version, label):
    return version.provisions.get(label=label, parent__isnull=False)


def test_a_version_in_editing_shows_the_workspace_tools(client, editing):
    html = client.get("/en/texts/text/v1/").content.decode()
    one = paragraph(editing, "1")
    assert f"/en/texts/text/v1/{one.key}/move/" in html
    assert 'name="where" value="up"' in html and f'hx-get="/en/texts/text/v1/{one.key}/edit/"' in html
    assert "/en/texts/text/v1/publish/" in html and "/en/texts/text/v1/new-version/" in html


def test_the_public_sees_no_tools_on_a_published_version(client, drafter):
    make_version(drafter, 3)
    client.logout()
    html = client.get("/en/texts/text/v1/").content.decode()
    assert "/move/" not in html and "/publish/" not in html and "/new-version/" not in html


def test_edit_in_place_heading_text_and_footnotes_in_two_languages(client, editing):
    one = paragraph(editing, "1")
    url = f"/en/texts/text/v1/{one.key}/edit/"
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="provision-form"' in html and 'name="footnotes_ar"' in html and 'name="heading_fr"' in html
    response = client.post(
        url,
        {
            "base_revision": one.revision,
            "kind": "paragraph",
            "label": "1",
            "heading_en": "Duty to cooperate",
            "text_en": "Paragraph 1 in English.",
            "footnotes_en": "First note.\r\n\r\nSecond note.",
            "text_fr": "Paragraphe 1 en français.",
            "footnotes_fr": "Première note.",
        },
    )
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.heading_en == "Duty to cooperate"
    assert one.footnotes_en == ["First note.", "Second note."] and one.footnotes_fr == ["Première note."]


def test_move_without_javascript_renumbers_and_a_stale_page_changes_nothing(client, editing):
    three = paragraph(editing, "3")
    url = f"/en/texts/text/v1/{three.key}/move/"
    response = client.post(url, {"where": "up", "base_revision": three.revision})
    assert response.status_code == 302
    assert [p.text_en for p in editing.provisions.filter(parent__isnull=False).order_by("position")] == [
        "Paragraph 1 in English.",
        "Paragraph 3 in English.",
        "Paragraph 2 in English.",
    ]
    three.refresh_from_db()
    assert three.label == "2"
    response = client.post(url, {"where": "up", "base_revision": 1}, follow=True)
    assert "changed this provision while you were editing it" in response.content.decode()
    three.refresh_from_db()
    assert three.label == "2"


def test_move_to_a_place_keeping_the_numbers(client, editing):
    one, three = paragraph(editing, "1"), paragraph(editing, "3")
    response = client.post(
        f"/en/texts/text/v1/{one.key}/move/",
        {"where": "after", "target": three.pk, "keep_numbers": "on", "base_revision": one.revision},
    )
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.label == "3bis"


def test_a_move_into_itself_is_refused_with_a_reason(client, editing):
    article = editing.provisions.get(label="Article 1")
    one = paragraph(editing, "1")
    response = client.post(
        f"/en/texts/text/v1/{article.key}/move/", {"where": "into", "target": one.pk, "base_revision": 1}
    )
    assert response.status_code == 200
    assert "cannot be moved inside itself" in response.content.decode()


def test_publish_shows_what_will_be_frozen_and_asks_about_missing_languages(client, editing):
    html = client.get("/en/texts/text/v1/publish/").content.decode()
    assert "4 provisions" in html
    assert re.search(r"not yet complete in:.*Arabic.*French", html, re.S)
    data = {"label": "Revised draft", "changelog": "Paragraph 2 tightened."}
    response = client.post("/en/texts/text/v1/publish/", data)
    assert response.status_code == 200 and "Confirm that it is published without them" in response.content.decode()
    editing.refresh_from_db()
    assert editing.status == VersionStatus.EDITING and editing.label_en == "Preliminary text"
    response = client.post("/en/texts/text/v1/publish/", {**data, "untranslated_ok": "on"})
    assert response.status_code == 302
    editing.refresh_from_db()
    assert (editing.status, editing.label_en, editing.changelog_en) == (
        VersionStatus.PUBLISHED,
        "Revised draft",
        "Paragraph 2 tightened.",
    )


def test_new_version_with_its_label_and_a_colliding_label_refused(client, drafter):
    make_version(drafter, 3)
    client.force_login(drafter)
    response = client.post("/en/texts/text/v1/new-version/", {"label": "Preliminary text"})
    assert response.status_code == 200 and "already labelled" in response.content.decode()
    response = client.post("/en/texts/text/v1/new-version/", {"label": "Revised draft"})
    assert response.status_code == 302 and response["Location"] == "/en/texts/text/v2/"
    new = Version.objects.get(number=2)
    assert (new.label_en, new.status, new.provisions.count()) == ("Revised draft", VersionStatus.EDITING, 3)


def test_restore_confirmation_names_the_exact_revision(client, editing, drafter):
    one = paragraph(editing, "1")
    services.provision_update(provision=one, by=drafter, base_revision=1, text_en="Changed once.")
    services.provision_update(provision=one, by=drafter, base_revision=2, text_en="Changed twice.")
    first = RevisionRecord.objects.get_for_object(one).order_by("pk").first()
    url = f"/en/texts/text/v1/{one.key}/history/{first.pk}/restore/"
    html = client.get(url).content.decode()
    stamp = timezone.localtime(first.revision.date_created).strftime("%Y-%m-%d %H:%M:%S")
    assert f"Revision {first.revision_id}, saved on {stamp}" in html
    assert "<del>Changed twice" in html and "<ins>Paragraph 1 in English" in html
    assert client.post(url, {"base_revision": 2}).status_code == 200  # someone saved in between
    one.refresh_from_db()
    assert one.text_en == "Changed twice."
    assert client.post(url, {"base_revision": 3}).status_code == 302
    one.refresh_from_db()
    assert one.text_en == "Paragraph 1 in English."
    note = RevisionRecord.objects.get_for_object(one).first().revision.comment
    assert note == f"Restored revision {first.revision_id} of {stamp}"


@pytest.fixture
def udhr(client, drafter):
    """The Universal Declaration of Human Rights, imported in English, in editing."""
    instrument = services.instrument_create(by=drafter, slug="udhr", title="Universal Declaration of Human Rights")
    document = import_bytes((CORPUS / "udhr.en.txt").read_bytes(), "udhr.txt", "en")
    client.force_login(drafter)
    return services.version_import(instrument=instrument, by=drafter, document=document, language="en", label="UDHR")


def translated(version, language):
    return [p for p in version.provisions.all() if p.value_in("text", language)]


def upload(client, name, language):
    with open(CORPUS / name, "rb") as handle:
        return client.post("/en/texts/udhr/v1/translation/", {"document": handle, "language": language})


def test_a_translation_is_previewed_beside_the_original_corrected_then_saved(client, udhr, drafter):
    html = upload(client, "udhr.es.txt", "es").content.decode()
    article_1 = udhr.provisions.get(label="Article 1", parent=None)
    assert f'name="text-{article_1.pk}"' in html and "All human beings are born free" in html
    assert not translated(udhr, "es")  # nothing written yet
    spanish = import_bytes((CORPUS / "udhr.es.txt").read_bytes(), "udhr.txt", "es")
    data = {"step": "apply", "language": "es", "title": spanish.title}
    for provision, parsed in services.translation_pairs(version=udhr, document=spanish):
        data[f"text-{provision.pk}"] = parsed.text
        data[f"notes-{provision.pk}"] = ""
        data[f"base-{provision.pk}"] = provision.revision
    data[f"text-{article_1.pk}"] = data[f"text-{article_1.pk}"] + " "  # a correction in the preview
    services.provision_update(provision=article_1, by=drafter, base_revision=article_1.revision, heading_en="Art.")
    response = client.post("/en/texts/udhr/v1/translation/", data)
    assert (
        response.status_code == 200 and "changed this provision while you were editing it" in response.content.decode()
    )
    assert not translated(udhr, "es")  # a conflict: nothing written
    data[f"base-{article_1.pk}"] = article_1.revision + 1
    response = client.post("/en/texts/udhr/v1/translation/", data)
    assert response.status_code == 302
    article_1.refresh_from_db()
    assert article_1.text_es.endswith(" ") and article_1.text_es.startswith("Todos los seres humanos nacen libres")
    assert len(translated(udhr, "es")) == len(translated(udhr, "en"))


def test_a_translation_of_another_structure_is_refused_at_upload(client, udhr):
    html = upload(client, "hrc-res-46-9.en.txt", "fr").content.decode()
    assert "the structures differ" in html or "The structures differ" in html
    assert not translated(udhr, "es")


def test_add_a_provision_after_another_from_its_page(client, editing):
    one = paragraph(editing, "1")
    url = f"/en/texts/text/v1/{one.key}/add/"
    assert 'name="keep_numbers"' in client.get(url).content.decode()
    response = client.post(url, {"kind": "paragraph", "language": "en", "text": "Inserted.", "keep_numbers": "on"})
    assert response.status_code == 302
    assert editing.provisions.get(text_en="Inserted.").label == "1bis"
    assert client.post(url, {"kind": "paragraph", "language": "en", "text": ""}).status_code == 200  # text needed
