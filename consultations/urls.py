from django.urls import path

from . import insight_views, moderation_views, submission_views, views

app_name = "consultations"
urlpatterns = [
    path("mine/", views.my_contributions, name="my_contributions"),
    path("timeline/<slug:slug>/", views.timeline, name="timeline"),
    path("amendments/<slug:slug>/v<int:number>/", views.amendment_trace, name="amendment_trace"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/comments/<str:key>/", views.provision_comments, name="provision_comments"),
    path("rounds/<int:pk>/comments/<str:key>/new/", views.comment_create, name="comment_create"),
    path("rounds/<int:pk>/submit/", submission_views.submission_create, name="submission_create"),
    path("rounds/<int:pk>/questionnaire/", submission_views.questionnaire, name="questionnaire"),
    path("rounds/<int:pk>/questionnaire/replies/", submission_views.compiled_responses, name="compiled_responses"),
    path("comments/<int:pk>/", views.comment_permalink, name="comment"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/withdraw/", views.comment_withdraw, name="comment_withdraw"),
    path("comments/<int:pk>/decision/", views.amendment_decide, name="amendment_decide"),
    path("cosignatures/<int:pk>/", views.cosignature_decide, name="cosignature_decide"),
    path("documents/<int:pk>/", submission_views.submission_file, name="submission_file"),
    path("comments/<int:pk>/report/", moderation_views.report, name="report"),
    path("moderation/", moderation_views.queue, name="moderation_queue"),
    path("moderation/bulk/", moderation_views.decide_bulk, name="moderation_bulk"),
    path("moderation/metrics/", moderation_views.metrics, name="moderation_metrics"),
    path("moderation/<str:kind>/<int:pk>/decide/", moderation_views.decide, name="moderation_decide"),
    path("moderation/<str:kind>/<int:pk>/claim/", moderation_views.claim, name="moderation_claim"),
    path("notifications/", moderation_views.notification_preferences, name="notification_preferences"),
    path("search/", insight_views.search, name="search"),
    path("analytics/", insight_views.analytics, name="analytics"),
]
