"""Load content/ into the typed model: sources, quotations, briefs and teaching material.

Loading checks the shape of each file (required fields, types, unknown keys) and reports
every problem with its file and line; cross-references are the checker's job.
"""

from __future__ import annotations

from briefgen.errors import Problems
from briefgen.load.briefs import load_briefs
from briefgen.load.figures import load_figures
from briefgen.load.folders import CONTENT_FOLDERS
from briefgen.load.quotations import load_quotations
from briefgen.load.reading import stays_inside
from briefgen.load.sources import load_sources
from briefgen.load.teaching import load_teaching
from briefgen.model import Config, Library


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
    quotations, quotations_complete = load_quotations(content / "quotations", problems, unreadable)
    return Library(
        sources=load_sources(content / "sources", problems, unreadable),
        quotations=quotations,
        briefs=load_briefs(content / "briefs", problems, unreadable),
        unreadable=frozenset(unreadable),
        quotations_complete=quotations_complete,
        teaching=load_teaching(content, problems),
        figures=load_figures(content, config.root, problems),
    )
