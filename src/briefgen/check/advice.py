"""Advice that stops no build, gathered for `check` and `build` to print as warnings."""

from __future__ import annotations

from briefgen.check.answers import answers_shown
from briefgen.check.drafts import still_to_do
from briefgen.check.names import title_clashes
from briefgen.check.reading import above_level
from briefgen.model import Project


def content_warnings(project: Project) -> list[str]:
    """Advice that stops no build: drafts, confusable titles, answers given away, hard
    reading."""
    level = project.config.reading_level
    return [
        *still_to_do(project.library),
        *title_clashes(project.library),
        *answers_shown(project.library),
        *(above_level(project.library, level) if level else []),
    ]
