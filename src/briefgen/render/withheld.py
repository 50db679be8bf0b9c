"""What the student edition leaves for students to work out.

A question or exercise may say what it asks (`asks`): the reasons behind a source's
inferred issuer or date, its perspective or audience, a row of the comparison, a section of
a brief. The student edition shows a prompt there instead, naming the question that asks;
the teacher edition shows the material, marked with the same question, so a teacher knows
what students have not seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from briefgen.load.markdown import ParsedProse
from briefgen.load.sections import same_heading, sections
from briefgen.model import (
    EVERY_ROW,
    INFERRED_FIELDS,
    TEACHER,
    Comparison,
    ComparisonRow,
    Exercise,
    Question,
)
from briefgen.render.companion import Companion
from briefgen.words import listed

Key = tuple[str, str, str]  # (kind, target, part) as in model.Asked
# as a student reads them: "Q12" is a quotation, so a question is a discussion question
KIND_NAMES = {"question": "discussion question", "exercise": "exercise"}


@dataclass(frozen=True)
class Withholding:
    """Who asks for what, in one edition of one pack; empty when no question asks anything."""

    edition: str = TEACHER
    askers: dict[Key, tuple[str, ...]] = field(default_factory=dict)

    @property
    def teacher(self) -> bool:
        return self.edition == TEACHER

    def asked(self, kind: str, target: str, part: str = "") -> str:
        """Who asks students to work it out, "discussion question 12 and exercise A"; or ""."""
        return _listed(self._askers(kind, target, part))

    def hides(self, kind: str, target: str, part: str = "") -> bool:
        """Whether this edition leaves it out: the student edition, when a question asks."""
        return not self.teacher and bool(self._askers(kind, target, part))

    @property
    def hides_reasons(self) -> bool:
        """Whether this edition leaves out why some source's fact is inferred."""
        return not self.teacher and any(
            kind == "source" and part in INFERRED_FIELDS for kind, _, part in self.askers
        )

    def blank_rows(self, comparison: Comparison) -> list[ComparisonRow]:
        """The comparison's rows this edition leaves blank for students to fill in."""
        return [row for row in comparison.rows if self.hides("comparison", row.aspect)]

    def asked_rows(self, comparison: Comparison) -> str:
        """Who asks for any of the comparison's rows: "question 18"."""
        labels = (self._askers("comparison", row.aspect, "") for row in comparison.rows)
        return _listed(list(dict.fromkeys(label for found in labels for label in found)))

    def sections(self, brief_id: str) -> dict[str, str]:
        """The headings of the brief's sections a question asks for, with who asks."""
        return {
            part: _listed(labels)
            for (kind, target, part), labels in self.askers.items()
            if kind == "brief" and target == brief_id
        }

    def _askers(self, kind: str, target: str, part: str) -> tuple[str, ...]:
        if kind == "comparison":
            found = [
                labels
                for (k, aspect, _), labels in self.askers.items()
                if k == kind and same_heading(aspect, target)
            ]
            return tuple(dict.fromkeys(label for labels in found for label in labels))
        return self.askers.get((kind, target, part), ())


NOTHING_WITHHELD = Withholding()


def gather_withholding(companion: Companion) -> Withholding:
    """What the companion's questions and exercises ask, each labelled as the companion
    numbers it: "question 12", "exercise A"."""
    askers: dict[Key, list[str]] = {}
    labelled: list[tuple[str, Question | Exercise]] = [
        (f"question {number}", question)
        for number, question in enumerate(companion.questions, start=1)
    ]
    labelled += [
        (f"exercise {companion.guide(exercise.source_id).letter}", exercise)
        for exercise in companion.exercises
    ]
    rows = [row.aspect for row in companion.comparison.rows] if companion.comparison else []
    for label, item in labelled:
        for asked in item.asks:
            if asked.kind == "comparison":
                aspects = rows if asked.target == EVERY_ROW else [asked.target]
                keys = [("comparison", aspect, "") for aspect in aspects]
            else:
                keys = [(asked.kind, asked.target, asked.part)]
            for key in keys:
                askers.setdefault(key, [])
                if label not in askers[key]:
                    askers[key].append(label)
    return Withholding(companion.edition, {key: tuple(labels) for key, labels in askers.items()})


def withhold_sections(parsed: ParsedProse, asked: dict[str, str], teacher: bool) -> ParsedProse:
    """The brief's tokens with each asked-for section marked: in the student edition its
    body gives way to a prompt; in the teacher's a note says who asks for it."""
    if not asked:
        return parsed
    tokens = list(parsed.tokens)
    for section in reversed(sections(parsed)):
        askers = next(
            (a for heading, a in asked.items() if same_heading(heading, section.heading)), ""
        )
        if not askers:
            continue
        body = section.start + 3  # after heading_open, its inline text and heading_close
        marker = Token("withheld", "", 0, meta={"asked": askers, "teacher": teacher})
        marker.block = True
        kept = tokens[body : section.end] if teacher else []
        tokens[body : section.end] = [marker, *kept]
    return replace(parsed, tokens=tokens)


def _listed(labels: tuple[str, ...] | list[str]) -> str:
    """ "discussion questions 10, 12 and 15 and exercise A": labels grouped by kind."""
    groups: dict[str, list[str]] = {}
    for label in labels:
        kind, _, name = label.partition(" ")
        groups.setdefault(kind, []).append(name)
    named = [
        f"{KIND_NAMES[kind]}s {listed(sorted(names, key=_in_order))}"
        if len(names) > 1
        else f"{KIND_NAMES[kind]} {names[0]}"
        for kind, names in groups.items()
    ]
    return " and ".join(named) if len(named) <= 2 else listed(named)


def _in_order(name: str) -> tuple[int, str]:
    """Question numbers by value, exercise letters by letter."""
    return (int(name), "") if name.isdigit() else (0, name)


def upper_first(text: str) -> str:
    """ "Exercise A asks": Jinja's ``capitalize`` would lower the A."""
    return text[:1].upper() + text[1:]


def asks(asked: str) -> str:
    """The verb that agrees with ``asked``: "question 12 asks", "questions 10 and 12 ask"."""
    return "ask" if " and " in asked or asked.split(" ", 1)[0].endswith("s") else "asks"
