"""Check a loaded project: every quotation verbatim, every reference resolvable.

`briefgen check` runs this alone; `briefgen build` runs it first and builds nothing if it
finds a problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from briefgen import markup
from briefgen.errors import Problems
from briefgen.model import Brief, Library, Location, Project, Prose, Source
from briefgen.verbatim import Mismatch, find_mismatch, normalise


def check_project(project: Project, problems: Problems) -> None:
    """Add every problem found in the project's content to ``problems``."""
    library = project.library
    _check_sources(library, problems)
    _check_quotations(library, problems)
    for brief in library.briefs.values():
        check_brief(brief, library, problems)
    for pack in project.config.packs.values():
        for brief_id in pack.briefs:
            if brief_id not in library.briefs and brief_id not in library.unreadable:
                problems.add(
                    pack.location,
                    f"pack '{pack.id}' lists brief '{brief_id}', which does not exist."
                    + _did_you_mean(brief_id, library.briefs),
                    "Briefs are the .md files in content/briefs/; use a file name without .md.",
                )


def _check_sources(library: Library, problems: Problems) -> None:
    for source in library.sources.values():
        text = normalise(source.text, source.glued_footnote_numbers)
        for gap in source.gaps:
            count = text.count(normalise(gap.after))
            if count != 1:
                where = "does not occur" if count == 0 else f"occurs {count} times"
                problems.add(
                    source.location,
                    f'the gap passage "{gap.after}" {where} in {source.text_path.name}.',
                    "Copy a passage that occurs exactly once, just before the missing words.",
                )
        if not text:
            problems.add(
                source.location,
                f"{source.text_path.name} is empty, so no quotation can be checked against it.",
                "Paste the full text of the source into it.",
            )


def _check_quotations(library: Library, problems: Problems) -> None:
    for quotation in library.quotations.values():
        source = library.sources.get(quotation.source_id)
        if quotation.source_id in library.unreadable:
            continue
        if source is None:
            problems.add(
                quotation.location,
                f"quotation '{quotation.id}' names source '{quotation.source_id}', "
                "which does not exist." + _did_you_mean(quotation.source_id, library.sources),
                "Sources are the .yaml files in content/sources/; use a file name without .yaml.",
            )
            continue
        mismatch = _mismatch(quotation.text, source)
        if mismatch is not None:
            problems.add(
                quotation.location,
                f"quotation '{quotation.id}' is not word for word in source "
                f"'{source.id}': {mismatch.describe()}",
                f"Copy the passage exactly from {source.text_path.name}; mark cuts with ... "
                "and your own words in [square brackets].",
            )


def check_brief(brief: Brief, library: Library, problems: Problems) -> None:
    """Check a brief's lead and body: every reference resolves, every quoted phrase is exact."""
    parsed = [(prose, markup.parse(prose)) for prose in (brief.lead, brief.body)]
    for prose, prose_parsed in parsed:
        _check_references(prose, prose_parsed, library, problems)
    cited = _cited_sources(library, [ref for _, p in parsed for ref in p.references])
    if cited is None:
        return  # a cited source could not be read; its problem is already reported
    for prose, prose_parsed in parsed:
        for phrase in prose_parsed.quoted_phrases:
            location = Location(prose.location.path, phrase.line)
            _check_quoted_phrase(phrase, location, cited, problems)


def _cited_sources(library: Library, references: list[markup.Reference]) -> list[Source] | None:
    """The sources a brief cites or quotes from (every source if it cites none).

    None when one of them could not be read, so quoted phrases cannot be judged.
    """
    ids: dict[str, None] = {}
    for reference in references:
        quotation = library.quotations.get(reference.target)
        source_id = quotation.source_id if quotation else reference.target
        if source_id in library.unreadable:
            return None
        if source_id in library.sources:
            ids[source_id] = None
    return [library.sources[i] for i in ids] or list(library.sources.values())


def _check_quoted_phrase(
    phrase: markup.QuotedPhrase, location: Location, sources: list[Source], problems: Problems
) -> None:
    mismatches = []
    for source in sources:
        mismatch = _mismatch(phrase.text, source)
        if mismatch is None:
            return
        mismatches.append((source, mismatch))
    source, closest = max(
        mismatches, key=lambda pair: (pair[1].kind != "absent", pair[1].word_number)
    )
    where = (
        f"; the nearest passage is in '{source.id}': {closest.describe()}"
        if closest.kind != "absent"
        else "."
    )
    problems.add(
        location,
        f'"{phrase.text}" is in quotation marks but is not word for word in the sources '
        f"this brief cites{where}",
        "Copy the words exactly, or use {{< quote ID >}} for a checked quotation. "
        "If the marks are not a quotation (a title, a so-called term), use italics instead.",
    )


def _mismatch(quoted: str, source: Source) -> Mismatch | None:
    """Where ``quoted`` departs from ``source``, with the source's own normalisation rules."""
    gaps = tuple(gap.after for gap in source.gaps)
    return find_mismatch(quoted, source.text, source.glued_footnote_numbers, gaps)


def _check_references(
    prose: Prose, parsed: markup.ParsedProse, library: Library, problems: Problems
) -> None:
    path = prose.location.path
    quotations_known = library.quotations_complete
    for bad in parsed.malformed:
        problems.add(Location(path, bad.line), f"{bad.message}: {bad.text}", bad.hint)
    for reference in parsed.references:
        if reference.target in library.unreadable:
            continue
        location = Location(path, reference.line)
        if reference.kind == "quote" and reference.target not in library.quotations:
            if not quotations_known:
                continue
            problems.add(
                location,
                f"{{{{< quote {reference.target} >}}}} names no quotation."
                + _did_you_mean(reference.target, library.quotations),
                "Quotation ids are the `id:` lines in content/quotations/.",
            )
        elif (
            reference.kind == "cite"
            and reference.target not in library.sources
            and reference.target not in library.quotations
            and quotations_known
        ):
            known = [*library.sources, *library.quotations]
            problems.add(
                location,
                f"[@{reference.target}] cites no source or quotation."
                + _did_you_mean(reference.target, known),
                "Cite a source id (a file name in content/sources/) or a quotation id.",
            )


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
