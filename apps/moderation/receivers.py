"""What moderation does with other apps' events (connected by
ModerationConfig.ready(), run after the event's write committed).

An edit of a post or a comment whose actor is not its author (an
administrator's correction in the admin, any moderator's edit) is a line of
the moderation log: post_edited or comment_edited. A correction of the
language alone (`edited=False`) is not an edit and logs nothing. The
versions themselves are apps.revisions' (moderation does not import it)."""

from django.db import transaction

from .models import Action
from .services.shared import log_action


def _by_other(actor, author_id: int | None) -> bool:
    return actor is not None and actor.pk != author_id


def on_post_updated(sender, *, post, actor=None, edited: bool = False, **kwargs) -> None:
    if not edited or not _by_other(actor, post.author_id):
        return
    with transaction.atomic():
        log_action(actor=actor, action=Action.POST_EDITED, community=post.community, target=post)


def on_comment_edited(sender, *, comment, actor=None, edited: bool = False, **kwargs) -> None:
    if not edited or not _by_other(actor, comment.author_id):
        return
    with transaction.atomic():
        log_action(
            actor=actor,
            action=Action.COMMENT_EDITED,
            community=comment.post.community,
            target=comment,
        )
