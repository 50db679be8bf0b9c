"""Where some remembered words are in a source, and those words as the source has them.

A teacher types a passage as they remember it: straight quotes for curly ones, a hyphen
for a dash, "low-level" for "low-\\nlevel" broken over a line, any case and spacing. The
search compares words as the quotation checker does (check/verbatim.py) and gives back
the span of the source's own text, so what is quoted is what the source says, with the
unit it is in as a locator.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from briefgen.check.verbatim import (
    GLUED_FOOTNOTE,
    HYPHEN_AT_LINE_END,
    POINT_NUMBER,
    TYPOGRAPHY,
    find_mismatch,
)
from briefgen.model import Part, Source
from briefgen.words import listed

TOKEN = re.compile(r"\S+")
EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
NEAR = 0.5  # the share of words a passage must have in common to be offered instead


@dataclass(frozen=True)
class Passage:
    """Words of a source: where they run in its text, as it prints them, and their units."""

    source: Source
    start: int
    end: int
    words: str  # as the source has them, on one line; a word broken over a line joined
    locator: str  # the unit (or units) the words are in; "" where the source has none
    checked: bool  # whether the quotation checker accepts the words (not across a gap)


@dataclass(frozen=True)
class _Word:
    key: str  # compared: Unicode, quotes and dashes, case and edge punctuation set aside
    start: int  # where the word's letters run in the source's text
    end: int


def find_passages(text: str, sources: list[Source]) -> list[Passage]:
    """Every place in ``sources`` where the words of ``text`` stand in that order."""
    wanted = [word.key for word in _words(text)]
    if not wanted:
        return []
    found = []
    for source in sources:
        words = _source_words(source)
        keys = [word.key for word in words]
        for index in range(len(keys) - len(wanted) + 1):
            if keys[index : index + len(wanted)] == wanted:
                first, last = words[index], words[index + len(wanted) - 1]
                found.append(_passage(source, first.start, last.end))
    return found


def nearest_passage(text: str, sources: list[Source]) -> Passage | None:
    """The passage most like ``text`` where none has its words: the one sharing the longest
    run of them, if at least half its words match."""
    wanted = [word.key for word in _words(text)]
    best: tuple[float, Passage] | None = None
    for source in sources:
        words = _source_words(source)
        keys = [word.key for word in words]
        matcher = difflib.SequenceMatcher(None, keys, wanted, autojunk=False)
        match = matcher.find_longest_match(0, len(keys), 0, len(wanted))
        if not match.size:
            continue
        low = max(0, match.a - match.b)
        high = min(len(keys), low + len(wanted))
        likeness = difflib.SequenceMatcher(None, keys[low:high], wanted).ratio()
        if likeness >= NEAR and (best is None or likeness > best[0]):
            best = (likeness, _passage(source, words[low].start, words[high - 1].end))
    return best[1] if best else None


def _passage(source: Source, start: int, end: int) -> Passage:
    words = _readable(source)[start:end]
    words = HYPHEN_AT_LINE_END.sub("-", words)
    words = " ".join(words.split())
    gaps = tuple(gap.after for gap in source.gaps)
    checked = find_mismatch(words, source.text, source.glued_footnote_numbers, gaps) is None
    return Passage(source, start, end, words, units_at(source.parts, start, end), checked)


def units_at(parts: tuple[Part, ...], start: int, end: int) -> str:
    """The locator of the text from ``start`` to ``end``: the units it touches."""
    names = [p.name for p in parts if p.kind == "unit" and p.start < end and p.end > start]
    return listed(names) if names else ""


def _readable(source: Source) -> str:
    """The source's text with what is not wording blanked, offsets kept: point numbers
    glued to a line's first word and (when the copy has them) footnote numbers."""
    text = POINT_NUMBER.sub(lambda match: " " * len(match.group(0)), source.text)
    if source.glued_footnote_numbers:
        text = GLUED_FOOTNOTE.sub(lambda match: " " * len(match.group(0)), text)
    return text


def _source_words(source: Source) -> list[_Word]:
    return _words(_readable(source))


def _words(text: str) -> list[_Word]:
    """The words of ``text`` with their keys. Hyphens and dashes part words, so that
    "low-level", "low level" and "low-" broken over a line before "level" all match."""
    words: list[_Word] = []
    for match in TOKEN.finditer(text):
        token = match.group(0)
        core = EDGE_PUNCTUATION.sub("", token)
        if not core:
            continue
        start = match.start() + _leading_punctuation(token)
        key = unicodedata.normalize("NFC", core).translate(TYPOGRAPHY).casefold()
        words += [_Word(part, start, start + len(core)) for part in key.split("-") if part]
    return words


def _leading_punctuation(token: str) -> int:
    match = re.match(r"[^\w]+", token)
    return match.end() if match else 0
