"""A shared project folder cannot hang briefgen, exhaust its memory or leak files into a pack.

Each hole was found by an adversarial probe: a named pipe or a device where a content file
should be, links out of content/, YAML aliases that expand without bound, and (benign, but
common) the byte order mark Windows Notepad writes. Tests that would hang or eat memory on a
briefgen without the fix run it in a child process with a time and memory limit.
"""

from __future__ import annotations

import itertools
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefgen.errors import Problems
from briefgen.load.reading import MAX_CONTENT_BYTES, read_bytes, read_text
from briefgen.load.yamlfile import UNREADABLE, parse_yaml
from tests.conftest import Run, replace_in

BRIEF = "content/briefs/ceasefire.md"
QUOTES = "content/quotations/quotes.yaml"
NOTHING_BUILT_1 = "Error: found 1 problem; nothing was built:\n"
SECRET = "SECRET-OUTSIDE-THE-PROJECT"
CHILD_MEMORY = 1024**3  # bytes a child briefgen may map: plenty for `check` on the mini project
CHILD_SECONDS = 60.0


def run_apart(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run briefgen in a child process that cannot hang the tests or take all the memory."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))

    try:
        return subprocess.run(
            [sys.executable, "-m", "briefgen", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=CHILD_SECONDS,
            preexec_fn=limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`briefgen {' '.join(args)}` was still running after {CHILD_SECONDS:g} s")


def hint(text: str) -> str:
    """A hint as the CLI shows it, below its problem."""
    return f"      {text}\n"


def problems_of(problems: Problems) -> list[str]:
    return [str(problem) for problem in problems]


# 1. Only regular files, of bounded size ---------------------------------------------------

NOT_REGULAR_HINT = "Replace it with an ordinary file, or remove it."
TOO_LARGE_HINT = (
    "Check that it is the right file: real briefs, source texts and YAML files are far smaller."
)
LINK_HINT = "Replace the link with a copy of the {}."


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(mini: Path) -> None:
    os.mkfifo(mini / "content/quotations/x.yaml")
    result = run_apart(mini, "check")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "Error: found 1 problem:\n"
        "  content/quotations/x.yaml: is not a regular file (it is a named pipe); "
        "briefgen reads content only from ordinary files.\n" + hint(NOT_REGULAR_HINT)
    )


def test_a_source_text_that_is_a_named_pipe_is_refused(mini: Path, run: Run) -> None:
    os.mkfifo(mini / "content/sources/pipe.txt")
    replace_in(mini / "content/sources/kabul.yaml", "text: kabul.txt", "text: pipe.txt")
    result = run("check")
    assert result.exit_code == 1
    assert result.output == (
        "Error: found 1 problem:\n"
        "  content/sources/pipe.txt: is not a regular file (it is a named pipe); "
        "briefgen reads content only from ordinary files.\n" + hint(NOT_REGULAR_HINT)
    )


def test_a_teaching_file_linked_to_dev_zero_is_refused(mini: Path) -> None:
    """Read to the end, /dev/zero would fill the memory; the link out is refused first."""
    (mini / "content/glossary.yaml").unlink()
    (mini / "content/glossary.yaml").symlink_to("/dev/zero")
    result = run_apart(mini, "check")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "Error: found 1 problem:\n"
        "  content/glossary.yaml: 'glossary.yaml' is a link to /dev/zero, "
        "outside the project's content/ folder.\n" + hint(LINK_HINT.format("file"))
    )


def test_the_reader_refuses_a_device() -> None:
    problems = Problems()
    assert read_text(Path("/dev/null"), problems) is None
    assert problems_of(problems) == [
        "/dev/null: is not a regular file (it is a device); "
        "briefgen reads content only from ordinary files.\n    " + NOT_REGULAR_HINT
    ]


def test_a_folder_named_like_a_content_file_is_refused(mini: Path, run: Run) -> None:
    (mini / "content/quotations/x.yaml").mkdir()
    result = run("check")
    assert result.exit_code == 1
    assert result.output == (
        "Error: found 1 problem:\n"
        "  content/quotations/x.yaml: is not a regular file (it is a folder); "
        "briefgen reads content only from ordinary files.\n" + hint(NOT_REGULAR_HINT)
    )


def test_an_oversized_file_is_refused_before_it_is_read(mini: Path, run: Run) -> None:
    with open(mini / "content/quotations/big.yaml", "wb") as big:
        big.truncate(MAX_CONTENT_BYTES + 1)  # sparse: no disk used
    result = run("check")
    assert result.exit_code == 1
    assert result.output == (
        "Error: found 1 problem:\n"
        "  content/quotations/big.yaml: is 10.1 MB, more than the 10 MB briefgen reads "
        "from one file.\n" + hint(TOO_LARGE_HINT)
    )


def test_the_reader_reads_at_most_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"x" * 2_000_001)
    problems = Problems()
    assert read_bytes(path, problems, limit=2_000_000) is None
    assert problems_of(problems) == [
        f"{path}: is 2.1 MB, more than the 2 MB briefgen reads from one file.\n    "
        + TOO_LARGE_HINT
    ]
    assert read_bytes(path, Problems(), limit=2_000_001) == b"x" * 2_000_001


def test_the_reader_turns_windows_and_old_mac_line_ends_into_newlines(tmp_path: Path) -> None:
    """As Path.read_text does, so line numbers count the lines editors show."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert read_text(path, Problems()) == "one\ntwo\nthree\n"


# 2. Files stay inside the project ---------------------------------------------------------

LINKED_OUT = {
    "brief": (BRIEF, "lead: >-\n", f"lead: >-\n  {SECRET}\n"),
    "quotations file": (QUOTES, "note: ", f"note: {SECRET} "),
    "teaching file": ("content/glossary.yaml", "definition: ", f"definition: {SECRET} "),
}


@pytest.mark.parametrize(("name", "old", "new"), LINKED_OUT.values(), ids=LINKED_OUT.keys())
def test_a_content_file_linked_outside_the_project_is_refused(
    mini: Path, run: Run, tmp_path: Path, name: str, old: str, new: str
) -> None:
    outside = tmp_path / "elsewhere" / Path(name).name
    outside.parent.mkdir()
    shutil.move(mini / name, outside)
    replace_in(outside, old, new)
    (mini / name).symlink_to(outside)
    result = run("build", "--format", "html")
    assert result.exit_code == 1
    assert result.output == (
        NOTHING_BUILT_1 + f"  {name}: '{outside.name}' is a link to {outside}, "
        "outside the project's content/ folder.\n" + hint(LINK_HINT.format("file"))
    )
    assert SECRET not in result.output
    assert not (mini / "output").exists()


def test_a_content_folder_linked_outside_the_project_is_refused(
    mini: Path, run: Run, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "briefs"
    outside.parent.mkdir()
    shutil.move(mini / "content/briefs", outside)
    replace_in(outside / "ceasefire.md", "lead: >-\n", f"lead: >-\n  {SECRET}\n")
    (mini / "content/briefs").symlink_to(outside)
    result = run("build", "--format", "html")
    assert result.exit_code == 1
    assert result.output == (
        NOTHING_BUILT_1 + f"  content/briefs: 'briefs' is a link to {outside}, "
        "outside the project's content/ folder.\n" + hint(LINK_HINT.format("folder"))
    )
    assert SECRET not in result.output
    assert not (mini / "output").exists()


def test_the_whole_content_folder_linked_outside_the_project_is_refused(
    mini: Path, run: Run, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "content"
    outside.parent.mkdir()
    shutil.move(mini / "content", outside)
    replace_in(outside / "briefs/ceasefire.md", "lead: >-\n", f"lead: >-\n  {SECRET}\n")
    (mini / "content").symlink_to(outside)
    result = run("build", "--format", "html")
    assert result.exit_code == 1
    assert result.output == (
        NOTHING_BUILT_1 + f"  content: 'content' is a link to {outside}, "
        "outside the project folder.\n" + hint(LINK_HINT.format("folder"))
    )
    assert SECRET not in result.output
    assert not (mini / "output").exists()


def test_links_that_stay_inside_the_project_are_followed(mini: Path, run: Run) -> None:
    shared = mini / "shared"
    shutil.move(mini / "content", shared)
    (mini / "content").symlink_to("shared")
    drafts = shared / "drafts"
    drafts.mkdir()
    shutil.move(shared / "briefs/ceasefire.md", drafts / "ceasefire.md")
    replace_in(drafts / "ceasefire.md", "lead: >-\n", "lead: >-\n  Linked from the drafts.\n")
    (shared / "briefs/ceasefire.md").symlink_to("../drafts/ceasefire.md")
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (mini / "output/mini/student/brief.html").read_text(encoding="utf-8")
    assert "Linked from the drafts." in html


# 3. YAML aliases cannot expand without bound ----------------------------------------------

LEVELS = "abcdefghij"


def alias_levels(first: str, level: str) -> str:
    """Ten anchors, each but the first repeating the one before nine times."""
    lines = [f"{LEVELS[0]}: &{LEVELS[0]} {first}"]
    for before, name in itertools.pairwise(LEVELS):
        lines.append(f"{name}: &{name} " + level.format(", ".join([f"*{before}"] * 9)))
    return "\n".join(lines) + "\n"


BOMBS = {
    # the probe's file: the last anchor's expansion used as a mapping key
    "key alias": alias_levels("lol", "[{}]") + "? *j : boom\n",
    "merge keys": alias_levels("{k: lol}", "{{<<: [{}]}}") + "k: *j\n",
    "value alias": alias_levels("lol", "[{}]") + "k: *j\n",
}
TOO_MANY = "uses aliases (*{}) that expand to more than 1,000,000 values.\n"
ALIAS_HINT = hint("Write the values out instead of repeating them with & and *.")


def test_the_probes_alias_bomb_is_eleven_lines() -> None:
    assert BOMBS["key alias"].count("\n") == 11
    assert BOMBS["key alias"].splitlines()[-2] == "j: &j [*i, *i, *i, *i, *i, *i, *i, *i, *i]"


@pytest.mark.parametrize(
    ("bomb", "line", "alias"),
    [(BOMBS["key alias"], 8, "g"), (BOMBS["merge keys"], 7, "f"), (BOMBS["value alias"], 8, "g")],
    ids=BOMBS.keys(),
)
def test_an_alias_bomb_is_refused_before_it_expands(
    mini: Path, bomb: str, line: int, alias: str
) -> None:
    (mini / "content/quotations/bomb.yaml").write_text(bomb, encoding="utf-8")
    result = run_apart(mini, "check")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "Error: found 1 problem:\n"
        f"  content/quotations/bomb.yaml:{line}: " + TOO_MANY.format(alias) + ALIAS_HINT
    )


def test_an_alias_bomb_in_briefgen_yaml_is_refused(mini: Path) -> None:
    (mini / "briefgen.yaml").write_text(BOMBS["key alias"], encoding="utf-8")
    result = run_apart(mini, "check")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "Error: found 1 problem:\n  briefgen.yaml:8: " + TOO_MANY.format("g") + ALIAS_HINT
    )


def test_an_alias_bomb_in_a_briefs_front_matter_is_refused(mini: Path) -> None:
    (mini / BRIEF).write_text(f"---\n{BOMBS['key alias']}---\n\nText.\n", encoding="utf-8")
    result = run_apart(mini, "check")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"Error: found 1 problem:\n  {BRIEF}:9: " + TOO_MANY.format("g") + ALIAS_HINT
    )


def test_an_alias_inside_the_value_it_names_is_refused(mini: Path, run: Run) -> None:
    (mini / "content/quotations/loop.yaml").write_text(
        "- id: loop\n  tags: &tags [peace, *tags]\n", encoding="utf-8"
    )
    result = run("check")
    assert result.exit_code == 1
    assert result.output == (
        "Error: found 1 problem:\n"
        "  content/quotations/loop.yaml:2: uses the alias *tags inside the value &tags "
        "names, so the value never ends.\n" + ALIAS_HINT
    )


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure Python"])
def test_both_yaml_parsers_bound_aliases(monkeypatch: pytest.MonkeyPatch, libyaml: bool) -> None:
    if libyaml and not yaml.__with_libyaml__:
        pytest.skip("PyYAML is built without libyaml")
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml)
    for bomb, line, alias in [
        (BOMBS["key alias"], 8, "g"),
        (BOMBS["merge keys"], 7, "f"),
        ("x: &x [1, [2, *x]]\n", 1, "x"),
    ]:
        problems = Problems()
        assert parse_yaml(bomb, Path("a.yaml"), problems, line_offset=10) is UNREADABLE
        assert len(problems) == 1
        assert problems[0].location.line == line + 10
        assert f"*{alias}" in problems[0].message


def test_aliases_within_the_limit_still_work() -> None:
    """Anchors and aliases are ordinary YAML; only runaway expansion is refused."""
    problems = Problems()
    text = alias_levels("lol", "[{}]").split("g: ")[0] + "k: *f\n"  # 66,430 values
    data = parse_yaml(text, Path("a.yaml"), problems)
    assert problems == []
    assert len(data["k"]) == 9 and data["k"][0][0][0][0] == ["lol"] * 9


# 4. A byte order mark is not content ------------------------------------------------------

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("name", [BRIEF, QUOTES, "content/glossary.yaml", "briefgen.yaml"])
def test_a_file_saved_with_a_byte_order_mark_reads_as_without(
    mini: Path, run: Run, name: str
) -> None:
    (mini / name).write_bytes(BOM + (mini / name).read_bytes())
    result = run("check")
    assert result.exit_code == 0, result.output


def test_a_byte_order_mark_still_counts_in_the_position_of_a_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(BOM + b"a: 1\nb: caf\xe9\n")
    problems = Problems()
    assert read_text(path, problems) is None
    assert problems_of(problems) == [
        f"{path}:2: is not UTF-8 text: byte 14 (0xe9) is not valid UTF-8.\n"
        "    Save the file as UTF-8 in your editor (in Word or Notepad: Save As, Encoding: UTF-8)."
    ]
