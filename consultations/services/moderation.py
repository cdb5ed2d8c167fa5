"""Moderation services: decisions, claims, bulk actions, reports. Every decision is a
conditional update (a stale or concurrent decision changes nothing), a reversion revision and
an entry in the moderation log; nothing is deleted."""

import copy
from datetime import timedelta

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
from .checks import ensure_open
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


def _ensure_moderator(by):
    if not by.has_perm("consultations.moderate"):
        raise PermissionDenied(_("Only the secretariat moderates."))


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
    _ensure_moderator(by)
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
    _ensure_moderator(by)
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
        state=to_state, moderation_reason=moderation_reason, moderated_at=now, claimed_by=None, claimed_at=None
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


@transaction.atomic
def moderation_decide_many(*, items, by, action, reason_id=None, reason_text=""):
    """A bulk decision: all items from one round, each applied as if decided alone."""
    _ensure_moderator(by)
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


@transaction.atomic
def comment_flag(*, comment, by, reason, kind=FlagKind.ABUSE):
    """A reader reports a published comment; enough distinct reports hide it until reviewed."""
    if not by.is_authenticated:
        raise PermissionDenied(_("Sign in to report a comment."))
    comment = Comment.objects.select_for_update(of=("self",)).select_related("round").get(pk=comment.pk)
    ensure_open(comment.round)
    if comment.state != ModerationState.PUBLISHED:
        raise ValidationError(_("Only a published comment can be reported."), code="not_published")
    if comment.author_id == by.pk:
        raise ValidationError(_("You cannot report your own comment: withdraw or edit it instead."), code="own")
    if kind not in FlagKind.values:
        raise ValidationError(_("Choose one of the options offered."), code="kind")
    reason = clean_text(reason, field_name="reason", max_length=MAX_REASON_LENGTH)
    try:
        with transaction.atomic():
            Flag.objects.create(comment=comment, reporter=by, kind=kind, reason=reason)
    except IntegrityError:
        raise ValidationError(_("You have already reported this comment."), code="already_flagged") from None
    reporters = Flag.objects.filter(comment=comment, resolved_at=None).values("reporter").distinct().count()
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
