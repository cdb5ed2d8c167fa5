"""The admin for drafters: lists, inline provisions, publish and new version with confirmation."""

import pytest

from drafts.models import Version, VersionStatus
from tests.drafts.test_pages import make_version

pytestmark = pytest.mark.django_db


def test_drafter_reaches_every_drafts_admin_page(client, drafter):
    version = make_version(drafter, 3, publish=False)
    provision = version.provisions.first()
    client.force_login(drafter)
    for url in [
        "/en/admin/",
        "/en/admin/drafts/version/",
        f"/en/admin/drafts/version/{version.pk}/change/",
        "/en/admin/drafts/provision/",
        f"/en/admin/drafts/provision/{provision.pk}/change/",
        f"/en/admin/drafts/provision/{provision.pk}/history/",
        "/en/admin/drafts/instrument/",
    ]:
        assert client.get(url).status_code == 200, url


def test_publish_action_asks_for_confirmation_first(client, drafter):
    version = make_version(drafter, 3, publish=False)
    client.force_login(drafter)
    data = {"action": "publish", "_selected_action": [version.pk]}
    response = client.post("/en/admin/drafts/version/", data)
    assert response.status_code == 200 and "freezes a version" in response.content.decode()
    assert Version.objects.get(pk=version.pk).status == VersionStatus.EDITING
    client.post("/en/admin/drafts/version/", {**data, "confirmed": "yes"})
    assert Version.objects.get(pk=version.pk).status == VersionStatus.PUBLISHED


def test_new_version_action_copies_the_version(client, drafter):
    version = make_version(drafter, 3)
    client.force_login(drafter)
    client.post(
        "/en/admin/drafts/version/", {"action": "new_version", "_selected_action": [version.pk], "confirmed": "yes"}
    )
    copy = Version.objects.get(instrument=version.instrument, number=2)
    assert copy.status == VersionStatus.EDITING
    assert sorted(copy.provisions.values_list("key", flat=True)) == sorted(
        version.provisions.values_list("key", flat=True)
    )


def test_stale_admin_edit_is_refused(client, drafter):
    version = make_version(drafter, 2, publish=False)
    provision = version.provisions.get(label="1")
    client.force_login(drafter)
    data = {
        "version": version.pk,
        "position": provision.position,
        "kind": "paragraph",
        "label": "1",
        "parent": provision.parent_id,
        "text_en": "Mine",
        "footnotes_en": "[]",
        "base_revision": 0,
    }
    response = client.post(f"/en/admin/drafts/provision/{provision.pk}/change/", data)
    assert response.status_code == 200 and "while you were editing" in response.content.decode()
    provision.refresh_from_db()
    assert provision.text_en == "Paragraph 1 in English."


def test_people_without_a_drafting_role_cannot_reach_the_drafts_admin(client, role_user):
    client.force_login(role_user(is_staff=True))
    assert client.get("/en/admin/drafts/version/", follow=True).status_code == 403
