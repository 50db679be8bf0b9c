"""Read records (YAML mappings) into typed objects, reporting every problem at file:line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from briefgen.errors import Problems
from briefgen.load.yamlfile import YamlList, YamlMap
from briefgen.model import Location
from briefgen.words import closest, suggest


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
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):  # blank: not given
            if required:
                self._report_missing(key)
            return None
        if not check(value):
            self.report(
                key, f"`{key}` should be {kind}, not {type_name(value)}.", _shape_hint(key, kind)
            )
            return None
        return value

    def _report_missing(self, key: str) -> None:
        """A missing key, unless it is only misspelt: then the misspelling is the problem."""
        if key in self.data:  # written, but with nothing (or only spaces) after it
            self.report(
                key,
                f"{self.what} has nothing after `{key}:`.",
                f"Write its text after `{key}:`, on the same line.",
            )
            return
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
        return closest(key, unknown) if self.known else None

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
            meant = closest(str(key), self.known)
            if meant:
                self.misspelt[key] = meant
            self._report_unknown(key, meant)

    def _report_unknown(self, key: Any, meant: str | None) -> None:
        hint = suggest(meant, "`") or f"Known keys: {', '.join(self.known)}."
        self.report(key, f"{self.what} has an unknown key `{key}`.", hint)


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
