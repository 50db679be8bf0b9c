"""What a project holds, as records for `briefgen list`: readable text or JSON.

Listing works from whatever content loads, so a teacher can look up ids while fixing a
problem elsewhere; the CLI says when something could not be read.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from briefgen.errors import UsageError, terminal_safe
from briefgen.load.locators import resolve
from briefgen.model import Brief, Pack, Project, Quotation, Source
from briefgen.words import count

Record = dict[str, Any]
KINDS = ("sources", "quotes", "briefs", "packs")


def print_list(root: Path, kind: str, source: str | None, tag: str | None, as_json: bool) -> None:
    """Print the records of one kind, as text or JSON; warn if some content was unreadable."""
    import json

    from briefgen.commands.build import load_readable  # the loaders: not needed by --help

    project, problems = load_readable(root)
    if source is not None and source not in project.library.sources:
        known = ", ".join(sorted(project.library.sources)) or "none"
        raise UsageError(f"there is no source '{source}'. Sources: {known}.")
    records = list_records(project, kind, source, tag)
    if as_json:
        click.echo(terminal_safe(json.dumps(records, indent=2, ensure_ascii=False)))
    else:
        click.echo(terminal_safe(format_records(kind, records)))
    if problems:
        click.secho(
            f"Warning: {count(len(problems), 'problem')} while reading the content; "
            "what could not be read is not listed. Run `briefgen check` for details.",
            fg="yellow",
            err=True,
        )


def list_records(
    project: Project, kind: str, source: str | None = None, tag: str | None = None
) -> list[Record]:
    """The records of one kind, in id order; quotes may be narrowed to a source or a tag."""
    library = project.library
    if kind == "sources":
        counts = _quotation_counts(project)
        return [_source_record(s, counts.get(s.id, 0)) for s in _sorted(library.sources)]
    if kind == "quotes":
        quotes = sorted(library.quotations.values(), key=lambda q: (q.source_id, q.id))
        return [
            _quote_record(q, library.sources.get(q.source_id))
            for q in quotes
            if (source is None or q.source_id == source) and (tag is None or q.tagged(tag))
        ]
    if kind == "briefs":
        return [_brief_record(b, project) for b in _sorted(library.briefs)]
    if kind == "packs":
        return [_pack_record(p) for p in project.config.packs.values()]
    raise ValueError(f"unknown kind {kind!r}")


def format_records(kind: str, records: list[Record]) -> str:
    """Records as a person reads them in a terminal: one block per record."""
    if not records:
        return f"No {kind} found."
    return "\n".join(FORMATTERS[kind](record) for record in records)


def _sorted(items: dict[str, Any]) -> list[Any]:
    return [items[key] for key in sorted(items)]


def _quotation_counts(project: Project) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quotation in project.library.quotations.values():
        counts[quotation.source_id] = counts.get(quotation.source_id, 0) + 1
    return counts


def _source_record(source: Source, quotations: int) -> Record:
    return {
        "id": source.id,
        "title": source.title,
        "kind": source.kind,
        "issuer": source.issuer.value,
        "issuer_inferred": source.issuer.inferred,
        "date": source.date.iso(),
        "date_written": source.date.written().replace("\u00a0", " "),
        "date_inferred": source.date.inferred,
        "place": source.place.value if source.place else None,
        "authors": [author.name for author in source.authors],
        "text_file": source.text_path.name,
        "quotations": quotations,
        "key_points": len(source.key_points),
        "summary_words": len(source.summary.text.split()) if source.summary else 0,
    }


def _quote_record(quotation: Quotation, source: Source | None) -> Record:
    units = resolve(quotation.locator, source.parts) if source else ()
    return {
        "id": quotation.id,
        "source": quotation.source_id,
        "text": quotation.text,
        "locator": quotation.locator,
        # the units of the source's structure the locator names; [] if it names none
        "units": [unit.name for unit in units] if isinstance(units, tuple) else [],
        "tags": list(quotation.tags),
        "note": quotation.note,
    }


def _brief_record(brief: Brief, project: Project) -> Record:
    packs = [pack.id for pack in project.config.packs.values() if brief.id in pack.briefs]
    return {
        "id": brief.id,
        "title": brief.title,
        "author": brief.author,
        "date": brief.date.isoformat(),
        "words": len(brief.lead.text.split()) + len(brief.body.text.split()),
        "packs": packs,
    }


def _pack_record(pack: Pack) -> Record:
    return {
        "id": pack.id,
        "title": pack.title,
        "description": pack.description,
        "briefs": list(pack.briefs),
        "formats": list(pack.formats),
        "editions": list(pack.editions),
        "sections": list(pack.sections),
        "handouts": "all" if pack.handouts is None else list(pack.handouts),
    }


def _inferred(value: str, reason: str | None) -> str:
    return f"{value} (inferred)" if reason else value


def _format_source(r: Record) -> str:
    return (
        f"{r['id']}\n"
        f"    {r['title']}\n"
        f"    {r['kind']}, {_inferred(r['issuer'], r['issuer_inferred'])}, "
        f"{_inferred(r['date_written'], r['date_inferred'])}; "
        f"{count(r['quotations'], 'quotation')}; "
        f"text in {r['text_file']}"
    )


def _format_quote(r: Record) -> str:
    tags = f"  [{', '.join(r['tags'])}]" if r["tags"] else ""
    text = textwrap.fill(r["text"], width=88, initial_indent="    ", subsequent_indent="    ")
    return f"{r['id']}  ({r['source']}, {r['locator']}){tags}\n{text}"


def _format_brief(r: Record) -> str:
    packs = f"; in {', '.join(r['packs'])}" if r["packs"] else "; in no pack"
    length = count(r["words"], "word")
    return f"{r['id']}\n    {r['title']}\n    {r['author']}, {r['date']}, {length}{packs}"


def _format_pack(r: Record) -> str:
    return (
        f"{r['id']}\n    {r['title']}\n"
        f"    briefs: {', '.join(r['briefs'])}; formats: {', '.join(r['formats'])}; "
        f"editions: {', '.join(r['editions'])}"
    )


FORMATTERS: dict[str, Callable[[Record], str]] = {
    "sources": _format_source,
    "quotes": _format_quote,
    "briefs": _format_brief,
    "packs": _format_pack,
}
