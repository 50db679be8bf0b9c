"""Read YAML while keeping line numbers, and read records out of it with helpful errors.

PyYAML's nodes carry marks; the loader below keeps them on the mappings and lists it
builds, so a missing field or a wrong type can be reported as file:line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml

try:
    from yaml import CSafeLoader as _FastBase
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _FastBase  # type: ignore[assignment]

from briefgen.errors import Problems
from briefgen.load.reading import read_text
from briefgen.load.yaml_words import AT_ITS_START, in_plain_words
from briefgen.load.yamlaliases import RunawayAliases, load_document, report_runaway
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
    """Data and repeated keys from libyaml, or None when the file needs the careful parser.

    Raises RunawayAliases, which the careful parser would only find again, more slowly.
    """
    if not yaml.__with_libyaml__:
        return None  # PyYAML built without libyaml
    try:
        loader = _FastLineLoader(text)
    except (UnicodeEncodeError, yaml.YAMLError):  # lone surrogates: the careful parser says so
        return None
    loader.line_offset = line_offset
    try:
        return load_document(loader, text, _FastBase), loader.repeated_keys
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path, problems: Problems, line_offset: int = 0) -> Any:
    """Parse YAML text; a syntax error is reported and gives UNREADABLE; None means empty.

    Repeated keys are reported too, but the data is still returned.
    """
    try:
        return _parse_yaml(text, path, problems, line_offset)
    except RunawayAliases as runaway:
        report_runaway(runaway, text, path, problems, line_offset)
        return UNREADABLE


def _parse_yaml(text: str, path: Path, problems: Problems, line_offset: int) -> Any:
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
        data = load_document(loader, text, yaml.SafeLoader)
    except RecursionError:
        problems.add(
            Location(path),
            "is nested too deeply to read (hundreds of levels of [ or {).",
            "Check for brackets that are never closed.",
        )
        return UNREADABLE
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and (error.problem or "").startswith(AT_ITS_START):
            mark = error.context_mark
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
        elif plain := in_plain_words(what):
            problems.add(where, f"{plain[0]}.", plain[1])
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


def read_yaml_file(path: Path, problems: Problems, inside: Path | None = None) -> Any:
    """Read and parse a YAML file: its data, None if empty, or UNREADABLE (reported)."""
    text = read_text(path, problems, inside)
    return UNREADABLE if text is None else parse_yaml(text, path, problems)
