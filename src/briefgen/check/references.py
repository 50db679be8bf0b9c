"""Every id a record or a brief uses names something that exists: citations, quotations,
explanatory notes, and the sources and briefs a pack lists."""

from __future__ import annotations

from briefgen.check.checker import Checker
from briefgen.check.quotations import check_quoted_phrase
from briefgen.load import markdown as markup
from briefgen.model import Brief, Location, Pack, Prose, Source


def check_brief(check: Checker, brief: Brief) -> None:
    """A brief's lead and body: every reference resolves, every quoted phrase is exact."""
    parsed = [(prose, markup.parse(prose)) for prose in (brief.lead, brief.body)]
    for prose, prose_parsed in parsed:
        check_prose_references(check, prose, prose_parsed)
    check_notes(check, brief, [p for _, p in parsed])
    cited = cited_sources(check, [ref for _, p in parsed for ref in p.references])
    if cited is None:
        return  # a cited source could not be read; its problem is already reported
    for prose, prose_parsed in parsed:
        for phrase in prose_parsed.quoted_phrases:
            location = Location(prose.location.path, phrase.line)
            check_quoted_phrase(check, phrase, location, cited)


def check_prose_references(check: Checker, prose: Prose, parsed: markup.ParsedProse) -> None:
    """Citations and quotation shortcodes are well formed and name what exists."""
    library = check.library
    path = prose.location.path
    quotations_known = library.quotations_complete
    for bad in parsed.malformed:
        check.add(Location(path, bad.line), f"{bad.message}: {bad.text}", bad.hint)
    for reference in parsed.references:
        if reference.target in library.unreadable:
            continue
        location = Location(path, reference.line)
        if reference.kind == "quote" and reference.target not in library.quotations:
            if not quotations_known:
                continue
            check.add_unknown(
                location,
                f"{{{{< quote {reference.target} >}}}} names no quotation.",
                reference.target,
                library.quotations,
                "Quotation ids are the `id:` lines in content/quotations/.",
            )
        elif reference.kind == "figure" and reference.target not in library.figures:
            check.add_unknown(
                location,
                f"{{{{< figure {reference.target} >}}}} names no figure.",
                reference.target,
                library.figures,
                "Figure ids are the `id:` lines in content/figures.yaml.",
            )
        elif (
            reference.kind == "cite"
            and reference.target not in library.sources
            and reference.target not in library.quotations
            and quotations_known
        ):
            check.add_unknown(
                location,
                f"[@{reference.target}] cites no source or quotation.",
                reference.target,
                [*library.sources, *library.quotations],
                "Cite a source id (a file name in content/sources/) or a quotation id.",
            )


def check_notes(check: Checker, brief: Brief, parsed: list[markup.ParsedProse]) -> None:
    """Every [^label] has its note written out, once used, and every note is used."""
    path = brief.body.location.path
    definitions = {label: note for p in parsed for label, note in p.notes.items()}
    used: dict[str, int] = {}
    for reference in (ref for p in parsed for ref in p.references if ref.kind == "note"):
        location = Location(path, reference.line)
        label = reference.target
        if label not in definitions:
            check.add(
                location,
                f"[^{label}] points to a note that is not written out.",
                f"Add a paragraph `[^{label}]: the text of the note` to the brief, "
                "or remove the reference.",
            )
        elif label in used:
            check.add(
                location,
                f"[^{label}] is referenced twice (first at line {used[label]}); "
                "a note belongs to one place.",
                "Write a second note, or cite the source again with [@id].",
            )
        used.setdefault(label, reference.line)
    for label, note in definitions.items():
        if label not in used:
            check.add(
                Location(path, note.line),
                f"note [^{label}] is written out but never referenced.",
                f"Put [^{label}] in the text where the note belongs, or delete the note.",
            )


def cited_sources(check: Checker, references: list[markup.Reference]) -> list[Source] | None:
    """The sources a brief cites or quotes from (every source if it cites none).

    None when one of them could not be read, so quoted phrases cannot be judged.
    """
    library = check.library
    ids: dict[str, None] = {}
    for reference in references:
        quotation = library.quotations.get(reference.target)
        source_id = quotation.source_id if quotation else reference.target
        if source_id in library.unreadable:
            return None
        if source_id in library.sources:
            ids[source_id] = None
    return [library.sources[i] for i in ids] or list(library.sources.values())


def check_quote(
    check: Checker, quote_id: str, what: str, location: Location, source_id: str | None = None
) -> None:
    """A reference to a quotation resolves (and, given ``source_id``, is from that source)."""
    library = check.library
    if quote_id in library.unreadable or not library.quotations_complete:
        return
    quotation = library.quotations.get(quote_id)
    if quotation is None:
        check.add_unknown(
            location,
            f"{what} cites quotation '{quote_id}', which does not exist.",
            quote_id,
            library.quotations,
            "Quotation ids are the `id:` lines in content/quotations/ (`briefgen list quotes`).",
        )
    elif (
        source_id is not None
        and quotation.source_id != source_id
        and quotation.source_id in library.sources  # else the quotation's own problem says so
    ):
        check.add(
            location,
            f"{what} cites quotation '{quote_id}', which is from '{quotation.source_id}', "
            f"not from '{source_id}'.",
            f"Choose a quotation of '{source_id}' (`briefgen list quotes`).",
        )


def check_source_id(check: Checker, source_id: str, what: str, location: Location) -> bool:
    """Whether ``source_id`` names a readable source; reports it when it names none."""
    library = check.library
    if source_id in library.sources:
        return True
    if source_id not in library.unreadable:
        check.add_unknown(
            location,
            f"{what} names source '{source_id}', which does not exist.",
            source_id,
            library.sources,
            "Sources are the .yaml files in content/sources/; use a file name without .yaml.",
        )
    return False


def check_pack(check: Checker, pack: Pack) -> None:
    """The sources a pack hands out and the briefs it lists exist."""
    library = check.library
    for source_id in pack.handouts or ():
        check_source_id(check, source_id, f"pack '{pack.id}' `handouts`", pack.location)
    for brief_id in pack.briefs:
        if brief_id not in library.briefs and brief_id not in library.unreadable:
            check.add_unknown(
                pack.location,
                f"pack '{pack.id}' lists brief '{brief_id}', which does not exist.",
                brief_id,
                library.briefs,
                "Briefs are the .md files in content/briefs/; use a file name without .md.",
            )
