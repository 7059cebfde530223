from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.conversation_list, name="list"),
    path("messages/new/", views.new_message, name="new"),
    path("messages/new/<str:username>/", views.new_message, name="new_to"),
    path("messages/<int:conversation_id>/", views.conversation, name="conversation"),
    path(
        "messages/<int:conversation_id>/delete/",
        views.conversation_delete,
        name="delete",
    ),
]
