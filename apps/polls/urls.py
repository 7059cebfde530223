from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("c/<slug:slug>/submit/poll/", views.submit_poll, name="submit"),
    path("c/<slug:slug>/p/<int:post_id>/poll/vote/", views.vote, name="vote"),
]
