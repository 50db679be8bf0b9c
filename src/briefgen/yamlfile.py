"""Read YAML while keeping line numbers, and read records out of it with helpful errors.

PyYAML's nodes carry marks; the loader below keeps them on the mappings and lists it
builds, so a missing field or a wrong type can be reported as file:line.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import yaml

try:
    from yaml import CSafeLoader as _FastBase
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _FastBase  # type: ignore[assignment]

from briefgen.errors import Problems
from briefgen.model import Location

T = TypeVar("T")

YAML_HINT = (
    "Check the indentation, that each `key: value` has a colon and a space, "
    "and put text containing ': ' or starting with a quote, [, { or # in quotes."
)


class _Unreadable:
    """What the readers return for a file whose problem they have already reported."""

    def __repr__(self) -> str:
        return "UNREADABLE"


# Distinct from None, which is what an empty YAML file holds.
UNREADABLE: Any = _Unreadable()


class YamlMap(dict[Any, Any]):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]
    value_lines: dict[Any, int]  # where the value's text begins (after | or >)


class YamlList(list[Any]):
    """A YAML sequence that remembers the line of each item."""

    line: int = 0
    item_lines: list[int]


class _LineNumbers:
    """What both loaders add: the file's lines, and the keys given twice."""

    line_offset = 0

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]  # the loader's, next in the MRO
        self.repeated_keys: list[tuple[Any, int]] = []

    def _line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.line_offset


class _LineLoader(_LineNumbers, yaml.SafeLoader):
    """SafeLoader that builds YamlMap/YamlList and notes repeated keys."""


AnyLineLoader = Any  # _LineLoader or _FastLineLoader (defined below, with the same methods)


def _construct_object(loader: AnyLineLoader, node: yaml.Node, deep: bool = False) -> Any:
    """PyYAML's constructors raise bare ValueError, KeyError... on values such as `0x_` or
    `!!int x`; these become a YAML error at the value's line."""
    try:
        return yaml.SafeLoader.construct_object(loader, node, deep)
    except yaml.YAMLError:
        raise
    except (ValueError, KeyError, AttributeError, TypeError, IndexError) as error:
        raise MalformedValue(
            problem=f"the value {_shown_value(node)}",
            problem_mark=node.start_mark,
        ) from error


TAG_NAMES = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date",
    "seq": "a list",
    "map": "a block of keys",
}


def _shown_value(node: yaml.Node) -> str:
    tag = node.tag.rsplit(":", 1)[-1]
    kind = TAG_NAMES.get(tag, f"'{tag}'")
    value = node.value if isinstance(node.value, str) else ""
    return f"'{value}' cannot be read as {kind}" if value else f"here cannot be read as {kind}"


def _construct_map(loader: AnyLineLoader, node: yaml.MappingNode) -> YamlMap:
    mapping = YamlMap()
    mapping.line = loader._line(node)
    mapping.key_lines = {}
    mapping.value_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            key = str(key)
        if key in mapping:
            loader.repeated_keys.append((key, loader._line(key_node)))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = loader._line(key_node)
        block_scalar = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
        mapping.value_lines[key] = loader._line(value_node) + (1 if block_scalar else 0)
    return mapping


def _construct_list(loader: AnyLineLoader, node: yaml.SequenceNode) -> YamlList:
    items = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = loader._line(node)
    items.item_lines = [loader._line(child) for child in node.value]
    return items


class InvalidValue(yaml.MarkedYAMLError):
    """A value YAML recognises but cannot build, such as the date 2024-02-30."""


class MalformedValue(yaml.MarkedYAMLError):
    """A value PyYAML's constructors fail on with a plain Python error (0x_, !!int x)."""


CONTROL_HINT = "Such characters often come pasted from a PDF or a word processor; retype the line."


def _construct_timestamp(loader: AnyLineLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as error:
        raise InvalidValue(
            problem=f"'{node.value}' is not a real date ({error})",
            problem_mark=node.start_mark,
        ) from error


class _FastLineLoader(_LineNumbers, _FastBase):
    """The same loader on libyaml (about eight times faster), for files that parse cleanly.

    A file it rejects is parsed again by _LineLoader, whose error messages users see.
    """


for _loader in (_LineLoader, _FastLineLoader):
    _loader.construct_object = _construct_object  # type: ignore[assignment,method-assign]
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


def _parse_fast(text: str, line_offset: int) -> tuple[Any, list[tuple[Any, int]]] | None:
    """Data and repeated keys from libyaml, or None when the file needs the careful parser."""
    if not yaml.__with_libyaml__:
        return None  # PyYAML built without libyaml
    try:
        loader = _FastLineLoader(text)
    except (UnicodeEncodeError, yaml.YAMLError):  # lone surrogates: the careful parser says so
        return None
    loader.line_offset = line_offset
    try:
        return loader.get_single_data(), loader.repeated_keys
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path, problems: Problems, line_offset: int = 0) -> Any:
    """Parse YAML text; a syntax error is reported and gives UNREADABLE; None means empty.

    Repeated keys are reported too, but the data is still returned.
    """
    fast = _parse_fast(text, line_offset)
    if fast is not None:
        data, repeated_keys = fast
        _report_repeated_keys(repeated_keys, path, problems)
        return data
    try:
        loader = _LineLoader(text)  # the reader rejects control characters here
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1 + line_offset
        problems.add(
            Location(path, line),
            f"holds an invisible control character (U+{error.character:04X}), "
            "which YAML does not allow.",
            CONTROL_HINT,
        )
        return UNREADABLE
    loader.line_offset = line_offset
    try:
        data = loader.get_single_data()
    except RecursionError:
        problems.add(
            Location(path),
            "is nested too deeply to read (hundreds of levels of [ or {).",
            "Check for brackets that are never closed.",
        )
        return UNREADABLE
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path)
        if mark is not None:
            where = Location(path, int(mark.line) + 1 + line_offset, int(mark.column) + 1)
        what = error.problem or error.context or "invalid YAML"
        if isinstance(error, InvalidValue):
            problems.add(where, f"{what}.", "Write dates as YYYY-MM-DD.")
        elif isinstance(error, MalformedValue):
            problems.add(where, f"{what}.", "Put the value in quotes to make it plain text.")
        elif "character '\\t'" in what:  # PyYAML escapes the tab it found
            problems.add(
                where,
                "YAML syntax error: a tab is used for indentation.",
                "Indent with spaces only (most editors can turn tabs into spaces).",
            )
        else:
            problems.add(where, f"YAML syntax error: {what}.", YAML_HINT)
        return UNREADABLE
    except yaml.YAMLError as error:
        problems.add(Location(path), f"YAML syntax error: {error}.", YAML_HINT)
        return UNREADABLE
    finally:
        loader.dispose()
    _report_repeated_keys(loader.repeated_keys, path, problems)
    return data


def _report_repeated_keys(
    repeated_keys: list[tuple[Any, int]], path: Path, problems: Problems
) -> None:
    for key, line in repeated_keys:
        problems.add(
            Location(path, line),
            f"'{key}' is given twice in the same block; the second would silently win.",
            "Keep one of them.",
        )


def read_yaml_file(path: Path, problems: Problems) -> Any:
    """Read and parse a YAML file: its data, None if empty, or UNREADABLE (reported)."""
    text = read_text(path, problems)
    return UNREADABLE if text is None else parse_yaml(text, path, problems)


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a UTF-8 text file, reporting a missing or undecodable file as a problem."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(Location(path), "file not found.", "Check the file name and folder.")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        problems.add(
            Location(path, line),
            f"is not UTF-8 text: byte {error.start} (0x{error.object[error.start]:02x}) "
            "is not valid UTF-8.",
            "Save the file as UTF-8 in your editor (in Word or Notepad: Save As, Encoding: UTF-8).",
        )
    except OSError as error:
        problems.add(Location(path), f"cannot be read: {error.strerror}.")
    return None


def type_name(value: Any) -> str:
    """How a YAML value's type reads to a non-programmer."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return "a date" if hasattr(value, "isoformat") else type(value).__name__


class Record:
    """A YAML mapping being read into a typed object.

    Each getter records a problem and returns a fallback instead of raising, so one pass
    over the content reports every problem.
    """

    def __init__(self, data: YamlMap, path: Path, problems: Problems, what: str) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self.what = what
        self.known: list[str] = []  # set by reject_unknown
        self.misspelt: dict[Any, str] = {}  # unknown key -> the known key it was taken for

    @classmethod
    def of(
        cls, data: Any, path: Path, problems: Problems, what: str, line: int | None = None
    ) -> Record | None:
        """Wrap ``data`` if it is a mapping; otherwise report it and return None."""
        if isinstance(data, YamlMap):
            return cls(data, path, problems, what)
        if data is None:
            problems.add(
                Location(path, line),
                f"{what} is empty.",
                "Fill in its `key: value` lines; content/README.md shows an example.",
            )
            return None
        problems.add(
            Location(path, getattr(data, "line", None) or line),
            f"{what} should be a block of `key: value` lines, not {type_name(data)}.",
        )
        return None

    @property
    def location(self) -> Location:
        return Location(self.path, self.data.line or None)

    def location_of(self, key: str) -> Location:
        return Location(self.path, self.data.key_lines.get(key) or self.data.line or None)

    def value_location(self, key: str) -> Location:
        """Where the value's own text starts (the line after `key: |`)."""
        return Location(self.path, self.data.value_lines.get(key) or self.data.line or None)

    def report(self, key: str, message: str, hint: str | None = None) -> None:
        self.problems.add(self.location_of(key), message, hint)

    def _get(self, key: str, required: bool, check: Callable[[Any], bool], kind: str) -> Any:
        if key not in self.data or self.data[key] is None or self.data[key] == "":
            if required:
                self._report_missing(key)
            return None
        value = self.data[key]
        if not check(value):
            self.report(
                key, f"`{key}` should be {kind}, not {type_name(value)}.", _shape_hint(key, kind)
            )
            return None
        return value

    def _report_missing(self, key: str) -> None:
        """A missing key, unless it is only misspelt: then the misspelling is the problem."""
        typo = next((k for k, meant in self.misspelt.items() if meant == key), None)
        if typo is None:
            typo = self._misspelling_of(key)
            if typo is not None:
                self.misspelt[typo] = key
                self._report_unknown(typo, key)
        if typo is None:
            self.problems.add(
                self.location,
                f"{self.what} is missing `{key}`.",
                f"Add a line `{key}: ...` to this block.",
            )

    def _misspelling_of(self, key: str) -> Any:
        unknown = [str(k) for k in self.data if k not in self.known and k not in self.misspelt]
        close = difflib.get_close_matches(key, unknown, n=1) if self.known else []
        return close[0] if close else None

    def text(self, key: str, required: bool = True) -> str | None:
        value = self._get(key, required, lambda v: isinstance(v, str | int | float), "text")
        return None if value is None else str(value).strip()

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False, lambda v: isinstance(v, bool), "true or false")
        return default if value is None else bool(value)

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        """A list of text items; a single text is accepted as a list of one."""
        value = self._get(key, required, lambda v: isinstance(v, str | list), "a list of text")
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        items = []
        lines = getattr(value, "item_lines", [None] * len(value))
        for item, line in zip(value, lines, strict=True):
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                items.append(str(item).strip())
            else:
                self.problems.add(
                    Location(self.path, line),
                    f"each item of `{key}` should be text, not {type_name(item)}.",
                )
        return tuple(items)

    def mapping(self, key: str, required: bool = False) -> Record | None:
        value = self._get(key, required, lambda v: isinstance(v, dict), "a block of keys")
        return None if value is None else Record(value, self.path, self.problems, f"`{key}`")

    def records(self, key: str, what: str) -> list[Record]:
        value = self._get(key, False, lambda v: isinstance(v, list), "a list")
        return list(each_record(value or YamlList(), self.path, self.problems, what))

    def reject_unknown(self, known: Iterable[str]) -> None:
        """Report keys the format does not define, suggesting the likely intended one."""
        self.known = list(known)
        for key in self.data:
            if key in self.known or key in self.misspelt:
                continue
            close = difflib.get_close_matches(str(key), self.known, n=1)
            if close:
                self.misspelt[key] = close[0]
            self._report_unknown(key, close[0] if close else None)

    def _report_unknown(self, key: Any, meant: str | None) -> None:
        known = ", ".join(self.known)
        hint = f"Did you mean `{meant}`?" if meant else f"Known keys: {known}."
        self.report(key, f"{self.what} has an unknown key `{key}`.", hint)


MAX_NAME_BYTES = 255  # the longest file or folder name most file systems allow


def file_name_problem(name: str) -> str | None:
    """Why a file name written in content cannot name a file, checked before the disk is
    asked (which would raise on a NUL or an over-long name); None if it can."""
    if "\0" in name or any(ord(c) < 32 for c in name):
        return "contains an invisible control character"
    parts = name.replace("\\", "/").split("/")
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
        return f"has a part longer than {MAX_NAME_BYTES} bytes, which no file can be named"
    return None


def relative_file_name(name: str) -> PurePosixPath | None:
    """``name`` as a path below the folder it is read from; None if it is absolute, climbs
    out with `..`, or names a drive or a URL scheme."""
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or ":" in name:
        return None
    return relative


def _shape_hint(key: str, kind: str) -> str:
    """How to write a value of this kind in YAML."""
    if kind == "text":
        return f"Write it on the same line, `{key}: your text`; put it in quotes if it has ': '."
    if kind == "true or false":
        return f"Write `{key}: true` or `{key}: false`."
    if kind.startswith("a list"):
        return f"Write it as a list: `{key}: [first, second]`, or one `- item` per line."
    return f"Put its `key: value` lines on the lines below `{key}:`, indented by two spaces."


def each_record(items: list[Any], path: Path, problems: Problems, what: str) -> Iterable[Record]:
    """The mappings in a YAML list, reporting items that are not mappings."""
    lines = getattr(items, "item_lines", [None] * len(items))
    for item, line in zip(items, lines, strict=True):
        record = Record.of(item, path, problems, what, line)
        if record is not None:
            yield record
