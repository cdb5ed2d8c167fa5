"""Reads of comments for the consultation pages, shaped so that a page's query count never
depends on how many comments there are. Every read of comments starts from
comment_list_visible: what this reader may see."""

from collections import defaultdict

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from drafts.models import Provision, Version
from portal.models import User

from ..models import Comment, CommentKind, Confidentiality, CoSignature, CoSignatureStatus, ModerationState, Round
from .amendments import amendment_redline
from .counts import PUBLIC, comment_counts_for_version, comment_list_counted

COMMENTS_PER_PAGE = 10
Reader = User | AnonymousUser  # whoever reads a page


def sees_everything(user: Reader) -> bool:
    """Secretariat and drafters read every contribution, whatever its state or confidentiality."""
    return user.has_perm("consultations.see_secretariat_only")


def comment_list_visible(*, user: Reader, queryset: QuerySet[Comment] | None = None) -> QuerySet[Comment]:
    """Public comments, plus one's own whatever their state, plus everything for staff."""
    queryset = Comment.objects.all() if queryset is None else queryset
    if sees_everything(user):
        return queryset
    visible = Q(state=ModerationState.PUBLISHED) & ~Q(confidentiality=Confidentiality.SECRETARIAT)
    if user.is_authenticated:
        visible |= Q(author=user)
    return queryset.filter(visible)


def comment_counts_for_reader(*, user: Reader, version: Version) -> dict:
    """{provision id or None: {"support": n, "oppose": n, "neutral": n, "total": n}}: what the
    reader may see, from the kept counts (one small query) plus, for a signed-in participant,
    their own comments that the public does not see (one query on their own comments)."""
    if sees_everything(user):
        return comment_counts_for_version(version=version, public_only=False)
    table = comment_counts_for_version(version=version, public_only=True)
    if user.is_authenticated:
        own_unseen = (
            comment_list_counted()
            .filter(version=version, author=user)
            .exclude(PUBLIC)
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
            _with_display_relations(
                comment_list_visible(user=user, queryset=Comment.objects.filter(parent__in=level))
            ).order_by("created_at", "pk")
        )
        by_parent = defaultdict(list)
        for child in children:
            child.visible_replies = []
            by_parent[child.parent_id].append(child)
        for comment in level:
            comment.visible_replies = by_parent[comment.pk]
        level = children


# How a reader may order and narrow a provision's comments (the panel's form, forms.CommentFilterForm).
ORDERS = {"oldest": ("created_at", "pk"), "newest": ("-created_at", "-pk")}
EXPERT = "expert"  # the kind filter's value for independent experts (no organization)


def comment_list_by_organization(
    comments: QuerySet, *, kind: str | None, regional_group: str | None, experts: str
) -> QuerySet:
    """`comments` narrowed to those from one kind of organization, or, when `kind` is `experts`
    (each form's own value for them), from independent experts, who speak for none; and to one
    regional group. An empty value narrows nothing."""
    if kind == experts:
        comments = comments.filter(organization=None)
    elif kind:
        comments = comments.filter(organization__kind=kind)
    if regional_group:
        comments = comments.filter(organization__regional_group=regional_group)
    return comments


def _filtered(comments, filters):
    if filters.get("position"):
        comments = comments.filter(position=filters["position"])
    comments = comment_list_by_organization(
        comments, kind=filters.get("kind"), regional_group=filters.get("region"), experts=EXPERT
    )
    if filters.get("language"):
        comments = comments.filter(language=filters["language"])
    return comments


def comment_list_for_provision(
    *,
    user: Reader,
    round: Round,
    provision: Provision | None,
    page_number: int | str | None = 1,
    order: str = "oldest",
    filters: dict | None = None,
) -> Page:
    """A page of top-level comments on a provision (or general ones when provision is None),
    oldest or newest first, narrowed by position, kind of organization, regional group and
    language, with replies, co-signers and amendment redlines; a fixed number of queries per page."""
    comments = comment_list_visible(
        user=user, queryset=Comment.objects.filter(version_id=round.version_id, provision=provision, parent=None)
    )
    comments = _filtered(comments, filters or {})
    page = Paginator(
        _with_display_relations(comments).order_by(*ORDERS.get(order, ORDERS["oldest"])), COMMENTS_PER_PAGE
    ).get_page(page_number)
    _attach_replies(user, page.object_list)
    for comment in page.object_list:
        if comment.kind == CommentKind.AMENDMENT and comment.provision is not None:
            comment.redline_html = amendment_redline(comment=comment)
    return page


def comment_page_number(*, user: Reader, comment: Comment) -> int:
    """The page of its provision's comments on which a top-level comment is listed."""
    before = (
        comment_list_visible(
            user=user,
            queryset=Comment.objects.filter(
                version_id=comment.version_id, provision_id=comment.provision_id, parent=None
            ),
        )
        .filter(Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, pk__lt=comment.pk))
        .count()
    )
    return before // COMMENTS_PER_PAGE + 1


def comment_list_earlier(*, user: Reader, provision: Provision, language: str) -> list[Comment]:
    """Public comments on the same paragraph (same stable key) in earlier versions, each with
    the words it commented on (`commented_text`, in `language` or else the version's original
    language, with `commented_language`)."""
    comments = comment_list_visible(
        user=user,
        queryset=Comment.objects.filter(
            provision__key=provision.key,
            version__instrument_id=provision.version.instrument_id,
            version__number__lt=provision.version.number,
            parent=None,
        ),
    )
    earlier = list(_with_display_relations(comments).order_by("-version__number", "created_at")[:50])
    for comment in earlier:
        commented = comment.provision
        comment.commented_language = (
            language if commented.value_in("text", language) else comment.version.original_language
        )
        comment.commented_text = commented.value_in("text", comment.commented_language)
    return earlier
