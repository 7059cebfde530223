"""Find visible UI text on a page that did not go through the pseudo-locale."""

import re
from html.parser import HTMLParser

from .pseudo import CLOSE, OPEN

HIDDEN_TAGS = {"script", "style", "template", "noscript", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}  # fmt: skip
TEXT_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt", "aria-description"}
# Text runs end at these elements' edges; inline elements (a, mark, em, span…)
# do not split a run, so a highlighted word inside a title ("grow <mark>
# tomatoes</mark> on") still reads as the one title it is.
BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "button",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "input",
    "label",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
}
BOUNDARY = None
LETTERS = re.compile(r"[A-Za-z]{2,}")
PSEUDO_SEGMENT = re.compile(re.escape(OPEN) + ".*?" + re.escape(CLOSE), re.S)


class _Collector(HTMLParser):
    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded)
        self.texts: list[str] = []  # attribute values: each one self-contained
        # Text nodes in order, (text, excluded); (BOUNDARY, False) at block edges.
        self.stream: list[tuple[str | None, bool]] = []

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
        if tag in BLOCK_TAGS:
            self.stream.append((BOUNDARY, False))
        if tag not in VOID_TAGS:
            self.stack.append((tag, excluded))

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.stream.append((BOUNDARY, False))
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        # Excluded nodes stay in the stream so a ⟦ … ⟧ around them still pairs up.
        self.stream.append((data, self.excluded))


def _outside_pseudo(stream: list[tuple[str | None, bool]]) -> list[str]:
    """Split the page's text into runs outside ⟦ ⟧. A translated sentence may
    span several text nodes (a link inside a sentence), so the brackets are
    paired across the whole stream, not node by node; outside them a run goes
    on to the next block edge."""
    runs: list[str] = []
    current: list[str] = []
    depth = 0
    for text, excluded in stream:
        if text is BOUNDARY:
            if depth == 0 and current:
                runs.append("".join(current))
                current = []
            continue
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
    runs.append("".join(current))
    return [run for run in runs if run.strip()]


def _without_pseudo(text: str) -> str:
    """`text` with every ⟦ … ⟧ taken out, nested ones included (a translated
    label may hold another translation: "⟦⟦Mention⟧: on the site⟧")."""
    kept: list[str] = []
    depth = 0
    for char in text:
        if char == OPEN:
            depth += 1
            kept.append(" ")
        elif char == CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def untranslated_text(html: str, *, page_language: str, allowed: list[str]) -> list[str]:
    """Text nodes (and text attributes) with letters outside ⟦ ⟧ after removing
    `allowed` strings (user content, the brand name)."""
    collector = _Collector(page_language)
    collector.feed(html)
    problems = []
    for text in collector.texts + _outside_pseudo(collector.stream):
        rest = _without_pseudo(text)
        for fragment in allowed:
            if fragment and fragment in rest:
                rest = rest.replace(fragment, " ")
        if LETTERS.search(rest):
            problems.append(" ".join(text.split())[:160])
    return problems


URL = re.compile(r"(?:https?://|/)[^\s<>\"')]*")


def unmarked_lines(text: str, *, allowed: list[str]) -> list[str]:
    """Lines of plain text (a mail's subject or body, an API message) with
    letters outside ⟦ ⟧, after removing `allowed` strings and addresses
    (links are not words to translate). Reports what is left of each line."""
    problems = []
    # A translated paragraph spans lines: brackets pair across the whole text.
    for line in _without_pseudo(text).splitlines():
        rest = URL.sub(" ", line)
        for fragment in allowed:
            if fragment and fragment in rest:
                rest = rest.replace(fragment, " ")
        if LETTERS.search(rest):
            problems.append(" ".join(line.split())[:160])
    return problems
