"""What every check rule shares: the library, the problems found so far, and each source's
text normalised once, not once per rule."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from briefgen.check.verbatim import Mismatch, SourceText, find_term, mismatch_in, normalise
from briefgen.errors import Problems
from briefgen.model import Library, Location, Source
from briefgen.words import did_you_mean, sentences


class Checker:
    """One check of a library: rules read the library and the normalised source texts, and
    add what they find to ``problems``."""

    def __init__(self, library: Library, problems: Problems) -> None:
        self.library = library
        self.problems = problems
        self.texts = {
            source.id: SourceText.of(
                source.text, source.glued_footnote_numbers, [gap.after for gap in source.gaps]
            )
            for source in library.sources.values()
        }

    def add(self, location: Location, message: str, hint: str | None = None) -> None:
        self.problems.add(location, message, hint)

    def add_unknown(
        self, location: Location, message: str, name: str, known: Iterable[str], hint: str
    ) -> None:
        """Report that ``name`` names nothing, suggesting the known name it is closest to."""
        self.problems.add(location, sentences(message, did_you_mean(name, known)), hint)

    def text(self, source: Source) -> SourceText:
        return self.texts[source.id]

    @cached_property
    def every_text_lowered(self) -> str:
        """Every source's ``lowered`` text, for words that may come from any of them."""
        return " ".join(text.lowered for text in self.texts.values())

    def mismatch(self, quoted: str, source: Source) -> Mismatch | None:
        """Where ``quoted`` departs from ``source``, with the source's own normalisation rules."""
        return mismatch_in(quoted, self.text(source))

    def uses_term(self, term: str, source: Source) -> bool:
        """Whether the source uses the term as a word; abbreviations ("IS") must match in case."""
        return find_term(normalise(term), self.text(source).plain) is not None
