"""The email that tells an applicant the staff's decision, in their language."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from apps.core.tasks import send_email

from .models import Application, ApplicationStatus


def _absolute(path: str) -> str:
    protocol = getattr(settings, "ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
    return f"{protocol}://{Site.objects.get_current().domain}{path}"


def send_decision(application_pk: int) -> None:
    """Render the decision in the applicant's language (their profile's, or
    the site's) and hand it to the mail task. Runs after the decision
    committed."""
    application = Application.objects.select_related("user__profile").get(pk=application_pk)
    user = application.user
    if not user.email:
        return
    profile = getattr(user, "profile", None)
    languages = dict(settings.LANGUAGES)
    language = getattr(profile, "language", "") or ""
    language = language if language in languages else settings.LANGUAGE_CODE
    context = {
        "user": user,
        "site_name": settings.SITE_NAME,
        "approved": application.status == ApplicationStatus.APPROVED,
        "login_url": _absolute(reverse("account_login")),
    }
    with translation.override(language):
        subject = render_to_string("joining/email/decision_subject.txt", context)
        body = render_to_string("joining/email/decision_message.txt", context)
    send_email.enqueue(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        to=[user.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
