"""A brief's title breaks where its phrases meet, not wherever the line runs out."""

from __future__ import annotations

from briefgen.render.pages import title_lines


def test_a_title_breaks_after_its_first_colon_or_question_mark() -> None:
    assert str(title_lines("From Reintegration to Recognition? Three Framings, 2009–2018")) == (
        '<span class="title-line">From Reintegration to Recognition?</span> '
        '<span class="title-line">Three Framings, <span class="nowrap">2009–2018</span></span>'
    )
    assert str(title_lines("Peace: a <short> history")) == (
        '<span class="title-line">Peace:</span> <span class="title-line">a &lt;short&gt; '
        "history</span>"
    )
    assert str(title_lines("Two Calls for Peace")) == "Two Calls for Peace"
