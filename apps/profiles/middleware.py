import zoneinfo

from django.conf import settings
from django.utils import timezone, translation


class MemberPreferencesMiddleware:
    """Activate a signed-in member's language and time zone for the request.

    The language saved on the profile beats the cookie and Accept-Language
    that LocaleMiddleware used; visitors keep what LocaleMiddleware chose.
    Costs no query: the profile comes with the user (see backends.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        timezone.deactivate()
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is None:
                # Users made outside signup (createsuperuser, the admin) get
                # their profile the first time they use the site.
                from .services import profile_create

                profile = user.profile = profile_create(user=user)
            if profile is not None:
                if profile.language and profile.language in dict(settings.LANGUAGES):
                    translation.activate(profile.language)
                    request.LANGUAGE_CODE = profile.language
                if profile.timezone:
                    try:
                        timezone.activate(zoneinfo.ZoneInfo(profile.timezone))
                    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                        pass
        return self.get_response(request)
