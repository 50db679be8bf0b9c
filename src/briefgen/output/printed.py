"""How many pages a handout prints on, so that the index promises only what is true.

A handout is a web page the teacher prints from the browser, on A4 or on letter. The build
lays it out with WeasyPrint, in print media, on a page as narrow as A4 and as short as
letter (210 x 279.4 mm; what fits there fits on either paper) and in the theme's own
fonts, embedded as in the PDFs. A browser uses those fonts or the similar ones the page
names after them, which are no wider: Charis SIL, the default, is wider than the
Times-like serif browsers fall back to, and WeasyPrint's count is the cautious one.

Counting costs a layout per handout and edition (0.2 to 0.5 s each), so it is done only
in builds that make PDFs, where WeasyPrint is at work anyway, and each count is kept in
the user's cache, keyed by the page, the fonts' CSS and briefgen's and WeasyPrint's code:
an unchanged handout is not laid out again, and an HTML-only build (which never loads
WeasyPrint) promises the pages counted for that very page before, or none.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path

from briefgen.errors import RenderError
from briefgen.load.fonts import ARABIC_SCRIPT, FAMILIES
from briefgen.model import Config
from briefgen.output.inputs import code_signature
from briefgen.output.pdf import PdfJob, html_to_pdf
from briefgen.places import keep, private_folder, user_cache_dir

log = logging.getLogger(__name__)

PRINT_AREA = "210mm 279.4mm"  # A4's width, letter's height: the smaller of both
PRINTED_PAGES = {1: "Prints on one page.", 2: "Prints on two pages."}
COUNTS_FOLDER = "printed-pages-1"  # a new name whenever the way of counting changes


def count_printed_pages(html: str, name: str, config: Config, lay_out: bool) -> int | None:
    """The pages the web page ``html`` prints on, A4 or letter, as last counted; if never,
    counted now when ``lay_out``. None when unknown (``name`` names the page in the log)."""
    head_end = html.find("</head>")
    if head_end >= 0:  # last in the head, so that its page size wins over the theme's
        html = f"{html[:head_end]}<style>\n{measuring_css(config)}</style>\n{html[head_end:]}"
    # a plain PDF (no variant): it is only counted, and tagging it would cost time
    job = PdfJob(html, name, config.root, config.templates_dir, variant="")
    record = _record_path(job)
    if record is not None and record.is_file():
        try:
            return int(record.read_text(encoding="ascii"))
        except (OSError, ValueError):
            pass  # unreadable: counted again
    if not lay_out:
        return None
    try:
        pages = html_to_pdf(job).pages
    except RenderError as error:  # the build's PDFs meet it too and report it
        log.info("The printed pages of %s were not counted: %s", name, error)
        return None
    if record is not None:
        keep(record, str(pages).encode("ascii"))
    return pages


def _record_path(job: PdfJob) -> Path | None:
    """Where the count of ``job`` is kept; None if there is no cache folder."""
    folder = private_folder(user_cache_dir() / COUNTS_FOLDER)
    if folder is None:
        return None
    key = hashlib.sha256(f"{_code()}\0{job.templates_dir}\0{job.html}".encode()).hexdigest()
    return folder / key


@functools.cache
def _code() -> str:
    return code_signature()


def measuring_css(config: Config) -> str:
    """The theme's fonts, embedded as the PDFs embed them, on the smaller of A4 and letter."""
    families = {
        family.name: family
        for family in (
            FAMILIES[config.theme.body_font],
            FAMILIES[config.theme.heading_font],
            ARABIC_SCRIPT,
        )
    }
    faces = [
        f'@font-face {{ font-family: "{family.name}"; src: url("fonts/{face.file}"); '
        f"font-weight: {face.weight}; font-style: {face.style}; }}\n"
        for family in families.values()
        for face in family.faces
    ]
    return "".join(faces) + f"@page {{ size: {PRINT_AREA}; }}\n"


def printed_pages(pages: int) -> str:
    """A page count as the index says it: "Prints on one page.", "Prints on two pages."."""
    return PRINTED_PAGES.get(pages, f"Prints on {pages} pages.")
