"""Writes for comments and comment votes. Keyword-only, atomic, validated.

Lock order, the same in every service so that two of them never wait on each
other in a circle: post row → comment rows → vote row → profile row.

Who may write is decided by apps.comments.policies; votes follow the one
algorithm of apps.posts.votes; every write sends its event from
apps.comments.events after commit (which also turns the cached pages over).
"""

import html as std_html
import re
from datetime import timedelta
from typing import TypedDict

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, IntegerField, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities.models import Ban
from apps.communities.policies import contribute_refusal
from apps.core.events import send_after_commit
from apps.core.html import html_to_text, sanitize_comment_html, text_to_html
from apps.core.ratelimit import check as rate_limit
from apps.posts.models import Post
from apps.posts.services import with_mentions
from apps.posts.votes import is_vote_value, record_vote
from apps.profiles.languages import clean_content_language

from . import events, policies
from .models import Comment, CommentVote, SavedComment, child_path

MAX_BODY_LENGTH = 10_000
# A second identical submission (double click, resent form) within this
# window returns the first comment instead of creating a twin.
DUPLICATE_WINDOW = timedelta(seconds=10)

# Something that looks like a tag: "<p>", "</b>", "<a href=…>", "<!--" (as
# in HTML, the name follows "<" at once, so "a < b > c" stays text). Text
# without one is plain text typed into a textarea.
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^>]*>|<!--")


def comment_body(raw: str) -> tuple[str, str]:
    """(sanitized HTML, plain text) of what a member typed, or ValidationError.
    @mentions are linked by `comment_body_with_mentions`.

    Plain text (no tags) becomes paragraphs first; anything else goes through
    the comment allowlist. The size limit applies to what was typed, the
    emptiness test to what is left after sanitizing (a body made only of
    `<script>` is empty)."""
    # Browsers send line breaks as CRLF but count them as one character
    # against the textarea's maxlength: count them the same way.
    raw = (raw or "").replace("\r\n", "\n")
    if not raw.strip():
        raise ValidationError(_("Your comment is empty. Write something first."), code="empty")
    if len(raw) > MAX_BODY_LENGTH:
        raise ValidationError(
            # Translators: %(limit)s is the longest allowed length, %(length)s the length of the
            # member's comment (numbers).
            _("A comment can be at most %(limit)s characters long; yours has %(length)s.")
            % {"limit": intcomma(MAX_BODY_LENGTH), "length": intcomma(len(raw))},
            code="too_long",
        )
    source = raw if _LOOKS_LIKE_HTML.search(raw) else text_to_html(raw)
    body_html = sanitize_comment_html(source)
    body_text = html_to_text(body_html)
    if not body_text:
        raise ValidationError(
            _("Your comment has no text left once unsupported markup is removed."),
            code="empty",
        )
    return body_html, body_text


def comment_body_with_mentions(raw: str) -> tuple[str, str, list[int]]:
    """comment_body with its @names linked, and the ids of the members to
    tell (apps.posts.services.with_mentions)."""
    body_html, body_text = comment_body(raw)
    body_html, mentioned = with_mentions(body_html)
    return body_html, body_text, mentioned


# What text_to_html makes: paragraphs of escaped text and <br>, nothing else.
_PLAIN_PARAGRAPHS = re.compile(r"\A(?:<p>(?:[^<]|<br>)*</p>)+\Z")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
# A mention link as apps.core.html.link_mentions stores it: typed as "@name".
_MENTION_LINK = re.compile(
    r'<a href="/u/[A-Za-z0-9_-]{1,30}/" rel="[a-z ]*">(@[A-Za-z0-9_-]{1,30})</a>'
)


def editable_body(body_html: str) -> str:
    """What goes back into the textarea when the author edits: the plain text
    they typed (paragraphs and line breaks restored) when the body is plain
    paragraphs, else the HTML itself, so editing never loses links or markup.
    Mention links count as the "@name" typed (they are made again on save)."""
    body_html = _MENTION_LINK.sub(r"\1", body_html or "")
    if not _PLAIN_PARAGRAPHS.match(body_html):
        return body_html or ""
    return "\n\n".join(
        std_html.unescape(paragraph.replace("<br>", "\n"))
        for paragraph in _PARAGRAPH.findall(body_html)
    )


class _PostState(TypedDict):
    """The post's columns that decide whether it takes comments."""

    is_locked: bool
    is_deleted: bool
    is_removed: bool


def _lock_post(post_id: int) -> _PostState | None:
    """Lock the post row (first, as the lock order says) and read the state
    that decides whether it takes comments, fresh under the lock."""
    return (
        Post.objects.select_for_update()
        .filter(pk=post_id)
        .values("is_locked", "is_deleted", "is_removed")
        .first()
    )


@transaction.atomic
def comment_create(
    *,
    author: User,
    post: Post,
    body: str,
    parent: Comment | None = None,
    language: str | None = None,
    client_ip: str | None = None,
) -> Comment:
    """A new comment on `post`, or a reply to `parent` (rate-limited per
    member and, given `client_ip`, per address).

    Costs about 8 queries: the post row is locked first, so two submissions
    of the same text cannot both pass the duplicate check, and its state
    (locked, deleted) is read again under the lock.
    """
    state = _lock_post(post.pk)
    if state is None:
        raise ValidationError(_("This post no longer exists."), code="missing")
    for field, value in state.items():
        setattr(post, field, value)
    policies.enforce(policies.comment_refusal(author, post, parent))
    body_html, body_text, mentioned = comment_body_with_mentions(body)
    # Empty: the author's language; an unknown code is refused on `language`.
    language = clean_content_language(language, author=author)

    now = timezone.now()
    duplicate = (
        Comment.objects.filter(
            author=author,
            post=post,
            parent=parent,
            body_html=body_html,
            is_deleted=False,
            created__gte=now - DUPLICATE_WINDOW,
        )
        .order_by("-id")
        .first()
    )
    if duplicate is not None:
        return duplicate
    rate_limit("comment", user=author, client_ip=client_ip)  # RateLimited (a PermissionDenied)

    comment = Comment(
        post=post,
        author=author,
        parent=parent,
        depth=parent.depth + 1 if parent is not None else 0,
        body_html=body_html,
        body_text=body_text,
        language=language,
        created=now,
    )
    # The objects behind the foreign keys were just read or locked.
    comment.full_clean(exclude=["post", "author", "parent"])
    comment.save()
    # The path holds the id, known only now; same transaction, so nobody
    # ever sees the comment without it.
    comment.path = child_path(parent.path if parent is not None else "", comment.pk)
    Comment.objects.filter(pk=comment.pk).update(path=comment.path)

    Post.objects.filter(pk=post.pk).update(
        comment_count=F("comment_count") + 1, last_activity_at=now
    )
    if parent is not None:
        Comment.objects.filter(pk=parent.pk).update(reply_count=F("reply_count") + 1)
    # Loaded for the receivers: whom a reply concerns is post.author_id and parent.author_id.
    comment.post, comment.parent = post, parent
    send_after_commit(
        events.comment_created,
        Comment,
        comment=comment,
        actor=author,
        community_id=post.community_id,
        mentioned=mentioned,
    )
    return comment


@transaction.atomic
def comment_update(
    *, actor: User, comment: Comment, body: str, language: str | None = None
) -> Comment:
    """The author rewrites their comment; it shows "edited" from then on (a
    new language alone is a correction, not an edit). `language` None or
    empty keeps the comment's own."""
    if not policies.can_edit_comment(actor, comment):
        raise PermissionDenied(_("You can only edit your own comments."))
    body_html, body_text, mentioned = comment_body_with_mentions(body)
    language = (
        clean_content_language(language, author=actor)
        if language and language.strip()
        else comment.language or clean_content_language(None, author=actor)
    )
    if body_html == comment.body_html and language == comment.language:
        return comment
    now = timezone.now()
    previous_body_html = comment.body_html
    edited_at = comment.edited_at if body_html == comment.body_html else now
    # Conditional on the comment still being shown: an edit racing a delete
    # must not bring the text back.
    changed = Comment.objects.filter(pk=comment.pk, is_deleted=False, is_removed=False).update(
        body_html=body_html, body_text=body_text, language=language, edited_at=edited_at
    )
    if not changed:
        raise ValidationError(_("This comment can no longer be edited."), code="gone")
    comment.body_html, comment.body_text, comment.edited_at = body_html, body_text, edited_at
    comment.language = language
    send_after_commit(
        events.comment_edited,
        Comment,
        comment=comment,
        actor=actor,
        community_id=comment.post.community_id,
        mentioned=mentioned,
        edited=body_html != previous_body_html,
        previous_body_html=previous_body_html,
    )
    return comment


@transaction.atomic
def comment_delete(*, actor: User, comment: Comment) -> Comment:
    """Soft delete by the author: the text goes, the comment stays as
    "[deleted]" so its replies keep their place. Deleting twice is a no-op."""
    if not policies.can_delete_comment(actor, comment):
        if policies.is_comment_author(actor, comment):
            return comment  # already deleted
        raise PermissionDenied(_("You can only delete your own comments."))
    _lock_post(comment.post_id)
    state = (
        Comment.objects.select_for_update()
        .filter(pk=comment.pk)
        .values("is_deleted", "is_removed", "deleted_at")
        .first()
    )
    if state is None or state["is_deleted"]:
        return comment  # deleted meanwhile: nothing left to do
    now = timezone.now()
    Comment.objects.filter(pk=comment.pk).update(
        is_deleted=True, deleted_at=now, body_html="", body_text=""
    )
    if not state["is_removed"]:
        # Removed comments were already taken out of the post's count.
        Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") - 1)
    comment.is_deleted, comment.deleted_at = True, now
    comment.body_html = comment.body_text = ""
    send_after_commit(
        events.comment_deleted,
        Comment,
        comment=comment,
        actor=actor,
        community_id=comment.post.community_id,
    )
    return comment


def _locked_for_vote(user: User, queryset, **lookup) -> Comment:
    """The comment to vote on, row-locked, read in ONE query with what the
    vote needs: its post and community, whether the voter is banned there
    (an EXISTS) and the voter's current vote (`old_vote`: record_vote writes
    it by compare and set, since on PostgreSQL this statement's subqueries
    may predate its wait for the lock). With the author's profile, for the
    vote box drawn after the vote. Raises Comment.DoesNotExist."""
    current = CommentVote.objects.filter(comment=OuterRef("pk"), user_id=user.pk).values("value")
    banned = Ban.objects.active().filter(community=OuterRef("post__community"), user_id=user.pk)
    return (
        queryset.select_for_update(of=("self",))
        .select_related("post__community", "author__profile")
        .annotate(
            voter_banned=Exists(banned),
            old_vote=Subquery(current[:1], output_field=IntegerField()),
        )
        .get(**lookup)
    )


def _vote(user: User, locked: Comment, value: int, client_ip: str | None) -> int:
    """Apply `value` to `locked` (from _locked_for_vote): the policy, the
    rate limit, the vote row and counters (record_vote), the event. Leaves
    the fresh score, upvotes and downvotes on `locked`."""
    banned = locked.voter_banned  # type: ignore[attr-defined]  # _locked_for_vote's annotation
    contributor = contribute_refusal(user, locked.post.community, banned=banned) is None
    policies.enforce(policies.comment_vote_refusal(user, locked, contributor=contributor))
    rate_limit("vote", user=user, client_ip=client_ip)
    change = record_vote(
        vote_model=CommentVote,
        target=locked,
        target_field="comment",
        author_id=locked.author_id,
        user=user,
        value=value,
        karma_field="comment_karma",
        current=locked.old_vote,  # type: ignore[attr-defined]  # _locked_for_vote's annotation
    )
    locked.score += change.score
    locked.upvotes += change.upvotes
    locked.downvotes += change.downvotes
    if change.changed:
        send_after_commit(
            events.comment_voted,
            Comment,
            comment=locked,
            actor=user,
            value=value,
            old_value=change.old,
            community_id=locked.post.community_id,
        )
    return value


def _check_vote_value(value: int) -> None:
    if not is_vote_value(value):
        raise ValidationError(_("A vote is up, down or cleared."), code="bad_vote")


@transaction.atomic
def comment_vote(*, user: User, comment: Comment, value: int, client_ip: str | None = None) -> int:
    """Up (1), down (-1) or clear (0) `user`'s vote on `comment`; returns the
    vote now standing. Voting on your own comment counts in its score but not
    in your karma.

    Concurrency: the comment row is locked first (_locked_for_vote), so votes
    on one comment take turns; the member's vote, read in the locking
    statement, is written by compare and set (record_vote), so two requests
    of the same member cannot both insert; the unique constraint stays the
    last guard. The vote row, score, upvotes, downvotes and the author's
    karma move as apps.posts.votes.record_vote says, in this transaction;
    `comment` gets the fresh score, upvotes and downvotes. 3 to 4 queries
    (one more in a restricted or private community: the membership)."""
    _check_vote_value(value)
    try:
        locked = _locked_for_vote(user, Comment.objects.all(), pk=comment.pk)
    except Comment.DoesNotExist:
        raise ValidationError(_("This comment no longer exists."), code="gone") from None
    value = _vote(user, locked, value, client_ip)
    comment.is_deleted, comment.is_removed = locked.is_deleted, locked.is_removed
    comment.score, comment.upvotes, comment.downvotes = (
        locked.score,
        locked.upvotes,
        locked.downvotes,
    )
    return value


@transaction.atomic
def comment_vote_at(
    *,
    user: User,
    community_slug: str,
    post_id: int,
    comment_id: int,
    value: int,
    client_ip: str | None = None,
) -> Comment:
    """comment_vote for a caller that holds only the comment's address (the
    vote button's POST): the locking read also answers "may this member read
    the post?" (Post.visible_to), so the whole vote is 3 to 4 queries.
    Raises Comment.DoesNotExist when the member may not see it, as for a
    comment that does not exist; returns the comment with its post and
    community, the fresh counters and `user_vote`."""
    _check_vote_value(value)
    readable = Post.objects.visible_to(user).filter(pk=post_id, community__slug=community_slug)
    locked = _locked_for_vote(user, Comment.objects.filter(post__in=readable), pk=comment_id)
    locked.user_vote = _vote(user, locked, value, client_ip) or None  # type: ignore[attr-defined]
    return locked


# --- saved comments (issue 14) ----------------------------------------------------------


@transaction.atomic
def saved_comment_create(*, user: User, comment: Comment) -> bool:
    """Save `comment` for later (the caller loaded it through a selector that
    checked the member may read its post). True when newly saved; saving
    twice is a no-op (the unique constraint decides)."""
    policies.enforce(policies.save_refusal(user, comment))
    try:
        with transaction.atomic():
            SavedComment.objects.create(user=user, comment=comment)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def saved_comment_delete(*, user: User, comment: Comment) -> bool:
    """Unsave; True when something was removed."""
    deleted, _rows = SavedComment.objects.filter(user=user, comment=comment).delete()
    return bool(deleted)


# --- account deletion (apps.privacy) ---------------------------------------------


def comment_votes_withdraw_all(*, user: User, batch: int = 500) -> int:
    """Withdraw up to `batch` of `user`'s comment votes (their account is
    being deleted) through the one vote algorithm: each comment's score,
    upvotes and downvotes and its author's karma move exactly as if the
    member had cleared the vote. Returns how many were withdrawn; call again
    until it returns 0. One transaction per call, comments locked in id
    order; 4 to 5 queries per vote."""
    with transaction.atomic():
        comment_ids = list(
            CommentVote.objects.filter(user=user)
            .order_by("comment_id")
            .values_list("comment_id", flat=True)[:batch]
        )
        withdrawn = 0
        locked_comments = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("post")
            .filter(pk__in=comment_ids)
            .order_by("pk")
        )
        for comment in locked_comments:
            change = record_vote(
                vote_model=CommentVote,
                target=comment,
                target_field="comment",
                author_id=comment.author_id,
                user=user,
                value=0,
                karma_field="comment_karma",
            )
            if change.changed:
                withdrawn += 1
                send_after_commit(
                    events.comment_voted,
                    Comment,
                    comment=comment,
                    actor=user,
                    value=0,
                    old_value=change.old,
                    community_id=comment.post.community_id,
                )
        return withdrawn
