"""Query counts of the portal's pages: home, account, accreditation (portal/urls.py)."""

import pytest

from .harness import ANONYMOUS, PUBLIC_AND_SECRETARIAT, SECRETARIAT, Page, cases, check_page, together
from .people import (
    grow_audit,
    grow_invitations,
    grow_members,
    grow_organizations,
    grow_own_memberships,
    grow_own_requests,
    grow_pending_requests,
)
from .taking_part import grow_rounds
from .texts import grow_instruments

pytestmark = pytest.mark.django_db

PAGES = [
    Page("healthz", lambda w, v: "/healthz", ANONYMOUS, grow_organizations, lists=False),
    Page("home", lambda w, v: "/en/", PUBLIC_AND_SECRETARIAT, together(grow_rounds, grow_instruments)),
    Page("profile", lambda w, v: "/en/me/", ("delegate",), grow_own_memberships),
    Page("personal data (JSON)", lambda w, v: "/en/me/data.json", ("delegate",), grow_own_requests),
    Page("close account form", lambda w, v: "/en/me/close/", ("delegate",), grow_own_memberships, lists=False),
    Page("membership request form", lambda w, v: "/en/accreditation/request/", ("delegate",), grow_organizations),
    Page("accreditation requests", lambda w, v: "/en/accreditation/requests/", SECRETARIAT, grow_pending_requests),
    Page(
        "organization members",
        lambda w, v: f"/en/accreditation/organizations/{w.ngo.pk}/members/",
        SECRETARIAT,
        grow_members,
    ),
    Page("invitations", lambda w, v: "/en/accreditation/invitations/", SECRETARIAT, grow_invitations),
    Page("audit log", lambda w, v: "/en/accreditation/audit/", SECRETARIAT, grow_audit),
    Page(
        "invitation acceptance",
        lambda w, v: f"/en/invitation/{w.cache['token']}/",
        ANONYMOUS,
        grow_invitations,
        lists=False,
    ),
]


@pytest.mark.parametrize(("page", "viewer"), cases(PAGES))
def test_query_count_does_not_grow_with_the_data(client, world, page, viewer):
    check_page(client, world, page, viewer)
