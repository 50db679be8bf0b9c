"""Read `reading_level:` from briefgen.yaml: how hard the texts a student reads may be."""

from __future__ import annotations

from briefgen.load.records import Record
from briefgen.model import ReadingLevel


def read_reading_level(config: Record, key: str) -> ReadingLevel | None:
    """`reading_level: 10`, or `{grade: 10, briefs: 13}`: the Flesch-Kincaid grade no text
    a student reads may exceed (the briefs may have their own)."""
    value = config.data.get(key)
    if value is None:
        return None
    if isinstance(value, dict):
        record = config.mapping(key)
        assert record is not None
        record.reject_unknown(["grade", "briefs"])
        grade = _grade(record, "grade", record.data.get("grade"))
        briefs = _grade(record, "briefs", record.data.get("briefs"))
        return None if grade is None else ReadingLevel(grade, briefs)
    grade = _grade(config, key, value)
    return None if grade is None else ReadingLevel(grade)


def _grade(record: Record, key: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 18:
        record.report(
            key,
            f"`{key}` should be a school grade from 1 to 18, such as 10, not '{value}'.",
            "Every text a student reads is then measured, and those above it are listed.",
        )
        return None
    return float(value)
