"""Checked quotations found by source, theme or words, each with its citation, for
`briefgen quotes`: as records (JSON), or as blocks ready to paste."""

from __future__ import annotations

from collections.abc import Iterable

from briefgen.check.verbatim import normalise
from briefgen.model import Quotation, Source
from briefgen.render.cite import TEXT_STYLES, as_text, cite, in_text


def matching_quotations(
    quotations: Iterable[Quotation],
    source_id: str | None = None,
    tag: str | None = None,
    grep: str | None = None,
) -> list[Quotation]:
    """The quotations of a source, with a tag, containing some words (any case, any
    spacing, straight or curly quotes)."""
    wanted = _searchable(grep) if grep else ""
    return [
        quotation
        for quotation in quotations
        if (source_id is None or quotation.source_id == source_id)
        and (tag is None or quotation.tagged(tag))
        and wanted in _searchable(quotation.text)
    ]


def _searchable(text: str) -> str:
    """Words as the checker compares them (quotes, dashes, spacing, Unicode), any case."""
    return normalise(text).casefold()


def quotation_record(quotation: Quotation, source: Source, style: str) -> dict[str, object]:
    """A quotation with its citation, for --format json."""
    return {
        "id": quotation.id,
        "source": source.id,
        "text": quotation.text,
        "locator": quotation.locator,
        "note": quotation.note,
        "tags": list(quotation.tags),
        "in_text": in_text(source, style, quotation.locator),
        "reference": as_text(cite(source, style)),
    }


def quotation_block(quotation: Quotation, source: Source, style: str, markdown: bool) -> str:
    """A quotation ready to paste: the words, the short citation with its locator, and the
    full reference."""
    text_style = style if style in TEXT_STYLES else "apa"
    short = in_text(source, text_style, quotation.locator)
    reference = cite(source, text_style)
    if markdown:
        full = "".join(f"*{run.text}*" if run.italic else run.text for run in reference)
        return f"> “{quotation.text}” {short}\n\n{full}\n"
    return f"“{quotation.text}” {short}\n{as_text(reference)}\n"
