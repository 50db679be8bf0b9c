"""Readers for the field types every content file shares: ids and dates of known precision."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from briefgen.load.records import Record
from briefgen.model import SourceDate

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]*"  # of sources, quotations, briefs, packs, notes
ID = re.compile(rf"^{ID_PATTERN}$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
QUALIFIERS = ("early", "mid", "late", "circa", "before")


def read_source_date(record: Record, key: str = "date") -> SourceDate | None:
    """A date as precise as the evidence, or a mapping marking it inferred with the reason."""
    value: Any = record.data.get(key)
    if isinstance(value, dict):
        inner = record.mapping(key)
        assert inner is not None
        inner.reject_unknown(["value", "qualifier", "inferred"])
        qualifier = inner.text("qualifier", required=False)
        if qualifier and qualifier not in QUALIFIERS:
            inner.report(
                "qualifier",
                f"`qualifier` should be one of {', '.join(QUALIFIERS)}, not '{qualifier}'.",
            )
            qualifier = None
        date = parse_partial_date(inner, "value")
        if date is None:
            return None
        return SourceDate(
            date.year,
            date.month,
            date.day,
            qualifier=qualifier,
            inferred=inner.text("inferred", required=False),
        )
    return parse_partial_date(record, key)


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
