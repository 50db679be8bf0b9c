"""Every locator names units of its source, and a quotation's words are inside the units its
locator names: "para. 7" must be where the words are, not only somewhere in the source."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from briefgen.check.checker import Checker
from briefgen.check.verbatim import find_mismatch
from briefgen.load import markdown as markup
from briefgen.load.locators import Unresolved, resolve, summary
from briefgen.model import Library, Location, Part, Quotation, Source
from briefgen.words import did_you_mean, sentences


@dataclass(frozen=True)
class Locator:
    """A locator in the content: what gives it, where, of which source, and the quotation
    whose words it must hold, if any."""

    text: str
    source: Source
    location: Location
    what: str  # "quotation 'kabul-stable'", "the timeline entry of 2017-06-06"
    quotation: Quotation | None = None


def check_locators(check: Checker) -> int:
    """Report every locator that names no unit, or units without its quotation's words;
    the number of locators checked."""
    checked = 0
    for locator in each_locator(check.library):
        if not locator.source.parts:
            continue  # its text could not be read: reported already
        quoted = locator.quotation
        if quoted is not None and check.mismatch(quoted.text, locator.source) is not None:
            continue  # not word for word in this source: that is the problem, reported
        units = resolve(locator.text, locator.source.parts)
        if isinstance(units, Unresolved):
            _report_unresolved(check, locator, units)
        elif locator.quotation is not None:
            _check_words_within(check, locator, locator.quotation, units)
        checked += 1
    return checked


def each_locator(library: Library) -> Iterator[Locator]:
    """The locators of quotations, timeline entries and brief citations, in that order."""
    sources, quotations = library.sources, library.quotations
    for quotation in library.quotations.values():
        source = sources.get(quotation.source_id)
        if source is not None and quotation.locator:
            what = f"quotation '{quotation.id}'"
            yield Locator(quotation.locator, source, quotation.location, what, quotation)
    for entry in library.teaching.timeline:
        source = sources.get(entry.source_id or "")
        if source is not None and entry.locator:
            what = f"the timeline entry of {entry.date.iso()}"
            quoted = quotations.get(entry.quote_id or "")
            yield Locator(entry.locator, source, entry.location, what, quoted)
    for brief in library.briefs.values():
        for prose in (brief.lead, brief.body):
            for reference in markup.parse(prose).references:
                if reference.kind != "cite" or not reference.locator:
                    continue
                cited = quotations.get(reference.target)
                source = sources.get(cited.source_id if cited else reference.target)
                if source is not None:
                    where = Location(prose.location.path, reference.line)
                    what = f"the citation of '{reference.target}'"
                    yield Locator(reference.locator, source, where, what, cited)


def _report_unresolved(check: Checker, locator: Locator, unresolved: Unresolved) -> None:
    source = locator.source
    units = summary(source.parts)
    if len(unresolved.sections) > 1:
        check.add(
            locator.location,
            f"{locator.what} has the locator '{locator.text}': '{unresolved.words}' is in more "
            f"than one section of source '{source.id}' ({', '.join(unresolved.sections)}).",
            f"Name the section first: '{unresolved.sections[0]}, {unresolved.words}'.",
        )
        return
    names = [part.name for part in source.parts if part.kind != "outside"]
    declared = (
        f"Its units, from the `structure` in {source.location.path.name}: {units}."
        if source.structure_declared
        else f"{source.location.path.name} declares no `structure`, so its units are its "
        f"paragraphs at blank lines: {units}. Declare its structure to cite points or "
        "sections (content/README.md)."
    )
    check.add(
        locator.location,
        sentences(
            f"{locator.what} has the locator '{locator.text}', but source '{source.id}' "
            f"has no unit '{unresolved.words}'.",
            did_you_mean(unresolved.words, names),
        ),
        declared,
    )


def _check_words_within(
    check: Checker, locator: Locator, quotation: Quotation, units: tuple[Part, ...]
) -> None:
    """The quotation's words are inside the named units (or run across adjacent ones)."""
    source = locator.source
    if _holds(source, quotation.text, _runs(source, units)):
        return
    where = _where(source, quotation.text)
    own = locator.what == f"quotation '{quotation.id}'"
    subject = "its words are" if own else f"the words of quotation '{quotation.id}' are"
    if where is None:
        check.add(
            locator.location,
            f"{locator.what} has the locator '{locator.text}', but {subject} not within it.",
            "Check the locator against the source's units (`briefgen list sources`).",
        )
        return
    check.add(
        locator.location,
        f"{locator.what} has the locator '{locator.text}', but {subject} in {where}.",
        f"Correct the locator to '{where}'.",
    )


def _where(source: Source, quoted: str) -> str | None:
    """The unit, or the two neighbouring units, that hold the words."""
    units = [part for part in source.parts if part.kind == "unit"]
    for run in [[unit] for unit in units] + [list(pair) for pair in itertools.pairwise(units)]:
        if _holds(source, quoted, [run]):
            return " and ".join(part.name for part in run)
    return None


def _runs(source: Source, units: tuple[Part, ...]) -> list[list[Part]]:
    """The named units in runs of neighbours, so a quotation may run across a boundary."""
    order = {part: index for index, part in enumerate(source.parts)}
    runs: list[list[Part]] = []
    for unit in sorted(units, key=order.__getitem__):
        if runs and order[runs[-1][-1]] + 1 == order[unit]:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def _holds(source: Source, quoted: str, runs: list[list[Part]]) -> bool:
    for run in runs:
        text = source.text[run[0].start : run[-1].end]
        if find_mismatch(quoted, text, source.glued_footnote_numbers, _gaps(source)) is None:
            return True
    return False


def _gaps(source: Source) -> tuple[str, ...]:
    return tuple(gap.after for gap in source.gaps)
