"""The reference document pandoc takes a Word document's look from: its styles, page and header.

It starts from pandoc's own reference document, so every style pandoc uses is there, and
changes them to the pack's theme: the shipped fonts named, the accent colour, A4 or Letter
with the PDF's margins, and the styles of our own that the templates' classes map to
(output/docx_html.py). A teacher who edits the document finds these in Word's Styles pane.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.parfmt import CT_PPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from briefgen.model import Theme
from briefgen.output.docx_fonts import ARABIC_FONT

PAPER = {"A4": (Cm(21.0), Cm(29.7)), "Letter": (Cm(21.59), Cm(27.94))}
MARGIN = Cm(2.2)
GREY = RGBColor(0x55, 0x55, 0x55)
DARK = RGBColor(0x22, 0x22, 0x22)
ANSWER_LINE_HEIGHT = Pt(25)
# The order of a paragraph's properties (w:pPr) in Word's schema, from the borders on
PARAGRAPH_PROPERTIES = (
    *("w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap"),
    *("w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi"),
    *("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing"),
    *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr"),
    "w:pPrChange",
)  # the printed worksheet's ruled lines, 2.25em apart


@dataclass(frozen=True)
class Masthead:
    """What the page-1 masthead says, and the running header of later pages."""

    series: str  # ISSUE BRIEF, WORKSHEET...
    issuer: str
    contact: tuple[str, ...] = ()
    logo: bytes | None = None  # PNG or JPEG
    logo_alt: str = ""
    title: str = ""  # the document's short title, on every later page


def reference_document(pandoc_default: bytes, theme: Theme, masthead: Masthead) -> bytes:
    """Pandoc's reference document restyled for the pack's theme, as .docx bytes."""
    document = docx.Document(io.BytesIO(pandoc_default))
    accent = RGBColor.from_string(theme.accent.lstrip("#").upper())
    _page(document, theme.paper)
    _fonts(document, theme)
    _headings(document, theme.heading_font, accent)
    for name, shape in OUR_STYLES.items():
        shape(_paragraph_style(document, name), accent)
    _headers(document, masthead, theme, accent)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _page(document: Document, paper: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAPER.get(paper, PAPER["A4"])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    # Word's schema wants every margin of the page named
    section.header_distance = section.footer_distance = Cm(1.0)
    section.gutter = Cm(0)
    # footnotes numbered through the document, as the PDF's endnotes are (pandoc's own
    # reference restarts them each section, which LibreOffice reads as each page)
    for numbering in section._sectPr.iter(qn("w:footnotePr")):
        for restart in numbering.iter(qn("w:numRestart")):
            restart.set(qn("w:val"), "continuous")


def _fonts(document: Document, theme: Theme) -> None:
    """Body text in the theme's font; Arabic script in the shipped Naskh."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for fonts in defaults.iter(qn("w:rFonts")) if defaults is not None else ():
        _name_font(fonts, theme.body_font)
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _name_font(normal.element.get_or_add_rPr().get_or_add_rFonts(), theme.body_font)
    normal.font.size = Pt(11)
    normal.paragraph_format.line_spacing = 1.15
    for name in ("Body Text", "First Paragraph", "Compact"):
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        style.paragraph_format.space_after = Pt(6)
    footnote = document.styles["Footnote Text"]
    footnote.font.size = Pt(9)


def _name_font(fonts: BaseOxmlElement, name: str) -> None:
    """Name the font outright: a theme font (``asciiTheme``) would win over the name."""
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        if qn(f"w:{attribute}") in fonts.attrib:
            del fonts.attrib[qn(f"w:{attribute}")]
    for attribute in ("ascii", "hAnsi", "eastAsia"):
        fonts.set(qn(f"w:{attribute}"), name)
    fonts.set(qn("w:cs"), ARABIC_FONT)


def _headings(document: Document, font: str, accent: RGBColor) -> None:
    sizes = {"Title": 22, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11.5}
    for name, size in sizes.items():
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        _name_font(style.element.get_or_add_rPr().get_or_add_rFonts(), font)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = accent if name != "Heading 3" else DARK
        style.paragraph_format.keep_with_next = True
    document.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name in ("Subtitle", "Author", "Date"):
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        _name_font(style.element.get_or_add_rPr().get_or_add_rFonts(), font)
        style.font.bold = name == "Subtitle"
        style.font.color.rgb = accent if name == "Subtitle" else DARK
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.space_after = Pt(2)
    document.styles["Subtitle"].font.size = Pt(12)


def _paragraph_style(document: Document, name: str) -> ParagraphStyle:
    if name in [style.name for style in document.styles]:
        style = document.styles[name]
    else:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Body Text"]
    assert isinstance(style, ParagraphStyle)
    style.quick_style = True  # shown in Word's style gallery
    return style


def _border(properties: CT_PPr, sides: dict[str, str], colour: str, width: str = "6") -> None:
    """Borders on ``sides`` (side -> single, dashed...) of a style's or a paragraph's
    properties, ``width`` in eighths of a point, in the schema's order."""
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right", "between"):
        if side in sides:
            line = OxmlElement(f"w:{side}")
            for key, value in (("val", sides[side]), ("sz", width), ("space", "4")):
                line.set(qn(f"w:{key}"), value)
            line.set(qn("w:color"), colour)
            borders.append(line)
    _in_schema_order(properties, borders)


def _in_schema_order(properties: CT_PPr, element: etree._Element) -> None:
    """Add a paragraph property where Word's schema puts it: Word refuses a file whose
    properties are out of order."""
    tag = "w:" + element.tag.split("}")[1]
    successors = PARAGRAPH_PROPERTIES[PARAGRAPH_PROPERTIES.index(tag) + 1 :]
    properties.insert_element_before(cast(etree.ElementBase, element), *successors)


def _shading(fill: str) -> etree._Element:
    """A background of ``fill``, for a paragraph's properties or a run's."""
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    return shading


def _quote(style: ParagraphStyle, accent: RGBColor) -> None:
    style.paragraph_format.left_indent = Cm(0.8)
    style.paragraph_format.right_indent = Cm(0.8)
    style.paragraph_format.space_after = Pt(2)
    style.paragraph_format.keep_with_next = True  # with its attribution
    _border(style.element.get_or_add_pPr(), {"left": "single"}, str(accent))


def _attribution(style: ParagraphStyle, accent: RGBColor) -> None:
    style.font.size = Pt(9.5)
    style.font.color.rgb = GREY
    style.paragraph_format.left_indent = Cm(0.8)
    style.paragraph_format.space_after = Pt(10)


def _small_grey(style: ParagraphStyle, accent: RGBColor) -> None:
    style.font.size = Pt(9)
    style.font.color.rgb = GREY


def _instructions(style: ParagraphStyle, accent: RGBColor) -> None:
    style.font.italic = True


def _boxed(style: ParagraphStyle, accent: RGBColor) -> None:
    """The teacher's answer guidance: shaded, with the accent down its side."""
    _in_schema_order(style.element.get_or_add_pPr(), _shading("F1F4F7"))
    _border(style.element.get_or_add_pPr(), {"left": "single"}, str(accent))


def _dashed(style: ParagraphStyle, accent: RGBColor) -> None:
    _border(
        style.element.get_or_add_pPr(),
        {side: "dashed" for side in ("top", "left", "bottom", "right")},
        "808080",
    )


def _background(style: ParagraphStyle, accent: RGBColor) -> None:
    style.font.italic = True
    style.font.color.rgb = GREY


def _answer_line(style: ParagraphStyle, accent: RGBColor) -> None:
    """An empty line to write on: a rule under each, as tall as the printed worksheet's."""
    style.paragraph_format.line_spacing = ANSWER_LINE_HEIGHT
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    _border(style.element.get_or_add_pPr(), {"bottom": "single", "between": "single"}, "A0A0A0")


def _list_item(style: ParagraphStyle, accent: RGBColor) -> None:
    style.paragraph_format.space_after = Pt(3)


OUR_STYLES: dict[str, Callable[[ParagraphStyle, RGBColor], None]] = {
    "List Paragraph": _list_item,
    "Quote": _quote,
    "Attribution": _attribution,
    "Disclaimer": _small_grey,
    "Colophon": _small_grey,
    "Instructions": _instructions,
    "Answer Guidance": _boxed,
    "Teacher Note": _boxed,
    "Withheld Section": _dashed,
    "Background Note": _background,
    "Answer Line": _answer_line,
}


def _headers(document: Document, masthead: Masthead, theme: Theme, accent: RGBColor) -> None:
    """Page 1's header is the masthead: the series label, then the issuer (its logo, name
    and contact lines) on the right, over a rule. Later pages name the issuer and the
    document. Every page's foot gives its number."""
    section, font, paper = document.sections[0], theme.heading_font, theme.paper
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    right = PAPER.get(paper, PAPER["A4"])[0] - 2 * MARGIN  # the right edge of the text
    label = first.add_run(f"\u00a0{masthead.series.upper()}\u00a0")  # room in its band
    _looks(label, font, Pt(11), bold=True, colour=RGBColor(0xFF, 0xFF, 0xFF))
    # reversed out of the accent colour, as on the PDF's masthead
    label._r.get_or_add_rPr().append(_shading(str(accent)))
    first.add_run("\t")
    if masthead.logo is not None:
        _logo(first.add_run(), masthead)
        first.add_run(" ")
    _looks(first.add_run(masthead.issuer.upper()), font, Pt(10), bold=True, colour=accent)
    lines = [first]
    for line in masthead.contact:
        paragraph = section.first_page_header.add_paragraph()
        paragraph.add_run("\t")
        _looks(paragraph.add_run(line), font, Pt(8.5), colour=GREY)
        lines.append(paragraph)
    for paragraph in lines:
        paragraph.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.paragraph_format.space_after = Pt(0)
    lines[-1].paragraph_format.space_after = Pt(6)
    _border(lines[-1]._p.get_or_add_pPr(), {"bottom": "single"}, str(accent), width="12")
    later = section.header.paragraphs[0]
    later.text = ""
    _looks(later.add_run(f"{masthead.issuer}  ·  {masthead.title}"), font, Pt(8.5), colour=GREY)
    for footer in (section.footer, section.first_page_footer):
        footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number(footer.paragraphs[0], font)


def _looks(
    run: Run, font: str, size: Pt, bold: bool = False, colour: RGBColor | None = None
) -> None:
    run.font.name, run.font.size, run.font.bold = font, size, bold
    if colour is not None:
        run.font.color.rgb = colour


def _logo(run: Run, masthead: Masthead) -> None:
    """The issuer's logo, 1.2 cm tall, described for a screen reader by its alt text."""
    run.add_picture(io.BytesIO(masthead.logo or b""), height=Cm(1.2))
    for description in run._r.iter(qn("wp:docPr")):
        description.set("descr", masthead.logo_alt)


def _page_number(paragraph: Paragraph, font: str) -> None:
    """'Page N of M', as Word fields, so the numbers follow the teacher's edits."""
    for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
        run = paragraph.add_run(text)
        run.font.name, run.font.size = font, Pt(8.5)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), f" {field} ")
        number = OxmlElement("w:r")
        looks = OxmlElement("w:rPr")
        for tag, value in (("w:rFonts", font), ("w:sz", "17")):
            element = OxmlElement(tag)
            element.set(qn("w:ascii" if tag == "w:rFonts" else "w:val"), value)
            if tag == "w:rFonts":
                element.set(qn("w:hAnsi"), value)
            looks.append(element)
        number.append(looks)
        number_text = OxmlElement("w:t")
        number_text.text = "1"
        number.append(number_text)
        simple.append(number)
        paragraph._p.append(simple)
