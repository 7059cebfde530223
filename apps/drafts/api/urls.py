from django.urls import path

from . import views

urlpatterns = [
    path("drafts/", views.Drafts.as_view(), name="drafts"),
    path("drafts/<int:draft_id>/", views.DraftDetail.as_view(), name="draft-detail"),
]
