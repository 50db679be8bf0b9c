"""Is a quotation word for word in its source?

Only what is not wording is normalised: how Unicode spells a letter (one "é", or "e" and
an accent; the "ﬁ" ligature of PDF text, or "fi"), superscript note numbers, whitespace
and line breaks, typographic versus straight quotes and dashes, words broken over a line
after a hyphen, point numbers glued to a line's first word, and (for PDF extractions)
footnote numbers glued to words. An ellipsis, ... or [...], separates segments that must
occur in that order; a [square-bracketed] insertion is editorial and may stand for a few
words of the source. The first letter of a segment may differ in case ("the" for "The").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

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
        # ligatures, as text taken from PDFs often has them
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        # superscript digits are note numbers, never wording
        **{digit: "" for digit in "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"},
    }
)
HYPHEN_AT_LINE_END = re.compile(r"-[ \t]*\n\s*(?=[a-z])")
# Point numbers glued to the first word of a line: "1-Meeting", "2- A stable".
POINT_NUMBER = re.compile(r"^[ \t]*\d{1,2}[ \t]?-[ \t]?(?=[A-Z])", re.M)
# A footnote number glued after punctuation: "process.1 More", "women.4A", "talks."13".
GLUED_FOOTNOTE = re.compile(r"""(?<=[.,;:!?"')])\s?\d{1,2}(?!\d)(?=\s|[A-Z]|$)""")
ELLIPSIS = re.compile(r"\s*\[?(?:\.\.\.|\u2026)\]?\s*")  # ... or [...] or \u2026
EDITORIAL = re.compile(r"(\s*)\[[^\]]*\](\s*)")
MAX_EDITORIAL_GAP = 60  # characters of source an [insertion] may stand for
GAP_MARK = "\u2588"  # stands in the normalised text where the copy is broken
MIN_SIMILARITY = 0.6  # below this, a passage does not "resemble" the quotation


def normalise(text: str, glued_footnotes: bool = False) -> str:
    text = POINT_NUMBER.sub("", unicodedata.normalize("NFC", text).translate(TYPOGRAPHY))
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

    def occurrences(self, text: str, position: int = 0) -> Iterator[tuple[int, int]]:
        """Where the segment occurs in ``text`` from ``position`` on, without overlaps, as
        (start, end); its first letter may differ in case.

        Plain string search: compiling a regular expression per quotation cost more than
        checking every quotation of the bundled content.
        """
        rest = self.text[1:]
        forms = {self.text[0].lower() + rest, self.text[0].upper() + rest}
        length = len(self.text)
        while True:
            starts = [found for form in forms if (found := text.find(form, position)) >= 0]
            if not starts:
                return
            start = min(starts)
            end = start + length
            if (self.whole_word_start and start > 0 and _is_word(text[start - 1])) or (
                self.whole_word_end and end < len(text) and _is_word(text[end])
            ):
                position = start + 1
                continue
            yield start, end
            position = end


def _is_word(character: str) -> bool:
    """What a regular expression's \\w matches."""
    return character.isalnum() or character == "_"


@dataclass(frozen=True)
class Mismatch:
    """Where a quotation departs from its source, for a message a teacher can act on.

    kind is "changed" (words differ), "missing" (the source has words the quotation
    lacks), "added" (the quotation has words the source lacks), "absent" (nothing in the
    source resembles it), "order" (parts out of order) or "gap" (it spans a gap in the copy).
    """

    kind: str
    segment: str
    word_number: int = 0  # 1-based, within the segment
    quoted_words: str = ""
    source_words: str = ""
    closest_passage: str = ""

    def describe(self) -> str:
        if self.kind == "gap":
            return (
                "it runs across a gap in the source copy, where words are missing; "
                "quote up to the gap, or from after it."
            )
        if self.kind == "order":
            return (
                "each part is in the source, but not in this order or not this close "
                "together; parts separated by an ellipsis must keep the source's order, and "
                "a [bracketed] insertion can stand for a few words only."
            )
        if self.kind == "absent":
            return f'no passage of the source resembles "{self.segment}".'
        at = f"at word {self.word_number}"
        if self.kind == "missing":
            what = f'the source has "{self.source_words}" {at}, which the quotation leaves out'
        elif self.kind == "added":
            what = f'the quotation adds "{self.quoted_words}" {at}, which the source does not have'
        else:
            what = (
                f'{at} the quotation has "{self.quoted_words}" '
                f'where the source has "{self.source_words}"'
            )
        return f'{what}. The source reads: "{self.closest_passage}"'


@dataclass(frozen=True)
class SourceText:
    """A source's text normalised once, as every check reads it: quotations, gap passages,
    glossary terms and copied runs of words."""

    plain: str
    gapped: str  # with a mark after each gap passage, so no quotation can run across one

    @classmethod
    def of(cls, source: str, glued_footnotes: bool = False, gaps: Sequence[str] = ()) -> SourceText:
        text = normalise(source, glued_footnotes)
        return cls(text, _mark_gaps(text, gaps))

    @cached_property
    def lowered(self) -> str:
        """Lower-cased with a space each side, to find a run of whole words in."""
        return f" {self.plain.lower()} "


def find_mismatch(
    quotation: str, source: str, glued_footnotes: bool = False, gaps: Sequence[str] = ()
) -> Mismatch | None:
    """None if ``quotation`` occurs in ``source`` as written; otherwise where it differs.

    ``gaps`` are passages of the source after which its copy is broken (words lost in
    extraction); a quotation may not run across one.
    """
    return mismatch_in(quotation, _prepared(source, glued_footnotes, tuple(gaps)))


def mismatch_in(quotation: str, source: SourceText) -> Mismatch | None:
    """``find_mismatch`` for a source already normalised."""
    segments = _segments(quotation)
    if not segments:
        return None
    if _match(source.gapped, segments):
        return None
    if source.gapped != source.plain and _match(source.plain, segments):
        return Mismatch("gap", segments[0].text)
    text = source.gapped
    for segment in segments:
        if next(segment.occurrences(text), None) is None:
            return _closest(segment.text, text)
    return Mismatch("order", segments[0].text)


@lru_cache(maxsize=64)
def _prepared(source: str, glued_footnotes: bool, gaps: tuple[str, ...]) -> SourceText:
    """A source normalised for ``find_mismatch`` (many quotations share it)."""
    return SourceText.of(source, glued_footnotes, gaps)


def _mark_gaps(text: str, gaps: Sequence[str]) -> str:
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
        words_before = False  # whether an earlier piece of this part has words
        for index in range(0, len(pieces), 3):
            text = normalise(pieces[index])
            if not text:
                continue
            attached_before = index > 0 and not pieces[index - 1]
            attached_after = index + 1 < len(pieces) and not pieces[index + 1]
            segments.append(Segment(text, words_before, not attached_before, not attached_after))
            words_before = True
    return segments


def _match(text: str, segments: list[Segment]) -> bool:
    """Whether the segments occur in ``text`` in order (backtracking).

    A loop with its own stack, not recursion, so a quotation of a thousand parts cannot
    exhaust Python's stack; and a (segment, position) that failed once is not tried again,
    so backtracking cannot take exponential time.
    """
    failed: set[tuple[int, int]] = set()
    stack = [(0, 0, segments[0].occurrences(text, 0))]
    while stack:
        index, position, candidates = stack[-1]
        found = next(candidates, None)
        if found is None or (
            segments[index].near_previous and found[0] - position > MAX_EDITORIAL_GAP
        ):
            failed.add((index, position))
            stack.pop()
        elif index + 1 == len(segments):
            return True
        elif (index + 1, found[1]) not in failed:
            stack.append((index + 1, found[1], segments[index + 1].occurrences(text, found[1])))
    return False


def _closest(segment: str, text: str) -> Mismatch:
    """Align the segment with the most similar passage and name the first difference.

    Alignment ignores case, so a capital cannot throw it off; differences of case are
    then reported like any other (except the first letter, which may change).
    """
    quoted, source = segment.split(), text.split()
    quoted_lower, source_lower = [_key(w) for w in quoted], [_key(w) for w in source]
    anchor = difflib.SequenceMatcher(None, source_lower, quoted_lower, autojunk=False)
    match = anchor.find_longest_match(0, len(source), 0, len(quoted))
    low = max(0, match.a - match.b - 3)
    high = min(len(source), match.a + len(quoted) - match.b + 3)
    aligner = difflib.SequenceMatcher(None, source_lower[low:high], quoted_lower, autojunk=False)
    opcodes = aligner.get_opcodes()
    # Window words before the quotation starts or after it ends are context, not differences.
    if opcodes and opcodes[0][0] == "delete":
        opcodes = opcodes[1:]
    if opcodes and opcodes[-1][0] == "delete":
        opcodes = opcodes[:-1]
    if not opcodes or match.size == 0:
        return Mismatch("absent", segment)
    start, end = low + opcodes[0][1], low + opcodes[-1][2]
    similarity = difflib.SequenceMatcher(None, source_lower[start:end], quoted_lower).ratio()
    if similarity < MIN_SIMILARITY:
        return Mismatch("absent", segment)
    passage = " ".join(source[start:end])
    for tag, i1, i2, j1, j2 in opcodes:
        i1, i2 = i1 + low, i2 + low
        if tag == "equal":
            for offset in range(i2 - i1):
                source_word, quoted_word = source[i1 + offset], quoted[j1 + offset]
                last = j1 + offset == len(quoted) - 1
                if last and source_word.startswith(quoted_word):
                    continue  # a quotation may stop before the source's punctuation
                if source_word != quoted_word and j1 + offset > 0:
                    return Mismatch(
                        "changed", segment, j1 + offset + 1, quoted_word, source_word, passage
                    )
            continue
        kind = {"replace": "changed", "delete": "missing", "insert": "added"}[tag]
        return Mismatch(
            kind, segment, j1 + 1, " ".join(quoted[j1:j2]), " ".join(source[i1:i2]), passage
        )
    return Mismatch("order", segment)


def _key(word: str) -> str:
    """A word as alignment sees it: no case, no surrounding punctuation."""
    return word.lower().strip(".,;:!?'\"()-") or word


def find_term(term: str, text: str) -> re.Match[str] | None:
    """The first use of ``term`` as a whole word; an abbreviation ("IS") must match in case."""
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags)
