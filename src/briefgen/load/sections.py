"""A brief's sections, found by their headings: a question may ask students to write one
for themselves, and the student edition then leaves it out."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token

from briefgen.load.markdown import ParsedProse


@dataclass(frozen=True)
class Section:
    """A heading and what follows it, up to the next heading of the same or a higher level,
    as positions in the parsed tokens: ``tokens[start:end]``, the heading's three first."""

    heading: str
    level: int
    start: int
    end: int


def sections(parsed: ParsedProse) -> list[Section]:
    """Every section of ``parsed``, in order, nested ones included."""
    tokens = parsed.tokens
    opened = [
        (index, int(token.tag[1:]))
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    found = []
    for position, (start, level) in enumerate(opened):
        end = next(
            (index for index, deeper in opened[position + 1 :] if deeper <= level), len(tokens)
        )
        found.append(Section(tokens[start + 1].content.strip(), level, start, end))
    return found


def same_heading(one: str, other: str) -> bool:
    """Headings match whatever their case and spacing: a teacher types them from memory."""
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())


def find_section(parsed: ParsedProse, heading: str) -> Section | None:
    return next((s for s in sections(parsed) if same_heading(s.heading, heading)), None)


def plain_words(inline: Token) -> str:
    """An inline token's own words: its citations, notes and quotations, which are tokens of
    their own, left out; line breaks as spaces."""
    return "".join(
        " " if child.type in ("softbreak", "hardbreak") else child.content
        for child in inline.children or ()
        if child.type in ("text", "softbreak", "hardbreak", "code_inline")
    )
