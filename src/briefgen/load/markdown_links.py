"""Links and images in a brief's Markdown that are never rendered: found, with their lines.

A brief may link to web pages, email addresses and places in its own page. Images, and
links to files, are refused with a message; the parser (load/markdown.py) drops them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#)", re.I)
MARKDOWN_LINK = re.compile(r"(?P<image>!?)\[[^\]\n]*\]\(\s*<?(?P<target>[^)\s>]*)[^)]*\)")
LINK_MIDDLE = re.compile(r"\]\(")  # where MARKDOWN_LINK's label ends and its target begins
LINK_TARGET = re.compile(r"\s*<?(?P<target>[^)\s>]*)")
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
LINK_HINT = (
    "Links may go to web pages (https://...), email addresses (mailto:...) or places in "
    "the same page (#...), never to files."
)
IMAGE_HINT = (
    "Briefs are words only; describe the image in words or put it in a template "
    "(the issuer's logo goes in briefgen.yaml as issuer.logo)."
)


def refused_links(text: str, line: int) -> list[tuple[int, str, str, str]]:
    """Images, and links that go anywhere but the web, email or this page: never rendered."""
    found = []
    lines = LineCounter(text, line)
    for start, written, image, target in markdown_links(text):
        at = lines.at(start)
        if image:
            found.append((at, written, "a brief cannot show images", IMAGE_HINT))
        elif not SAFE_LINK.match(target):
            scheme = URL_SCHEME.match(target)
            where = f"a '{scheme[0]}' address" if scheme else f"the file '{target}'"
            found.append((at, written, f"this link goes to {where}", LINK_HINT))
    return found


def markdown_links(text: str) -> Iterator[tuple[int, str, bool, str]]:
    """Each ``[label](target)`` or ``![label](target)``: where, as written, image?, target.

    The same links as ``MARKDOWN_LINK.finditer``, found in one pass: from each ``](`` back
    to the first ``[`` since the last ``]`` or line break, and on to the next ``)``. The
    regular expression alone tried every ``[`` against the rest of the line, so a paragraph
    of n brackets took n² time.
    """
    searched = 0  # where the last link ended
    closing = -1  # the first ")" at or after the place last asked about
    for middle in LINK_MIDDLE.finditer(text):
        close = middle.start()
        if close < searched:
            continue
        if closing < close + 2:
            closing = text.find(")", close + 2)
            if closing < 0:
                return  # no link can end without a ")"
        since = max(text.rfind("]", searched, close), text.rfind("\n", searched, close))
        start = text.find("[", max(since + 1, searched), close)
        if start < 0:
            continue
        image = start > searched and text[start - 1] == "!"
        start -= image
        searched = closing + 1
        target = LINK_TARGET.match(text, close + 2, closing)
        yield start, text[start:searched], image, target["target"] if target else ""


class LineCounter:
    """The file line of each of a text's matches, taken in order.

    Counts on from the last match, not from the start of the text: counting from the
    start made a paragraph of n quoted phrases (or links) take n² time.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.position = 0
        self.line = first_line

    def at(self, position: int) -> int:
        """The line of ``position``, which is never before the last one asked about."""
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line
