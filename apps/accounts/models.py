from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .validators import USERNAME_MAX_LENGTH, username_characters


class QuorumUserManager(UserManager["User"]):
    def get_by_natural_key(self, username):
        # Usernames are unique case-insensitively, so look them up that way too.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


# The password of an account its member deleted (apps.privacy): unusable
# (Django's "!" prefix never matches a hash) and recognisable without a query.
DEPARTED_PASSWORD = "!departed"  # noqa: S105 - a marker, not a secret


class User(AbstractUser):
    """A member's login identity. Everything shown publicly lives on Profile."""

    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=_("3 to 30 characters: letters, digits, underscores and hyphens."),
        validators=[username_characters, MaxLengthValidator(USERNAME_MAX_LENGTH)],
        error_messages={"unique": _("A member with that username already exists.")},
    )
    email = models.EmailField(_("email address"), blank=True)

    objects: ClassVar[QuorumUserManager] = QuorumUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_ci_unique",
                violation_error_message=_("A member with that username already exists."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("This email address is already in use."),
            ),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def is_departed(self) -> bool:
        """The member deleted their account: the row stays (the username is
        reserved), their name shows as "[deleted]"."""
        return self.password == DEPARTED_PASSWORD
