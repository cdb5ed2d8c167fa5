from django.urls import path

from .views import adoptions, editing, exports, imports, reading, workspace

app_name = "drafts"
urlpatterns = [
    path("", reading.instrument_list, name="instruments"),
    path("<slug:slug>/", reading.instrument_detail, name="instrument"),
    path("<slug:slug>/import/", imports.import_upload, name="import_upload"),
    path("<slug:slug>/import/<int:pk>/", imports.import_preview, name="import_preview"),
    path("<slug:slug>/compare/", reading.compare, name="compare"),
    path("<slug:slug>/compare/fragment/", reading.compare_fragment, name="compare_fragment"),
    path("<slug:slug>/compare/export.xml", exports.compare_export, name="compare_export"),
    path("<slug:slug>/votes/", adoptions.instrument_votes, name="instrument_votes"),
    path("<slug:slug>/votes.<str:fmt>", adoptions.votes_export, name="votes_export"),
    path("<slug:slug>/v<int:number>/", reading.version_detail, name="version"),
    path("<slug:slug>/v<int:number>/particulars/", workspace.version_particulars, name="version_particulars"),
    path("<slug:slug>/v<int:number>/publish/", workspace.version_publish, name="version_publish"),
    path("<slug:slug>/v<int:number>/translation/", imports.translation_import, name="translation_import"),
    path("<slug:slug>/v<int:number>/new-version/", workspace.version_new, name="version_new"),
    path("<slug:slug>/v<int:number>/adoption/", adoptions.adoption_detail, name="adoption"),
    path("<slug:slug>/v<int:number>/adoption/enter/", adoptions.adoption_enter, name="adoption_enter"),
    path("<slug:slug>/v<int:number>/export.<str:fmt>", exports.version_export, name="version_export"),
    path("<slug:slug>/v<int:number>/<str:key>/edit/", editing.provision_edit, name="provision_edit"),
    path("<slug:slug>/v<int:number>/<str:key>/add/", workspace.provision_add, name="provision_add"),
    path("<slug:slug>/v<int:number>/<str:key>/move/", workspace.provision_move, name="provision_move"),
    path("<slug:slug>/v<int:number>/<str:key>/merge/", editing.provision_merge, name="provision_merge"),
    path("<slug:slug>/v<int:number>/<str:key>/history/", reading.provision_history, name="provision_history"),
    path(
        "<slug:slug>/v<int:number>/<str:key>/history/<int:record_id>/restore/",
        editing.provision_restore,
        name="provision_restore",
    ),
]
