"""What needs the secretariat's attention now: the figures and lists of its console."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from drafts.models import Version, VersionStatus
from portal.models import Membership, MembershipStatus, OutgoingEmail, OutgoingEmailStatus

from ..models import (
    Comment,
    CoSignature,
    CoSignatureStatus,
    Flag,
    FlagKind,
    ModerationState,
    Round,
    RoundState,
    Submission,
)

CLOSING_SOON = timedelta(hours=48)


def console_figures() -> dict:
    """How many items of each kind wait for the secretariat: one query per table."""
    comments = Comment.objects.aggregate(
        pending=Count("pk", filter=Q(state=ModerationState.PENDING), distinct=True),
        hidden_by_reports=Count(
            "pk", filter=Q(state=ModerationState.HIDDEN, flags__resolved_at=None, flags__isnull=False), distinct=True
        ),
    )
    return {
        "pending": comments["pending"] + Submission.objects.filter(state=ModerationState.PENDING).count(),
        "hidden_by_reports": comments["hidden_by_reports"],
        "false_attribution": Flag.objects.filter(resolved_at=None, kind=FlagKind.FALSE_ATTRIBUTION)
        .values("comment")
        .distinct()
        .count(),
        "accreditation_requests": Membership.objects.filter(status=MembershipStatus.PENDING).count(),
        "cosignatures_waiting": CoSignature.objects.filter(status=CoSignatureStatus.REQUESTED).count(),
        "failed_notifications": OutgoingEmail.objects.filter(
            status__in=[OutgoingEmailStatus.FAILED, OutgoingEmailStatus.ABANDONED]
        ).count(),
    }


def _open_rounds(now):
    return Round.objects.filter(opens_at__lte=now, closes_at__gt=now).select_related("version__instrument")


def round_list_closing_soon() -> QuerySet[Round]:
    """Open rounds that close within the next 48 hours, the soonest first."""
    now = timezone.now()
    return _open_rounds(now).filter(closes_at__lte=now + CLOSING_SOON).order_by("closes_at")


def round_list_on_superseded_versions() -> list[Round]:
    """Open rounds whose version has been superseded, each with `current_version`: the
    published version of the same text that replaced it (two queries)."""
    rounds = list(_open_rounds(timezone.now()).filter(version__status=VersionStatus.SUPERSEDED).order_by("closes_at"))
    current = {
        version.instrument_id: version
        for version in Version.objects.filter(
            instrument_id__in={round.version.instrument_id for round in rounds}, status=VersionStatus.PUBLISHED
        )
    }
    for round in rounds:
        round.current_version = current.get(round.version.instrument_id)
    return rounds


def round_superseded_notice(*, round: Round) -> dict | None:
    """For the banner of an open round whose version has been superseded: the version that
    replaced it and the open rounds on that version (None when the round's version is current)."""
    if round.version_id is None or round.version.status != VersionStatus.SUPERSEDED or round.state != RoundState.OPEN:
        return None
    current = Version.objects.filter(instrument_id=round.version.instrument_id, status=VersionStatus.PUBLISHED).first()
    if current is None:
        return None
    return {"version": current, "rounds": list(_open_rounds(timezone.now()).filter(version=current))}
