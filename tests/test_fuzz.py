"""Fuzzing: whatever the bytes in a content file or a quotation, a message, never a traceback.

Hypothesis makes up the input. The normal run tries a modest number of examples so the suite
stays fast; BRIEFGEN_FUZZ=1 selects the "briefgen-fuzz" profile for a long hunt:

    BRIEFGEN_FUZZ=1 python -m pytest tests/test_fuzz.py --hypothesis-show-statistics

A failure prints the smallest input that fails; Hypothesis keeps it in .hypothesis/ and
tries it first on the next run.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from briefgen.check.verbatim import Mismatch, find_mismatch, find_term, normalise
from briefgen.cli import cli
from briefgen.commands.build import load_project
from briefgen.errors import BriefgenError, ContentError, Problems
from briefgen.load.yamlfile import UNREADABLE, parse_yaml, read_yaml_file
from tests.conftest import FIXTURES, REPO, SOURCE_TEXTS

pytestmark = pytest.mark.slow  # Hypothesis tries hundreds of inputs per test

# Profiles ---------------------------------------------------------------------------------

# No deadlines: nothing in briefgen is timed, and a slow machine must not fail the suite.
settings.register_profile("briefgen", max_examples=200, deadline=None)
settings.register_profile(
    "briefgen-fuzz",
    max_examples=12_000,  # about ten minutes for the whole file
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
PROFILE = settings.get_profile(
    "briefgen-fuzz" if os.environ.get("BRIEFGEN_FUZZ") == "1" else "briefgen"
)


def fewer(times: int) -> settings:
    """The profile with ``times`` fewer examples, for a test whose examples cost more.

    A project example copies the mini project and loads all of it (20-50 ms); a checker
    example takes 1-3 ms.
    """
    return settings(PROFILE, max_examples=max(10, PROFILE.max_examples // times))


# Known bugs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownBug:
    """A traceback outside verbatim.py, reported to the lead engineer and not yet fixed.

    The tests let exactly this error pass (its type, message and where it is raised) and
    count it as a Hypothesis event, so --hypothesis-show-statistics shows how often it is
    hit. Delete the entry once the bug is fixed, and the fuzz tests guard the fix.
    """

    name: str
    error: type[Exception]
    message: str = ""
    raised_in: str = ""  # a file the traceback passes through

    def matches(self, error: Exception) -> bool:
        frames = traceback.extract_tb(error.__traceback__)
        return (
            isinstance(error, self.error)
            and self.message in str(error)
            and any(self.raised_in in frame.filename for frame in frames)
        )


KNOWN_BUGS: tuple[KnownBug, ...] = ()  # every bug the fuzzing found is fixed; add new ones here


def known_bug(error: Exception) -> KnownBug | None:
    """The known bug ``error`` is, counted as an event; None if it is a new one."""
    bug = next((bug for bug in KNOWN_BUGS if bug.matches(error)), None)
    if bug is not None:
        event(f"known bug: {bug.name}")
    return bug


@contextmanager
def known_bugs_tolerated() -> Iterator[None]:
    """Let a known bug pass; any other exception fails the test."""
    try:
        yield
    except Exception as error:
        if known_bug(error) is None:
            raise


MAX_NESTING = 500  # past PyYAML's recursion limit (a known bug) on purpose

# YAML text --------------------------------------------------------------------------------

YAML_TOKENS = (
    *("\n", "\n", "\r\n", "\r", " ", "  ", "    ", "\t", "- ", "-", ": ", ":", "? ", ","),
    *("[", "]", "{", "}", "'", '"', "\\", "\\x", "|", "|-", "|2", ">", ">-", "#", "# x\n"),
    *("---", "---\n", "...", "...\n", "%YAML 1.1\n", "%YAML 9.9\n", "%TAG ! tag:x.org,2000:\n"),
    *("&a ", "*a", "&b ", "*b", "<<: ", "<<: *a", "<<: [*a, *b]", "!", "!x ", "!<x> "),
    *("!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ", "!!timestamp "),
    *("!!set ", "!!map ", "!!seq ", "!!omap ", "!!pairs ", "!!merge ", "!!python/object:x "),
    *("~", "null", "true", "no", "0x1F", "0o17", "0b12", "1_000", "1:30", ".inf", "-.nan"),
    *("1e400", "2024-02-30", "2017-06-06", "2017-06-06T10:00:00Z", "2017-13-01 25:00"),
    *("\ufeff", "\x00", "\x07", "\x85", "\u2028", "\ud800", "\U0001f600", "é", "“", "”"),
    *("id", "text", "title", "source", "date", "kabul", "issi", "kabul-ceasefire", "value"),
)


def yaml_like(tokens: tuple[str, ...], max_size: int = 60) -> st.SearchStrategy[str]:
    """Text made of YAML syntax, so most examples get past the scanner into the parser."""
    piece = st.sampled_from(tokens) | st.text(max_size=3)
    return st.lists(piece, max_size=max_size).map("".join)


@st.composite
def deeply_nested(draw: st.DrawFn) -> str:
    """Lists and mappings nested far deeper than content needs, in flow or block style."""
    depth = draw(st.integers(1, MAX_NESTING))
    flow = draw(st.booleans())
    # A short pattern repeated to the depth: drawing each level would overrun Hypothesis.
    pattern = draw(st.lists(st.sampled_from(["[", "{a: "] if flow else ["-", "k:"]), min_size=1))
    opens = [pattern[level % len(pattern)] for level in range(depth)]
    if flow:
        closes = "".join("]" if o == "[" else "}" for o in reversed(opens))
        return "".join(opens) + "x" + closes
    lines = [f"{'  ' * level}{o}" for level, o in enumerate(opens)]
    return "\n".join([*lines, f"{'  ' * depth}x", ""])


YAML_TEXT = st.one_of(st.text(), yaml_like(YAML_TOKENS), deeply_nested())
BOMS = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")
BAD_UTF8 = (b"\x80", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\x00")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252")


def encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text saved by an editor in some encoding, behind some byte-order mark."""
    return st.builds(
        lambda bom, value, encoding: bom + value.encode(encoding, errors="replace"),
        st.sampled_from(BOMS),
        text,
        st.sampled_from(ENCODINGS),
    )


YAML_BYTES = st.one_of(
    st.binary(max_size=300),
    encoded(YAML_TEXT),
    st.lists(
        st.sampled_from(BAD_UTF8)
        | yaml_like(YAML_TOKENS, 5).map(lambda t: t.encode("utf-8", "replace")),
        max_size=30,
    ).map(b"".join),
)


def assert_reported(result: Any, problems: Problems) -> None:
    """UNREADABLE is only ever returned with a reason, and every reason says something."""
    if result is UNREADABLE:
        assert problems
    for problem in problems:
        assert problem.message.strip()
        assert str(problem)


@fewer(4)
@given(text=YAML_TEXT)
@example(text="\ud800")  # a lone surrogate: libyaml's reader raised UnicodeEncodeError
def test_parse_yaml_reports_instead_of_raising(text: str) -> None:
    problems = Problems()
    with known_bugs_tolerated():
        assert_reported(parse_yaml(text, Path("any.yaml"), problems), problems)


@fewer(2)
@given(data=YAML_BYTES)
def test_read_yaml_file_reports_instead_of_raising(data: bytes) -> None:
    problems = Problems()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.yaml"
        path.write_bytes(data)
        with known_bugs_tolerated():
            assert_reported(read_yaml_file(path, problems), problems)


# The whole loading pipeline ---------------------------------------------------------------


def copy_mini(folder: Path) -> Path:
    """The tests' mini project in ``folder`` (as conftest's `mini`, which Hypothesis cannot use)."""
    root = folder / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    for name, original in SOURCE_TEXTS.items():
        shutil.copy(REPO / "content" / "sources" / original, root / "content" / "sources" / name)
    return root


def mini_files() -> dict[str, bytes]:
    """Every file of the mini project, by its path in the project, with its bytes."""
    with tempfile.TemporaryDirectory() as folder:
        root = copy_mini(Path(folder))
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }


MINI_FILES = mini_files()
YAML_FILES = [name for name in MINI_FILES if name.endswith(".yaml")]
BRIEF = "content/briefs/ceasefire.md"

KNOWN_KEYS = (
    *("language", "issuer", "name", "short_name", "contact", "logo", "logo_alt", "theme"),
    *("paper", "accent", "font", "body", "headings", "packs", "mini", "output", "title"),
    *("description", "briefs", "formats", "companion", "editions", "sections", "handouts"),
    *("kind", "authors", "role", "editor", "place", "value", "inferred", "qualifier", "date"),
    *("text", "glued_footnote_numbers", "copy_notes", "gaps", "after", "note", "summary"),
    *("key_points", "quotes", "perspective", "audience", "handout_quotes", "id", "source"),
    *("locator", "tags", "author", "author_role", "subject", "keywords", "lead", "disclaimer"),
    *("term", "expansion", "also", "definition", "context", "sources", "quote", "event"),
    *("rows", "aspect", "cells", "kabul", "issi", "level", "question", "guidance", "passage"),
    *("tasks", "ceasefire", "kabul-ceasefire", "kabul-stable", "issi-in-return", "kabul.txt"),
)
SHORT_TEXT = st.text(max_size=20)
# What might be written where a file is named (`text:` of a source, `logo:` of the issuer).
FILE_NAMES = (
    *("kabul.txt", "issi.txt", "kabul.yaml", "sources", ".", "..", "../kabul.txt", "/etc/hosts"),
    *("C:\\x.txt", "a\\b.txt", "x.png", "x.svg", "content/glossary.yaml", "briefgen.yaml"),
    *("a\0.txt", "a\0.png", "x" * 300 + ".txt", "x" * 300 + ".png", "~/x.png", "x.png/"),
)
KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), SHORT_TEXT, st.integers(), st.booleans(), st.none())
# Leaves, empty collections among them (so every recursive step nests).
SCALARS = st.one_of(
    st.none(),
    st.sampled_from([[], {}]),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.sampled_from(KNOWN_KEYS),
    SHORT_TEXT,
    st.dates(),
    st.datetimes(),
    st.sampled_from(["all", "none", "pdf", "html", "student", "teacher", "recall", "#7a1f3d"]),
    st.sampled_from(["2017", "2017-06", "2017-02-30", "early", "A4", "#fff", "Noto Sans"]),
    st.sampled_from(FILE_NAMES),
)


def twice(value: Any) -> list[Any]:
    """The same object twice, which yaml.safe_dump writes as an anchor and an alias."""
    return [value, value]


YAML_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=4),
        st.dictionaries(KEYS, children, min_size=1, max_size=5),
        st.lists(children, min_size=1, max_size=3).map(twice),
    ),
    max_leaves=25,
)


def graft(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one value somewhere in it replaced, removed, renamed or repeated."""
    if not isinstance(data, dict | list) or not data or draw(st.integers(0, 3)) == 0:
        return draw(YAML_VALUES)
    if isinstance(data, dict):
        key = draw(st.sampled_from(list(data)))
        changed = dict(data)
        action = draw(st.sampled_from(["graft", "delete", "rename"]))
        if action == "delete":
            del changed[key]
        elif action == "rename":
            changed[draw(KEYS)] = changed.pop(key)
        else:
            changed[key] = graft(draw, data[key])
        return changed
    index = draw(st.integers(0, len(data) - 1))
    action = draw(st.sampled_from(["graft", "delete", "repeat"]))
    if action == "delete":
        return data[:index] + data[index + 1 :]
    if action == "repeat":
        return data[: index + 1] + data[index:]
    return [*data[:index], graft(draw, data[index]), *data[index + 1 :]]


def dumped(draw: st.DrawFn, value: Any) -> str:
    """``value`` written as YAML, in block or flow style."""
    return yaml.safe_dump(
        value,
        sort_keys=False,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
    )


def split_brief(text: str) -> tuple[str, str]:
    """The mini brief's front matter and body."""
    _, front, body = text.split("---\n", 2)
    return front, body


@st.composite
def wrong_shapes(draw: st.DrawFn, name: str) -> bytes:
    """Valid YAML of the wrong shape: the real file with one value changed, or anything."""
    original = MINI_FILES[name].decode()
    front = split_brief(original)[0] if name == BRIEF else original
    real = yaml.safe_load(front)
    value = graft(draw, real) if draw(st.booleans()) else draw(YAML_VALUES)
    text = dumped(draw, value)
    if name == BRIEF:
        body = draw(st.sampled_from([split_brief(original)[1], ""]) | st.text(max_size=200))
        text = f"---\n{text}---\n{body}"
    return text.encode()


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """The real file with lines or bytes deleted, repeated, swapped, re-indented or inserted."""
    data = original
    for _ in range(draw(st.integers(1, 4))):
        lines = data.splitlines(keepends=True) or [b""]
        i, j = sorted(draw(st.lists(st.integers(0, len(lines) - 1), min_size=2, max_size=2)))
        a, b = sorted(draw(st.lists(st.integers(0, len(data)), min_size=2, max_size=2)))
        action = draw(st.integers(0, 8))
        if action == 0:
            lines[i : j + 1] = []
        elif action == 1:
            lines[i:i] = lines[i : j + 1]
        elif action == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3:
            lines[i] = draw(st.sampled_from([b" ", b"  ", b"\t", b"- ", b"? "])) + lines[i]
        elif action == 4:
            lines[i] = lines[i].lstrip(b" ")
        if action <= 4:
            data = b"".join(lines)
        elif action == 5:
            data = data[:a] + data[b:]
        elif action == 6:
            data = data[:b] + data[a:b] + data[b:]
        elif action == 7:
            data = data[:a] + data[b:] + data[a:b]
        else:
            noise = st.binary(max_size=4) | st.sampled_from([*BAD_UTF8, b":", b"'", b'"', b"&a"])
            data = data[:a] + draw(noise) + data[a:]
    return data


@st.composite
def one_file_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file of the mini project and new bytes for it: mutated, encoded or just noise."""
    name = draw(st.sampled_from(sorted(MINI_FILES)))
    data = draw(
        st.one_of(
            mutated(MINI_FILES[name]),
            mutated(MINI_FILES[name]),
            st.binary(max_size=200),
            encoded(st.text(max_size=200) | yaml_like(YAML_TOKENS)),
        )
    )
    return name, data


@st.composite
def one_file_reshaped(draw: st.DrawFn) -> tuple[str, bytes]:
    """A YAML file (or the brief's front matter) of the mini project, valid but misshapen."""
    name = draw(st.sampled_from([*YAML_FILES, BRIEF]))
    return name, draw(wrong_shapes(name))


def loads_or_explains(root: Path) -> KnownBug | None:
    """Loading either works or raises a BriefgenError that says what is wrong (or a known bug)."""
    try:
        load_project(root)
    except BriefgenError as error:
        event(f"outcome: {type(error).__name__}")
        assert error.format_message().strip()
        if isinstance(error, ContentError):
            assert error.problems and all(p.message.strip() for p in error.problems)
    except Exception as error:
        bug = known_bug(error)
        if bug is None:
            raise
        return bug
    else:
        event("outcome: loaded")
    return None


@fewer(2)
@given(change=one_file_bytes())
def test_any_bytes_in_a_content_file_give_a_message(change: tuple[str, bytes]) -> None:
    name, data = change
    with tempfile.TemporaryDirectory() as folder:
        root = copy_mini(Path(folder))
        (root / name).write_bytes(data)
        loads_or_explains(root)


@fewer(2)
@given(change=one_file_reshaped())
def test_valid_yaml_of_the_wrong_shape_gives_a_message(change: tuple[str, bytes]) -> None:
    name, data = change
    with tempfile.TemporaryDirectory() as folder:
        root = copy_mini(Path(folder))
        (root / name).write_bytes(data)
        loads_or_explains(root)


@fewer(4)
@given(change=one_file_bytes() | one_file_reshaped())
def test_check_command_never_shows_a_traceback(change: tuple[str, bytes]) -> None:
    name, data = change
    with tempfile.TemporaryDirectory() as folder:
        root = copy_mini(Path(folder))
        (root / name).write_bytes(data)
        bug = loads_or_explains(root)  # tells a known bug from a new one, by its traceback
        result = CliRunner().invoke(cli, ["--project", str(root), "check"])
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if bug is None:
        assert "unexpected failure" not in result.output, result.output


# The quotation checker --------------------------------------------------------------------

QUOTE_TOKENS = (
    *("...", "\u2026", "[...]", "[\u2026]", "....", "[", "]", "[sic]", "[", "(", ")", "-"),
    *(".*", "+", "?", "\\", "\\1", "^", "$", "|", "{2}", "(?P<x>", "'", '"', "\u2018"),
    *("\u2019", "\u201c", "\u201d", "\u00ab", "\u2013", "\u2014", "\u2212", "\u00ad"),
    *("\u00a0", "\u202f", " ", "  ", "\n", "\t", "", "1-", "12- ", ".1", "3-The", "the", "The"),
    *("peace", "Afghan", "Government", "ß", "\u0130", "\ufb01", "\u0149", "\u01c5", "IS"),
)
QUOTE_TEXT = st.one_of(
    st.text(),
    st.lists(st.sampled_from(QUOTE_TOKENS) | st.text(max_size=4), max_size=30).map(" ".join),
    st.lists(st.sampled_from(QUOTE_TOKENS), max_size=30).map("".join),
)


class RealSource:
    """A bundled source text, read with the normalisation settings its YAML gives it."""

    def __init__(self, path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.name = path.stem
        self.text = (path.parent / data["text"]).read_text(encoding="utf-8")
        self.glued = bool(data.get("glued_footnote_numbers"))
        self.gaps = tuple(gap["after"] for gap in data.get("gaps") or ())
        self.normalised = normalise(self.text, self.glued)

    def __repr__(self) -> str:
        return f"RealSource({self.name!r})"  # not its whole text, in Hypothesis' reports

    @cached_property
    def unbroken_runs(self) -> list[list[str]]:
        """The source's words between its gaps, where a quotation may run (as verbatim does)."""
        text, cuts = self.normalised, []
        for passage in self.gaps:
            found = text.find(normalise(passage))
            if found >= 0:
                cuts.append(found + len(normalise(passage)))
        bounds = [0, *sorted(cuts), len(text)]
        runs = [text[a:b].split() for a, b in itertools.pairwise(bounds)]
        return [run for run in runs if run]


REAL_SOURCES = [RealSource(path) for path in sorted((REPO / "content/sources").glob("*.yaml"))]
KINDS = ("changed", "missing", "added", "absent", "order", "gap")


def assert_mismatch_or_none(mismatch: Mismatch | None) -> None:
    """A mismatch is one of the documented kinds and can be told to a teacher."""
    if mismatch is not None:
        assert mismatch.kind in KINDS
        assert mismatch.describe().strip()


@PROFILE
@given(
    quotation=QUOTE_TEXT,
    source=QUOTE_TEXT,
    glued=st.booleans(),
    gaps=st.lists(QUOTE_TEXT, max_size=3),
)
def test_checker_takes_any_quotation_and_source(
    quotation: str, source: str, glued: bool, gaps: list[str]
) -> None:
    assert_mismatch_or_none(find_mismatch(quotation, source, glued, gaps))
    assert isinstance(normalise(quotation, glued), str)
    find_term(quotation, source)
    find_term(normalise(quotation), normalise(source, glued))


@PROFILE
@given(quotation=QUOTE_TEXT, source=st.sampled_from(REAL_SOURCES))
def test_checker_takes_any_quotation_against_real_sources(
    quotation: str, source: RealSource
) -> None:
    assert_mismatch_or_none(find_mismatch(quotation, source.text, source.glued, source.gaps))


@st.composite
def passages(draw: st.DrawFn, max_words: int = 40) -> tuple[RealSource, list[str]]:
    """A real source and a run of its words, cut at word boundaries between its gaps."""
    source = draw(st.sampled_from(REAL_SOURCES))
    words = draw(st.sampled_from(source.unbroken_runs))
    start = draw(st.integers(0, len(words) - 1))
    length = draw(st.integers(1, min(max_words, len(words) - start)))
    return source, words[start : start + length]


@st.composite
def laid_out(draw: st.DrawFn, words: list[str]) -> str:
    """The words as someone might paste them: any spacing, a line break, curly quotes."""
    text = words[0]
    for before, word in itertools.pairwise(words):
        # A line break after a hyphen joins words, and before a number removes a point number.
        breakable = not before.endswith("-") and word[:1].isalpha()
        spaces = [" ", "  ", "\t", "\u00a0", *(["\n", " \n  "] if breakable else [])]
        text += draw(st.sampled_from(spaces)) + word
    if draw(st.booleans()):
        text = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
    if draw(st.booleans()) and len(text[0].swapcase()) == 1:
        text = text[0].swapcase() + text[1:]  # the first letter may change case
    return text


@PROFILE
@given(data=st.data(), passage=passages())
def test_a_passage_cut_from_a_source_is_found_verbatim(
    data: st.DataObject, passage: tuple[RealSource, list[str]]
) -> None:
    source, words = passage
    quotation = data.draw(laid_out(words))
    assert find_mismatch(quotation, source.text, source.glued, source.gaps) is None


NEW_WORD = st.from_regex(r"[A-Za-z]{3,12}", fullmatch=True)


@PROFILE
@given(data=st.data(), passage=passages())
def test_a_word_the_source_lacks_makes_a_mismatch(
    data: st.DataObject, passage: tuple[RealSource, list[str]]
) -> None:
    source, words = passage
    lower = source.normalised.lower()
    word = data.draw(NEW_WORD.filter(lambda w: w.lower() not in lower), label="word")
    at = data.draw(st.integers(0, len(words)), label="at")
    quotation = " ".join([*words[:at], word, *words[at:]])
    mismatch = find_mismatch(quotation, source.text, source.glued, source.gaps)
    assert mismatch is not None
    assert_mismatch_or_none(mismatch)


@fewer(4)
@given(data=st.data(), source=st.sampled_from(REAL_SOURCES), copies=st.integers(1, 3))
def test_any_words_in_order_joined_by_ellipses_are_found(
    data: st.DataObject, source: RealSource, copies: int
) -> None:
    """However many parts (up to every word of a source pasted three times): in order, found."""
    text = "\n\n".join([source.text] * copies)  # the gaps aside: they are tested above
    words = normalise(text, source.glued).split()
    start = data.draw(st.integers(0, len(words) - 1), label="start")
    step = data.draw(st.integers(1, 5), label="step")
    quotation = data.draw(st.sampled_from([" ... ", "\u2026", " [...] "])).join(words[start::step])
    assert find_mismatch(quotation, text, source.glued) is None


@PROFILE
@given(passage=passages(max_words=1))
def test_every_word_of_a_source_is_a_term_it_uses(passage: tuple[RealSource, list[str]]) -> None:
    source, (word,) = passage
    assert find_term(word, source.normalised) is not None
