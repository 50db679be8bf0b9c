"""A source's reader: its whole text laid out as the document is, each unit labelled as the
locators count it, the passages the pack quotes marked, and what is not part of the
document (a web copy's menu) set apart.

The words are shown as they were copied, only the line breaks inside a paragraph joined,
so a student can follow every quotation and locator of the pack to the source itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from briefgen.load.locators import Unresolved, resolve
from briefgen.model import Library, Part, Quotation, Source

LIST_ITEM = re.compile(r"^(?:\d+[.)-]|•)")  # a line that starts a numbered or bulleted item
ELLIPSIS = re.compile(r"\[?(?:\.\.\.|\u2026)\]?")  # a quotation's cuts
CUT = re.compile(r"\.\.\.|\u2026|\[[^\]]*\]")  # its cuts and [insertions]
WORD = re.compile(r"\w+")
BETWEEN_WORDS = r"[\W\d_]*?"  # spaces, punctuation, a glued footnote number
GAP_NOTE = Markup(
    ' <span class="gap" role="note">[Our copy breaks off here; the missing words are not '
    "known.]</span>"
)
# a footnote number glued to the word or mark before it, in a PDF extraction: "process.1 More"
GLUED_NUMBER = re.compile(r"(?<=[a-z.,;:)”\"’'])(\d{1,2})(?=\s|[A-Z“\"]|$)")
LAST_NUMBER = re.compile(r"(?<=[.”])\s(\d{1,2})$")  # "in the past. 3" ending a paragraph
NOTE_NUMBER = r'<sup class="footnote-number">\1</sup>'


@dataclass(frozen=True)
class ReaderBlock:
    """One part of the source as the reader shows it."""

    part: Part
    anchor: str  # the id a locator links to: "u-guiding-principles-point-3"
    paragraphs: tuple[Markup, ...]  # its text, the pack's quoted passages marked


@dataclass(frozen=True)
class Reader:
    source: Source
    blocks: tuple[ReaderBlock, ...]
    quoted: int  # how many of the source's quotations are marked in it


def reader_name(source: Source) -> str:
    """The reader's file name, without its suffix."""
    return f"source-{source.id}"


def anchor(part: Part) -> str:
    """The id of a part's element in the reader: "u-" and its name as a slug."""
    return "u-" + "-".join(re.findall(r"[a-z0-9]+", part.name.casefold()))


def locator_link(source: Source, locator: str) -> str | None:
    """Where in the source's reader a locator points: the file and its first unit's id."""
    units = resolve(locator, source.parts) if locator else ()
    if isinstance(units, Unresolved) or not units:
        return None
    return f"{reader_name(source)}.html#{anchor(units[0])}"


def gather_reader(source: Source, library: Library) -> Reader:
    """The source's reader, its parts in text order, with its quotations marked."""
    quotations = [q for q in library.quotations.values() if q.source_id == source.id]
    gaps = [gap.after for gap in source.gaps]
    blocks = []
    marked: set[str] = set()
    for part in source.parts:
        lines = _display_paragraphs(source.text[part.start : part.end], part)
        paragraphs, found = _marked(lines, quotations, gaps, source.glued_footnote_numbers)
        blocks.append(ReaderBlock(part, anchor(part), paragraphs))
        marked |= found
    return Reader(source, tuple(blocks), len(marked))


def _display_paragraphs(text: str, part: Part) -> list[str]:
    """The part's paragraphs. A unit is one paragraph, its lines joined (a blank line in it
    is a page break of the original), except that a list item starts a new line; a title
    block is set line by line, as printed; text outside the document keeps its breaks."""
    line_by_line = part.label == "title block"
    paragraphs: list[list[str]] = []
    starts_new = True
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            starts_new = part.kind == "outside"
            continue
        if starts_new or line_by_line or LIST_ITEM.match(line) or not paragraphs:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        starts_new = False
    return [_joined(lines) for lines in paragraphs]


def _joined(lines: list[str]) -> str:
    """A paragraph's lines as one; after a hyphen at a line's end ("low-" / "level") the
    next line follows without a space, as in print."""
    text = lines[0]
    for line in lines[1:]:
        text += line if text.endswith("-") and line[:1].islower() else f" {line}"
    return text


def _marked(
    paragraphs: list[str], quotations: list[Quotation], gaps: list[str], glued: bool
) -> tuple[tuple[Markup, ...], set[str]]:
    """The paragraphs as HTML: each quoted passage in a <mark> (a passage may run on from one
    paragraph to the next), a note where words are lost after a gap passage, and glued
    footnote numbers raised. Also the ids of the quotations found."""
    whole = "\n".join(paragraphs)
    spans = sorted(
        (start, end, quotation.id)
        for quotation in quotations
        for start, end in _passages(quotation.text, whole)
    )
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, quotation_id in spans:
        if merged and start <= merged[-1][1]:
            first, last, ids = merged[-1]
            merged[-1] = (first, max(last, end), [*ids, quotation_id])
        else:
            merged.append((start, end, [quotation_id]))
    cuts = {end for gap in gaps for _, end in _passages(gap, whole)[-1:]}
    html, offset = [], 0
    for paragraph in paragraphs:
        end = offset + len(paragraph)
        html.append(_paragraph_html(paragraph, offset, merged, cuts, glued))
        offset = end + 1
    return tuple(html), {quotation_id for _, _, ids in merged for quotation_id in ids}


def _paragraph_html(
    text: str, offset: int, marks: list[tuple[int, int, list[str]]], cuts: set[int], glued: bool
) -> Markup:
    """One paragraph (at ``offset`` in its part) with the marks and gap notes that fall in it."""
    events: list[tuple[int, int, Markup]] = []  # position, order at that position, markup
    for start, end, ids in marks:
        start, end = max(start, offset) - offset, min(end, offset + len(text)) - offset
        if start < end:
            opening = Markup('<mark data-quotes="{}">').format(" ".join(dict.fromkeys(ids)))
            events += [(start, 1, opening), (end, 0, Markup("</mark>"))]
    for cut in cuts:
        if offset <= cut <= offset + len(text):
            events.append((cut - offset, 0, GAP_NOTE))
    html, position = [], 0
    for at, _, markup in sorted(events, key=lambda event: event[:2]):
        html += [_plain(text[position:at], glued), markup]
        position = at
    html.append(_plain(text[position:], glued, last=True))
    return Markup("").join(html)


def _plain(text: str, glued: bool, last: bool = False) -> Markup:
    """Text escaped; in a PDF extraction, its note numbers raised (``last``: the end of a
    paragraph, where a number after the final full stop is one too)."""
    escaped = str(escape(text))
    if not glued:
        return Markup(escaped)
    raised = GLUED_NUMBER.sub(NOTE_NUMBER, escaped)
    if last:
        raised = LAST_NUMBER.sub(NOTE_NUMBER, raised)
    return Markup(raised)


def _passages(quoted: str, text: str) -> list[tuple[int, int]]:
    """Where each cut piece of a quotation is in ``text``, in order; [] unless all are.

    Words in [square brackets] are first taken as the source's own, as when the source
    itself inserts one ("as [Kabul] wants"); only if they are not there, as ours.
    """
    return _pieces_in(ELLIPSIS.split(quoted), text) or _pieces_in(CUT.split(quoted), text)


def _pieces_in(pieces: list[str], text: str) -> list[tuple[int, int]]:
    found = []
    position = 0
    for piece in pieces:
        pattern = _piece_pattern(piece)
        if pattern is None:
            continue
        match = pattern.search(text, position)
        if match is None:
            return []
        found.append(match.span())
        position = match.end()
    return found


@functools.lru_cache(maxsize=4096)
def _piece_pattern(piece: str) -> re.Pattern[str] | None:
    """A piece of a quotation as a search, its words in order whatever lies between them;
    made once, as each quotation is looked for in every part of its source."""
    words = WORD.findall(piece)
    if not words:
        return None
    pattern = BETWEEN_WORDS.join(re.escape(word) for word in words)
    return re.compile(rf"\b{pattern}", re.IGNORECASE)
