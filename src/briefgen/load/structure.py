"""A source's text divided into the units its locators count (sections, paragraphs, points)
and the words outside the document itself, from the `structure` of its YAML file.

Each entry names a unit and the first words it `starts` with, in the order of the text; a
unit runs to where the next entry starts. The text stays as it was copied, so quotations
are still checked against all of it. A source without a `structure` is divided into its
paragraphs at blank lines, numbered para. 1, para. 2 ...
"""

from __future__ import annotations

import re

from briefgen.load.records import Record
from briefgen.model import Part

ENTRY_KINDS = ("unit", "section", "outside")
ENTRY_KEYS = (*ENTRY_KINDS, "starts")
BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
WHAT = "an entry of `structure`"


def read_structure(record: Record, key: str, text: str | None) -> tuple[tuple[Part, ...], bool]:
    """The source's parts, and whether its file declares them (else: its paragraphs)."""
    if text is None:
        return (), False
    if key not in record.data:
        return paragraphs(text), False
    parts: list[Part] = []
    section = ""
    searched_from = 0
    for entry in record.records(key, WHAT):
        entry.reject_unknown(ENTRY_KEYS)
        kinds = [kind for kind in ENTRY_KINDS if kind in entry.data]
        if len(kinds) != 1:
            entry.problems.add(
                entry.location,
                f"{WHAT} should name one `unit`, `section` or `outside`, "
                f"not {' and '.join(f'`{kind}`' for kind in kinds) or 'none'}.",
                "Write one entry per unit: `- unit: point 3` with `starts: its first words`.",
            )
            continue
        kind = kinds[0]
        label = entry.text(kind)
        starts = entry.text("starts", required=kind != "section")
        if not label:
            continue
        if kind == "section":
            section = label
        if starts is None:  # a section the source gives no heading: it starts at its first unit
            if kind == "section":
                parts.append(Part("heading", label, label, -1, -1, ours=True))
            continue
        found, searched_from = _find_words(starts, text, searched_from)
        if found < 0:
            entry.report(
                "starts",
                f"the words '{starts}' are not in the source text after the entry before.",
                "Copy the unit's first words exactly from the text; the entries go in "
                "the order of the text.",
            )
            return (), True
        if kind == "outside":
            section = ""
        part_kind = {"unit": "unit", "section": "heading", "outside": "outside"}[kind]
        parts.append(Part(part_kind, label, section if kind != "outside" else "", found, -1))
    if not parts:
        return (), True
    return _with_ends(parts, text, record, key), True


def paragraphs(text: str) -> tuple[Part, ...]:
    """The default structure: paragraphs at blank lines, numbered para. 1, para. 2 ..."""
    parts = []
    start = len(text) - len(text.lstrip())
    for number, chunk in enumerate(BLANK_LINES.split(text.strip()), start=1):
        start = text.index(chunk, start)
        parts.append(Part("unit", f"para. {number}", "", start, start + len(chunk)))
        start += len(chunk)
    return tuple(parts)


def _find_words(words: str, text: str, start: int) -> tuple[int, int]:
    """Where ``words`` begin and end in ``text`` at or after ``start`` (-1 if they are not
    there); line breaks count as spaces. The next entry is looked for after their end."""
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    match = re.compile(pattern).search(text, start)
    return (-1, start) if match is None else match.span()


def _with_ends(parts: list[Part], text: str, record: Record, key: str) -> tuple[Part, ...]:
    """Each part runs to where the next begins; an unnamed section begins at its first unit."""
    first = next(part.start for part in parts if part.start >= 0)
    if text[:first].strip():
        record.report(
            key,
            f"the source text begins with words before the first entry of `{key}`: "
            f"'{' '.join(text[:first].split()[:6])}'.",
            "Start the structure at the text's first words; an `outside` entry marks words "
            "that are not part of the document, such as a website's menu.",
        )
    placed = []
    for index, part in enumerate(parts):
        if part.start < 0:  # an unnamed section's heading: empty, where its first unit is
            following = next((p.start for p in parts[index + 1 :] if p.start >= 0), len(text))
            placed.append(Part(part.kind, part.label, part.section, following, following, True))
            continue
        end = next((p.start for p in parts[index + 1 :] if p.start >= 0), len(text))
        placed.append(Part(part.kind, part.label, part.section, part.start, end))
    names = [part.name.casefold() for part in placed if part.kind == "unit"]
    for name in sorted({name for name in names if names.count(name) > 1}):
        record.report(
            key,
            f"`{key}` names the unit '{name}' twice.",
            "Give each unit its own label, as the document numbers it.",
        )
    return tuple(placed)
