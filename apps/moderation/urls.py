from django.urls import path

from . import views

app_name = "moderation"

# Community pages live under /c/<slug>/modqueue/ and /c/<slug>/modlog/ (no
# other app routes these segments). Actions on posts, comments and reports
# live under /mod/ and reports under /report/, outside the post URLs, so no
# post slug can ever collide with them.
urlpatterns = [
    path("modlog/", views.site_log, name="site_log"),
    path("c/<slug:slug>/modlog/", views.community_log, name="community_log"),
    path("c/<slug:slug>/modqueue/", views.queue, name="queue"),
    path("c/<slug:slug>/modqueue/bans/", views.bans, name="bans"),
    path("c/<slug:slug>/modqueue/bans/lift/", views.unban, name="unban"),
    path("c/<slug:slug>/modqueue/team/", views.team, name="team"),
    path("c/<slug:slug>/modqueue/members/", views.members, name="members"),
    path(
        "c/<slug:slug>/modqueue/members/<str:action>/",
        views.member_action,
        name="member_action",
    ),
    path("c/<slug:slug>/modqueue/team/<str:action>/", views.team_action, name="team_action"),
    path("report/post/<int:target_id>/", views.report, {"kind": "post"}, name="report_post"),
    path(
        "report/comment/<int:target_id>/",
        views.report,
        {"kind": "comment"},
        name="report_comment",
    ),
    path("report/member/<str:username>/", views.report, {"kind": "member"}, name="report_member"),
    path(
        "report/message/<int:target_id>/",
        views.report,
        {"kind": "message"},
        name="report_message",
    ),
    path("mod/posts/<int:post_id>/<str:action>/", views.post_action, name="post_action"),
    path(
        "mod/comments/<int:comment_id>/<str:action>/",
        views.comment_action,
        name="comment_action",
    ),
    path("mod/reports/<int:report_id>/<str:action>/", views.report_action, name="report_action"),
]
