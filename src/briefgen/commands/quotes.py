"""`briefgen quotes`: find checked quotations and print each with its citation.

Only a project whose content checks out prints quotations, so each one printed is known to
be word for word what its source says.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from briefgen.commands.build import load_project
from briefgen.commands.cite import source_named
from briefgen.errors import BriefgenError, terminal_safe
from briefgen.render import quote_search as citations


def quotes(
    root: Path,
    source: str | None,
    tag: str | None,
    grep: str | None,
    output_format: str,
    style: str,
) -> None:
    """Print the quotations that match, as text, Markdown or JSON, cited in ``style``."""
    library = load_project(root, "no quotations can be printed until it is fixed").library
    if source is not None:
        source_named(library.sources, source)
    found = citations.matching_quotations(library.quotations.values(), source, tag, grep)
    if not found:
        raise BriefgenError(
            "no quotation matches. Try fewer words with --grep, or see "
            "`briefgen list quotes` for every quotation and its tags."
        )
    if output_format == "json":
        records = [
            citations.quotation_record(quotation, library.sources[quotation.source_id], style)
            for quotation in found
        ]
        click.echo(terminal_safe(json.dumps(records, indent=2, ensure_ascii=False)))
        return
    blocks = [
        citations.quotation_block(
            quotation, library.sources[quotation.source_id], style, output_format == "markdown"
        )
        for quotation in found
    ]
    click.echo(terminal_safe("\n".join(blocks)), nl=False)
