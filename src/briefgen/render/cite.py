"""Citations of the sources in the common styles, built only from what each source states.

What a source does not state is never made up: a fact briefgen's content marks as
inferred (the ISAF backgrounder's issuer and date, say) is printed in square brackets,
the bibliographers' mark for information supplied by the cataloguer, and the reason is
given where the format has room for it (BibTeX and CSL-JSON notes). A source with no URL
gets none, and only a source that records when its web copy was read gets an access date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefgen.model import Fact, Person, Source, SourceDate
from briefgen.render.authors import (
    apa_authors,
    chicago_authors,
    family_given,
    mla_authors,
    short_authors,
)

STYLES = ("apa", "chicago", "mla", "bibtex", "csl-json")
TEXT_STYLES = ("apa", "chicago", "mla")
MONTHS_MLA = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec.")  # fmt: skip


@dataclass(frozen=True)
class Run:
    """A piece of a citation; titles are set in italics."""

    text: str
    italic: bool = False


Citation = tuple[Run, ...]


def as_text(citation: Citation) -> str:
    return "".join(run.text for run in citation)


def as_html(citation: Citation) -> str:
    """The citation for a page: titles in <cite>, and what we supply in [brackets] kept
    on one line ("[Late / 2009]" read as two things)."""
    from markupsafe import escape

    return "".join(
        f"<cite>{escape(run.text)}</cite>" if run.italic else str(escape(_unbroken(run.text)))
        for run in citation
    )


SUPPLIED = re.compile(r"\[[^\]\s][^\]]{0,30}\]")


def _unbroken(text: str) -> str:
    return SUPPLIED.sub(lambda match: match.group(0).replace(" ", "\u00a0"), text)


def _supplied(fact: Fact) -> str:
    """A fact as cited: in [brackets] when the source does not state it."""
    return f"[{fact.value}]" if fact.inferred else fact.value


def has_inferred(source: Source, style: str) -> bool:
    """Whether the source's citation in ``style`` supplies a name, place or date in
    [brackets] (only Chicago gives the place)."""
    place = style == "chicago" and source.place is not None and source.place.inferred
    return bool(source.issuer.inferred or source.date.inferred or place)


def _author_or_issuer(source: Source) -> tuple[str, bool]:
    """Who a Chicago reference starts with, and whether it is a person (family name first)."""
    if source.authors:
        return chicago_authors(source.authors), True
    return _supplied(source.issuer), False


def _with_stop(text: str) -> str:
    """A name list as an element of its own: "Khan, Amina." but "Khan, Amina, et al." """
    return text if text.endswith(".") else text + "."


def _date(date: SourceDate, style: str, dates: str = "month-day") -> str:
    """The date as the style writes it; supplied in [brackets] when inferred. Chicago
    allows either order of day and month, so it follows the pack's ``dates`` style."""
    if style == "apa":
        text = str(date.year)
        if date.month:
            text += ", " + dt.date(date.year, date.month, 1).strftime("%B")
            if date.day:
                text += f" {date.day}"
    elif style == "mla":
        text = str(date.year)
        if date.month:
            text = f"{MONTHS_MLA[date.month - 1]} {date.year}"
            if date.day:
                text = f"{date.day} {text}"
    else:  # chicago
        text = str(date.year)
        if date.month:
            month = dt.date(date.year, date.month, 1).strftime("%B")
            text = f"{month} {date.year}"
            if date.day:
                text = _chicago_day(date.day, month, date.year, dates)
    if date.qualifier:
        text = f"{date.qualifier} {text}"
    return f"[{text}]" if date.inferred else text


def _chicago_day(day: int, month: str, year: int, dates: str) -> str:
    if dates == "day-month":
        return f"{day} {month} {year}"
    return f"{month} {day:02d}, {year}" if dates == "issue-brief" else f"{month} {day}, {year}"


def _year(date: SourceDate) -> str:
    """The year alone, as an author-date citation gives it: "2018", "[late 2009]"."""
    text = f"{date.qualifier} {date.year}" if date.qualifier else str(date.year)
    return f"[{text}]" if date.inferred else text


def _kind(source: Source) -> str:
    """ "Chairman’s statement": capitalised, its apostrophe typographic as in our prose."""
    kind = source.kind.replace("'", "\u2019")
    return kind[:1].upper() + kind[1:]


def cite(source: Source, style: str, dates: str = "month-day") -> Citation:
    """The full reference of a source in ``style`` (apa, chicago or mla); a Chicago date
    is written in the pack's ``dates`` style."""
    if style == "apa":
        return _apa(source)
    if style == "chicago":
        return _chicago(source, dates)
    if style == "mla":
        return _mla(source)
    raise ValueError(f"no text style {style!r}")


def _apa(source: Source) -> Citation:
    person = bool(source.authors)
    lead = _with_stop(apa_authors(source.authors) if person else _supplied(source.issuer))
    runs = [Run(f"{lead} ({_date(source.date, 'apa')}). "), Run(source.title, italic=True)]
    runs.append(Run(f" [{_kind(source)}]. "))
    if person:  # the publisher follows; an organisation as author is not repeated
        runs.append(Run(f"{_supplied(source.issuer)}."))
    runs += _web(source, "apa")
    return _tidy(runs)


def _chicago(source: Source, dates: str) -> Citation:
    lead, _ = _author_or_issuer(source)
    runs = [Run(f"{_with_stop(lead)} "), Run(source.title, italic=True), Run(". ")]
    if source.editor:
        runs.append(Run(f"Edited by {source.editor}. "))
    runs.append(Run(f"{_kind(source)}. "))
    place = f"{_supplied(source.place)}: " if source.place else ""
    publisher = _supplied(source.issuer) if source.authors else ""
    where = f"{place}{publisher}".rstrip(": ")
    date = _date(source.date, "chicago", dates)
    if not where:  # the date begins the element: capitalised ("[Late 2009]")
        date = date.replace(date.lstrip("[")[:1], date.lstrip("[")[:1].upper(), 1)
    runs.append(Run(f"{where}, {date}." if where else f"{date}."))
    runs += _web(source, "chicago", dates)
    return _tidy(runs)


def _mla(source: Source) -> Citation:
    runs: list[Run] = []
    if source.authors:
        runs.append(Run(f"{_with_stop(mla_authors(source.authors))} "))
    runs += [Run(source.title, italic=True), Run(". ")]
    parts = []
    if source.editor:
        parts.append(f"Edited by {source.editor}")
    parts.append(_supplied(source.issuer))
    parts.append(_date(source.date, "mla"))
    runs.append(Run(", ".join(parts) + "."))
    runs += _web(source, "mla")
    return _tidy(runs)


def _web(source: Source, style: str, dates: str = "month-day") -> list[Run]:
    runs = []
    if source.url:
        runs.append(Run(f" {source.url}" + ("" if style == "apa" else ".")))
    if source.accessed:
        when = source.accessed
        if style == "mla":
            runs.append(Run(f" Accessed {when.day} {MONTHS_MLA[when.month - 1]} {when.year}."))
        elif style == "chicago":
            day = _chicago_day(when.day, when.strftime("%B"), when.year, dates)
            runs.append(Run(f" Accessed {day}."))
    if source.archive_url:
        runs.append(Run(f" Archived copy: {source.archive_url}" + ("" if style == "apa" else ".")))
    return runs


def _archived(source: Source) -> list[str]:
    """Where a lasting copy is, for the formats with no field of their own for it."""
    return [f"Archived copy: {source.archive_url}."] if source.archive_url else []


def _tidy(runs: list[Run]) -> Citation:
    """No doubled full stops where a title or a value already ends in one; no space at the
    end."""
    if runs:
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].italic)
    tidied: list[Run] = []
    for run in runs:
        if (
            tidied
            and run.text.startswith(".")
            and tidied[-1].text.rstrip().endswith((".", "?", "!"))
        ):
            run = Run(run.text[1:], run.italic)
        tidied.append(run)
    return tuple(tidied)


def short_note(source: Source, style: str) -> Citation:
    """What an endnote gives before its locator, pointing to the full reference in the
    Sources list: Chicago's short note ("Khan, *ISSI brief (2018)*"), APA's author and
    year ("Khan, 2018"), MLA's author or, with none, short title."""
    lead, person = _short_lead(source, style)
    if style == "apa":
        return (Run(f"{lead}, {_year(source.date)}"),)
    if style == "mla":
        return (Run(lead),) if person else (Run(source.short_title or source.title, True),)
    return (Run(f"{lead}, "), Run(source.short_title or source.title, italic=True))


def _short_lead(source: Source, style: str) -> tuple[str, bool]:
    """Family names ("Khan & Smith"), else the issuer as the full reference begins with it."""
    if source.authors:
        return short_authors(source.authors, style), True
    return _supplied(source.issuer), False


def in_text(source: Source, style: str, locator: str = "") -> str:
    """The short form that points to the full reference: (Khan, 2018, para. 3)."""
    lead, person = _short_lead(source, style)
    where = f", {locator}" if locator else ""
    if style == "apa":
        return f"({lead}, {_year(source.date)}{where})"
    if style == "mla":
        return f"({lead if person else source.short_title or source.title}{where.lstrip(',')})"
    return f"{lead}, {source.short_title or source.title}{where}."


def bibtex(sources: Iterable[Source]) -> str:
    return "\n".join(_bibtex_entry(source) for source in sources)


def _bibtex_entry(source: Source) -> str:
    entry = "techreport" if source.authors or _is_report(source) else "misc"
    fields = []
    if source.authors:
        names = " and ".join(", ".join(family_given(p)) for p in source.authors)
        fields.append(("author", names))
    else:
        fields.append(("author", "{" + source.issuer.value + "}"))
    fields.append(("title", "{" + source.title + "}"))
    if entry == "techreport":
        fields.append(("institution", source.issuer.value))
    else:
        fields.append(("organization", source.issuer.value))
    fields.append(("type", _kind(source)))
    if source.editor:
        fields.append(("editor", source.editor))
    if source.place:
        fields.append(("address", source.place.value))
    fields.append(("year", str(source.date.year)))
    if source.date.month and not source.date.inferred:
        fields.append(("date", source.date.iso()))
    if source.url:
        fields.append(("url", source.url))
    if source.accessed:
        fields.append(("urldate", source.accessed.isoformat()))
    notes = _inferred_notes(source) + _archived(source)
    if notes:
        fields.append(("note", " ".join(notes)))
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields)
    return f"@{entry}{{{source.id},\n{body}\n}}\n"


def _bibtex_escape(value: str) -> str:
    return value.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")


def _is_report(source: Source) -> bool:
    """Briefs and backgrounders are reports to a reference manager; statements are not."""
    return "brief" in source.kind or "backgrounder" in source.kind


def _inferred_notes(source: Source) -> list[str]:
    notes = []
    if source.issuer.inferred:
        notes.append(f"Issuer inferred: {' '.join(source.issuer.inferred.split())}")
    if source.date.inferred:
        notes.append(f"Date inferred: {' '.join(source.date.inferred.split())}")
    if source.place and source.place.inferred:
        notes.append(f"Place inferred: {' '.join(source.place.inferred.split())}")
    return notes


def csl_json(sources: Iterable[Source]) -> str:
    return json.dumps([_csl_item(source) for source in sources], indent=2, ensure_ascii=False)


def _csl_item(source: Source) -> dict[str, object]:
    item: dict[str, object] = {
        "id": source.id,
        "type": "report" if _is_report(source) else "document",
        "title": source.title,
        "genre": _kind(source),
        "publisher": source.issuer.value,
    }
    if source.short_title:
        item["title-short"] = source.short_title
    if source.authors:
        item["author"] = [
            dict(zip(("family", "given"), family_given(person), strict=True))
            for person in source.authors
        ]
    else:
        item["author"] = [{"literal": source.issuer.value}]
    if source.editor:
        family, given = family_given(Person(source.editor))
        item["editor"] = [{"family": family, "given": given}]
    if source.place:
        item["publisher-place"] = source.place.value
    parts = [source.date.year, source.date.month, source.date.day]
    issued: dict[str, object] = {"date-parts": [[part for part in parts if part]]}
    if source.date.inferred or source.date.qualifier:
        issued["circa"] = True
    item["issued"] = issued
    if source.url:
        item["URL"] = source.url
    if source.accessed:
        when = source.accessed
        item["accessed"] = {"date-parts": [[when.year, when.month, when.day]]}
    notes = _inferred_notes(source) + _archived(source)
    if notes:
        item["note"] = " ".join(notes)
    return item
