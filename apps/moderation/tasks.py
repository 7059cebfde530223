"""Background work of moderation."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.tasks import task
from django.utils import timezone


@task()
def end_member_sessions(*, user_id: int) -> int:
    """Delete every live session of a member (after a suspension). Returns
    how many it ended.

    The suspension itself already shuts them out: the account is inactive,
    so the authentication backend loads no user for their session on the
    next request. This removes the sessions too, from the database and from
    the cache in front of it (cached_db), so nothing of them lingers.

    Cost: sessions are not indexed by member, so it decodes every live
    session once — seconds per million, which is why it runs as a task
    (immediately in development and tests, in the worker in production)."""
    engine = import_module(settings.SESSION_ENGINE)
    wanted = str(user_id)
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now()).only(
        "session_key", "session_data"
    )
    for session in live.iterator(chunk_size=2000):
        try:
            data = session.get_decoded()
        except Exception:  # noqa: S112 - a corrupt or foreign session is not this member's
            continue
        if data.get(SESSION_KEY) == wanted:
            engine.SessionStore(session_key=session.session_key).delete()
            ended += 1
    return ended
