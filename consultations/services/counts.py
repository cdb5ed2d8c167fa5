"""Comment counts per provision (models.CommentCount), kept exact by the writes themselves.

A comment counts under a key (version, provision, position, public) while it is top-level and
not withdrawn. Every write that can change the key reads the comment before and after, under
the row lock the write holds, and calls comment_count_move(before=…, after=…) in the same
transaction: the increments are atomic UPDATEs, so concurrent writers never lose one.
comment_counts_rebuild() recounts from the comments themselves (bulk loads, repairs:
`manage.py recount_comments`); selectors/counts.py reads them."""

from django.db import transaction
from django.db.models import F

from portal.page_cache import page_generation_bump

from ..models import CommentCount, Confidentiality, ModerationState
from ..selectors.counts import comment_counts_actual


def count_key(comment):
    """What a comment counts under, or None if it is not counted."""
    if comment is None or comment.parent_id is not None or comment.withdrawn_at is not None:
        return None
    public = comment.state == ModerationState.PUBLISHED and comment.confidentiality != Confidentiality.SECRETARIAT
    return (comment.version_id, comment.provision_id, comment.position, public)


def comment_count_move(*, before, after):
    """Record that a comment went from key `before` to key `after` (either may be None)."""
    if before == after:
        return
    if any(key is not None and key[3] for key in (before, after)):
        page_generation_bump()  # a count readers see changes (portal/page_cache.py)
    changes = [(k, delta) for k, delta in ((before, -1), (after, 1)) if k is not None]
    # Rows are locked in one order whatever the direction of the move: no deadlock between
    # two writers moving comments A→B and B→A at once.
    for k, delta in sorted(changes, key=lambda change: count_sort_key(change[0])):
        _add(k, delta)


def count_sort_key(key):
    version_id, provision_id, position, public = key
    return (version_id, provision_id or 0, position, public)


def _add(key, delta):
    version_id, provision_id, position, public = key
    fields = {"version_id": version_id, "provision_id": provision_id, "position": position, "public": public}
    # The row may not exist yet: create it at zero (a concurrent creator makes this a no-op).
    CommentCount.objects.bulk_create([CommentCount(**fields, n=0)], ignore_conflicts=True)
    CommentCount.objects.filter(**fields).update(n=F("n") + delta)


@transaction.atomic
def comment_counts_rebuild(*, versions=None):
    """Recount from the comments (all versions, or those given). Returns the rows written."""
    stale = CommentCount.objects.all() if versions is None else CommentCount.objects.filter(version__in=versions)
    stale.delete()
    rows = [
        CommentCount(version_id=version_id, provision_id=provision_id, position=position, public=public, n=n)
        for (version_id, provision_id, position, public), n in comment_counts_actual(versions=versions).items()
    ]
    CommentCount.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
