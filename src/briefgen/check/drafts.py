"""What a draft still lacks: warnings, not errors, so a new source or quotation shows in
the pack at once while `check` lists what is left to do."""

from __future__ import annotations

from briefgen.model import Library

TO_DO = "TO DO"  # how `briefgen add-source` marks what the teacher must fill in


def still_to_do(library: Library) -> list[str]:
    """A warning for each field of a source still marked "TO DO", and for each quotation
    with no note yet."""
    warnings = []
    for source in library.sources.values():
        fields = {
            "title": source.title,
            "short_title": source.short_title,
            "kind": source.kind,
            "issuer": source.issuer.value,
            "date": source.date.inferred or "",
        }
        left = [name for name, value in fields.items() if value.strip().startswith(TO_DO)]
        if left:
            warnings.append(
                f"{source.location}: source '{source.id}' is a draft: "
                f"{', '.join(f'`{name}`' for name in left)} still to do. The pack shows "
                "the draft as it is."
            )
    warnings += [
        f"{quotation.location}: quotation '{quotation.id}' has no `note` yet. Say why the "
        "passage matters; only the teacher edition shows it."
        for quotation in library.quotations.values()
        if not quotation.note.strip()
    ]
    return warnings
