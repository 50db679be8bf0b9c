"""What questions ask students to work out must exist: a source's inferred fact or its
perspective, a comparison row, a brief's section. The student edition leaves each blank."""

from __future__ import annotations

from briefgen.check.checker import Checker
from briefgen.check.references import check_source_id
from briefgen.load import markdown as markup
from briefgen.load.sections import find_section, same_heading, sections
from briefgen.model import EVERY_ROW, INFERRED_FIELDS, Asked, Exercise, Question
from briefgen.words import did_you_mean

NO_HEADINGS = "It has no headings: a section starts at a heading, a line such as `## Aims`."


def check_asks(check: Checker) -> None:
    """Every `asks` of every question and exercise names something the pack can leave out."""
    teaching = check.library.teaching
    items: list[Question | Exercise] = [*teaching.questions, *teaching.exercises]
    for item in items:
        kind = "question" if isinstance(item, Question) else "exercise"
        for asked in item.asks:
            what = f"{kind} '{item.id}'"
            if asked.kind == "source":
                _check_source_field(check, asked, what)
            elif asked.kind == "comparison":
                _check_row(check, asked, what)
            else:
                _check_section(check, asked, what)


def _check_source_field(check: Checker, asked: Asked, what: str) -> None:
    if not check_source_id(check, asked.target, what, asked.location):
        return
    source = check.library.sources[asked.target]
    if asked.part in INFERRED_FIELDS:
        fact = getattr(source, asked.part)
        if fact is None or not fact.inferred:
            check.add(
                asked.location,
                f"{what} asks for the {asked.part} of '{source.id}', but its source record "
                f"states the {asked.part} without inferring it, so there are no reasons to "
                "leave out.",
                "Ask for an inferred fact, or for `perspective` or `audience`.",
            )
    elif not getattr(source, asked.part):
        check.add(
            asked.location,
            f"{what} asks for the {asked.part} of '{source.id}', which its source record "
            "does not give.",
            f"Write the source's `{asked.part}` for the teacher edition, or leave it out of "
            "`asks`.",
        )


def _check_row(check: Checker, asked: Asked, what: str) -> None:
    comparison = check.library.teaching.comparison
    if comparison is None:
        check.add(
            asked.location,
            f"{what} asks for the comparison, but there is no comparison.yaml.",
            "Write content/comparison.yaml, or leave `comparison` out of `asks`.",
        )
        return
    aspects = [row.aspect for row in comparison.rows]
    if asked.target != EVERY_ROW and not any(same_heading(a, asked.target) for a in aspects):
        check.add(
            asked.location,
            f"{what} asks for the comparison row '{asked.target}', which comparison.yaml "
            "does not have.",
            did_you_mean(asked.target, aspects) or f"Its rows are: {', '.join(aspects)}.",
        )


def _check_section(check: Checker, asked: Asked, what: str) -> None:
    brief = check.library.briefs.get(asked.target)
    if brief is None:
        briefs = check.library.briefs
        check.add_unknown(
            asked.location,
            f"{what} asks for a section of brief '{asked.target}', which does not exist.",
            asked.target,
            briefs,
            f"The briefs are: {', '.join(briefs)}." if briefs else "Write a brief first.",
        )
        return
    parsed = markup.parse(brief.body)
    if find_section(parsed, asked.part) is None:
        headings = [section.heading for section in sections(parsed)]
        check.add(
            asked.location,
            f"{what} asks for the section '{asked.part}' of brief '{brief.id}', which has no "
            "heading of that name.",
            did_you_mean(asked.part, headings)
            or (f"Its headings are: {'; '.join(headings)}." if headings else NO_HEADINGS),
        )
