"""Load content/briefs/: one Markdown file a brief, its title block in YAML front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefgen.errors import Problems
from briefgen.load.fields import (
    EXTRA,
    THEN,
    Custom,
    Form,
    Markdown,
    Text,
    Texts,
    Values,
    parse_partial_date,
)
from briefgen.load.folders import content_files, file_id
from briefgen.load.reading import read_text
from briefgen.load.records import Record
from briefgen.load.yamlfile import UNREADABLE, parse_yaml
from briefgen.model import Brief, Location, Prose

FRONT_MATTER_FENCE = "---"
# A brief is read in class (the bundled one is 20 KB), and Markdown takes some 500 bytes of
# memory a byte to parse: a 10 MB brief of one-letter list items would take 5 GB.
MAX_BRIEF_BYTES = 1_000_000


def load_briefs(folder: Path, problems: Problems, unreadable: set[str]) -> dict[str, Brief]:
    briefs = {}
    for path in content_files(folder, "*.md", problems, unreadable) or []:
        brief_id = file_id(path, problems)
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
    return BRIEF.read(
        record,
        id=brief_id,
        body=Prose(body, Location(path, body_line)),
        location=Location(path, 1),
    )


def read_brief_date(record: Record, key: str) -> dt.date | None:
    """The day the brief was issued: a brief's title block gives it in full."""
    date = parse_partial_date(record, key)
    if date is None:
        return None
    if date.month is None or date.day is None:
        record.report(key, f"a brief's `{key}` needs the day too, written YYYY-MM-DD.")
        return None
    return dt.date(date.year, date.month, date.day)


def _has_text(record: Record, values: Values) -> bool:
    """Reports a brief with nothing after its front matter (which is still read)."""
    body: Prose = values["body"]
    if not body.text.strip():
        record.problems.add(body.location, "the brief has no text after its front matter.")
    return True


# The title block fields, in the order content/README.md gives them; the lead is read
# before the date, the order their problems on one line are reported in.
BRIEF = Form(
    Brief,
    Text("title", required=True),
    Text("short_title", default_from="title", step=EXTRA),
    Text("author", required=True),
    Text("author_role", required=True),
    Text("editor", required=True),
    Custom("date", read_brief_date, required=True, step=THEN),
    Text("subject", default="", step=EXTRA),
    Texts("keywords", step=EXTRA),
    Markdown("lead", required=True),
    Text("disclaimer", step=EXTRA),
    given=("id", "body", "location"),
    blank_ok=True,
    check=_has_text,
)
