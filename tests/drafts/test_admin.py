"""The admin for drafters: instruments, and versions and provisions to read (the workspace writes them)."""

import pytest

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


def test_people_without_a_drafting_role_cannot_reach_the_drafts_admin(client, role_user):
    client.force_login(role_user(is_staff=True))
    assert client.get("/en/admin/drafts/version/", follow=True).status_code == 403
