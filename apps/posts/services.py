"""Writes for posts and post votes. Keyword-only, typed, atomic, validated.

Bodies are sanitized (apps.core.html) before they are stored. Counters
(Community.post_count, Tag.post_count, Post.score/upvotes/downvotes/hot,
Profile.post_karma) change with F() in the transaction of the write. Who may
write is decided by apps.posts.policies (each rule once); every write sends
its event from apps.posts.events after commit, which is also what turns the
cached feeds over.
"""

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities import policies as community_policies
from apps.communities.models import Ban, Community
from apps.core.events import send_after_commit
from apps.core.html import html_to_text, link_mentions, sanitize_post_html, text_to_html
from apps.core.ratelimit import check as rate_limit
from apps.media import services as media_services
from apps.media.models import Image
from apps.profiles.languages import clean_content_language, default_content_language
from apps.tags.models import Tag
from apps.tags.services import parse_tags, tags_get_or_create

from . import events, policies
from .models import (
    BODY_MAX_LENGTH,
    MAX_TAGS,
    TITLE_MAX_LENGTH,
    CommunityMute,
    KeywordFilter,
    Post,
    PostVote,
    SavedPost,
)
from .ranking import hot
from .votes import VoteChange, is_vote_value, record_vote

# What a deleted post keeps of its title (the row stays so comments stay).
DELETED_TITLE = "[deleted]"
SLUG_MAX_LENGTH = 80
# Post slugs that would read as another URL under /c/<slug>/p/<id>/.
RESERVED_SLUGS = frozenset({"vote"})
# The same author posting the same title and body in the same community
# within this window is a double submission: the first post is returned.
DUPLICATE_WINDOW = timedelta(minutes=10)
IDEMPOTENCY_TTL = 60 * 60
IDEMPOTENCY_WAIT_SECONDS = 3.0
_IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")

# Members told of a mention per post or comment; more names still become links.
MAX_MENTIONS_NOTIFIED = 10

# Control characters other than tab and line breaks: never part of a title or body.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A body with an HTML element (or a comment) in it is HTML: the editor's
# output, or markup typed by hand. Anything else is plain text typed without
# JavaScript, where "<two>" or "a < b" are just characters. Safety does not
# depend on this guess: both paths end in the sanitizer.
_TAG_NAME = re.compile(r"<(?:/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])|(!--))")
HTML_ELEMENTS = frozenset(
    {
        "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b",
        "base", "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br",
        "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data",
        "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
        "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i",
        "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen", "label", "legend",
        "li", "link", "listing", "main", "map", "mark", "marquee", "math", "menu", "meta", "meter",
        "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option",
        "output", "p", "param", "picture", "plaintext", "pre", "progress", "q", "rb", "rp", "rt",
        "rtc", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small",
        "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table",
        "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
        "track", "tt", "u", "ul", "var", "video", "wbr", "xmp",
    }
)  # fmt: skip


def _looks_like_html(text: str) -> bool:
    for match in _TAG_NAME.finditer(text):
        if match.group(2) or match.group(1).lower() in HTML_ELEMENTS:
            return True
    return False


# --- input --------------------------------------------------------------------


def clean_title(raw: str) -> str:
    """The title on one line: control characters dropped, whitespace collapsed."""
    return " ".join(_CONTROL.sub("", raw or "").split())


def body_to_html(raw: str) -> str:
    """Sanitized HTML for a submitted body. Editor output (or any input with
    tags) goes through the allowlist; plain text typed without JavaScript
    becomes escaped paragraphs first. Either way the result is sanitized."""
    raw = _CONTROL.sub("", raw or "")
    if _looks_like_html(raw):
        return sanitize_post_html(raw)
    return sanitize_post_html(text_to_html(raw))


def with_mentions(body_html: str) -> tuple[str, list[int]]:
    """`body_html` with its @names linked to the members' profiles
    (apps.core.html.link_mentions, one query for the names), and the ids of
    the first MAX_MENTIONS_NOTIFIED members mentioned, for the event: the
    notifications app tells them without parsing the body again. Shared by
    posts and comments."""
    found: dict[str, int] = {}

    def existing(names: set[str]) -> set[str]:
        rows = (
            User.objects.annotate(name=Lower("username"))
            .filter(name__in=names, is_active=True)
            .values_list("name", "pk")
        )
        found.update(rows)
        return set(found)

    linked_html, names = link_mentions(body_html, existing)
    return linked_html, [found[name] for name in names[:MAX_MENTIONS_NOTIFIED]]


def post_slug(title: str) -> str:
    slug = slugify(title, allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-")
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-post"
    return slug


def _numbers(limit: int, count: int) -> dict[str, str]:
    return {
        "limit": number_format(limit, force_grouping=True),
        "count": number_format(count, force_grouping=True),
    }


@dataclass(frozen=True)
class PostInput:
    title: str
    body_html: str
    body_text: str
    link: str
    tag_slugs: list[str]
    mentioned: list[int]
    language: str = ""


def clean_post_input(
    *,
    title: str,
    body: str,
    link: str,
    tags: str | Iterable[str],
    language: str | None = None,
    fallback_language: str = "",
) -> PostInput:
    """Validate and normalize what a member submitted. Raises one
    ValidationError naming every field that is wrong. An empty `language`
    is `fallback_language` (the author's default, or the post's own on an
    edit); an unknown one is refused."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        language = (
            clean_content_language(language, author=None)
            if language and str(language).strip()
            else fallback_language
        )
    except ValidationError as error:
        errors.update(error.error_dict)
        language = ""
    title = clean_title(title)
    if not title:
        errors["title"] = [ValidationError(_("Give your post a title."), code="title_blank")]
    elif len(title) > TITLE_MAX_LENGTH:
        # Translators: %(limit)s is the longest allowed length of a post's title, %(count)s the
        # length of the member's title.
        message = _("The title is too long: at most %(limit)s characters (it has %(count)s).")
        errors["title"] = [
            ValidationError(message % _numbers(TITLE_MAX_LENGTH, len(title)), code="long")
        ]
    body = body or ""
    body_html = ""
    if len(body) > BODY_MAX_LENGTH:
        # Translators: %(limit)s is the longest allowed length, %(count)s the length of the
        # member's text (numbers).
        message = _("The text is too long: at most %(limit)s characters (it has %(count)s).")
        errors["body"] = [
            ValidationError(message % _numbers(BODY_MAX_LENGTH, len(body)), code="long")
        ]
    else:
        body_html = body_to_html(body)
    body_html, mentioned = with_mentions(body_html)
    link = (link or "").strip()
    try:
        Post._meta.get_field("link").clean(link, None)
    except ValidationError as error:
        errors["link"] = error.error_list
    tag_slugs: list[str] = []
    try:
        tag_slugs = parse_tags(tags or "", limit=MAX_TAGS)
    except ValidationError as error:
        errors["tags"] = error.error_list
    if errors:
        raise ValidationError(errors)
    return PostInput(
        title=title,
        body_html=body_html,
        body_text=html_to_text(body_html),
        link=link,
        tag_slugs=tag_slugs,
        mentioned=mentioned,
        language=language,
    )


def _change_tag_counts(tag_ids: Iterable[int], delta: int) -> None:
    tag_ids = list(tag_ids)
    if tag_ids:
        Tag.objects.filter(pk__in=tag_ids).update(post_count=F("post_count") + delta)


# --- create -----------------------------------------------------------------------


def post_create(
    *,
    author: User,
    community: Community,
    title: str,
    body: str = "",
    link: str = "",
    tags: str | Iterable[str] = (),
    language: str | None = None,
    idempotency_key: str = "",
    client_ip: str | None = None,
) -> Post:
    """Publish a post (rate-limited per member and, given `client_ip`, per
    address). A repeated submission returns the first post instead of
    creating another: the same `idempotency_key` (the submit form's
    one-time token, or an API client's key) is claimed in the cache by the
    first request, and without a key the same author, community, title and
    body within DUPLICATE_WINDOW count as the same post.

    Not atomic itself on purpose: the cache claim must outlive the
    transaction of _post_create, which is atomic.
    """
    if not (idempotency_key and _IDEMPOTENCY_KEY.fullmatch(idempotency_key)):
        return _post_create(
            author=author,
            community=community,
            title=title,
            body=body,
            link=link,
            tags=tags,
            language=language,
            client_ip=client_ip,
        )
    key = f"post-create:{author.pk}:{idempotency_key}"
    # False: someone holds the claim. None: the cache is down, so go on
    # without it (the content check below still catches repeats).
    if cache.add(key, 0, timeout=IDEMPOTENCY_TTL) is False:
        existing = _claimed_post(key, author)
        if existing is not None:
            return existing
        raise ValidationError(
            _("This form was already sent. Look for your post in the community."),
            code="duplicate_submit",
        )
    try:
        post = _post_create(
            author=author,
            community=community,
            title=title,
            body=body,
            link=link,
            tags=tags,
            language=language,
            client_ip=client_ip,
        )
    except BaseException:
        # Nothing was published: the member may fix the form and send it again.
        cache.delete(key)
        raise
    cache.set(key, post.pk, timeout=IDEMPOTENCY_TTL)
    return post


def _claimed_post(key: str, author: User) -> Post | None:
    """The post of a claimed key, waiting briefly while the first request
    is still writing it (a double click sends both at once)."""
    deadline = time.monotonic() + IDEMPOTENCY_WAIT_SECONDS
    while True:
        post_id = cache.get(key)
        if post_id:
            return Post.objects.filter(pk=post_id, author=author).first()
        if post_id is None or time.monotonic() > deadline:
            return None
        time.sleep(0.1)


@transaction.atomic
def _post_create(
    *,
    author: User,
    community: Community,
    title: str,
    body: str,
    link: str,
    tags: str | Iterable[str],
    language: str | None,
    client_ip: str | None,
) -> Post:
    policies.enforce(policies.submit_refusal(author, community))
    data = clean_post_input(
        title=title,
        body=body,
        link=link,
        tags=tags,
        language=language,
        fallback_language=default_content_language(author),
    )
    now = timezone.now()
    duplicate = (
        Post.objects.filter(
            author=author,
            community=community,
            title=data.title,
            body_html=data.body_html,
            link=data.link,
            is_deleted=False,
            created__gte=now - DUPLICATE_WINDOW,
        )
        .order_by("-created", "-id")
        .first()
    )
    if duplicate is not None:
        return duplicate
    # RateLimited (a PermissionDenied) when over.
    rate_limit("post", user=author, client_ip=client_ip)
    post = Post(
        community=community,
        author=author,
        title=data.title,
        slug=post_slug(data.title),
        body_html=data.body_html,
        body_text=data.body_text,
        link=data.link,
        language=data.language,
        created=now,
        last_activity_at=now,
        hot=hot(0, now),
    )
    # The images the body shows are kept for good; the first is the thumbnail.
    images = media_services.images_attach(html=data.body_html, user=author)
    post.thumbnail = images[0] if images else None
    post.full_clean()
    post.save()
    tag_rows = tags_get_or_create(data.tag_slugs)
    if tag_rows:
        post.tags.add(*tag_rows)
        _change_tag_counts((tag.pk for tag in tag_rows), +1)
    Community.objects.filter(pk=community.pk).update(post_count=F("post_count") + 1)
    send_after_commit(
        events.post_created,
        Post,
        post=post,
        actor=author,
        community_id=community.pk,
        mentioned=data.mentioned,
    )
    return post


# --- edit and delete -----------------------------------------------------------------


def _lock(post: Post) -> Post:
    return Post.objects.select_for_update(of=("self",)).select_related("community").get(pk=post.pk)


@transaction.atomic
def post_update(
    *,
    actor: User,
    post: Post,
    title: str,
    body: str = "",
    link: str = "",
    tags: str | Iterable[str] = (),
    language: str | None = None,
) -> Post:
    """The author edits their post; `edited_at` records it when the text or
    tags changed (a new language alone is a correction, not an edit). The
    slug (and so every link to the post) stays as it was. `language` None
    keeps the post's own."""
    locked = _lock(post)
    policies.enforce(policies.edit_refusal(actor, locked))
    return _apply_edit(
        actor, locked, title=title, body=body, link=link, tags=tags, language=language
    )


@transaction.atomic
def post_staff_update(
    *,
    actor: User,
    post: Post,
    title: str,
    body: str = "",
    link: str = "",
    tags: str | Iterable[str] = (),
    language: str | None = None,
) -> Post:
    """An administrator corrects a member's post (the admin's change form):
    the same cleaning, sanitizing, tag counters and event as the author's
    edit, whatever the post's state."""
    policies.enforce(policies.staff_edit_refusal(actor))
    return _apply_edit(
        actor, _lock(post), title=title, body=body, link=link, tags=tags, language=language
    )


def _apply_edit(
    actor: User,
    locked: Post,
    *,
    title: str,
    body: str,
    link: str,
    tags: str | Iterable[str],
    language: str | None = None,
) -> Post:
    data = clean_post_input(
        title=title,
        body=body,
        link=link,
        tags=tags,
        language=language,
        fallback_language=locked.language or default_content_language(locked.author or actor),
    )
    old_tags = {tag.slug: tag.pk for tag in locked.tags.all()}
    new_slugs = data.tag_slugs
    text_changed = (locked.title, locked.body_html, locked.link) != (
        data.title,
        data.body_html,
        data.link,
    )
    tags_changed = set(old_tags) != set(new_slugs)
    language_changed = locked.language != data.language
    # What the post said before this edit (apps.posts.events: post_updated).
    previous = {
        "previous_title": locked.title,
        "previous_body_html": locked.body_html,
        "previous_link": locked.link,
        "previous_tags": sorted(old_tags),
    }
    if language_changed and not (text_changed or tags_changed):
        locked.language = data.language
        locked.save(update_fields=["language"])
        send_after_commit(
            events.post_updated,
            Post,
            post=locked,
            actor=actor,
            community_id=locked.community_id,
            mentioned=[],
            edited=False,
            tags=sorted(new_slugs),
            **previous,
        )
        return locked
    if not (text_changed or tags_changed):
        return locked
    thumbnail = _edited_thumbnail(locked, data.body_html, actor)
    locked.title = data.title
    locked.body_html = data.body_html
    locked.body_text = data.body_text
    locked.link = data.link
    locked.language = data.language
    locked.edited_at = timezone.now()
    locked.thumbnail = thumbnail
    locked.full_clean()
    locked.save(
        update_fields=[
            "title",
            "body_html",
            "body_text",
            "link",
            "language",
            "edited_at",
            "thumbnail",
        ]
    )
    if tags_changed:
        tag_rows = tags_get_or_create(new_slugs)
        removed = [pk for slug, pk in old_tags.items() if slug not in new_slugs]
        added = [tag for tag in tag_rows if tag.slug not in old_tags]
        if removed:
            locked.tags.remove(*removed)
            _change_tag_counts(removed, -1)
        if added:
            locked.tags.add(*added)
            _change_tag_counts((tag.pk for tag in added), +1)
    send_after_commit(
        events.post_updated,
        Post,
        post=locked,
        actor=actor,
        community_id=locked.community_id,
        mentioned=data.mentioned,
        edited=True,
        tags=sorted(new_slugs),
        **previous,
    )
    return locked


def _edited_thumbnail(locked: Post, new_body_html: str, actor: User) -> Image | None:
    """The thumbnail after an edit: the first image of the new body; with no
    image left, none if the old thumbnail came from the old body, else the
    one a link preview gave (post_thumbnail_set) stays."""
    images = media_services.images_attach(html=new_body_html, user=actor)
    if images:
        return images[0]
    if locked.thumbnail_id is None:
        return None
    old_tokens = media_services.image_tokens_in(locked.body_html)
    thumbnail = locked.thumbnail
    if thumbnail is not None and thumbnail.token in old_tokens:
        return None
    return thumbnail


@transaction.atomic
def post_thumbnail_set(*, post: Post, image: Image | None) -> Post:
    """Give a post its feed thumbnail (a link preview's picture, for a post
    whose body shows no image of its own), or none. The image is kept for
    good (never deleted as an orphan). Sends no event: the row's text is
    unchanged, and the feeds' cache turns over with the preview's own event."""
    if image is not None:
        media_services.images_mark_attached(images=[image])
    Post.objects.filter(pk=post.pk).update(thumbnail=image)
    post.thumbnail = image
    return post


@transaction.atomic
def post_delete(*, actor: User, post: Post) -> Post:
    """The author deletes their post: the row stays (its comments stay, its
    URL answers) and shows "[deleted]"; its title, body, link and tags go.
    Deleting twice changes nothing."""
    locked = _lock(post)
    if locked.is_deleted:
        return locked
    policies.enforce(policies.delete_refusal(actor, locked))
    tag_ids = list(locked.tags.values_list("pk", flat=True))
    locked.is_deleted = True
    locked.deleted_at = timezone.now()
    locked.title = DELETED_TITLE
    locked.body_html = ""
    locked.body_text = ""
    locked.link = ""
    locked.is_pinned = False
    locked.thumbnail = None
    locked.save(
        update_fields=[
            "is_deleted",
            "deleted_at",
            "title",
            "body_html",
            "body_text",
            "link",
            "is_pinned",
            "thumbnail",
        ]
    )
    if tag_ids:
        locked.tags.clear()
        _change_tag_counts(tag_ids, -1)
    Community.objects.filter(pk=locked.community_id).update(post_count=F("post_count") - 1)
    send_after_commit(
        events.post_deleted, Post, post=locked, actor=actor, community_id=locked.community_id
    )
    return locked


# --- votes ---------------------------------------------------------------------------


def _locked_for_vote(user: User, queryset, **lookup) -> Post:
    """The post to vote on, row-locked (SELECT … FOR UPDATE on PostgreSQL;
    SQLite serializes writers with BEGIN IMMEDIATE), read in ONE query with
    all the vote needs: its community, whether the voter is banned there (an
    EXISTS) and the voter's current vote (`old_vote`, a subquery read under
    the lock, so two requests of one member cannot both find "no vote yet").
    Raises Post.DoesNotExist."""
    current = PostVote.objects.filter(post=OuterRef("pk"), user_id=user.pk).values("value")[:1]
    return (
        queryset.select_for_update(of=("self",))
        .select_related("community")
        .annotate(
            voter_banned=Exists(
                Ban.objects.active().filter(community=OuterRef("community"), user_id=user.pk)
            ),
            old_vote=Subquery(current, output_field=IntegerField()),
        )
        .get(**lookup)
    )


def _vote(user: User, locked: Post, value: int, client_ip: str | None) -> Post:
    """Apply `value` to `locked` (from _locked_for_vote) and return it with
    fresh score, upvotes, downvotes, hot and user_vote."""
    # A banned voter is left to the policy, which words that refusal itself.
    contributor = (
        None
        if locked.voter_banned  # type: ignore[attr-defined]  # _locked_for_vote's annotation
        else community_policies.contribute_refusal(user, locked.community, banned=False) is None
    )
    policies.enforce(policies.vote_refusal(user, locked, contributor=contributor))
    rate_limit("vote", user=user, client_ip=client_ip)

    def fresh_hot(change: VoteChange) -> dict:
        return {"hot": hot(locked.score + change.score, locked.created)}

    change = record_vote(
        vote_model=PostVote,
        target=locked,
        target_field="post",
        author_id=locked.author_id,
        user=user,
        value=value,
        karma_field="post_karma",
        extra_updates=fresh_hot,
        current=locked.old_vote,  # type: ignore[attr-defined]  # _locked_for_vote's annotation
    )
    locked.score += change.score
    locked.upvotes += change.upvotes
    locked.downvotes += change.downvotes
    if change.changed:
        locked.hot = hot(locked.score, locked.created)
    # `user_vote` is selectors.with_user_vote's annotation, not a field: the
    # post's templates and serializers read it, so the answer refreshes it too.
    locked.user_vote = value or None  # type: ignore[attr-defined]  # an annotation, see above
    if change.changed:
        send_after_commit(
            events.post_voted,
            Post,
            post=locked,
            actor=user,
            value=value,
            old_value=change.old,
            community_id=locked.community_id,
        )
    return locked


def _check_vote_value(value: int) -> None:
    if not is_vote_value(value):
        raise ValidationError(_("A vote is up (+1), down (-1) or cleared (0)."), code="vote_value")


@transaction.atomic
def post_vote(*, user: User, post: Post, value: int, client_ip: str | None = None) -> Post:
    """Vote +1 or -1 on a post, or 0 to clear the vote; voting the same value
    again changes nothing. Returns `post` with fresh score, upvotes,
    downvotes, hot and user_vote.

    The post row is locked first (_locked_for_vote), so every vote on a post
    runs one at a time: the read of the member's previous vote, the counter
    updates (F() expressions, apps.posts.votes) and the hot score computed
    from the fresh score cannot interleave. The unique constraint on
    (user, post) is the last line against a second vote row. Self-votes
    count in the score, not in the author's karma. 3 to 4 queries in a
    public community (the lock and read, the vote row, the post's counters,
    the author's karma).
    """
    _check_vote_value(value)
    fresh = _vote(user, _locked_for_vote(user, Post.objects.all(), pk=post.pk), value, client_ip)
    post.score, post.upvotes, post.downvotes = fresh.score, fresh.upvotes, fresh.downvotes
    post.hot = fresh.hot
    post.user_vote = fresh.user_vote  # type: ignore[attr-defined]  # an annotation
    return post


@transaction.atomic
def post_vote_at(
    *, user: User, community_slug: str, post_id: int, value: int, client_ip: str | None = None
) -> Post:
    """post_vote for a caller that holds only the post's address (the vote
    button's POST): the locking read also answers "may this member see the
    post?" (Post.visible_to), so the whole vote is 3 to 4 queries. Raises
    Post.DoesNotExist, as for a post that does not exist, when the member
    may not see it; returns the post (with its community and the fresh
    counters and user_vote)."""
    _check_vote_value(value)
    visible = Post.objects.visible_to(user)
    locked = _locked_for_vote(user, visible, pk=post_id, community__slug=community_slug)
    return _vote(user, locked, value, client_ip)


# --- saved posts, muted communities, keyword filters (issue 14) -----------------------


@transaction.atomic
def saved_post_create(*, user: User, post: Post) -> bool:
    """Save `post` for later (the caller loaded it through a selector that
    checked the member may read it). True when newly saved; saving twice is a
    no-op (the unique constraint decides)."""
    policies.enforce(policies.save_refusal(user, post))
    try:
        with transaction.atomic():
            SavedPost.objects.create(user=user, post=post)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def saved_post_delete(*, user: User, post: Post) -> bool:
    """Unsave; True when something was removed."""
    deleted, _rows = SavedPost.objects.filter(user=user, post=post).delete()
    return bool(deleted)


@transaction.atomic
def community_mute_create(*, user: User, community: Community) -> bool:
    """Keep `community`'s posts out of the member's home and /all/ feeds.
    True when newly muted; muting twice is a no-op."""
    try:
        with transaction.atomic():
            CommunityMute.objects.create(user=user, community=community)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def community_mute_delete(*, user: User, community: Community) -> bool:
    """Unmute; True when something was removed."""
    deleted, _rows = CommunityMute.objects.filter(user=user, community=community).delete()
    return bool(deleted)


def normalize_phrase(phrase: str) -> str:
    """A filter as typed, its ASCII control characters (NUL included) made
    spaces, trimmed and with its runs of spaces made one."""
    cleaned = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in str(phrase))
    return " ".join(cleaned.split())


@transaction.atomic
def keyword_filter_create(*, user: User, phrase: str) -> tuple[KeywordFilter, bool]:
    """Hide posts whose title contains `phrase` (any case, taken literally)
    from the member's feeds. Returns (filter, created): the same phrase in
    another case is the existing filter. Refused (ValidationError) when
    blank, over KEYWORD_FILTER_MAX_LENGTH, or past KEYWORD_FILTERS_MAX filters;
    the member's row is locked so two requests cannot pass the cap together."""
    phrase = normalize_phrase(phrase)
    User.objects.select_for_update().filter(pk=user.pk).first()
    existing = (
        KeywordFilter.objects.annotate(lowered=Lower("phrase"))
        .filter(user=user, lowered=phrase.lower())
        .first()
    )
    if existing is not None:
        return existing, False
    count = KeywordFilter.objects.filter(user=user).count()
    policies.enforce(policies.keyword_filter_refusal(phrase, count=count))
    try:
        with transaction.atomic():
            return KeywordFilter.objects.create(user=user, phrase=phrase), True
    except IntegrityError:
        # The database lowers some letters differently from Python: the
        # constraint found the twin the lookup above missed.
        return KeywordFilter.objects.filter(user=user, phrase__iexact=phrase).get(), False


@transaction.atomic
def keyword_filter_delete(*, user: User, filter_id: int) -> bool:
    """Remove one of the member's filters; another member's id removes
    nothing (False)."""
    deleted, _rows = KeywordFilter.objects.filter(user=user, pk=filter_id).delete()
    return bool(deleted)


# --- account deletion (apps.privacy) ---------------------------------------------


def post_votes_withdraw_all(*, user: User, batch: int = 500) -> int:
    """Withdraw up to `batch` of `user`'s post votes (their account is being
    deleted), each through the one vote algorithm: score, upvotes,
    downvotes, hot rank and the author's karma move exactly as if the
    member had cleared the vote. Returns how many were withdrawn; call
    again until it returns 0. One transaction per call, posts locked in id
    order; 4 to 5 queries per vote."""
    with transaction.atomic():
        post_ids = list(
            PostVote.objects.filter(user=user)
            .order_by("post_id")
            .values_list("post_id", flat=True)[:batch]
        )
        withdrawn = 0
        for locked in Post.objects.select_for_update().filter(pk__in=post_ids).order_by("pk"):

            def fresh_hot(change: VoteChange, locked: Post = locked) -> dict:
                return {"hot": hot(locked.score + change.score, locked.created)}

            change = record_vote(
                vote_model=PostVote,
                target=locked,
                target_field="post",
                author_id=locked.author_id,
                user=user,
                value=0,
                karma_field="post_karma",
                extra_updates=fresh_hot,
            )
            if change.changed:
                withdrawn += 1
                send_after_commit(
                    events.post_voted,
                    Post,
                    post=locked,
                    actor=user,
                    value=0,
                    old_value=change.old,
                    community_id=locked.community_id,
                )
        return withdrawn
