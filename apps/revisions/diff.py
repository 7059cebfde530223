"""Readable differences between two versions of a text, as HTML.

The texts are the plain text of the sanitized bodies (apps.core.html.
html_to_text), so a diff shows words, never markup: every piece of text is
escaped here, and the only tags are the ones this module writes. Removed
text is a <del>, added text an <ins>, each opened and closed by words for
screen readers (visually hidden), so the change is never told by colour
alone.

Lines are compared first (difflib), then the words of each changed run of
lines; a run too long to compare word by word (more than WORD_DIFF_LIMIT
word pairs) shows as removed then added, which keeps the cost of a page
bounded whatever the bodies.
"""

import difflib
import re
from collections.abc import Iterable

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# len(old words) * len(new words) above which a changed run is not compared
# word by word.
WORD_DIFF_LIMIT = 250_000

# A word with the spaces before it is a token: "Alps." stays equal to itself
# when a sentence is added after it, and a changed run of words reads as one
# removal and one addition.
_TOKEN = re.compile(r"\s*\S+|\s+")


def _removed(text: str) -> SafeString:
    return format_html(
        '<del class="diff-del"><span class="visually-hidden">{} </span>{}'
        '<span class="visually-hidden"> {}</span></del>',
        # Translators: Read by screen readers before text an edit removed (in a version history).
        _("[removed:"),
        text,
        # Translators: Read by screen readers after text an edit removed (in a version history).
        _("end of removed text]"),
    )


def _added(text: str) -> SafeString:
    return format_html(
        '<ins class="diff-ins"><span class="visually-hidden">{} </span>{}'
        '<span class="visually-hidden"> {}</span></ins>',
        # Translators: Read by screen readers before text an edit added (in a version history).
        _("[added:"),
        text,
        # Translators: Read by screen readers after text an edit added (in a version history).
        _("end of added text]"),
    )


def _join(parts: Iterable[str]) -> SafeString:
    return mark_safe("".join(conditional_escape(part) for part in parts))  # noqa: S308


def _words(old: str, new: str) -> list[str]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) * len(b) > WORD_DIFF_LIMIT:
        return [_removed(old) if old else "", _added(new) if new else ""]
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            parts.append(_removed("".join(a[i1:i2])))
        if j2 > j1:
            parts.append(_added("".join(b[j1:j2])))
    return parts


def diff_html(old: str, new: str) -> SafeString:
    """`old` and `new` (plain text) as one text with what went in <del> and
    what came in <ins>; escaped throughout. Lines are compared whole (with
    or without a final line break), then the words of the changed ones."""
    a, b = old.split("\n"), new.split("\n")
    chunks: list[SafeString] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "\n".join(a[i1:i2]), "\n".join(b[j1:j2])
        if tag == "equal":
            chunks.append(_join([before]))
        elif tag == "delete":
            chunks.append(_removed(before))
        elif tag == "insert":
            chunks.append(_added(after))
        else:
            chunks.append(_join(_words(before, after)))
    # Every chunk is escaped (or built by format_html) above.
    return mark_safe("\n".join(chunks))  # noqa: S308


def changed(old: str, new: str) -> SafeString | None:
    """diff_html when the texts differ, else None."""
    return None if old == new else diff_html(old, new)


def tags_diff(old: Iterable[str], new: Iterable[str]) -> SafeString | None:
    """The tags kept as they are, the ones taken off removed, the new ones
    added (in alphabetical order); None when the set is the same."""
    before, after = set(old), set(new)
    if before == after:
        return None
    parts: list[str] = []
    for slug in sorted(before | after):
        if slug in before and slug in after:
            parts.append(slug)
        elif slug in before:
            parts.append(_removed(slug))
        else:
            parts.append(_added(slug))
    return mark_safe(" ".join(conditional_escape(part) for part in parts))  # noqa: S308
