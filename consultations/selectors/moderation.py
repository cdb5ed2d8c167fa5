"""Reads for the secretariat's moderation: the queue and the figures."""

from datetime import timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from drafts import redline
from drafts.citations import cited_with

from ..models import (
    Campaign,
    Comment,
    Flag,
    FlagKind,
    ModerationAction,
    ModerationDecision,
    ModerationState,
    Submission,
)

QUEUE_PAGE = 50
ANY_STATE = "any"  # the queue filter's value for items in every state
WAITING = ""  # the queue filter's default: pending, edited after publication, or reported


def comment_list_for_moderation(*, filters: dict) -> QuerySet[Comment]:
    """Items waiting for (or open to) a decision, oldest first; reports of false attribution
    come before everything else. `filters` is a validated dict from QueueFilterForm: by
    default, what waits for a decision (pending, edited after publication, reported)."""
    comments = Comment.objects.select_related(
        "round",
        "version__instrument",
        "organization",
        "author",
        "claimed_by",
        "parent",
        "campaign",
        *cited_with("provision__"),
    ).annotate(
        flagged=Exists(Flag.objects.filter(comment=OuterRef("pk"), resolved_at=None)),
        falsely_attributed=Exists(
            Flag.objects.filter(comment=OuterRef("pk"), resolved_at=None, kind=FlagKind.FALSE_ATTRIBUTION)
        ),
    )
    if filters.get("number"):  # a tracking number names one item, whatever its state
        return comments.filter(tracking_number=filters["number"])
    state = filters.get("state") or WAITING
    if state == WAITING:
        comments = comments.filter(
            Q(state=ModerationState.PENDING) | Q(edited_after_publication_at__isnull=False) | Q(flagged=True)
        )
    elif state != ANY_STATE:
        comments = comments.filter(state=state)
    for field, lookup in (
        ("round", "round"),
        ("version", "version"),
        ("provision", "provision__key"),
        ("kind", "organization__kind"),
        ("regional_group", "organization__regional_group"),
        ("language", "language"),
    ):
        if filters.get(field):
            comments = comments.filter(**{lookup: filters[field]})
    if filters.get("flagged"):
        comments = comments.filter(flagged=True)
    if filters.get("older_than_days"):
        comments = comments.filter(created_at__lte=timezone.now() - timedelta(days=filters["older_than_days"]))
    # A campaign is one item: the first of its members the filters keep stands for it.
    firsts = comments.filter(campaign__isnull=False).order_by().values("campaign").annotate(first=Min("pk"))
    comments = comments.filter(Q(campaign=None) | Q(pk__in=firsts.values("first")))
    return comments.order_by("-falsely_attributed", "created_at", "pk")


def campaign_detail(*, pk: int) -> tuple[Campaign, list[tuple[Comment, str]]]:
    """A campaign, and each of its members (organization, kind, region, state, arrival) with
    a redline of its text against the representative text. Two queries."""
    campaign = get_object_or_404(
        Campaign.objects.select_related(
            "round", "representative__organization", *cited_with("representative__provision__")
        ),
        pk=pk,
    )
    members = campaign.members.select_related("organization", "author").order_by("created_at", "pk")
    text = campaign.representative.text
    return campaign, [
        (
            member,
            redline.render_html(redline.diff(text, member.text)) if member.pk != campaign.representative_id else "",
        )
        for member in members
    ]


def submission_list_pending(*, number: str = "") -> QuerySet[Submission]:
    """Written submissions waiting for a decision; or the one with that tracking `number`."""
    found = {"tracking_number": number} if number else {"state": ModerationState.PENDING}
    return (
        Submission.objects.filter(**found)
        .select_related("round", "organization", "author")
        .prefetch_related("files")
        .order_by("created_at")
    )


def moderation_metrics() -> dict:
    """What waits (the default queue and pending submissions), median and 90th percentile time to
    a first decision, decisions by moderator and by reason (reasons written in a moderator's own
    words make one row). Computed in Python over decision timestamps: a few queries."""
    pending = (
        comment_list_for_moderation(filters={}).count()
        + Submission.objects.filter(state=ModerationState.PENDING).count()
    )
    first_decisions = {}
    rows = (
        ModerationDecision.objects.exclude(moderator=None)
        .values_list("comment_id", "submission_id", "created_at", "comment__created_at", "submission__created_at")
        .order_by("created_at")
    )
    for comment_id, submission_id, decided, comment_created, submission_created in rows:
        key = ("c", comment_id) if comment_id else ("s", submission_id)
        if key not in first_decisions:
            first_decisions[key] = (decided - (comment_created or submission_created)).total_seconds()
    durations = sorted(first_decisions.values())

    def percentile(share):
        if not durations:
            return None
        index = min(len(durations) - 1, max(0, int(round(share * (len(durations) - 1)))))
        return timedelta(seconds=durations[index])

    by_moderator = (
        ModerationDecision.objects.exclude(moderator=None)
        .values("moderator__display_name", "action")
        .annotate(n=Count("pk"))
        .order_by("moderator__display_name", "action")
    )
    by_reason = (
        ModerationDecision.objects.exclude(moderator=None)
        .filter(Q(reason__isnull=False) | ~Q(reason_text=""))
        .values("reason__label")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return {
        "pending": pending,
        "decided": len(durations),
        "median": percentile(0.5),
        "p90": percentile(0.9),
        "by_moderator": [dict(row, action_label=ModerationAction(row["action"]).label) for row in by_moderator],
        "by_reason": list(by_reason),
    }
