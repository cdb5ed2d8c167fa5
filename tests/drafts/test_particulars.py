"""A version's particulars (label, title and changelog in six languages, symbol, date) edited on
a page of the drafting workspace: saved with their revision, refused with the field named and
what was typed kept, refused on a published version, and refused when someone saved meanwhile."""

import datetime
import html as html_lib
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version as RevisionRecord

from drafts import services
from drafts.services.versions import particulars_stamp

from .test_pages import make_version

pytestmark = pytest.mark.django_db

URL = "/en/texts/text/v2/particulars/"
TITLE = "Draft declaration on the right to international solidarity"


@pytest.fixture
def editing(client, drafter):
    """Version 1 published, version 2 in editing."""
    published = make_version(drafter, 2)
    client.force_login(drafter)
    return services.version_copy(version=published, by=drafter, label="Revised draft")


@pytest.fixture
def published_with_symbol(drafter):
    version = make_version(drafter, 2, publish=False)
    services.version_update(version=version, by=drafter, symbol="A/HRC/35/35", title_en=TITLE)
    return services.version_publish(version=version, by=drafter, untranslated_ok=True)


def form_data(version, **values):
    data = {"base": particulars_stamp(version), "symbol": "", "date": "", "reason": ""}
    for name in services.versions.PARTICULARS:
        if name not in ("symbol", "date"):
            data[name] = getattr(version, name) or ""
    return {**data, **values}


def field_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html
    )
    return html_lib.unescape(match.group(1)) if match else None


def test_the_particulars_are_edited_in_two_languages_and_shown_on_the_version_page(client, drafter, editing):
    html = client.get("/en/texts/text/v2/").content.decode()
    assert f'href="{URL}"' in html
    page = client.get(URL).content.decode()
    assert field_value(page, "label_en") == "Revised draft" and 'name="title_ar"' in page
    response = client.post(
        URL,
        form_data(
            editing,
            label_fr="Projet révisé",
            title_en=TITLE,
            title_fr="Projet de déclaration sur le droit à la solidarité internationale",
            symbol="A/HRC/WG.20/2/2",
            date="2026-03-02",
            reason="Symbol received from Conference Services",
        ),
    )
    assert response.status_code == 302 and response["Location"] == "/en/texts/text/v2/"
    editing.refresh_from_db()
    assert (editing.label_fr, editing.title_en, editing.symbol, editing.date) == (
        "Projet révisé",
        TITLE,
        "A/HRC/WG.20/2/2",
        datetime.date(2026, 3, 2),
    )
    record = RevisionRecord.objects.get_for_object(editing).first().revision
    assert (record.user, record.comment) == (drafter, "Symbol received from Conference Services")
    html = client.get("/en/texts/text/v2/").content.decode()
    assert "A/HRC/WG.20/2/2" in html and TITLE in html


def test_bad_particulars_name_their_field_keep_what_was_typed_and_change_nothing(
    client, drafter, published_with_symbol
):
    editing = services.version_copy(version=published_with_symbol, by=drafter, label="Revised draft")
    client.force_login(drafter)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    before = {name: getattr(editing, name) for name in services.versions.PARTICULARS}
    response = client.post(
        URL,
        form_data(
            editing,
            label_en="Preliminary text",  # version 1's
            title_en="",
            title_fr="Projet de déclaration",
            symbol="a/hrc/35/35",  # version 1's, typed in lower case
            date=tomorrow.isoformat(),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    errors = dict(re.findall(r'<ul class="errorlist" id="id_(\w+)_error">\s*<li>(.*?)</li>', page))
    assert "already labelled “Preliminary text”" in errors["label_en"]
    assert "title of its text in its original language (English)" in errors["title_en"]
    assert "already that of version 1" in html_lib.unescape(errors["symbol"])
    assert "cannot be later than today" in errors["date"]
    assert field_value(page, "symbol") == "a/hrc/35/35" and field_value(page, "title_fr") == "Projet de déclaration"
    assert field_value(page, "date") == tomorrow.isoformat()
    editing.refresh_from_db()
    assert {name: getattr(editing, name) for name in services.versions.PARTICULARS} == before


def test_a_published_version_never_changes_its_particulars(client, drafter, published_with_symbol):
    client.force_login(drafter)
    response = client.get("/en/texts/text/v1/particulars/")
    assert response.status_code == 403 and "can no longer be changed" in response.content.decode()
    assert "/particulars/" not in client.get("/en/texts/text/v1/").content.decode()
    with pytest.raises(PermissionDenied):
        services.version_update(version=published_with_symbol, by=drafter, symbol="A/HRC/35/35/Corr.1")
    published_with_symbol.refresh_from_db()
    assert published_with_symbol.symbol == "A/HRC/35/35"


def test_a_stale_edit_is_refused_showing_theirs_and_a_second_save_wins(client, drafter, secretariat, editing):
    loaded = form_data(editing, title_en=TITLE)
    services.version_update(version=editing, by=secretariat, title_en="Draft declaration")
    response = client.post(URL, loaded)
    page = html_lib.unescape(response.content.decode())
    assert response.status_code == 200
    assert f"{secretariat} changed this version's particulars while you were editing them" in page
    assert "Saved meanwhile: “Draft declaration”" in page and field_value(page, "title_en") == TITLE
    editing.refresh_from_db()
    assert editing.title_en == "Draft declaration"
    again = {**loaded, "base": field_value(page, "base")}
    assert client.post(URL, again).status_code == 302
    editing.refresh_from_db()
    assert editing.title_en == TITLE
