"""A pack's questions as a Moodle XML question file, for one edition.

Each discussion question, and each task of each source-analysis exercise, becomes an
essay question (the kind a teacher marks by hand) with the quotations it rests on
printed under it, so it stands on its own in a quiz. The teacher export carries the
answer guidance as Moodle's "information for graders"; the student export leaves it
empty. Questions sit in categories under one named after the pack, so an import lands
together in the question bank. The same content gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from briefgen.model import Library
from briefgen.output.lms_text import plain, quoted, short_name, xml_document
from briefgen.render.companion import Companion
from briefgen.render.markdown import inline_prose

LONG_ANSWER_LEVELS = ("analysis", "evaluation")


@dataclass(frozen=True)
class MoodleFile:
    """The file's bytes, and what went into it, for the message."""

    data: bytes
    questions: int  # discussion questions
    tasks: int  # exercise tasks
    with_guidance: bool


def moodle_questions(companion: Companion, library: Library) -> MoodleFile:
    """The edition's questions and exercise tasks as Moodle XML."""
    quiz = ET.Element("quiz")
    top = f"$course$/top/{_category_name(companion.pack.title)}"
    teacher = companion.teacher
    if companion.questions:
        _category(quiz, f"{top}/Discussion questions", "Discussion questions on the sources.")
    for number, question in enumerate(companion.questions, 1):
        text = f"<p>{inline_prose(question.question)}</p>" + quoted(
            question.quotes, companion, library
        )
        _essay(
            quiz,
            name=f"{number}. {question.level.capitalize()}: {question.question}",
            text=text,
            guidance=question.guidance if teacher else "",
            idnumber=question.id,
            lines=15 if question.level in LONG_ANSWER_LEVELS else 8,
        )
    tasks = 0
    for exercise in companion.exercises:
        letter = companion.guide(exercise.source_id).letter
        title = f"Exercise {letter}: {exercise.title}"
        _category(quiz, f"{top}/Source-analysis exercises/{_category_name(title)}", title)
        passage = quoted((exercise.passage,), companion, library)
        for index, task in enumerate(exercise.tasks, 1):
            tasks += 1
            _essay(
                quiz,
                name=f"Exercise {letter}, task {index}: {task}",
                text=passage + f"<p>{inline_prose(task)}</p>",
                guidance=exercise.guidance if teacher else "",
                idnumber=f"{exercise.id}-{index}",
                lines=10,
            )
    return MoodleFile(xml_document(quiz), len(companion.questions), tasks, teacher)


def _category_name(title: str) -> str:
    """A category in Moodle's path, as plain text: a slash of its own is written twice."""
    return plain(title).replace("/", "//")


def _category(quiz: ET.Element, path: str, info: str) -> None:
    question = ET.SubElement(quiz, "question", type="category")
    _text(ET.SubElement(question, "category"), path)
    _text(ET.SubElement(question, "info", format="plain_text"), info)


def _essay(
    quiz: ET.Element, name: str, text: str, guidance: str, idnumber: str, lines: int
) -> None:
    question = ET.SubElement(quiz, "question", type="essay")
    _text(ET.SubElement(question, "name"), short_name(name))
    _text(ET.SubElement(question, "questiontext", format="html"), text)
    _text(ET.SubElement(question, "generalfeedback", format="html"), "")
    for tag, value in (
        ("defaultgrade", "1.0000000"),
        ("penalty", "0.0000000"),
        ("hidden", "0"),
        ("idnumber", idnumber),
        ("responseformat", "editor"),
        ("responserequired", "1"),
        ("responsefieldlines", str(lines)),
        ("attachments", "0"),
        ("attachmentsrequired", "0"),
    ):
        ET.SubElement(question, tag).text = value
    info = f"<p>{inline_prose(guidance)}</p>" if guidance else ""
    _text(ET.SubElement(question, "graderinfo", format="html"), info)
    _text(ET.SubElement(question, "responsetemplate", format="html"), "")


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value
