from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("joining/applications/", views.applications, name="applications"),
    path("joining/applications/<int:pk>/<str:action>/", views.decide, name="decide"),
    path("joining/tree/", views.tree, name="tree"),
    path("settings/invites/", views.invites, name="invites"),
    path("settings/invites/<int:pk>/withdraw/", views.invite_revoke, name="invite_revoke"),
    path("join/<str:token>/", views.join, name="join"),
]
