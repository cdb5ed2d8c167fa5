"""Moderation services: decisions, claims, bulk actions, reports. Every decision is a
conditional update (a stale or concurrent decision changes nothing), a reversion revision and
an entry in the moderation log; nothing is deleted."""

import copy
from datetime import timedelta

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import MembershipStatus
from portal.permissions import require
from portal.text_checks import clean_text

from ..models import (
    Comment,
    Flag,
    FlagKind,
    ModerationAction,
    ModerationDecision,
    ModerationReason,
    ModerationState,
    NotificationKind,
    Submission,
)
from ..models.moderation import MAX_REASON_LENGTH
from .campaigns import campaign_refind
from .counts import comment_count_move, count_key
from .notifications import notifications_queue

CLAIM_DURATION = timedelta(minutes=15)


# action -> (states it applies to, resulting state, a reason is required)
TRANSITIONS = {
    ModerationAction.PUBLISH: (
        {ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.SPAM},
        ModerationState.PUBLISHED,
        False,
    ),
    ModerationAction.REJECT: ({ModerationState.PENDING}, ModerationState.REJECTED, True),
    ModerationAction.HIDE: ({ModerationState.PUBLISHED}, ModerationState.HIDDEN, True),
    ModerationAction.SPAM: (
        {ModerationState.PENDING, ModerationState.PUBLISHED, ModerationState.HIDDEN},
        ModerationState.SPAM,
        False,
    ),
}


# The kinds of item moderated, as named in the moderation URLs.
ITEM_MODELS = {"comment": Comment, "submission": Submission}


# Decisions on a published comment that waits for a review because its author edited it or
# readers reported it: keep it published, or, for an edit held in a pre-moderated round, publish
# the edit or refuse it (then a reason is required). Hiding it or marking it as spam also
# settles the review. action -> a reason is required
REVIEW_DECISIONS = {
    ModerationAction.KEEP: False,
    ModerationAction.KEEP_EDIT: False,
    ModerationAction.DROP_EDIT: True,
}

# What any decision on a comment settles: the author's edit is applied (KEEP_EDIT) or set
# aside (it stays in the comment's history), and the reports are answered.
REVIEW_SETTLED = {
    "edited_after_publication_at": None,
    "pending_text": "",
    "pending_proposed_text": "",
    "pending_position": "",
}


def _has_open_reports(comment):
    flagged = getattr(comment, "flagged", None)  # the queue annotates it
    if flagged is None:
        flagged = Flag.objects.filter(comment=comment, resolved_at=None).exists()
    return flagged


def moderation_actions_for(item):
    """The decisions a moderator can take on an item, as (action, label), in the queue's order."""
    actions = [action for action, (allowed, _to, _reason) in TRANSITIONS.items() if item.state in allowed]
    if isinstance(item, Comment) and item.state == ModerationState.PUBLISHED:
        if item.has_pending_edit:
            actions = [ModerationAction.KEEP_EDIT, ModerationAction.DROP_EDIT, *actions]
        elif item.edited_after_publication_at or _has_open_reports(item):
            actions = [ModerationAction.KEEP, *actions]
    return [(action.value, action.label) for action in actions]


def _settle_review(comment, now):
    Flag.objects.filter(comment=comment, resolved_at=None).update(resolved_at=now)


def _model_of(item):
    return type(item)


def _claimed_by_someone_else(item, by, now):
    return (
        item.claimed_by_id
        and item.claimed_by_id != by.pk
        and item.claimed_at
        and item.claimed_at > now - CLAIM_DURATION
    )


@transaction.atomic
def moderation_claim(*, item, by):
    """Take an item so that no other moderator decides it meanwhile (for 15 minutes)."""
    require(by, "consultations.moderate")
    model, now = _model_of(item), timezone.now()
    current = model.objects.select_for_update(of=("self",)).select_related("claimed_by").get(pk=item.pk)
    if _claimed_by_someone_else(current, by, now):
        raise ValidationError(_("%(name)s is reviewing this item.") % {"name": current.claimed_by}, code="claimed")
    model.objects.filter(pk=item.pk).update(claimed_by=by, claimed_at=now)
    current.refresh_from_db()
    return current


def _reason(reason_id, reason_text, required):
    reason = None
    if reason_id:
        reason = ModerationReason.objects.filter(pk=reason_id, active=True).first()
        if reason is None:
            raise ValidationError({"reason": _("Choose a reason from the list.")}, code="reason")
    text = clean_text(reason_text, field_name="reason_text", max_length=MAX_REASON_LENGTH, required=False)
    if required and reason is None and not text:
        raise ValidationError({"reason": _("Give a reason: the author will see it.")}, code="reason_required")
    return reason, text


def _as_it_was(comment, state):
    """The comment as it was counted before a state change (only its state differs)."""
    before = copy.copy(comment)
    before.state = state
    return before


@transaction.atomic
def moderation_decide(*, item, by, action, expected_state, reason_id=None, reason_text=""):
    """Apply a moderation decision, if the item is still in `expected_state` (what the
    moderator saw) and no other moderator holds it. Returns the updated item."""
    require(by, "consultations.moderate")
    if action in REVIEW_DECISIONS:
        return _decide_review(item=item, by=by, action=action, reason_id=reason_id, reason_text=reason_text)
    if action not in TRANSITIONS:
        raise ValidationError(_("Choose one of the moderation actions offered."), code="action")
    allowed_from, to_state, needs_reason = TRANSITIONS[action]
    reason, text = _reason(reason_id, reason_text, needs_reason)
    model, now = _model_of(item), timezone.now()
    current = model.objects.select_related("claimed_by", "author").get(pk=item.pk)
    if _claimed_by_someone_else(current, by, now):
        raise ValidationError(
            _("%(name)s is reviewing this item: your decision was not applied.") % {"name": current.claimed_by},
            code="claimed",
        )
    if expected_state not in allowed_from:
        raise ValidationError(_("This action does not apply to an item in this state."), code="transition")
    moderation_reason = " — ".join(
        part
        for part in (
            (reason.value_in("label", current.author.preferred_language) or reason.label) if reason else "",
            text,
        )
        if part
    )
    changed = model.objects.filter(pk=item.pk, state=expected_state).update(
        state=to_state,
        moderation_reason=moderation_reason,
        moderated_at=now,
        claimed_by=None,
        claimed_at=None,
        **(REVIEW_SETTLED if model is Comment else {}),
    )
    if not changed:
        current.refresh_from_db()
        raise ValidationError(
            _("This item was already decided (it is now %(state)s): your decision was not applied.")
            % {"state": current.get_state_display().lower()},
            code="stale",
        )
    current.refresh_from_db()  # under the row lock our update holds: what others see next
    if model is Comment:
        comment_count_move(before=count_key(_as_it_was(current, expected_state)), after=count_key(current))
        _settle_review(current, now)
    decision = ModerationDecision.objects.create(
        moderator=by,
        action=action,
        from_state=expected_state,
        to_state=to_state,
        reason=reason,
        reason_text=text,
        **{"comment" if model is Comment else "submission": current},
    )
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(f"{action}: {moderation_reason}"[:500])
        reversion.add_to_revision(current)
    notifications_queue(recipients=[current.author], kind=NotificationKind.DECISION, decision=decision.pk)
    if model is Comment and current.parent_id and to_state == ModerationState.PUBLISHED:
        notifications_queue(recipients=[current.parent.author], kind=NotificationKind.REPLY, comment=current.pk)
    return current


def _decide_review(*, item, by, action, reason_id, reason_text):
    reason, text = _reason(reason_id, reason_text, REVIEW_DECISIONS[action])
    now = timezone.now()
    current = Comment.objects.select_for_update(of=("self",)).select_related("claimed_by", "author").get(pk=item.pk)
    if _claimed_by_someone_else(current, by, now):
        raise ValidationError(
            _("%(name)s is reviewing this item: your decision was not applied.") % {"name": current.claimed_by},
            code="claimed",
        )
    if action not in {offered for offered, _label in moderation_actions_for(current)}:
        raise ValidationError(_("This item was already reviewed: your decision was not applied."), code="stale")
    counted_as = count_key(current)
    if action == ModerationAction.KEEP_EDIT:
        current.text, current.proposed_text = current.pending_text, current.pending_proposed_text
        current.position = current.pending_position or current.position
        current.edit_count += 1
    for name, value in REVIEW_SETTLED.items():
        setattr(current, name, value)
    current.moderated_at, current.claimed_by, current.claimed_at = now, None, None
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(f"{action}: {text}"[:500])
        current.save()
    comment_count_move(before=counted_as, after=count_key(current))
    if action == ModerationAction.KEEP_EDIT:  # its new text may belong to another campaign
        campaign_refind(comment=current)
    _settle_review(current, now)
    decision = ModerationDecision.objects.create(
        comment=current,
        moderator=by,
        action=action,
        from_state=current.state,
        to_state=current.state,
        reason=reason,
        reason_text=text,
    )
    if action != ModerationAction.KEEP:  # the author hears what became of their edit
        notifications_queue(recipients=[current.author], kind=NotificationKind.DECISION, decision=decision.pk)
    return current


@transaction.atomic
def moderation_decide_many(*, items, by, action, reason_id=None, reason_text=""):
    """A bulk decision: all items from one round, each applied as if decided alone."""
    require(by, "consultations.moderate")
    items = list(items)
    if not items:
        raise ValidationError(_("Select at least one item."), code="empty")
    if len({item.round_id for item in items}) > 1:
        raise ValidationError(_("A bulk action applies to the items of one round at a time."), code="mixed_rounds")
    return [
        moderation_decide(
            item=item, by=by, action=action, expected_state=item.state, reason_id=reason_id, reason_text=reason_text
        )
        for item in items
    ]


def _accredited_reporters(comment):
    """How many people with an approved accreditation report the comment and await a review."""
    return (
        Flag.objects.filter(comment=comment, resolved_at=None, reporter__memberships__status=MembershipStatus.APPROVED)
        .values("reporter")
        .distinct()
        .count()
    )


@transaction.atomic
def comment_flag(*, comment, by, reason, kind=FlagKind.ABUSE):
    """A reader reports a published comment. Every report reaches the moderation queue; enough
    reports from accredited participants hide the comment until the secretariat reviews it.
    A person sends at most FLAG_RATE_PER_HOUR reports an hour."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related("round").get(pk=comment.pk)
    require(by, "consultations.report", comment)
    if kind not in FlagKind.values:
        raise ValidationError(_("Choose one of the options offered."), code="kind")
    reason = clean_text(reason, field_name="reason", max_length=MAX_REASON_LENGTH)
    recent = Flag.objects.filter(reporter=by, created_at__gt=timezone.now() - timedelta(hours=1)).count()
    if recent >= settings.FLAG_RATE_PER_HOUR:
        raise ValidationError(
            _("You have sent %(n)s reports in the last hour, the most one person may: try again later.")
            % {"n": recent},
            code="too_many_reports",
        )
    try:
        with transaction.atomic():
            Flag.objects.create(comment=comment, reporter=by, kind=kind, reason=reason)
    except IntegrityError:
        raise ValidationError(_("You have already reported this comment."), code="already_flagged") from None
    reporters = _accredited_reporters(comment)
    if reporters >= settings.FLAG_HIDE_THRESHOLD:
        changed = Comment.objects.filter(pk=comment.pk, state=ModerationState.PUBLISHED).update(
            state=ModerationState.HIDDEN,
            moderated_at=timezone.now(),
            moderation_reason=_("Reported by %(n)s people; hidden until the secretariat reviews it.")
            % {"n": reporters},
        )
        if changed:
            comment.refresh_from_db()
            comment_count_move(
                before=count_key(_as_it_was(comment, ModerationState.PUBLISHED)), after=count_key(comment)
            )
            ModerationDecision.objects.create(
                comment=comment,
                moderator=None,
                action=ModerationAction.AUTO_HIDE,
                from_state=ModerationState.PUBLISHED,
                to_state=ModerationState.HIDDEN,
                reason_text=f"{reporters} reports",
            )
    return comment
