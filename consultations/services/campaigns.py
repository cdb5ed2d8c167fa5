"""Campaigns: grouping alike comments as they arrive, when their text changes, and over a
whole round (the moderator's decisions on them are in campaign_decisions.py). See
consultations/similarity.py for how alike is found."""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, Value
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
    """Keep `comment`'s print and band keys; `replacing` the ones of its earlier text. A comment
    just posted has none: two inserts, nothing read or deleted on the posting path."""
    fields = {"length": found.length, "exact": found.exact, "signature": found.signature_bytes}
    if replacing:
        CommentPrint.objects.update_or_create(comment=comment, defaults=fields)
        CommentBand.objects.filter(comment=comment).delete()
    else:
        CommentPrint.objects.create(comment=comment, **fields)
    CommentBand.objects.bulk_create(
        CommentBand(round_id=comment.round_id, comment=comment, key=key) for key in found.band_keys(_scope(comment))
    )


def campaign_find(*, comment: Comment, replacing: bool = False) -> Campaign | None:
    """Called as a comment is stored (inside its transaction): keep its print and, if it is
    alike enough to a comment that stands alone or represents a campaign, put it in that
    campaign (made now if need be). A few queries whatever the round's size. `replacing`: the
    comment's text changed, its earlier print is replaced."""
    if not _groupable(comment):
        return None
    found = text_print(comment.text)
    _store_print(comment, found, replacing=replacing)
    if found.length < settings.CAMPAIGN_MIN_WORDS:
        return None
    keys = found.band_keys(_scope(comment))
    shared = (
        CommentBand.objects.filter(round_id=comment.round_id, key__in=keys)
        .exclude(comment=comment)
        .filter(
            Q(comment__campaign=None, comment__kept_apart=False, comment__parent=None)
            | Q(comment__campaign__representative=F("comment"))
        )
        .values("comment_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "comment_id")[:CANDIDATES]
    )
    prints = CommentPrint.objects.filter(comment_id__in=[row["comment_id"] for row in shared])
    best, best_similarity = None, settings.CAMPAIGN_SIMILARITY
    for stored in prints:
        similarity = found.similarity(print_from_stored(**_stored(stored)))
        if stored.length >= settings.CAMPAIGN_MIN_WORDS and similarity >= best_similarity:
            best, best_similarity = stored.comment_id, similarity
    if best is None:
        return None
    return _join(comment, Comment.objects.select_related("campaign").get(pk=best))


def _stored(stored):
    return {"length": stored.length, "exact": stored.exact, "signature": stored.signature}


def _join(comment, alike):
    if alike.campaign_id:  # a comment grouped anew after an edit may be older than the others
        campaign = Campaign.objects.select_for_update().get(pk=alike.campaign_id)
        Campaign.objects.filter(pk=campaign.pk).update(
            size=F("size") + 1,
            revision=F("revision") + 1,
            first_at=Least("first_at", Value(comment.created_at)),
            last_at=Greatest("last_at", Value(comment.created_at)),
        )
    else:
        campaign = Campaign.objects.create(
            round_id=comment.round_id,
            representative=alike,
            size=2,
            first_at=min(alike.created_at, comment.created_at),
            last_at=max(alike.created_at, comment.created_at),
        )
        Comment.objects.filter(pk=alike.pk).update(campaign=campaign)
    Comment.objects.filter(pk=comment.pk).update(campaign=campaign)
    comment.campaign = campaign
    campaign.refresh_from_db()
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
    if remaining.count() < 2:
        remaining.update(campaign=None)
        campaign.delete()
        return None
    first, last = remaining.first(), remaining.last()
    Campaign.objects.filter(pk=campaign.pk).update(
        size=F("size") - 1,
        revision=F("revision") + 1,
        first_at=first.created_at,
        last_at=last.created_at,
        representative=first if campaign.representative_id == comment.pk else campaign.representative,
    )
    campaign.refresh_from_db()
    return campaign


def group_prints(entries, *, threshold: float, min_words: int) -> dict[int, list[int]]:
    """Group (id, scope, Print) entries, taken in order of arrival, as campaign_find would one
    by one: an entry joins the most alike representative sharing a band key with it, or stands
    for itself. Returns representative id -> member ids (the representative first), for groups
    of two or more. Work per entry: its band keys and at most CANDIDATES comparisons."""
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
        for key in keys:
            representative_of_key.setdefault(key, pk)
    return {rep: members for rep, members in groups.items() if len(members) > 1}


@transaction.atomic
def campaigns_regroup(*, round, by) -> int:
    """Find the campaigns of a whole round again (after a change of thresholds, or for
    comments loaded in bulk): prints are made where missing, and every comment not kept apart
    is grouped anew. Returns how many campaigns were found."""
    require(by, "consultations.moderate")
    comments = list(
        Comment.objects.filter(round=round, parent=None, kept_apart=False)
        .order_by("created_at", "pk")
        .values_list("pk", "provision_id", "text", "created_at")
    )
    stored = {row.comment_id: row for row in CommentPrint.objects.filter(comment__round=round)}
    entries, made = [], {}
    for pk, provision_id, text, _created in comments:
        if pk in stored:
            found = print_from_stored(**_stored(stored[pk]))
        else:
            found = made.get(text) or text_print(text)
            made[text] = found
            CommentPrint.objects.create(
                comment_id=pk, length=found.length, exact=found.exact, signature=found.signature_bytes
            )
            CommentBand.objects.bulk_create(
                CommentBand(round_id=round.pk, comment_id=pk, key=key) for key in found.band_keys(provision_id or 0)
            )
        entries.append((pk, provision_id or 0, found))
    groups = group_prints(entries, threshold=settings.CAMPAIGN_SIMILARITY, min_words=settings.CAMPAIGN_MIN_WORDS)
    arrived = {pk: created for pk, _provision, _text, created in comments}
    Comment.objects.filter(round=round, campaign__isnull=False).update(campaign=None)
    Campaign.objects.filter(round=round).delete()
    for representative, members in groups.items():
        campaign = Campaign.objects.create(
            round=round,
            representative_id=representative,
            size=len(members),
            first_at=arrived[members[0]],
            last_at=arrived[members[-1]],
        )
        Comment.objects.filter(pk__in=members).update(campaign=campaign)
    return len(groups)
