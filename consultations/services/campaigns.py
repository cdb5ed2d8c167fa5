"""Campaigns: grouping alike comments as they arrive and over a whole round, and the
moderator's decisions on a group (one decision for all its members, each logged) and its
members (one taken out of its group). See consultations/similarity.py for how alike is found."""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from portal.permissions import require

from ..models import Campaign, Comment, CommentBand, CommentPrint, ModerationAction, ModerationDecision
from ..similarity import Print, print_from_stored, text_print
from .moderation import TRANSITIONS, moderation_decide, moderation_decide_many

CANDIDATES = 20  # the most representatives a new comment is compared with


def _scope(comment) -> int:
    return comment.provision_id or 0


def _groupable(comment) -> bool:
    return comment.parent_id is None and not comment.kept_apart


def _store_print(comment, found: Print):
    CommentPrint.objects.update_or_create(
        comment=comment,
        defaults={"length": found.length, "exact": found.exact, "signature": found.signature_bytes},
    )
    CommentBand.objects.filter(comment=comment).delete()
    CommentBand.objects.bulk_create(
        CommentBand(round_id=comment.round_id, comment=comment, key=key) for key in found.band_keys(_scope(comment))
    )


def campaign_find(*, comment: Comment) -> Campaign | None:
    """Called as a comment is stored (inside its transaction): keep its print and, if it is
    alike enough to a comment that stands alone or represents a campaign, put it in that
    campaign (made now if need be). A few queries whatever the round's size."""
    if not _groupable(comment):
        return None
    found = text_print(comment.text)
    _store_print(comment, found)
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
    if alike.campaign_id:
        campaign = Campaign.objects.select_for_update().get(pk=alike.campaign_id)
        Campaign.objects.filter(pk=campaign.pk).update(
            size=F("size") + 1, revision=F("revision") + 1, last_at=comment.created_at
        )
    else:
        campaign = Campaign.objects.create(
            round_id=comment.round_id,
            representative=alike,
            size=2,
            first_at=alike.created_at,
            last_at=comment.created_at,
        )
        Comment.objects.filter(pk=alike.pk).update(campaign=campaign)
    Comment.objects.filter(pk=comment.pk).update(campaign=campaign)
    comment.campaign = campaign
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


def campaign_actions_for(states) -> list[tuple[str, str]]:
    """The decisions that apply to a campaign whose members are in `states`, as (action, label)."""
    return [
        (action.value, action.label)
        for action, (allowed, _to, _reason) in TRANSITIONS.items()
        if any(state in allowed for state in states)
    ]


def _changed():
    return ValidationError(
        _(
            "This campaign changed since you saw it (a comment joined or left it): look at it again; nothing was decided."
        ),
        code="campaign_changed",
    )


def _locked(campaign, expected_revision):
    current = Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    if current is None or current.revision != expected_revision:
        raise _changed()
    return current


@transaction.atomic
def campaign_decide(*, campaign, by, action, expected_revision, reason_id=None, reason_text="") -> list[Comment]:
    """One decision for every member of a campaign it applies to, each recorded in the
    moderation log as if decided alone; refused whole if the campaign changed since it was shown."""
    require(by, "consultations.moderate")
    if action not in TRANSITIONS:
        raise ValidationError(_("Choose one of the moderation actions offered."), code="action")
    current = _locked(campaign, expected_revision)
    allowed_from = TRANSITIONS[action][0]
    members = list(current.members.filter(state__in=allowed_from).order_by("created_at", "pk"))
    if not members:
        raise ValidationError(_("This action applies to none of the campaign's comments."), code="transition")
    return [
        moderation_decide(
            item=member,
            by=by,
            action=action,
            expected_state=member.state,
            reason_id=reason_id,
            reason_text=reason_text,
        )
        for member in members
    ]


@transaction.atomic
def moderation_decide_selected(
    *, comments, campaigns: dict[int, int], by, action, reason_id=None, reason_text=""
) -> list[Comment]:
    """A bulk decision on the queue's selection, all from one round: each comment shown alone
    decided as if alone (moderation_decide_many), each campaign (id -> the revision shown)
    decided whole (campaign_decide). Refused whole if any campaign changed since it was shown."""
    require(by, "consultations.moderate")
    comments = list(comments)
    found = Campaign.objects.in_bulk(list(campaigns))
    if len(found) != len(campaigns):
        raise _changed()
    if len({item.round_id for item in comments} | {campaign.round_id for campaign in found.values()}) > 1:
        raise ValidationError(_("A bulk action applies to the items of one round at a time."), code="mixed_rounds")
    decided = []
    if comments or not found:  # with nothing selected, moderation_decide_many says so
        decided += moderation_decide_many(
            items=comments, by=by, action=action, reason_id=reason_id, reason_text=reason_text
        )
    for pk, revision in campaigns.items():
        decided += campaign_decide(
            campaign=found[pk],
            by=by,
            action=action,
            expected_revision=revision,
            reason_id=reason_id,
            reason_text=reason_text,
        )
    return decided


@transaction.atomic
def campaign_member_remove(*, campaign, comment, by, expected_revision) -> Campaign | None:
    """Take a comment out of its campaign: it stands alone from now on and is never grouped
    again. A campaign left with one comment is dissolved. Returns the campaign, or None."""
    require(by, "consultations.moderate")
    current = Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    member = Comment.objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if current is None or member.campaign_id != current.pk:
        raise ValidationError(_("This comment is no longer in this campaign: nothing changed."), code="not_a_member")
    current = _locked(current, expected_revision)
    Comment.objects.filter(pk=member.pk).update(campaign=None, kept_apart=True)
    ModerationDecision.objects.create(
        comment=member,
        moderator=by,
        action=ModerationAction.UNGROUP,
        from_state=member.state,
        to_state=member.state,
    )
    remaining = current.members.order_by("created_at", "pk")
    if remaining.count() < 2:
        remaining.update(campaign=None)
        current.delete()
        return None
    first, last = remaining.first(), remaining.last()
    Campaign.objects.filter(pk=current.pk).update(
        size=F("size") - 1,
        revision=F("revision") + 1,
        first_at=first.created_at,
        last_at=last.created_at,
        representative=first if current.representative_id == member.pk else current.representative,
    )
    current.refresh_from_db()
    return current
