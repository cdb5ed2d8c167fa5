"""The roles and states of memberships, for templates to compare with by name
(`membership.status == MembershipStatus.APPROVED`) instead of repeating their values."""

from .models import MembershipRole, MembershipStatus


def choices(request):
    return {"MembershipRole": MembershipRole, "MembershipStatus": MembershipStatus}
