"""How briefgen words things for people: counts with their plurals, and "did you mean"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence


def count(number: int, noun: str, plural: str = "") -> str:
    """ "1 pack", "2 packs"; ``plural`` for nouns that do not just add an s."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def closest(word: str, choices: Iterable[str], shortened: bool = False) -> str | None:
    """The choice ``word`` was most likely meant to be, if any is close enough.

    With ``shortened``, a choice that starts with ``word`` comes first: an id typed in part.
    """
    choices = list(choices)
    if shortened:
        start = next((choice for choice in choices if choice.startswith(word)), None)
        if start is not None:
            return start
    close = difflib.get_close_matches(word, choices, n=1)
    return close[0] if close else None


def did_you_mean(
    word: str, choices: Iterable[str], quote: str = "'", shortened: bool = False
) -> str:
    """ "Did you mean 'pack'?" for the closest choice, or "" when none is close.

    ``quote`` is "`" for keys of a YAML file, which messages show as code.
    """
    return suggest(closest(word, choices, shortened), quote)


def suggest(meant: str | None, quote: str = "'") -> str:
    """ "Did you mean 'pack'?" for a choice already found, or "" for none."""
    return f"Did you mean {quote}{meant}{quote}?" if meant else ""


def sentences(*parts: str) -> str:
    """The parts that say something, one space apart: a hint that may be "" drops out."""
    return " ".join(part for part in parts if part)


# The English month names, as an alternation for the patterns that find dates in prose.
MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")  # fmt: skip


def number_word(number: int) -> str:
    """ "three" for 3, as prose writes small numbers; "13" from thirteen on."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def listed(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c": parts as a sentence lists them."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
