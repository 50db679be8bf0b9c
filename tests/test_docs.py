"""The README stays true to the tool: a two-command Quickstart, every command documented."""

from __future__ import annotations

import re

import click

from briefgen.cli import cli
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_quickstart_is_exactly_two_commands() -> None:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(commands) == 2, commands
    assert "briefgen build" in commands[0]
    assert "pytest" in commands[1] or ".ci/run" in commands[1]


def all_commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Every command by its full name ("build", "templates export"), groups included."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        found[prefix + name] = command
        if isinstance(command, click.Group):
            found.update(all_commands(command, f"{prefix}{name} "))
    return found


def test_every_command_has_help_and_is_in_the_readme() -> None:
    assert isinstance(cli, click.Group)
    for name, command in all_commands(cli).items():
        assert command.help, f"briefgen {name} has no help text"
        assert f"briefgen {name}" in README, f"briefgen {name} is not in README.md"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"briefgen {name} {param.opts[0]} has no help text"
                assert param.opts[-1] in README, f"{param.opts[-1]} is not in README.md"


def test_added_dependencies_are_explained() -> None:
    assert "pypdf" in README and "beautifulsoup4" in README and "playwright" in README


def test_troubleshooting_quotes_real_messages() -> None:
    """Each message the README's Troubleshooting table quotes is one the catalogue produces."""
    from tests.test_bad_input import EXPECTED

    section = README.split("## Troubleshooting", 1)[1].split("\n## ", 1)[0]
    messages = " ".join("".join(EXPECTED.values()).split())
    quoted = [
        snippet.strip("` ")
        for row in section.splitlines()
        if row.startswith("| `")
        for snippet in row.split(" | ")[0].lstrip("| ").split(" / ")
    ]
    assert len(quoted) >= 20
    for snippet in quoted:
        for part in snippet.split("…"):
            part = " ".join(part.split())
            assert part in messages, f"{part!r} is not a message briefgen gives"
