"""Who may do what about people and organizations, and the staff roles every app asks.

A staff role counts only once its holder has a second factor: until then the account has the
powers of any other signed-in person. A superuser holds every staff role, on the same condition.
"""

import rules
from django.utils.translation import gettext_lazy as _

from . import roles, selectors
from .permissions import define
from .security import has_mfa

SECOND_FACTOR = _(
    "Your role takes effect once you have set up two-factor authentication: My account → Two-factor authentication."
)


@rules.predicate
def has_second_factor(user):
    return has_mfa(user)


@rules.predicate
def holds_secretariat_role(user):
    return user.is_superuser or roles.has_role(user, roles.SECRETARIAT)


@rules.predicate
def holds_drafting_role(user):
    return user.is_superuser or roles.has_role(user, roles.DRAFTERS)


is_secretariat = holds_secretariat_role & has_second_factor
is_drafter = holds_drafting_role & has_second_factor
is_administrator = rules.is_superuser & has_second_factor


def staff(role, reason):
    """The two conditions of a staff power: the role (refused with `reason`), then the second
    factor (refused with SECOND_FACTOR)."""
    return (role, reason), (has_second_factor, SECOND_FACTOR)


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
def is_focal_point_of(user, organization):
    """Of `organization`; of any organization when none is given."""
    if organization is None:
        return bool(selectors.focal_point_organizations(user))
    return selectors.is_focal_point_of(user, organization)


define(
    "portal.request_membership",
    (rules.is_authenticated, _("Sign in to ask for an accreditation.")),
)
define(
    "portal.decide_membership",
    (
        is_secretariat | is_colleagues_focal_point,
        _("Only the secretariat, or the focal point of the same organization, decides on this request."),
    ),
)
define(
    "portal.view_pending_requests",
    (is_secretariat | is_focal_point_of, _("Only the secretariat and focal points decide on requests.")),
)
define("portal.invite", *staff(holds_secretariat_role, _("Only the secretariat sends invitations.")))
define("portal.verify_organization", *staff(holds_secretariat_role, _("Only the secretariat verifies organizations.")))
define("portal.view_audit", *staff(holds_secretariat_role, _("Only the secretariat reads the audit log.")))
define(
    "portal.reach_admin",
    (
        rules.is_staff & (holds_secretariat_role | holds_drafting_role),
        _("Your account has no access to the administration."),
    ),
    (has_second_factor, SECOND_FACTOR),
)

# The admin's model permissions for people: the secretariat reads and manages them; the
# accounts' own records (addresses, second factors, sessions) are the superuser's.
for model in ("user", "organization", "membership", "invitation", "auditentry"):
    define(f"portal.view_{model}", is_secretariat)
define("portal.change_user", is_secretariat)
define("portal.change_organization", is_secretariat)
define("portal.add_organization", is_secretariat)
# The outbox: the secretariat sees every email's status and last error, and sends failed ones again.
define("portal.view_outgoingemail", *staff(holds_secretariat_role, _("Only the secretariat reads the outbox.")))
define("portal.resend_email", *staff(holds_secretariat_role, _("Only the secretariat sends emails again.")))
define("portal", is_secretariat)
for app, model in (("account", "emailaddress"), ("mfa", "authenticator"), ("usersessions", "usersession")):
    for action in ("view", "delete"):
        define(f"{app}.{action}_{model}", is_administrator)
    define(app, is_administrator)
