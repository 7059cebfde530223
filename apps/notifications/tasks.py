"""The notifications' background tasks (django.tasks: the database backend's
`manage.py db_worker` in production, immediate in local runs)."""

from django.tasks import task

from . import digests


@task()
def send_notification_digest(*, user_id: int, kind: str) -> int:
    """Email `user_id` the events of `kind` waiting since their last email
    (apps.notifications.digests explains the batching)."""
    return digests.digest_send(user_id=user_id, kind=kind)
