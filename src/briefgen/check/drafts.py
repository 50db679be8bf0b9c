"""What a draft still lacks: warnings, not errors, so a new source or quotation shows in
the pack at once while `check` lists what is left to do."""

from __future__ import annotations

from briefgen.model import Library


def still_to_do(library: Library) -> list[str]:
    """A warning for each quotation with no note yet."""
    return [
        f"{quotation.location}: quotation '{quotation.id}' has no `note` yet. Say why the "
        "passage matters; only the teacher edition shows it."
        for quotation in library.quotations.values()
        if not quotation.note.strip()
    ]
