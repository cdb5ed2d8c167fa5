"""Rounds, as the secretariat sets them up (the rounds form, or the admin): what a round consults
on must stay what its contributions were written about, its dates are in order, and it invites
audiences that exist. A round left open on a superseded version is closed, or continued on the
new version, in one step."""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drafts.models import Version
from portal.models import Membership, MembershipRole, MembershipStatus, OrganizationKind
from portal.page_cache import page_generation_bump
from portal.permissions import require

from ..models import Comment, Round, RoundState
from .checks import revision


@transaction.atomic
def round_save(*, round, by, reason="", continues: Round | None = None) -> Round:
    """Create or change a round. It consults on a published version (never on a text that can
    still change), and once it has contributions its version is fixed. A round that `continues`
    another takes over its audiences as they were."""
    require(by, "consultations.change_round" if round.pk else "consultations.add_round")
    if round.version_id is not None and not round.version.is_frozen:
        raise ValidationError(
            {
                "version": _("A round consults on a published version: publish version %(number)s first.")
                % {"number": round.version.number}
            },
            code="version_editing",
        )
    stored = Round.objects.select_for_update().get(pk=round.pk) if round.pk else None
    if stored and stored.version_id != round.version_id and Comment.objects.filter(round=round).exists():
        raise ValidationError(
            {"version": _("This round already has contributions on its version: its text cannot change.")},
            code="version_fixed",
        )
    _check_dates(round)
    _check_audiences(round, stored or continues)
    round.full_clean()
    with reversion.create_revision():
        revision(by, reason or _("Round saved"))
        round.save()
        page_generation_bump()
    return round


def _check_dates(round):
    if round.opens_at and round.closes_at and round.closes_at <= round.opens_at:
        raise ValidationError(
            {"closes_at": _("The round would close before it opens: choose a closing date after its opening.")},
            code="closes_before_it_opens",
        )


def _check_audiences(round, stored):
    """Invited audiences are kinds of organization the portal knows, at least one is invited, and
    each newly invited one has someone accredited in it (or no one could take part as such);
    pre-moderation applies only to invited audiences."""
    unknown = [
        kind for kind in [*round.audience_kinds, *round.premoderated_kinds] if kind not in OrganizationKind.values
    ]
    if unknown:
        raise ValidationError(
            {"audience_kinds": _("Unknown kind of organization: %(kinds)s.") % {"kinds": ", ".join(map(str, unknown))}},
            code="unknown_kind",
        )
    if not round.audience_kinds and not round.audience_experts:
        raise ValidationError(
            {"audience_kinds": _("Invite at least one audience: kinds of organization, independent experts, or both.")},
            code="no_audience",
        )
    approved = Membership.objects.filter(status=MembershipStatus.APPROVED)
    new_kinds = set(round.audience_kinds) - set(stored.audience_kinds if stored else [])
    accredited = set(approved.filter(organization__kind__in=new_kinds).values_list("organization__kind", flat=True))
    empty = [OrganizationKind(kind).label for kind in round.audience_kinds if kind in new_kinds - accredited]
    if empty:
        raise ValidationError(
            {
                "audience_kinds": _(
                    "No one is accredited yet for %(kinds)s: no one could take part as such. Invite another "
                    "audience, or accredit an organization first."
                )
                % {"kinds": ", ".join(map(str, empty))}
            },
            code="empty_audience",
        )
    newly_experts = round.audience_experts and not (stored and stored.audience_experts)
    if newly_experts and not approved.filter(role=MembershipRole.EXPERT).exists():
        raise ValidationError(
            {"audience_experts": _("No independent expert is accredited yet: no one could take part as one.")},
            code="empty_audience",
        )
    not_invited = [OrganizationKind(k).label for k in round.premoderated_kinds if k not in round.audience_kinds]
    if not_invited or (round.premoderate_experts and not round.audience_experts):
        names = ", ".join(map(str, not_invited)) or _("independent experts")
        raise ValidationError(
            {
                "premoderated_kinds": _("Only an invited audience can be pre-moderated: %(names)s is not invited.")
                % {"names": names}
            },
            code="premoderated_not_invited",
        )


@transaction.atomic
def round_close(*, round, by, reason="") -> Round:
    """Close an open round now (the secretariat's step when its version has been superseded)."""
    require(by, "consultations.change_round")
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state != RoundState.OPEN:
        raise ValidationError(_("This round is not open: there is nothing to close."), code="not_open")
    round.closes_at = timezone.now()
    round.full_clean()
    with reversion.create_revision():
        revision(by, reason or _("Round closed"))
        round.save(update_fields=["closes_at"])
        page_generation_bump()  # the cached pages show the round's state and closing date
    return round


@transaction.atomic
def round_continue(*, round, version: Version, by) -> Round:
    """Close an open round on a superseded version and open, in the same step, the same round
    (audiences, modes, moderation, closing date) on `version`, the one that replaced it."""
    require(by, "consultations.add_round")
    if (
        round.version_id is None
        or version.instrument_id != round.version.instrument_id
        or version.number <= round.version.number
        or not version.is_frozen
    ):
        raise ValidationError(
            _("A round continues on a later published version of the same text."), code="not_a_later_version"
        )
    following = Round.objects.get(pk=round.pk)
    old = round_close(round=round, by=by, reason=_("Continued on version %(number)s") % {"number": version.number})
    following.pk = None
    following.version = version
    following.opens_at = old.closes_at
    return round_save(
        round=following, by=by, reason=_("Continued from round %(title)s") % {"title": old.title}, continues=old
    )
