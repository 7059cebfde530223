"""/feeds/...: see the app's docstring. Each feed has one URL name; its
format is an optional last segment, so templates write
{% url 'feeds:community' community.slug %} (RSS) or
{% url 'feeds:community' community.slug 'atom' %}."""

from django.urls import path, register_converter

from . import views


class FeedFormatConverter:
    regex = "rss|atom"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFormatConverter, "feedformat")

app_name = "feeds"

urlpatterns = [
    path("", views.front_feed, name="front"),
    path("<feedformat:feed_format>/", views.front_feed, name="front"),
    path("c/<slug:slug>/", views.community_feed, name="community"),
    path("c/<slug:slug>/<feedformat:feed_format>/", views.community_feed, name="community"),
    # Tags may hold letters of any script, usernames too: <str:>.
    path("t/<str:slug>/", views.tag_feed, name="tag"),
    path("t/<str:slug>/<feedformat:feed_format>/", views.tag_feed, name="tag"),
    path("u/<str:username>/", views.member_feed, name="member"),
    path("u/<str:username>/<feedformat:feed_format>/", views.member_feed, name="member"),
]
