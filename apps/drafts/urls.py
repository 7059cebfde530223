from django.urls import path

from . import views

app_name = "drafts"

urlpatterns = [
    path("drafts/", views.draft_list, name="list"),
    path("drafts/<int:draft_id>/delete/", views.draft_delete, name="delete"),
    path("c/<slug:slug>/submit/draft/", views.autosave, name="autosave"),
]
