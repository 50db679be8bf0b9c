"""Our prose as a learning platform shows it: plain text for names and titles, the
quotations a question rests on, word for word with who said them and where, and the XML
files that carry them."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from markupsafe import escape

from briefgen.model import Library, Quotation
from briefgen.render.companion import Companion
from briefgen.render.markdown import curly_quotes, inline_prose

NAME_CHARACTERS = 70  # of a question's name in a question bank, or a topic's title


def xml_document(element: ET.Element) -> bytes:
    """An XML file of ``element``, indented, with its declaration; an empty element is
    written with an end tag, as platforms' importers read most surely."""
    ET.indent(element, space="  ")
    body: bytes = ET.tostring(element, encoding="utf-8", short_empty_elements=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def short_name(name: str) -> str:
    """A question's name for the bank: its start, cut at a word."""
    words = plain(name)
    if len(words) <= NAME_CHARACTERS:
        return words
    return words[: NAME_CHARACTERS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def plain(text: str) -> str:
    """Our prose as plain text, with its typographic quotation marks and apostrophes."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", inline_prose(text))).split())


def quoted(quote_ids: tuple[str, ...], companion: Companion, library: Library) -> str:
    """The quotations, word for word, each with who said it, where, and its number."""
    blocks = []
    for quote_id in quote_ids:
        quotation = library.quotations.get(quote_id)
        if quotation is None:
            continue
        blocks.append(quotation_block(quotation, companion, library))
    return "".join(blocks)


def quotation_block(quotation: Quotation, companion: Companion, library: Library) -> str:
    source = library.sources[quotation.source_id]
    issuer = f"[{source.issuer.value}]" if source.issuer.inferred else source.issuer.value
    who = ", ".join(person.name for person in source.authors) or issuer
    number = companion.numbers.get(quotation.id)
    label = f" (Q{number})" if number else ""
    return (
        f"<blockquote><p>{curly_quotes(quotation.text)}</p>"
        f"<p>\u2014 {escape(who)}, <cite>{escape(source.short_title or source.title)}</cite>, "
        f"{escape(quotation.locator)}{label}</p></blockquote>"
    )
