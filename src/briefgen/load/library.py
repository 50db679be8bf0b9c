"""Load content/ into the typed model: sources, quotations and briefs.

Loading checks the shape of each file (required fields, types, unknown keys) and reports
every problem with its file and line; cross-references are the checker's job.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefgen.errors import Problems
from briefgen.load.fields import ID, parse_partial_date, read_source_date
from briefgen.load.reading import (
    file_name_problem,
    link_out,
    read_text,
    relative_file_name,
    stays_inside,
)
from briefgen.load.records import Record, each_record
from briefgen.load.teaching import load_teaching
from briefgen.load.yamlfile import UNREADABLE, YamlList, parse_yaml, read_yaml_file
from briefgen.model import (
    Brief,
    Config,
    Fact,
    KeyPoint,
    Library,
    Location,
    Person,
    Prose,
    Quotation,
    Source,
    TextGap,
)

FRONT_MATTER_FENCE = "---"
# A brief is read in class (the bundled one is 20 KB), and Markdown takes some 500 bytes of
# memory a byte to parse: a 10 MB brief of one-letter list items would take 5 GB.
MAX_BRIEF_BYTES = 1_000_000


def load_library(config: Config, problems: Problems) -> Library:
    """Read every source, quotation and brief under the project's content/ folder.

    Every file read must be inside content/, links followed, and content/ inside the
    project: whoever shares the folder must not pull other files into a pack.
    """
    content = config.content_dir
    unreadable: set[str] = set()
    if not stays_inside(content, config.root, problems, "the project folder"):
        for folder, pattern in CONTENT_FOLDERS:  # names only: they are never read
            unreadable.update(path.stem for path in (content / folder).glob(pattern))
        return Library({}, {}, {}, frozenset(unreadable), quotations_complete=False)
    quotations, quotations_complete = _load_quotations(content / "quotations", problems, unreadable)
    return Library(
        sources=_load_sources(content / "sources", problems, unreadable),
        quotations=quotations,
        briefs=_load_briefs(content / "briefs", problems, unreadable),
        unreadable=frozenset(unreadable),
        quotations_complete=quotations_complete,
        teaching=load_teaching(content, problems),
    )


CONTENT_FOLDERS = (("sources", "*.yaml"), ("briefs", "*.md"))  # holding one record a file


def _content_files(
    folder: Path, pattern: str, problems: Problems, unreadable: set[str] | None = None
) -> list[Path] | None:
    """The files of a content folder; None for a folder linked out of content/ (reported),
    whose files' names are then added to ``unreadable``, as they cannot be loaded."""
    if not folder.is_dir():
        problems.add(
            Location(folder),
            f"the folder {folder.name}/ is missing.",
            f"Create {folder.parent.name}/{folder.name}/ (see content/README.md).",
        )
        return []
    if not stays_inside(folder, folder.parent, problems):
        if unreadable is not None:
            unreadable.update(path.stem for path in folder.glob(pattern))
        return None
    return sorted(folder.glob(pattern))


def _file_id(path: Path, problems: Problems) -> str | None:
    if ID.match(path.stem):
        return path.stem
    problems.add(
        Location(path),
        f"the file name '{path.name}' cannot be used as an id.",
        "Rename it using letters, digits, - and _ only, e.g. kabul-2017.yaml.",
    )
    return None


# Sources ---------------------------------------------------------------------------------

SOURCE_KEYS = (
    "title",
    "short_title",
    "kind",
    "issuer",
    "authors",
    "editor",
    "place",
    "date",
    "text",
    "glued_footnote_numbers",
    "copy_notes",
    "gaps",
    "summary",
    "key_points",
    "perspective",
    "audience",
    "handout_quotes",
    "url",
    "accessed",
)


def _load_sources(folder: Path, problems: Problems, unreadable: set[str]) -> dict[str, Source]:
    sources = {}
    for path in _content_files(folder, "*.yaml", problems, unreadable) or []:
        unreadable.add(path.stem)
        source_id = _file_id(path, problems)
        data = read_yaml_file(path, problems, inside=folder.parent)
        if source_id is None or data is UNREADABLE:
            continue
        record = Record.of(data, path, problems, f"source '{path.stem}'")
        if record is None:
            continue
        source = _read_source(source_id, record)
        if source is not None:
            sources[source_id] = source
            unreadable.discard(source_id)
    return sources


def _read_source(source_id: str, record: Record) -> Source | None:
    record.reject_unknown(SOURCE_KEYS)
    title, kind = record.text("title"), record.text("kind")
    issuer = _read_fact(record, "issuer", required=True)
    date = read_source_date(record)
    text_path = _content_path(record, "text")
    text = None
    if text_path is not None and not text_path.exists():  # read_text reports a pipe or folder
        record.report(
            "text",
            f"the source text '{text_path.name}' is not in {Location(text_path.parent)}/.",
            "Put the plain-text copy of the source beside this file, or correct the name.",
        )
        text_path = None
    elif text_path is not None:
        text = read_text(text_path, record.problems, inside=record.path.parent)
    if None in (title, kind, issuer, date, text_path, text):
        return None
    assert title and kind and issuer and date and text_path and text is not None
    return Source(
        id=source_id,
        title=title,
        kind=kind,
        issuer=issuer,
        date=date,
        text=text,
        text_path=text_path,
        location=record.location,
        short_title=record.text("short_title", required=False) or title,
        authors=tuple(_read_people(record, "authors")),
        editor=record.text("editor", required=False),
        url=_read_url(record),
        accessed=_read_accessed(record),
        place=_read_fact(record, "place"),
        glued_footnote_numbers=record.flag("glued_footnote_numbers"),
        copy_notes=record.texts("copy_notes"),
        gaps=tuple(_read_gaps(record)),
        summary=_read_prose(record, "summary"),
        key_points=tuple(_read_key_points(record)),
        perspective=record.text("perspective", required=False) or "",
        audience=record.text("audience", required=False) or "",
        handout_quotes=record.texts("handout_quotes"),
    )


def _read_prose(record: Record, key: str) -> Prose | None:
    text = record.text(key, required=False)
    return Prose(text, record.value_location(key)) if text else None


def _read_key_points(record: Record) -> list[KeyPoint]:
    points = []
    for point in record.records("key_points", "a key point"):
        point.reject_unknown(["text", "quotes"])
        text, quotes = point.text("text"), point.texts("quotes", required=True)
        if text and quotes:
            points.append(KeyPoint(text, quotes, point.location))
    return points


def _read_url(record: Record) -> str | None:
    """Where the source is online, for citations: only a web address will do."""
    url = record.text("url", required=False)
    if url is not None and not url.startswith(("https://", "http://")):
        record.report(
            "url",
            f"`url` should be a web address starting https://, not '{url}'.",
            "Copy the address from the browser's address bar, or leave `url` out.",
        )
        return None
    return url


def _read_accessed(record: Record) -> dt.date | None:
    """When the web copy was read (YYYY-MM-DD), for citations; never guessed."""
    value = record.data.get("accessed")
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    record.report(
        "accessed",
        f"`accessed` should be the day the web copy was read, as YYYY-MM-DD, not '{value}'.",
        "Write it like `accessed: 2017-06-20`, or leave it out if nobody knows.",
    )
    return None


def _content_path(record: Record, key: str) -> Path | None:
    """A file named in content, kept inside the folder of the file that names it."""
    name = record.text(key)
    if name is None:
        return None
    unusable = file_name_problem(name)
    if unusable is not None:
        record.report(key, f"the file name in `{key}` {unusable}.", "Retype the file name.")
        return None
    relative = relative_file_name(name)
    if relative is None:
        record.report(
            key,
            f"`{key}` must name a file in the same folder, not '{name}'.",
            "Copy the file into this folder and give its name only.",
        )
        return None
    path = record.path.parent / relative
    if path.exists() and not path.resolve().is_relative_to(record.path.parent.resolve()):
        record.report(key, *link_out(name, path.resolve(), "this folder"))
        return None
    return path


def _read_fact(record: Record, key: str, required: bool = False) -> Fact | None:
    """A stated value (plain text) or an inferred one: {value: ..., inferred: reason}."""
    if isinstance(record.data.get(key), dict):
        inner = record.mapping(key)
        assert inner is not None
        inner.reject_unknown(["value", "inferred"])
        value, reason = inner.text("value"), inner.text("inferred")
        return Fact(value, reason) if value and reason else None
    value = record.text(key, required)
    return Fact(value) if value else None


def _read_people(record: Record, key: str) -> list[Person]:
    value = record.data.get(key)
    if isinstance(value, str):
        return [Person(value.strip())]
    people = []
    for index, item in enumerate(value or []):
        if isinstance(item, str):
            people.append(Person(item.strip()))
            continue
        line = value.item_lines[index] if isinstance(value, YamlList) else None
        person = Record.of(item, record.path, record.problems, f"an entry of `{key}`", line)
        if person is not None:
            person.reject_unknown(["name", "role"])
            name = person.text("name")
            if name:
                people.append(Person(name, person.text("role", required=False)))
    return people


def _read_gaps(record: Record) -> list[TextGap]:
    gaps = []
    for gap in record.records("gaps", "an entry of `gaps`"):
        gap.reject_unknown(["after", "note"])
        after = gap.text("after")
        if after:
            gaps.append(TextGap(after, gap.text("note", required=False) or ""))
    return gaps


# Quotations ------------------------------------------------------------------------------

QUOTATION_KEYS = ("id", "source", "text", "locator", "note", "tags")


def _load_quotations(
    folder: Path, problems: Problems, unreadable: set[str]
) -> tuple[dict[str, Quotation], bool]:
    """The quotations, and whether every quotations file could be read (ids all known)."""
    quotations: dict[str, Quotation] = {}
    files = _content_files(folder, "*.yaml", problems)
    complete = files is not None
    for path in files or []:
        data = read_yaml_file(path, problems, inside=folder.parent)
        if data is UNREADABLE:
            complete = False
            continue
        if data is None:
            continue  # an empty file holds no quotations
        if not isinstance(data, list):
            problems.add(
                Location(path, getattr(data, "line", None)),
                "a quotations file should be a list of quotations, each starting with `- id:`.",
                "Start each quotation with `- id:` at the left edge and indent its other "
                "lines by two spaces.",
            )
            complete = False
            continue
        for record in each_record(data, path, problems, "a quotation"):
            quotation = _read_quotation(record)
            if quotation is None:
                if isinstance(record.data.get("id"), str):
                    unreadable.add(record.data["id"])
                continue
            earlier = quotations.get(quotation.id)
            if earlier is not None:
                problems.add(
                    quotation.location,
                    f"quotation id '{quotation.id}' is already used at {earlier.location}.",
                    "Give each quotation its own id.",
                )
                continue
            quotations[quotation.id] = quotation
    return quotations, complete


def _read_quotation(record: Record) -> Quotation | None:
    quotation_id = record.text("id")
    if quotation_id:
        record.what = f"quotation '{quotation_id}'"
        if not ID.match(quotation_id):
            record.report(
                "id",
                f"quotation id '{quotation_id}' may use letters, digits, - and _ only.",
            )
            quotation_id = None
    record.reject_unknown(QUOTATION_KEYS)
    source, text = record.text("source"), record.text("text")
    locator, note = record.text("locator"), record.text("note")
    tags = record.texts("tags")
    if not (quotation_id and source and text and locator and note):
        return None
    return Quotation(
        id=quotation_id,
        source_id=source,
        text=" ".join(text.split()),
        locator=locator,
        location=record.location,
        note=note,
        tags=tags,
    )


# Briefs ----------------------------------------------------------------------------------

BRIEF_KEYS = (
    "title",
    "short_title",
    "author",
    "author_role",
    "editor",
    "date",
    "subject",
    "keywords",
    "lead",
    "disclaimer",
)


def _load_briefs(folder: Path, problems: Problems, unreadable: set[str]) -> dict[str, Brief]:
    briefs = {}
    for path in _content_files(folder, "*.md", problems, unreadable) or []:
        brief_id = _file_id(path, problems)
        text = read_text(path, problems, inside=folder.parent, limit=MAX_BRIEF_BYTES)
        brief = _read_brief(path.stem, path, text, problems) if brief_id and text else None
        if brief is None:
            unreadable.add(path.stem)
        else:
            briefs[brief.id] = brief
    return briefs


def split_front_matter(path: Path, text: str, problems: Problems) -> tuple[str, str, int] | None:
    """(front matter, body, line the body starts on), or None with a problem reported."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        problems.add(
            Location(path, 1),
            "a brief must start with front matter: a line `---`, the title block fields, "
            "and another `---`.",
            "See content/README.md for an example.",
        )
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER_FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    problems.add(
        Location(path, 1),
        "the front matter is never closed.",
        "Add a line `---` after the title block fields, before the text of the brief.",
    )
    return None


def _read_brief(brief_id: str, path: Path, text: str, problems: Problems) -> Brief | None:
    parts = split_front_matter(path, text, problems)
    if parts is None:
        return None
    front, body, body_line = parts
    data = parse_yaml(front, path, problems, line_offset=1)
    if data is UNREADABLE:
        return None  # the YAML problem is reported; the missing fields would only repeat it
    record = Record.of(data, path, problems, "the front matter", line=1)
    if record is None:
        return None
    record.what = f"brief '{brief_id}'"
    record.reject_unknown(BRIEF_KEYS)
    fields = {key: record.text(key) for key in ("title", "author", "author_role", "editor", "lead")}
    date = _read_brief_date(record)
    if not body.strip():
        problems.add(Location(path, body_line), "the brief has no text after its front matter.")
    if None in fields.values() or date is None:
        return None
    title, author, role, editor, lead = (str(fields[key]) for key in fields)
    return Brief(
        id=brief_id,
        title=title,
        short_title=record.text("short_title", required=False) or title,
        author=author,
        author_role=role,
        editor=editor,
        date=date,
        lead=Prose(lead, record.value_location("lead")),
        body=Prose(body, Location(path, body_line)),
        location=Location(path, 1),
        subject=record.text("subject", required=False) or "",
        keywords=record.texts("keywords"),
        disclaimer=record.text("disclaimer", required=False),
    )


def _read_brief_date(record: Record) -> dt.date | None:
    date = parse_partial_date(record, "date")
    if date is None:
        return None
    if date.month is None or date.day is None:
        record.report("date", "a brief's `date` needs the day too, written YYYY-MM-DD.")
        return None
    return dt.date(date.year, date.month, date.day)
