"""Reads for the API: public data only, a fixed number of queries whatever the amount."""

from collections import Counter

from django.db.models import Count, Prefetch

from consultations.models import Comment, CoSignature, CoSignatureStatus, Round
from drafts.models import Instrument, Version

COMMENT_FILTERS = {
    "round": "round_id",
    "instrument": "version__instrument__slug",
    "version": "version__number",
    "provision": "provision__key",
    "organization_kind": "organization__kind",
    "regional_group": "organization__regional_group",
    "language": "language",
    "position": "position",
    "kind": "kind",
    "created_after": "created_at__gte",
    "created_before": "created_at__lt",
}


def instruments():
    return Instrument.objects.prefetch_related(
        Prefetch("versions", queryset=Version.objects.public(), to_attr="public_versions")
    )


def rounds():
    return Round.objects.select_related("version__instrument", "questionnaire__instrument")


def public_comments(filters):
    """Published comments that are not secretariat-only, with what their attribution needs."""
    lookups = {COMMENT_FILTERS[name]: value for name, value in filters.items()}
    confirmed = (
        CoSignature.objects.filter(status=CoSignatureStatus.CONFIRMED).select_related("organization").order_by("pk")
    )
    return (
        Comment.objects.public()
        .filter(**lookups)
        .select_related("version__instrument", "provision", "organization", "author", "campaign")
        .prefetch_related(Prefetch("cosignatures", queryset=confirmed, to_attr="confirmed_cosignatures"))
    )


def participation(*, round=None, instrument=None):
    """Published public comments, withdrawn ones left out, counted by organization kind,
    regional group, language and position, in one query."""
    comments = Comment.objects.public().filter(withdrawn_at=None)
    if round is not None:
        comments = comments.filter(round_id=round)
    if instrument is not None:
        comments = comments.filter(version__instrument__slug=instrument)
    dimensions = {
        "by_organization_kind": "organization__kind",
        "by_regional_group": "organization__regional_group",
        "by_language": "language",
        "by_position": "position",
    }
    rows = comments.values(*dimensions.values()).annotate(n=Count("pk")).order_by()
    tallies = {name: Counter() for name in dimensions}
    for row in rows:
        for name, field in dimensions.items():
            tallies[name][row[field] or None] += row["n"]
    figures = {
        name: [
            {"value": value, "count": count}
            for value, count in sorted(tally.items(), key=lambda item: (item[0] is None, item[0] or ""))
        ]
        for name, tally in tallies.items()
    }
    return {"total": sum(tallies["by_language"].values()), **figures}
