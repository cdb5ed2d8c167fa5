"""On whose behalf a person may speak in a round: the organizations they are approved for
(whose kind the round invites) and, if they are an approved independent expert and the round
invites experts, their personal capacity."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.ids import database_id
from portal.models import Organization
from portal.selectors import approved_memberships

PERSONAL = "personal"


@dataclass(frozen=True)
class Capacity:
    key: str  # an organization id, or PERSONAL
    organization: object  # Organization or None

    @property
    def is_personal(self):
        return self.organization is None

    def __str__(self):
        return str(self.organization) if self.organization else _("In my personal capacity (independent expert)")


def capacities(user, round=None):
    """Every capacity the person holds; only those the round invites when a round is given."""
    result = []
    for membership in approved_memberships(user):
        organization = membership.organization
        if round is not None and not round.invites(
            organization_kind=organization.kind if organization else None, expert=organization is None
        ):
            continue
        result.append(Capacity(str(organization.pk) if organization else PERSONAL, organization))
    return result


def capacity_for(user, key, round=None):
    """The capacity named by a form value, refused unless the person really holds it: changing
    an id in a form never lets anyone speak for an organization they don't belong to."""
    for capacity in capacities(user, round):
        if capacity.key == str(key):
            return capacity
    held = any(c.key == str(key) for c in capacities(user))
    if held:
        raise PermissionDenied(_("This round is not open to contributions in that capacity."))
    raise PermissionDenied(_("You are not accredited to speak on behalf of this organization."))


def capacity_as_posted(key):
    """The capacity a form named, unchecked, only to show it again (a session that ended)."""
    if key == PERSONAL:
        return Capacity(PERSONAL, None)
    organization = Organization.objects.filter(pk=database_id(key)).first() if database_id(key) else None
    return Capacity(str(key), organization) if organization else Capacity(PERSONAL, None)
