"""Advice that does not stop a build: names a reader could confuse."""

from __future__ import annotations

import itertools
import re

from briefgen.model import Library

SHARED_RUN = 2  # words in a row two short titles may not share


def title_clashes(library: Library) -> list[str]:
    """Sources whose short titles share words a reader could take for the same document:
    "2nd Kabul Process" beside "Kabul Process Statement"."""
    warnings = []
    for first, second in itertools.combinations(library.sources.values(), 2):
        shared = _shared_words(first.short_title, second.short_title)
        if shared:
            warnings.append(
                f"{second.location}: the short titles of sources '{first.id}' "
                f"('{first.short_title}') and '{second.id}' ('{second.short_title}') share "
                f"the words '{shared}', so a reader may take one document for the other. Give "
                "each a `short_title` that names the document and who wrote or issued it, "
                "such as 'ISSI brief (Khan, 2018)'."
            )
    return warnings


def _shared_words(one: str, other: str) -> str:
    """The longest run of at least SHARED_RUN words both titles have, as the first has it."""
    words, others = _words(one), [word.casefold() for word in _words(other)]
    best: list[str] = []
    for start, end in itertools.combinations(range(len(words) + 1), 2):
        run = words[start:end]
        if len(run) > max(len(best), SHARED_RUN - 1) and _contains(others, run):
            best = run
    return " ".join(best)


def _words(title: str) -> list[str]:
    return re.findall(r"\w+", title)


def _contains(words: list[str], run: list[str]) -> bool:
    folded = [word.casefold() for word in run]
    return any(words[i : i + len(run)] == folded for i in range(len(words) - len(run) + 1))
