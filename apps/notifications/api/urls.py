from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.NotificationList.as_view(), name="notification-list"),
    path(
        "notifications/unread-count/",
        views.UnreadCount.as_view(),
        name="notification-unread-count",
    ),
    path("notifications/read-all/", views.MarkAllRead.as_view(), name="notification-mark-all-read"),
    path(
        "notifications/<int:notification_id>/read/",
        views.MarkRead.as_view(),
        name="notification-mark-read",
    ),
]
