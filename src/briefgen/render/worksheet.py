"""Gather a pack's worksheet: the companion's questions, exercises and comparison, with room
to write.

Students answer on paper, so each question gets ruled lines in proportion to what its level
asks for: a recall question a few lines, an evaluation question a written argument. The
teacher edition is the mark scheme: the same pages, each space holding the answer guidance,
so a teacher can lay a student's sheet beside it. Questions keep the companion's numbers,
so "question 7" means the same thing in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model import (
    EVERY_ROW,
    TEACHER,
    Comparison,
    Exercise,
    Library,
    Pack,
    Question,
    Quotation,
    Source,
)
from briefgen.render.companion import Companion

# How many ruled lines a question of each level gets: room to write what the level asks.
LINES_FOR_LEVEL = {
    "recall": 4,
    "understanding": 6,
    "application": 8,
    "analysis": 10,
    "evaluation": 14,
}
TASK_LINES = 6  # an exercise's task: a short paragraph from the passage
TASK_LABELS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class QuestionSpace:
    """A question as the worksheet numbers it, with the lines its level gets."""

    number: int  # as in the companion's list of discussion questions
    question: Question
    lines: int
    in_grid: bool = False  # it asks for the whole comparison: answered in the grid


@dataclass(frozen=True)
class TaskSpace:
    label: str  # "a", "b" ...
    task: str
    lines: int


@dataclass(frozen=True)
class ExerciseSheet:
    """An exercise: its source, the passage printed verbatim, and each task with space. It
    is named by its source's letter, as the companion names it: "Exercise B"."""

    exercise: Exercise
    source: Source
    letter: str  # the source's letter in the companion
    passage: Quotation
    tasks: tuple[TaskSpace, ...]

    @property
    def guidance_lines(self) -> int:
        """The mark scheme's space for the exercise's guidance, given once after its tasks
        (it covers them together): as tall as one task's lines, growing with the text."""
        return max((task.lines for task in self.tasks), default=TASK_LINES)


@dataclass(frozen=True)
class Worksheet:
    """Everything one edition's worksheet shows, in order."""

    pack: Pack
    companion: Companion
    questions: tuple[QuestionSpace, ...]
    exercises: tuple[ExerciseSheet, ...]
    comparison: Comparison | None
    columns: tuple[Source, ...]  # the comparison's sources, in its column order
    edition: str

    @property
    def teacher(self) -> bool:
        """The teacher's worksheet is the mark scheme: guidance fills the spaces."""
        return self.edition == TEACHER

    @property
    def empty(self) -> bool:
        """Nothing to answer: the pack has no questions, exercises or comparison."""
        return not (self.questions or self.exercises or self.comparison)


def lines_for(level: str) -> int:
    """The ruled lines a question of ``level`` gets (a level added later gets the most)."""
    return LINES_FOR_LEVEL.get(level, max(LINES_FOR_LEVEL.values()))


def gather_worksheet(companion: Companion, library: Library) -> Worksheet:
    """The worksheet of one edition of a pack, from what its companion holds."""
    pack, edition = companion.pack, companion.edition
    comparison = companion.comparison
    questions = tuple(
        QuestionSpace(
            number,
            question,
            lines_for(question.level),
            in_grid=comparison is not None
            and any(a.kind == "comparison" and a.target == EVERY_ROW for a in question.asks),
        )
        for number, question in enumerate(companion.questions, start=1)
    )
    exercises = tuple(
        ExerciseSheet(
            exercise=exercise,
            source=companion.guide(exercise.source_id).source,
            letter=companion.guide(exercise.source_id).letter,
            passage=library.quotations[exercise.passage],
            tasks=tuple(
                TaskSpace(TASK_LABELS[index % len(TASK_LABELS)], task, TASK_LINES)
                for index, task in enumerate(exercise.tasks)
            ),
        )
        for exercise in companion.exercises
    )
    columns = (
        tuple(companion.guide(source_id).source for source_id in comparison.source_ids)
        if comparison
        else ()
    )
    return Worksheet(pack, companion, questions, exercises, comparison, columns, edition)
