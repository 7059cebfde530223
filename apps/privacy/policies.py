"""Who may delete an account or ask for an export, and why not.

`x_refusal(...) -> (code, translated sentence) | None`, as in
apps.moderation.policies; the services raise what these return."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.types import Actor

Refusal = tuple[str, str]

# At most one export per member in this window.
EXPORT_INTERVAL = timedelta(days=1)


def deletion_refusal(actor: Actor, member: User) -> Refusal | None:
    """The member deletes their own account, once; a superuser may erase
    another member's account the same way from the admin (a member who asks
    by mail). A superuser account is not deleted (another superuser takes
    the role away first), so a site cannot lose its last administrator by a
    click."""
    if not actor.is_authenticated:
        return ("not_yours", _("You can only delete your own account."))
    erasing_for_them = actor.is_superuser and actor.is_active and actor.pk != member.pk
    if actor.pk != member.pk and not erasing_for_them:
        return ("not_yours", _("You can only delete your own account."))
    if member.is_departed:
        return ("already_deleted", _("This account has already been deleted."))
    if member.is_superuser:
        return (
            "superuser",
            _(
                "A superuser account cannot be deleted from the site. Ask another "
                "administrator to remove your superuser status first."
            ),
        )
    return None


def export_refusal(actor: Actor, *, last_requested: datetime | None) -> Refusal | None:
    """A member asks for their own export, at most once a day."""
    if not actor.is_authenticated or not actor.is_active:
        return ("not_member", _("Log in to download your data."))
    if last_requested is not None and last_requested > timezone.now() - EXPORT_INTERVAL:
        next_time = timezone.localtime(last_requested + EXPORT_INTERVAL)
        return (
            "export_daily_limit",
            # Translators: %(time)s is a date and time, e.g. "6 Dec 2026, 14:05".
            _("You can ask for one export a day. Your next one is possible after %(time)s.")
            % {"time": date_format(next_time, "DATETIME_FORMAT")},
        )
    return None
