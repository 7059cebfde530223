from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

USERNAME_MAX_LENGTH = 30

username_characters = RegexValidator(
    regex=r"^[A-Za-z0-9_-]+\Z",
    message=_("Use only letters, digits, underscores and hyphens (no spaces)."),
    code="invalid_username",
)

# allauth reads this list through ACCOUNT_USERNAME_VALIDATORS.
username_validators = [username_characters]
