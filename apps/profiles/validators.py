import zoneinfo
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Only web links: `javascript:`, `data:` and friends are refused.
http_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address starting with http:// or https://."),
)


class WebAddressField(forms.URLField):
    """A form field for a web link: `http_url` in place of URLField's own
    URLValidator, so a bad address gets one message, not two ("Enter a
    valid URL." and ours)."""

    default_validators = [http_url]
    default_error_messages = {"invalid": http_url.message}


@cache
def available_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value and value not in available_time_zones():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_time_zone")
