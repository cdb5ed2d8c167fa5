"""The secretariat's console, its landing page after sign-in: what needs attention now, counted
as people count (plurals of each language), each figure leading to where it is dealt with."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from consultations import services
from consultations.models import CoSignature
from portal.adapters import AccountAdapter
from portal.models import MembershipStatus, OutgoingEmail
from tests.consultations.fixtures import make_round, post_comment
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

CONSOLE = "/en/consultation/console/"


def test_the_console_says_what_needs_attention_now(
    client, version, secretariat, delegate, state_org, ngo_member, ngo, settings
):
    client.force_login(secretariat)
    page = client.get(CONSOLE).content.decode()
    for nothing in (
        "0 contributions waiting for moderation",
        "0 comments hidden by readers",
        "0 accreditation requests",
        "No round closes within 48 hours.",
        "None: every open round consults on the current version.",
    ):
        assert nothing in page

    settings.FLAG_HIDE_THRESHOLD = 1
    round = make_round(version, premoderated_kinds=["ngo"], closes_at=timezone.now() + timedelta(hours=30))
    make_round(version, title_en="Later round")  # closes in ten days: not listed
    post_comment(round, ngo_member, ngo)  # held for review
    hidden = post_comment(round, delegate, state_org, text="Reported")
    services.comment_flag(comment=hidden, by=MembershipFactory(organization=state_org).user, reason="Not ours.")
    misattributed = post_comment(round, delegate, state_org, text="Said to be Brazil's")
    services.comment_flag(
        comment=misattributed, by=MembershipFactory().user, reason="Brazil never said this.", kind="false_attribution"
    )
    MembershipFactory(status=MembershipStatus.PENDING)
    CoSignature.objects.create(comment=hidden, organization=OrganizationFactory())
    OutgoingEmail.objects.create(
        to="a@example.org", language="en", kind="reply", subject="S", body="B", status="failed"
    )

    page = client.get(CONSOLE).content.decode()
    for figure in (
        "1 contribution waiting for moderation",
        "2 comments hidden by readers",  # the false attribution report hid it too (threshold 1)
        "1 comment reported as falsely attributed",
        "1 accreditation request<",
        "1 co-signature waiting",
        "1 notification that could not be sent",
    ):
        assert figure in page, figure
    assert "Round</a> — closes in 1" in page and "Later round" not in page


def test_only_the_secretariat_has_a_console(client, drafter, delegate):
    for user in (drafter, delegate):
        client.force_login(user)
        assert client.get(CONSOLE).status_code == 403


def test_staff_land_on_their_work_after_signing_in(secretariat, drafter, delegate, role_user):
    from portal import roles

    def landing(user):
        request = RequestFactory().get("/en/accounts/login/")
        request.user = user
        return AccountAdapter().get_login_redirect_url(request)

    assert landing(secretariat) == CONSOLE
    assert landing(drafter) == "/en/drafting/"
    assert landing(delegate) == "/en/me/"
    assert landing(role_user(roles.SECRETARIAT, is_staff=True)) == "/en/me/"  # no second factor yet
