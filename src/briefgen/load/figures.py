"""Load content/figures.yaml: maps and pictures a brief or the companion shows.

Each is a project file, checked as the logo is (inside the project, a real image of the
kind its name says, small in bytes and pixels), with the words a reader without the
picture needs: `alt` is required, as are a caption and a credit.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import Problems
from briefgen.load.fields import ID
from briefgen.load.logo import ImageKind, read_image
from briefgen.load.records import Record, each_record
from briefgen.load.yamlfile import UNREADABLE, read_yaml_file
from briefgen.model import Figure, Location

FIGURES_FILE = "figures.yaml"
FIGURE = ImageKind(
    "figure", "content/figures/", "Save a smaller version (1,500 pixels wide is plenty)."
)
FIELDS = ("id", "file", "alt", "caption", "credit", "companion")


def load_figures(content: Path, root: Path, problems: Problems) -> dict[str, Figure]:
    """Every figure of content/figures.yaml, by id; none when the file does not exist."""
    path = content / FIGURES_FILE
    if not path.exists():
        return {}
    data = read_yaml_file(path, problems, inside=content)
    if data is UNREADABLE or data is None:
        return {}
    if not isinstance(data, list):
        problems.add(
            Location(path, getattr(data, "line", None)),
            f"{FIGURES_FILE} should be a list, each item starting with `- `.",
            "See content/README.md for an example.",
        )
        return {}
    figures: dict[str, Figure] = {}
    for record in each_record(data, path, problems, "a figure"):
        figure = _read_figure(record, root)
        if figure is None:
            continue
        if figure.id in figures:
            record.report("id", f"figure id '{figure.id}' is already used.", "Give each its own.")
            continue
        figures[figure.id] = figure
    return figures


def _read_figure(record: Record, root: Path) -> Figure | None:
    record.reject_unknown(FIELDS)
    figure_id = record.text("id")
    if figure_id is not None and not ID.match(figure_id):
        record.report(
            "id",
            f"the figure id '{figure_id}' should be letters, digits, hyphens and underscores.",
        )
        figure_id = None
    caption, credit = record.text("caption"), record.text("credit")
    alt = record.text("alt", required=False)
    if not alt:
        record.report(
            "id" if "alt" not in record.data else "alt",
            f"figure '{figure_id}' has no `alt`: a screen reader, and the tagged PDF, need "
            "words for what it shows.",
            "Add a line `alt: ...` saying what the picture shows, in a sentence or two.",
        )
    if "file" not in record.data:
        record.report("id", f"figure '{figure_id}' has no `file`.", "Add `file: content/...`.")
        return None
    image = read_image(record, "file", root, FIGURE)
    if image is None or figure_id is None or not (alt and caption and credit):
        return None
    path, media_type, data = image
    return Figure(
        id=figure_id,
        path=path,
        media_type=media_type,
        data=data,
        alt=alt,
        caption=caption,
        credit=credit,
        location=record.location,
        companion=record.flag("companion"),
    )
