"""Write a page as a Word document a teacher can edit, with pandoc.

Pandoc (shipped in the pypandoc-binary wheel) reads the page rendered for Word and writes
real Word styles, footnotes Word numbers itself, and tables as Word tables; the reference
document (output/docx_styles.py) gives the look. Then briefgen settles what pandoc would
take from the clock: the document properties come from the page's own dates, and the
zip's entries are stamped with them, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import logging
import os
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import lxml.html
from lxml.html import HtmlElement

from briefgen.errors import OutputError
from briefgen.model import Theme
from briefgen.output.docx_fonts import ARABIC_FONT, ARABIC_LETTERS, EmbeddedFace, embedded_faces
from briefgen.output.docx_html import FigureNotDrawn, image_data, prepared_page
from briefgen.output.docx_styles import Masthead, reference_document

log = logging.getLogger(__name__)

# Taken once, at import: a PDF layout in this process points tempfile at a folder of its
# own for a moment (output/pdf.py), which a document written meanwhile must not use.
SCRATCH = tempfile.gettempdir()
PANDOC_TIMEOUT = 120  # seconds; a brief takes about a fifth of one
CORE_PROPERTIES = "docProps/core.xml"
FONT_TABLE = "word/fontTable.xml"
FONT_TABLE_LINKS = "word/_rels/fontTable.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
SETTINGS = "word/settings.xml"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT_TYPE = (
    b'<Default Extension="odttf" '
    b'ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>'
)
# Word keeps the embedded fonts when the teacher saves (only the characters used, as
# here), and no system fonts. The schema puts these where embedSystemFonts is, after zoom.
EMBED_FONTS = b"<w:embedTrueTypeFonts/><w:saveSubsetFonts/>"
EMBED_SYSTEM_FONTS = re.compile(rb"<w:embedSystemFonts\s*/>")
AFTER_ZOOM = re.compile(rb"<w:zoom\b[^>]*/>")
# How Word picks a stand-in where a shipped font is not installed: the font's kind
# (roman: serif; swiss: sans) and PANOSE class from its OS/2 table, and a similar font
# most computers have.
FONT_KINDS = {
    "Charis SIL": ("roman", "02000500060000020004", "Georgia"),
    "Noto Sans": ("swiss", "020B0502040504020204", "Arial"),
    "Atkinson Hyperlegible": ("swiss", "00000000000000000000", "Verdana"),
    ARABIC_FONT: ("roman", "020B0502040504020204", "Arial"),
}


@dataclass(frozen=True)
class WordProperties:
    """The document properties Word shows under File > Info, from the page's head."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str
    created: dt.date
    modified: str  # a W3C date or date-time
    masthead: Masthead


@dataclass(frozen=True)
class WordDocument:
    data: bytes
    warnings: tuple[str, ...] = ()  # what pandoc warned of, such as a picture it could not use


def html_to_docx(html: str, theme: Theme, name: str) -> WordDocument:
    """The page as a .docx file; ``name`` names it in messages."""
    page: HtmlElement = lxml.html.document_fromstring(html)
    properties = properties_of(page)  # read before the page is readied, which changes it
    reference = reference_document(_pandoc_reference(), theme, properties.masthead)
    try:
        prepared = prepared_page(page)
    except FigureNotDrawn as error:
        raise OutputError(figure_not_drawn(name, error)) from error
    with tempfile.TemporaryDirectory(prefix="briefgen-docx-", dir=SCRATCH) as folder:
        reference_path = Path(folder) / "reference.docx"
        reference_path.write_bytes(reference)
        output = Path(folder) / "document.docx"
        # the page's h1 is the document's Title, so its h2 sections are Heading 1
        arguments = ["--from=html", "--to=docx", "--shift-heading-level-by=-1"]
        arguments.append(f"--reference-doc={reference_path}")
        arguments += [f"--metadata=lang:{properties.language}", f"--output={output}"]
        warnings = _run_pandoc(arguments, prepared.encode("utf-8"), name, properties.created)
        made = output.read_bytes()
    arabic = ARABIC_LETTERS.search(html) is not None
    return WordDocument(settle(made, properties, theme, arabic), warnings)


def page_properties(html: str) -> WordProperties:
    """Title, author, subject, keywords, language and dates, as the page's head gives them."""
    return properties_of(lxml.html.document_fromstring(html))


def properties_of(root: HtmlElement) -> WordProperties:
    """``page_properties`` of a page already parsed."""

    def meta(name: str) -> str:
        for element in root.iter("meta"):
            if element.get("name") == name:
                return element.get("content") or ""
        return ""

    title = root.findtext(".//title") or ""
    created = dt.date.fromisoformat(meta("dcterms.created")[:10])
    article = root.find(".//article")
    short_title = article.get("data-short-title", title) if article is not None else title
    return WordProperties(
        title=title,
        author=meta("author"),
        subject=meta("description"),
        keywords=meta("keywords"),
        language=root.get("lang") or "en",
        created=created,
        modified=meta("dcterms.modified") or created.isoformat(),
        masthead=masthead_of(root, short_title),
    )


def masthead_of(root: HtmlElement, title: str) -> Masthead:
    """The page's masthead (series label, issuer, contact lines, logo), for the header."""
    found = root.find_class("masthead")
    if not found:
        return Masthead(series="", issuer="", title=title)
    masthead = found[0]

    def texts(name: str) -> list[str]:
        return [" ".join(e.text_content().split()) for e in masthead.find_class(name)]

    logo, alt = None, ""
    for image in masthead.find_class("issuer-logo"):
        logo, alt = image_data(image.get("src") or ""), image.get("alt") or ""
    return Masthead(
        series=next(iter(texts("series")), ""),
        issuer=next(iter(texts("issuer-name")), ""),
        contact=tuple(texts("issuer-contact")),
        logo=logo,
        logo_alt=alt,
        title=title,
    )


def settle(made: bytes, properties: WordProperties, theme: Theme, arabic: bool = False) -> bytes:
    """Pandoc's .docx with our document properties and the shipped fonts embedded, its
    entries stamped with the document's date: the same content, the same bytes."""
    stamp = (max(properties.created.year, 1980), properties.created.month, properties.created.day)
    faces = embedded_faces(theme, arabic)
    with zipfile.ZipFile(io.BytesIO(made)) as source:
        files = {info.filename: source.read(info) for info in source.infolist()}
    files[CORE_PROPERTIES] = core_properties(properties).encode("utf-8")
    files[FONT_TABLE] = font_table(theme, faces).encode("utf-8")
    files[FONT_TABLE_LINKS] = _font_links(faces).encode("utf-8")
    files |= {f"word/fonts/font{n}.odttf": face.data for n, face in enumerate(faces, start=1)}
    files[CONTENT_TYPES] = files[CONTENT_TYPES].replace(
        b"<Default ", OBFUSCATED_FONT_TYPE + b"<Default ", 1
    )
    files[SETTINGS] = _embedding_fonts(files[SETTINGS])
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as settled:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=(*stamp, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            settled.writestr(entry, data)
    return result.getvalue()


def _embedding_fonts(settings: bytes) -> bytes:
    """word/settings.xml asking Word to keep the embedded fonts, in the schema's order."""
    if EMBED_SYSTEM_FONTS.search(settings):
        return EMBED_SYSTEM_FONTS.sub(EMBED_FONTS, settings, count=1)
    return AFTER_ZOOM.sub(lambda zoom: zoom[0] + EMBED_FONTS, settings, count=1)


def core_properties(properties: WordProperties) -> str:
    """docProps/core.xml: what Word lists as the title, author, subject and keywords."""
    modified = properties.modified
    if "T" not in modified:
        modified += "T00:00:00Z"
    values = [
        ("dc:title", properties.title),
        ("dc:creator", properties.author),
        ("dc:subject", properties.subject),
        ("cp:keywords", properties.keywords),
        ("dc:language", properties.language),
    ]
    fields = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in values if value)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{fields}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{properties.created.isoformat()}T00:00:00Z'
        "</dcterms:created>"
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def font_table(theme: Theme, faces: list[EmbeddedFace]) -> str:
    """word/fontTable.xml: the theme's fonts, each face embedded, and for a word processor
    that drops embedded fonts, what to use in their place."""
    fonts = []
    for font in dict.fromkeys(face.family for face in faces):
        kind, panose, fallback = FONT_KINDS.get(font, ("auto", "0" * 20, "Arial"))
        embeds = "".join(
            f'<w:embed{face.style} r:id="rIdFont{n}" w:fontKey="{face.key}"/>'
            for n, face in enumerate(faces, start=1)
            if face.family == font
        )
        fonts.append(
            f'<w:font w:name="{escape(font)}"><w:altName w:val="{escape(fallback)}"/>'
            f'<w:panose1 w:val="{panose}"/><w:charset w:val="00"/><w:family w:val="{kind}"/>'
            f'<w:pitch w:val="variable"/>{embeds}</w:font>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"{''.join(fonts)}</w:fonts>"
    )


def _font_links(faces: list[EmbeddedFace]) -> str:
    links = "".join(
        f'<Relationship Id="rIdFont{n}" Type="{FONT_RELATIONSHIP}" Target="fonts/font{n}.odttf"/>'
        for n in range(1, len(faces) + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{links}</Relationships>"
    )


def figure_not_drawn(name: str, error: FigureNotDrawn) -> str:
    what = error.alt.split(".")[0] if error.alt else "an SVG figure"
    return (
        f"Could not draw {what} for the Word document {name}: {error.reason}. Save the "
        "figure as PNG (or fix the SVG) and name that file in content/figures.yaml."
    )


def pandoc_path() -> Path:
    """The pandoc binary shipped in the pypandoc-binary wheel (never another on PATH)."""
    spec = importlib.util.find_spec("pypandoc")
    origin = spec.origin if spec is not None else None
    binary = Path(origin).parent / "files" / "pandoc" if origin else None
    if binary is None or not binary.is_file():
        raise OutputError(PANDOC_MISSING)
    return binary


PANDOC_MISSING = (
    "Word documents need pandoc, which comes with the pypandoc-binary package, and it is "
    "not installed. Run scripts/install.sh again, or build without docx in --format."
)


@functools.cache
def _pandoc_reference() -> bytes:
    """Pandoc's own reference document, which ours restyles."""
    completed = subprocess.run(
        [str(pandoc_path()), "--print-default-data-file=reference.docx"],
        capture_output=True,
        check=False,
        timeout=PANDOC_TIMEOUT,
    )
    if completed.returncode != 0:
        raise OutputError(_pandoc_failed("the reference document", completed.stderr))
    return completed.stdout


def _run_pandoc(arguments: list[str], page: bytes, name: str, created: dt.date) -> tuple[str, ...]:
    """Run pandoc on the page; what it warned of, in its words."""
    epoch = int(dt.datetime.combine(created, dt.time(), dt.UTC).timestamp())
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(max(epoch, 315532800))}
    try:
        completed = subprocess.run(
            [str(pandoc_path()), *arguments],
            input=page,
            capture_output=True,
            check=False,
            timeout=PANDOC_TIMEOUT,
            env=environment,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise OutputError(_pandoc_failed(name, str(error).encode())) from error
    if completed.returncode != 0:
        raise OutputError(_pandoc_failed(name, completed.stderr))
    said = completed.stderr.decode("utf-8", "replace").splitlines()
    return tuple(
        f"pandoc warned: {line.removeprefix('[WARNING]').strip()}"
        for line in said
        if line.startswith("[WARNING]")
    )


def _pandoc_failed(name: str, stderr: bytes) -> str:
    log.debug("pandoc failed on %s: %s", name, stderr.decode("utf-8", "replace"))
    said = stderr.decode("utf-8", "replace").strip().splitlines()
    detail = f" Pandoc said: {said[-1]}" if said else ""
    return (
        f"Could not write {name} as a Word document.{detail} Build it without docx in "
        "--format, and report this with the pack."
    )
