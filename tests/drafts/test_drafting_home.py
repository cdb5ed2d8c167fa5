"""The drafters' own page of the drafting workspace, where they land after signing in: the
versions in editing (last change first, with who made it, how many provisions and which
languages are missing) and where a new version starts; an empty state that says what to do."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from drafts import services
from tests.conftest import TEST_TOTP_SECRET

from .test_pages import make_version

pytestmark = pytest.mark.django_db

HOME = "/en/drafting/"


def test_a_drafter_lands_on_the_drafting_workspace_after_signing_in(client, drafter):
    response = client.post("/en/accounts/login/", {"login": drafter.email, "password": "a-long-test-password"})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    if time.time() % 30 > 27:  # the code would expire on its way, as in the authenticator app
        time.sleep(30 - time.time() % 30)
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_the_versions_in_editing_last_change_first_with_who_and_what_is_missing(client, drafter, secretariat):
    published = make_version(drafter, 4)
    make_version(drafter, 2, slug="other", publish=False)
    editing = services.version_copy(version=published, by=drafter, label="Revised draft")
    paragraph = editing.provisions.get(label="2")
    services.provision_update(
        provision=paragraph, by=secretariat, base_revision=paragraph.revision, text_en="Paragraph 2, tightened."
    )
    client.force_login(drafter)
    page = client.get(HOME).content.decode()
    rows = re.findall(r"<tr>\s*<td>(.*?)</tr>", page, re.S)
    assert len(rows) == 2 and "/en/texts/text/v2/" in rows[0] and "/en/texts/other/v1/" in rows[1]
    newest = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rows[0]))
    assert "Revised draft" in newest and str(secretariat) in newest
    assert "<td>4</td>" in rows[0] and "<td>2</td>" in rows[1]
    # Article 1 has no French text, paragraphs 1 to 3 no Arabic; nothing is in es, ru, zh.
    assert "Arabic, Chinese, French, Russian, Spanish" in newest
    assert 'href="/en/texts/text/v1/new-version/"' in page and 'href="/en/texts/other/import/"' in page
    assert "/en/texts/other/v1/new-version/" not in page  # version 1 of "other" is not published


def test_with_nothing_in_editing_the_page_says_what_to_do(client, drafter):
    make_version(drafter, 2)
    client.force_login(drafter)
    page = client.get(HOME).content.decode()
    assert "No version is in editing. To start one, make a new version from a published one" in page
    assert 'href="/en/texts/text/v1/new-version/"' in page and 'href="/en/texts/text/import/"' in page


def test_only_drafters_and_the_secretariat_have_the_page(client, role_user):
    assert client.get(HOME)["Location"].startswith("/en/accounts/login/")
    client.force_login(role_user())
    assert client.get(HOME).status_code == 403
