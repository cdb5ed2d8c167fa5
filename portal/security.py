"""Security rules about people that several places ask: who must use a second factor."""

from allauth.mfa.utils import is_mfa_enabled

from . import roles


def requires_mfa(user):
    """Secretariat and drafters (and superusers) hold the keys to texts and decisions."""
    return user.is_authenticated and (
        user.is_superuser or roles.has_role(user, roles.SECRETARIAT) or roles.has_role(user, roles.DRAFTERS)
    )


def has_mfa(user):
    """Cached on the user object: permission checks ask it many times per request."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_has_mfa", None)
    if cached is None:
        cached = user._has_mfa = is_mfa_enabled(user)
    return cached


def needs_mfa_setup(user):
    return requires_mfa(user) and not has_mfa(user)
