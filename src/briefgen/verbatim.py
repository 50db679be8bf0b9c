"""Is a quotation word for word in its source?

Only what is not wording is normalised: whitespace and line breaks, typographic versus
straight quotes and dashes, words broken over a line after a hyphen, and (for PDF
extractions) footnote numbers glued to words. An ellipsis separates segments that must
occur in that order; a [square-bracketed] insertion is editorial and may stand for a few
words of the source. The first letter of a segment may differ in case ("the" for "The").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u00ad": "",
    }
)
HYPHEN_AT_LINE_END = re.compile(r"-[ \t]*\n\s*(?=[a-z])")
# Point numbers glued to the first word of a line: "1-Meeting", "2- A stable".
POINT_NUMBER = re.compile(r"^[ \t]*\d{1,2}[ \t]?-[ \t]?(?=[A-Z])", re.M)
# A footnote number glued after punctuation: "process.1 More", "women.4A", "talks."13".
GLUED_FOOTNOTE = re.compile(r"""(?<=[.,;:!?"')])\s?\d{1,2}(?!\d)(?=\s|[A-Z]|$)""")
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
EDITORIAL = re.compile(r"(\s*)\[[^\]]*\](\s*)")
MAX_EDITORIAL_GAP = 60  # characters of source an [insertion] may stand for
GAP_MARK = "\u2588"  # stands in the normalised text where the copy is broken


def normalise(text: str, glued_footnotes: bool = False) -> str:
    text = POINT_NUMBER.sub("", text.translate(TYPOGRAPHY))
    text = HYPHEN_AT_LINE_END.sub("-", text)
    if glued_footnotes:
        text = GLUED_FOOTNOTE.sub(" ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Segment:
    """A run of quoted words that must appear in the source as written."""

    text: str
    near_previous: bool  # follows an [insertion], so it must come soon after the last one
    whole_word_start: bool
    whole_word_end: bool

    def pattern(self) -> re.Pattern[str]:
        first = self.text[0]
        head = (
            f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
            if first.isalpha()
            else (re.escape(first))
        )
        before = r"(?<!\w)" if self.whole_word_start else ""
        after = r"(?!\w)" if self.whole_word_end else ""
        return re.compile(before + head + re.escape(self.text[1:]) + after)


@dataclass(frozen=True)
class Mismatch:
    """Where a quotation departs from its source, for a message a teacher can act on."""

    segment: str
    word_number: int  # 1-based, within the segment
    quoted_word: str
    source_word: str
    closest_passage: str
    out_of_order: bool = False
    across_gap: bool = False

    def describe(self) -> str:
        if self.across_gap:
            return (
                "it runs across a gap in the source copy, where words are missing; "
                "quote up to the gap, or from after it."
            )
        if self.out_of_order:
            return (
                "each part is in the source, but not in this order or not this close "
                "together; parts separated by an ellipsis must keep the source's order, and "
                "a [bracketed] insertion can stand for a few words only."
            )
        if not self.closest_passage:
            return f'no passage of the source resembles "{self.segment}".'
        source_word = f'"{self.source_word}"' if self.source_word else "the end of the passage"
        return (
            f'word {self.word_number} differs: the quotation has "{self.quoted_word}", '
            f"the source has {source_word}. "
            f'Closest passage in the source: "{self.closest_passage}"'
        )


def find_mismatch(
    quotation: str, source: str, glued_footnotes: bool = False, gaps: Sequence[str] = ()
) -> Mismatch | None:
    """None if ``quotation`` occurs in ``source`` as written; otherwise where it differs.

    ``gaps`` are passages of the source after which its copy is broken (words lost in
    extraction); a quotation may not run across one.
    """
    text = normalise(source, glued_footnotes)
    segments = _segments(quotation)
    if not segments:
        return None
    gapped = mark_gaps(text, gaps)
    if _match(gapped, segments, 0, 0):
        return None
    if gapped != text and _match(text, segments, 0, 0):
        return Mismatch(segments[0].text, 1, "", "", "", across_gap=True)
    text = gapped
    for segment in segments:
        if not segment.pattern().search(text):
            return _closest(segment.text, text)
    return Mismatch(segments[0].text, 1, "", "", "", out_of_order=True)


def mark_gaps(text: str, gaps: Sequence[str]) -> str:
    """Put a mark after each gap passage, so no quotation can match across it."""
    for passage in gaps:
        passage = normalise(passage)
        found = text.find(passage)
        if found >= 0:
            end = found + len(passage)
            text = f"{text[:end]} {GAP_MARK}{text[end:]}"
    return text


def _segments(quotation: str) -> list[Segment]:
    segments: list[Segment] = []
    for part in ELLIPSIS.split(quotation.translate(TYPOGRAPHY)):
        pieces = EDITORIAL.split(part)
        # split() with two groups gives: text, space-before, space-after, text, ...
        for index in range(0, len(pieces), 3):
            text = normalise(pieces[index])
            if not text:
                continue
            attached_before = index > 0 and not pieces[index - 1]
            attached_after = index + 1 < len(pieces) and not pieces[index + 1]
            near = index > 0 and any(normalise(pieces[i]) for i in range(0, index, 3))
            segments.append(Segment(text, near, not attached_before, not attached_after))
    return segments


def _match(text: str, segments: list[Segment], index: int, position: int) -> bool:
    """Whether segments[index:] occur in order from ``position`` (backtracking)."""
    if index == len(segments):
        return True
    segment = segments[index]
    for found in segment.pattern().finditer(text, position):
        if segment.near_previous and found.start() - position > MAX_EDITORIAL_GAP:
            return False
        if _match(text, segments, index + 1, found.end()):
            return True
    return False


def _closest(segment: str, text: str) -> Mismatch:
    quoted, source = segment.split(), text.split()
    matcher = difflib.SequenceMatcher(None, source, quoted, autojunk=False)
    match = matcher.find_longest_match(0, len(source), 0, len(quoted))
    if match.size == 0:
        return Mismatch(segment, 1, quoted[0], "", "")
    start = max(0, match.a - match.b)
    passage = source[start : start + len(quoted) + 2]
    for number, word in enumerate(quoted, start=1):
        source_word = passage[number - 1] if number - 1 < len(passage) else ""
        if word != source_word and not (number == 1 and word.lower() == source_word.lower()):
            return Mismatch(segment, number, word, source_word, " ".join(passage))
    return Mismatch(segment, len(quoted), quoted[-1], "", " ".join(passage))
