"""Turn a page rendered for Word into the HTML pandoc reads as Word styles.

Pandoc keeps no classes on paragraphs, so each paragraph whose class names a part of the
page (a byline, a quotation's attribution, an answer space) is wrapped in a div naming its
Word style (``data-custom-style``). A Word document travels alone: links to the pack's web
pages become plain text, and an SVG figure becomes a PNG, which every word processor shows.
"""

from __future__ import annotations

import base64
import re

import lxml.html
from lxml.html import HtmlElement

# A class in the built-in templates -> the Word paragraph style of what it marks.
PARAGRAPH_STYLES = {
    "byline": "Author",
    "author-role": "Author",
    "editor": "Author",
    "date": "Date",
    "disclaimer": "Disclaimer",
    "pack-name": "Subtitle",
    "edition-label": "Subtitle",
    "how-to": "Instructions",
    "ws-in-grid": "Instructions",
    "references-note": "Instructions",
    "answer-guidance": "Answer Guidance",
    "asked-mark": "Teacher Note",
    "guidance": "Answer Guidance",
    "withheld-section": "Withheld Section",
    "context": "Background Note",
    "colophon": "Colophon",
}
QUOTE_STYLE = "Quote"
ATTRIBUTION_STYLE = "Attribution"
ANSWER_LINE_STYLE = "Answer Line"
LIST_STYLE = "List Paragraph"
BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "blockquote", "figure", "table"})
GRID_CELL_LINES = 3  # empty lines in each box of the student's comparison grid
PNG_WIDTH = 1600  # pixels: sharp when printed 16 cm wide
SVG_URI = re.compile(r"^data:image/svg\+xml;base64,(?P<data>.+)$", re.DOTALL)
NBSP = "\u00a0"
EN_SPACE = "\u2002"


class FigureNotDrawn(Exception):
    """An SVG figure that could not be drawn as a PNG: its alt text, and why."""

    def __init__(self, alt: str, reason: str) -> None:
        super().__init__(reason)
        self.alt = alt
        self.reason = reason


def prepare_for_word(html: str) -> str:
    """The page as pandoc should read it: Word styles named, answer spaces ruled, figures PNG."""
    return prepared_page(lxml.html.document_fromstring(html))


def prepared_page(root: HtmlElement) -> str:
    """``prepare_for_word`` of a page already parsed, which it changes."""
    # the head's title and author would become a second title block; the properties
    # carry them instead (output/docx.py)
    for element in _tags(root, "style", "script", "title", "meta"):
        element.drop_tree()
    for element in root.find_class("masthead"):  # the first page's header (docx_styles.py)
        element.drop_tree()
    for element in list(root.find_class("short-definition")):  # the web page's short form
        element.drop_tree()
    _number_lists(root)
    _mark_inline(root)
    _style_headings(root)
    _style_quotations(root)
    _rule_answer_spaces(root)
    _open_grid_cells(root)
    _style_classed(root)
    _style_list_items(root)
    _unlink_pages(root)
    for image in _tags(root, "img"):
        _rasterise_svg(image)
    return str(lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"))


def _tags(root: HtmlElement, *tags: str) -> list[HtmlElement]:
    """The elements of these tags under ``root``, listed first so they can be changed."""
    return list(root.iter(*tags))


def _classes(element: HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def _wrap(element: HtmlElement, style: str) -> None:
    """Put ``element`` inside a div that gives its paragraphs ``style``."""
    wrapper = lxml.html.Element("div")
    wrapper.set("data-custom-style", style)
    element.addprevious(wrapper)
    wrapper.tail, element.tail = element.tail, None
    wrapper.append(element)


def _as_paragraphs(element: HtmlElement) -> None:
    """A block that is not a paragraph (a heading, a div of text) read as one."""
    if element.tag != "p":
        element.tag = "p"
        element.attrib.pop("id", None)


def _number_lists(root: HtmlElement) -> None:
    """A list numbered as the companion numbers it (question 3, 12, 14) as numbered
    paragraphs: Word would number it 1, 2, 3."""
    for ordered in _tags(root, "ol"):
        items = [item for item in ordered if item.tag == "li"]
        if not any(item.get("value") for item in items):
            continue
        for item in items:
            number = item.find_class("ws-number")
            if number:
                number[0].tag = "strong"
                number[0].tail = " " + (number[0].tail or "").lstrip()
            else:
                label = lxml.html.Element("strong")
                label.text = f"{item.get('value', '')}."
                label.tail = " " + (item.text or "").lstrip()
                item.text = None
                item.insert(0, label)
            item.tag = "div"
            item.attrib.pop("value", None)
        ordered.tag = "div"


def _mark_inline(root: HtmlElement) -> None:
    """What the web page shows by its look alone, said in words: a blank to fill in, a
    label, a question's level."""
    for blank in root.find_class("blank"):
        blank.text = EN_SPACE + "_" * 18
    for label in root.find_class("label"):  # set apart on the page by its look alone
        label.tag = "strong"
        words = label.text_content().rstrip()
        if words and words[-1] not in ".:?":
            label.text, label[:] = f"{words}:", []
    for level in root.find_class("level"):
        level.tag = "em"
        level.text = f"({level.text_content()})"
        level.tail = " " + (level.tail or "").lstrip()


def _style_headings(root: HtmlElement) -> None:
    """The document's title in Word's Title style; a source's name under its heading."""
    for heading in _tags(root, "h1"):
        _as_paragraphs(heading)
        _wrap(heading, "Title")
    for name in root.find_class("source-title"):
        name.tag = "h3"


def _style_quotations(root: HtmlElement) -> None:
    """A quotation in Word's Quote style, its attribution under it in a style of its own."""
    for quote in _tags(root, "blockquote"):
        quote.tag = "div"
        quote.attrib.clear()
        quote.set("data-custom-style", QUOTE_STYLE)
    for caption in _tags(root, "figcaption"):
        figure = caption.getparent()
        if figure is None or "quotation" not in _classes(figure):
            continue
        caption.tag = "p"
        _wrap(caption, ATTRIBUTION_STYLE)
        figure.tag = "div"


def _rule_answer_spaces(root: HtmlElement) -> None:
    """A student's answer space as empty ruled lines to write on (the teacher's guidance
    stays as it is): as many lines as the printed worksheet gives."""
    for space in list(root.find_class("answer-space")):
        rules = space.find_class("rule")
        if not rules:
            continue
        lines = lxml.html.Element("div")
        lines.set("data-custom-style", ANSWER_LINE_STYLE)
        for _ in rules:
            line = lxml.html.Element("p")
            line.text = NBSP
            lines.append(line)
        lines.tail = space.tail
        space.getparent().replace(space, lines)


def _open_grid_cells(root: HtmlElement) -> None:
    """An empty box of the comparison grid given lines, so the printed grid has room."""
    for cell in _tags(root, "td"):
        if len(cell) or (cell.text or "").strip():
            continue
        for _ in range(GRID_CELL_LINES):
            line = lxml.html.Element("p")
            line.text = NBSP
            cell.append(line)


def _style_classed(root: HtmlElement) -> None:
    for element in _tags(root, "p", "div", "footer"):
        style = next((PARAGRAPH_STYLES[c] for c in _classes(element) if c in PARAGRAPH_STYLES), "")
        if not style or element.get("data-custom-style"):
            continue
        if element.tag == "p":
            _wrap(element, style)
        else:
            element.set("data-custom-style", style)
            if element.tag == "footer":
                element.tag = "div"


def _style_list_items(root: HtmlElement) -> None:
    """Each item of a list in Word's List Paragraph style; Word still numbers it."""
    for item in _tags(root, "li"):
        if item.get("data-custom-style") or any(c.get("data-custom-style") for c in item):
            continue
        if (item.get("id") or "").startswith("fn"):  # a footnote, in Word's Footnote Text
            continue
        wrapper = lxml.html.Element("div")
        wrapper.set("data-custom-style", LIST_STYLE)
        content = wrapper
        if not any(child.tag in BLOCKS for child in item):  # pandoc styles paragraphs only
            content = lxml.html.Element("p")
            wrapper.append(content)
        content.text, item.text = item.text, None
        for child in list(item):
            content.append(child)
        item.append(wrapper)


def _unlink_pages(root: HtmlElement) -> None:
    """A link to another page of the pack read as its words: the document goes alone."""
    for link in _tags(root, "a"):
        target = link.get("href") or ""
        if target.startswith(("http://", "https://", "mailto:", "#")):
            continue
        link.drop_tag()


def _rasterise_svg(image: HtmlElement) -> None:
    """An SVG picture as a PNG: Word before 2016, LibreOffice and Google Docs miss SVG."""
    source = image.get("src") or ""
    png = image_data(source, image.get("alt") or "") if SVG_URI.match(source) else None
    if png is not None:
        image.set("src", f"data:image/png;base64,{base64.b64encode(png).decode('ascii')}")


def image_data(uri: str, alt: str = "") -> bytes | None:
    """The picture a data URI holds, an SVG drawn as a PNG; None if it holds none."""
    kind, _, data = uri.partition(";base64,")
    if not kind.startswith("data:image/") or not data:
        return None
    picture = base64.b64decode(data)
    if kind != "data:image/svg+xml":
        return picture
    import cairosvg  # only when a page has an SVG figure

    try:  # CairoSVG (2.7 and later) reads no file or address an SVG points to
        return bytes(cairosvg.svg2png(bytestring=picture, output_width=PNG_WIDTH))
    except Exception as error:  # CairoSVG raises many kinds; all mean the same here
        raise FigureNotDrawn(alt, f"{type(error).__name__}: {error}") from error
