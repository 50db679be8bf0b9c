"""Load content/quotations/: lists of quotations, each a verbatim passage of a source."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import Problems
from briefgen.load.fields import Custom, Form, Id, Text, Texts
from briefgen.load.folders import content_files
from briefgen.load.records import Record, each_record
from briefgen.load.yamlfile import UNREADABLE, read_yaml_file
from briefgen.model import Location, Quotation


def load_quotations(
    folder: Path, problems: Problems, unreadable: set[str]
) -> tuple[dict[str, Quotation], bool]:
    """The quotations, and whether every quotations file could be read (ids all known)."""
    quotations: dict[str, Quotation] = {}
    files = content_files(folder, "*.yaml", problems)
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
            quotation = QUOTATION.read(record)
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


def read_passage(record: Record, key: str) -> str | None:
    """The quoted words, their spacing and line breaks made single spaces."""
    text = record.text(key)
    return None if text is None else " ".join(text.split())


QUOTATION = Form(
    Quotation,
    Id("id", "quotation"),
    Text("source", attr="source_id", required=True),
    Custom("text", read_passage, required=True),
    Text("locator", required=True),
    Text("note", default=""),  # a draft has none yet: check warns
    Texts("tags"),
    Text("copy_note", default=""),
    given=("location",),
)
