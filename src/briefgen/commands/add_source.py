"""`briefgen add-source FILE`: a document brought in as a draft source that builds at once.

It writes the document's text to content/sources/ID.txt and a record, ID.yaml, with
what the document states about itself filled in and every other field the teacher must
fill marked "TO DO", which `check` lists as warnings, so the draft shows in the pack
while the teacher works. Numbered paragraphs are proposed as the units locators count.
Nothing is written when the document cannot be read, and nothing is left behind when
the new source does not load.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path

import click

from briefgen.check.drafts import TO_DO
from briefgen.commands.build import load_readable, problems_in
from briefgen.commands.invocation import briefgen_command
from briefgen.commands.progress import shown
from briefgen.errors import BriefgenError, UsageError, terminal_safe
from briefgen.load.documents import Document, read_document
from briefgen.load.fields import ID_PATTERN
from briefgen.output.files import write_in
from briefgen.words import MONTH_NAMES, count

SOURCES = Path("content") / "sources"
NUMBERED = re.compile(r"^(\d{1,3})\s*[.)\-]\s*\S")
DATE_IN_TEXT = re.compile(
    rf"\b(\d{{1,2}} (?:{MONTH_NAMES}),? \d{{4}}|(?:{MONTH_NAMES}) \d{{1,2}}, \d{{4}})\b"
)
STARTS_WORDS = 6


def add_source(root: Path, file: Path, source_id: str | None, title: str | None) -> None:
    """Import ``file`` as a new source of the project at ``root``."""
    project, _ = load_readable(root)
    source_id = source_id or id_from_name(file)
    _refuse_id(root, source_id, project.library.sources)
    document = read_document(file)
    structure = _structure_lines(document.text)
    text_path = root / SOURCES / f"{source_id}.txt"
    record_path = root / SOURCES / f"{source_id}.yaml"
    written: list[Path] = []
    try:
        write_in(root, text_path, document.text.encode("utf-8"))
        written.append(text_path)
        record, to_do = draft_record(document, file, source_id, title, structure)
        write_in(root, record_path, record.encode())
        written.append(record_path)
        problems = problems_in(root, dict.fromkeys(written, 0))
        if problems:
            listed = "\n".join(f"  {problem}" for problem in problems)
            raise BriefgenError(f"the new source did not load, so nothing was added:\n{listed}")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    units = _units(document.text, bool(structure))
    click.echo(
        terminal_safe(
            f"Added source '{source_id}' from {file.name}: a {document.format} of "
            f"{count(document.words, 'word')}, in {units}.\n"
            f"Wrote {shown(text_path)} and {shown(record_path)}."
        )
    )
    if to_do:
        click.echo(f"Still to do in {record_path.name}: {', '.join(to_do)} (`check` lists them).")
    click.echo(
        f'Next: {briefgen_command()} find "words you want to quote" --source {source_id} '
        "--add QUOTATION_ID"
    )


def id_from_name(file: Path) -> str:
    """ "Oslo Statement (final).pdf" -> "oslo-statement-final"."""
    words = re.findall(r"[a-z0-9]+", file.stem.casefold())
    return "-".join(words)[:48].strip("-") or "source"


def draft_record(
    document: Document, file: Path, source_id: str, title: str | None, structure: list[str]
) -> tuple[str, list[str]]:
    """The source's record: what the document states, and "TO DO" for the rest; and the
    fields left to do, in the record's order. ``structure``: its proposed units' lines."""
    to_do: list[str] = []
    lines = [
        f"# Drafted by `briefgen add-source` from {file.name} (a {document.format} of "
        f"{count(document.words, 'word')}).",
        '# Replace each "TO DO": `briefgen check` lists what is left. content/README.md',
        "# explains every field.",
    ]
    if title:
        lines.append(f"title: {_quoted(title)}")
    elif document.title:
        lines.append(f"title: {_quoted(document.title)}   # as the document gives it")
    else:
        lines.append(f'title: "{TO_DO}: the document\'s title, as it gives it"')
        to_do.append("title")
    lines.append("# short_title: what the companion and endnotes call it (optional)")
    lines.append(
        f'kind: "{TO_DO}: what kind of document it is (a speech, treaty, report, news article...)"'
    )
    to_do.append("kind")  # no document states its kind in words we can trust
    if document.issuer:
        lines.append(
            f"issuer: {_quoted(document.issuer)}   # the site's name, as the page gives it"
        )
    else:
        lines.append(f'issuer: "{TO_DO}: who issued it (the organisation or office)"')
        to_do.append("issuer")
    if document.authors:
        names = ", ".join(_quoted(name) for name in document.authors)
        lines.append(f"authors: [{names}]   # as the page gives them")
    lines += _date_lines(document)
    if not document.date:
        to_do.append("date")
    if document.url:
        lines.append(f"url: {_quoted(document.url)}   # the page's own address")
        lines.append(
            f"accessed: {dt.date.today().isoformat()}   # the day this copy was read: check it"
        )
    lines.append(f"text: {source_id}.txt")
    lines += structure
    return "\n".join(lines) + "\n", to_do


def _date_lines(document: Document) -> list[str]:
    if document.date:
        return [f"date: {document.date}   # as the page's metadata gives it: check it"]
    found = list(dict.fromkeys(DATE_IN_TEXT.findall(document.text[:3000])))[:3]
    seen = f" Dates in its text: {'; '.join(found)}." if found else ""
    return [
        "date:",
        f"  value: {dt.date.today().year}",
        f'  inferred: "{TO_DO}: the document states no date of its own.{seen} Give its date, '
        'and why, if you infer it."',
    ]


def _structure_lines(text: str) -> list[str]:
    """Units for numbered paragraphs ("1." or "2-"), proposed; by default locators count
    paragraphs, which needs no structure at all."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    numbers = [NUMBERED.match(p) for p in paragraphs]
    points = [(int(m.group(1)), p) for m, p in zip(numbers, paragraphs, strict=True) if m]
    if len(points) < 3 or [n for n, _ in points] != list(range(1, len(points) + 1)):
        return []
    lines = [
        "# Proposed from its numbered paragraphs: the units locators count. Check where each",
        "# starts; without this block, locators count paragraphs (para. 1, para. 2...).",
        "structure:",
    ]
    first = paragraphs.index(points[0][1])
    if first:
        lines += ["  - unit: introduction", f"    starts: {_quoted(_opening(paragraphs[0]))}"]
    for number, paragraph in points:
        lines += [f"  - unit: point {number}", f"    starts: {_quoted(_opening(paragraph))}"]
    return lines


def _opening(paragraph: str) -> str:
    return " ".join(paragraph.split()[:STARTS_WORDS])


def _units(text: str, numbered: bool) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if numbered:
        points = sum(1 for p in paragraphs if NUMBERED.match(" ".join(p.split())))
        return f"{count(points, 'numbered point')} (proposed as its units)"
    return f"{count(len(paragraphs), 'paragraph')} (para. 1 to para. {len(paragraphs)})"


def _quoted(value: str) -> str:
    """A YAML scalar that reads back as ``value``, whatever it holds (JSON strings are YAML)."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def _refuse_id(root: Path, source_id: str, sources: Mapping[str, object]) -> None:
    if not re.fullmatch(ID_PATTERN, source_id):
        raise UsageError(
            f"'{source_id}' cannot be a source id: use letters, digits and hyphens "
            "(--id oslo-statement)."
        )
    taken = [p for p in (f"{source_id}.yaml", f"{source_id}.txt") if (root / SOURCES / p).exists()]
    if source_id in sources or taken:
        raise UsageError(
            f"there is already a source '{source_id}' in {SOURCES}; nothing was added.\n"
            "Choose another id with --id."
        )
