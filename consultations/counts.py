"""Comment counts per provision (models.CommentCount), kept exact by the writes themselves.

A comment counts under a key (version, provision, position, public) while it is top-level and
not withdrawn. Every write that can change the key reads the comment before and after,
under the row lock the write holds, and calls moved(before, after) in the same transaction:
the increments are atomic UPDATEs, so concurrent writers never lose one. rebuild() recounts
from the comments themselves (bulk loads, repairs: `manage.py recount_comments`)."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, F, Q

from .models import Comment, CommentCount, Confidentiality, ModerationState

PUBLIC = Q(state=ModerationState.PUBLISHED) & ~Q(confidentiality=Confidentiality.SECRETARIAT)


def key(comment):
    """What a comment counts under, or None if it is not counted."""
    if comment is None or comment.parent_id is not None or comment.withdrawn_at is not None:
        return None
    public = comment.state == ModerationState.PUBLISHED and comment.confidentiality != Confidentiality.SECRETARIAT
    return (comment.version_id, comment.provision_id, comment.position, public)


def moved(before, after):
    """Record that a comment went from key `before` to key `after` (either may be None)."""
    if before == after:
        return
    changes = [(k, delta) for k, delta in ((before, -1), (after, 1)) if k is not None]
    # Rows are locked in one order whatever the direction of the move: no deadlock between
    # two writers moving comments A→B and B→A at once.
    for k, delta in sorted(changes, key=lambda change: sort_key(change[0])):
        _add(k, delta)


def sort_key(key):
    version_id, provision_id, position, public = key
    return (version_id, provision_id or 0, position, public)


def _add(key, delta):
    version_id, provision_id, position, public = key
    fields = {"version_id": version_id, "provision_id": provision_id, "position": position, "public": public}
    # The row may not exist yet: create it at zero (a concurrent creator makes this a no-op).
    CommentCount.objects.bulk_create([CommentCount(**fields, n=0)], ignore_conflicts=True)
    CommentCount.objects.filter(**fields).update(n=F("n") + delta)


def counts(version, *, public_only):
    """{provision id or None: {"support": n, "oppose": n, "neutral": n, "total": n}}."""
    rows = CommentCount.objects.filter(version=version, n__gt=0)
    if public_only:
        rows = rows.filter(public=True)
    table = defaultdict(lambda: {"support": 0, "oppose": 0, "neutral": 0, "total": 0})
    for provision_id, position, n in rows.values_list("provision_id", "position", "n"):
        table[provision_id][position] += n
        table[provision_id]["total"] += n
    return table


def counted_comments():
    return Comment.objects.filter(parent=None, withdrawn_at=None)


def _actual(versions=None):
    comments = counted_comments() if versions is None else counted_comments().filter(version__in=versions)
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


def differences(versions=None):
    """{key: (kept, actual)} wherever the kept count is not the count of the comments."""
    kept_rows = CommentCount.objects.all() if versions is None else CommentCount.objects.filter(version__in=versions)
    kept = {(r.version_id, r.provision_id, r.position, r.public): r.n for r in kept_rows if r.n}
    actual = _actual(versions)
    return {
        key: (kept.get(key, 0), actual.get(key, 0))
        for key in kept.keys() | actual.keys()
        if kept.get(key, 0) != actual.get(key, 0)
    }


@transaction.atomic
def rebuild(versions=None):
    """Recount from the comments (all versions, or those given). Returns the rows written."""
    stale = CommentCount.objects.all() if versions is None else CommentCount.objects.filter(version__in=versions)
    stale.delete()
    rows = [
        CommentCount(version_id=version_id, provision_id=provision_id, position=position, public=public, n=n)
        for (version_id, provision_id, position, public), n in _actual(versions).items()
    ]
    CommentCount.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
