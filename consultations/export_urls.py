from django.urls import path

from . import export_views

app_name = "exports"
urlpatterns = [
    path("", export_views.export_page, name="index"),
    path("rounds/<int:pk>/comments.<str:fmt>", export_views.round_comments, name="round"),
    path("texts/<slug:slug>/comments.<str:fmt>", export_views.instrument_comments, name="instrument"),
    path("texts/<slug:slug>/v<int:number>/comments.<str:fmt>", export_views.version_comments, name="version"),
    path("texts/<slug:slug>/v<int:number>/compilation.docx", export_views.version_compilation, name="compilation"),
]
