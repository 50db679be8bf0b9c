"""briefgen's additions to CommonMark, as markdown-it inline rules: citations ``[@id, locator]``,
note references ``[^label]`` and the quotation shortcode ``{{< quote ID >}}``.

Each rule records the line offset of what it finds, so the checker can report file:line,
and turns text that looks like one of them but cannot be read into a "malformed" token.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from briefgen.load.fields import ID_PATTERN

CITATION = re.compile(r"\[([^\[\]\n]*@[^\[\]]*)\]")
CITED_ITEM = re.compile(
    rf"^\s*(?P<prefix>[^@]*?)\s*@(?P<id>{ID_PATTERN})\s*,?\s*(?P<locator>.*?)\s*$", re.S
)
SHORTCODE = re.compile(r"\{\{<\s*(?P<body>.*?)\s*>\}\}", re.S)
QUOTE_ARGS = re.compile(rf"^(?P<kind>quote|figure)\s+(?P<id>{ID_PATTERN})$")
NOTE_REF = re.compile(rf"\[\^({ID_PATTERN})\]")
LINE_BREAKS = "briefgen_line_breaks"  # env key: an inline text and where its line breaks are


@dataclass(frozen=True)
class Cite:
    """One item of a citation: a source or quotation id, with an optional locator."""

    target: str
    locator: str = ""
    prefix: str = ""


def citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = CITATION.match(state.src, state.pos)
    if not match or _starts_link(state.src, match.end()):
        return False
    cites = []
    for part in match.group(1).split(";"):
        item = CITED_ITEM.match(part)
        if not item:
            return _push_malformed(
                state,
                silent,
                match,
                "this citation cannot be read",
                "Write it as [@source-id, locator] or [@quotation-id]; "
                "separate several with ; as in [@a, point 3; @b].",
            )
        cites.append(Cite(item["id"], item["locator"], item["prefix"]))
    if not silent:
        token = state.push("citation", "sup", 0)
        token.meta = {"cites": tuple(cites), "offset": _line_offset(state)}
    state.pos = match.end()
    return True


def _starts_link(text: str, end: int) -> bool:
    """Whether brackets ending at ``end`` are a link's label, "[label](url)", "[label][ref]"
    or "[label]: url"; a note reference after a citation, "[@a, p. 1][^x]", is not."""
    following = text[end : end + 2]
    return following[:1] in ("(", "[", ":") and following != "[^"


UNREAD_CITATION = (
    "this looks like a citation but is not read as one",
    "Write a citation as [@source-id, locator] on its own: not as a link's text, and "
    "followed by nothing but text, punctuation or a note [^label].",
)


def unread_citations(inline: Token, first_line: int) -> Iterator[tuple[int, str]]:
    """Text left over after parsing that looks like a citation ("[@a, p. 1][ref]"): where
    (the file line) and as written. It would print as it is, so the checker refuses it."""
    searched = 0
    for child in inline.children or ():
        if child.type != "text" or "@" not in child.content:
            continue
        for found in CITATION.finditer(child.content):
            at = inline.content.find(found.group(0), searched)
            searched = max(searched, at)
            yield first_line + inline.content.count("\n", 0, max(at, 0)), found.group(0)


def note_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[^", state.pos):
        return False
    match = NOTE_REF.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("note_ref", "sup", 0)
        token.meta = {"label": match[1], "offset": _line_offset(state)}
    state.pos = match.end()
    return True


def shortcode_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{<", state.pos):
        return False
    match = SHORTCODE.match(state.src, state.pos)
    if not match:
        return False
    args = QUOTE_ARGS.match(" ".join(match["body"].split()))
    if not args:
        return _push_malformed(
            state,
            silent,
            match,
            "this shortcode is not one briefgen knows",
            "The shortcodes are {{< quote ID >}}, with the id of a quotation, and "
            "{{< figure ID >}}, with the id of a figure.",
        )
    if not silent:
        kind = "quotation_inline" if args["kind"] == "quote" else "figure_inline"
        token = state.push(kind, "q" if kind == "quotation_inline" else "", 0)
        token.meta = {"id": args["id"], "offset": _line_offset(state)}
    state.pos = match.end()
    return True


def _push_malformed(
    state: StateInline, silent: bool, match: re.Match[str], message: str, hint: str
) -> bool:
    if not silent:
        token = state.push("malformed", "", 0)
        token.content = match.group(0)
        token.meta = {"why": (message, hint), "offset": _line_offset(state)}
    state.pos = match.end()
    return True


def _line_offset(state: StateInline) -> int:
    """Line breaks in the inline text before the rule's position.

    The text's line breaks are found once and kept in the parse's env: counting them from
    the start at every reference made a paragraph of n references take n² time.
    """
    known = state.env.get(LINE_BREAKS)
    if known is None or known[0] is not state.src:
        known = (state.src, [found.start() for found in re.finditer("\n", state.src)])
        state.env[LINE_BREAKS] = known
    return bisect.bisect_left(known[1], state.pos)
