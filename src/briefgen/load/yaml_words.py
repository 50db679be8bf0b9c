"""What PyYAML's syntax errors mean, in a teacher's words.

PyYAML reports what its parser expected ("expected <block end>, but found '<block
mapping start>'"); a teacher needs what is wrong on the line and how to mend it. Each
message it gives for the mistakes people make in hand-written YAML is matched here; the
line and column stay with the message, where the reader of the file looks.
"""

from __future__ import annotations

import re

INDENT_HINT = (
    "Lines of one block start at the same column, and a block inside a `key:` is indented "
    "two spaces more. Compare this line with the lines above it."
)
QUOTE_HINT = 'Put the whole value in quotes: text: "...".'

# (what PyYAML says, matched from its start; what is wrong; how to mend it)
PLAIN_WORDS: tuple[tuple[str, str, str], ...] = (
    (
        r"mapping values are not allowed here",
        "this line holds a colon and a space (': ') where YAML expects none: the line is "
        "indented more than the one above it, or a value holds ': '",
        'Line the key up with the keys above it, or put the whole value in quotes: text: "...".',
    ),
    (
        r"expected <block end>, but found '<block (mapping|sequence) start>'",
        "this line is indented differently from the lines above it",
        INDENT_HINT,
    ),
    (
        r"expected <block end>, but found '(-|<block sequence start>)'",
        "this list item (-) is not indented like the items above it",
        INDENT_HINT,
    ),
    (
        r"expected <block end>, but found '<scalar>'",
        "this line is indented less than the block it belongs to, or a value runs on "
        "without being indented",
        INDENT_HINT,
    ),
    (
        r"expected <block end>, but found '\?'",
        "this line starts a new `key:` where YAML expects another list item (-) or the end "
        "of the list",
        "Indent the key like the other keys of its block, or start the line with '- ' if "
        "it begins a new item.",
    ),
    (
        r"expected <block end>",
        "this line does not fit the block above it",
        INDENT_HINT,
    ),
    (
        r"could not find expected ':'",
        "a line has no `key: value` colon, or a value runs on to the next line without "
        "being indented",
        "Give each key a colon and a space; indent a long value's next lines, or put it in quotes.",
    ),
    (
        r"did not find expected key",
        "this line is indented differently from the other keys of its block",
        INDENT_HINT,
    ),
    (
        r"did not find expected '-' indicator",
        "this list item is not indented like the items above it",
        INDENT_HINT,
    ),
    (
        r"expected ',' or '\]'",
        "a list in [square brackets] is not closed, or an item in it holds a colon or a comma",
        "Close the list with ], and put any item with a colon or comma in quotes.",
    ),
    (
        r"expected ',' or '\}'",
        "a block in {curly brackets} is not closed",
        "Close it with }, or write its `key: value` lines on lines of their own.",
    ),
    (
        r"found unexpected end of stream",
        "a quotation mark opened here is never closed",
        "Close the quotation, or write a quotation mark inside the text as '' (in single "
        'quotes) or \\" (in double quotes).',
    ),
    (
        r"found unknown escape character",
        "a backslash in double quotes starts a code YAML does not know",
        "Use single quotes, or write the backslash twice (\\\\).",
    ),
    (
        r"found undefined alias",
        "a value starts with *, which YAML reads as a reference to elsewhere in the file",
        QUOTE_HINT,
    ),
    (
        r"found character '(.)' that cannot start any token",
        "a value starts with '{0}', which YAML keeps for itself",
        QUOTE_HINT,
    ),
    (
        r"expected alphabetic or numeric character, but found",
        "a value starts with & or *, which YAML reads as a reference",
        QUOTE_HINT,
    ),
    (
        r"expected the node content, but found",
        "a value is missing after a key or a dash, or it starts with a character YAML "
        "keeps for itself",
        "Give the value, or put it in quotes.",
    ),
)


# Found at the end of the file: the mistake is where the unfinished thing began.
AT_ITS_START = "found unexpected end of stream"


def in_plain_words(problem: str) -> tuple[str, str] | None:
    """What is wrong and how to mend it, for a PyYAML problem; None if it is not one we
    know (the caller then shows PyYAML's own words)."""
    for pattern, what, hint in PLAIN_WORDS:
        match = re.match(pattern, problem)
        if match:
            return (what.replace("{0}", match.group(1)) if match.groups() else what), hint
    return None
