"""Words in quotation marks are the source's own, word for word; words outside them are ours.

The rules on the text itself: each source's copy can be checked against, each quotation
and quoted phrase is verbatim, and no summary or note copies a run of the source unquoted.
"""

from __future__ import annotations

from briefgen.check.checker import Checker
from briefgen.check.verbatim import normalise
from briefgen.load import markdown as markup
from briefgen.model import Location, Source
from briefgen.words import count

COPIED_RUN = 10  # this many words in a row from the source is copying, not summarising


def check_source_texts(check: Checker) -> None:
    """Each gap passage marks one place in its source, and no source's text is empty."""
    for source in check.library.sources.values():
        text = check.text(source).plain
        for gap in source.gaps:
            found = text.count(normalise(gap.after))
            if found != 1:
                where = "does not occur" if found == 0 else f"occurs {count(found, 'time')}"
                check.add(
                    source.location,
                    f'the gap passage "{gap.after}" {where} in {source.text_path.name}.',
                    "Copy a passage that occurs exactly once, just before the missing words.",
                )
        if not text:
            check.add(
                source.location,
                f"{source.text_path.name} is empty, so no quotation can be checked against it.",
                "Paste the full text of the source into it.",
            )


def check_quotations(check: Checker) -> None:
    """Each quotation names a source and is word for word in it."""
    library = check.library
    for quotation in library.quotations.values():
        source = library.sources.get(quotation.source_id)
        if quotation.source_id in library.unreadable:
            continue
        if source is None:
            check.add_unknown(
                quotation.location,
                f"quotation '{quotation.id}' names source '{quotation.source_id}', "
                "which does not exist.",
                quotation.source_id,
                library.sources,
                "Sources are the .yaml files in content/sources/; use a file name without .yaml.",
            )
            continue
        mismatch = check.mismatch(quotation.text, source)
        if mismatch is not None:
            check.add(
                quotation.location,
                f"quotation '{quotation.id}' is not word for word in source "
                f"'{source.id}': {mismatch.describe()}",
                f"Copy the passage exactly from {source.text_path.name}; mark cuts with ... "
                "and your own words in [square brackets].",
            )


def check_quoted_phrase(
    check: Checker,
    phrase: markup.QuotedPhrase,
    location: Location,
    sources: list[Source],
    whose: str = "this brief cites",
) -> None:
    """Words our prose puts in quotation marks are word for word in one of ``sources``."""
    mismatches = []
    for source in sources:
        mismatch = check.mismatch(phrase.text, source)
        if mismatch is None:
            return
        mismatches.append((source, mismatch))
    where = "."  # and so when there are no sources at all to be in
    if mismatches:
        source, closest = max(
            mismatches, key=lambda pair: (pair[1].kind != "absent", pair[1].word_number)
        )
        if closest.kind != "absent":
            where = f"; the nearest passage is in '{source.id}': {closest.describe()}"
    check.add(
        location,
        f'"{phrase.text}" is in quotation marks but is not word for word in the sources '
        f"{whose}{where}",
        "Copy the words exactly, or use {{< quote ID >}} for a checked quotation. "
        "If the marks are not a quotation (a title, a so-called term), use italics instead.",
    )


def check_own_words(check: Checker, text: str, what: str, theirs: str, location: Location) -> None:
    """Summaries are our own words: a long run copied from the source must be a quotation.

    ``theirs`` is the source normalised, lower-cased and padded with a space each side
    (``SourceText.lowered``).
    """
    ours = normalise(text).lower().split()
    for start in range(len(ours) - COPIED_RUN + 1):
        run = " ".join(ours[start : start + COPIED_RUN])
        if f" {run} " in theirs:
            check.add(
                location,
                f'{what} copies {COPIED_RUN} or more words in a row from the source: "{run}".',
                "Summaries are in our own words: rephrase it, or quote it in a quotation.",
            )
            return
