"""Property tests of the accreditation services: a request to represent an organization (with
any note, any proposed organization name, acronym and kind) and the profile (any display
name). Valid input is stored exactly (strip, CRLF → LF, NFC), invalid input is refused with a
ValidationError, and nothing else ever escapes — the same contract as the comment services,
since these names and notes are shown to the secretariat and next to every contribution."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from portal import services
from portal.models import AuditEntry, Membership, MembershipRole, MembershipStatus, Organization, OrganizationKind, User
from tests.factories import OrganizationFactory, UserFactory

from .fuzzing import accepts, expected, fuzz, junk_or, refuses, rolled_back, shown, stored_as, user_text

pytestmark = pytest.mark.django_db

NOT_STATES = [kind for kind in OrganizationKind.values if kind not in OrganizationKind.states()]


@pytest.fixture
def applicant(db):
    return UserFactory()


@pytest.fixture
def directory_org(db):
    return OrganizationFactory(name_en="Directory NGO", kind=OrganizationKind.NGO)


@given(note=user_text(2000), role=junk_or([MembershipRole.DELEGATE, MembershipRole.FOCAL_POINT, MembershipRole.MEMBER]))
# Known failures first, so every run reports them (hypothesis stops at a failing explicit example).
@example(note="x" * 2001, role=MembershipRole.DELEGATE)
@example(note="  Please\r\napprove  ", role=MembershipRole.DELEGATE)
@example(note="Cafe\u0301 \u202eevil", role=MembershipRole.DELEGATE)
@fuzz(max_examples=60)
def test_membership_request_for_a_directory_organization(applicant, directory_org, tally, note, role):
    tally["fuzz_examples"] += 1
    outcome = expected(note, 2000, required=False)
    role_valid = role in (MembershipRole.DELEGATE, MembershipRole.FOCAL_POINT, MembershipRole.MEMBER)
    with rolled_back():
        try:
            membership = services.membership_request(user=applicant, role=role, organization=directory_org, note=note)
        except ValidationError:
            assert not Membership.objects.filter(user=applicant).exists()
            assert not AuditEntry.objects.exists()
            assert not (role_valid and accepts(outcome)), "a valid request was refused"
            return
        assert role_valid and not refuses(outcome), f"an invalid request was stored: note={shown(note)}"
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.PENDING and membership.role == role
        assert stored_as(membership.note, outcome), (
            f"note stored as {shown(membership.note)}, expected the cleaned {shown(note)}"
        )


@given(name=user_text(255), acronym=user_text(40), kind=junk_or(OrganizationKind.values), note=user_text(2000))
@example(name="Solidarite\u0301 Internationale", acronym="SI", kind=OrganizationKind.NGO, note="")
@example(name="\u202eOGN yrtsiniM", acronym="", kind=OrganizationKind.NGO, note="")
@example(name="Friends\r\nBcc: victim@example.org", acronym="", kind=OrganizationKind.NGO, note="")
@example(name="NUL\x00Org", acronym="", kind=OrganizationKind.NGO, note="")
@fuzz(max_examples=60)
def test_membership_request_proposing_a_new_organization(applicant, tally, name, acronym, kind, note):
    tally["fuzz_examples"] += 1
    name_outcome, acronym_outcome = expected(name, 255), expected(acronym, 40, required=False)
    note_outcome = expected(note, 2000, required=False)
    kind_valid = kind in NOT_STATES
    organizations = Organization.objects.count()
    with rolled_back():
        try:
            membership = services.membership_request(
                user=applicant,
                role=MembershipRole.MEMBER,
                note=note,
                new_organization={"name": name, "kind": kind, "acronym": acronym},
            )
        except ValidationError:
            assert Organization.objects.count() == organizations, "a refused proposal left an organization behind"
            assert not Membership.objects.filter(user=applicant).exists()
            assert not (kind_valid and accepts(name_outcome, acronym_outcome, note_outcome)), (
                "a valid proposal was refused"
            )
            return
        assert kind_valid and not refuses(name_outcome, acronym_outcome, note_outcome), (
            f"an invalid proposal was stored: name={shown(name)} acronym={shown(acronym)} note={shown(note)}"
        )
        organization = Organization.objects.get(pk=membership.organization_id)
        assert not organization.verified and organization.kind == kind
        assert stored_as(organization.name_en, name_outcome), f"name stored as {shown(organization.name_en)}"
        assert stored_as(organization.acronym, acronym_outcome), f"acronym stored as {shown(organization.acronym)}"
        assert stored_as(membership.note, note_outcome), f"note stored as {shown(membership.note)}"


@given(display_name=user_text(150), language=junk_or(["ar", "zh-hans", "en", "fr", "ru", "es"]))
@example(display_name="   ", language="en")
@example(display_name="Jose\u0301 \u202eevil", language="en")
@fuzz(max_examples=50)
def test_profile_update_stores_the_display_name_exactly_or_refuses(applicant, tally, display_name, language):
    tally["fuzz_examples"] += 1
    outcome = expected(display_name, 150)
    language_valid = language in ("ar", "zh-hans", "en", "fr", "ru", "es")
    with rolled_back():
        try:
            services.profile_update(
                user=User.objects.get(pk=applicant.pk), display_name=display_name, preferred_language=language
            )
        except ValidationError:
            assert User.objects.get(pk=applicant.pk).display_name == applicant.display_name
            assert not (language_valid and accepts(outcome)), "a valid profile was refused"
            return
        assert language_valid and not refuses(outcome), f"an invalid display name was stored: {shown(display_name)}"
        assert stored_as(User.objects.get(pk=applicant.pk).display_name, outcome)


@given(reason=user_text(2000), approve=st.booleans())
@example(reason="Refused \u202eevil", approve=False)
@example(reason="x" * 2001, approve=False)
@fuzz(max_examples=40)
def test_decisions_on_requests_store_the_reason_or_refuse(
    applicant, directory_org, secretariat, tally, reason, approve
):
    tally["fuzz_examples"] += 1
    outcome = expected(reason, 2000, required=not approve)
    with rolled_back():
        membership = Membership.objects.create(user=applicant, organization=directory_org, role=MembershipRole.MEMBER)
        try:
            services.membership_decide(membership=membership, by=secretariat, approve=approve, reason=reason)
        except ValidationError:
            assert Membership.objects.get(pk=membership.pk).status == MembershipStatus.PENDING
            assert not accepts(outcome), "a valid decision was refused"
            return
        assert not refuses(outcome), f"an invalid reason was stored: {shown(reason)}"
        stored = Membership.objects.get(pk=membership.pk)
        assert stored.status == (MembershipStatus.APPROVED if approve else MembershipStatus.REFUSED)
        assert stored_as(stored.decision_reason, outcome)
