"""How many pages a handout prints on, so that the index promises only what is true.

A handout is a web page the teacher prints from the browser, on A4 or on letter. The build
lays it out with WeasyPrint, in print media, on a page as narrow as A4 and as short as
letter (210 x 279.4 mm; what fits there fits on either paper) and in the theme's own
fonts, embedded as in the PDFs. A browser uses those fonts or the similar ones the page
names after them, which are no wider: Charis SIL, the default, is wider than the
Times-like serif browsers fall back to, and WeasyPrint's count is the cautious one.

Counting costs a layout per handout and edition (about 0.2 s each), so it is done only in
builds that make PDFs, where WeasyPrint is at work anyway; an HTML-only build never loads
it, and its index makes no promise of pages.
"""

from __future__ import annotations

import functools

from briefgen.load.fonts import ARABIC_SCRIPT, FAMILIES
from briefgen.model import Config
from briefgen.output.pdf import PdfJob, html_to_pdf

PRINT_AREA = "210mm 279.4mm"  # A4's width, letter's height: the smaller of both
PRINTED_PAGES = {1: "Prints on one page.", 2: "Prints on two pages."}
COUNTED_HANDOUTS = 256  # page counts kept in memory, for the rebuilds of `briefgen serve`


def count_printed_pages(html: str, name: str, config: Config) -> int:
    """The pages the web page ``html`` prints on, A4 or letter; ``name`` names it in errors."""
    head_end = html.find("</head>")
    if head_end >= 0:  # last in the head, so that its page size wins over the theme's
        html = f"{html[:head_end]}<style>\n{measuring_css(config)}</style>\n{html[head_end:]}"
    # a plain PDF (no variant): it is only counted, and tagging it would cost time
    return _laid_out_pages(PdfJob(html, name, config.root, config.templates_dir, variant=""))


@functools.lru_cache(maxsize=COUNTED_HANDOUTS)
def _laid_out_pages(job: PdfJob) -> int:
    return html_to_pdf(job).pages


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
