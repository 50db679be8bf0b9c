"""Check a loaded project: every quotation verbatim, every reference resolvable.

`briefgen check` runs this alone; `briefgen build` runs it first and builds nothing if it
finds a problem. The rules live by what they guard: quotations.py, references.py and
teaching.py; this is the order they run in, which is the order problems are reported in.
"""

from __future__ import annotations

from briefgen.check.asks import check_asks
from briefgen.check.checker import Checker
from briefgen.check.locators import check_locators
from briefgen.check.quotations import check_quotations, check_source_texts
from briefgen.check.references import check_brief, check_pack
from briefgen.check.teaching import (
    check_comparison,
    check_glossary,
    check_questions,
    check_source_guide,
    check_teaching_notes,
    check_timeline,
)
from briefgen.errors import Problems
from briefgen.model import Project


def check_project(project: Project, problems: Problems) -> None:
    """Add every problem found in the project's content to ``problems``."""
    check = Checker(project.library, problems)
    check_source_texts(check)
    check_quotations(check)
    check_locators(check)
    for source in project.library.sources.values():
        check_source_guide(check, source)
    check_glossary(check)
    check_timeline(check)
    check_comparison(check)
    check_questions(check)
    check_asks(check)
    check_teaching_notes(check, tuple(project.config.packs))
    for brief in project.library.briefs.values():
        check_brief(check, brief)
    for pack in project.config.packs.values():
        check_pack(check, pack)
