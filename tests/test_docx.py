"""Word documents: the brief, the worksheet and the handouts, to edit in a word processor.

Read back with python-docx (styles, headings, footnotes, quotations, properties) and
opened by a real word processor: LibreOffice converts each to PDF.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from docx.document import Document
from pypdf import PdfReader

from briefgen.output.docx import core_properties, html_to_docx, page_properties
from briefgen.output.docx_fonts import obfuscated
from briefgen.output.docx_html import prepare_for_word
from tests.conftest import REPO, Run, invoke
from tests.test_accessible_pdf import with_crest

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PACK = "afghan-peace-process"


@pytest.fixture(scope="module")
def word_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled pack's Word documents and web pages (no PDFs: nothing is laid out); the
    web pages built second, so the index lists the Word documents kept beside them."""
    out = tmp_path_factory.mktemp("word")
    for output_format in ("docx", "html"):
        result = invoke(
            "--project", str(REPO), "build", "--out", str(out), "--format", output_format
        )
        assert result.exit_code == 0, result.output
    return out / PACK


def _open(path: Path) -> Document:
    return docx.Document(str(path))


def _styles_used(document: Document) -> set[str]:
    return {paragraph.style.name for paragraph in document.paragraphs if paragraph.style}


def _page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _footnotes(path: Path) -> dict[int, str]:
    """Each real footnote by the number Word gives it (its place among the references in
    the text), with its text."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as package:
        root = ET.fromstring(package.read("word/footnotes.xml"))
        body = package.read("word/document.xml").decode()
    notes = [note for note in root.findall(f"{W}footnote") if not note.get(f"{W}type")]
    texts = {
        note.get(f"{W}id"): _words("".join(t.text or "" for t in note.iter(f"{W}t")))
        for note in notes
    }
    styles = {style.get(f"{W}val") for note in notes for style in note.iter(f"{W}pStyle")}
    assert styles == {"FootnoteText"}  # Word's own footnote style, nothing else
    assert not any(True for note in notes for _ in note.iter(f"{W}numPr"))  # not a list
    order = re.findall(r'<w:footnoteReference w:id="(\d+)"', body)
    assert sorted(order) == sorted(texts), "a note without its number, or a number without its note"
    return {number: texts[note_id] for number, note_id in enumerate(order, start=1)}


def _headers(package: zipfile.ZipFile) -> tuple[str, str]:
    """The first page's header and the other pages', as the body's section names them."""
    import xml.etree.ElementTree as ET

    links = ET.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {link.get("Id"): link.get("Target") for link in links}
    body = package.read("word/document.xml").decode()
    kinds = {
        kind: targets[link]
        for link, kind in re.findall(r'<w:headerReference r:id="([^"]+)" w:type="(\w+)"', body)
    }
    return tuple(package.read(f"word/{kinds[kind]}").decode() for kind in ("first", "default"))


def _header_text(xml: str) -> str:
    """A header's words, a tab as a tab, its paragraphs joined by tabs."""
    lines = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL):
        pieces = re.finditer(r"<w:t[^>]*>([^<]*)</w:t>|<w:tab/>", paragraph)
        line = "".join("\t" if piece[1] is None else piece[1] for piece in pieces)
        if line.strip():
            lines.append(line.strip("\t"))
    return "\t".join(lines)


def test_the_brief_in_word_styles_with_its_headings_in_order(word_pack: Path) -> None:
    document = _open(word_pack / "teacher" / "brief.docx")
    page = _page(word_pack / "teacher" / "brief.html")
    used = _styles_used(document)
    expected = {"Title", "Author", "Date", "Heading 1", "Heading 2", "Quote", "Attribution"}
    assert expected | {"List Paragraph", "Image Caption"} <= used
    items = [p for p in document.paragraphs if p.style.name == "List Paragraph"]
    assert all(p._p.pPr.numPr is not None for p in items)  # Word numbers or bullets them
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == [_words(page.h1.get_text(" "))]
    headings = [_words(p.text) for p in document.paragraphs if p.style.name == "Heading 1"]
    sections = [_words(h.get_text(" ")) for h in page.select("article > div h2, section > h2")]
    assert headings == [s for s in sections if s != "Endnotes"]
    for paragraph in document.paragraphs:  # no direct formatting stands in for a style
        assert paragraph.paragraph_format.alignment is None


def test_every_endnote_is_a_word_footnote_with_its_number_and_text(word_pack: Path) -> None:
    path = word_pack / "teacher" / "brief.docx"
    notes = _footnotes(path)
    page = _page(word_pack / "teacher" / "brief.html")
    endnotes = page.select("section.endnotes li")
    assert len(endnotes) == 21
    assert sorted(notes) == list(range(1, len(endnotes) + 1))
    for number, item in enumerate(endnotes, start=1):
        assert notes[number] == _words(item.get_text().replace("\u2191", "")), number


def test_quotations_are_word_for_word_with_their_attribution(word_pack: Path) -> None:
    document = _open(word_pack / "student" / "brief.docx")
    page = _page(word_pack / "student" / "brief.html")
    quoted = [_words(q.p.get_text("", strip=False)) for q in page.select("figure.quotation")]
    paragraphs = document.paragraphs
    quotes = [(n, p) for n, p in enumerate(paragraphs) if p.style.name == "Quote"]
    assert len(quotes) == len(quoted) > 0
    for (index, paragraph), expected in zip(quotes, quoted, strict=True):
        # the page's note number is a superscript; Word's is a footnote reference
        assert re.sub(r"\d+$", "", expected) == _words(paragraph.text)
        assert paragraphs[index + 1].style.name == "Attribution"


def test_properties_language_header_and_fonts(word_pack: Path) -> None:
    path = word_pack / "student" / "brief.docx"
    properties = _open(path).core_properties
    assert properties.title == (
        "From Reintegration to Recognition? Three Framings of Afghan Peace, 2009–2018"
    )
    assert properties.author == "Briefgen Content Team"
    assert properties.subject.startswith("How an undated ISAF backgrounder (probably late 2009)")
    assert "Afghanistan" in properties.keywords
    assert properties.language == "en"  # briefgen.yaml's language
    assert properties.created.date().isoformat() == "2026-11-24"
    with zipfile.ZipFile(path) as package:
        styles = package.read("word/styles.xml").decode()
        first, later = _headers(package)
        footers = [package.read(n).decode() for n in package.namelist() if "/footer" in n]
        fonts = package.read("word/fontTable.xml").decode()
        settings = package.read("word/settings.xml").decode()
        body = package.read("word/document.xml").decode()
        embedded = [package.read(name) for name in package.namelist() if name.endswith(".odttf")]
    assert re.search(r'<w:lang [^>]*w:val="en"', styles)
    # page 1: the masthead; later pages: the issuer and the short title
    assert _header_text(first) == (
        "\u00a0ISSUE BRIEF\u00a0\tBRIEFGEN TEACHING COLLECTION\tWeb: www.example.org/history"
        "\tEmail: history@example.org"
    )
    assert (
        _header_text(later)
        == "Briefgen Teaching Collection  ·  Framings of Afghan Peace, 2009–2018"
    )
    assert len(footers) == 2 and all("PAGE" in f and "NUMPAGES" in f for f in footers)
    body_text = " ".join(p.text for p in _open(path).paragraphs)
    assert "ISSUE BRIEF" not in body_text and "www.example.org" not in body_text
    assert re.findall(r'w:font w:name="([^"]+)"', fonts) == ["Charis SIL", "Noto Sans"]
    # Word keeps the fonts on saving; the settings in the order Word's schema gives
    assert re.search(r"<w:zoom [^>]*/><w:embedTrueTypeFonts/><w:saveSubsetFonts/>", settings)
    assert '<w:numRestart w:val="continuous" />' in body  # footnotes numbered throughout
    keys = re.findall(r'w:fontKey="([^"]+)"', fonts)
    assert len(keys) == len(embedded) == 7
    for key, data in zip(keys, embedded, strict=True):
        assert obfuscated(data, key)[:4] == b"\x00\x01\x00\x00"  # a TrueType font, once read


def test_the_student_worksheet_has_lines_and_the_mark_scheme_guidance(word_pack: Path) -> None:
    student = _open(word_pack / "student" / "worksheet.docx")
    page = _page(word_pack / "student" / "worksheet.html")
    lines = sum(int(space["data-lines"]) for space in page.select(".answer-space"))
    assert sum(p.style.name == "Answer Line" for p in student.paragraphs) == lines
    assert "Answer Guidance" not in _styles_used(student)
    assert student.tables and student.tables[0].rows[0].cells[0].text == "Aspect"
    prompts = [p.text for p in student.paragraphs if p.text.startswith("1 ")]
    assert prompts[0].startswith("1 (recall) The ISAF backgrounder")
    teacher = _open(word_pack / "teacher" / "worksheet.docx")
    assert "Answer Line" not in _styles_used(teacher)
    guidance = [p for p in teacher.paragraphs if p.style.name == "Answer Guidance"]
    assert len(guidance) == len(
        _page(word_pack / "teacher" / "worksheet.html").select(".answer-guidance")
    )


def test_a_handout_keeps_the_companion_numbers_and_its_arabic(word_pack: Path) -> None:
    document = _open(word_pack / "student" / "handout-issi-2018.docx")
    text = [_words(p.text) for p in document.paragraphs]
    assert (
        "Questions on this source: answer them on the worksheet, discussion questions 3, "
        "12, 14, 15 and 17." in text
    )
    assert any(line.startswith("12. (analysis) The ISSI brief quotes") for line in text)
    assert any("طالبان" in line for line in text)
    assert not any("Read the whole" in line for line in text)  # no links to web pages
    with zipfile.ZipFile(word_pack / "student" / "handout-issi-2018.docx") as package:
        assert '"Noto Naskh Arabic"' in package.read("word/fontTable.xml").decode()


def test_the_student_brief_leaves_its_withheld_section_to_students(word_pack: Path) -> None:
    student = " ".join(p.text for p in _open(word_pack / "student" / "brief.docx").paragraphs)
    teacher = " ".join(p.text for p in _open(word_pack / "teacher" / "brief.docx").paragraphs)
    assert "This section is yours to write." in student
    assert "Not in the student edition" in teacher and "yours to write" not in teacher


def test_the_same_content_gives_the_same_bytes(word_pack: Path, tmp_path: Path) -> None:
    result = invoke("--project", str(REPO), "build", "--out", str(tmp_path), "--format", "docx")
    assert result.exit_code == 0, result.output
    for made in sorted((tmp_path / PACK).rglob("*.docx")):
        assert made.read_bytes() == (word_pack / made.relative_to(tmp_path / PACK)).read_bytes()


def test_the_index_lists_the_word_documents(word_pack: Path) -> None:
    links = {
        a["href"]: _words(a.get_text())
        for a in _page(word_pack / "student" / "index.html").select("a")
    }
    for name in ("brief.docx", "worksheet.docx", "handout-kabul-2017.docx"):
        assert links[name].startswith("Word document"), name


def test_a_page_made_ready_for_pandoc() -> None:
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>')
    page = (
        '<html lang="en"><head><title>T</title><meta name="author" content="A"></head><body>'
        '<article><h1>Title</h1><p class="byline">By A</p>'
        '<div class="answer-space" data-lines="3"><div class="rule"></div><div class="rule">'
        '</div><div class="rule"></div></div>'
        '<ol class="ws-list"><li value="7"><p>Seventh</p></li></ol>'
        '<p class="answer-guidance"><span class="label">A good answer</span> names both.</p>'
        '<p><a href="source-x.html">the whole text</a> and <a href="#n">a note</a></p>'
        f'<img src="data:image/svg+xml;base64,{svg.decode()}" alt="a map"></article></body></html>'
    )
    ready = BeautifulSoup(prepare_for_word(page), "html.parser")
    assert ready.title is None and ready.meta is None  # no second title block
    assert ready.select_one('[data-custom-style="Title"]').get_text() == "Title"
    assert ready.select_one('[data-custom-style="Author"]').get_text() == "By A"
    assert len(ready.select('[data-custom-style="Answer Line"] p')) == 3
    assert _words(ready.find(string=re.compile("Seventh")).parent.parent.get_text()) == "7. Seventh"
    guidance = ready.select_one('[data-custom-style="Answer Guidance"]')
    assert _words(guidance.get_text()) == "A good answer: names both."
    assert guidance.strong.get_text() == "A good answer:"
    assert [a["href"] for a in ready.select("a")] == ["#n"]
    assert ready.img["src"].startswith("data:image/png;base64,")


def test_properties_come_from_the_page_and_never_the_clock() -> None:
    page = (
        '<html lang="fr"><head><title>Un titre &amp; plus</title>'
        '<meta name="author" content="Mme Dupont"><meta name="dcterms.created" '
        'content="2024-03-09"><meta name="dcterms.modified" content="2024-03-10"></head>'
        '<body><article data-short-title="Titre" data-issuer="Lycée"></article></body></html>'
    )
    properties = page_properties(page)
    assert (properties.language, properties.masthead.title) == ("fr", "Titre")
    xml = core_properties(properties)
    assert "<dc:title>Un titre &amp; plus</dc:title>" in xml
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-10T00:00:00Z' in xml


def _dated_page(body: str) -> str:
    """A page with ``body``, and the date a Word document takes from its head."""
    return (
        '<html><head><meta name="dcterms.created" content="2024-01-01"></head>'
        f"<body>{body}</body></html>"
    )


def test_pandoc_missing_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.errors import OutputError
    from briefgen.model import Theme
    from briefgen.output import docx as word

    monkeypatch.setattr(word.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(OutputError) as raised:
        html_to_docx(_dated_page(""), Theme(), "pack/brief.docx")
    assert str(raised.value) == (
        "Word documents need pandoc, which comes with the pypandoc-binary package, and it is "
        "not installed. Run scripts/install.sh again, or build without docx in --format."
    )


@pytest.mark.slow
def test_each_word_document_opens_in_libreoffice(word_pack: Path, tmp_path: Path) -> None:
    """LibreOffice (Debian's libreoffice-writer-nogui) converts each document of both
    editions to PDF: the pages it makes, the words on them, the fonts it used."""
    office = shutil.which("soffice")
    assert office, "LibreOffice is missing: scripts/install.sh --test installs it"
    pages = {"brief": (6, 11), "worksheet": (11, 18)}  # a handout: 3 to 8
    for edition in ("student", "teacher"):
        documents = sorted((word_pack / edition).glob("*.docx"))
        assert len(documents) == 5
        converted = tmp_path / edition
        subprocess.run(
            [
                office,
                "--headless",
                f"-env:UserInstallation=file://{tmp_path}/profile",
                "--convert-to",
                "pdf",
                "--outdir",
                str(converted),
                *map(str, documents),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        for document in documents:
            pdf = PdfReader(converted / f"{document.stem}.pdf")
            low, high = pages.get(document.stem, (3, 8))
            assert low <= len(pdf.pages) <= high, (edition, document.name, len(pdf.pages))
            text = _words(" ".join(page.extract_text() for page in pdf.pages))
            paragraphs = _open(document).paragraphs
            assert _words(paragraphs[0].text)[:40] in text, document.name
            quotes = [_words(p.text) for p in paragraphs if p.style.name == "Quote"]
            if quotes:  # word for word through a real word processor (its first words)
                assert " ".join(quotes[0].split()[:6]) in text, document.name
            fonts = {
                str(font.get_object().get("/BaseFont", ""))
                for page in pdf.pages
                for font in (page["/Resources"].get("/Font") or {}).values()
            }
            assert any("CharisSIL" in name for name in fonts), (document.name, fonts)


def test_a_figure_that_cannot_be_drawn_is_said_plainly() -> None:
    from briefgen.errors import OutputError
    from briefgen.model import Theme

    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"><g>').decode()
    page = _dated_page(
        f'<img src="data:image/svg+xml;base64,{svg}" alt="Map of the region. Kabul is east.">'
    )
    with pytest.raises(OutputError) as raised:
        html_to_docx(page, Theme(), "pack/student/brief.docx")
    assert str(raised.value) == (
        "Could not draw Map of the region for the Word document pack/student/brief.docx: "
        "ParseError: no element found: line 1, column 43. Save the figure as PNG (or fix the "
        "SVG) and name that file in content/figures.yaml."
    )


def test_the_issuer_s_logo_heads_page_one_with_its_alt_text(mini: Path, run: Run) -> None:
    with_crest(mini)
    assert run("build", "--format", "docx").exit_code == 0
    with zipfile.ZipFile(mini / "output/mini/student/brief.docx") as package:
        first, later = _headers(package)
        pictures = [n for n in package.namelist() if n.startswith("word/media/")]
        header_links = [n for n in package.namelist() if n.startswith("word/_rels/header")]
        assert any("image" in package.read(n).decode() for n in header_links)
    assert 'descr="Crest of Riverside School"' in first and "<pic:pic" in first
    assert "<pic:pic" not in later
    assert any(n.endswith(".png") for n in pictures)  # the SVG crest, drawn
