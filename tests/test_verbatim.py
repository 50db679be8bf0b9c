"""Word-for-word checking: what is normalised, and what still counts as wording."""

from __future__ import annotations

import pytest

from briefgen.check.verbatim import find_mismatch, normalise

PDF_EXTRACT = (
    "provide employment to those Taliban willing to join the process.1 More importantly, "
    "his offer for a constitutional\nreview,2 is significant\nincluding the rights of "
    "women.4A document, titled Offering Peace\nsupport for the\n sought assistance"
)
WEB_COPY = "1-Meeting just after\n\n2- A stable Afghanistan enables a stable region."
LAYOUT = (
    "to persuade low-\nlevel fighters \u2018to lay\u2019 down \u201ctheir\u201d arms \u2013 now"
)


@pytest.mark.parametrize(
    ("quotation", "source", "glued"),
    [
        ("join the process. More importantly,", PDF_EXTRACT, True),
        ("a constitutional review, is significant", PDF_EXTRACT, True),
        ("the rights of women. A document, titled Offering Peace", PDF_EXTRACT, True),
        ("Meeting just after", WEB_COPY, False),
        ("A stable Afghanistan enables a stable region.", WEB_COPY, False),
        ("persuade low-level fighters 'to lay' down \"their\" arms - now", LAYOUT, False),
        ("the process ... titled Offering Peace", PDF_EXTRACT, True),
        ("[T]o persuade low-level fighters", LAYOUT, False),
        ("those [fighters] willing to join", PDF_EXTRACT, True),
        ("meeting just after", WEB_COPY, False),  # the first letter may change case
    ],
)
def test_what_does_not_count_as_wording(quotation: str, source: str, glued: bool) -> None:
    assert find_mismatch(quotation, source, glued) is None


@pytest.mark.parametrize(
    ("quotation", "source", "kind"),
    [
        ("join the process. Most importantly,", PDF_EXTRACT, "changed"),
        ("join process. More importantly,", PDF_EXTRACT, "missing"),
        ("join the whole process. More importantly,", PDF_EXTRACT, "added"),
        ("titled Offering Peace ... join the process", PDF_EXTRACT, "order"),
        ("support for the sought assistance", PDF_EXTRACT, "gap"),
        ("Something else entirely was said here", PDF_EXTRACT, "absent"),
        ("A Stable Afghanistan enables a stable region.", WEB_COPY, "changed"),
    ],
)
def test_what_does(quotation: str, source: str, kind: str) -> None:
    mismatch = find_mismatch(quotation, source, True, gaps=["support for the"])
    assert mismatch is not None and mismatch.kind == kind


def test_glued_footnotes_are_only_removed_when_the_source_says_so() -> None:
    assert normalise("the process.1 More", glued_footnotes=True) == "the process. More"
    assert normalise("the process.1 More") == "the process.1 More"
    assert normalise("on February 28, 2018.", glued_footnotes=True) == "on February 28, 2018."


def test_a_bracket_stands_for_a_few_words_but_an_ellipsis_for_any_number() -> None:
    source = "alpha beta gamma " + "filler " * 30 + "omega"
    mismatch = find_mismatch("alpha [and] omega", source)
    assert mismatch is not None and mismatch.kind == "order"
    assert find_mismatch("alpha [and] gamma", source) is None
    assert find_mismatch("alpha ... omega", source) is None
    assert find_mismatch("alpha [...] omega", source) is None
    assert find_mismatch("alpha [\u2026] omega", source) is None


@pytest.mark.parametrize(
    ("quotation", "source"),
    [
        ("the official text", "the o\ufb03cial text"),  # a PDF's ffi ligature
        ("the \ufb01rst round", "the first round"),
        ("the Caf\u00e9 talks", "the Cafe\u0301 talks"),  # one character, or e and an accent
        ("the Cafe\u0301 talks", "the Caf\u00e9 talks"),
        ("join the process. More", "join the process.\u00b9 More"),  # a superscript note
        ("rights of women. A document", "rights of women.\u2074\u2070 A document"),
    ],
)
def test_letters_spelled_two_ways_in_unicode_are_the_same_words(
    quotation: str, source: str
) -> None:
    assert find_mismatch(quotation, source) is None


def test_an_accent_is_still_wording() -> None:
    mismatch = find_mismatch("the Cafe talks", "the Caf\u00e9 talks")
    assert mismatch is not None and mismatch.kind == "changed"
