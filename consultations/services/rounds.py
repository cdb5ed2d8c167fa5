"""Rounds, as the secretariat sets them up (in the admin): what a round consults on must stay
what its contributions were written about."""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.page_cache import page_generation_bump
from portal.permissions import require

from ..models import Comment, Round
from .checks import revision


@transaction.atomic
def round_save(*, round, by, reason="") -> Round:
    """Create or change a round. It consults on a published version (never on a text that can
    still change), and once it has contributions its version is fixed."""
    require(by, "consultations.change_round" if round.pk else "consultations.add_round")
    if round.version_id is not None and not round.version.is_frozen:
        raise ValidationError(
            {
                "version": _("A round consults on a published version: publish version %(number)s first.")
                % {"number": round.version.number}
            },
            code="version_editing",
        )
    if round.pk:
        stored = Round.objects.select_for_update().get(pk=round.pk)
        if stored.version_id != round.version_id and Comment.objects.filter(round=round).exists():
            raise ValidationError(
                {"version": _("This round already has contributions on its version: its text cannot change.")},
                code="version_fixed",
            )
    round.full_clean()
    with reversion.create_revision():
        revision(by, reason or _("Round saved"))
        round.save()
        page_generation_bump()
    return round
