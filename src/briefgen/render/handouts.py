"""Gather a source's one-page handout: the essentials a class needs in front of it.

A handout is about one source: the summary, the key points, three to five quotations with
their citations, the glossary terms the handout itself uses first, and the questions that draw
on this source alone (cross-source questions belong in the companion). The teacher
edition adds each question's answer guidance; teaching notes stay in the companion.

The web page shows all of it. The printed page keeps to what a class reads (handout.css):
the source's facts, the summary, the quotations and the words they use; its questions are
answered on the worksheet, which the printed page names (it prints them where there is no
worksheet). The build counts the pages it prints on (output/printed.py), and the index
says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.check.verbatim import find_term
from briefgen.model import (
    HANDOUT_QUOTES,
    GlossaryEntry,
    Library,
    Question,
    Quotation,
    Source,
)

HANDOUT_QUESTIONS = 5
HANDOUT_TERMS = 6  # at least: the handout glosses every term its text uses, its questions' first


@dataclass(frozen=True)
class Handout:
    source: Source
    quotations: tuple[Quotation, ...]
    glossary: tuple[GlossaryEntry, ...]
    questions: tuple[Question, ...]
    teacher: bool
    printed_pages: int | None = None  # as the build counted them; None: not counted
    # the terms the printed page's own text uses (summary and quotations): glossed on paper
    printed_terms: frozenset[str] = frozenset()

    @property
    def file_name(self) -> str:
        return handout_name(self.source.id)


def handout_name(source_id: str) -> str:
    return f"handout-{source_id}.html"


def gather_handout(source: Source, library: Library, teacher: bool) -> Handout:
    """The handout of ``source``; ``teacher`` adds the questions' answer guidance."""
    quotations = handout_quotations(source, library)
    teaching = library.teaching
    own_quotes = {q.id for q in library.quotations.values() if q.source_id == source.id}
    questions = tuple(q for q in teaching.questions if set(q.quotes) <= own_quotes)
    # every term the summary, the key points and the quotations use is glossed, so that a
    # student can read them; then, up to HANDOUT_TERMS, the terms its questions use first
    read = " ".join(
        [
            source.summary.text if source.summary else "",
            *(point.text for point in source.key_points),
            *(q.text for q in quotations),
        ]
    )
    shown_text = " ".join([read, *(q.question for q in questions)])
    used = {
        entry: place
        for entry in teaching.glossary
        if source.id in entry.source_ids and (place := _first_use(shown_text, entry)) is not None
    }
    needed = [entry for entry in teaching.glossary if _first_use(read, entry) is not None]
    printed = " ".join(
        [source.summary.text if source.summary else "", *(q.text for q in quotations)]
    )
    printed_terms = frozenset(e.term for e in needed if _first_use(printed, e) is not None)
    others = [entry for entry in sorted(used, key=lambda entry: used[entry]) if entry not in needed]
    chosen = needed + others[: max(0, HANDOUT_TERMS - len(needed))]
    glossary = tuple(sorted(chosen, key=lambda entry: entry.term.casefold()))
    return Handout(
        source=source,
        quotations=quotations,
        glossary=glossary,
        questions=questions[:HANDOUT_QUESTIONS],
        teacher=teacher,
        printed_terms=printed_terms,
    )


def handout_quotations(source: Source, library: Library) -> tuple[Quotation, ...]:
    """The source's ``handout_quotes``; else the key points' evidence, three to five.

    Chosen in key-point order (one per point, the first it cites), topped up from the
    source's other quotations, and shown in the order of the source.
    """
    own = [q for q in library.quotations.values() if q.source_id == source.id]
    if source.handout_quotes:
        chosen = [library.quotations[i] for i in source.handout_quotes if i in library.quotations]
    else:
        low, high = HANDOUT_QUOTES
        by_id = {q.id: q for q in own}
        picks = dict.fromkeys(
            point.quotes[0] for point in source.key_points if point.quotes[0] in by_id
        )
        chosen = [by_id[quote_id] for quote_id in list(picks)[:high]]
        chosen += [q for q in own if q not in chosen][: max(0, low - len(chosen))]
    order = {q.id: index for index, q in enumerate(own)}
    return tuple(sorted(chosen, key=lambda q: order.get(q.id, len(order))))


def _first_use(text: str, entry: GlossaryEntry) -> int | None:
    """Where the handout's text first uses the term (or another form of it), if it does."""
    found = (find_term(form, text) for form in (entry.term, *entry.also))
    return min((match.start() for match in found if match), default=None)
