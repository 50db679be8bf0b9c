"""The bundled brief built for real by WeasyPrint, read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

pytestmark = pytest.mark.pdf

A4_POINTS = (595.28, 841.89)
SHIPPED_FONT_FAMILIES = {"Charis-SIL", "Noto-Sans"}


def page_text(reader: PdfReader, index: int) -> str:
    """A page's text on one line: hyphenation at line ends undone, whitespace collapsed."""
    text = reader.pages[index].extract_text()
    text = re.sub(r"[\u2010-]\n(?=[a-z])", "", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reader(built_pack: Path) -> PdfReader:
    return PdfReader(built_pack / "brief.pdf")


def test_page_one_has_the_issue_brief_title_block(reader: PdfReader) -> None:
    first = page_text(reader, 0)
    expected_in_order = [
        "ISSUE BRIEF",
        "BRIEFGEN TEACHING COLLECTION",
        "Web: www.example.org/history",
        "FROM REINTEGRATION TO RECOGNITION",
        "By Briefgen Content Team",
        "Curriculum writers",
        "Edited by Briefgen Editorial Review",
        "24 November 2026",
        "(Views expressed in this brief are those of its writers, and do not necessarily "
        "represent those of the Briefgen Teaching Collection)",
        "Three short documents, written",
    ]
    positions = [first.find(part) for part in expected_in_order]
    assert -1 not in positions, list(zip(expected_in_order, positions, strict=True))
    assert positions == sorted(positions), "title block parts are out of order"


def test_page_size_is_a4_and_length_is_a_real_brief(reader: PdfReader) -> None:
    assert 4 <= len(reader.pages) <= 8
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 2), round(height, 2)) == A4_POINTS


def test_every_page_is_numbered_and_the_running_header_starts_on_page_two(
    reader: PdfReader,
) -> None:
    for index in range(len(reader.pages)):
        lines = [line.strip() for line in reader.pages[index].extract_text().splitlines()]
        assert str(index + 1) in lines, f"no page number on page {index + 1}"
        header = "BRIEFGEN TEACHING COLLECTION Framings of Afghan Peace, 2009–2018"
        assert (header in lines) == (index > 0), f"running header wrong on page {index + 1}"


def test_every_note_reference_links_to_its_endnote(reader: PdfReader) -> None:
    destinations = set(reader.named_destinations)
    note_links = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            target = str(annotation.get_object().get("/Dest", ""))
            if target.startswith("note-"):
                note_links.append(target)
    numbers = sorted(int(link.split("-")[1]) for link in note_links)
    assert numbers == list(range(1, len(numbers) + 1)), "note references are not 1..N, once each"
    assert len(numbers) >= 15
    for number in numbers:
        assert f"note-{number}" in destinations and f"ref-{number}" in destinations


def test_the_endnotes_list_every_note_in_short_form_and_the_sources_in_full(
    reader: PdfReader,
) -> None:
    text = " ".join(page_text(reader, i) for i in range(len(reader.pages)))
    endnotes = text[text.index("Endnotes") : text.index("Sources Names")]
    heading = text.index("About the sources", text.index("gives the reasons"))
    sources = text[text.index("Sources Names") : heading]
    lines = {line.strip() for page in reader.pages for line in page.extract_text().splitlines()}
    assert {f"{number}." for number in range(1, 21)} <= lines, "an endnote number is missing"
    # Chicago short notes, as the bundled project cites: family name, short title, where
    assert "Khan, ISSI brief (2018), para. 3." in endnotes
    assert "[NATO-ISAF], ISAF backgrounder," in endnotes
    assert "9 March 2018" not in endnotes  # the full reference is in Sources
    assert (
        "Khan, Amina. 2nd Kabul Process: Time for Taliban to Grasp the Moment. Edited by Najam "
        "Rafique. Issue brief. [Islamabad]: Institute of Strategic Studies Islamabad, "
        "9 March 2018." in sources
    )
    assert "[NATO-ISAF]. Backgrounder: ISAF Support to Reintegration and Reconciliation." in sources


def test_block_quotations_appear_with_their_attribution(reader: PdfReader) -> None:
    text = " ".join(page_text(reader, i) for i in range(len(reader.pages)))
    assert (
        "A stable Afghanistan enables a stable region. This can only be achieved through an "
        "Afghan led and Afghan-owned political process" in text
    )
    assert "Chairman of the first Kabul Process meeting, Kabul statement (2017), point 2" in text


def test_metadata_names_the_brief_and_briefgen(reader: PdfReader) -> None:
    info = reader.metadata
    assert info is not None
    assert info.title == (
        "From Reintegration to Recognition? Three Framings of Afghan Peace, 2009–2018"
    )
    assert info.author == "Briefgen Content Team"
    assert info.subject and info.subject.startswith("How an undated ISAF backgrounder")
    assert "Kabul Process" in str(info["/Keywords"])
    assert str(info["/Creator"]).startswith("briefgen ")
    assert str(info["/CreationDate"]).startswith("D:20261124")
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_outline_follows_the_headings(reader: PdfReader) -> None:
    outline = reader.outline
    title = outline[0]
    assert isinstance(title, Destination)
    assert title.title.startswith("From Reintegration to Recognition")
    sections = [item.title for item in outline[1]]
    assert sections[0] == "Three Documents, Three Vantage Points"
    assert sections[-3:] == ["Endnotes", "Sources", "About the sources"]
    assert len(sections) >= 6


def test_only_the_shipped_fonts_are_used_and_they_are_embedded(reader: PdfReader) -> None:
    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            name = str(font["/BaseFont"]).split("+", 1)[1]
            families.add(re.sub(r"-(Bold|Italic|Bold-Italic)$", "", name))
    assert families == SHIPPED_FONT_FAMILIES
