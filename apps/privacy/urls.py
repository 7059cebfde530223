from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("settings/data/", views.data_page, name="data"),
    path("settings/data/export/", views.export_request, name="export_request"),
    path("settings/data/download/<str:token>/", views.export_download, name="export_download"),
    path("settings/delete/", views.delete_account, name="delete"),
]
