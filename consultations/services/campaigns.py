"""Campaigns: grouping alike comments as they arrive, when their text changes, and over a
whole round (the moderator's decisions on them are in campaign_decisions.py). See
consultations/similarity.py for how alike is found."""

from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Greatest, Least

from portal.permissions import require

from ..models import Campaign, Comment, CommentBand, CommentPrint
from ..similarity import Print, print_from_stored, text_print

CANDIDATES = 20  # the most representatives a new comment is compared with


def _scope(comment) -> int:
    return comment.provision_id or 0


def _groupable(comment) -> bool:
    return comment.parent_id is None and not comment.kept_apart


def _store_print(comment, found: Print, *, replacing: bool):
    """Keep `comment`'s print; `replacing` the one of its earlier text, whose band keys go. A
    comment just posted has none: one insert, nothing read or deleted on the posting path."""
    fields = {"length": found.length, "exact": found.exact, "signature": found.signature_bytes}
    if replacing:
        CommentPrint.objects.update_or_create(comment=comment, defaults=fields)
        CommentBand.objects.filter(comment=comment).delete()
    else:
        CommentPrint.objects.create(comment=comment, **fields)


def _store_bands(comment_id, round_id, keys):
    """Band keys are kept only for the comments a newcomer may join: those standing alone and
    campaigns' representatives (a campaign of 20,000 has one comment's keys, not 20,000)."""
    _insert_many(CommentBand, ["round", "comment", "key"], [(round_id, comment_id, key) for key in keys])


def campaign_find(*, comment: Comment, replacing: bool = False) -> Campaign | None:
    """Called as a comment is stored (inside its transaction): keep its print and, if it is
    alike enough to a comment that stands alone or represents a campaign, put it in that
    campaign (made now if need be); else keep its band keys, so that later ones may join it.
    A few queries whatever the round's size. `replacing`: the comment's text changed, its
    earlier print is replaced."""
    if not _groupable(comment):
        return None
    found = text_print(comment.text)
    _store_print(comment, found, replacing=replacing)
    if found.length < settings.CAMPAIGN_MIN_WORDS:
        return None
    keys = found.band_keys(_scope(comment))
    sharing_most_keys = (
        CommentBand.objects.filter(round_id=comment.round_id, key__in=keys)
        .filter(
            Q(comment__campaign=None, comment__kept_apart=False, comment__parent=None)
            | Q(comment__campaign__representative=F("comment"))
        )
        .values("comment_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "comment_id")
        .values("comment_id")[:CANDIDATES]
    )
    # One statement: the candidates' prints, read with the subquery that finds them, and of
    # each comment what joining it needs.
    candidates = (
        CommentPrint.objects.filter(comment_id__in=sharing_most_keys)
        .order_by("comment_id")
        .values_list("length", "exact", "signature", "comment_id", "comment__campaign_id", "comment__created_at")
    )
    best, best_similarity = None, settings.CAMPAIGN_SIMILARITY
    for length, exact, signature, *alike in candidates:
        similarity = found.similarity(print_from_stored(length=length, exact=exact, signature=signature))
        if length >= settings.CAMPAIGN_MIN_WORDS and similarity >= best_similarity:
            best, best_similarity = Comment(pk=alike[0], campaign_id=alike[1], created_at=alike[2]), similarity
    if best is None:
        _store_bands(comment.pk, comment.round_id, keys)
        return None
    return _join(comment, best)


def _stored(stored):
    return {"length": stored.length, "exact": stored.exact, "signature": stored.signature}


def _join(comment, alike):
    if alike.campaign_id:  # a comment grouped anew after an edit may be older than the others
        Campaign.objects.filter(pk=alike.campaign_id).update(  # the row stays locked to the end
            size=F("size") + 1,
            revision=F("revision") + 1,
            first_at=Least("first_at", Value(comment.created_at)),
            last_at=Greatest("last_at", Value(comment.created_at)),
        )
        campaign = Campaign.objects.get(pk=alike.campaign_id)
    else:
        campaign = Campaign.objects.create(
            round_id=comment.round_id,
            representative_id=alike.pk,
            size=2,
            first_at=min(alike.created_at, comment.created_at),
            last_at=max(alike.created_at, comment.created_at),
        )
        Comment.objects.filter(pk=alike.pk).update(campaign=campaign)
    Comment.objects.filter(pk=comment.pk).update(campaign=campaign)
    comment.campaign = campaign
    return campaign


def campaign_refind(*, comment: Comment) -> Campaign | None:
    """Called as a comment's stored text changes (an edit, an edit the secretariat accepts),
    inside its transaction: it leaves its campaign and is grouped anew, as campaign_find would
    group it arriving now with this text."""
    if comment.campaign_id:
        campaign = Campaign.objects.select_for_update().get(pk=comment.campaign_id)
        campaign_leave(campaign=campaign, comment=comment)
    return campaign_find(comment=comment, replacing=True)


def campaign_leave(*, campaign: Campaign, comment: Comment) -> Campaign | None:
    """Take a comment out of its campaign (locked by the caller): the campaign's revision grows,
    its arrivals and representative follow the members left; left with one comment, it is
    dissolved. Returns the campaign, or None."""
    Comment.objects.filter(pk=comment.pk).update(campaign=None)
    comment.campaign = None
    remaining = campaign.members.order_by("created_at", "pk")
    first = remaining.first()
    if remaining.count() < 2:
        if first is not None and first.pk != campaign.representative_id:
            _bands_give(first)  # it stands alone from now on
        remaining.update(campaign=None)
        campaign.delete()
        return None
    if campaign.representative_id == comment.pk:
        _bands_give(first)  # it represents the campaign from now on
    last = remaining.last()
    Campaign.objects.filter(pk=campaign.pk).update(
        size=F("size") - 1,
        revision=F("revision") + 1,
        first_at=first.created_at,
        last_at=last.created_at,
        representative=first if campaign.representative_id == comment.pk else campaign.representative,
    )
    campaign.refresh_from_db()
    return campaign


def _bands_give(comment):
    """Give band keys to a member that becomes its campaign's representative or stands alone."""
    stored = CommentPrint.objects.filter(comment=comment).first()
    if stored is not None and stored.length >= settings.CAMPAIGN_MIN_WORDS:
        keys = print_from_stored(**_stored(stored)).band_keys(_scope(comment))
        _store_bands(comment.pk, comment.round_id, keys)


def group_prints(entries, *, threshold: float, min_words: int, standing=None) -> dict[int, list[int]]:
    """Group (id, scope, Print) entries, taken in order of arrival, as campaign_find would one
    by one: an entry joins the most alike representative sharing a band key with it, or stands
    for itself (then `standing(id, band keys)` is called). Returns representative id -> member
    ids (the representative first), for groups of two or more. Work per entry: its band keys
    and at most CANDIDATES comparisons."""
    representative_of_key: dict[int, int] = {}
    prints: dict[int, Print] = {}
    groups: dict[int, list[int]] = defaultdict(list)
    for pk, scope, found in entries:
        keys = found.band_keys(scope)
        if found.length < min_words:
            continue
        candidates = list(dict.fromkeys(representative_of_key[key] for key in keys if key in representative_of_key))
        best, best_similarity = None, threshold
        for candidate in candidates[:CANDIDATES]:
            similarity = found.similarity(prints[candidate])
            if similarity >= best_similarity:
                best, best_similarity = candidate, similarity
        if best is not None:
            groups[best].append(pk)
            continue
        prints[pk] = found
        groups[pk].append(pk)
        if standing:
            standing(pk, keys)
        for key in keys:
            representative_of_key.setdefault(key, pk)
    return {rep: members for rep, members in groups.items() if len(members) > 1}


def campaigns_regroup(*, round, by) -> int:
    """Find the campaigns of a whole round again (after a change of thresholds, or for
    comments loaded in bulk): prints are made where missing, and every comment not kept apart
    is grouped anew. Returns how many campaigns were found.

    Made for rounds of millions of comments: the texts and prints are read in chunks (a
    server-side cursor on PostgreSQL), and everything is written in bulk, a few statements per
    chunk whatever its size (COPY on PostgreSQL; tests/consultations/test_campaign_regroup.py
    counts them). The grouping itself keeps in memory the prints and band keys of the comments
    that stand for themselves (see group_prints). bench/campaigns.py times it on a million
    comments."""
    require(by, "consultations.moderate")
    _prints_make(round)
    with transaction.atomic():
        return _regroup(round)


PRINT_CHUNK = 2_000  # comments printed, and their prints written, per transaction
READ_CHUNK = 5_000  # stored prints fetched at a time by the grouping
BAND_CHUNK = 100_000  # band keys written per statement
MEMBER_CHUNK = 20_000  # memberships written per statement


def _prints_make(round):
    """Make the missing prints of the round's groupable comments (comments loaded in bulk, or
    stored before campaigns existed), PRINT_CHUNK comments per transaction (they stay true if a
    later chunk fails). A campaign's copies of one text are printed once."""
    missing = Comment.objects.filter(round=round, parent=None, kept_apart=False, print__isnull=True)
    after, made = 0, {}
    while chunk := list(missing.filter(pk__gt=after).order_by("pk").values_list("pk", "text")[:PRINT_CHUNK]):
        if len(made) > PRINT_CHUNK:
            made.clear()  # a bounded memo: memory stays the same whatever the round's size
        prints = []
        for pk, text in chunk:
            found = made.get(text) or made.setdefault(text, text_print(text))
            prints.append((pk, found.length, found.exact, found.signature_bytes))
        _insert_many(CommentPrint, ["comment", "length", "exact", "signature"], prints)
        after = chunk[-1][0]


def _regroup(round):
    """Group the round's printed comments in arrival order; band keys are written anew for
    those that stand alone or represent a campaign, as campaign_find keeps them."""
    CommentBand.objects.filter(round=round).delete()
    bands = []

    def standing(pk, keys):
        bands.extend((round.pk, pk, key) for key in keys)
        if len(bands) >= BAND_CHUNK:
            _insert_many(CommentBand, ["round", "comment", "key"], bands)
            bands.clear()

    rows = (
        Comment.objects.filter(round=round, parent=None, kept_apart=False, print__isnull=False)
        .order_by("created_at", "pk")
        .values_list("pk", "provision_id", "print__length", "print__exact", "print__signature")
        .iterator(chunk_size=READ_CHUNK)
    )
    groups = group_prints(
        (
            (pk, provision_id or 0, print_from_stored(length=length, exact=exact, signature=signature))
            for pk, provision_id, length, exact, signature in rows
        ),
        threshold=settings.CAMPAIGN_SIMILARITY,
        min_words=settings.CAMPAIGN_MIN_WORDS,
        standing=standing,
    )
    _insert_many(CommentBand, ["round", "comment", "key"], bands)
    Comment.objects.filter(round=round, campaign__isnull=False).update(campaign=None)
    Campaign.objects.filter(round=round).delete()
    campaigns = Campaign.objects.bulk_create(
        (Campaign(round=round, representative_id=first, size=len(members)) for first, members in groups.items()),
        batch_size=1_000,
    )
    memberships = (
        (pk, campaign.pk) for campaign, members in zip(campaigns, groups.values(), strict=True) for pk in members
    )
    while chunk := list(islice(memberships, MEMBER_CHUNK)):
        _campaigns_set(chunk)
    members = Comment.objects.filter(campaign=OuterRef("pk")).order_by().values("campaign")
    Campaign.objects.filter(round=round).update(
        first_at=Subquery(members.annotate(at=Min("created_at")).values("at")),
        last_at=Subquery(members.annotate(at=Max("created_at")).values("at")),
    )
    _planner_told(CommentBand)
    return len(groups)


def _planner_told(model):
    """On PostgreSQL, ANALYZE the table just rewritten, as autovacuum would later: until then
    the planner may take a post's look-up of band keys for a parallel scan (40 ms, not 0.4)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# Written as SQL for speed (a million prints and tens of millions of band keys): the table and
# column names come from the models and are quoted; every value is a parameter or COPY data.


def _insert_many(model, names, rows):
    """Insert `rows` (tuples in the order of the fields `names`) in one statement: COPY on
    PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    table, quote = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(names))})", rows)


def _campaigns_set(memberships):
    """Put each (comment id, campaign id) comment in its campaign, in one statement."""
    table, quote = connection.ops.quote_name(Comment._meta.db_table), connection.ops.quote_name
    campaign, pk = quote(Comment._meta.get_field("campaign").column), quote(Comment._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids, campaigns = map(list, zip(*memberships, strict=True))
            cursor.execute(
                f"UPDATE {table} SET {campaign} = given.campaign "
                f"FROM unnest(%s::bigint[], %s::bigint[]) AS given(id, campaign) WHERE {table}.{pk} = given.id",
                [ids, campaigns],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET {campaign} = %s WHERE {pk} = %s", [(c, id_) for id_, c in memberships]
            )
