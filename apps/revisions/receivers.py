"""What the edit history does with the events of posts and comments
(connected by RevisionsConfig.ready(), run after the edit's commit).

An edit (`edited=True`) keeps a version; a correction of the language alone
keeps none."""

from django.db import IntegrityError

from . import services


def on_post_updated(
    sender,
    *,
    post,
    actor=None,
    edited: bool = False,
    previous_title: str = "",
    previous_body_html: str = "",
    previous_link: str = "",
    previous_tags=(),
    tags=(),
    **kwargs,
) -> None:
    if not edited:
        return
    try:
        services.post_revision_record(
            post=post,
            actor=actor,
            previous_title=previous_title,
            previous_body_html=previous_body_html,
            previous_link=previous_link,
            previous_tags=previous_tags,
            tags=tags,
        )
    except IntegrityError:  # the post was deleted meanwhile: nothing to keep
        return


def on_comment_edited(
    sender, *, comment, actor=None, edited: bool = False, previous_body_html: str = "", **kwargs
) -> None:
    if not edited:
        return
    try:
        services.comment_revision_record(
            comment=comment, actor=actor, previous_body_html=previous_body_html
        )
    except IntegrityError:  # the comment row went meanwhile
        return
