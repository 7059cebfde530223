"""Who may upload images. Returns (code, translated sentence) or None, like
every policy (apps/posts/policies.py)."""

from django.utils.translation import gettext as _

from apps.accounts.types import Actor

Refusal = tuple[str, str]


def upload_refusal(user: Actor) -> Refusal | None:
    """Signed-in, active members may upload (no query). Whether the image
    may then appear somewhere is the rule of what uses it (a post)."""
    if not (user.is_authenticated and user.is_active):
        return "login", _("Log in to upload images.")
    return None


def can_upload(user: Actor) -> bool:
    return upload_refusal(user) is None
