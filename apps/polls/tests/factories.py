"""The polls factory: a poll added the way the submit page adds one."""

from apps.polls.models import Poll
from apps.polls.services import poll_create


def make_poll(author, post, options, **extra) -> Poll:
    return poll_create(actor=author, post=post, options=list(options), **extra)
