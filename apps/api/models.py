"""Personal access tokens for the REST API.

A token is shown to its owner once, when it is made; only its SHA-256 hash
is stored. The secret is 256 random bits, so a plain (unkeyed, unsalted)
hash is enough: nobody can brute-force it, and rotating SECRET_KEY does not
silently invalidate every member's scripts. The `prefix` (the token's first
characters, also random) is stored in clear to find the row and to let the
member recognise the token in their list.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_NAME_MAX_LENGTH = 100
PREFIX_LENGTH = 12  # "qrm_" + 8 hex characters


class Scope(models.TextChoices):
    # Translators: An API token's scope (an adjective-like noun): it may read data but not change
    # it.
    READ = "read", _("Read")
    # Translators: An API token's scope (a noun): it may also change data (post, comment, vote).
    WRITE = "write", _("Write")


class AccessTokenQuerySet(models.QuerySet):
    def active(self, at=None) -> "AccessTokenQuerySet":
        """Neither revoked nor expired."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires__isnull=True) | Q(expires__gt=at)
        )


class AccessToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=TOKEN_NAME_MAX_LENGTH)
    # Translators: Admin: the first characters of an API token, shown to recognise it (a noun).
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True)
    # Translators: Admin: the stored digest of an API token (a noun).
    token_hash = models.CharField(_("hash"), max_length=64)
    # Space-separated Scope values, sorted: "read" or "read write".
    scopes = models.CharField(_("scopes"), max_length=50)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)
    # Translators: Admin column and field label: the date and time an API token was last used.
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    # Translators: Admin column and field label: the date and time something stops being valid (a
    # verb, 3rd person).
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    # Translators: Admin column and field label: the date and time something was revoked (a past
    # participle).
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        indexes = [models.Index(fields=["user", "-created"], name="api_token_user_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires is not None and self.expires <= timezone.now()

    @property
    def is_active(self) -> bool:
        return not (self.is_revoked or self.is_expired)
