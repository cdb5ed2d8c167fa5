"""A person's own contributions, of every kind, and what others ask them to co-sign."""

from django.db.models import QuerySet

from drafts.citations import cited_with
from portal.models import User
from portal.selectors import approved_memberships

from ..models import (
    Comment,
    Confidentiality,
    CoSignature,
    CoSignatureStatus,
    ModerationState,
    QuestionnaireResponse,
    Round,
    Submission,
)


def contribution_lists_for_user(*, user: User, number: str = "") -> dict[str, QuerySet]:
    """The person's comments, submissions and questionnaire responses (only the one with that
    tracking `number`, when given), and the co-signatures asked of their organizations."""
    organizations = [m.organization_id for m in approved_memberships(user) if m.organization_id]
    only = {"tracking_number": number} if number else {}
    return {
        "comments": Comment.objects.filter(author=user, **only)
        .select_related("round", "version__instrument", "organization", *cited_with("provision__"))
        .order_by("-created_at"),
        "submissions": Submission.objects.filter(author=user, **only)
        .select_related("round", "organization")
        .prefetch_related("files"),
        "responses": QuestionnaireResponse.objects.filter(respondent=user, **only).select_related(
            "questionnaire", "round", "organization"
        ),
        "cosign_requests": CoSignature.objects.filter(
            organization_id__in=organizations, status=CoSignatureStatus.REQUESTED
        )
        .select_related(
            "comment__organization", "comment__author", "comment__round", "comment__provision", "organization"
        )
        .order_by("-comment__created_at"),
    }


def submission_list_public(*, round: Round) -> QuerySet[Submission]:
    """A round's published written submissions that are not for the secretariat only, oldest
    first, with their documents (anonymous ones are shown by kind and region only)."""
    return (
        Submission.objects.filter(round=round, state=ModerationState.PUBLISHED)
        .exclude(confidentiality=Confidentiality.SECRETARIAT)
        .select_related("organization", "author")
        .prefetch_related("files")
        .order_by("created_at", "pk")
    )
