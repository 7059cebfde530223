"""Find visible UI text on a page that did not go through the pseudo-locale."""

import re
from html.parser import HTMLParser

from .pseudo import CLOSE, OPEN

HIDDEN_TAGS = {"script", "style", "template", "noscript", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}  # fmt: skip
TEXT_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt", "aria-description"}
PSEUDO_SEGMENT = re.compile(re.escape(OPEN) + ".*?" + re.escape(CLOSE), re.S)
LETTERS = re.compile(r"[A-Za-z]{2,}")


class _Collector(HTMLParser):
    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded)
        self.texts: list[str] = []  # attribute values: each one self-contained
        self.stream: list[tuple[str, bool]] = []  # text nodes in order, (text, excluded)

    @property
    def excluded(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        excluded = (
            self.excluded
            or tag in HIDDEN_TAGS
            # Text in another language on purpose (language names in the switcher).
            or ("lang" in attributes and tag != "html" and attributes["lang"] != self.page_language)
            # HTML's own "do not translate": user content, IANA zone names, code.
            or attributes.get("translate") == "no"
        )
        if not excluded:
            for name in TEXT_ATTRIBUTES & attributes.keys():
                self.texts.append(attributes[name] or "")
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.texts.append(attributes.get("value") or "")
        if tag not in VOID_TAGS:
            self.stack.append((tag, excluded))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        # Excluded nodes stay in the stream so a ⟦ … ⟧ around them still pairs up.
        self.stream.append((data, self.excluded))


def _outside_pseudo(stream: list[tuple[str, bool]]) -> list[str]:
    """Split the page's text into runs outside ⟦ ⟧. A translated sentence may
    span several text nodes (a link inside a sentence), so the brackets are
    paired across the whole stream, not node by node."""
    runs, current, depth = [], [], 0
    for text, excluded in stream:
        if excluded:
            if depth == 0 and current:
                runs.append("".join(current))
                current = []
            continue
        for char in text:
            if char == OPEN:
                depth += 1
            elif char == CLOSE:
                depth = max(depth - 1, 0)
            elif depth == 0:
                current.append(char)
        if depth == 0:
            runs.append("".join(current))
            current = []
    runs.append("".join(current))
    return [run for run in runs if run.strip()]


def untranslated_text(html: str, *, page_language: str, allowed: list[str]) -> list[str]:
    """Text nodes (and text attributes) with letters outside ⟦ ⟧ after removing
    `allowed` strings (user content, the brand name)."""
    collector = _Collector(page_language)
    collector.feed(html)
    problems = []
    for text in collector.texts + _outside_pseudo(collector.stream):
        rest = PSEUDO_SEGMENT.sub(" ", text)
        for fragment in allowed:
            if fragment and fragment in rest:
                rest = rest.replace(fragment, " ")
        if LETTERS.search(rest):
            problems.append(" ".join(text.split())[:160])
    return problems
