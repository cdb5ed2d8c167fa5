"""Every role × every permission, each asserted allowed or denied. Later features add columns."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from portal import roles
from portal.models import Membership, MembershipRole, MembershipStatus, OrganizationKind
from tests.conftest import give_totp
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

ROLES = [
    "anonymous",
    "unaccredited",
    "ngo_member",
    "state_delegate",
    "focal_point",
    "expert",
    "drafter",
    "secretariat",
    "secretariat_without_mfa",
    "superuser",
]

# permission -> roles allowed (every other role is denied)
MATRIX = {
    "represent_organization": {"ngo_member", "focal_point"},
    "represent_other_organization": set(),
    "request_membership": set(ROLES) - {"anonymous"},
    "decide_colleague_request": {"focal_point", "secretariat", "superuser"},
    "decide_other_organization_request": {"secretariat", "superuser"},
    "decide_expert_request": {"secretariat", "superuser"},
    "invite": {"secretariat", "superuser"},
    "view_pending_requests_of_organization": {"focal_point", "secretariat", "superuser"},
    "view_audit": {"secretariat", "superuser"},
    "reach_admin": {"drafter", "secretariat", "superuser"},
    "edit_text": {"drafter", "secretariat", "superuser"},
    "follow_text": set(ROLES) - {"anonymous"},
}


@pytest.fixture
def world(db):
    ngo = OrganizationFactory(kind=OrganizationKind.NGO)
    other = OrganizationFactory(kind=OrganizationKind.NGO)
    state = OrganizationFactory(kind=OrganizationKind.MEMBER_STATE, country="BR")
    users = {"anonymous": None}
    users["unaccredited"] = UserFactory()
    users["ngo_member"] = MembershipFactory(organization=ngo, role=MembershipRole.MEMBER).user
    users["state_delegate"] = MembershipFactory(organization=state, role=MembershipRole.DELEGATE).user
    users["focal_point"] = MembershipFactory(organization=ngo, role=MembershipRole.FOCAL_POINT).user
    users["expert"] = MembershipFactory(organization=None, role=MembershipRole.EXPERT).user
    for name, group in [
        ("drafter", roles.DRAFTERS),
        ("secretariat", roles.SECRETARIAT),
        ("secretariat_without_mfa", roles.SECRETARIAT),
    ]:
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        users[name] = give_totp(user) if name != "secretariat_without_mfa" else user
    users["superuser"] = give_totp(UserFactory(is_staff=True, is_superuser=True))
    pending = {
        "colleague": MembershipFactory(organization=ngo, status=MembershipStatus.PENDING),
        "other": MembershipFactory(organization=other, status=MembershipStatus.PENDING),
        "expert": MembershipFactory(organization=None, role=MembershipRole.EXPERT, status=MembershipStatus.PENDING),
    }
    return {"users": users, "ngo": ngo, "other": other, "pending": pending}


def check(permission, user, world, client):
    actor = user or AnonymousUser()
    ngo, other, pending = world["ngo"], world["other"], world["pending"]
    if permission == "represent_organization":
        return actor.has_perm("portal.represent_organization", ngo)
    if permission == "represent_other_organization":
        return actor.has_perm("portal.represent_organization", other)
    if permission == "request_membership":
        return actor.has_perm("portal.request_membership")
    if permission == "decide_colleague_request":
        return actor.has_perm("portal.decide_membership", pending["colleague"])
    if permission == "decide_other_organization_request":
        return actor.has_perm("portal.decide_membership", pending["other"])
    if permission == "decide_expert_request":
        return actor.has_perm("portal.decide_membership", pending["expert"])
    if permission == "invite":
        return actor.has_perm("portal.invite")
    if permission == "view_pending_requests_of_organization":
        return actor.has_perm("portal.view_pending_requests", ngo)
    if permission == "view_audit":
        return actor.has_perm("portal.view_audit")
    if permission == "edit_text":
        return actor.has_perm("drafts.edit_text")
    if permission == "restore_revision":
        return actor.has_perm("drafts.restore_revision")
    if permission == "moderate":
        return actor.has_perm("consultations.moderate")
    if permission == "view_moderation_figures":
        return actor.has_perm("consultations.view_moderation")
    if permission == "decide_amendment":
        return actor.has_perm("consultations.decide_amendment")
    if permission == "follow_text":
        return actor.has_perm("consultations.follow")
    if permission == "reach_admin":
        if user:
            client.force_login(user)
        return client.get("/en/admin/").status_code == 200
    raise AssertionError(permission)


@pytest.mark.django_db
@pytest.mark.parametrize("permission", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, client, role, permission):
    allowed = role in MATRIX[permission]
    assert check(permission, world["users"][role], world, client) is allowed, (
        f"{role} should {'be allowed' if allowed else 'be denied'}: {permission}"
    )


@pytest.mark.django_db
def test_a_focal_point_never_decides_their_own_request(world):
    focal_point = world["users"]["focal_point"]
    own = Membership.objects.get(user=focal_point)
    assert not focal_point.has_perm("portal.decide_membership", own)


# --- Taking part: every role × every action × every round state, at frozen times -------------

import datetime  # noqa: E402

from freezegun import freeze_time  # noqa: E402

from consultations.models import Comment, CoSignature, Question, Questionnaire, Round  # noqa: E402
from drafts import services as text_services  # noqa: E402

OPENS = datetime.datetime(2030, 1, 10, 9, 0, tzinfo=datetime.UTC)
CLOSES = datetime.datetime(2030, 1, 20, 18, 0, tzinfo=datetime.UTC)
MOMENTS = {
    "upcoming": OPENS - datetime.timedelta(days=3),
    "open": OPENS + datetime.timedelta(days=3),
    "closed": CLOSES + datetime.timedelta(days=3),
}
SPEAKERS = {"ngo_member", "state_delegate", "focal_point", "expert"}
NGO_MEMBERS = {"ngo_member", "focal_point"}

# action -> (roles allowed while the round is open, roles allowed whatever the state)
TAKING_PART = {
    "comment": (SPEAKERS, set()),
    "amend": (SPEAKERS, set()),
    "reply": (SPEAKERS, set()),
    "edit_own": (SPEAKERS, set()),
    "withdraw_own": (SPEAKERS, set()),
    "cosign": (NGO_MEMBERS, set()),
    "submit": (SPEAKERS, set()),
    "answer_questionnaire": (SPEAKERS, set()),
    "see_secretariat_only": (set(), {"drafter", "secretariat", "superuser"}),
}


@pytest.fixture
def consultation(world, db):
    drafter = world["users"]["drafter"]
    instrument = text_services.instrument_create(by=drafter, slug="matrix", title="Matrix")
    version = text_services.version_create(instrument=instrument, by=drafter, label="V", original_language="en")
    text_services.provision_create(version=version, by=drafter, kind="operative", label="1", texts={"en": "Text."})
    text_services.version_publish(version=version, by=drafter)
    questionnaire = Questionnaire.objects.create(instrument=instrument, title_en="Q")
    Question.objects.create(questionnaire=questionnaire, position=1, label="(a)", text_en="Why?")
    round = Round.objects.create(
        version=version,
        questionnaire=questionnaire,
        title_en="R",
        opens_at=OPENS,
        closes_at=CLOSES,
        audience_kinds=["ngo", "member_state"],
        audience_experts=True,
    )
    own = {}
    for role, user in world["users"].items():
        if role in SPEAKERS:
            membership = Membership.objects.get(user=user, status="approved")
            own[role] = Comment.objects.create(
                round=round,
                version=version,
                text="Mine",
                language="en",
                author=user,
                organization=membership.organization,
                state="published",
            )
    delegate_comment = own["state_delegate"]
    cosignature = CoSignature.objects.create(comment=delegate_comment, organization=world["ngo"])
    return {"round": round, "own": own, "cosignature": cosignature, "other": delegate_comment}


def may(action, role, user, consultation):
    actor = user or AnonymousUser()
    round = consultation["round"]
    own = consultation["own"].get(role, consultation["other"] if role != "state_delegate" else None)
    checks = {
        "comment": lambda: actor.has_perm("consultations.comment", round),
        "amend": lambda: actor.has_perm("consultations.amend", round),
        "reply": lambda: actor.has_perm("consultations.reply", round),
        "edit_own": lambda: actor.has_perm("consultations.edit_comment", own),
        "withdraw_own": lambda: actor.has_perm("consultations.withdraw_comment", own),
        "cosign": lambda: actor.has_perm("consultations.cosign", consultation["cosignature"]),
        "submit": lambda: actor.has_perm("consultations.submit", round),
        "answer_questionnaire": lambda: actor.has_perm("consultations.answer_questionnaire", round),
        "see_secretariat_only": lambda: actor.has_perm("consultations.see_secretariat_only"),
    }
    return checks[action]()


@pytest.mark.django_db
@pytest.mark.parametrize("state", sorted(MOMENTS))
@pytest.mark.parametrize("action", sorted(TAKING_PART))
@pytest.mark.parametrize("role", ROLES)
def test_taking_part_matrix(world, consultation, role, action, state):
    when_open, always = TAKING_PART[action]
    allowed = role in always or (state == "open" and role in when_open)
    with freeze_time(MOMENTS[state]):
        assert may(action, role, world["users"][role], consultation) is allowed, (
            f"{role} should {'be allowed' if allowed else 'be denied'}: {action} while the round is {state}"
        )


@pytest.mark.django_db
def test_the_services_agree_with_the_matrix_when_closed(world, consultation):
    from django.core.exceptions import ValidationError

    from consultations import services

    user = world["users"]["state_delegate"]
    organization = Membership.objects.get(user=user).organization
    with freeze_time(MOMENTS["closed"]), pytest.raises(ValidationError, match="closed"):
        services.comment_create(
            round=consultation["round"], author=user, capacity_key=str(organization.pk), text="Late", language="en"
        )
    with freeze_time(MOMENTS["upcoming"]), pytest.raises(ValidationError, match="not accepted yet"):
        services.comment_create(
            round=consultation["round"], author=user, capacity_key=str(organization.pk), text="Early", language="en"
        )
