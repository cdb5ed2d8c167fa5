"""A person's own contributions, of every kind, and what others ask them to co-sign."""

from django.db.models import QuerySet

from drafts.citations import cited_with
from portal.models import User
from portal.selectors import approved_memberships

from ..models import Comment, CoSignature, CoSignatureStatus, QuestionnaireResponse, Submission


def contribution_lists_for_user(*, user: User) -> dict[str, QuerySet]:
    """The person's comments, submissions and questionnaire responses, and the co-signatures asked
    of their organizations."""
    organizations = [m.organization_id for m in approved_memberships(user) if m.organization_id]
    return {
        "comments": Comment.objects.filter(author=user)
        .select_related("round", "version__instrument", "organization", *cited_with("provision__"))
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
