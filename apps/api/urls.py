from django.urls import path

from . import views

app_name = "api"

# The HTML page where members manage their access tokens. The API itself is
# routed from config/api_urls.py under /api/v1/.
urlpatterns = [
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
