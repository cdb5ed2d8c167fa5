"""Reads of rounds and of the plan's phases."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from drafts.models import Instrument

from ..models import Phase, Round


def round_get(*, pk: int) -> Round:
    """The round of a page, with its text or questionnaire; 404 if there is none."""
    return get_object_or_404(Round.objects.select_related("version__instrument", "questionnaire", "phase"), pk=pk)


def round_list_open() -> QuerySet[Round]:
    now = timezone.now()
    return (
        Round.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("version__instrument", "questionnaire")
        .order_by("closes_at")
    )


def round_list_for_instrument(*, instrument: Instrument) -> QuerySet[Round]:
    return (
        Round.objects.filter(Q(version__instrument=instrument) | Q(questionnaire__instrument=instrument))
        .select_related("version", "questionnaire")
        .order_by("opens_at")
    )


def phase_list_for_instrument(*, instrument: Instrument) -> QuerySet[Phase]:
    """The plan's phases with their activities, documents and rounds (the timeline)."""
    return Phase.objects.filter(instrument=instrument).prefetch_related("activities__documents", "rounds")
