"""YAML mistakes are told in a teacher's words, with the line and column, never the parser's."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import Problems
from briefgen.load.yamlfile import parse_yaml


def told(text: str) -> str:
    problems = Problems()
    parse_yaml(text, Path("notes.yaml"), problems)
    (problem,) = list(problems)
    return f"{problem.location}: {problem.message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a:\n  b: 1\n c: 2\n",
            "notes.yaml:3:2: this line is indented differently from the lines above it.",
        ),
        (
            "title: Peace: a history\n",
            "notes.yaml:1:13: this line holds a colon and a space (': ') where YAML expects "
            "none: the line is indented more than the one above it, or a value holds ': '.",
        ),
        ('text: "never closed\nnext: 2\n', "notes.yaml:1:7: a quotation mark opened here is "
         "never closed."),
        ("tag: @home\n", "notes.yaml:1:6: a value starts with '@', which YAML keeps for itself."),
        ("a: 1\nb\nc: 2\n", "notes.yaml:3:1: a line has no `key: value` colon, or a value runs "
         "on to the next line without being indented."),
        ("sources: [kabul, issi\n", "notes.yaml:2:1: a list in [square brackets] is not "
         "closed, or an item in it holds a colon or a comma."),
        ("a:\n  - x\n  b: 1\n", "notes.yaml:3:3: this line starts a new `key:` where YAML "
         "expects another list item (-) or the end of the list."),
    ],
)  # fmt: skip
def test_a_yaml_mistake_is_told_plainly(text: str, message: str) -> None:
    assert told(text) == message
    assert "expected" not in message and "<block" not in message


def test_a_message_with_brackets_of_its_own_is_told_too() -> None:
    """Hypothesis found '{.' raising: our words hold "{curly brackets}"."""
    assert told("{.") == "notes.yaml:1:3: a block in {curly brackets} is not closed."
