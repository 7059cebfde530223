from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/count/", views.count, name="count"),
    path("inbox/read-all/", views.mark_all_read, name="mark_all_read"),
    path("inbox/<int:notification_id>/open/", views.open_notification, name="open"),
    path("inbox/<int:notification_id>/read/", views.mark_read, name="mark_read"),
    path("settings/notifications/", views.notification_settings, name="settings"),
    # The link of every notification email; works without logging in.
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
