"""Finding 2: a superuser signed in with the password only (the state createsuperuser leaves an
account in) had every staff power but /admin/. A superuser is staff like the others: nothing
until a second factor is set up; then everything."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from consultations.models import Comment, Confidentiality, ModerationState, SubmissionFile
from drafts import services as text_services
from portal.models import Invitation
from tests.conftest import give_totp
from tests.consultations.fixtures import make_round, post_comment, post_submission

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def superuser(role_user):
    return role_user(is_staff=True, is_superuser=True)


@pytest.fixture
def world(version, questionnaire, delegate, state_org, drafter):
    round = make_round(
        version, questionnaire=questionnaire, premoderated_kinds=["member_state"], allows_submissions=True
    )
    pending = post_comment(round, delegate, state_org, "Held for review.")
    submission = post_submission(
        round,
        delegate,
        state_org,
        "Our views.",
        [SimpleUploadedFile("views.pdf", PDF)],
        confidentiality=Confidentiality.SECRETARIAT,
    )
    editing = text_services.version_copy(version=version, by=drafter, label="Revised draft")
    return {
        "round": round,
        "pending": pending,
        "document": SubmissionFile.objects.get(submission=submission),
        "editing": editing,
        "provision": editing.provisions.first(),
    }


def staff_pages(world):
    slug, number = world["editing"].instrument.slug, world["editing"].number
    return [
        "/en/accreditation/audit/",
        "/en/accreditation/invitations/",
        "/en/accreditation/requests/",
        "/en/consultation/moderation/",
        "/en/consultation/moderation/metrics/",
        f"/en/consultation/rounds/{world['round'].pk}/questionnaire/replies/",
        f"/en/exports/rounds/{world['round'].pk}/comments.csv?audience=secretariat",
        f"/en/texts/{slug}/v{number}/",
        f"/en/texts/{slug}/v{number}/{world['provision'].key}/edit/",
        f"/en/texts/{slug}/import/",
        f"/en/consultation/documents/{world['document'].pk}/",
        "/en/admin/",
        "/en/admin/drafts/version/",
    ]


def test_without_a_second_factor_a_superuser_has_no_staff_power(client, superuser, world):
    client.force_login(superuser)
    for url in staff_pages(world):
        assert client.get(url).status_code in (302, 403, 404), url
    client.post("/en/accreditation/invitations/", {"email": "new@example.org", "role": "delegate"})
    client.post(
        f"/en/consultation/moderation/comment/{world['pending'].pk}/decide/",
        {"action": "publish", "expected_state": "pending"},
    )
    assert not Invitation.objects.exists()
    assert Comment.objects.get(pk=world["pending"].pk).state == ModerationState.PENDING
    refusal = client.get("/en/consultation/moderation/").content.decode()
    assert "two-factor authentication" in refusal  # the 403 says why


def test_with_a_second_factor_a_superuser_has_them_all(client, superuser, world):
    client.force_login(give_totp(superuser))
    for url in staff_pages(world):
        assert client.get(url).status_code == 200, url
    client.post(
        f"/en/consultation/moderation/comment/{world['pending'].pk}/decide/",
        {"action": "publish", "expected_state": "pending"},
    )
    assert Comment.objects.get(pk=world["pending"].pk).state == ModerationState.PUBLISHED


def test_createsuperuser_says_a_second_factor_comes_first(db):
    out = io.StringIO()
    call_command("createsuperuser", email="root@example.org", display_name="Root", interactive=False, stdout=out)
    assert "two-factor authentication" in out.getvalue() and "no staff power" in out.getvalue()
