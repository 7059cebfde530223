from django.urls import path

from . import views

urlpatterns = [
    path("conversations/", views.Conversations.as_view(), name="conversation-list"),
    path(
        "conversations/<int:conversation_id>/messages/",
        views.ConversationMessages.as_view(),
        name="conversation-messages",
    ),
    path("messages/", views.SendMessage.as_view(), name="message-send"),
]
