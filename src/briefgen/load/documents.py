"""Read a document a teacher brings: its words, and what it says about itself.

Plain text as it is; a PDF's text layer (pypdf); a web page saved as HTML, its main text
only, the site's menus, headers and footers dropped (trafilatura); a Word .docx, its
paragraphs and tables (python-docx). The text is normalised so that quotations and
locators work on it: Unicode composed, one blank line between paragraphs, no spaces at
line ends. What the document states about itself (a title, a date in a web page's
metadata, a site's name and authors) is kept apart, for the teacher
to check; nothing is guessed.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError

MAX_BYTES = 50_000_000
MIN_WORDS = 5  # fewer, and a PDF's "text" is a scan's stray marks
READABLE = "PDF (.pdf), web pages saved as HTML (.html, .htm), Word (.docx) and plain text (.txt)"
FILE_NAME_TITLE = re.compile(r"(?i)^(microsoft word - |untitled)|\.(docx?|pdf|html?|txt)$")


class DocumentError(BriefgenError):
    """A document briefgen cannot read, with what to do instead."""


@dataclass(frozen=True)
class Document:
    """A document's words and what it states about itself ("" where it states nothing)."""

    text: str
    format: str  # "PDF", "web page", "Word document" or "text"
    title: str = ""
    date: str = ""  # YYYY-MM-DD, as its metadata gives it
    issuer: str = ""  # a web page's site name
    authors: tuple[str, ...] = ()
    url: str = ""  # a web page's own address (its canonical link)

    @property
    def words(self) -> int:
        return len(self.text.split())


def read_document(path: Path) -> Document:
    """The document at ``path``, or a DocumentError saying why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"cannot read {path}: {error.strerror or error}.") from error
    if len(data) > MAX_BYTES:
        raise DocumentError(f"{path} is larger than 50 MB; briefgen reads documents, not archives.")
    if not data.strip():
        raise DocumentError(f"{path} is empty.")
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        document = _pdf(path, data)
    elif suffix in (".html", ".htm", ".xhtml"):
        document = _web_page(path, _decoded(path, data))
    elif suffix == ".docx":
        document = _word(path, data)
    elif suffix in (".txt", ".text", ".md", ""):
        document = Document(normalised(_decoded(path, data)), "text")
    else:
        raise DocumentError(
            f"briefgen cannot read {suffix} files ({path}). It reads {READABLE}.\n"
            "Save or export the document as one of these, or copy its text into a .txt file."
        )
    if len(document.text.split()) < MIN_WORDS:
        raise DocumentError(f"{path} has no text briefgen can find.")
    return document


def normalised(text: str) -> str:
    """Composed Unicode, \\n line ends, no spaces at line ends, one blank line between
    paragraphs, no blank lines at either end."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\f", "\n\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _decoded(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentError(
            f"{path} is not a text file (it holds binary data). briefgen reads {READABLE}."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{path} is not UTF-8 text (byte {error.start + 1} cannot be read).\n"
            "Open it and save it again as UTF-8 (in most editors: Save As, Encoding: UTF-8)."
        ) from error


def _pdf(path: Path, data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opened(reader):
            raise DocumentError(
                f"{path} is encrypted, so its text cannot be read.\n"
                "Open it, and save or print a copy without a password; add that copy."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str(reader.metadata.get("/Title") or "") if reader.metadata else ""
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise DocumentError(f"{path} is not a PDF briefgen can read ({error}).") from error
    text = "\n\n".join(_paragraphs_of_page(page) for page in pages)
    if len(text.split()) < MIN_WORDS:
        raise DocumentError(
            f"{path} has no text layer: it is probably a scan, pictures of pages.\n"
            "Run it through OCR (text recognition) and add the copy that has text, or "
            "type the passages you need into a .txt file."
        )
    return Document(normalised(text), "PDF", title=_real_title(title))


def _opened(reader: object) -> bool:
    """Whether a PDF encrypted with no password to open (only against printing or
    copying) opens; one that needs a password does not."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:
        return False


def _paragraphs_of_page(page: str) -> str:
    """A page's lines as paragraphs: a line that ends a sentence well short of the
    page's width ends its paragraph, as a PDF gives no blank lines between them."""
    lines = [line.strip() for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            continue
        current.append(line)
        if len(line) < 0.75 * width and re.search(r"[.!?:\"\u201d)]$", line):
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def _web_page(path: Path, html: str) -> Document:
    import trafilatura

    found = trafilatura.extract(
        html,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not found:
        raise DocumentError(
            f"{path} has no main text briefgen can find (only menus, or a page built by "
            "scripts).\nSave the page from your browser as 'Web page, complete', or copy "
            "its text into a .txt file."
        )
    record = json.loads(found)
    text = "\n\n".join(line for line in (record.get("text") or "").split("\n") if line.strip())
    return Document(
        normalised(text),
        "web page",
        title=record.get("title") or "",
        date=record.get("date") or "",
        issuer=record.get("source-hostname") or "",
        authors=tuple(a.strip() for a in (record.get("author") or "").split(";") if a.strip()),
        url=record.get("source") or "",
    )


def _word(path: Path, data: bytes) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise DocumentError(
            f"{path} is not a Word document briefgen can read.\n"
            "Open it in a word processor and save it again as Word (.docx)."
        ) from error
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = dict.fromkeys(cell.text.strip() for cell in row.cells if cell.text.strip())
            if cells:
                paragraphs.append(" | ".join(cells))
    # Its title property, if set; not its author property, which names whoever saved it.
    return Document(
        normalised("\n\n".join(paragraphs)),
        "Word document",
        title=_real_title(document.core_properties.title or ""),
    )


def _real_title(title: str) -> str:
    """A title from a file's metadata, unless it is only a file name."""
    title = " ".join(title.split())
    return "" if not title or FILE_NAME_TITLE.search(title) else title
