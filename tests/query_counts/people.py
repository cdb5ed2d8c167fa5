"""Growers of people and accreditation: organizations, requests, members, invitations, the audit log."""

from portal import services as people
from portal.models import Membership, MembershipRole, MembershipStatus, OrganizationKind
from tests.factories import MembershipFactory, UserFactory


def grow_organizations(w, n):
    for _ in range(n):
        w.organization()


def grow_pending_requests(w, n):
    """Requests waiting: for verified organizations, for proposed (unverified) ones, as experts."""
    for i in range(n):
        user = UserFactory()
        if i % 3 == 0:
            people.membership_request(user=user, role=MembershipRole.EXPERT, note="Expert")
        elif i % 3 == 1:
            people.membership_request(
                user=user,
                role=MembershipRole.MEMBER,
                new_organization={"name": f"Proposed {w.n()}", "kind": OrganizationKind.NGO},
                note="New",
            )
        else:
            people.membership_request(
                user=user, role=MembershipRole.DELEGATE, organization=w.organization(), note="Letter follows"
            )


def grow_members(w, n):
    statuses = [MembershipStatus.APPROVED, MembershipStatus.PENDING, MembershipStatus.REVOKED, MembershipStatus.REFUSED]
    for i in range(n):
        MembershipFactory(
            organization=w.ngo, role=[MembershipRole.MEMBER, MembershipRole.FOCAL_POINT][i % 2], status=statuses[i % 4]
        )


def grow_invitations(w, n):
    """Invitations sent by the secretariat, to organizations and experts; some accepted."""
    for i in range(n):
        email = f"invited{w.n()}@example.org"
        as_expert = i % 3 == 0
        _invitation, token = people.invitation_create(
            by=w.secretariat,
            email=email,
            role=MembershipRole.EXPERT if as_expert else MembershipRole.MEMBER,
            organization=None if as_expert else w.organization(),
        )
        w.cache.setdefault("token", token)  # the first link, never accepted
        if i % 2:
            people.invitation_accept(token=token, user=UserFactory(email=email))


def grow_audit(w, n):
    grow_pending_requests(w, n)
    grow_invitations(w, n // 2)
    for membership in Membership.objects.pending().exclude(organization__verified=False)[: n // 2]:
        people.membership_decide(membership=membership, by=w.secretariat, approve=True)


def grow_own_memberships(w, n):
    """Memberships of the delegate in every state and role."""
    statuses = [MembershipStatus.APPROVED, MembershipStatus.PENDING, MembershipStatus.REFUSED, MembershipStatus.REVOKED]
    for i in range(n):
        role = MembershipRole.FOCAL_POINT if i % 3 == 0 else MembershipRole.MEMBER
        MembershipFactory(
            user=w.delegate,
            organization=w.organization(),
            role=role,
            status=statuses[i % 4],
            decision_reason="Because.",
        )


def grow_own_requests(w, n):
    """Requests by the delegate (through the service, with their audit entries), some decided."""
    for i in range(n):
        membership = people.membership_request(
            user=w.delegate, role=MembershipRole.MEMBER, organization=w.organization(), note=f"Request {i}"
        )
        if i % 2:
            people.membership_decide(membership=membership, by=w.secretariat, approve=i % 4 == 1, reason="Checked.")
