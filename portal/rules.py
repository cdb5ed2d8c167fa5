"""Who may do what about people and organizations (the `rules` package)."""

import rules

from . import roles, selectors
from .security import has_mfa, needs_mfa_setup


# A staff role counts only once its holder has a second factor: until then the account has
# the powers of any other signed-in person.
@rules.predicate
def is_secretariat(user):
    return roles.has_role(user, roles.SECRETARIAT) and has_mfa(user)


@rules.predicate
def is_drafter(user):
    return roles.has_role(user, roles.DRAFTERS) and has_mfa(user)


@rules.predicate
def is_member_of(user, organization):
    return organization is not None and selectors.is_member_of(user, organization)


@rules.predicate
def is_focal_point_of(user, organization):
    return organization is not None and selectors.is_focal_point_of(user, organization)


@rules.predicate
def is_colleagues_focal_point(user, membership):
    """A focal point decides for colleagues of their own organization, never for themselves."""
    return (
        membership is not None
        and membership.organization_id is not None
        and membership.user_id != user.pk
        and selectors.is_focal_point_of(user, membership.organization)
    )


@rules.predicate
def is_approved_expert(user):
    return selectors.is_approved_expert(user)


@rules.predicate
def has_second_factor_if_needed(user):
    return not needs_mfa_setup(user)


rules.add_perm("portal.represent_organization", rules.is_active & is_member_of)
rules.add_perm("portal.request_membership", rules.is_authenticated & rules.is_active)
rules.add_perm("portal.decide_membership", is_secretariat | is_colleagues_focal_point)
rules.add_perm("portal.view_pending_requests", is_secretariat | is_focal_point_of)
rules.add_perm("portal.invite", is_secretariat)
rules.add_perm("portal.verify_organization", is_secretariat)
rules.add_perm("portal.view_audit", is_secretariat | rules.is_superuser)
rules.add_perm(
    "portal.reach_admin",
    rules.is_staff & (is_secretariat | is_drafter | rules.is_superuser) & has_second_factor_if_needed,
)

# The admin's model permissions for people: the secretariat manages them.
for model in ("user", "organization", "membership", "invitation", "auditentry"):
    rules.add_perm(f"portal.view_{model}", is_secretariat)
for model in ("user", "organization", "membership"):
    rules.add_perm(f"portal.change_{model}", is_secretariat)
rules.add_perm("portal.add_organization", is_secretariat)
# The outbox: the secretariat sees every email's status and last error, and sends failed ones again.
rules.add_perm("portal.view_outgoingemail", is_secretariat)
rules.add_perm("portal.resend_email", is_secretariat)
rules.add_perm("portal", is_secretariat)
