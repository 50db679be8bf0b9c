"""A line WeasyPrint ends after one word when the rest of the paragraph fits.

Text followed by an inline element ("...give no reasons. <span>Evidence: ...</span>")
ends with a space. Pango fits such text on one line, not counting the space, as CSS
says a space at the end of a line hangs; WeasyPrint then measures the line with the
space, finds it a few pixels too wide, and keeps only its first word, so "naming;"
stood alone on a line of the teacher's guidance. WeasyPrint 70 with Pango 1.50 does
this; Kozea/WeasyPrint#1051 describes the mismatch.

``mend_line_fit`` wraps WeasyPrint's line splitting: when a line came out short and
the text, without its trailing spaces, fits whole, the whole text is kept on the line.
The space then ends the line, where WeasyPrint removes it, or sits before the inline
element that follows, as it would have anyway.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

SHORT_LINE = 0.85  # a line this full or more was split where the words demanded it
COLLAPSIBLE = ("normal", "nowrap", "pre-line")


def mend_line_fit() -> None:
    """Install the mend in this process's WeasyPrint; once is enough."""
    from weasyprint.layout import inline

    if getattr(inline.split_first_line, "briefgen_mended", False):
        return
    inline.split_first_line = _kept_whole(inline.split_first_line)


def _kept_whole(split_first_line: Any) -> Any:
    @wraps(split_first_line)
    def split(
        text: str, style: Any, context: Any, max_width: float | None, *args: Any, **kwargs: Any
    ) -> Any:
        result = split_first_line(text, style, context, max_width, *args, **kwargs)
        _, _, resume_index, width, _, _ = result
        if (
            resume_index is None
            or max_width is None
            or width >= SHORT_LINE * max_width
            or not text.endswith(" ")
            or style["white_space"] not in COLLAPSIBLE
        ):
            return result
        words = split_first_line(text.rstrip(" "), style, context, max_width, *args, **kwargs)
        if words[2] is not None:
            return result  # the words themselves need another line
        return split_first_line(text, style, context, None, *args, **kwargs)

    split.briefgen_mended = True  # type: ignore[attr-defined]
    return split
