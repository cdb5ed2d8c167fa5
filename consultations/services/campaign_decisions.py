"""The moderator's decisions on campaigns: one decision for all the members of a group (each
still logged one by one), a bulk decision on the queue's selection, and a member taken out of
its group (campaigns.py finds the groups)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.permissions import require

from ..models import Campaign, Comment, ModerationAction, ModerationDecision
from .campaigns import campaign_leave
from .moderation import TRANSITIONS, moderation_decide, moderation_decide_many


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
    Comment.objects.filter(pk=member.pk).update(kept_apart=True)
    ModerationDecision.objects.create(
        comment=member,
        moderator=by,
        action=ModerationAction.UNGROUP,
        from_state=member.state,
        to_state=member.state,
    )
    return campaign_leave(campaign=current, comment=member)
