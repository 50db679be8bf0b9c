"""WeasyPrint once ended a line after one word when the rest of the paragraph fitted."""

from __future__ import annotations

import pytest

from briefgen.render.builtin_theme import THEME_DIR

TEXT = (
    "Explanations must be offered as hypotheses: a chairman's summary of a meeting of 27 "
    "countries and organisations may avoid naming; a coalition backgrounder may prefer "
    "neutral labels. The texts themselves give no reasons. "
)


def _lines(width_mm: int) -> list[str]:
    from weasyprint import HTML

    fonts = (THEME_DIR / "fonts").as_uri()
    html = (
        f"<style>@font-face {{ font-family: Body; src: url({fonts}/CharisSIL-Regular.ttf) }}"
        f"p {{ font: 14px/1.4 Body; width: {width_mm}mm; margin: 0 }}</style>"
        f"<p>{TEXT}<span>Evidence: Q8.</span></p>"
    )
    page = HTML(string=html).render().pages[0]._page_box
    return [
        "".join(d.text for d in line.descendants() if type(d).__name__ == "TextBox").strip()
        for line in page.descendants()
        if type(line).__name__ == "LineBox"
    ]


@pytest.mark.pdf
def test_a_paragraph_ending_before_an_inline_element_keeps_its_words_together() -> None:
    """At this width the text before the span fits on its third line but for the space
    after "reasons."; WeasyPrint counted that space and left "backgrounder" alone."""
    from briefgen.output.line_fit import mend_line_fit

    mend_line_fit()
    assert _lines(129)[2:] == [
        "backgrounder may prefer neutral labels. The texts themselves give no reasons.",
        "Evidence: Q8.",
    ]
