"""The parts of a comment that every comment of a thread draws, written in Python.

templates/comments/_comment.html keeps the comment's structure (the fold, the body, the
branches it opens and closes, the moderation tools, the edit form); the meta line, the
vote control, the action links and the save control come from here (issue 13). Drawn
by the template language they cost ~150 node renders, lookups and escapes per comment,
about two thirds of a post page's CPU; here each is one function writing its HTML.
The views' htmx answers draw the same functions through the template's partials
(`#vote`, `#save`, `#article`), so a swapped control is the control of the page.

Words come from `comment_label` (translated once per request and language: the msgids
and contexts are the templates' own), the CSRF field from the page's one token
(apps.posts.rows.page_rows). Every value written is escaped.
"""

from collections.abc import Callable
from html import escape as _html_escape

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from apps.core.humanize import naturaltime
from apps.core.memo import request_memo
from apps.posts.rows import page_rows
from apps.posts.templatetags.counted import score_text

# --- the words every comment of a thread draws -------------------------------------------------
# `{% translate %}` looks each one up again for every comment (~13 µs a lookup in English:
# the catalogues are tried in turn); `{% comment_label "reply" %}` translates each once per
# request and language. The msgids and contexts are the templates' own.

_LABELS: dict[str, Callable[[], str]] = {
    # Translators: Button (a verb, imperative): vote for this post or comment.
    "upvote": lambda: _("Upvote"),
    # Translators: Button (a verb, imperative): vote against this post or comment.
    "downvote": lambda: _("Downvote"),
    "link": lambda: pgettext("permalink to a comment", "link"),
    # Translators: Button and link (a verb, imperative): answer this comment or message.
    "reply": lambda: _("Reply"),
    "save": lambda: pgettext("keep a post or comment for later", "Save"),
    "saved": lambda: pgettext("a post or comment the member saved", "Saved"),
    "unsave": lambda: _("remove from your saved items"),
    "author": lambda: pgettext("original poster", "author"),
    "deleted": lambda: _("[deleted]"),
    "removed": lambda: _("[removed]"),
    # Translators: marks a comment changed by its author after posting.
    "edited": lambda: pgettext("label on edited content", "edited"),
    # Translators: Link (a verb, imperative): change your post or comment.
    "edit": lambda: _("Edit"),
    "delete_confirm": lambda: _("Delete this comment? Its replies stay."),
    # Translators: Button (a verb, imperative).
    "delete": lambda: _("Delete"),
}


def label(context, name: str) -> str:
    """One of `_LABELS`, translated once per request and language."""
    memo = request_memo(context, "_comment_labels")
    key = (name, get_language())
    text = memo.get(key)
    if text is None:
        text = memo[key] = _LABELS[name]()
    return text


def escape(value) -> str:
    """django.utils.html.escape's text without its lazy-string check per call."""
    return _html_escape(str(value))


def _when(value, text: str) -> str:
    """`<time>` with the ISO date, the full date and time as its title, and `text`."""
    local = localtime(value)
    return (
        f'<time datetime="{local.isoformat()}" '
        f'title="{escape(date_format(local, "DATETIME_FORMAT"))}">{escape(text)}</time>'
    )


def _muted(context, word: str) -> str:
    return f'<span class="comment-author muted">{escape(label(context, word))}</span>'


def meta_html(context, comment) -> SafeString:
    """Who wrote it (or "[deleted]", "[removed]"), the author's badge on the post's
    author, when (a link to the comment) and whether it was edited (a link to its
    history)."""
    pk = comment.pk
    if comment.is_deleted:
        who = _muted(context, "deleted")
    elif comment.is_removed and not comment.is_own:
        who = _muted(context, "removed")
    elif comment.author is None:
        who = _muted(context, "deleted")
    else:
        who = (
            f'<a class="comment-author" href="{escape(comment.author_url)}">'
            f"{escape(comment.author.profile.name)}</a>"
        )
        post = context.get("post") or comment.post
        if comment.author_id == post.author_id:
            badge = escape(label(context, "author"))
            who += f' <span class="comment-op-badge">{badge}</span>'
    html = (
        f'<p class="comment-meta" id="comment-{pk}-by">{who} <span aria-hidden="true">·</span> '
        f'<a class="comment-time" href="{escape(comment.permalink)}#comment-{pk}">'
        f"{_when(comment.created, naturaltime(comment.created))}</a>"
    )
    if comment.edited_at and comment.is_visible:
        html += (
            ' <span aria-hidden="true">·</span> '
            f'<a class="comment-edited" href="{escape(comment.actions_url)}history/">'
            f"{_when(comment.edited_at, label(context, 'edited'))}</a>"
        )
    return mark_safe(html + "</p>")  # noqa: S308 - every value escaped above


def _error(message) -> str:
    return f'<span class="error" role="alert">{escape(message)}</span>' if message else ""


def vote_html(context, comment) -> SafeString:
    """The vote control: a form for who may vote (▲ and ▼ pressed for the member's
    vote, pressing it again clears it), else the score; with the vote's refusal."""
    pk = comment.pk
    score = f'<span class="comment-score">{score_text(context, comment.score)}</span>'
    error = context.get("vote_error")
    if not comment.can_vote:
        tail = f" {_error(error)}" if error else ""
        return mark_safe(  # noqa: S308 - every value escaped
            f'<span class="comment-vote" id="comment-vote-{pk}">{score}{tail}</span>'
        )
    url = escape(comment.actions_url) + "vote/"
    buttons = []
    for value, kind, arrow, word in ((1, "up", "▲", "upvote"), (-1, "down", "▼", "downvote")):
        pressed = comment.user_vote == value
        buttons.append(
            f'<button type="submit" class="comment-vote-button comment-vote-{kind}" name="value" '
            f'value="{0 if pressed else value}" aria-pressed="{"true" if pressed else "false"}" '
            f'aria-label="{escape(label(context, word))}">'
            f'<span aria-hidden="true">{arrow}</span></button>'
        )
    return mark_safe(  # noqa: S308 - every value escaped
        f'<form class="comment-vote" id="comment-vote-{pk}" method="post" action="{url}" '
        f'hx-post="{url}" hx-target="this" hx-swap="outerHTML">{page_rows(context).csrf_field}'
        f'<input type="hidden" name="next" value="{escape(context.get("return_to") or "")}">'
        f"{buttons[0]} {score} {buttons[1]}{_error(error)}</form>"
    )


def links_html(context, comment) -> SafeString:
    """The link to the comment, and Reply and Edit when the viewer may."""
    pk = comment.pk
    permalink = escape(comment.permalink)
    actions = escape(comment.actions_url)
    html = f'<a href="{permalink}#comment-{pk}">{escape(label(context, "link"))}</a>'
    if comment.can_reply:
        html += (
            f' <a href="{permalink}?reply=1#reply-form-{pk}" hx-get="{actions}reply/" '
            f'hx-target="#reply-slot-{pk}" hx-swap="innerHTML">'
            f"{escape(label(context, 'reply'))}</a>"
        )
    if comment.can_edit:
        html += (
            f' <a href="{actions}edit/" hx-get="{actions}edit/" hx-target="#comment-{pk}" '
            f'hx-swap="outerHTML">{escape(label(context, "edit"))}</a>'
        )
    return mark_safe(html)  # noqa: S308 - every value escaped


def save_html(context, comment) -> SafeString:
    """The save control of a member (htmx swaps it whole; without JavaScript a plain
    form that comes back to the page), with the refusal when there is one."""
    pk = comment.pk
    url = escape(comment.actions_url) + "save/"
    if getattr(comment, "user_saved", False):
        button = (
            '<button type="submit" name="saved" value="0" class="link-button" aria-pressed="true" '
            f'data-testid="comment-unsave">{escape(label(context, "saved"))}'
            f'<span class="visually-hidden"> — {escape(label(context, "unsave"))}</span>'
            "</button>"
        )
    else:
        button = (
            '<button type="submit" name="saved" value="1" class="link-button" '
            f'aria-pressed="false" data-testid="comment-save">'
            f"{escape(label(context, 'save'))}</button>"
        )
    return mark_safe(  # noqa: S308 - every value escaped
        f'<form class="comment-save inline-form" id="comment-save-{pk}" method="post" '
        f'action="{url}" hx-post="{url}" hx-target="this" hx-swap="outerHTML">'
        f"{page_rows(context).csrf_field}"
        f'<input type="hidden" name="next" value="{escape(context.get("return_to") or "")}">'
        f"{button}{_error(context.get('save_error'))}</form>"
    )


def delete_html(context, comment) -> SafeString:
    """Delete, for who may (htmx asks first; the replies stay)."""
    if not comment.can_delete:
        return mark_safe("")
    pk = comment.pk
    url = escape(comment.actions_url) + "delete/"
    return mark_safe(  # noqa: S308 - every value escaped
        f'<a href="{url}" hx-post="{url}" hx-target="#comment-{pk}" hx-swap="outerHTML" '
        f'hx-confirm="{escape(label(context, "delete_confirm"))}">'
        f"{escape(label(context, 'delete'))}</a>"
    )
