"""How people join: the site's registration option, applications waiting
for staff, and invite links with the tree of who invited whom.

The mode itself comes from settings (QUORUM_REGISTRATION_MODE);
`SiteRegistration`, one row edited by staff in the admin, may override it
(apps.registration.modes reads both).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    OPEN = "open", _("Open: anyone may sign up")
    DOMAINS = "domains", _("Email domains: only addresses at the allowed domains")
    APPROVAL = "approval", _("Approval: applicants answer a question, staff decide")
    INVITE = "invite", _("Invite only: a member's invite link is needed")
    CLOSED = "closed", _("Closed: nobody may sign up")


class SiteRegistration(models.Model):
    """The staff-editable override of the registration settings: one row
    (id 1). Empty fields follow the settings."""

    mode = models.CharField(
        _("registration mode"),
        max_length=10,
        choices=Mode.choices,
        blank=True,
        help_text=_("Empty: the mode the server's settings choose."),
    )
    domains = models.TextField(
        _("allowed email domains"),
        blank=True,
        help_text=_(
            "For the email-domain mode: one domain per line or separated by commas. "
            "Empty: the server's settings."
        ),
    )
    question = models.CharField(
        _("question for applicants"),
        max_length=500,
        blank=True,
        help_text=_("For the approval mode. Empty: the server's setting or the default."),
    )
    # Translators: Admin column and field label: the date and time something was last updated (a
    # past participle).
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration option")
        verbose_name_plural = _("registration options")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="registration_site_singleton")
        ]

    def __str__(self) -> str:
        return str(_("Registration options"))

    def clean(self) -> None:
        from .modes import parse_domains  # modes reads these models: imported here

        if self.mode == Mode.DOMAINS and not (
            parse_domains(self.domains)
            or parse_domains(getattr(settings, "QUORUM_REGISTRATION_DOMAINS", ""))
        ):
            raise ValidationError(
                {
                    "domains": _(
                        "The email-domain mode needs at least one domain, or nobody can join."
                    )
                }
            )


class ApplicationStatus(models.TextChoices):
    # Translators: An application's status (an adjective): not decided yet.
    PENDING = "pending", _("waiting")
    # Translators: An application's status (a past participle).
    APPROVED = "approved", _("approved")
    # Translators: An application's status (a past participle).
    REFUSED = "refused", _("refused")


class Application(models.Model):
    """A signup in the approval mode: the account exists but stays inactive
    (it cannot sign in) until staff approve it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="application",
        verbose_name=_("applicant"),
    )
    question = models.CharField(_("question"), max_length=500)
    # Translators: A noun: what an applicant wrote to join the site.
    answer = models.TextField(_("answer"))
    status = models.CharField(
        # Translators: A noun: the state of a report or application.
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    # Translators: Admin column and field label: the date and time someone applied to join the site
    # (a past participle).
    created = models.DateTimeField(_("applied"), auto_now_add=True)
    # Translators: Admin column and field label: the date and time staff decided on an application
    # (a past participle).
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [("decide_application", _("Can approve or refuse applications"))]
        indexes = [
            models.Index(fields=["status", "-created", "-id"], name="registration_app_queue")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Invite(models.Model):
    """An invite link: `token` is random (unguessable), usable `max_uses`
    times until `expires_at`, unless revoked."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invites",
        verbose_name=_("inviter"),
    )
    max_uses = models.PositiveSmallIntegerField(_("uses allowed"))
    # Translators: A noun, plural: how many times an invite link was used.
    use_count = models.PositiveSmallIntegerField(_("uses"), default=0)
    # Translators: Admin column and field label: the date and time something stops being valid (a
    # verb, 3rd person).
    expires_at = models.DateTimeField(_("expires"))
    # Translators: Admin column and field label: the date and time something was revoked (a past
    # participle).
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        # Translators: A noun: an invite link.
        verbose_name = _("invite")
        verbose_name_plural = _("invites")
        indexes = [
            models.Index(fields=["inviter", "-created", "-id"], name="registration_inv_mine")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(use_count__lte=models.F("max_uses")),
                name="registration_invite_within_uses",
            )
        ]

    def __str__(self) -> str:
        return f"{self.inviter} ({self.use_count}/{self.max_uses})"


class InviteUse(models.Model):
    """`user` joined with `invite`: an edge of the invite tree."""

    invite = models.ForeignKey(
        Invite,
        on_delete=models.CASCADE,
        related_name="uses",
        # Translators: A noun: an invite link.
        verbose_name=_("invite"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invited_with",
        verbose_name=_("invited member"),
    )
    # Translators: Admin column and field label: the date and time a member joined (a past
    # participle).
    created = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("invite use")
        verbose_name_plural = _("invite uses")

    def __str__(self) -> str:
        return str(self.user)
