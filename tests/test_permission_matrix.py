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
    for name, group in [("drafter", roles.DRAFTERS), ("secretariat", roles.SECRETARIAT),
                        ("secretariat_without_mfa", roles.SECRETARIAT)]:
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
