"""Feed rows and a post's vote and save controls, written in Python (issue 13).

A feed page draws 25 rows. Drawn by the template language, each row cost ~45 variable
lookups, their escaping and two tags; here each row is one object (`FeedRow`: addresses,
dates, words and choices decided once) and one function writing its HTML (`feed_row_html`),
about five times cheaper. The post page and the htmx answers of votes and saves draw their
controls with the same functions (`vote_html`, `save_html`), so the feed row and the post
page cannot drift apart.

What a row shares with the page's other rows (`_PageRows`, one per request and language):
the address patterns (apps.posts.links.FeedLinks: 2 `reverse()` per page instead of ~7 per
row), the words (`_ROW_WORDS`, translated once per request and language; the msgids and
contexts are the templates' own, so makemessages, the catalogues and the pseudo-locale check
cover them), the log-in link back to this page and the CSRF field.

Every value written into the markup is escaped here (`escape`), but the words' plural
sentences (apps.posts.templatetags.counted: translated text, its number escaped) and the
`lang` attributes (format_html).
"""

from collections.abc import Callable
from html import escape as _html_escape
from urllib.parse import quote

from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from apps.core.humanize import naturaltime
from apps.core.memo import request_memo
from apps.posts import policies
from apps.posts.links import FeedLinks
from apps.posts.templatetags.counted import comments_text, points_word
from apps.profiles.templatetags.content_language import content_lang


def escape(value) -> str:
    """django.utils.html.escape's text (the same five characters) without its lazy-string
    check and SafeString per call: the values here are plain, and the row is marked safe
    once, whole."""
    return _html_escape(str(value))


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
    the log-in link (back to this page), the CSRF field and the `lang` attributes."""

    def __init__(self, context, request) -> None:
        self.links = FeedLinks()
        self.words = _RowWords()
        self.full_path = request.get_full_path() if request is not None else ""
        self.login_url = escape(
            f"{reverse('account_login')}?next={quote(self.full_path, safe='/')}"
        )
        self.langs: dict[str, str] = {}
        self._context = context
        self._csrf_field: str | None = None

    @property
    def csrf_field(self) -> str:
        """`{% csrf_token %}`: the page's one token (its context's lazy value), read
        only when a form is drawn: reading it gives the response a CSRF cookie, and
        a visitor's page with a cookie is not stored by the page cache."""
        if self._csrf_field is None:
            token = self._context.get("csrf_token")
            self._csrf_field = (
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
                if token and token != "NOTPROVIDED"  # noqa: S105 - Django's marker, not a secret
                else ""
            )
        return self._csrf_field

    def lang(self, post) -> str:
        """`{% content_lang post %}`, once per language code."""
        code = getattr(post, "language", "") or ""
        attrs = self.langs.get(code)
        if attrs is None:
            attrs = self.langs[code] = content_lang(post)
        return attrs


def page_rows(context) -> _PageRows:
    """The request's `_PageRows` for the active language (made on first use)."""
    memo = request_memo(context, "_feed_rows")
    language = get_language()
    page = memo.get(language)
    if page is None:
        page = memo[language] = _PageRows(context, context.get("request"))
    return page


class PostControls:
    """What a post's vote and save controls draw: addresses, words, which control.
    Reads no relation but the community (as `get_vote_url` did): the vote's answer
    stays at its query count."""

    __slots__ = (
        "_page",
        "login_url",
        "next",
        "pk",
        "points",
        "save_form",
        "save_url",
        "saved",
        "score",
        "user_vote",
        "visible",
        "vote_form",
        "vote_login",
        "vote_url",
        "words",
    )

    def __init__(self, context, post, page: _PageRows) -> None:
        links = page.links
        self.words = page.words
        self._page = page
        user = context.get("user")
        member = bool(user is not None and user.is_authenticated)
        visible = self.visible = post.is_visible
        self.pk = str(post.pk)
        # The vote control: a form for members (unless the page disables votes),
        # a log-in link for visitors, the bare score otherwise.
        self.vote_form = member and visible and not context.get("vote_disabled")
        self.vote_login = not member and visible
        self.vote_url = escape(links.vote(post))
        self.login_url = page.login_url
        self.score = escape(intcomma(post.score))
        self.points = conditional_escape(points_word(context, post.score))
        self.user_vote = getattr(post, "user_vote", None)
        self.saved = bool(getattr(post, "user_saved", False))
        self.save_form = member and visible
        self.save_url = escape(links.save(post))
        self.next = escape(context.get("next") or page.full_path)

    @property
    def csrf_field(self) -> str:
        return self._page.csrf_field


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
        self.url = escape(links.post(post))
        self.lang = page.lang(post)
        self.community_url = escape(links.community(post.community))
        # The title's place: "[deleted]", "[removed]" (but for its author), or "" for the title.
        if post.is_deleted:
            self.title_word = words["deleted"]
        elif post.is_removed and not policies.is_author(context.get("user"), post):
            self.title_word = words["removed"]
        else:
            self.title_word = ""
        author = post.author
        if author is not None and not post.is_deleted:
            self.author_name = escape(author.profile.name)
            self.author_url = escape(links.profile(author.username))
        else:
            self.author_name = self.author_url = ""
        created = localtime(post.created)
        self.created_iso = created.isoformat()
        self.created_title = escape(date_format(created, "DATETIME_FORMAT"))
        self.created_ago = escape(naturaltime(post.created))
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


# --- the markup -------------------------------------------------------------------------------
# Every piece below was a template (posts/_vote.html, _save.html, _post_row.html); the tests
# in apps/posts/tests/test_feed_rows.py pin what they draw. Values are escaped where they are
# computed (the classes above) or where they are written (`escape` here).


def _vote_button(c: PostControls, *, up: bool) -> str:
    """▲ or ▼: pressed when it is the member's vote (pressing it again clears it)."""
    words = c.words
    pressed = c.user_vote == (1 if up else -1)
    if pressed:
        value, title = "0", words["remove_upvote" if up else "remove_downvote"]
    else:
        value, title = ("1", words["upvote"]) if up else ("-1", words["downvote"])
    kind, arrow, name = ("up", "▲", words["upvote"]) if up else ("down", "▼", words["downvote"])
    return (
        f'<button type="submit" name="value" value="{value}" class="vote-button vote-{kind}" '
        f'aria-pressed="{"true" if pressed else "false"}" title="{escape(title)}">'
        f'<span aria-hidden="true">{arrow}</span><span class="visually-hidden">{escape(name)}'
        "</span></button>"
    )


def _vote_inner(c: PostControls, error) -> str:
    score = (
        f'<span class="vote-score" data-testid="post-score">{c.score}'
        f'<span class="visually-hidden"> {c.points}</span></span>'
    )
    if c.vote_form:
        control = (
            f'<form class="vote-form" method="post" action="{c.vote_url}" hx-post="{c.vote_url}" '
            f'hx-target="#vote-post-{c.pk}" hx-swap="outerHTML">{c.csrf_field}'
            f'<input type="hidden" name="next" value="{c.next}">'
            f"{_vote_button(c, up=True)} {score} {_vote_button(c, up=False)}</form>"
        )
    elif c.vote_login:
        log_in = escape(c.words["log_in_to_vote"])
        control = (
            f'<p class="vote-form"><a class="vote-button vote-up" href="{c.login_url}" '
            f'title="{log_in}"><span aria-hidden="true">▲</span>'
            f'<span class="visually-hidden">{log_in}</span></a> {score}</p>'
        )
    else:
        control = f'<p class="vote-form">{score}</p>'
    if error:
        control += f'<p class="vote-error error" role="alert">{escape(error)}</p>'
    return f'<div class="vote" id="vote-post-{c.pk}">{control}</div>'


def vote_html(c: PostControls, error=None) -> SafeString:
    """The vote control (a form for members, a log-in link for visitors, the bare
    score where votes are off), with the vote's refusal when there is one."""
    return mark_safe(_vote_inner(c, error))  # noqa: S308 - every value escaped above


def _save_form(c: PostControls) -> str:
    words = c.words
    if c.saved:
        button = (
            '<button type="submit" name="saved" value="0" class="link-button" aria-pressed="true" '
            f'data-testid="post-unsave">{escape(words["saved"])}'
            f'<span class="visually-hidden"> — {escape(words["unsave"])}</span></button>'
        )
    else:
        button = (
            '<button type="submit" name="saved" value="1" class="link-button" '
            f'aria-pressed="false" data-testid="post-save">{escape(words["save"])}</button>'
        )
    return (
        f'<form class="inline-form" method="post" action="{c.save_url}" hx-post="{c.save_url}" '
        f'hx-target="#save-post-{c.pk}" hx-swap="outerHTML">{c.csrf_field}'
        f'<input type="hidden" name="next" value="{c.next}">{button}</form>'
    )


def save_html(c: PostControls, error=None) -> SafeString:
    """The save control of a member (htmx swaps it whole; without JavaScript a plain
    form that comes back to `next`), with the refusal when there is one."""
    inner = _save_form(c) if c.save_form else ""
    if error:
        inner += f'<span class="error" role="alert">{escape(error)}</span>'
    return mark_safe(f'<span class="save-control" id="save-post-{c.pk}">{inner}</span>')  # noqa: S308


def feed_row_html(row: FeedRow, post, *, hide_community: bool = False) -> SafeString:
    """One feed row: vote control, title and badges, the line of community, author,
    time and states, comments, save control and tags, and the thumbnail. A row by a
    member the viewer blocked is folded in a <details> (no JavaScript needed)."""
    words = row.words
    pk = row.pk
    badges = ""
    if post.is_pinned:
        badges += f'<span class="badge badge-accent">{escape(words["pinned"])}</span> '
    if getattr(post, "has_poll", False):
        badges += f'<span class="badge">{escape(words["poll"])}</span> '
    if row.title_word:
        title = f'<a href="{row.url}">{escape(row.title_word)}</a>'
    else:
        title = f'<a href="{row.url}"{row.lang}>{escape(post.title)}</a>'
        host = post.link_host
        if host:
            title += f' <span class="post-host">({escape(host)})</span>'
    meta = []
    if not hide_community:
        meta.append(f'<a href="{row.community_url}">c/{escape(post.community.slug)}</a>')
    if row.author_url:
        meta.append(f'<a href="{row.author_url}">{row.author_name}</a>')
    else:
        meta.append(f"<span>{escape(words['deleted'])}</span>")
    meta.append(
        f'<time datetime="{row.created_iso}" title="{row.created_title}">{row.created_ago}</time>'
    )
    if row.edited:
        meta.append(f'<span class="post-edited">{escape(words["edited"])}</span>')
    if post.is_removed:
        meta.append(f'<span class="post-removed">{escape(words["removed_by_moderators"])}</span>')
    if post.is_locked:
        meta.append(f'<span class="post-locked">{escape(words["locked"])}</span>')
    footer = f'<a href="{row.url}">{row.comments}</a>'
    if row.save_form:
        footer += f' <span class="save-control" id="save-post-{pk}">{_save_form(row)}</span>'
    tags = "".join(
        f'<a class="tag" href="{escape(url)}">#{escape(name)}</a>' for name, url in row.tags
    )
    if tags:
        footer += f" {tags}"
    classes = "post-row"
    if post.is_pinned:
        classes += " is-pinned"
    if not row.visible:
        classes += " is-gone"
    # The thumbnail repeats the title's link: decorative (empty alt), kept out of the tab
    # order and the accessibility tree (the picture's description lives in the post).
    thumb = row.thumb
    picture = (
        f'<a class="post-row-thumb" href="{row.url}" tabindex="-1" aria-hidden="true">'
        f'<img src="{escape(thumb["url"])}" width="{escape(thumb["width"])}" '
        f'height="{escape(thumb["height"])}" alt="" loading="lazy" decoding="async"></a>'
        if thumb
        else ""
    )
    html = (
        f'<article class="{classes}" aria-labelledby="post-{pk}-title" data-testid="post-row">'
        f"{_vote_inner(row, None)}"
        f'<div class="post-row-main"><h2 class="post-row-title" id="post-{pk}-title">'
        f"{badges}{title}</h2>"
        f'<p class="post-meta">{" · ".join(meta)}</p>'
        f'<div class="post-row-footer">{footer}</div></div>{picture}</article>\n'
    )
    if row.blocked:
        html = (
            f'<details class="blocked-fold"><summary>{escape(words["blocked"])}</summary>'
            f"{html}</details>\n"
        )
    return mark_safe(html)  # noqa: S308 - every value escaped above


def post_hit_html(context, post, title) -> SafeString:
    """A post's heading and meta line in search results (templates/search/results.html):
    the feed rows' addresses, words and plural sentences, without a `reverse()`, a
    `{% translate %}` or a `{% blocktranslate count %}` per hit. `title` is the hit's
    (highlighted or plain) title."""
    page = page_rows(context)
    links = page.links
    if post.author is not None:
        author = (
            f'<a href="{escape(links.profile(post.author.username))}">'
            f"{escape(post.author.profile.name)}</a>"
        )
    else:
        author = f"<span>{escape(page.words['deleted'])}</span>"
    return mark_safe(  # noqa: S308 - every value escaped
        f'<h2 class="search-hit-title"><a href="{escape(links.post(post))}">'
        f"{conditional_escape(title)}</a></h2>"
        f'<p class="post-meta"><a href="{escape(links.community(post.community))}">'
        f"c/{escape(post.community.slug)}</a> · {author} · "
        f'<time datetime="{localtime(post.created).isoformat()}">'
        f"{escape(naturaltime(post.created))}</time> · "
        f"{comments_text(context, post.comment_count)}</p>"
    )
