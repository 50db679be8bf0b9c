"""What a locator names: "point 3", "Guiding principles, points 2–3", "paras. 3, 9 and 10",
"title block and paras. 1 and 6" name units of a source's structure.

A locator is a list, separated by commas and "and", of unit labels ("title block",
"para. 7"), numbered ranges ("paras. 2–3"), bare numbers that go on the list before them
("paras. 3, 9 and 10") and section names ("Guiding principles"), which apply to the units
after them; a section named alone is the whole section. Case, full stops and "paragraph"
for "para." do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.model import Part

SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
NUMBERED = re.compile(
    r"^(?P<noun>paras?|paragraphs?|points?)\.?\s*(?P<numbers>\d+(?:\s*(?:[–-]|to)\s*\d+)?)$"
)
NUMBERS = re.compile(r"^(?P<first>\d+)(?:\s*(?:[–-]|to)\s*(?P<last>\d+))?$")


@dataclass(frozen=True)
class Unresolved:
    """The part of a locator that names no unit, and the units it could have meant."""

    words: str
    sections: tuple[str, ...] = ()  # when a label is in several sections: which


def resolve(locator: str, parts: Sequence[Part]) -> tuple[Part, ...] | Unresolved:
    """The units ``locator`` names, in its order; or the words that name none."""
    units = [part for part in parts if part.kind == "unit"]
    sections = {part.section.casefold() for part in units if part.section}
    found: list[Part] = []
    section = ""  # the section the units that follow are in
    named_alone = ""  # a section named with no unit after it (yet): all of it
    noun = ""  # "para" or "point", for bare numbers
    for words in SEPARATOR.split(locator.strip()):
        key = " ".join(words.split()).casefold()
        if not key:
            continue
        if key in sections and not _in_section(units, "", key):
            found += _all_of(units, named_alone)
            section = named_alone = key
            continue
        labels, noun = _labels(key, noun)
        for label in labels:
            unit = _unit(units, section, normal_label(label))
            if not isinstance(unit, Part):
                return Unresolved(label if len(labels) > 1 or noun else words.strip(), unit)
            found.append(unit)
        named_alone = ""
    found += _all_of(units, named_alone)
    return tuple(dict.fromkeys(found))


def summary(parts: Sequence[Part]) -> str:
    """The units a source has, briefly: "title block, introduction, point 1–11"."""
    names: list[str] = []
    run: list[str] = []  # "point 1", "point 2" ... of one noun, numbered in order

    def close_run() -> None:
        if len(run) > 2:
            names.append(f"{run[0]}–{run[-1].rsplit(' ', 1)[1]}")
        else:
            names.extend(run)
        run.clear()

    for part in parts:
        if part.kind != "unit":
            continue
        name = part.name
        head, _, number = name.rpartition(" ")
        if run and number.isdigit() and run[-1].rpartition(" ")[0] == head:
            run.append(name)
            continue
        close_run()
        if number.isdigit():
            run.append(name)
        else:
            names.append(name)
    close_run()
    return ", ".join(names)


def normal_label(label: str) -> str:
    """A label as locators may write it: case, full stops and "paragraph" do not matter."""
    label = re.sub(r"\bparagraph\b", "para", label.casefold()).replace(".", "")
    return " ".join(label.split())


def _labels(key: str, noun: str) -> tuple[list[str], str]:
    """The unit labels a locator's item names ("para. 3"), and the noun that bare numbers
    after it take ("para"; "" after a label that is not numbered)."""
    numbered = NUMBERED.match(key)
    if numbered:
        noun = "para" if numbered["noun"].startswith("para") else "point"
        key = numbered["numbers"]
    numbers = NUMBERS.match(key)
    if numbers and noun:
        first = int(numbers["first"])
        last = int(numbers["last"] or first)
        written = "para." if noun == "para" else "point"
        return [f"{written} {number}" for number in range(first, last + 1)], noun
    return [key], ""


def _unit(units: list[Part], section: str, label: str) -> Part | tuple[str, ...]:
    """The unit ``label`` in ``section``, else outside any section, else in the one section
    that has it; otherwise the sections that have it (none, or more than one)."""
    for in_section in (section, ""):
        unit = _in_section(units, in_section, label)
        if unit is not None:
            return unit
    anywhere = [unit for unit in units if normal_label(unit.label) == label]
    if len(anywhere) == 1:
        return anywhere[0]
    return tuple(unit.section for unit in anywhere)


def _in_section(units: list[Part], section: str, label: str) -> Part | None:
    return next(
        (
            unit
            for unit in units
            if unit.section.casefold() == section and normal_label(unit.label) == label
        ),
        None,
    )


def _all_of(units: list[Part], section: str) -> list[Part]:
    return [unit for unit in units if section and unit.section.casefold() == section]
