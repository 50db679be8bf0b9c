"""A brief's endnotes, numbered in reading order as its Markdown is rendered: each
citation, explanatory note and quotation becomes one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from briefgen.load import markdown as markup
from briefgen.load.markdown_syntax import Cite
from briefgen.model import Library, Quotation, Source
from briefgen.render.markdown import inline_prose


@dataclass(frozen=True)
class NoteEntry:
    """One source cited in an endnote, with the locator within it."""

    source: Source
    locator: str = ""
    prefix: str = ""
    quotation: Quotation | None = None
    first: bool = True  # the source's first citation: cited in full, later ones short


@dataclass(frozen=True)
class Endnote:
    """A numbered endnote: the sources it cites, or (``text``) an explanation in our words."""

    number: int
    entries: tuple[NoteEntry, ...]
    text: Markup | None = None


@dataclass
class NoteMaker:
    """Numbers endnotes in reading order and renders references and quotations."""

    library: Library
    macros: Any
    definitions: dict[str, markup.NoteDefinition] = field(default_factory=dict)
    endnotes: list[Endnote] = field(default_factory=list)
    # Sources cited so far, kept as notes are added: gathering them from every endnote at
    # each citation made a brief of n citations take n² time.
    cited: set[str] = field(default_factory=set, init=False, repr=False)

    def citation(self, cites: tuple[Cite, ...]) -> str:
        number = self._add(tuple(self._entry(cite) for cite in cites))
        return str(self.macros.note_ref(number))

    def note(self, label: str) -> str:
        number = len(self.endnotes) + 1
        text = Markup(inline_prose(self.definitions[label].text))
        self.endnotes.append(Endnote(number, (), text))
        return str(self.macros.note_ref(number))

    def figure(self, figure_id: str) -> str:
        return str(self.macros.figure(self.library.figures[figure_id]))

    def withheld(self, asked: str, teacher: bool) -> str:
        return str(self.macros.withheld_section(asked, teacher))

    def quotation(self, quotation_id: str, block: bool, after: str = "") -> str:
        quotation = self.library.quotations[quotation_id]
        source = self.library.sources[quotation.source_id]
        number = self._add((NoteEntry(source, quotation.locator, quotation=quotation),))
        return str(self.macros.quotation(quotation, source, number, block, after))

    def sources_in_order(self) -> list[Source]:
        """The sources cited, in the order of their first citation."""
        seen: dict[str, Source] = {}
        for note in self.endnotes:
            for entry in note.entries:
                seen.setdefault(entry.source.id, entry.source)
        return list(seen.values())

    def _entry(self, cite: Cite) -> NoteEntry:
        quotation = self.library.quotations.get(cite.target)
        if quotation is not None:
            source = self.library.sources[quotation.source_id]
            return NoteEntry(source, cite.locator or quotation.locator, cite.prefix, quotation)
        return NoteEntry(self.library.sources[cite.target], cite.locator, cite.prefix)

    def _add(self, entries: tuple[NoteEntry, ...]) -> int:
        entries = tuple(replace(e, first=e.source.id not in self.cited) for e in entries)
        self.cited.update(entry.source.id for entry in entries)
        number = len(self.endnotes) + 1
        self.endnotes.append(Endnote(number, entries))
        return number
