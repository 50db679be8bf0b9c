"""Briefs' Markdown as HTML, and our own short YAML prose (notes, reasons) as inline HTML.

The load stage parses a brief (load/markdown.py) so the checker can see every citation,
note and quotation with its line; this module renders those tokens. It leaves the HTML for
notes and quotations to the caller (``Hooks``), so the render stage can use templates for
them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from briefgen.load.markdown import ParsedProse, parser
from briefgen.load.markdown_links import SAFE_LINK
from briefgen.load.markdown_syntax import Cite
from briefgen.load.smartquotes import smart_quotes
from briefgen.words import MONTH_NAMES


class Hooks(Protocol):
    """What the render stage supplies: the HTML for note references and quotations."""

    def citation(self, cites: tuple[Cite, ...]) -> str: ...

    def note(self, label: str) -> str: ...

    def quotation(self, quotation_id: str, block: bool, after: str = "") -> str:
        """``after``: punctuation that follows an inline quotation, set before its note."""
        ...

    def figure(self, figure_id: str) -> str:
        """A map or picture with its caption and credit."""
        ...

    def withheld(self, asked: str, teacher: bool) -> str:
        """A section students write for themselves: the prompt, or the teacher's note."""
        ...


def render(parsed: ParsedProse, hooks: Hooks) -> str:
    """Render parsed prose to HTML, asking ``hooks`` for notes and quotations."""
    return keep_last_words(
        str(_renderer().render(parsed.tokens, parser().options, {"hooks": hooks}))
    )


# A paragraph's last word, long enough to be hyphenated, with what may follow it: closing
# punctuation and a note reference.
LAST_WORD = re.compile(
    r"(?<![\w&#;-])([^\W\d_][\w’'-]{7,}[.,;:!?”’)]*)(?=(?:<sup[^>]*>(?:(?!</sup>).)*</sup>)?</p>)"
)


def keep_last_words(html: str) -> str:
    """Never hyphenate a paragraph's last word ("unaccept-/able."): a reader's eye drops to
    a line holding only half a word."""
    return LAST_WORD.sub(r'<span class="last-word">\1</span>', html)


@lru_cache(maxsize=1)
def _renderer() -> RendererHTML:
    """CommonMark's HTML renderer, with briefgen's tokens handed to the hooks."""
    renderer = RendererHTML()
    rules = {
        "citation": _render_citation,
        "note_ref": _render_note,
        "quotation_inline": _render_quotation,
        "quotation_block": _render_quotation,
        "withheld": _render_withheld,
        "figure_block": _render_figure,
        "text": _render_text,
        "malformed": _render_nothing,  # reported by the checker; never shown
        "table_refused": _render_nothing,
    }
    for name, rule in rules.items():
        renderer.rules[name] = rule.__get__(renderer)  # as MarkdownIt.add_render_rule does
    return renderer


@lru_cache(maxsize=4096)
def inline_prose(text: str) -> str:
    """Our own short prose from YAML (notes, reasons) as HTML: smart quotes, *emphasis*.

    Remembered: each edition and each target (web page, PDF) shows the same prose again.
    """
    return str(_inline_markdown().renderInline(text))


@lru_cache(maxsize=4096)
def curly_quotes(text: str) -> str:
    """A quotation's words as HTML with typographic quotation marks and apostrophes, as
    in the rest of our prose; nothing else is read as markup, so the words stay verbatim."""
    return str(_quotation_marks_only().renderInline(text))


@lru_cache(maxsize=1)
def _quotation_marks_only() -> MarkdownIt:
    md = MarkdownIt("zero", {"typographer": True})
    md.enable(["smartquotes"])
    md.core.ruler.at("smartquotes", smart_quotes)
    return md


@lru_cache(maxsize=1)
def _inline_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.add_render_rule("text", _render_text)
    md.enable(["smartquotes"])
    md.disable(["image"])
    md.validateLink = lambda url: bool(SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    return md


# A name whose parts are joined by hyphens, each capitalised but for a short particle:
# "NATO-ISAF", "US-Taliban", "Hizb-e-Islami".
# The span takes the whole word, with its punctuation ("NATO-ISAF's,"), so that the text
# reads the same to anything that takes words apart at tags.
HYPHENATED_NAME = re.compile(r"[^\s<>]*\b[A-Z]\w*(?:-(?:[a-z]{1,2}-)?[A-Z]\w*)+\b[^\s<>]*")


def keep_names(escaped: str) -> str:
    """Keep hyphenated names whole at line ends ("NATO-/ISAF" reads as two words)."""
    return HYPHENATED_NAME.sub(r'<span class="nowrap">\g<0></span>', escaped)


DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) ({MONTH_NAMES})\b|\b({MONTH_NAMES}) (\d{{1,2}})\b(?!\d)")


def keep_dates(text: str) -> str:
    """Keep a day with its month at line ends ("28 / February 2018" reads as a count); the
    year may still start a line, so a date costs a paragraph no more than a long word."""
    return DAY_MONTH.sub(lambda match: "\u00a0".join(filter(None, match.groups())), text)


def _render_text(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return keep_names(keep_dates(escapeHtml(tokens[idx].content)))


def _render_citation(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(env["hooks"].citation(tokens[idx].meta["cites"]))


def _render_note(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(env["hooks"].note(tokens[idx].meta["label"]))


def _render_quotation(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    block = token.type == "quotation_block"
    html = str(env["hooks"].quotation(token.meta["id"], block, token.meta.get("after", "")))
    return html + "\n" if block else html


def _render_figure(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(env["hooks"].figure(tokens[idx].meta["id"])) + "\n"


def _render_withheld(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    return str(env["hooks"].withheld(meta["asked"], meta["teacher"])) + "\n"


def _render_nothing(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return ""
