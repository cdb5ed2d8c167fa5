from django.urls import path

from . import import_views, views

app_name = "drafts"
urlpatterns = [
    path("", views.instrument_list, name="instruments"),
    path("<slug:slug>/", views.instrument_detail, name="instrument"),
    path("<slug:slug>/import/", import_views.import_upload, name="import_upload"),
    path("<slug:slug>/import/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("<slug:slug>/compare/", views.compare, name="compare"),
    path("<slug:slug>/compare/fragment/", views.compare_fragment, name="compare_fragment"),
    path("<slug:slug>/compare/export.xml", views.compare_export, name="compare_export"),
    path("<slug:slug>/v<int:number>/", views.version_detail, name="version"),
    path("<slug:slug>/v<int:number>/export.<str:fmt>", views.version_export, name="version_export"),
    path("<slug:slug>/v<int:number>/<str:key>/edit/", views.provision_edit, name="provision_edit"),
    path("<slug:slug>/v<int:number>/<str:key>/merge/", views.provision_merge, name="provision_merge"),
    path("<slug:slug>/v<int:number>/<str:key>/history/", views.provision_history, name="provision_history"),
    path(
        "<slug:slug>/v<int:number>/<str:key>/history/<int:record_id>/restore/",
        views.provision_restore,
        name="provision_restore",
    ),
]
