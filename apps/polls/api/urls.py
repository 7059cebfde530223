from django.urls import path

from . import views

urlpatterns = [
    path("polls/", views.PollCreate.as_view(), name="poll-create"),
    path("posts/<int:post_id>/poll/", views.PostPoll.as_view(), name="post-poll"),
    path("posts/<int:post_id>/poll/vote/", views.PostPollVote.as_view(), name="post-poll-vote"),
]
