"""Checking and rendering a brief take work in proportion to its size, and bounded memory.

Tests are never timed (benchmarks/bench.py times the pipeline). These count work instead:
the Python bytecode instructions run in the modules of the check and render stages
(markup, check, verbatim, render) while briefs of n and of 4n items are checked and
rendered in-process, less the work of a brief of none. Linear work gives a ratio of 4;
the quadratic steps these tests guard against gave 7 to 9.3 at these sizes (and 15 for a
quotation opening with many insertions), more for bigger briefs.

The count cannot see work done inside a single C call: counting a paragraph's line
breaks from its start at every reference, or copying the rest of a text at every
quotation mark, is one instruction whatever the length. Those steps are covered by what
they must keep doing (line numbers, the same typographic marks as markdown-it's own rule)
and timed in the benchmark.
"""

from __future__ import annotations

import random
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from markdown_it.rules_core import smartquotes

from briefgen.check import verbatim
from briefgen.commands.build import load_project
from briefgen.load import markdown as markup
from briefgen.load.bounds import MAX_TABLE_CELLS
from briefgen.load.markdown import parse
from briefgen.load.markdown_syntax import Cite
from briefgen.model import Location, Prose
from briefgen.render import markdown as markdown_html
from briefgen.render import pages
from briefgen.render.markdown import render
from briefgen.render.pages import Renderer
from tests.conftest import Run, copy_mini

pytestmark = pytest.mark.slow  # big inputs, and work counted by tracing

FRONT_MATTER = """\
---
title: Many Items
short_title: Many Items
author: Sam Teacher
author_role: Head of History
editor: Alex Editor
date: 2024-03-05
subject: A brief made long on purpose.
keywords: [ceasefire]
lead: >-
  Two documents ask for talks.[@kabul, point 3]
---

Introduction.

"""
PHRASES = (
    "A stable Afghanistan enables a stable region",
    "called on all the armed groups",
    "start peace talks with the Afghan Government",
    "a powerful signal of solidarity",
)
STAGE_FILES = {str(Path(module.__file__ or "")) for module in (markup, markdown_html, pages)} | {
    str(path) for path in Path(verbatim.__file__ or "").parent.glob("*.py")
}  # all of check/

Brief = Callable[[int], str]  # a number of items -> the Markdown of a brief's body


def _notes(separator: str) -> Brief:
    def body(n: int) -> str:
        references = separator.join(f"Line {i} explains.[^n{i}]" for i in range(n))
        definitions = "\n\n".join(f"[^n{i}]: Note {i}, in our own words." for i in range(n))
        return f"{references}\n\n{definitions}\n"

    return body


BRIEFS: dict[str, Brief] = {
    "citations": lambda n: "\n\n".join(
        f"Point {i} says so.[@kabul, point {i % 9 + 1}]" for i in range(n)
    ),
    "citations in one paragraph": lambda n: "\n".join(
        f"Point {i} says so.[@issi, para. {i % 9 + 1}; @kabul, point 2]" for i in range(n)
    ),
    "explanatory notes": _notes("\n\n"),
    "explanatory notes in one paragraph": _notes("\n"),
    "quoted phrases": lambda n: "\n\n".join(
        f'It said "{PHRASES[i % 4]}".[@kabul, point {i % 4 + 1}]' for i in range(n)
    ),
    "quoted phrases in one paragraph": lambda n: (
        " ".join(f'It said "{PHRASES[i % 4]}" then.' for i in range(n)) + "[@kabul, point 2]"
    ),
    "block quotations": lambda n: "\n\n".join("{{< quote kabul-stable >}}" for _ in range(n)),
    "headings of one name": lambda n: "\n\n".join(
        f"# Background\n\nPoint {i}.[@kabul, point 1]" for i in range(n)
    ),
}


@contextmanager
def counted_instructions() -> Iterator[list[int]]:
    """Count the bytecode instructions run in the check and render modules."""
    count = [0]

    def each_instruction(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "opcode":
            count[0] += 1
        return each_instruction

    def each_call(frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename not in STAGE_FILES:
            return None
        frame.f_trace_lines = False
        frame.f_trace_opcodes = True
        return each_instruction

    previous = sys.gettrace()
    sys.settrace(each_call)
    try:
        yield count
    finally:
        sys.settrace(previous)


def check_and_render(root: Path) -> int:
    """The work of checking the project at ``root`` and rendering its brief."""
    with counted_instructions() as count:
        project = load_project(root)  # checks; raises if the brief has a problem
        Renderer(project).render_brief(project.library.briefs["ceasefire"])
    return count[0]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], int]:
    """The work of checking and rendering a brief with this body, in the mini project."""

    def measure(body: str) -> int:
        root = copy_mini(tmp_path_factory.mktemp("scaling") / "mini")
        (root / "content/briefs/ceasefire.md").write_text(FRONT_MATTER + body, encoding="utf-8")
        return check_and_render(root)

    measure("")  # once first, so every count finds the caches as warm as the next one
    return measure


@pytest.mark.parametrize("kind", BRIEFS)
def test_work_grows_in_proportion_to_the_number_of_items(
    kind: str, work: Callable[[str], int]
) -> None:
    none = work("")
    some, four_times = (
        work(BRIEFS[kind](n)) - none for n in (75, 300)
    )  # a paragraph < 20,000 characters
    assert 3 < four_times / some < 5, (some, four_times)


def test_a_quotation_of_many_parts_is_matched_in_linear_work() -> None:
    """A part after an [insertion] must follow the part before closely, so each part asks
    whether words come before it in the quotation: that was a look back over every
    earlier part, n² work for a quotation opening with many [insertions]."""
    source = " ".join(f"word{i}" for i in range(2000))

    def matching(parts: int) -> int:
        words = " [and] ".join(f"word{i}" for i in range(parts))
        quotation = "[and] " * parts + words
        with counted_instructions() as count:
            assert verbatim.find_mismatch(quotation, source) is None
        return count[0]

    matching(1)  # the source is normalised once, then remembered
    assert 3 < matching(400) / matching(100) < 5


# Tables: markdown-it keeps about 1.4 KB of tokens a cell ---------------------------------


def table(columns: int, rows: int, cell: str = "1") -> str:
    head = "|" + "|".join(f"c{i}" for i in range(columns)) + "|"
    line = "|" + "|".join([cell] * columns) + "|"
    return "\n".join([head, "|" + "-|" * columns, *[line] * rows]) + "\n"


def parsed(text: str, line: int = 1) -> markup.ParsedProse:
    return parse(Prose(text, Location(Path("brief.md"), line)))


def test_a_huge_table_is_refused_without_holding_its_cells() -> None:
    text = table(8, 55_000)  # 1 MB: checking it took 620 MB before tables were bounded
    tracemalloc.start()
    try:
        result = parsed(text, line=14)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(bad.line, bad.message) for bad in result.malformed] == [
        (14, "this table has 440,008 cells; a brief's tables may have 10,000")
    ]
    assert peak < 40 * len(text), f"{peak:,} bytes at peak for {len(text):,} of Markdown"


def test_tables_may_have_10000_cells_in_all() -> None:
    assert MAX_TABLE_CELLS == 10_000
    full = table(100, 99)  # 100 header cells and 99 rows of 100
    result = parsed(f"{full}\nText.\n\n{table(2, 0)}\n{table(1, 1)}")
    assert result.malformed[0].text == "|c0|c1|"
    assert [(bad.line, bad.message) for bad in result.malformed] == [
        (
            105,
            "this table has 2 cells, which with the 10,000 of the tables before it is more "
            "than the 10,000 a brief's tables may have",
        ),
        (
            108,
            "this table has 2 cells, which with the 10,000 of the tables before it is more "
            "than the 10,000 a brief's tables may have",
        ),
    ]
    html = render(result, Hooks())
    assert html.count("<td>") == 9_900 and html.count("<table>") == 1


class Hooks:
    def citation(self, cites: tuple[Cite, ...]) -> str:
        return "[n]"

    def note(self, label: str) -> str:
        return f"[{label}]"

    def quotation(self, quotation_id: str, block: bool, after: str = "") -> str:
        return f"<q {quotation_id}>{after}"


def test_check_reports_a_table_too_big_for_a_brief(mini: Path, run: Run) -> None:
    brief = mini / "content/briefs/ceasefire.md"
    text = brief.read_text(encoding="utf-8")
    offer = "# The 2018 offer"
    brief.write_text(text.replace(offer, f"{table(101, 100)}\n{offer}"), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    line = text.splitlines().index(offer) + 1
    assert result.output == (
        "Error: found 1 problem:\n"
        f"  content/briefs/ceasefire.md:{line}: this table has 10,201 cells; a brief's tables "
        "may have 10,000: |c0|c1|c2|c3|c4|c5|c6|c7|c8|c9|c10|c11|c12|c13|c14|c15|c1...\n"
        "      A brief is read in class: keep the rows and columns a reader needs, and link "
        "to the full data (https://...).\n"
    )


# What the linear steps must keep doing -----------------------------------------------------


def test_lines_are_right_for_every_reference_in_a_long_paragraph() -> None:
    lines = [
        f'Point {i} is "quoted" [@kabul, point 1] [^n{i}] {{{{< quote q{i} >}}}} [@] '
        f"[file](f{i}.txt)"
        for i in range(200)
    ]
    notes = "".join(f"\n\n[^n{i}]: Note." for i in range(200))
    result = parsed("\n".join(lines) + notes, line=10)
    expected = [10 + i for i in range(200)]
    for kind in ("cite", "note", "quote"):
        assert [r.line for r in result.references if r.kind == kind] == expected
    assert [p.line for p in result.quoted_phrases] == expected
    assert sorted(bad.line for bad in result.malformed) == sorted(expected * 2)


def test_headings_of_one_name_get_the_ids_they_always_had() -> None:
    names = ["Background", "Background 2", "Background", "Background 2", "Background", "?"]
    html = render(parsed("\n\n".join(f"# {name}" for name in names)), Hooks())
    ids = [part.split('"')[0] for part in html.split('id="')[1:]]
    assert ids == [
        "background",
        "background-2",
        "background-3",
        "background-2-2",
        "background-4",
        "section",
    ]


QUOTING = [
    '"a"',
    "'a'",
    "it's \"x\" and 'y'",
    '"a "b" c"',
    "\"'a' b\"",
    "1\"\" 2''",
    "5' 6\"",
    '*"a"* "b',
    '"a',
    "a'",
    "'90s",
    '"a"\n"b"',
    '"a  \nb"',
    '`"x"` "y"',
    '\\"a\\"',
    '‘a’ "b”',
    '"[a](#b)"',
    '"a" [@kabul, point 1]',
    '**"**a**"**',
    '--"a"--',
    '"á"',
    "'\u00a0'",
]


@pytest.mark.parametrize("seed", range(4))
def test_quotation_marks_are_the_ones_markdown_it_sets(seed: int) -> None:
    """briefgen sets typographic quotation marks with its own rule, in linear time; it must
    set exactly the marks markdown-it's rule sets."""
    ours = markup.parser.__wrapped__()
    theirs = markup.parser.__wrapped__()
    theirs.core.ruler.at("smartquotes", smartquotes)
    pieces = random.Random(seed)
    texts = [
        *QUOTING,
        *("".join(pieces.choices([*QUOTING, " ", "\n", "_", "(", "."], k=60)) for _ in range(200)),
    ]
    for text in texts:
        assert _typeset(ours, text) == _typeset(theirs, text), text


def _typeset(md: Any, text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (token.type, [(child.type, child.content) for child in token.children or []])
        for token in md.parse(text, {})
    ]
