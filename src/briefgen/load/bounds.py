"""What one brief's Markdown may hold, so a shared project cannot exhaust the parser.

markdown-it keeps about 1.4 KB of tokens a table cell (a 4 MB table of short cells took
2.7 GB), so a brief's tables may hold MAX_TABLE_CELLS cells; and its inline parser takes
time growing with the square of a paragraph full of brackets (400,000 of them: minutes),
so a paragraph may be MAX_PARAGRAPH_CHARACTERS long. Real briefs stay far below both.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock, table
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# markdown-it keeps about 1.4 KB of tokens a table cell (a 4 MB table of short cells took
# 2.7 GB); no brief read in class needs more cells than this, a 40-page table.
MAX_TABLE_CELLS = 10_000  # in all the tables of one prose (a brief's body, or its lead)


TABLE_CELLS = "briefgen_table_cells"  # env key: the cells of the tables parsed so far


TABLE_HINT = (
    "A brief is read in class: keep the rows and columns a reader needs, and link to "
    "the full data (https://...)."
)


def bounded_table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, but a table that takes the prose past MAX_TABLE_CELLS
    becomes one "table_refused" token, and its cells are never all held at once."""
    if silent or not table(state, start, end, True):
        return False  # markdown-it's rule answers for a table that ends a paragraph
    tokens, used = state.tokens, state.env.get(TABLE_CELLS, 0)
    state.tokens = counted = _CountedCells(MAX_TABLE_CELLS - used)
    try:
        if not table(state, start, end, False):
            return False
    finally:
        state.tokens = tokens
    if used + counted.cells <= MAX_TABLE_CELLS:
        state.env[TABLE_CELLS] = used + counted.cells
        tokens += counted
        return True
    header = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    token = state.push("table_refused", "", 0)
    token.map = [start, state.line]
    token.content = header if len(header) <= 60 else header[:57] + "..."
    token.meta = {"cells": counted.cells, "before": used}
    return True


class _CountedCells(list[Token]):
    """The tokens of one table and a count of its cells; once there are more than
    ``room`` cells, tokens are counted only, not kept."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room
        self.cells = 0

    def append(self, token: Token) -> None:
        if token.type in ("th_open", "td_open"):
            self.cells += 1
        if self.cells <= self.room:
            super().append(token)


def table_refusal(token: Token) -> tuple[str, str]:
    """The message and hint for a "table_refused" token."""
    cells, before = token.meta["cells"], token.meta["before"]
    message = (
        f"this table has {cells:,} cells, which with the {before:,} of the tables before "
        f"it is more than the {MAX_TABLE_CELLS:,} a brief's tables may have"
        if before
        else f"this table has {cells:,} cells; a brief's tables may have {MAX_TABLE_CELLS:,}"
    )
    return message, TABLE_HINT


MAX_PARAGRAPH_CHARACTERS = 20_000  # about seven pages; a paragraph read in class is far less
PARAGRAPH_HINT = (
    "Break it into paragraphs with blank lines between them; a paragraph read in class is a "
    "few hundred words."
)


def bounded_paragraphs(state: StateCore) -> None:
    """Empty each paragraph (or heading, or cell) longer than MAX_PARAGRAPH_CHARACTERS before
    the inline parser sees it, noting its length and how it starts for the message."""
    for token in state.tokens:
        if token.type == "inline" and len(token.content) > MAX_PARAGRAPH_CHARACTERS:
            start = token.content[:60].split("\n", 1)[0]
            token.meta = {**(token.meta or {}), "refused": (len(token.content), start)}
            token.content = ""


def paragraph_refusal(length: int, what: str = "paragraph") -> tuple[str, str]:
    """The message and hint for a paragraph (or a note) that was too long."""
    return (
        f"this {what} is {length:,} characters long; a {what} may have "
        f"{MAX_PARAGRAPH_CHARACTERS:,}",
        PARAGRAPH_HINT,
    )
