"""Translators are not left guessing: in a fresh extraction of our catalogue
(makemessages into a scratch directory, as the pseudo-locale build does),
every string with a placeholder carries a translator comment saying what
the placeholder is, the short words issue 16 named have a context, and the
short words that could be a noun or a verb say which.

Where the comment goes: Python, `# Translators: …` on the line right above
the string literal (xgettext drops a comment when a line of code comes
between, so above `ngettext(` does not count when the strings start on the
next line); templates, `{# Translators: … #}` as the last thing on the line
above the `{% translate %}` / `{% blocktranslate %}` tag, or
`{% comment %}Translators: …⏎{% endcomment %}` right before a tag that is
not the first on its line (it renders nothing, not even the line break).
"""

import re

import polib
import pytest
from django.conf import settings

from .pseudo import extract_project_catalogue

PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[A-Za-z_][^{}]*\}")

# Strings with a placeholder that may go without a comment: none so far.
ALLOWED_WITHOUT_COMMENT: set[tuple[str | None, str]] = set()

# The short words of issue 16 that read differently in different places.
CONTEXTUAL = {
    "Top": {"sort order"},
    "about": {"report target"},
    "Lifted": {"suspension"},
    "edited": {"time of the last edit", "label on edited content"},
    "point": {"score"},
}

# Words that are a noun in one place and a verb in another: each entry
# says which it is (a comment) or is told apart by a context.
NOUN_OR_VERB = [
    "Add", "Ban", "Block", "Comment", "Delete", "Edit", "Filter", "Follow", "Join", "Leave",
    "Lock", "Message", "Mute", "Pin", "Post", "Publish", "Remove", "Reply", "Report",
    "Restore", "Save", "Search", "Send", "Sign in", "Sign up", "Unsubscribe", "Open",
    "Read", "Write", "Key", "Access", "Expires", "Done", "More", "Mention", "Note",
    "ban", "block", "comment", "follow", "invite", "post", "report", "vote", "upvote",
    "downvote", "view", "answer", "uses", "expires", "ends", "read",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> polib.POFile:
    po = extract_project_catalogue(settings.BASE_DIR, tmp_path_factory.mktemp("translators"))
    if po is None:
        pytest.fail("GNU gettext (xgettext) is needed to extract the catalogue")
    return polib.pofile(str(po))


def has_placeholder(entry: polib.POEntry) -> bool:
    return bool(
        PLACEHOLDER.search(entry.msgid)
        or (entry.msgid_plural and PLACEHOLDER.search(entry.msgid_plural))
    )


def uncommented_placeholders(catalogue) -> list[polib.POEntry]:
    return [
        entry
        for entry in catalogue
        if has_placeholder(entry)
        and not entry.comment
        and (entry.msgctxt, entry.msgid) not in ALLOWED_WITHOUT_COMMENT
    ]


def where(entries) -> str:
    return "\n".join(
        f"{entry.msgid!r} at {', '.join(f'{f}:{line}' for f, line in entry.occurrences[:3])}"
        for entry in entries
    )


def test_the_check_counts_placeholders_of_every_style():
    catalogue = polib.POFile()
    for msgid in ["%(name)s joined", "{count} left", "%d items", "Plain text", "100% sure"]:
        catalogue.append(polib.POEntry(msgid=msgid))
    catalogue.append(polib.POEntry(msgid="%(name)s left", comment="%(name)s is a username."))
    assert [entry.msgid for entry in uncommented_placeholders(catalogue)] == [
        "%(name)s joined",
        "{count} left",
        "%d items",
    ]


def test_every_string_with_a_placeholder_says_what_it_stands_for(catalogue):
    missing = uncommented_placeholders(catalogue)
    assert not missing, (
        f"{len(missing)} strings with a placeholder have no translator comment:\n" + where(missing)
    )


def test_the_ambiguous_short_words_have_a_context_everywhere(catalogue):
    for msgid, contexts in CONTEXTUAL.items():
        entries = [entry for entry in catalogue if entry.msgid == msgid]
        assert {entry.msgctxt for entry in entries} == contexts, msgid
        assert all(entry.comment for entry in entries), msgid


def test_words_that_are_a_noun_or_a_verb_say_which(catalogue):
    found = {word: [e for e in catalogue if e.msgid == word] for word in NOUN_OR_VERB}
    assert all(found.values()), [word for word, entries in found.items() if not entries]
    unclear = [e for entries in found.values() for e in entries if not (e.comment or e.msgctxt)]
    assert not unclear, where(unclear)
