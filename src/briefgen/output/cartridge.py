"""One edition of a pack as an IMS Common Cartridge 1.3 package (.imscc).

Canvas, Moodle, Schoology and Blackboard import a cartridge as a module: here, one named
after the pack, holding the edition's web pages (the brief, the companion, the worksheet,
each source's handout and reader) as web content, its PDFs as files, and each discussion
question as a discussion topic, in the pack's order. The pages keep their own folder, so
the links between them still work once imported. The manifest lists every file, and
every file it lists is in the package; the same content gives the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.model import Library
from briefgen.output.lms_text import plain, quoted, short_name, xml_document
from briefgen.render.companion import Companion
from briefgen.render.markdown import inline_prose

CC = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
TOPIC = "http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3"
WEB_CONTENT, DISCUSSION = "webcontent", "imsdt_xmlv1p3"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's, so the package's bytes depend on content
PAGE_ORDER = ("index", "brief", "companion", "worksheet", "handout-", "source-")


@dataclass
class _Package:
    """The files of the package and the manifest's resources, as they are added."""

    files: dict[str, bytes] = field(default_factory=dict)
    resources: list[tuple[str, str, str]] = field(default_factory=list)  # id, type, href
    items: list[tuple[str, str]] = field(default_factory=list)  # resource id, title

    def add(self, href: str, data: bytes, kind: str, title: str) -> None:
        identifier = f"R{len(self.resources) + 1:04d}"
        self.files[href] = data
        self.resources.append((identifier, kind, href))
        self.items.append((identifier, title))


def common_cartridge(
    folder: Path, titles: dict[str, str], companion: Companion, library: Library
) -> tuple[bytes, dict[str, int]]:
    """The package of the built edition in ``folder``, and how many of each thing it holds.

    ``titles`` names each file of the edition ("brief.html": "Issue brief ...").
    """
    package = _Package()
    pack = companion.pack
    base = f"web_resources/{pack.id}-{companion.edition}"
    pages, pdfs, word = (
        sorted((p for p in folder.iterdir() if p.suffix == suffix), key=_page_order)
        for suffix in (".html", ".pdf", ".docx")
    )
    for path in [*pages, *pdfs, *word]:
        package.add(f"{base}/{path.name}", path.read_bytes(), WEB_CONTENT, titles[path.name])
    for number, question in enumerate(companion.questions, 1):
        title = short_name(f"Question {number} ({question.level}): {question.question}")
        text = f"<p>{inline_prose(question.question)}</p>" + quoted(
            question.quotes, companion, library
        )
        package.add(
            f"discussions/question-{number:02d}.xml", _topic(title, text), DISCUSSION, title
        )
    package.files["imsmanifest.xml"] = _manifest(pack.id, plain(pack.title), package)
    counts = {
        "page": len(pages),
        "PDF": len(pdfs),
        "Word document": len(word),
        "discussion topic": len(companion.questions),
    }
    return _zipped(package.files), counts


def _page_order(path: Path) -> tuple[int, str]:
    rank = next((i for i, start in enumerate(PAGE_ORDER) if path.stem.startswith(start)), 99)
    return rank, path.name


def _topic(title: str, text: str) -> bytes:
    ET.register_namespace("", TOPIC)
    topic = ET.Element(f"{{{TOPIC}}}topic")
    ET.SubElement(topic, f"{{{TOPIC}}}title").text = title
    ET.SubElement(topic, f"{{{TOPIC}}}text", texttype="text/html").text = text
    return xml_document(topic)


def _manifest(pack_id: str, title: str, package: _Package) -> bytes:
    ET.register_namespace("", CC)
    ET.register_namespace("lomimscc", LOM)
    manifest = ET.Element(f"{{{CC}}}manifest", identifier=f"briefgen-{pack_id}")
    metadata = ET.SubElement(manifest, f"{{{CC}}}metadata")
    ET.SubElement(metadata, f"{{{CC}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, f"{{{CC}}}schemaversion").text = "1.3.0"
    lom = ET.SubElement(metadata, f"{{{LOM}}}lom")
    general = ET.SubElement(lom, f"{{{LOM}}}general")
    ET.SubElement(ET.SubElement(general, f"{{{LOM}}}title"), f"{{{LOM}}}string").text = title
    organizations = ET.SubElement(manifest, f"{{{CC}}}organizations")
    organization = ET.SubElement(
        organizations, f"{{{CC}}}organization", identifier="O0001", structure="rooted-hierarchy"
    )
    root = ET.SubElement(organization, f"{{{CC}}}item", identifier="I0000")
    module = ET.SubElement(root, f"{{{CC}}}item", identifier="I0001")
    ET.SubElement(module, f"{{{CC}}}title").text = title
    for index, (resource, item_title) in enumerate(package.items, 2):
        item = ET.SubElement(
            module, f"{{{CC}}}item", identifier=f"I{index:04d}", identifierref=resource
        )
        ET.SubElement(item, f"{{{CC}}}title").text = item_title
    resources = ET.SubElement(manifest, f"{{{CC}}}resources")
    for identifier, kind, href in package.resources:
        attributes = {"identifier": identifier, "type": kind}
        if kind == WEB_CONTENT:
            attributes["href"] = href
        entry = ET.SubElement(resources, f"{{{CC}}}resource", attributes)
        ET.SubElement(entry, f"{{{CC}}}file", href=href)
    return xml_document(manifest)


def _zipped(files: dict[str, bytes]) -> bytes:
    """A zip of ``files``, the manifest first, each entry dated alike."""
    buffer = io.BytesIO()
    names = sorted(files, key=lambda name: (name != "imsmanifest.xml", name))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()
