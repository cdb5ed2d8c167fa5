"""What every write of taking part checks besides its permission (a choice is one offered, the
form's token is one the portal issued), the state a new contribution starts in, and how a write
records its revision. Whether the round is open, and whether this person takes part in it, is
the permission's (consultations/rules.py, asked with portal.permissions.require)."""

import re

import reversion
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import ModerationState

# What secrets.token_urlsafe() issues, within the column's 64 characters.
FORM_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def premoderated(round, organization):
    """Whether the round holds what this organization (None: an independent expert) writes
    until the secretariat has reviewed it."""
    return round.premoderates(
        organization_kind=organization.kind if organization else None, expert=organization is None
    )


def initial_state(round, capacity):
    return ModerationState.PENDING if premoderated(round, capacity.organization) else ModerationState.PUBLISHED


def choice(value, choices, field):
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the options offered.")}, code="invalid_choice")
    return value


def revision(by, reason):
    reversion.set_user(by)
    reversion.set_comment(reason)


def check_form_token(client_token):
    """The form's hidden token makes a double post store one item. The portal issues short
    URL-safe tokens; anything else was crafted (cut to fit, it would match another form's)."""
    if client_token and not FORM_TOKEN.fullmatch(client_token):
        raise ValidationError(_("This form is not valid any more: reload the page and send it again."), code="token")
