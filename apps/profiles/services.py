"""Writes for profiles and follows. Keyword-only, atomic, validated."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.events import send_after_commit
from apps.core.html import rich_text_html

from . import events, policies
from .avatars import process_avatar
from .languages import clean_reading_languages
from .models import Block, Follow, Profile

PROFILE_FIELDS = ("display_name", "bio", "website", "language", "timezone", "reading_languages")
# The longest bio a member may type (the stored HTML may be a little longer).
MAX_BIO_LENGTH = 1000


@transaction.atomic
def profile_create(*, user: User, language: str = "", timezone: str = "") -> Profile:
    profile = Profile(user=user, language=language, timezone=timezone)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def profile_update(
    *,
    actor: User,
    profile: Profile,
    avatar_upload=None,
    remove_avatar: bool = False,
    **changes: str | list[str],
) -> Profile:
    """Change the fields a member may edit on their own profile. Unknown
    reading languages are refused (ValidationError on the field). The bio is
    stored as HTML with the comments' allowlist (apps.core.html.rich_text_html:
    plain text becomes paragraphs)."""
    if not policies.can_edit_profile(actor, profile.user):
        raise PermissionDenied(_("You can only edit your own profile."))
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "reading_languages" in changes:
        changes["reading_languages"] = clean_reading_languages(changes["reading_languages"])
    if "bio" in changes:
        changes["bio"] = _bio_html(str(changes["bio"] or ""))
    for field, value in changes.items():
        setattr(profile, field, value)
    new_avatar = None
    if avatar_upload is not None:
        try:
            new_avatar = process_avatar(avatar_upload)
        except ValidationError as error:
            raise ValidationError({"avatar": error.error_list}) from None
    # Validate everything before the new file touches storage.
    profile.full_clean(exclude=["avatar"])
    old_avatar = profile.avatar.name if profile.avatar else ""
    if new_avatar is not None:
        profile.avatar.save(f"{profile.user_id}-{new_avatar.name}", new_avatar, save=False)
    elif remove_avatar:
        profile.avatar = ""
    profile.save()
    if old_avatar and old_avatar != (profile.avatar.name or ""):
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return profile


def _bio_html(raw: str) -> str:
    """The bio as stored HTML, or a ValidationError on the field."""
    raw = raw.replace("\r\n", "\n")
    if len(raw) > MAX_BIO_LENGTH:
        raise ValidationError(
            {
                "bio": ValidationError(
                    # Translators: %(limit)s is the longest allowed length, %(length)s the
                    # length of the member's text (numbers).
                    _("Your bio can be at most %(limit)s characters long; it has %(length)s.")
                    % {"limit": MAX_BIO_LENGTH, "length": len(raw)},
                    code="too_long",
                )
            }
        )
    return rich_text_html(raw)


def profile_set_language(*, actor: User, language: str) -> None:
    """Save the language chosen in the switcher (already validated by the view)."""
    Profile.objects.filter(user=actor).update(language=language)


def follow_create(*, follower: User, followee: User) -> bool:
    """Follow a member. Returns True if a new follow was made; following
    twice is a no-op (the unique constraint decides, not a Python check)."""
    refusal = policies.follow_refusal(follower, followee)
    if refusal is not None:
        code, reason = refusal
        if code in policies.INPUT_REFUSALS:
            raise ValidationError(reason, code=code)
        raise PermissionDenied(reason)
    try:
        with transaction.atomic():
            Follow.objects.create(follower=follower, followee=followee)
            Profile.objects.filter(user=followee).update(follower_count=F("follower_count") + 1)
            Profile.objects.filter(user=follower).update(following_count=F("following_count") + 1)
    except IntegrityError:
        return False
    send_after_commit(
        events.member_followed,
        Follow,
        follower=follower,
        followee=followee,
        actor=follower,
        community_id=None,
    )
    return True


@transaction.atomic
def follow_delete(*, follower: User, followee: User) -> bool:
    """Stop following. Returns True if a follow was removed."""
    deleted, _rows = Follow.objects.filter(follower=follower, followee=followee).delete()
    if not deleted:
        return False
    Profile.objects.filter(user=followee).update(follower_count=F("follower_count") - 1)
    Profile.objects.filter(user=follower).update(following_count=F("following_count") - 1)
    send_after_commit(
        events.member_unfollowed,
        Follow,
        follower=follower,
        followee=followee,
        actor=follower,
        community_id=None,
    )
    return True


def _raise_refusal(refusal: tuple[str, str] | None) -> None:
    if refusal is None:
        return
    code, reason = refusal
    if code in policies.INPUT_REFUSALS:
        raise ValidationError(reason, code=code)
    raise PermissionDenied(reason)


def block_create(*, blocker: User, blocked: User) -> bool:
    """Block a member: they can no longer message `blocker`, and their posts
    and comments are folded for `blocker`. Returns True if a new block was
    made; blocking twice is a no-op (the unique constraint decides). The
    blocked member is never told."""
    _raise_refusal(policies.block_refusal(blocker, blocked))
    try:
        with transaction.atomic():
            Block.objects.create(blocker=blocker, blocked=blocked)
            send_after_commit(
                events.member_blocked,
                Block,
                blocker=blocker,
                blocked=blocked,
                actor=blocker,
                community_id=None,
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def block_delete(*, blocker: User, blocked: User) -> bool:
    """Undo a block. Returns True if a block was removed."""
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    if not deleted:
        return False
    send_after_commit(
        events.member_unblocked,
        Block,
        blocker=blocker,
        blocked=blocked,
        actor=blocker,
        community_id=None,
    )
    return True
