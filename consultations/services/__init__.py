"""Every write of taking part, one module per subject. Each checks the round's state itself,
whatever path called it (page, htmx, admin, API, command): a closed round takes nothing, not even
an edit or a withdrawal. Import them from here: `services.comment_create(...)`."""

from .amendments import amendment_decide, amendments_trace
from .campaign_decisions import campaign_decide, campaign_member_remove, moderation_decide_selected
from .campaigns import campaign_find, campaign_refind, campaigns_regroup
from .comments import comment_create, comment_edit, comment_withdraw, cosignature_decide
from .counts import comment_counts_rebuild
from .follows import follow_set
from .moderation import comment_flag, moderation_claim, moderation_decide, moderation_decide_many
from .notifications import (
    notification_preferences_set,
    notifications_announce_new_versions,
    notifications_announce_round_deadlines,
    notifications_queue,
)
from .questionnaires import response_save
from .rounds import round_close, round_continue, round_save
from .submissions import submission_create
from .tracking import tracking_number_issue

__all__ = [
    "amendment_decide",
    "amendments_trace",
    "campaign_decide",
    "campaign_find",
    "campaign_member_remove",
    "campaign_refind",
    "campaigns_regroup",
    "comment_counts_rebuild",
    "comment_create",
    "comment_edit",
    "comment_flag",
    "comment_withdraw",
    "cosignature_decide",
    "follow_set",
    "moderation_claim",
    "moderation_decide",
    "moderation_decide_many",
    "moderation_decide_selected",
    "notification_preferences_set",
    "notifications_announce_new_versions",
    "notifications_announce_round_deadlines",
    "notifications_queue",
    "response_save",
    "round_close",
    "round_continue",
    "round_save",
    "submission_create",
    "tracking_number_issue",
]
