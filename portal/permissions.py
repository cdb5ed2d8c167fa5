"""Permissions with their reasons: the one place a rule is defined, and the one way to refuse.

Each app's rules.py defines its permissions with `define(name, *conditions)`: every condition
must hold, and each comes with the sentence a person reads when it does not hold:

    define(
        "consultations.comment",
        (rules.is_authenticated, _("Sign in to take part.")),
        (round_has_opened, lambda user, round: _("This round opens on …")),
        (speaks_in_round, _("You are not accredited for this round.")),
    )

`user.has_perm(name, obj)` asks the rule (for everyone: a superuser has no shortcut, see
portal/models.py). Views and templates ask it to show or hide an action; a service (or a view
that answers with a page) calls `require(user, name, obj)`, which raises PermissionDenied with
the reason of the first condition that fails, so the person learns why.
"""

from functools import reduce
from operator import and_

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

DEFAULT_REASON = _("You do not have permission to do this.")

_conditions = {}  # permission name -> ((predicate, reason), ...)


def define(name, *conditions):
    """Register permission `name`: all `conditions` hold. A condition is a predicate, or a
    (predicate, reason) pair where reason is a (lazy) text or a function of (user, obj)."""
    pairs = tuple(c if isinstance(c, tuple) else (c, DEFAULT_REASON) for c in conditions)
    rules.add_perm(name, reduce(and_, (predicate for predicate, _reason in pairs)))
    _conditions[name] = pairs


def reason_refused(user, name, obj=None):
    """Why `user` may not `name` (obj), as a sentence; None if they may."""
    if user.has_perm(name, obj):
        return None
    for predicate, reason in _conditions.get(name, ()):
        if not predicate.test(user, obj):
            return str(reason(user, obj) if callable(reason) else reason)
    return str(DEFAULT_REASON)


def require(user, name, obj=None):
    """Refuse with PermissionDenied(reason) unless `user` may `name` (obj)."""
    reason = reason_refused(user, name, obj)
    if reason is not None:
        raise PermissionDenied(reason)


def defined():
    """Every permission defined with `define`, by name (the permission matrix reads it)."""
    return set(_conditions)
