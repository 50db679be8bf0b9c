"""The folders of content/ that hold one record a file, and the ids their file names give."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import Problems
from briefgen.load.fields import ID
from briefgen.load.reading import stays_inside
from briefgen.model import Location

CONTENT_FOLDERS = (("sources", "*.yaml"), ("briefs", "*.md"))  # holding one record a file


def content_files(
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


def file_id(path: Path, problems: Problems) -> str | None:
    """The id a file's name gives its record, if it can be one."""
    if ID.match(path.stem):
        return path.stem
    problems.add(
        Location(path),
        f"the file name '{path.name}' cannot be used as an id.",
        "Rename it using letters, digits, - and _ only, e.g. kabul-2017.yaml.",
    )
    return None
