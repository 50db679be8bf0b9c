"""Tagged, accessible PDFs (PDF/UA-1 by default) and the archival PDF/A variant: the PDF
structure is read back, element by element."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from tests.conftest import Run, replace_in

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    '<circle cx="20" cy="20" r="18" fill="#7a1f3d"/></svg>'
)


def with_crest(mini: Path) -> None:
    """Give the mini project's issuer an SVG crest as its logo, with its alt text."""
    (mini / "crest.svg").write_text(LOGO, encoding="utf-8")
    replace_in(
        mini / "briefgen.yaml",
        "  short_name:",
        "  logo: crest.svg\n  logo_alt: Crest of Riverside School\n  short_name:",
    )


def structure(reader: PdfReader) -> list[tuple[str, DictionaryObject]]:
    """Every structure element, in reading order: (role, element)."""
    found: list[tuple[str, DictionaryObject]] = []

    def walk(node: Any) -> Iterator[None]:
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            return
        if "/S" in node:
            found.append((str(node["/S"]), node))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            yield from walk(kid)

    for _ in walk(reader.trailer["/Root"]["/StructTreeRoot"]):
        pass
    return found


def text_of(reader: PdfReader, element: DictionaryObject) -> str:
    """The text a structure element marks, through its marked-content ids on its page."""
    ids: list[int] = []

    def collect(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int):
            ids.append(node)
        elif isinstance(node, DictionaryObject):
            if "/MCID" in node:
                ids.append(int(node["/MCID"]))
            for kid in _kids(node):
                collect(kid)

    collect(element)
    if "/Pg" not in element or not ids:
        return ""
    texts = marked_texts(reader, element.raw_get("/Pg").idnum)
    return "".join(texts.get(mcid, "") for mcid in ids)


def marked_texts(reader: PdfReader, page_id: int) -> dict[int, str]:
    """The text of each marked-content id on a page, as pypdf decodes it."""
    page = next(page for page in reader.pages if page.indirect_reference.idnum == page_id)
    texts: dict[int, str] = {}
    current: list[int | None] = [None]

    def operand(operator: bytes, arguments: list[Any], *_: Any) -> None:
        if operator == b"BDC" and isinstance(arguments[-1], DictionaryObject):
            mcid = arguments[-1].get("/MCID")
            current.append(int(mcid) if mcid is not None else None)
        elif operator == b"EMC" and len(current) > 1:
            current.pop()

    def text(chunk: str, *_: Any) -> None:
        if current[-1] is not None:
            texts[current[-1]] = texts.get(current[-1], "") + chunk

    page.extract_text(visitor_operand_before=operand, visitor_text=text)
    return texts


def _kids(node: DictionaryObject) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


@pytest.mark.pdf
def test_every_pdf_of_the_bundled_pack_is_tagged_for_screen_readers(built_pack: Path) -> None:
    for name in ("brief.pdf", "companion.pdf", "sources.pdf"):
        reader = PdfReader(built_pack / name)
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]), name
        assert root["/Lang"] == "en", name
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), name
        assert reader.metadata is not None and reader.metadata.title, name
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp or 'pdfuaid:part="1"' in xmp, name
        roles = [role for role, _ in structure(reader)]
        assert roles[0] == "/Document"
        assert roles.count("/H1") == 1, name  # one title per document
        assert "/H2" in roles and "/P" in roles and "/Link" in roles, name


@pytest.mark.pdf
def test_headings_come_in_order_without_skipping_a_level(built_pack: Path) -> None:
    for name in ("brief.pdf", "companion.pdf", "sources.pdf"):
        levels = [
            int(role[2])
            for role, _ in structure(PdfReader(built_pack / name))
            if re.fullmatch(r"/H[1-6]", role)
        ]
        assert levels[0] == 1, name
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{name}: H{before} is followed by H{after}"
    companion = [role for role, _ in structure(PdfReader(built_pack / "companion.pdf"))]
    assert "/H3" in companion


@pytest.mark.pdf
@pytest.mark.slow
def test_the_title_block_reads_in_order(built_pack: Path) -> None:
    reader = PdfReader(built_pack / "brief.pdf")
    texts = [
        text_of(reader, element)
        for role, element in structure(reader)
        if role in ("/P", "/H1") and text_of(reader, element)
    ]
    first = " | ".join(" ".join(text.split()) for text in texts[:14])
    # as on the page: the label, the issuer beside it, then the title block from the top
    order = ["ISSUE BRIEF", "Briefgen Teaching Collection", "From Reintegration", "By ", "Edited"]
    positions = [first.upper().find(marker.upper()) for marker in order]
    assert -1 not in positions and positions == sorted(positions), first


@pytest.mark.pdf
def test_the_logo_is_a_figure_with_its_alt_text(mini: Path, run: Run) -> None:
    with_crest(mini)
    assert run("build", "--format", "pdf").exit_code == 0
    reader = PdfReader(mini / "output/mini/student/brief.pdf")
    figures = [element for role, element in structure(reader) if role == "/Figure"]
    assert [str(figure["/Alt"]) for figure in figures] == ["Crest of Riverside School"]


def test_a_logo_without_alt_text_is_a_content_error(mini: Path, run: Run) -> None:
    (mini / "crest.svg").write_text(LOGO, encoding="utf-8")
    replace_in(mini / "briefgen.yaml", "  short_name:", "  logo: crest.svg\n  short_name:")
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:4: the logo has no `logo_alt`: a screen reader, and the tagged PDF, "
        "need words for it.\n"
        "      Add a line `logo_alt: Crest of Riverside School History Department` "
        "(say what the logo shows) under `logo:`.\n"
    )


def test_an_image_without_alt_text_in_a_template_is_refused(mini: Path, run: Run) -> None:
    (mini / "templates").mkdir()
    (mini / "templates" / "brief.html").write_text(
        '{% extends "builtin/brief.html" %}{% block colophon %}'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">{% endblock %}',
        encoding="utf-8",
    )
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "Error: templates/brief.html: an image in brief.html has no alt text: "
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">\n'
        'Add alt="..." saying what the image shows (or alt="" if it is only decoration).\n'
    )
    assert not (mini / "output").exists()


@pytest.mark.pdf
def test_the_archival_variant_is_pdf_a_and_still_tagged(mini: Path, run: Run) -> None:
    result = run("build", "--format", "pdf", "--pdf-variant", "pdf/a-2a")
    assert result.exit_code == 0, result.output
    reader = PdfReader(mini / "output/mini/student/brief.pdf")
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")2", xmp) and re.search(r"pdfaid:conformance(>|=\")A", xmp)
    assert "/OutputIntents" in root  # the colour profile PDF/A requires
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"


@pytest.mark.pdf
def test_the_variant_can_be_set_in_briefgen_yaml_and_a_wrong_one_is_named(
    mini: Path, run: Run
) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(config.read_text("utf-8") + "pdf:\n  variant: pdf/a2a\n", "utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "`variant` should be one of pdf/ua-1, pdf/a-2a, pdf/a-3a, pdf/a-2b, pdf/a-3b, " in (
        result.output
    )
    assert "Did you mean 'pdf/a-2a'?" in result.output
    replace_in(config, "variant: pdf/a2a", "variant: pdf/a-3b")
    assert run("build", "--format", "pdf").exit_code == 0
    xmp = (
        PdfReader(mini / "output/mini/student/brief.pdf")
        .trailer["/Root"]["/Metadata"]
        .get_object()
        .get_data()
        .decode("utf-8")
    )
    assert re.search(r"pdfaid:part(>|=\")3", xmp)


@pytest.mark.pdf
def test_the_printed_sources_read_in_order_each_part_after_its_label(built_pack: Path) -> None:
    reader = PdfReader(built_pack / "sources.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == "The sources in full: Framings of Afghan peace, 2009–2018"
    lines = [
        " ".join(line.split())
        for page in reader.pages
        for line in page.extract_text(extraction_mode="layout").splitlines()
    ]
    start = lines.index(next(line for line in lines if line.startswith("title block Statement")))
    labels = ["title block", "introduction", *(f"point {n}" for n in range(1, 12))]
    found = [label for line in lines[start:] for label in labels if line.startswith(f"{label} ")]
    assert found[: len(labels)] == labels  # each label on its unit's first line, in order
    point_2 = "point 2 2- A stable Afghanistan enables a stable region."
    assert any(line.startswith(point_2) for line in lines[start:])  # on the unit's first line
    roles = [role for role, _ in structure(reader)]
    assert roles.count("/H2") == 4  # how to read, and each of the three sources
    assert roles.count("/H3") == 3  # the backgrounder's sections
