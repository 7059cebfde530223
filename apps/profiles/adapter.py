"""The allauth adapter: signup creates the User and its Profile together,
and mail leaves the request through a background task.

It lives in `profiles` (not `accounts`) because signing up creates a
profile, and a lower app never imports a higher one.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.utils import translation

from apps.accounts.models import User
from apps.core.tasks import send_email

from .services import profile_create


def recipient_language(email: str, user=None) -> str:
    """The language a mail to `email` is written in: the member's saved
    language (a password reset asked from a browser in another language is
    still read by its owner), else the request's. One query when `user` is
    not given (looked up by the address)."""
    if user is None:
        user = User.objects.filter(email__iexact=email).select_related("profile").first()
    saved = getattr(getattr(user, "profile", None), "language", "") if user else ""
    return saved or translation.get_language() or settings.LANGUAGE_CODE


class QuorumAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                language = translation.get_language() or ""
                profile_create(
                    user=user,
                    language=language if language in dict(settings.LANGUAGES) else "",
                )
        return user

    def send_mail(self, template_prefix, email, context):
        """Render in the request (the member's language), send in a task:
        an SMTP outage then never turns signup or password reset into a 500."""
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        with translation.override(recipient_language(email, context.get("user"))):
            message = self.render_mail(template_prefix, email, ctx)
        html_body = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        send_email.enqueue(
            subject=str(message.subject),
            body=message.body,
            to=list(message.to),
            from_email=message.from_email,
            html_body=html_body,
            headers={k: str(v) for k, v in (message.extra_headers or {}).items()},
        )
