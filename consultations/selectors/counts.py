"""Reads of the kept comment counts (models.CommentCount), and the count of the comments
themselves that they must always equal."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from drafts.models import Version

from ..models import Comment, CommentCount, Confidentiality, ModerationState

PUBLIC = Q(state=ModerationState.PUBLISHED) & ~Q(confidentiality=Confidentiality.SECRETARIAT)


def comment_counts_for_version(*, version: Version, public_only: bool) -> dict:
    """{provision id or None: {"support": n, "oppose": n, "neutral": n, "total": n}}."""
    rows = CommentCount.objects.filter(version=version, n__gt=0)
    if public_only:
        rows = rows.filter(public=True)
    table = defaultdict(lambda: {"support": 0, "oppose": 0, "neutral": 0, "total": 0})
    for provision_id, position, n in rows.values_list("provision_id", "position", "n"):
        table[provision_id][position] += n
        table[provision_id]["total"] += n
    return table


def comment_list_counted() -> QuerySet[Comment]:
    """The comments the counts count: top-level, not withdrawn."""
    return Comment.objects.filter(parent=None, withdrawn_at=None)


def comment_counts_actual(*, versions: Iterable[Version] | None = None) -> dict[tuple, int]:
    """{key: n} counted from the comments themselves, keys as in services.counts.count_key."""
    comments = comment_list_counted() if versions is None else comment_list_counted().filter(version__in=versions)
    groups = (
        comments.values("version_id", "provision_id", "position")
        .annotate(public_n=Count("pk", filter=PUBLIC), hidden_n=Count("pk", filter=~PUBLIC))
        .order_by()
    )
    table = {}
    for group in groups.iterator():
        for public, n in ((True, group["public_n"]), (False, group["hidden_n"])):
            if n:
                table[(group["version_id"], group["provision_id"], group["position"], public)] = n
    return table


def comment_count_differences(*, versions: Iterable[Version] | None = None) -> dict[tuple, tuple[int, int]]:
    """{key: (kept, actual)} wherever the kept count is not the count of the comments."""
    kept_rows = CommentCount.objects.all() if versions is None else CommentCount.objects.filter(version__in=versions)
    kept = {(r.version_id, r.provision_id, r.position, r.public): r.n for r in kept_rows if r.n}
    actual = comment_counts_actual(versions=versions)
    return {
        key: (kept.get(key, 0), actual.get(key, 0))
        for key in kept.keys() | actual.keys()
        if kept.get(key, 0) != actual.get(key, 0)
    }
