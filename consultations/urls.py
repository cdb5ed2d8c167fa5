"""The addresses of taking part, in two namespaces: `consultations` (mounted at /consultation/)
and `exports` (mounted at /exports/), both included by portal/urls.py."""

from django.urls import path

from .views import (
    amendments,
    analytics,
    comments,
    console,
    exports,
    follows,
    mine,
    moderation,
    questionnaires,
    round_setup,
    rounds,
    search,
    submissions,
)

app_name = "consultations"
urlpatterns = [
    path("mine/", mine.my_contributions, name="my_contributions"),
    path("notifications/", mine.notification_preferences, name="notification_preferences"),
    path("timeline/<slug:slug>/", rounds.timeline, name="timeline"),
    path("console/", console.console, name="console"),
    path("rounds/new/", round_setup.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", round_setup.round_edit, name="round_edit"),
    path("rounds/<int:pk>/close/", round_setup.round_close, name="round_close"),
    path("rounds/<int:pk>/continue/", round_setup.round_continue, name="round_continue"),
    path("rounds/<int:pk>/comments/<str:key>/", comments.provision_comments, name="provision_comments"),
    path("rounds/<int:pk>/comments/<str:key>/new/", comments.comment_create, name="comment_create"),
    path("rounds/<int:pk>/submit/", submissions.submission_create, name="submission_create"),
    path("rounds/<int:pk>/submissions/", submissions.submission_list, name="submission_list"),
    path("rounds/<int:pk>/questionnaire/", questionnaires.questionnaire, name="questionnaire"),
    path("rounds/<int:pk>/questionnaire/replies/", questionnaires.compiled_responses, name="compiled_responses"),
    path("comments/<int:pk>/", comments.comment_permalink, name="comment"),
    path("comments/<int:pk>/edit/", comments.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/withdraw/", comments.comment_withdraw, name="comment_withdraw"),
    path("comments/<int:pk>/report/", moderation.report, name="report"),
    path("cosignatures/<int:pk>/", comments.cosignature_decide, name="cosignature_decide"),
    path("follow/<slug:slug>/", follows.follow, name="follow"),
    path("comments/<int:pk>/decision/", amendments.amendment_decide, name="amendment_decide"),
    path("amendments/<slug:slug>/v<int:number>/", amendments.amendment_trace, name="amendment_trace"),
    path("positions/<slug:slug>/v<int:number>/", amendments.adoption_positions, name="adoption_positions"),
    path("amendments/<slug:slug>/v<int:number>/record/", amendments.amendment_record, name="amendment_record"),
    path("documents/<int:pk>/", submissions.submission_file, name="submission_file"),
    path("moderation/", moderation.queue, name="moderation_queue"),
    path("moderation/bulk/", moderation.decide_bulk, name="moderation_bulk"),
    path("moderation/metrics/", moderation.metrics, name="moderation_metrics"),
    path("moderation/campaigns/<int:pk>/", moderation.campaign, name="campaign"),
    path("moderation/campaigns/<int:pk>/decide/", moderation.campaign_decide, name="campaign_decide"),
    path(
        "moderation/campaigns/<int:pk>/members/<int:comment>/remove/",
        moderation.campaign_member_remove,
        name="campaign_member_remove",
    ),
    path("moderation/rounds/<int:pk>/regroup/", moderation.campaigns_regroup, name="campaigns_regroup"),
    path("moderation/<str:kind>/<int:pk>/decide/", moderation.decide, name="moderation_decide"),
    path("moderation/<str:kind>/<int:pk>/claim/", moderation.claim, name="moderation_claim"),
    path("search/", search.search, name="search"),
    path("analytics/", analytics.analytics_page, name="analytics"),
]

# The `exports` namespace: portal/urls.py includes it as (export_urlpatterns, "exports").
export_urlpatterns = [
    path("", exports.export_page, name="index"),
    path("rounds/<int:pk>/comments.<str:fmt>", exports.round_comments, name="round"),
    path("texts/<slug:slug>/comments.<str:fmt>", exports.instrument_comments, name="instrument"),
    path("texts/<slug:slug>/v<int:number>/comments.<str:fmt>", exports.version_comments, name="version"),
    path("texts/<slug:slug>/v<int:number>/compilation.docx", exports.version_compilation, name="compilation"),
]
