"""Straight quotation marks to typographic ones, as markdown-it's smartquotes rule makes
them, in linear time (a test holds the two to the same marks).

markdown-it's rule copies the rest of a text at every mark and its stack of open quotes at
every token, so one paragraph of n quoted phrases took n² time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

QUOTATION_MARK = re.compile(r"['\"]")  # the marks markdown-it's smartquotes rule turns


APOSTROPHE = "\u2019"


def smart_quotes(state: StateCore) -> None:
    """markdown-it's smartquotes rule (straight quotation marks to typographic ones) in
    linear time, giving the same marks: a test holds it to markdown-it's own.

    Theirs copies the rest of a text at every mark and its stack of open quotes at every
    token, so one paragraph of n quoted phrases took n² time. This one reads each text
    once, keeps the stack in place, and finds an open quote's partner through links
    between open quotes of one kind. Marks are set when a paragraph is done; until then a
    neighbour reads as the straight mark, which counts as punctuation just as the curly
    one does (our marks are one character, all punctuation).
    """
    if not state.md.options.typographer:
        return
    marks = state.md.options.quotes
    for token in state.tokens:
        if token.type == "inline" and token.children and QUOTATION_MARK.search(token.content):
            _set_quotation_marks(token.children, marks)


@dataclass
class _OpenQuote:
    token: int  # its text's index among the paragraph's tokens
    position: int
    single: bool
    level: int
    below: int  # the index in the stack of the open quote of its kind below it, or -1


def _set_quotation_marks(tokens: list[Token], marks: str | Sequence[str]) -> None:
    """markdown-it's ``process_inlines``, step for step, without its n² copying."""
    stack: list[_OpenQuote] = []  # open quotes, their levels rising to the top
    top = {True: -1, False: -1}  # the index of the topmost open quote of each kind
    changes: dict[int, dict[int, str]] = {}  # token index -> position -> typographic mark

    def pop_to(size: int) -> None:
        while len(stack) > size:
            dropped = stack.pop()
            top[dropped.single] = dropped.below

    for i, token in enumerate(tokens):
        level = token.level
        while stack and stack[-1].level > level:
            pop_to(len(stack) - 1)
        if token.type != "text":
            continue
        text = token.content
        for found in QUOTATION_MARK.finditer(text):
            start, single = found.start(), found[0] == "'"
            before = ord(text[start - 1]) if start else _edge_character(tokens, i, -1)
            after = ord(text[start + 1]) if start + 1 < len(text) else _edge_character(tokens, i, 1)
            before_punct = isMdAsciiPunct(before) or isPunctChar(chr(before))
            after_punct = isMdAsciiPunct(after) or isPunctChar(chr(after))
            before_space, after_space = isWhiteSpace(before), isWhiteSpace(after)
            can_open = not after_space and not (after_punct and not (before_space or before_punct))
            can_close = not before_space and not (before_punct and not (after_space or after_punct))
            if after == 0x22 and not single and 0x30 <= before <= 0x39:
                can_open = can_close = False  # 1"" : the first mark is inches
            if can_open and can_close:  # only between punctuation, not inside a word
                can_open, can_close = before_punct, after_punct
            if not can_open and not can_close:
                if single:
                    changes.setdefault(i, {})[start] = APOSTROPHE
                continue
            partner = top[single] if can_close else -1
            if partner >= 0 and stack[partner].level == level:
                opening = stack[partner]
                changes.setdefault(i, {})[start] = marks[3] if single else marks[1]
                changes.setdefault(opening.token, {})[opening.position] = (
                    marks[2] if single else marks[0]
                )
                pop_to(partner)
            elif can_open:
                stack.append(_OpenQuote(i, start, single, level, top[single]))
                top[single] = len(stack) - 1
            elif single:
                changes.setdefault(i, {})[start] = APOSTROPHE
    for i, positions in changes.items():
        text, pieces, done = tokens[i].content, [], 0
        for position in sorted(positions):
            pieces += [text[done:position], positions[position]]
            done = position + 1
        tokens[i].content = "".join([*pieces, text[done:]])


def _edge_character(tokens: list[Token], index: int, step: int) -> int:
    """The character before (step -1) or after (step 1) token ``index``, within its line:
    a space at a line break or the paragraph's edge."""
    index += step
    while 0 <= index < len(tokens) and tokens[index].type not in ("softbreak", "hardbreak"):
        content = tokens[index].content
        if content:
            return ord(content[-1] if step < 0 else content[0])
        index += step
    return 0x20
