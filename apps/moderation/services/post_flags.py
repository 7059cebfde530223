"""Locking and pinning posts: one service driven by a table of flag actions
(the field, its new value, the log's action, the policy and the messages).
`post_lock`, `post_unlock`, `post_pin` and `post_unpin` are its thin names
for callers that name one action (seeds, tests)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.communities.models import Community
from apps.posts.models import Post
from apps.posts.selectors import PINNED_MAX

from .. import policies
from ..models import Action
from .shared import clean_reason, lock_post, log_action


def _room_to_pin(post: Post) -> None:
    """A removed post is not pinned, and a community pins at most
    PINNED_MAX (the number its feed shows). The community row serializes
    pins: two moderators pinning at once cannot both take the last place."""
    if post.is_removed:
        raise ValidationError(
            _("A removed post cannot be pinned: restore it first."), code="removed"
        )
    Community.objects.select_for_update().filter(pk=post.community_id).first()
    pinned = Post.objects.filter(community_id=post.community_id, is_pinned=True).count()
    if pinned >= PINNED_MAX:
        raise ValidationError(
            ngettext(
                # Translators: %(count)d is the most posts a community may pin at once (a number).
                "A community can pin at most %(count)d post: unpin it first.",
                "A community can pin at most %(count)d posts: unpin one first.",
                PINNED_MAX,
            )
            % {"count": PINNED_MAX},
            code="pin_limit",
        )


@dataclass(frozen=True)
class FlagAction:
    field: str
    value: bool
    log_action: str
    allowed: Callable[[Actor, Post], bool]
    denied: Promise
    unchanged: Promise
    check: Callable[[Post], None] | None = None


FLAG_ACTIONS: dict[str, FlagAction] = {
    "lock": FlagAction(
        "is_locked",
        True,
        Action.POST_LOCKED,
        policies.can_lock_post,
        gettext_lazy("Only the community's moderators can lock posts."),
        gettext_lazy("This post is already locked."),
    ),
    "unlock": FlagAction(
        "is_locked",
        False,
        Action.POST_UNLOCKED,
        policies.can_lock_post,
        gettext_lazy("Only the community's moderators can unlock posts."),
        gettext_lazy("This post is not locked."),
    ),
    "pin": FlagAction(
        "is_pinned",
        True,
        Action.POST_PINNED,
        policies.can_pin_post,
        gettext_lazy("Only the community's moderators can pin posts."),
        gettext_lazy("This post is already pinned."),
        check=_room_to_pin,
    ),
    "unpin": FlagAction(
        "is_pinned",
        False,
        Action.POST_UNPINNED,
        policies.can_pin_post,
        gettext_lazy("Only the community's moderators can unpin posts."),
        gettext_lazy("This post is not pinned."),
    ),
}


@transaction.atomic
def post_flag_set(*, actor: User, post: Post, action: str, reason: str = "") -> Post:
    """Lock ("lock": no new comments, existing ones stay), unlock, pin (to
    the top of the community's feed) or unpin a post, and log it."""
    flag = FLAG_ACTIONS[action]
    if not flag.allowed(actor, post):
        raise PermissionDenied(str(flag.denied))
    reason = clean_reason(reason, required=False)
    locked = lock_post(post)
    if locked.is_deleted:
        raise ValidationError(_("Its author deleted this post."), code="deleted")
    if getattr(locked, flag.field) == flag.value:
        raise ValidationError(str(flag.unchanged), code="unchanged")
    if flag.check is not None:
        flag.check(locked)
    Post.objects.filter(pk=locked.pk).update(**{flag.field: flag.value})
    setattr(locked, flag.field, flag.value)
    log_action(
        actor=actor,
        action=flag.log_action,
        community=locked.community,
        target=locked,
        reason=reason,
    )
    setattr(post, flag.field, flag.value)
    return post


def post_lock(*, actor: User, post: Post, reason: str = "") -> Post:
    return post_flag_set(actor=actor, post=post, action="lock", reason=reason)


def post_unlock(*, actor: User, post: Post, reason: str = "") -> Post:
    return post_flag_set(actor=actor, post=post, action="unlock", reason=reason)


def post_pin(*, actor: User, post: Post, reason: str = "") -> Post:
    return post_flag_set(actor=actor, post=post, action="pin", reason=reason)


def post_unpin(*, actor: User, post: Post, reason: str = "") -> Post:
    return post_flag_set(actor=actor, post=post, action="unpin", reason=reason)
