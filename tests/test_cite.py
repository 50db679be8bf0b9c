"""`briefgen cite` and `briefgen quotes`: citations built only from what the sources state,
inferred facts in [brackets], and checked quotations ready to paste."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefgen.model import Fact, Location, Person, Source, SourceDate
from tests.conftest import REPO, Run, invoke, replace_in

KHAN_APA = (
    "Khan, A. (2018, March 9). 2nd Kabul Process: Time for Taliban to Grasp the Moment "
    "[Issue brief]. Institute of Strategic Studies Islamabad."
)
# The bundled project cites as issue briefs do, in Chicago, with its own date style.
KHAN_CHICAGO = (
    "Khan, Amina. 2nd Kabul Process: Time for Taliban to Grasp the Moment. Edited by "
    "Najam Rafique. Issue brief. [Islamabad]: Institute of Strategic Studies Islamabad, "
    "9 March 2018."
)


def bundled(*args: str) -> str:
    result = invoke("--project", str(REPO), *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_apa_references_of_the_bundled_sources_in_alphabetical_order() -> None:
    assert bundled("cite").splitlines() == [
        "Chairman of the first Kabul Process meeting. (2017, June 6). Statement of Kabul "
        "Process for Peace and Security Cooperation [Chairman\u2019s statement].",
        KHAN_APA,
        # issuer and date are inferred, not stated: supplied in brackets
        "[NATO-ISAF]. ([late 2009]). Backgrounder: ISAF Support to Reintegration and "
        "Reconciliation [Backgrounder].",
    ]


def test_chicago_and_mla_give_editor_place_and_date_as_each_style_does() -> None:
    # Chicago writes a day as the project's date_style does (day-month here)
    assert bundled("cite", "issi-2018", "--format", "chicago") == KHAN_CHICAGO + "\n"
    assert bundled("cite", "issi-2018", "--format", "mla") == (
        "Khan, Amina. 2nd Kabul Process: Time for Taliban to Grasp the Moment. Edited by "
        "Najam Rafique, Institute of Strategic Studies Islamabad, 9 Mar. 2018.\n"
    )
    assert bundled("cite", "isaf-backgrounder", "--format", "chicago") == (
        "[NATO-ISAF]. Backgrounder: ISAF Support to Reintegration and Reconciliation. "
        "Backgrounder. [Late 2009].\n"
    )
    # MLA starts with the title when the author is the publisher
    assert bundled("cite", "kabul-2017", "--format", "mla").startswith(
        "Statement of Kabul Process for Peace and Security Cooperation. Chairman of the first "
        "Kabul Process meeting, 6 June 2017."
    )


def test_bibtex_and_csl_json_carry_the_reasons_for_what_is_inferred() -> None:
    bib = bundled("cite", "--format", "bibtex")
    entries = re.findall(r"^@(\w+)\{([\w-]+),$", bib, flags=re.MULTILINE)
    assert entries == [
        ("techreport", "isaf-backgrounder"),
        ("techreport", "issi-2018"),
        ("misc", "kabul-2017"),
    ]
    assert bib.count("{") == bib.count("}")
    assert "author = {Khan, Amina}" in bib and "editor = {Najam Rafique}" in bib
    assert "author = {{NATO-ISAF}}" in bib
    assert "note = {Issuer inferred: The text names no publisher;" in bib
    assert "url =" not in bib and "urldate" not in bib  # none of the sources gives one

    items = {item["id"]: item for item in json.loads(bundled("cite", "--format", "csl-json"))}
    assert items["issi-2018"]["author"] == [{"family": "Khan", "given": "Amina"}]
    assert items["issi-2018"]["issued"] == {"date-parts": [[2018, 3, 9]]}
    assert items["isaf-backgrounder"]["author"] == [{"literal": "NATO-ISAF"}]
    assert items["isaf-backgrounder"]["issued"] == {"date-parts": [[2009]], "circa": True}
    assert items["kabul-2017"]["publisher-place"] == "Kabul"
    assert items["kabul-2017"]["note"].startswith("Place inferred:")


def test_a_web_copy_with_its_address_and_the_day_it_was_read(mini: Path, run: Run) -> None:
    replace_in(
        mini / "content/sources/kabul.yaml",
        "text: kabul.txt",
        "text: kabul.txt\nurl: https://example.org/kabul-process\naccessed: 2017-06-20",
    )
    apa = run("cite", "kabul").output
    assert apa.rstrip().endswith("https://example.org/kabul-process")
    mla = run("cite", "kabul", "--format", "mla").output
    assert mla.rstrip().endswith("https://example.org/kabul-process. Accessed 20 June 2017.")
    bib = run("cite", "kabul", "--format", "bibtex").output
    assert "url = {https://example.org/kabul-process}" in bib and "urldate = {2017-06-20}" in bib
    item = json.loads(run("cite", "kabul", "--format", "csl-json").output)[0]
    assert item["URL"] == "https://example.org/kabul-process"
    assert item["accessed"] == {"date-parts": [[2017, 6, 20]]}


def test_a_wrong_address_or_access_date_is_a_content_error(mini: Path, run: Run) -> None:
    replace_in(
        mini / "content/sources/kabul.yaml",
        "text: kabul.txt",
        "text: kabul.txt\nurl: example.org/kabul\naccessed: last summer",
    )
    result = run("check")
    assert result.exit_code == 1
    assert "`url` should be a web address starting https://, not 'example.org/kabul'." in (
        result.output
    )
    assert (
        "`accessed` should be the day the web copy was read, as YYYY-MM-DD, not 'last summer'."
        in result.output
    )


def test_an_unknown_source_is_named_with_the_likely_one() -> None:
    result = invoke("--project", str(REPO), "cite", "isaf")
    assert result.exit_code == 2
    assert "Error: there is no source 'isaf'. Did you mean 'isaf-backgrounder'?" in result.output


def test_quotes_finds_checked_quotations_and_cites_them() -> None:
    text = bundled("quotes", "--grep", "BEST   offer")  # any case, any spacing
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("“In an unprecedented move, and what is being termed as the best")
    assert lines[0].endswith("” (Khan, 2018, para. 2)")
    assert lines[1] == KHAN_APA


def test_quotes_by_source_and_tag_in_markdown_and_json() -> None:
    markdown = bundled(
        "quotes", "--source", "kabul-2017", "--tag", "ceasefire", "--format", "markdown",
        "--style", "chicago",
    )  # fmt: skip
    blocks = markdown.strip().split("\n\n")
    assert blocks[0].startswith("> “") and blocks[0].endswith(
        "” Chairman of the first Kabul Process meeting, Kabul statement (2017), point 3."
    )
    assert blocks[1].startswith(
        "Chairman of the first Kabul Process meeting. *Statement of Kabul Process for Peace"
    )
    records = json.loads(bundled("quotes", "--source", "issi-2018", "--format", "json"))
    assert records and all(record["source"] == "issi-2018" for record in records)
    assert {"id", "text", "locator", "note", "tags", "in_text", "reference"} <= set(records[0])
    assert records[0]["reference"] == KHAN_APA


def test_quotes_refuses_while_a_quotation_is_wrong(mini: Path, run: Run) -> None:
    replace_in(mini / "content/quotations/quotes.yaml", "enables a stable", "ensures a stable")
    result = run("quotes")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: found 1 problem; no quotations can be printed until it is fixed:"
    )


def test_quotes_says_when_nothing_matches(mini: Path, run: Run) -> None:
    result = run("quotes", "--grep", "no such words anywhere")
    assert result.exit_code == 1
    assert result.output == (
        "Error: no quotation matches. Try fewer words with --grep, or see `briefgen list "
        "quotes` for every quotation and its tags.\n"
    )


@pytest.mark.pdf
def test_the_brief_lists_its_sources_in_full_in_html_and_pdf(built_pack: Path) -> None:
    from bs4 import BeautifulSoup
    from pypdf import PdfReader

    page = BeautifulSoup((built_pack / "brief.html").read_text("utf-8"), "html.parser")
    section = page.select_one("section.references")
    assert section is not None and section.h2.get_text() == "Sources"
    items = [item.get_text() for item in section.select("li")]
    assert items == [
        "Chairman of the first Kabul Process meeting. Statement of Kabul Process for Peace and "
        "Security Cooperation. Chairman\u2019s statement. [Kabul], 6 June 2017.",
        KHAN_CHICAGO,
        "[NATO-ISAF]. Backgrounder: ISAF Support to Reintegration and Reconciliation. "
        "Backgrounder. [Late\u00a02009].",  # what we supply stays on one line
    ]
    assert [cite.get_text() for cite in section.select("cite")][1] == (
        "2nd Kabul Process: Time for Taliban to Grasp the Moment"
    )
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(built_pack / "brief.pdf").pages
    )
    assert (
        "Sources Names, places and dates in square brackets are not stated in the source itself"
        in text
    )
    assert "Chairman of the first Kabul Process meeting. Statement of Kabul Process" in text
    assert "Khan, Amina. 2nd Kabul Process: Time for Taliban to Grasp the Moment." in text
    # with the full references listed, every endnote is Chicago's short note, starting as
    # its source's reference does; an inferred issuer keeps its brackets there too
    notes = [item.get_text(" ", strip=True) for item in page.select("section.endnotes li")]
    assert notes[0].startswith("[NATO-ISAF], ISAF backgrounder,")
    assert "Khan, ISSI brief (2018), para. 2 . \u2191" in notes
    assert not any("issue brief, Institute of Strategic Studies Islamabad" in n for n in notes)


def test_the_sources_follow_the_style_set_in_briefgen_yaml(mini: Path, run: Run) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(config.read_text("utf-8") + "citations:\n  style: MLA\n", "utf-8")
    assert run("build", "--format", "html").exit_code == 0
    page = (mini / "output/mini/student/brief.html").read_text("utf-8")
    assert (
        "<li>Khan, Amina. <cite>2nd Kabul Process: Time for Taliban to Grasp the Moment</cite>"
        in page
    )
    replace_in(config, "style: MLA", "style: harvard")
    result = run("check")
    assert result.exit_code == 1
    assert "`style` should be one of apa, chicago, mla, not 'harvard'." in result.output


@pytest.mark.pdf
def test_each_source_guide_in_the_companion_says_how_to_cite_it(built_pack: Path) -> None:
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built_pack / "companion.html").read_text("utf-8"), "html.parser")
    cite_as = {
        guide["id"]: guide.select_one(".cite-as").get_text()
        for guide in page.select("section.source-guide")
    }
    assert cite_as["source-issi-2018"] == f"Cite as: {KHAN_CHICAGO}"
    assert cite_as["source-isaf-backgrounder"].startswith("Cite as: [NATO-ISAF]. Backgrounder:")
    assert len(cite_as) == 3


@pytest.mark.parametrize(
    ("style", "khan", "kabul"),
    [
        ("apa", "Khan, 2018, <a", "Chairman of the first Kabul Process meeting, 2017, <a"),
        (
            "chicago",
            "Khan, <cite>ISSI brief (2018),</cite> <a",
            "Chairman of the first Kabul Process meeting, <cite>Kabul statement (2017),</cite>",
        ),
        ("mla", "Khan, <a", "<cite>Kabul statement (2017),</cite> <a"),
    ],
)
def test_endnotes_point_to_the_sources_list_in_its_own_style(
    mini: Path, run: Run, style: str, khan: str, kabul: str
) -> None:
    """Each endnote starts as its source's entry in the Sources list does, so a reader
    finds the one from the other: APA's author and year, Chicago's short note, MLA's
    author or short title."""
    config = mini / "briefgen.yaml"
    config.write_text(config.read_text("utf-8") + f"citations: {{style: {style}}}\n", "utf-8")
    assert run("build", "--format", "html").exit_code == 0
    page = (mini / "output/mini/student/brief.html").read_text("utf-8")
    notes = re.findall(r'<li id="note-\d+">(.*?)</li>', page, flags=re.DOTALL)
    assert any(note.startswith(khan) for note in notes), notes
    assert any(note.startswith(kabul) for note in notes), notes


def test_a_chicago_day_is_written_in_the_date_style_of_the_pack() -> None:
    from briefgen.model import SourceDate
    from briefgen.render.cite import _date

    day = SourceDate(2018, 3, 9)
    assert _date(day, "chicago", "day-month") == "9 March 2018"
    assert _date(day, "chicago", "month-day") == "March 9, 2018"
    assert _date(day, "chicago", "issue-brief") == "March 09, 2018"
    assert _date(SourceDate(2009, qualifier="late", inferred="why"), "chicago") == "[late 2009]"


def test_a_theme_is_found_however_it_is_typed() -> None:
    """Tags are themes in words ("Taliban position"); a teacher may type them as a slug."""
    typed = json.loads(bundled("quotes", "--tag", "taliban-position", "--format", "json"))
    written = json.loads(bundled("quotes", "--tag", "Taliban Position", "--format", "json"))
    assert len(typed) == 14 and typed == written
    assert all("Taliban position" in record["tags"] for record in typed)
    listed = bundled("list", "quotes", "--tag", "womens-rights")
    assert listed.count("[") == 2 and "women's rights" in listed


def _by(*names: str) -> Source:
    return Source(
        id="report", title="A Report", kind="report", issuer=Fact("Peace Institute"),
        date=SourceDate(2018, 3, 9), text="", text_path=Path("r.txt"),
        location=Location(Path("r.yaml"), 1), short_title="Report",
        authors=tuple(Person(name) for name in names),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("names", "apa", "chicago", "mla", "short"),
    [
        (
            ("Amina Khan", "Ben Smith"),
            "Khan, A., & Smith, B. (2018, March 9).",
            "Khan, Amina, and Ben Smith. A Report.",
            "Khan, Amina, and Ben Smith. A Report.",
            (
                "(Khan & Smith, 2018, p. 3)",
                "Khan and Smith, Report, p. 3.",
                "(Khan and Smith p. 3)",
            ),
        ),
        (
            ("Amina Khan", "Ben Smith", "Cara Lee"),
            "Khan, A., Smith, B., & Lee, C. (2018, March 9).",
            "Khan, Amina, Ben Smith, and Cara Lee. A Report.",
            "Khan, Amina, et al. A Report.",
            (
                "(Khan et al., 2018, p. 3)",
                "Khan, Smith, and Lee, Report, p. 3.",
                "(Khan et al. p. 3)",
            ),
        ),
        (
            tuple(f"Writer {letter}" for letter in "ABCDEFGHIJKL"),
            "A, W., B, W., C, W.",
            "A, Writer, Writer B, Writer C, Writer D, Writer E, Writer F, Writer G, et al. A",
            "A, Writer, et al. A Report.",
            ("(A et al., 2018, p. 3)", "A et al., Report, p. 3.", "(A et al. p. 3)"),
        ),
    ],
)
def test_several_authors_are_named_as_each_style_names_them(
    names: tuple[str, ...], apa: str, chicago: str, mla: str, short: tuple[str, str, str]
) -> None:
    """APA joins with & and lists all (to 20); Chicago inverts only the first name (to 10);
    MLA gives two, else the first and et al.; short forms give family names."""
    from briefgen.render.cite import as_text, cite, in_text

    source = _by(*names)
    assert as_text(cite(source, "apa")).startswith(apa)
    assert as_text(cite(source, "chicago")).startswith(chicago)
    assert as_text(cite(source, "mla")).startswith(mla)
    forms = tuple(in_text(source, style, "p. 3") for style in ("apa", "chicago", "mla"))
    assert forms == short


def test_apa_lists_twenty_authors_and_then_the_last_after_an_ellipsis() -> None:
    from briefgen.render.cite import as_text, cite

    reference = as_text(cite(_by(*(f"Writer {n}" for n in range(1, 23))), "apa"))
    assert reference.startswith("1, W., 2, W.,")
    assert "19, W., . . . 22, W. (2018" in reference and "20, W." not in reference
