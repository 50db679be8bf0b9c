"""The bundled teaching pack is complete: the counts issue 3 promises, checked on the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.commands.build import load_project
from briefgen.model import QUESTION_LEVELS, Project

REPO = Path(__file__).resolve().parents[1]
REQUIRED_TERMS = [
    "ISAF",
    "COMISAF",
    "UNAMA",
    "ANSF",
    "Hizb-e-Islami",
    "Daesh",
    "reintegration",
    "reconciliation",
    "Kabul Process",
    "shadow governor",
    "blacklist",
]
ASPECTS = [
    "Who speaks",
    "To whom",
    "Aims",
    "Preconditions",
    "What is offered",
    "What is asked",
    "Tone",
]


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)  # raises, listing every problem, if the content fails the check


def test_every_source_has_a_full_guide(project: Project) -> None:
    library = project.library
    assert sorted(library.sources) == ["isaf-backgrounder", "issi-2018", "kabul-2017"]
    for source in library.sources.values():
        assert source.summary is not None, source.id
        assert 150 <= len(source.summary.text.split()) <= 300, source.id
        assert 5 <= len(source.key_points) <= 8, source.id
        assert source.perspective and source.audience, source.id
        quotations = [q for q in library.quotations.values() if q.source_id == source.id]
        assert len(quotations) >= 8, source.id
        assert [q.id for q in quotations if not q.tags] == []


def test_what_the_sources_do_not_state_is_marked_inferred(project: Project) -> None:
    isaf = project.library.sources["isaf-backgrounder"]
    assert isaf.date.inferred and isaf.date.qualifier == "late" and isaf.date.year == 2009
    assert isaf.issuer.inferred
    issi = project.library.sources["issi-2018"]
    assert issi.date.iso() == "2018-03-09" and not issi.date.inferred
    assert [a.name for a in issi.authors] == ["Amina Khan"] and issi.editor == "Najam Rafique"
    assert issi.gaps, "the passage cut off in the ISSI copy is recorded"


def test_glossary_has_the_terms_the_sources_rely_on(project: Project) -> None:
    terms = {e.term for e in project.library.teaching.glossary}
    terms |= {form for e in project.library.teaching.glossary for form in e.also}
    assert [term for term in REQUIRED_TERMS if term not in terms] == []
    assert "ANDSF" in terms


def test_timeline_entries_each_cite_a_source_and_locator(project: Project) -> None:
    timeline = project.library.teaching.timeline
    assert len(timeline) >= 8
    for entry in timeline:  # an event from outside the sources cites it in `context`
        assert (entry.source_id and entry.locator) or entry.context, entry
    dates = [entry.date.iso() for entry in timeline]
    assert "2017-06-06" in dates and "2018-02-28" in dates


def test_comparison_covers_every_aspect_for_every_source(project: Project) -> None:
    comparison = project.library.teaching.comparison
    assert comparison is not None
    assert [row.aspect for row in comparison.rows] == ASPECTS
    for row in comparison.rows:
        assert sorted(row.cells) == sorted(comparison.source_ids)


def test_questions_run_from_recall_to_evaluation(project: Project) -> None:
    questions = project.library.teaching.questions
    assert len(questions) >= 10
    levels = [QUESTION_LEVELS.index(q.level) for q in questions]
    assert levels == sorted(levels)
    assert set(levels) == set(range(len(QUESTION_LEVELS)))
    exercises = project.library.teaching.exercises
    assert sorted(e.source_id for e in exercises) == sorted(project.library.sources)


def test_synthesis_brief_is_original_prose_of_the_promised_length(project: Project) -> None:
    brief = project.library.briefs["peace-process-framings"]
    prose = re.sub(r"\{\{<.*?>\}\}|\[[^\]]*@[^\]]*\]", "", brief.lead.text + brief.body.text)
    words = len(re.findall(r"[A-Za-z0-9’'-]+", prose))
    assert 1500 <= words <= 2500, words
    quoted = set(re.findall(r"\{\{< quote (\S+) >\}\}", brief.body.text))
    quoted_sources = {project.library.quotations[q].source_id for q in quoted}
    assert quoted_sources == set(project.library.sources)
