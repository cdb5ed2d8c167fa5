"""Reads for the consultation pages, shaped so that a page's query count never depends on
how many comments there are."""

from collections import defaultdict
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from drafts import redline
from portal.selectors import approved_memberships

from . import counts
from .models import (
    AmendmentIncorporation,
    Comment,
    CommentKind,
    Confidentiality,
    CoSignature,
    CoSignatureStatus,
    Flag,
    FlagKind,
    ModerationDecision,
    ModerationState,
    Phase,
    QuestionnaireResponse,
    ResponseStatus,
    Round,
    Submission,
)

COMMENTS_PER_PAGE = 10


def sees_everything(user):
    """Secretariat and drafters read every contribution, whatever its state or confidentiality."""
    return user.has_perm("consultations.see_secretariat_only")


def visible_comments(user, queryset=None):
    """Public comments, plus one's own whatever their state, plus everything for staff."""
    queryset = Comment.objects.all() if queryset is None else queryset
    if sees_everything(user):
        return queryset
    visible = Q(state=ModerationState.PUBLISHED) & ~Q(confidentiality=Confidentiality.SECRETARIAT)
    if user.is_authenticated:
        visible |= Q(author=user)
    return queryset.filter(visible)


def round_for_page(pk):
    return get_object_or_404(Round.objects.select_related("version__instrument", "questionnaire", "phase"), pk=pk)


def open_rounds():
    now = timezone.now()
    return (
        Round.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("version__instrument", "questionnaire")
        .order_by("closes_at")
    )


def rounds_of_instrument(instrument):
    return (
        Round.objects.filter(Q(version__instrument=instrument) | Q(questionnaire__instrument=instrument))
        .select_related("version", "questionnaire")
        .order_by("opens_at")
    )


def comment_counts(user, version):
    """{provision id or None: {"support": n, "oppose": n, "neutral": n, "total": n}}: what the
    reader may see, from the kept counts (one small query) plus, for a signed-in participant,
    their own comments that the public does not see (one query on their own comments)."""
    if sees_everything(user):
        return counts.counts(version, public_only=False)
    table = counts.counts(version, public_only=True)
    if user.is_authenticated:
        own_unseen = (
            counts.counted_comments()
            .filter(version=version, author=user)
            .exclude(counts.PUBLIC)
            .values("provision_id", "position")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in own_unseen:
            table[row["provision_id"]][row["position"]] += row["n"]
            table[row["provision_id"]]["total"] += row["n"]
    return table


def _with_display_relations(queryset):
    confirmed = CoSignature.objects.filter(status=CoSignatureStatus.CONFIRMED).select_related("organization")
    return queryset.select_related("author", "organization", "provision", "version", "round").prefetch_related(
        Prefetch("cosignatures", queryset=confirmed, to_attr="confirmed_cosignatures")
    )


def _attach_replies(user, comments):
    """Each comment's visible replies as `visible_replies`, level by level: the thread depth is
    bounded, so the number of queries is too."""
    level = list(comments)
    for comment in level:
        comment.visible_replies = []
    while level:
        children = list(
            _with_display_relations(visible_comments(user, Comment.objects.filter(parent__in=level))).order_by(
                "created_at", "pk"
            )
        )
        by_parent = defaultdict(list)
        for child in children:
            child.visible_replies = []
            by_parent[child.parent_id].append(child)
        for comment in level:
            comment.visible_replies = by_parent[comment.pk]
        level = children


def provision_comments(user, round, provision, page_number=1):
    """A page of top-level comments on a provision (or general ones when provision is None),
    with replies, co-signers and amendment redlines; a fixed number of queries per page."""
    comments = visible_comments(
        user, Comment.objects.filter(version_id=round.version_id, provision=provision, parent=None)
    )
    page = Paginator(_with_display_relations(comments).order_by("created_at", "pk"), COMMENTS_PER_PAGE).get_page(
        page_number
    )
    _attach_replies(user, page.object_list)
    for comment in page.object_list:
        if comment.kind == CommentKind.AMENDMENT and comment.provision is not None:
            comment.redline_html = amendment_redline(comment)
    return page


def comment_page_number(user, comment):
    """The page of its provision's comments on which a top-level comment is listed."""
    before = (
        visible_comments(
            user, Comment.objects.filter(version_id=comment.version_id, provision_id=comment.provision_id, parent=None)
        )
        .filter(Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, pk__lt=comment.pk))
        .count()
    )
    return before // COMMENTS_PER_PAGE + 1


def earlier_comments(user, provision):
    """Public comments on the same paragraph (same stable key) in earlier versions, each with
    the text it commented on."""
    comments = visible_comments(
        user,
        Comment.objects.filter(
            provision__key=provision.key,
            version__instrument_id=provision.version.instrument_id,
            version__number__lt=provision.version.number,
            parent=None,
        ),
    )
    return list(_with_display_relations(comments).order_by("-version__number", "created_at")[:50])


def amendment_redline(comment):
    """The proposed amendment as a redline against the provision it amends."""
    provision = comment.provision
    current = provision.value_in("text", comment.language) or provision.value_in(
        "text", comment.version.original_language
    )
    return redline.render_html(redline.diff(current, comment.proposed_text))


def incorporated_amendments(provision):
    return Comment.objects.filter(incorporations__provision=provision).select_related("organization", "version")


def my_contributions(user):
    organizations = [m.organization_id for m in approved_memberships(user) if m.organization_id]
    return {
        "comments": Comment.objects.filter(author=user)
        .select_related("round", "version__instrument", "provision", "organization")
        .order_by("-created_at"),
        "submissions": Submission.objects.filter(author=user)
        .select_related("round", "organization")
        .prefetch_related("files"),
        "responses": QuestionnaireResponse.objects.filter(respondent=user).select_related(
            "questionnaire", "round", "organization"
        ),
        "cosign_requests": CoSignature.objects.filter(
            organization_id__in=organizations, status=CoSignatureStatus.REQUESTED
        ).select_related("comment__organization", "comment__round", "comment__provision", "organization"),
    }


def timeline(instrument):
    return Phase.objects.filter(instrument=instrument).prefetch_related("activities__documents", "rounds")


def compiled_responses(questionnaire):
    """Question by question, every submitted answer with who gave it."""
    responses = (
        QuestionnaireResponse.objects.filter(questionnaire=questionnaire, status=ResponseStatus.SUBMITTED)
        .select_related("organization", "respondent")
        .prefetch_related("answers")
    )
    by_question = defaultdict(list)
    for response in responses:
        for answer in response.answers.all():
            if answer.text:
                by_question[answer.question_id].append((response, answer))
    return [(question, by_question.get(question.pk, [])) for question in questionnaire.questions.all()]


def response_for(user, round, capacity):
    lookup = {"questionnaire_id": round.questionnaire_id, "organization": capacity.organization}
    if capacity.organization is None:
        lookup["respondent"] = user
    return QuestionnaireResponse.objects.filter(**lookup).prefetch_related("answers").first()


def amendments_to_trace(version):
    """For each provision of `version`: the amendments proposed on the same paragraph in
    earlier versions, and which of them it is linked to. Three queries."""
    amendments = (
        Comment.objects.filter(
            kind=CommentKind.AMENDMENT,
            version__instrument_id=version.instrument_id,
            version__number__lt=version.number,
            provision__key__in=version.provisions.values("key"),
        )
        .select_related("organization", "author", "version", "provision")
        .order_by("version__number", "created_at")
    )
    by_key = defaultdict(list)
    for amendment in amendments:
        by_key[amendment.provision.key].append(amendment)
    linked = set(
        AmendmentIncorporation.objects.filter(provision__version=version).values_list("provision_id", "amendment_id")
    )
    rows = []
    for provision in version.provisions.order_by("position"):
        if by_key.get(provision.key):
            rows.append(
                (
                    provision,
                    [(amendment, (provision.pk, amendment.pk) in linked) for amendment in by_key[provision.key]],
                )
            )
    return rows


# --- Moderation -------------------------------------------------------------------------------

QUEUE_PAGE = 50


def moderation_queue(filters):
    """Items waiting for (or open to) a decision, oldest first; reports of false attribution
    come before everything else. `filters` is a validated dict from ModerationFilterForm."""
    comments = Comment.objects.select_related(
        "round", "version__instrument", "provision", "organization", "author", "claimed_by", "parent"
    ).annotate(
        flagged=Exists(Flag.objects.filter(comment=OuterRef("pk"), resolved_at=None)),
        falsely_attributed=Exists(
            Flag.objects.filter(comment=OuterRef("pk"), resolved_at=None, kind=FlagKind.FALSE_ATTRIBUTION)
        ),
    )
    state = filters.get("state") or ModerationState.PENDING
    comments = comments.filter(state=state) if state != "any" else comments
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
    return comments.order_by("-falsely_attributed", "created_at", "pk")


def pending_submissions():
    return (
        Submission.objects.filter(state=ModerationState.PENDING)
        .select_related("round", "organization", "author")
        .prefetch_related("files")
        .order_by("created_at")
    )


def moderation_metrics():
    """Pending count, median and 90th percentile time to a first decision, decisions by
    moderator and by reason. Computed in Python over decision timestamps: a few queries."""
    pending = (
        Comment.objects.filter(state=ModerationState.PENDING).count()
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
        ModerationDecision.objects.exclude(reason=None).values("reason__label").annotate(n=Count("pk")).order_by("-n")
    )
    return {
        "pending": pending,
        "decided": len(durations),
        "median": percentile(0.5),
        "p90": percentile(0.9),
        "by_moderator": list(by_moderator),
        "by_reason": list(by_reason),
    }
