"""Load content/sources/: one YAML file a source, with the plain-text copy it names."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from briefgen.errors import Problems
from briefgen.load.fields import (
    EXTRA,
    LAST,
    Custom,
    Flag,
    Form,
    Markdown,
    Records,
    Text,
    Texts,
    read_source_date,
)
from briefgen.load.folders import content_files, file_id
from briefgen.load.reading import file_name_problem, link_out, read_text, relative_file_name
from briefgen.load.records import Record
from briefgen.load.structure import read_structure
from briefgen.load.yamlfile import UNREADABLE, YamlList, read_yaml_file
from briefgen.model import Fact, KeyPoint, Location, Person, Source, TextGap


def load_sources(folder: Path, problems: Problems, unreadable: set[str]) -> dict[str, Source]:
    sources = {}
    for path in content_files(folder, "*.yaml", problems, unreadable) or []:
        unreadable.add(path.stem)
        source_id = file_id(path, problems)
        data = read_yaml_file(path, problems, inside=folder.parent)
        if source_id is None or data is UNREADABLE:
            continue
        record = Record.of(data, path, problems, f"source '{path.stem}'")
        if record is None:
            continue
        source = SOURCE.read(record, id=source_id)
        if source is not None:
            sources[source_id] = source
            unreadable.discard(source_id)
    return sources


def read_url(record: Record, key: str) -> str | None:
    """Where the source is online, for citations: only a web address will do."""
    url = record.text(key, required=False)
    if url is not None and not url.startswith(("https://", "http://")):
        record.report(
            key,
            f"`{key}` should be a web address starting https://, not '{url}'.",
            f"Copy the address from the browser's address bar, or leave `{key}` out.",
        )
        return None
    return url


def read_accessed(record: Record, key: str) -> dt.date | None:
    """When the web copy was read (YYYY-MM-DD), for citations; never guessed."""
    value = record.data.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    record.report(
        key,
        f"`{key}` should be the day the web copy was read, as YYYY-MM-DD, not '{value}'.",
        "Write it like `accessed: 2017-06-20`, or leave it out if nobody knows.",
    )
    return None


def content_path(record: Record, key: str) -> Path | None:
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


def read_source_text(record: Record, key: str) -> tuple[Path, str] | None:
    """The plain-text copy of the source the record names, and where it is."""
    path = content_path(record, key)
    if path is not None and not path.exists():  # read_text reports a pipe or folder
        record.report(
            key,
            f"the source text '{path.name}' is not in {Location(path.parent)}/.",
            "Put the plain-text copy of the source beside this file, or correct the name.",
        )
        return None
    if path is None:
        return None
    text = read_text(path, record.problems, inside=record.path.parent)
    return None if text is None else (path, text)


# A fact inferred rather than stated: `issuer: {value: NATO-ISAF, inferred: reason}`.
FACT = Form(Fact, Text("value", required=True), Text("inferred", required=True))


def read_fact(record: Record, key: str, required: bool = False) -> Fact | None:
    """A stated value (plain text) or an inferred one: {value: ..., inferred: reason}."""
    if isinstance(record.data.get(key), dict):
        inner = record.mapping(key)
        assert inner is not None
        return FACT.read(inner)
    value = record.text(key, required)
    return Fact(value) if value else None


PERSON = Form(Person, Text("name", required=True), Text("role", step=EXTRA))


def read_people(record: Record, key: str) -> tuple[Person, ...]:
    """Names, or blocks of `name` and `role`; a single name is a list of one."""
    value = record.data.get(key)
    if isinstance(value, str):
        return (Person(value.strip()),)
    if value is not None and not isinstance(value, list):
        record.texts(key)  # reports that a list is wanted
        return ()
    people = []
    for index, item in enumerate(value or []):
        if isinstance(item, str):
            people.append(Person(item.strip()))
            continue
        line = value.item_lines[index] if isinstance(value, YamlList) else None
        person = Record.of(item, record.path, record.problems, f"an entry of `{key}`", line)
        if person is not None and (found := PERSON.read(person)) is not None:
            people.append(found)
    return tuple(people)


GAP = Form(TextGap, Text("after", required=True), Text("note", default="", step=EXTRA))
KEY_POINT = Form(
    KeyPoint,
    Text("text", required=True),
    Texts("quotes", required=True),
    given=("location",),
)

# The keys of a source file, in the order content/README.md gives them. Its required
# fields are read first; the others only for a source that has them all (url and
# accessed before the rest, the order their problems on one line are reported in).
SOURCE = Form(
    Source,
    Text("title", required=True),
    Text("short_title", default_from="title", step=EXTRA),
    Text("kind", required=True),
    Custom("issuer", partial(read_fact, required=True), required=True),
    Custom("authors", read_people, step=EXTRA),
    Text("editor", step=EXTRA),
    Custom("place", read_fact, step=LAST),
    Custom("date", read_source_date, required=True),
    Custom("text", read_source_text, attr=("text_path", "text"), required=True),
    Flag("glued_footnote_numbers", step=LAST),
    Texts("copy_notes", step=LAST),
    Records("gaps", GAP, "an entry of `gaps`", step=LAST),
    Markdown("summary", step=LAST),
    Records("key_points", KEY_POINT, "a key point", step=LAST),
    Text("perspective", default="", step=LAST),
    Text("audience", default="", step=LAST),
    Text("background", default="", step=LAST),
    Texts("handout_quotes", step=LAST),
    Custom(
        "structure",
        read_structure,
        needs=("text",),
        attr=("parts", "structure_declared"),
        step=LAST,
    ),
    Custom("url", read_url, step=EXTRA),
    Custom("accessed", read_accessed, step=EXTRA),
    Custom("archive_url", read_url, step=EXTRA),
    given=("id", "location"),
    blank_ok=True,
)
