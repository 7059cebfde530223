from collections.abc import Callable
from urllib.parse import quote

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma, naturaltime
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from apps.posts import policies
from apps.posts.links import FeedLinks
from apps.posts.templatetags.counted import comments_text, points_word
from apps.profiles.templatetags.content_language import content_lang

register = template.Library()


@register.filter
def authored_by(post, user) -> bool:
    """`{% if post|authored_by:user %}`: the signed-in viewer wrote the post
    (False for visitors and for posts whose author deleted their account)."""
    return policies.is_author(user, post)


@register.filter
def post_body_html(post):
    """`{{ post|post_body_html }}`: the sanitized body, fragment-cached by
    post id, edit time and length (apps.core.html.render_user_html_cached),
    its images made responsive (srcset from the stored variants, 1 query
    when the body shows images: apps.media.rendering)."""
    from apps.core.html import render_user_html_cached
    from apps.media.rendering import responsive_images

    stamp = post.edited_at or post.created
    key = f"fragment:post-body:{post.pk}:{stamp.timestamp():.6f}:{len(post.body_html or '')}"
    return responsive_images(render_user_html_cached(post.body_html, key=key))


# --- feed rows (templates/posts/_post_row.html, _vote.html, _save.html) ----------------------
# A feed page draws 25 rows: their addresses come from patterns reversed once per request
# (apps.posts.links.FeedLinks), their dates are formatted in Python, and the words every row
# draws are translated once per request and language (`{% translate %}` looks each up again for
# every row). The msgids and contexts are the templates' own (makemessages finds them here).

_ROW_WORDS: dict[str, Callable[[], str]] = {
    # Translators: A badge (a past participle): the post is pinned by moderators.
    "pinned": lambda: _("Pinned"),
    # Translators: A badge (a noun): the post holds a poll.
    "poll": lambda: pgettext("badge of a post with a poll", "Poll"),
    "deleted": lambda: _("[deleted]"),
    "removed": lambda: _("[removed]"),
    # Translators: marks a post changed by its author after posting.
    "edited": lambda: pgettext("label on edited content", "edited"),
    "removed_by_moderators": lambda: _("removed by moderators"),
    # Translators: A post's state (a past participle/adjective): closed to new comments.
    "locked": lambda: _("locked"),
    "blocked": lambda: _("A post by a member you blocked. Show it"),
    # Translators: Button (a verb, imperative): vote for this post or comment.
    "upvote": lambda: _("Upvote"),
    # Translators: Button (a verb, imperative): vote against this post or comment.
    "downvote": lambda: _("Downvote"),
    "remove_upvote": lambda: _("Remove your upvote"),
    "remove_downvote": lambda: _("Remove your downvote"),
    "log_in_to_vote": lambda: _("Log in to vote"),
    "save": lambda: pgettext("keep a post or comment for later", "Save"),
    "saved": lambda: pgettext("a post or comment the member saved", "Saved"),
    "unsave": lambda: _("remove from your saved items"),
}


class _RowWords(dict):
    """The words of `_ROW_WORDS`, each translated on first use."""

    def __missing__(self, name: str) -> str:
        text = self[name] = _ROW_WORDS[name]()
        return text


class _PageRows:
    """What a request's rows share, per language: the address patterns, the words,
    the log-in link (back to this page) and the `lang` attributes."""

    def __init__(self, request) -> None:
        self.links = FeedLinks()
        self.words = _RowWords()
        self.full_path = request.get_full_path() if request is not None else ""
        self.login_url = f"{reverse('account_login')}?next={quote(self.full_path, safe='/')}"
        self.langs: dict[str, str] = {}

    def lang(self, post) -> str:
        """`{% content_lang post %}`, once per language code."""
        code = getattr(post, "language", "") or ""
        attrs = self.langs.get(code)
        if attrs is None:
            attrs = self.langs[code] = content_lang(post)
        return attrs


def _page_rows(context) -> _PageRows:
    request = context.get("request")
    memo = getattr(request, "_feed_rows", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._feed_rows = memo
    language = get_language()
    page = memo.get(language)
    if page is None:
        page = memo[language] = _PageRows(request)
    return page


class PostControls:
    """What a post's vote and save controls draw (posts/_vote.html, _save.html and
    their inlined copies in feed rows): addresses, words, which control. Reads no
    relation but the community (as `get_vote_url` did): the vote's answer stays at
    its query count."""

    __slots__ = (
        "login_url",
        "next",
        "pk",
        "points",
        "save_form",
        "save_url",
        "score",
        "visible",
        "vote_form",
        "vote_login",
        "vote_url",
        "words",
    )

    def __init__(self, context, post, page: _PageRows) -> None:
        links = page.links
        self.words = page.words
        user = context.get("user")
        member = bool(user is not None and user.is_authenticated)
        visible = self.visible = post.is_visible
        self.pk = str(post.pk)
        # The vote control: a form for members (unless the page disables votes),
        # a log-in link for visitors, the bare score otherwise.
        self.vote_form = member and visible and not context.get("vote_disabled")
        self.vote_login = not member and visible
        self.vote_url = links.vote(post)
        self.login_url = page.login_url
        self.score = intcomma(post.score)
        self.points = points_word(context, post.score)
        self.save_form = member and visible
        self.save_url = links.save(post)
        self.next = context.get("next") or page.full_path


class FeedRow(PostControls):
    """Everything a feed row draws about `post` beyond its plain fields: addresses,
    dates, words, and the choices the row makes (which title, which vote control),
    decided once in Python instead of in template lookups and tags per row."""

    __slots__ = (
        "_links",
        "_post",
        "author_name",
        "author_url",
        "blocked",
        "comments",
        "community_url",
        "created_ago",
        "created_iso",
        "created_title",
        "edited",
        "lang",
        "title_word",
        "url",
    )

    def __init__(self, context, post, page: _PageRows) -> None:
        super().__init__(context, post, page)
        links = self._links = page.links
        self._post = post
        words = self.words
        # Annotated by the feeds for members only (apps.posts.selectors.with_author_blocked).
        self.blocked = getattr(post, "author_blocked", False)
        self.url = links.post(post)
        self.lang = page.lang(post)
        self.community_url = links.community(post.community)
        # The title's place: "[deleted]", "[removed]" (but for its author), or "" for the title.
        if post.is_deleted:
            self.title_word = words["deleted"]
        elif post.is_removed and not policies.is_author(context.get("user"), post):
            self.title_word = words["removed"]
        else:
            self.title_word = ""
        author = post.author
        if author is not None and not post.is_deleted:
            self.author_name = author.profile.name
            self.author_url = links.profile(author.username)
        else:
            self.author_name = self.author_url = ""
        created = localtime(post.created)
        self.created_iso = created.isoformat()
        self.created_title = date_format(created, "DATETIME_FORMAT")
        self.created_ago = naturaltime(post.created)
        self.edited = bool(post.edited_at) and not post.is_deleted
        self.comments = comments_text(context, post.comment_count)

    @property
    def tags(self) -> list[tuple[str, str]]:
        """(name, address) of the post's tags, when it shows them."""
        if not self.visible:
            return []
        return [(tag.name, self._links.tag(tag)) for tag in self._post.tags.all()]

    @property
    def thumb(self) -> dict | None:
        """The thumbnail (apps.media: the narrowest stored copy) when the row shows one."""
        thumbnail = self._post.thumbnail
        if thumbnail is None or not self.visible:
            return None
        small = thumbnail.small
        return {**small, "width": str(small["width"]), "height": str(small["height"])}


@register.simple_tag(takes_context=True)
def post_row(context, post) -> FeedRow:
    """`{% post_row post as row %}`: what the post's feed row draws."""
    return FeedRow(context, post, _page_rows(context))


@register.simple_tag(takes_context=True)
def post_controls(context, post) -> PostControls:
    """`{% post_controls post as row %}`: what its vote and save controls draw."""
    return PostControls(context, post, _page_rows(context))
