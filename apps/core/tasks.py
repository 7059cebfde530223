"""Background tasks shared by every app."""

import time

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.tasks import TaskContext, task
from django.utils import timezone

from apps.core.models import TaskCanary


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


@task(takes_context=True)
def canary(context: TaskContext, *, seconds: float = 0.0) -> int:
    """Wait, then count one completion under this task's id (see
    `manage.py task_canary`). A run cut off before the end counts nothing."""
    time.sleep(min(seconds, 600))
    key = str(context.task_result.id)
    with transaction.atomic():
        TaskCanary.objects.get_or_create(key=key)
        TaskCanary.objects.filter(key=key).update(runs=F("runs") + 1, completed_at=timezone.now())
    return TaskCanary.objects.get(key=key).runs
