"""Markdown for briefs: CommonMark plus citations and verified quotations.

Three additions, borrowed from Pandoc/Quarto so they look familiar:

* ``[@id, locator]`` cites a source (or a quotation's source) in a numbered endnote;
  ``[see @a, point 3; @b]`` puts several in one note.
* ``[^label]`` is an explanatory endnote in our own words, written out on a line
  ``[^label]: text`` anywhere in the body (Pandoc footnote syntax).
* ``{{< quote ID >}}`` brings in a quotation from ``content/quotations``: alone in a
  paragraph it becomes a block quotation, inside a sentence an inline one.

Parsing keeps the line of every reference so the checker can report file:line; the render
stage turns the same tokens into HTML (render/markdown.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefgen.load.bounds import (
    MAX_PARAGRAPH_CHARACTERS,
    bounded_paragraphs,
    bounded_table_rule,
    paragraph_refusal,
    table_refusal,
)
from briefgen.load.fields import ID_PATTERN
from briefgen.load.markdown_links import SAFE_LINK, LineCounter, refused_links
from briefgen.load.markdown_syntax import (
    CITATION,
    SHORTCODE,
    UNREAD_CITATION,
    citation_rule,
    note_rule,
    shortcode_rule,
    unread_citations,
)
from briefgen.load.smartquotes import smart_quotes
from briefgen.model import Prose

PARSED_KEPT = 256  # proses whose parse is kept: a project's every brief, note and definition
TRAILING_PUNCTUATION = re.compile(r"^[.,;:!?]+")
NOTE_DEFINITION = re.compile(rf"^\[\^({ID_PATTERN})\]:[ \t]*(.*)$")
FIGURE_ALONE = (
    "a figure stands in a paragraph of its own",
    "Put {{< figure ID >}} on a line by itself, with blank lines around it.",
)
QUOTED_PHRASE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]")


@dataclass(frozen=True)
class Reference:
    """A use of an id in prose, for the checker: kind is "cite", "quote" or "note"."""

    kind: str
    target: str
    line: int
    locator: str = ""  # of a citation: where in the source, "para. 7"


@dataclass(frozen=True)
class Malformed:
    """Text that looks like a citation or shortcode but cannot be read as one."""

    line: int
    text: str
    message: str
    hint: str


@dataclass(frozen=True)
class NoteDefinition:
    """The text of an explanatory endnote, ``[^label]: text``, and the line it starts on."""

    label: str
    text: str
    line: int


@dataclass(frozen=True)
class QuotedPhrase:
    """Words our prose puts in double quotation marks: a quotation, so it is checked too."""

    text: str
    line: int


@dataclass
class ParsedProse:
    tokens: list[Token]
    references: list[Reference] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    quoted_phrases: list[QuotedPhrase] = field(default_factory=list)
    notes: dict[str, NoteDefinition] = field(default_factory=dict)


def parse(prose: Prose) -> ParsedProse:
    """Parse Markdown prose into tokens, collecting references with their file lines.

    Each check and the renderer parse the brief they look at: the same text is parsed
    once and the result shared, so read it and never change it.
    """
    return _parsed(prose.text, prose.location.line or 1)


@lru_cache(maxsize=PARSED_KEPT)
def _parsed(prose_text: str, first_line: int) -> ParsedProse:
    md = parser()
    env: dict[str, Any] = {}
    text, notes, repeated = _take_note_definitions(prose_text, first_line)
    tokens = md.parse(text, env)
    parsed = ParsedProse(tokens, notes=notes)
    parsed.malformed += repeated
    _mark_lines(tokens, first_line)
    _move_punctuation_before_notes(tokens)
    _promote_block_quotations(tokens)
    _shift_headings(tokens)
    for token in _inline_children(tokens):
        line = token.meta.get("line", first_line)
        if token.type == "citation":
            parsed.references += [
                Reference("cite", c.target, line, c.locator) for c in token.meta["cites"]
            ]
        elif token.type == "quotation_inline":
            parsed.references.append(Reference("quote", token.meta["id"], line))
        elif token.type == "note_ref":
            parsed.references.append(Reference("note", token.meta["label"], line))
        elif token.type == "malformed":
            parsed.malformed.append(Malformed(line, token.content, *token.meta["why"]))
        elif token.type == "figure_inline":
            parsed.malformed.append(
                Malformed(line, f"{{{{< figure {token.meta['id']} >}}}}", *FIGURE_ALONE)
            )
    for token in tokens:
        if token.type == "quotation_block":
            parsed.references.append(Reference("quote", token.meta["id"], token.meta["line"]))
        elif token.type == "figure_block":
            parsed.references.append(Reference("figure", token.meta["id"], token.meta["line"]))
        elif token.type == "table_refused" and token.map:
            parsed.malformed.append(_refused_table(token, first_line + token.map[0]))
        elif token.type == "inline" and token.map and token.meta.get("refused"):
            length, start = token.meta["refused"]
            line = first_line + token.map[0]
            parsed.malformed.append(Malformed(line, start, *paragraph_refusal(length)))
        elif token.type == "inline" and token.map:
            parsed.quoted_phrases += _quoted_phrases(token.content, first_line + token.map[0])
            parsed.malformed += [
                Malformed(*refused)
                for refused in refused_links(token.content, first_line + token.map[0])
            ]
            parsed.malformed += [
                Malformed(at, written, *UNREAD_CITATION)
                for at, written in unread_citations(token, first_line + token.map[0])
            ]
    for note in notes.values():
        parsed.quoted_phrases += _quoted_phrases(note.text, note.line)
    return parsed


def _take_note_definitions(
    text: str, first_line: int
) -> tuple[str, dict[str, NoteDefinition], list[Malformed]]:
    """Lift ``[^label]: text`` paragraphs out of the prose, keeping every other line where it
    was (so file lines stay right); return the rest, the notes, and what is wrong with them
    (a label defined twice, a note too long to read)."""
    lines = text.split("\n")
    notes: dict[str, NoteDefinition] = {}
    repeated: list[Malformed] = []
    index = 0
    while index < len(lines):
        match = NOTE_DEFINITION.match(lines[index])
        if not match:
            index += 1
            continue
        start, body = index, [match[2]]
        lines[index] = ""
        index += 1
        while (
            index < len(lines) and lines[index].strip() and not NOTE_DEFINITION.match(lines[index])
        ):
            body.append(lines[index].strip())
            lines[index] = ""
            index += 1
        label, line = match[1], first_line + start
        if label in notes:
            repeated.append(
                Malformed(
                    line,
                    f"[^{label}]",
                    "this note is written out twice",
                    f"Keep one `[^{label}]:` line (the other is at line {notes[label].line}).",
                )
            )
        elif sum(map(len, body)) > MAX_PARAGRAPH_CHARACTERS:
            length = sum(map(len, body))
            repeated.append(Malformed(line, f"[^{label}]", *paragraph_refusal(length, "note")))
            notes[label] = NoteDefinition(label, "", line)
        else:
            notes[label] = NoteDefinition(label, " ".join(" ".join(body).split()), line)
    return "\n".join(lines), notes, repeated


def _quoted_phrases(text: str, line: int) -> list[QuotedPhrase]:
    """Phrases in double quotes, ignoring citations, shortcodes and code spans."""
    blank = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731 - keeps offsets
    text = re.sub(r"`[^`]*`", blank, SHORTCODE.sub(blank, CITATION.sub(blank, text)))
    lines = LineCounter(text, line)
    return [
        QuotedPhrase(
            " ".join(match[1].replace("*", "").replace("_", " ").split()),
            lines.at(match.start()),
        )
        for match in QUOTED_PHRASE.finditer(text)
        if match[1].strip()
    ]


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one Markdown parser of briefs, with briefgen's rules; rendering is render/markdown.py."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "strikethrough", "smartquotes"])
    md.validateLink = lambda url: bool(SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    md.block.ruler.before("table", "briefgen_table", bounded_table_rule)
    md.inline.ruler.before("link", "briefgen_citation", citation_rule)
    md.inline.ruler.before("link", "briefgen_shortcode", shortcode_rule)
    md.inline.ruler.before("link", "briefgen_note", note_rule)
    md.core.ruler.at("smartquotes", smart_quotes)
    md.core.ruler.before("inline", "briefgen_paragraphs", bounded_paragraphs)
    return md


def _refused_table(token: Token, line: int) -> Malformed:
    return Malformed(line, token.content, *table_refusal(token))


def _inline_children(tokens: Sequence[Token]) -> list[Token]:
    return [child for token in tokens if token.children for child in token.children]


def _mark_lines(tokens: list[Token], first_line: int) -> None:
    """Give every citation and shortcode token its line in the file."""
    for token in tokens:
        if not token.children or not token.map:
            continue
        for child in token.children:
            if "offset" in child.meta:
                child.meta["line"] = first_line + token.map[0] + child.meta["offset"]


def _move_punctuation_before_notes(tokens: list[Token]) -> None:
    """Note numbers follow punctuation: "…women”, ⁴" becomes "…women”,⁴"."""
    for token in tokens:
        children = token.children or []
        for child, following in itertools.pairwise(children):
            if child.type == "quotation_inline" and following.type == "text":
                punctuation = TRAILING_PUNCTUATION.match(following.content)
                if punctuation:
                    child.meta["after"] = punctuation.group(0)
                    following.content = following.content[punctuation.end() :]


BLOCK_OF = {"quotation_inline": "quotation_block", "figure_inline": "figure_block"}


def _promote_block_quotations(tokens: list[Token]) -> None:
    """A paragraph holding only a quote shortcode becomes a block quotation, and one holding
    only a figure shortcode a figure.

    The list is built anew: replacing each paragraph in place shifted every later token,
    so a brief of n such paragraphs took n² time.
    """
    promoted: list[Token] = []
    index = 0
    while index < len(tokens):
        opening = tokens[index]
        if index + 2 < len(tokens) and opening.type == "paragraph_open":
            inline, closing = tokens[index + 1], tokens[index + 2]
            children = [
                child
                for child in inline.children or []
                if not (child.type in ("text", "softbreak") and not child.content.strip())
            ]
            if (
                closing.type == "paragraph_close"
                and len(children) == 1
                and children[0].type in BLOCK_OF
            ):
                kind = BLOCK_OF[children[0].type]
                block = Token(kind, "blockquote" if kind == "quotation_block" else "figure", 0)
                block.meta = dict(children[0].meta)
                block.map = opening.map
                promoted.append(block)
                index += 3
                continue
        promoted.append(opening)
        index += 1
    tokens[:] = promoted


def _shift_headings(tokens: list[Token]) -> None:
    """Make the body's top heading level h2 (the title is the only h1), keeping order."""
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    if not headings:
        return
    top = min(int(t.tag[1]) for t in headings)
    for token in headings:
        token.tag = f"h{min(6, int(token.tag[1]) - top + 2)}"
    used: set[str] = set()
    tried: dict[str, int] = {}  # slug -> the number of its last id (1: the slug alone)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            slug = _slug(tokens[index + 1].content) or "section"
            # Go on from the last id given for this slug (the ones before it stay taken):
            # trying slug, slug-2, slug-3... from the start made n like headings take n².
            n = tried.get(slug, 1)
            unique = slug if n == 1 else f"{slug}-{n}"
            while unique in used:
                n += 1
                unique = f"{slug}-{n}"
            tried[slug] = n
            used.add(unique)
            token.attrSet("id", unique)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
