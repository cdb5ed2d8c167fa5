from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from consultations.api import api
from consultations.urls import export_urlpatterns
from consultations.views.rounds import home
from drafts.views.workspace import drafting_home

from .views import account, accreditation, health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("api/", api.urls),  # language-neutral: outside the language prefixes
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("me/", account.profile, name="profile"),
    path("me/data.json", account.personal_data, name="personal_data"),
    path("me/close/", account.close_account, name="close_account"),
    path("accreditation/request/", accreditation.membership_request, name="membership_request"),
    path("accreditation/requests/", accreditation.pending_requests, name="pending_requests"),
    path("accreditation/requests/<int:pk>/decide/", accreditation.membership_decide, name="membership_decide"),
    path(
        "accreditation/organizations/<int:pk>/members/",
        accreditation.organization_members,
        name="organization_members",
    ),
    path(
        "accreditation/organizations/<int:pk>/verify/",
        accreditation.organization_verify,
        name="organization_verify",
    ),
    path("accreditation/invitations/", accreditation.invitations, name="invitations"),
    path("accreditation/audit/", accreditation.audit_log, name="audit_log"),
    path("invitation/<str:token>/", accreditation.invitation_accept, name="invitation_accept"),
    path("texts/", include("drafts.urls")),
    path("drafting/", drafting_home, name="drafting_home"),
    path("consultation/", include("consultations.urls")),
    path("exports/", include((export_urlpatterns, "exports"))),
    prefix_default_language=True,
)
