"""Accreditation: requests, decisions, focal points, invitations, closing accounts, audit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal import services
from portal.models import (
    AuditAction,
    AuditEntry,
    Invitation,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OutgoingEmail,
    OutgoingEmailStatus,
)
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ngo():
    return OrganizationFactory(name_en="Solidarity NGO")


@pytest.fixture
def focal_point(ngo):
    return MembershipFactory(organization=ngo, role=MembershipRole.FOCAL_POINT).user


def test_request_then_secretariat_approves_with_audit(ngo, secretariat):
    person = UserFactory()
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")
    membership = services.membership_request(
        user=person, role=MembershipRole.DELEGATE, organization=ngo, note="I work there", letter=letter
    )
    assert membership.status == MembershipStatus.PENDING and membership.letter.name.endswith(".pdf")
    services.membership_decide(membership=membership, by=secretariat, approve=True)
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == (MembershipStatus.APPROVED, secretariat)
    actions = list(AuditEntry.objects.order_by("at", "pk").values_list("action", flat=True))
    assert actions == [AuditAction.MEMBERSHIP_REQUESTED, AuditAction.MEMBERSHIP_APPROVED]


def test_refusal_needs_a_reason_the_person_sees(ngo, secretariat, client):
    person = UserFactory()
    membership = services.membership_request(user=person, role=MembershipRole.MEMBER, organization=ngo)
    with pytest.raises(ValidationError, match="reason"):
        services.membership_decide(membership=membership, by=secretariat, approve=False, reason=" ")
    services.membership_decide(
        membership=membership, by=secretariat, approve=False, reason="No letter from the organization."
    )
    client.force_login(person)
    assert "No letter from the organization." in client.get("/en/me/").content.decode()


def test_a_decided_request_cannot_be_decided_again(ngo, secretariat):
    membership = services.membership_request(user=UserFactory(), role=MembershipRole.MEMBER, organization=ngo)
    services.membership_decide(membership=membership, by=secretariat, approve=True)
    with pytest.raises(ValidationError, match="already decided"):
        services.membership_decide(membership=membership, by=secretariat, approve=False, reason="Too late")
    assert Membership.objects.get(pk=membership.pk).status == MembershipStatus.APPROVED


def test_focal_point_decides_for_colleagues_only(ngo, focal_point):
    colleague = services.membership_request(user=UserFactory(), role=MembershipRole.MEMBER, organization=ngo)
    services.membership_decide(membership=colleague, by=focal_point, approve=True)
    other = services.membership_request(
        user=UserFactory(), role=MembershipRole.MEMBER, organization=OrganizationFactory()
    )
    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=other, by=focal_point, approve=True)
    assert Membership.objects.get(pk=other.pk).status == MembershipStatus.PENDING
    services.membership_revoke(
        membership=Membership.objects.get(pk=colleague.pk), by=focal_point, reason="Left the organization"
    )
    assert Membership.objects.get(pk=colleague.pk).status == MembershipStatus.REVOKED


def test_focal_point_cannot_decide_through_a_forged_id(client, ngo, focal_point):
    other = services.membership_request(
        user=UserFactory(), role=MembershipRole.MEMBER, organization=OrganizationFactory()
    )
    client.force_login(focal_point)
    response = client.post(f"/en/accreditation/requests/{other.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 403
    assert Membership.objects.get(pk=other.pk).status == MembershipStatus.PENDING


def test_proposed_organization_is_verified_before_its_members(secretariat):
    person = UserFactory()
    membership = services.membership_request(
        user=person,
        role=MembershipRole.DELEGATE,
        new_organization={"name": "New Rights Network", "kind": "ngo", "acronym": "NRN"},
    )
    assert membership.organization.verified is False
    with pytest.raises(ValidationError, match="Verify the organization"):
        services.membership_decide(membership=membership, by=secretariat, approve=True)
    services.organization_verify(organization=membership.organization, by=secretariat)
    services.membership_decide(membership=membership, by=secretariat, approve=True)


def test_expert_in_personal_capacity(secretariat):
    membership = services.membership_request(user=UserFactory(), role=MembershipRole.EXPERT)
    assert membership.organization is None
    services.membership_decide(membership=membership, by=secretariat, approve=True)


class TestRequestBadInput:
    def test_unverified_or_missing_organization(self):
        person = UserFactory()
        with pytest.raises(ValidationError, match="not in the directory"):
            services.membership_request(
                user=person, role=MembershipRole.MEMBER, organization=OrganizationFactory(verified=False)
            )
        with pytest.raises(ValidationError, match="Choose an organization"):
            services.membership_request(user=person, role=MembershipRole.MEMBER)
        assert not Membership.objects.exists()

    def test_non_existent_organization_in_the_form(self, client):
        client.force_login(UserFactory())
        response = client.post("/en/accreditation/request/", {"organization": 999999, "role": "member"})
        assert response.status_code == 200 and "Choose an organization from the directory." in response.content.decode()
        assert not Membership.objects.exists()

    def test_a_second_request_for_the_same_organization(self, ngo):
        person = UserFactory()
        services.membership_request(user=person, role=MembershipRole.MEMBER, organization=ngo)
        with pytest.raises(ValidationError, match="already have a request"):
            services.membership_request(user=person, role=MembershipRole.MEMBER, organization=ngo)
        assert Membership.objects.count() == 1

    def test_a_letter_that_is_not_a_document(self, ngo):
        with pytest.raises(ValidationError, match="not a PDF"):
            services.membership_request(
                user=UserFactory(),
                role=MembershipRole.MEMBER,
                organization=ngo,
                letter=SimpleUploadedFile("letter.pdf", b"GIF89a not a pdf"),
            )
        assert not Membership.objects.exists()

    def test_a_state_cannot_be_proposed_as_new(self):
        with pytest.raises(ValidationError, match="States are already"):
            services.membership_request(
                user=UserFactory(),
                role=MembershipRole.DELEGATE,
                new_organization={"name": "Atlantis", "kind": "member_state"},
            )
        assert not Organization.objects.filter(name_en="Atlantis").exists()


class TestInvitations:
    def test_invitation_email_link_creates_an_approved_membership_once(
        self, client, secretariat, ngo, django_capture_on_commit_callbacks
    ):
        client.force_login(secretariat)
        with django_capture_on_commit_callbacks(execute=True):  # sent through the outbox as it commits
            response = client.post(
                "/en/accreditation/invitations/",
                {"email": "new.delegate@example.org", "organization": ngo.pk, "role": "delegate", "language": "fr"},
            )
        assert response.status_code == 302
        email = OutgoingEmail.objects.get(kind="invitation")
        assert (email.to, email.status, email.language) == ("new.delegate@example.org", OutgoingEmailStatus.SENT, "fr")
        assert email.body == "" and email.context == {}, "the secret link is not kept once sent"
        message = mail.outbox[0]
        assert "Invitation à la consultation" in message.subject
        link = next(line for line in message.body.splitlines() if "/invitation/" in line).strip()
        assert link.startswith("https://solidarity.example.org/fr/invitation/")
        path = link.removeprefix("https://solidarity.example.org")
        invitee = UserFactory(email="new.delegate@example.org")
        client.force_login(invitee)
        assert client.post(path).status_code == 302
        membership = Membership.objects.get(user=invitee)
        assert (membership.organization, membership.status) == (ngo, MembershipStatus.APPROVED)
        response = client.post(path.replace("/fr/", "/en/", 1))
        assert response.status_code == 400 and "already been used" in response.content.decode()
        assert Membership.objects.filter(user=invitee).count() == 1

    def test_expired_invitation_is_refused(self, secretariat, ngo):
        invitation, token = services.invitation_create(
            by=secretariat, email="late@example.org", role="delegate", organization=ngo
        )
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
        with pytest.raises(ValidationError, match="expired"):
            services.invitation_accept(token=token, user=UserFactory(email="late@example.org"))
        assert not Membership.objects.filter(user__email="late@example.org").exists()

    def test_invitation_for_a_registered_address_is_refused(self, secretariat, ngo):
        UserFactory(email="known@example.org")
        with pytest.raises(ValidationError, match="already has an account"):
            services.invitation_create(by=secretariat, email="Known@Example.org", role="delegate", organization=ngo)
        assert not Invitation.objects.exists()

    def test_invitation_used_by_another_account_is_refused(self, secretariat, ngo):
        _invitation, token = services.invitation_create(
            by=secretariat, email="right@example.org", role="delegate", organization=ngo
        )
        with pytest.raises(ValidationError, match="another address"):
            services.invitation_accept(token=token, user=UserFactory(email="wrong@example.org"))
        assert Invitation.objects.get().accepted_at is None

    def test_only_the_secretariat_invites(self, ngo, focal_point):
        with pytest.raises(PermissionDenied):
            services.invitation_create(by=focal_point, email="x@example.org", role="delegate", organization=ngo)

    def test_a_forged_token_is_refused(self, client):
        assert client.get("/en/invitation/not-a-real-token/").status_code == 400


def test_closing_an_account_keeps_what_was_written_for_the_organization(client, drafter):
    from consultations import services as consultation_services
    from drafts import services as text_services
    from tests.consultations.fixtures import make_round

    instrument = text_services.instrument_create(by=drafter, slug="t", title="T")
    version = text_services.version_create(instrument=instrument, by=drafter, label="V", original_language="en")
    text_services.provision_create(version=version, by=drafter, kind="operative", label="1", texts={"en": "Text."})
    text_services.version_publish(version=version, by=drafter, untranslated_ok=True)
    organization = OrganizationFactory(name_en="Republic of Demo", kind="member_state", country="BR")
    person = MembershipFactory(organization=organization).user
    round = make_round(version)
    comment = consultation_services.comment_create(
        round=round, author=person, capacity_key=str(organization.pk), text="Our position.", language="en"
    )
    client.force_login(person)
    assert client.post("/en/me/close/", {"confirm": "on"}).status_code == 302
    person.refresh_from_db()
    assert not person.is_active and "@invalid" in person.email and person.display_name != "Person"
    comment.refresh_from_db()
    assert (comment.text, comment.organization, comment.author_id) == ("Our position.", organization, person.pk)
    assert Membership.objects.get(user=person).status == MembershipStatus.REVOKED
    assert AuditEntry.objects.filter(action=AuditAction.ACCOUNT_CLOSED, subject=person).exists()


def test_personal_data_download(client, ngo):
    person = MembershipFactory(organization=ngo).user
    client.force_login(person)
    response = client.get("/en/me/data.json")
    data = response.json()
    assert data["account"]["email"] == person.email and data["memberships"][0]["organization"] == "Solidarity NGO"


def test_audit_log_page_for_the_secretariat_only(client, secretariat, focal_point):
    client.force_login(focal_point)
    assert client.get("/en/accreditation/audit/").status_code == 403
    client.force_login(secretariat)
    assert client.get("/en/accreditation/audit/").status_code == 200


def test_role_changes_in_the_admin_are_audited(client, role_user):
    from django.contrib.auth.models import Group

    admin = role_user(is_staff=True, is_superuser=True, mfa=True)
    person = UserFactory()
    client.force_login(admin)
    data = {
        "email": person.email,
        "display_name": person.display_name,
        "preferred_language": "en",
        "is_active": "on",
        "groups": [Group.objects.get(name="drafters").pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    response = client.post(f"/en/admin/portal/user/{person.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action=AuditAction.ROLES_CHANGED)
    assert entry.subject == person and entry.details["added"] == ["drafters"]
