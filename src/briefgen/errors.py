"""Every error a user can meet, as a message that says what is wrong and how to fix it.

All of them derive from ``click.ClickException`` so the CLI prints ``Error: ...`` and exits
non-zero without a traceback (MkDocs does the same).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import click

from briefgen.model import Location
from briefgen.words import count


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, where it is, and how to fix it."""

    location: Location
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text}\n    {self.hint}" if self.hint else text


class Problems(list[Problem]):
    """Collects problems so a run reports all of them at once, then stops."""

    def add(self, location: Location, message: str, hint: str | None = None) -> None:
        self.append(Problem(location, message, hint))

    def raise_if_any(self, consequence: str = "") -> None:
        if self:
            raise ContentError(self, consequence)


class BriefgenError(click.ClickException):
    """Base of every error briefgen reports to the user; exit code 1."""

    exit_code = 1

    def format_message(self) -> str:
        return terminal_safe(self.message)


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``), not sent to the
    terminal: a value from a shared project, quoted in a message, must not be able to
    retitle, clear or recolour the window it is printed in."""
    return CONTROL_CHARACTERS.sub(lambda match: ascii(match.group(0))[1:-1], text)


class ProjectNotFound(BriefgenError):
    """There is no briefgen.yaml where briefgen was asked to work: a usage error."""

    exit_code = 2


class ContentError(BriefgenError):
    """The content, config or templates have problems; all of them are listed."""

    def __init__(self, problems: Iterable[Problem], consequence: str = "") -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.location.path), p.location.line or 0))
        found = count(len(self.problems), "problem")
        lines = [f"found {found}{'; ' + consequence if consequence else ''}:"]
        lines += [f"  {problem}".replace("\n", "\n  ") for problem in self.problems]
        super().__init__("\n".join(lines))


class UsageError(click.UsageError):
    """The command asked for something the project does not have, or its environment is
    wrong: Click shows the command's usage with it and exits 2. Raised below the CLI, so
    no stage but the CLI needs to know about Click."""


class RenderError(BriefgenError):
    """A template or the PDF engine failed while making a document."""


class OutputError(BriefgenError):
    """The output could not be written."""


def unexpected_failure(error: BaseException) -> str:
    """A bug in briefgen, in the one wording every command and the preview use."""
    return (
        f"unexpected failure: {type(error).__name__}: {error}\n"
        "This is a bug in briefgen. Run the command again with --debug and report "
        "what it prints."
    )
