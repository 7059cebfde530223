"""Background tasks shared by every app."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str,
    html_body: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    """Send one message. Runs outside the request, so an SMTP outage never
    turns a signup or password reset into a 500 (the worker retries instead)."""
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or {})
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
