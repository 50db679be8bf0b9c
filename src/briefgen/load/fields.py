"""Each record's fields declared once, and the readers every content file shares.

As MkDocs' ``config_options`` do for mkdocs.yml, each field is a descriptor that knows its
key, whether it must be given, its default, how its value is read and which field of the
model's dataclass it fills; a ``Form`` lists a record's fields, and from that one list
derives the keys a file may use and the reading into the dataclass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from briefgen.load.records import Record
from briefgen.model import Prose, SourceDate

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]*"  # of sources, quotations, briefs, packs, notes
ID = re.compile(rf"^{ID_PATTERN}$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
QUALIFIERS = ("early", "mid", "late", "circa", "before")

T = TypeVar("T")
Values = dict[str, Any]  # a record's values so far, by the dataclass field they fill

# When a field is read. Within a step, fields are read in the order they are declared,
# which is also the order the keys are listed in to a user; a step puts a field before or
# after the others where the order its problems are reported in (several can share a line)
# or its reading depends on another field.
NAME = 0  # first, before unknown keys are reported: its value names the record in messages
FIRST = 1  # before the other fields
READ = 2  # the default
THEN = 3  # after the other fields
EXTRA = 4  # only once the record is whole: every required field read and usable
LAST = 5  # as EXTRA, after the other extra fields


class Field:
    """One key of a record: how its value is read is the subclass's ``read``."""

    def __init__(
        self,
        key: str,
        *,
        required: bool | Callable[[Values], bool] = False,
        default: Any = None,
        default_from: str | None = None,
        attr: str | tuple[str, ...] = "",
        step: int = READ,
    ) -> None:
        self.key = key
        self.required = required  # or a test of the values read before it
        self.default = default  # for a value not given (or given empty)
        self.default_from = default_from  # ... or the value of this other field
        # the dataclass fields it fills: by default the one named as its key
        self.attrs = (attr or key,) if isinstance(attr, str) else attr
        self.step = step

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"

    def is_required(self, values: Values) -> bool:
        return self.required(values) if callable(self.required) else self.required

    def read(self, record: Record, values: Values) -> Any:
        """The value, or None with any problem reported."""
        raise NotImplementedError

    def or_default(self, value: Any, values: Values) -> Any:
        """``value``, or the default when it is missing or empty and there is one."""
        if value or (self.default is None and self.default_from is None):
            return value
        return values[self.default_from] if self.default_from else self.default


class Text(Field):
    """A line of text (a number is taken as text), stripped."""

    def read(self, record: Record, values: Values) -> str | None:
        text: str | None = self.or_default(record.text(self.key, self.is_required(values)), values)
        return text


class Texts(Field):
    """A list of text items; a single text is taken as a list of one."""

    def read(self, record: Record, values: Values) -> tuple[str, ...]:
        return record.texts(self.key, self.is_required(values))


class Flag(Field):
    """true or false."""

    def read(self, record: Record, values: Values) -> bool:
        return record.flag(self.key, bool(self.default))


class Markdown(Field):
    """Markdown text, with the line its text starts on for the problems found in it."""

    def read(self, record: Record, values: Values) -> Prose | None:
        text = record.text(self.key, self.is_required(values))
        return None if text is None else Prose(text, record.value_location(self.key))


class Name(Field):
    """The text that names the record (its id, a term): later messages call it by it."""

    def __init__(self, key: str, names: str, **options: Any) -> None:
        super().__init__(key, required=True, step=NAME, **options)
        self.names = names  # what the record is: "question" makes "question 'q1'"

    def read(self, record: Record, values: Values) -> str | None:
        value = record.text(self.key)
        if value:
            record.what = f"{self.names} '{value}'"
        return value


class Id(Name):
    """An id, which references use: letters, digits, - and _ only."""

    def read(self, record: Record, values: Values) -> str | None:
        value = super().read(record, values)
        if value and not ID.match(value):
            record.report(
                self.key, f"{self.names} id '{value}' may use letters, digits, - and _ only."
            )
            return None
        return value


class Custom(Field):
    """A value read by a function, ``read(record, key, *values named in needs)``."""

    def __init__(
        self, key: str, read: Callable[..., Any], *, needs: tuple[str, ...] = (), **options: Any
    ) -> None:
        super().__init__(key, **options)
        self.reader = read
        self.needs = needs

    def read(self, record: Record, values: Values) -> Any:
        value = self.reader(record, self.key, *(values[name] for name in self.needs))
        return self.or_default(value, values)


class Part(Field):
    """A key read as part of another field (`logo_alt` with `logo`): it fills nothing itself."""

    def __init__(self, key: str, of: str) -> None:
        super().__init__(key, attr=())
        self.of = of

    def read(self, record: Record, values: Values) -> None:
        return None


class Block(Field):
    """A block of `key: value` lines read by a form of its own into its dataclass."""

    def __init__(
        self, key: str, form: Form[Any], *, needs: tuple[str, ...] = (), **options: Any
    ) -> None:
        super().__init__(key, **options)
        self.form = form
        self.needs = needs  # values of this record the block's form is given

    def read(self, record: Record, values: Values) -> Any:
        block = record.mapping(self.key, self.is_required(values))
        if block is None:
            return self.default
        return self.form.read(block, **{name: values[name] for name in self.needs})


class Records(Field):
    """A list of blocks, each read by a form; the ones that could not be read are left out."""

    def __init__(self, key: str, form: Form[Any], what: str, **options: Any) -> None:
        super().__init__(key, **options)
        self.form = form
        self.what = what  # what each block is, for its messages: "a key point"

    def read(self, record: Record, values: Values) -> tuple[Any, ...]:
        found = tuple(
            item
            for item in map(self.form.read, record.records(self.key, self.what))
            if item is not None
        )
        if self.is_required(values) and self.key not in record.data:
            record.text(self.key)  # reports the missing field
        return found


class Form(Generic[T]):
    """The fields of one kind of record, declared once, read into its dataclass.

    ``given`` names the dataclass fields the caller supplies to ``read`` (an id from the
    file name, say); ``location``, if given, defaults to where the record starts. A record
    is whole when every required field read before the extras has a value (with
    ``blank_ok``) or a non-empty one (without), and ``check``, if any, passes: a test
    across fields that reports what it finds.
    """

    def __init__(
        self,
        build: Callable[..., T],
        *fields: Field,
        given: tuple[str, ...] = (),
        blank_ok: bool = False,
        check: Callable[[Record, Values], bool] | None = None,
    ) -> None:
        self.build = build
        self.fields = fields
        self.keys = tuple(field.key for field in fields)  # the keys a file may use
        self.given = given
        self.blank_ok = blank_ok
        self.check = check
        ordered = sorted(fields, key=lambda field: field.step)  # stable: declaration order
        self._naming = [field for field in ordered if field.step == NAME]
        self._checked = [field for field in ordered if NAME < field.step < EXTRA]
        self._extras = [field for field in ordered if field.step >= EXTRA]
        self._attrs = [field.name for field in dataclasses.fields(build)]  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"Form({getattr(self.build, '__name__', self.build)})"

    def read(self, record: Record, **given: Any) -> T | None:
        """The record as its dataclass, or None when it is not whole (problems reported)."""
        values: Values = dict(given)
        if "location" in self.given and "location" not in values:
            values["location"] = record.location
        found = _read_each(self._naming, record, values)
        record.reject_unknown(self.keys)
        found += _read_each(self._checked, record, values)
        usable = self.check is None or self.check(record, values)
        for field, value in found:
            if field.is_required(values) and (value is None if self.blank_ok else not value):
                usable = False
        if not usable:
            return None
        _read_each(self._extras, record, values)
        return self.build(**{name: values[name] for name in self._attrs if name in values})


def _read_each(fields: list[Field], record: Record, values: Values) -> list[tuple[Field, Any]]:
    """Read ``fields`` in turn into ``values``, each seeing those read before it."""
    found = []
    for field in fields:
        value = field.read(record, values)
        _store(field, value, values)
        found.append((field, value))
    return found


def _store(field: Field, value: Any, values: Values) -> None:
    if len(field.attrs) == 1:
        values[field.attrs[0]] = value
    else:  # a value that fills several dataclass fields comes as a tuple of them
        values.update(zip(field.attrs, value or (None,) * len(field.attrs), strict=True))


# Dates -----------------------------------------------------------------------------------


def read_source_date(record: Record, key: str = "date") -> SourceDate | None:
    """A date as precise as the evidence, or a mapping marking it inferred with the reason."""
    if isinstance(record.data.get(key), dict):
        inner = record.mapping(key)
        assert inner is not None
        return INFERRED_DATE.read(inner)
    return parse_partial_date(record, key)


def _read_qualifier(record: Record, key: str) -> str | None:
    qualifier = record.text(key, required=False)
    if qualifier and qualifier not in QUALIFIERS:
        record.report(key, f"`{key}` should be one of {', '.join(QUALIFIERS)}, not '{qualifier}'.")
        return None
    return qualifier


def _date_parts(record: Record, key: str) -> tuple[int, int | None, int | None] | None:
    date = parse_partial_date(record, key)
    return None if date is None else (date.year, date.month, date.day)


# `date: {value: 2009, qualifier: late, inferred: reason}`
INFERRED_DATE = Form(
    SourceDate,
    Custom("value", _date_parts, attr=("year", "month", "day"), required=True, step=THEN),
    Custom("qualifier", _read_qualifier),
    Text("inferred", step=EXTRA),
    blank_ok=True,
)


def parse_partial_date(record: Record, key: str) -> SourceDate | None:
    value: Any = record.data.get(key)
    if value is None:
        record.text(key)  # reports the missing field
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return SourceDate(value.year, value.month, value.day)
    match = PARTIAL_DATE.match(str(value).strip())
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            dt.date(year or 1, month or 1, day or 1)
        except ValueError as error:
            record.report(key, f"`{key}` is not a real date: {value} ({error}).")
            return None
        assert year is not None
        return SourceDate(year, month, day)
    record.report(
        key,
        f"`{key}` should be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '{value}'.",
        "For example: 2017-06-06, or 2009 if only the year is known.",
    )
    return None
