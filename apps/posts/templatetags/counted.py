"""Plural sentences memoized per request, language and number.

`{% blocktranslate count %}` costs a catalogue lookup and a plural-form
computation each time (~0.3 ms): a thread of 500 comments drew ~1,000 of
them for a few dozen distinct numbers. These tags compute each sentence once
per request, language and number. The msgids are the ones the templates
used (`makemessages` extracts them from here), so every translation and the
pseudo-locale check still apply. Like blocktranslate, the translated text is
not escaped and the number is.
"""

from collections.abc import Callable

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, npgettext

from apps.core.memo import request_memo

register = template.Library()


def counted(context, name: str, number: int, sentence: Callable[[int], str]) -> SafeString:
    """`sentence(number)` once per request, language and number; without a
    request in the context, every time."""
    memo = request_memo(context, "_counted_sentences")
    key = (name, get_language(), number)
    text = memo.get(key)
    if text is None:
        text = memo[key] = mark_safe(sentence(number))  # noqa: S308  # escaped in sentence()
    return text


def _number(number: int) -> str:
    return conditional_escape(intcomma(number))


def _comments(number: int) -> str:
    # Translators: %(comments)s is a number of comments, already formatted (e.g. 1,234).
    return ngettext("%(comments)s comment", "%(comments)s comments", number) % {
        "comments": _number(number)
    }


def _points(number: int) -> str:
    # Translators: the unit of a post's or comment's score (upvotes minus downvotes),
    # shown next to the number.
    return npgettext("score", "point", "points", number)


def _score(number: int) -> str:
    # Translators: A post's or comment's score (upvotes minus downvotes); %(score)s is the number,
    # already formatted.
    return ngettext("%(score)s point", "%(score)s points", number) % {"score": _number(number)}


def _replies(number: int) -> str:
    return ngettext(
        # Translators: Link to the rest of a deep comment thread; %(replies)s is the number of
        # replies not shown.
        "Continue this thread (%(replies)s reply)",
        "Continue this thread (%(replies)s replies)",
        number,
    ) % {"replies": _number(number)}


@register.simple_tag(takes_context=True)
def comments_text(context, number: int) -> SafeString:
    """`{% comments_text post.comment_count %}`: "1,234 comments"."""
    return counted(context, "comments", number, _comments)


@register.simple_tag(takes_context=True)
def points_word(context, number: int) -> SafeString:
    """`{% points_word post.score %}`: "point" or "points" (the number is drawn apart)."""
    return counted(context, "points", number, _points)


@register.simple_tag(takes_context=True)
def score_text(context, number: int) -> SafeString:
    """`{% score_text comment.score %}`: "12 points"."""
    return counted(context, "score", number, _score)


@register.simple_tag(takes_context=True)
def continue_text(context, number: int) -> SafeString:
    """`{% continue_text comment.reply_count %}`: "Continue this thread (3 replies)"."""
    return counted(context, "replies", number, _replies)
