from django.urls import path

from apps.posts import views as post_views

app_name = "tags"

urlpatterns = [
    # A tag's page lists posts, so its view lives in apps.posts; it keeps the
    # stable name "tags:detail" (Tag.get_absolute_url). Tags may hold letters
    # of any script, hence <str:>.
    path("t/<str:slug>/", post_views.tag_feed, name="detail"),
]
