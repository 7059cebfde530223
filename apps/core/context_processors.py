from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Values every page needs: the site name and the language choices."""
    return {"SITE_NAME": settings.SITE_NAME}
