from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from consultations import views as consultation_views
from consultations.api import api

from . import account_views, accreditation_views, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/", api.urls),  # language-neutral: outside the language prefixes
]

urlpatterns += i18n_patterns(
    path("", consultation_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("me/", account_views.profile, name="profile"),
    path("me/data.json", account_views.personal_data, name="personal_data"),
    path("me/close/", account_views.close_account, name="close_account"),
    path("accreditation/request/", accreditation_views.membership_request, name="membership_request"),
    path("accreditation/requests/", accreditation_views.pending_requests, name="pending_requests"),
    path("accreditation/requests/<int:pk>/decide/", accreditation_views.membership_decide, name="membership_decide"),
    path(
        "accreditation/organizations/<int:pk>/members/",
        accreditation_views.organization_members,
        name="organization_members",
    ),
    path(
        "accreditation/organizations/<int:pk>/verify/",
        accreditation_views.organization_verify,
        name="organization_verify",
    ),
    path("accreditation/invitations/", accreditation_views.invitations, name="invitations"),
    path("accreditation/audit/", accreditation_views.audit_log, name="audit_log"),
    path("invitation/<str:token>/", accreditation_views.invitation_accept, name="invitation_accept"),
    path("texts/", include("drafts.urls")),
    path("consultation/", include("consultations.urls")),
    path("exports/", include("consultations.export_urls")),
    prefix_default_language=True,
)
