"""Portal-wide staff roles, held as Django groups so the admin can grant them.

Speaking roles (delegate, focal point, independent expert) are memberships, not groups:
see portal/models.py."""

from django.utils.translation import gettext_lazy as _

SECRETARIAT = "secretariat"
DRAFTERS = "drafters"

ROLE_GROUPS = {
    SECRETARIAT: _("Secretariat"),
    DRAFTERS: _("Drafters"),
}


def has_role(user, role):
    if not user.is_authenticated:
        return False
    # Cached per request object: role checks run many times while a page renders.
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache
