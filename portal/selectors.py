"""Reads about people, shaped for the pages and emails that need them."""

from django.urls import reverse

from .models import AuditEntry, Invitation, Membership, MembershipRole, MembershipStatus, Organization


def approved_memberships(user):
    """The user's approved memberships, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_approved_memberships", None)
    if cached is None:
        cached = list(Membership.objects.approved().filter(user=user).select_related("organization"))
        user._approved_memberships = cached
    return cached


def is_member_of(user, organization):
    return any(m.organization_id == getattr(organization, "pk", None) for m in approved_memberships(user))


def is_focal_point_of(user, organization):
    return any(
        m.organization_id == getattr(organization, "pk", None) and m.role == MembershipRole.FOCAL_POINT
        for m in approved_memberships(user)
    )


def is_approved_expert(user):
    return any(m.organization_id is None for m in approved_memberships(user))


def focal_point_organizations(user):
    return [
        m.organization for m in approved_memberships(user) if m.role == MembershipRole.FOCAL_POINT and m.organization
    ]


def pending_requests_for(user, *, is_secretariat):
    """Pending requests this person may decide: all of them for the secretariat, their own
    organizations' for a focal point (never their own request)."""
    requests = Membership.objects.pending().select_related("user", "organization").order_by("requested_at")
    if is_secretariat:
        return requests
    return requests.filter(organization__in=focal_point_organizations(user)).exclude(user=user)


def organization_members(organization):
    return (
        Membership.objects.filter(organization=organization)
        .exclude(status=MembershipStatus.REFUSED)
        .select_related("user")
        .order_by("status", "user__display_name")
    )


def profile_overview(user):
    memberships = Membership.objects.filter(user=user).select_related("organization").order_by("-requested_at")
    return {"memberships": memberships}


def unverified_organizations():
    return Organization.objects.filter(verified=False).order_by("created_at")


def recent_invitations(limit=100):
    return Invitation.objects.select_related("organization", "created_by", "accepted_by")[:limit]


def audit_log(limit=500):
    return AuditEntry.objects.select_related("actor", "subject", "organization", "membership")[:limit]


def personal_data(user):
    """Everything the portal holds about a person, for their own download."""
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": [
            {
                "organization": str(m.organization) if m.organization else None,
                "role": m.role,
                "status": m.status,
                "note": m.note,
                "requested_at": m.requested_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
                "decision_reason": m.decision_reason,
            }
            for m in Membership.objects.filter(user=user).select_related("organization")
        ],
        "audit": [
            {"at": e.at.isoformat(), "action": e.action, "reason": e.reason}
            for e in AuditEntry.objects.filter(subject=user)
        ],
    }


def email_context(*, data: dict, site_url: str) -> dict:
    """What the portal's own emails show (invitations, accreditation decisions), from the ids
    they were queued with; written in the email's language (links included)."""
    context = {**data, "MembershipStatus": MembershipStatus}
    if "invitation" in data:
        context["invitation"] = Invitation.objects.select_related("organization").get(pk=data["invitation"])
        context["link"] = site_url + reverse("invitation_accept", args=[data["token"]])
    if "membership" in data:
        context["membership"] = Membership.objects.select_related("organization").get(pk=data["membership"])
        context["url"] = site_url + reverse("profile")
    return context
