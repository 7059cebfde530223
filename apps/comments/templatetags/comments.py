from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from apps.comments import markup
from apps.posts.templatetags.counted import counted, score_text

register = template.Library()


@register.filter
def shown_title(post, user) -> str:
    """A post's title as the viewer may see it: `{{ post|shown_title:user }}`.
    Deleted posts lose theirs; removed ones keep it for their author only."""
    if post.is_deleted:
        return _("[deleted]")
    if post.is_removed and post.author_id != getattr(user, "pk", None):
        return _("[removed]")
    return post.title


# --- folding a branch of the thread (templates/comments/_comment.html) ----------------------
# Drawn for every comment of a thread: each sentence is computed once per request,
# language and name or number (apps.posts.templatetags.counted), not once per comment.


def shown_name(comment) -> str:
    """Who wrote `comment`, as its meta line says: "[deleted]" or "[removed]"
    when the author is not shown."""
    if comment.is_deleted or comment.author is None:
        return _("[deleted]")
    if comment.is_removed and not getattr(comment, "is_own", False):
        return _("[removed]")
    return comment.author.profile.name


def _fold(name: str) -> str:
    # Translators: The name (for screen readers) of the control that folds a comment and the
    # replies under it; %(name)s is the display name of the comment's author.
    return _("Fold the comment by %(name)s and its replies") % {"name": conditional_escape(name)}


def _replies(number: int) -> str:
    return ngettext(
        # Translators: %(replies)s is a number of replies to a comment, already formatted.
        "%(replies)s reply",
        "%(replies)s replies",
        number,
    ) % {"replies": intcomma(number)}


def _more_replies(number: int) -> str:
    return ngettext(
        # Translators: Link to the replies of a comment not drawn on the post page;
        # %(replies)s is their number.
        "%(replies)s more reply",
        "%(replies)s more replies",
        number,
    ) % {"replies": intcomma(number)}


@register.simple_tag(takes_context=True)
def fold_label(context, comment) -> SafeString:
    """`{% fold_label comment %}`: "Fold the comment by alice and its replies"."""
    return counted(context, "fold", shown_name(comment), _fold)  # type: ignore[arg-type]


@register.simple_tag(takes_context=True)
def fold_summary(context, comment) -> SafeString:
    """`{% fold_summary comment %}`: what a folded branch hides, "alice · 12 points ·
    7 replies", after "Show" for screen readers (the summary is the control's name)."""
    return format_html(
        '<span class="visually-hidden">{}</span> {} · {} · {}',
        # Translators: Start of the name of the control that unfolds a folded comment (a verb,
        # imperative), followed by its author, score and number of replies.
        pgettext("unfold a folded comment", "Show"),
        shown_name(comment),
        score_text(context, comment.score),
        counted(context, "reply_count", comment.reply_count, _replies),
    )


@register.simple_tag(takes_context=True)
def more_replies_text(context, number: int) -> SafeString:
    """`{% more_replies_text node.more_replies %}`: "3 more replies"."""
    return counted(context, "more_replies", number, _more_replies)


@register.simple_tag(takes_context=True)
def replies_text(context, number: int) -> SafeString:
    """`{% replies_text 7 %}`: "7 replies"."""
    return counted(context, "reply_count", number, _replies)


# --- the words and the hot parts of every comment (apps/comments/markup.py) ---------------


@register.simple_tag(takes_context=True)
def comment_label(context, name: str) -> str:
    """`{% comment_label "reply" %}`: a word every comment draws, translated once per
    request and language (apps.comments.markup.label; escaped as any variable)."""
    return markup.label(context, name)


# `{% comment_meta comment %}` (author, time, "edited"), `{% comment_vote comment %}` (with the
# context's `vote_error` and `return_to`), `{% comment_links comment %}` (link, Reply, Edit),
# `{% comment_save comment %}` (with `save_error` and `return_to`), `{% comment_delete comment %}`.
for _name, _function in (
    ("comment_meta", markup.meta_html),
    ("comment_vote", markup.vote_html),
    ("comment_links", markup.links_html),
    ("comment_save", markup.save_html),
    ("comment_delete", markup.delete_html),
):
    register.simple_tag(_function, takes_context=True, name=_name)


@register.filter(expects_localtime=True)
def isotime(value) -> str:
    """`{{ comment.created|isotime }}`: what `|date:'c'` gives (ISO 8601 in the current
    time zone), without parsing a format string for every comment."""
    return value.isoformat() if value else ""
