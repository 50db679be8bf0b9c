"""Markdown for briefs: CommonMark plus citations and verified quotations.

Three additions, borrowed from Pandoc/Quarto so they look familiar:

* ``[@id, locator]`` cites a source (or a quotation's source) in a numbered endnote;
  ``[see @a, point 3; @b]`` puts several in one note.
* ``[^label]`` is an explanatory endnote in our own words, written out on a line
  ``[^label]: text`` anywhere in the body (Pandoc footnote syntax).
* ``{{< quote ID >}}`` brings in a quotation from ``content/quotations``: alone in a
  paragraph it becomes a block quotation, inside a sentence an inline one.

Parsing keeps the line of every reference so the checker can report file:line.
Rendering leaves the HTML for notes and quotations to the caller (``Hooks``), so the
render stage can use templates for them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from briefgen.model import Prose

ID = r"[A-Za-z0-9][A-Za-z0-9_-]*"
CITATION = re.compile(r"\[([^\[\]\n]*@[^\[\]]*)\]")
CITED_ITEM = re.compile(
    rf"^\s*(?P<prefix>[^@]*?)\s*@(?P<id>{ID})\s*,?\s*(?P<locator>.*?)\s*$", re.S
)
SHORTCODE = re.compile(r"\{\{<\s*(?P<body>.*?)\s*>\}\}", re.S)
QUOTE_ARGS = re.compile(rf"^quote\s+(?P<id>{ID})$")
SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#)", re.I)
MARKDOWN_LINK = re.compile(r"(?P<image>!?)\[[^\]\n]*\]\(\s*<?(?P<target>[^)\s>]*)[^)]*\)")
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
LINK_HINT = (
    "Links may go to web pages (https://...), email addresses (mailto:...) or places in "
    "the same page (#...), never to files."
)
IMAGE_HINT = (
    "Briefs are words only; describe the image in words or put it in a template "
    "(the issuer's logo goes in briefgen.yaml as issuer.logo)."
)
TRAILING_PUNCTUATION = re.compile(r"^[.,;:!?]+")
NOTE_REF = re.compile(rf"\[\^({ID})\]")
NOTE_DEFINITION = re.compile(rf"^\[\^({ID})\]:[ \t]*(.*)$")
QUOTED_PHRASE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]")


@dataclass(frozen=True)
class Cite:
    """One item of a citation: a source or quotation id, with an optional locator."""

    target: str
    locator: str = ""
    prefix: str = ""


@dataclass(frozen=True)
class Reference:
    """A use of an id in prose, for the checker: kind is "cite", "quote" or "note"."""

    kind: str
    target: str
    line: int


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


class Hooks(Protocol):
    """What the render stage supplies: the HTML for note references and quotations."""

    def citation(self, cites: tuple[Cite, ...]) -> str: ...

    def note(self, label: str) -> str: ...

    def quotation(self, quotation_id: str, block: bool, after: str = "") -> str:
        """``after``: punctuation that follows an inline quotation, set before its note."""
        ...


def parse(prose: Prose) -> ParsedProse:
    """Parse Markdown prose into tokens, collecting references with their file lines."""
    md = _markdown()
    env: dict[str, Any] = {}
    first_line = prose.location.line or 1
    text, notes, repeated = _take_note_definitions(prose.text, first_line)
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
            parsed.references += [Reference("cite", c.target, line) for c in token.meta["cites"]]
        elif token.type == "quotation_inline":
            parsed.references.append(Reference("quote", token.meta["id"], line))
        elif token.type == "note_ref":
            parsed.references.append(Reference("note", token.meta["label"], line))
        elif token.type == "malformed":
            parsed.malformed.append(Malformed(line, token.content, *token.meta["why"]))
    for token in tokens:
        if token.type == "quotation_block":
            parsed.references.append(Reference("quote", token.meta["id"], token.meta["line"]))
        elif token.type == "inline" and token.map:
            parsed.quoted_phrases += _quoted_phrases(token.content, first_line + token.map[0])
            parsed.malformed += _refused_links(token.content, first_line + token.map[0])
    for note in notes.values():
        parsed.quoted_phrases += _quoted_phrases(note.text, note.line)
    return parsed


def _take_note_definitions(
    text: str, first_line: int
) -> tuple[str, dict[str, NoteDefinition], list[Malformed]]:
    """Lift ``[^label]: text`` paragraphs out of the prose, keeping every other line where it
    was (so file lines stay right); return the rest, the notes, and labels defined twice."""
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
        else:
            notes[label] = NoteDefinition(label, " ".join(" ".join(body).split()), line)
    return "\n".join(lines), notes, repeated


def _refused_links(text: str, line: int) -> list[Malformed]:
    """Images, and links that go anywhere but the web, email or this page: never rendered."""
    found = []
    for match in MARKDOWN_LINK.finditer(text):
        at = line + text.count("\n", 0, match.start())
        if match["image"]:
            found.append(Malformed(at, match[0], "a brief cannot show images", IMAGE_HINT))
        elif not SAFE_LINK.match(match["target"]):
            scheme = URL_SCHEME.match(match["target"])
            where = f"a '{scheme[0]}' address" if scheme else f"the file '{match['target']}'"
            found.append(Malformed(at, match[0], f"this link goes to {where}", LINK_HINT))
    return found


def _quoted_phrases(text: str, line: int) -> list[QuotedPhrase]:
    """Phrases in double quotes, ignoring citations, shortcodes and code spans."""
    blank = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731 - keeps offsets
    text = re.sub(r"`[^`]*`", blank, SHORTCODE.sub(blank, CITATION.sub(blank, text)))
    return [
        QuotedPhrase(
            " ".join(match[1].replace("*", "").replace("_", " ").split()),
            line + text.count("\n", 0, match.start()),
        )
        for match in QUOTED_PHRASE.finditer(text)
        if match[1].strip()
    ]


def render(parsed: ParsedProse, hooks: Hooks) -> str:
    """Render parsed prose to HTML, asking ``hooks`` for notes and quotations."""
    return str(_markdown().renderer.render(parsed.tokens, _markdown().options, {"hooks": hooks}))


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "strikethrough", "smartquotes"])
    md.validateLink = lambda url: bool(SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    md.inline.ruler.before("link", "briefgen_citation", _citation_rule)
    md.inline.ruler.before("link", "briefgen_shortcode", _shortcode_rule)
    md.inline.ruler.before("link", "briefgen_note", _note_rule)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("note_ref", _render_note)
    md.add_render_rule("quotation_inline", _render_quotation)
    md.add_render_rule("quotation_block", _render_quotation)
    md.add_render_rule("malformed", lambda self, tokens, idx, options, env: "")
    return md


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = CITATION.match(state.src, state.pos)
    if not match or (match.end() < len(state.src) and state.src[match.end()] in "([:"):
        return False
    cites = []
    for part in match.group(1).split(";"):
        item = CITED_ITEM.match(part)
        if not item:
            return _push_malformed(
                state,
                silent,
                match,
                "this citation cannot be read",
                "Write it as [@source-id, locator] or [@quotation-id]; "
                "separate several with ; as in [@a, point 3; @b].",
            )
        cites.append(Cite(item["id"], item["locator"], item["prefix"]))
    if not silent:
        token = state.push("citation", "sup", 0)
        token.meta = {"cites": tuple(cites), "offset": state.src.count("\n", 0, state.pos)}
    state.pos = match.end()
    return True


def _note_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[^", state.pos):
        return False
    match = NOTE_REF.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("note_ref", "sup", 0)
        token.meta = {"label": match[1], "offset": state.src.count("\n", 0, state.pos)}
    state.pos = match.end()
    return True


def _shortcode_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{<", state.pos):
        return False
    match = SHORTCODE.match(state.src, state.pos)
    if not match:
        return False
    args = QUOTE_ARGS.match(" ".join(match["body"].split()))
    if not args:
        return _push_malformed(
            state,
            silent,
            match,
            "this shortcode is not one briefgen knows",
            "The only shortcode is {{< quote ID >}}, with the id of a quotation.",
        )
    if not silent:
        token = state.push("quotation_inline", "q", 0)
        token.meta = {"id": args["id"], "offset": state.src.count("\n", 0, state.pos)}
    state.pos = match.end()
    return True


def _push_malformed(
    state: StateInline, silent: bool, match: re.Match[str], message: str, hint: str
) -> bool:
    if not silent:
        token = state.push("malformed", "", 0)
        token.content = match.group(0)
        token.meta = {"why": (message, hint), "offset": state.src.count("\n", 0, state.pos)}
    state.pos = match.end()
    return True


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


@lru_cache(maxsize=4096)
def inline_prose(text: str) -> str:
    """Our own short prose from YAML (notes, reasons) as HTML: smart quotes, *emphasis*.

    Remembered: each edition and each target (web page, PDF) shows the same prose again.
    """
    return str(_inline_markdown().renderInline(text))


@lru_cache(maxsize=1)
def _inline_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["smartquotes"])
    md.disable(["image"])
    md.validateLink = lambda url: bool(SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    return md


def _promote_block_quotations(tokens: list[Token]) -> None:
    """A paragraph holding only a quote shortcode becomes a block quotation."""
    index = 0
    while index + 2 < len(tokens):
        opening, inline, closing = tokens[index : index + 3]
        if opening.type == "paragraph_open" and closing.type == "paragraph_close":
            children = [
                child
                for child in inline.children or []
                if not (child.type in ("text", "softbreak") and not child.content.strip())
            ]
            if len(children) == 1 and children[0].type == "quotation_inline":
                block = Token("quotation_block", "blockquote", 0)
                block.meta = dict(children[0].meta)
                block.map = opening.map
                tokens[index : index + 3] = [block]
        index += 1


def _shift_headings(tokens: list[Token]) -> None:
    """Make the body's top heading level h2 (the title is the only h1), keeping order."""
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    if not headings:
        return
    top = min(int(t.tag[1]) for t in headings)
    for token in headings:
        token.tag = f"h{min(6, int(token.tag[1]) - top + 2)}"
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            slug = _slug(tokens[index + 1].content) or "section"
            unique, n = slug, 2
            while unique in used:
                unique, n = f"{slug}-{n}", n + 1
            used.add(unique)
            token.attrSet("id", unique)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _render_citation(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(env["hooks"].citation(tokens[idx].meta["cites"]))


def _render_note(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(env["hooks"].note(tokens[idx].meta["label"]))


def _render_quotation(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    block = token.type == "quotation_block"
    html = str(env["hooks"].quotation(token.meta["id"], block, token.meta.get("after", "")))
    return html + "\n" if block else html
