"""Every non-trivial read of taking part, one module per subject, each shaped for the page that
needs it (its query count does not grow with the data). Import them from here:
`selectors.comment_list_for_provision(...)`; search, analytics and exports have modules of their
own (`selectors.search`, `selectors.analytics`, `selectors.exports`)."""

from .amendments import amendment_list_incorporated, amendment_record, amendment_redline, amendment_trace_rows
from .comments import (
    COMMENTS_PER_PAGE,
    comment_counts_for_reader,
    comment_list_earlier,
    comment_list_for_provision,
    comment_list_visible,
    comment_page_number,
    sees_everything,
)
from .console import (
    CLOSING_SOON,
    console_figures,
    round_list_closing_soon,
    round_list_on_superseded_versions,
    round_superseded_notice,
)
from .contributions import contribution_lists_for_user, submission_list_public
from .cosigning import organization_list_for_cosigning
from .counts import comment_count_differences, comment_counts_for_version, comment_list_counted
from .moderation import (
    QUEUE_PAGE,
    campaign_detail,
    comment_list_for_moderation,
    moderation_metrics,
    submission_list_pending,
)
from .notifications import notification_email_context
from .participation import Participation, follow_keys, participation_for
from .questionnaires import response_compilation, response_get
from .rounds import phase_list_for_instrument, round_get, round_list_for_instrument, round_list_open

__all__ = [
    "CLOSING_SOON",
    "console_figures",
    "round_list_closing_soon",
    "round_list_on_superseded_versions",
    "round_superseded_notice",
    "COMMENTS_PER_PAGE",
    "QUEUE_PAGE",
    "amendment_list_incorporated",
    "amendment_redline",
    "amendment_record",
    "amendment_trace_rows",
    "campaign_detail",
    "comment_count_differences",
    "comment_counts_for_reader",
    "comment_counts_for_version",
    "comment_list_counted",
    "comment_list_earlier",
    "comment_list_for_moderation",
    "comment_list_for_provision",
    "comment_list_visible",
    "comment_page_number",
    "contribution_lists_for_user",
    "follow_keys",
    "moderation_metrics",
    "notification_email_context",
    "organization_list_for_cosigning",
    "participation_for",
    "Participation",
    "phase_list_for_instrument",
    "response_compilation",
    "response_get",
    "round_get",
    "round_list_for_instrument",
    "round_list_open",
    "sees_everything",
    "submission_list_pending",
    "submission_list_public",
]
