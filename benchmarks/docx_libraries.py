"""How briefgen chose its Word writer: pandoc against python-docx, on the bundled brief.

    .venv/bin/python benchmarks/docx_libraries.py

Both start from the same page, rendered for Word and readied by output/docx_html.py, and
write a .docx with the same reference styles. Pandoc is briefgen's real writer (footnotes,
lists, tables, pictures, Word styles). The python-docx writer below is the least that
would do for this one brief: headings, paragraphs with bold and italic, quotations, lists,
a table and the map. It has no footnotes, because python-docx has no footnote API (they
would be hand-written XML); its line count is what the README compares.
"""

from __future__ import annotations

import base64
import datetime as dt
import inspect
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from briefgen.commands.build import load_project  # noqa: E402
from briefgen.output import docx as word  # noqa: E402
from briefgen.output.docx_html import prepare_for_word  # noqa: E402
from briefgen.output.docx_styles import reference_document  # noqa: E402
from briefgen.render.pages import Renderer  # noqa: E402

RUNS = 5
DAY = dt.date(2026, 1, 1)
HEADINGS = {"h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}


def python_docx_writer(page: str, reference: bytes) -> bytes:
    """The brief's blocks as python-docx paragraphs: no footnotes (no API for them)."""
    document = docx.Document(io.BytesIO(reference))
    body = lxml.html.document_fromstring(page).body

    def inline(
        paragraph: object, element: lxml.html.HtmlElement, bold: bool = False, italic: bool = False
    ) -> None:
        if element.text:
            run = paragraph.add_run(element.text)  # type: ignore[attr-defined]
            run.bold, run.italic = bold, italic
        for child in element:
            inline(
                paragraph,
                child,
                bold or child.tag in ("b", "strong"),
                italic or child.tag in ("i", "em", "cite"),
            )
            if child.tail:
                run = paragraph.add_run(child.tail)  # type: ignore[attr-defined]
                run.bold, run.italic = bold, italic

    def block(element: lxml.html.HtmlElement, style: str = "Body Text") -> None:
        style = element.get("data-custom-style", style)
        if element.tag in HEADINGS:
            inline(document.add_paragraph(style=HEADINGS[element.tag]), element)
        elif element.tag == "p":
            inline(document.add_paragraph(style=style), element)
        elif element.tag in ("ul", "ol"):
            for item in element:
                inline(document.add_paragraph(style="Compact"), item)
        elif element.tag == "table":
            rows = element.findall(".//tr")
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, source in zip(row.cells, cells, strict=False):
                    cell.text = source.text_content().strip()
        elif element.tag == "img":
            data = base64.b64decode(element.get("src", "").split(",", 1)[1])
            document.add_picture(io.BytesIO(data), width=docx.shared.Cm(16))
        else:
            for child in element:
                block(child, style)

    block(body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WRITER_LINES = len(inspect.getsource(python_docx_writer).splitlines())


def timed(make: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    project = load_project(REPO)
    renderer = Renderer(project)
    pack = next(iter(project.config.packs.values()))
    brief = project.library.briefs[pack.briefs[0]]
    page = renderer.render_brief(brief, ("docx",)).pages["docx"]
    theme = project.config.theme
    properties = word.page_properties(page)
    reference = reference_document(word._pandoc_reference(), theme, properties.masthead)
    prepared = prepare_for_word(page)
    whole = timed(lambda: word.html_to_docx(page, theme, "brief.docx"))
    readying = timed(lambda: prepare_for_word(page))
    default = word._pandoc_reference()
    styling = timed(lambda: reference_document(default, theme, properties.masthead))
    pandoc = timed(lambda: pandoc_only(prepared, reference))
    plain = timed(lambda: python_docx_writer(prepared, reference))
    print(f"briefgen's whole Word writer, per brief:    {whole:.2f} s")
    print(f"  readying the page (lxml; the map to PNG):  {readying:.2f} s")
    print(f"  the reference styles (python-docx):        {styling:.2f} s")
    print(f"  pandoc, footnotes and all:                 {pandoc:.2f} s")
    print(f"python-docx instead of pandoc, no footnotes: {plain:.2f} s")
    print(f"lines of the python-docx writer above:       {WRITER_LINES}")


def pandoc_only(prepared: str, reference: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        reference_path = Path(folder) / "reference.docx"
        reference_path.write_bytes(reference)
        output = Path(folder) / "brief.docx"
        arguments = ["--from=html", "--to=docx", f"--reference-doc={reference_path}"]
        word._run_pandoc([*arguments, f"--output={output}"], prepared.encode(), "brief", DAY)
        return output.read_bytes()


if __name__ == "__main__":
    main()
