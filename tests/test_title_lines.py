"""A brief's title breaks where its phrases meet; names and dates are not split at line ends."""

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


def test_hyphenated_names_are_kept_whole_at_line_ends() -> None:
    from briefgen.render.markdown import inline_prose

    assert inline_prose("NATO-ISAF's and Hizb-e-Islami, Afghan-led and re-integration") == (
        '<span class="nowrap">NATO-ISAF\u2019s</span> and <span class="nowrap">Hizb-e-Islami,'
        "</span> Afghan-led and re-integration"
    )


def test_a_paragraphs_last_word_is_never_hyphenated() -> None:
    from briefgen.render.markdown import keep_last_words

    assert keep_last_words('<p>Kabul finds it unacceptable.<sup class="n">20</sup></p>') == (
        '<p>Kabul finds it <span class="last-word">unacceptable.</span><sup class="n">20</sup></p>'
    )
    assert keep_last_words("<p>years of bloodshed.</p>\n<p>a short end.</p>") == (
        '<p>years of <span class="last-word">bloodshed.</span></p>\n<p>a short end.</p>'
    )


def test_a_day_stays_with_its_month_at_line_ends() -> None:
    from briefgen.render.markdown import inline_prose

    assert inline_prose("on 28 February 2018, March 9, 2018, in May 2019 or 2 mays") == (
        "on 28\u00a0February 2018, March\u00a09, 2018, in May 2019 or 2 mays"
    )


def test_quotations_show_typographic_quotation_marks_and_keep_their_words() -> None:
    from briefgen.render.markdown import curly_quotes

    assert curly_quotes("into 'peaceful dialog' and \"sincerely committed\" to *a* <b>") == (
        "into \u2018peaceful dialog\u2019 and \u201csincerely committed\u201d to *a* &lt;b&gt;"
    )
    assert curly_quotes("the Taliban's demand") == "the Taliban\u2019s demand"
