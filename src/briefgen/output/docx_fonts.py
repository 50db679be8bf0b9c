"""The shipped fonts, embedded in each Word document so it looks the same on every machine.

Word and LibreOffice both read fonts embedded in a .docx (ECMA-376 Part 1, 17.8.1): each
face is stored "obfuscated", its first 32 bytes mixed with a key named in the font table.
A face is cut down to the characters a classroom text in a Latin or Arabic script uses, so
a document carries about 100 KB per face rather than 750 KB; the cut faces are kept in the
user cache, as cutting them takes a moment. The fonts are OFL-licensed, which allows this.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from briefgen.load.fonts import ARABIC_SCRIPT, FAMILIES, FontFace
from briefgen.model import Theme
from briefgen.places import keep, private_folder, user_cache_dir
from briefgen.render.builtin_theme import THEME_DIR

log = logging.getLogger(__name__)

ARABIC_FONT = ARABIC_SCRIPT.name
# Basic Latin, Latin-1, Latin Extended-A (the letters of European languages and of
# transliterated names), general punctuation, the euro and trade mark signs
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), 0x20AC, 0x2122]
ARABIC = [*range(0x20, 0x40), *range(0x600, 0x700)]  # shaped from these by the font itself
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")
CUT_VERSION = "2"  # a new value whenever the characters kept change
_lock = threading.Lock()
_cut: dict[str, bytes] = {}


@dataclass(frozen=True)
class EmbeddedFace:
    """One face as the .docx stores it: obfuscated with ``key``."""

    family: str
    style: str  # Regular, Bold, Italic or BoldItalic: the font table's embed element
    key: str  # a GUID in braces
    data: bytes


def embedded_faces(theme: Theme, arabic: bool) -> list[EmbeddedFace]:
    """Every face of the theme's body and heading fonts, and of the Arabic font if the
    document has Arabic script."""
    fonts = dict.fromkeys((theme.body_font, theme.heading_font))
    families = [(name, FAMILIES[name].faces, LATIN) for name in fonts]
    if arabic:
        families.append((ARABIC_FONT, ARABIC_SCRIPT.faces, ARABIC))
    faces = []
    for family, family_faces, characters in families:
        for face in family_faces:
            key = _key(face.file)
            data = obfuscated(_cut_face(face.file, characters), key)
            faces.append(EmbeddedFace(family, _style(face), key, data))
    return faces


def obfuscated(font: bytes, key: str) -> bytes:
    """The font as a .docx stores it: its first 32 bytes XORed with the key's bytes in
    reverse order (the same operation undoes it)."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    data = bytearray(font)
    for index in range(32):
        data[index] ^= key_bytes[index % 16]
    return bytes(data)


def _style(face: FontFace) -> str:
    bold = "Bold" if face.weight >= 600 else ""
    italic = "Italic" if face.style == "italic" else ""
    return bold + italic or "Regular"


def _key(file: str) -> str:
    """A key of the face's own, the same every build: the same content, the same bytes."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(file.encode()).digest()[:16])).upper() + "}"


def _cut_face(file: str, characters: list[int]) -> bytes:
    """The face with only ``characters``: from this process, the user cache or cut now."""
    with _lock:
        if file in _cut:
            return _cut[file]
        original = (THEME_DIR / "fonts" / file).read_bytes()
        digest = hashlib.sha256(original).hexdigest()[:16]
        folder = private_folder(user_cache_dir() / "docx-fonts")
        cached = folder / f"{Path(file).stem}-{digest}-{CUT_VERSION}.ttf" if folder else None
        if cached is not None and cached.is_file():
            data = cached.read_bytes()
        else:
            data = _subset(original, characters)
            if cached is not None:
                keep(cached, data)
        _cut[file] = data
        return data


def _subset(font: bytes, characters: list[int]) -> bytes:
    from fontTools import subset  # WeasyPrint's dependency; only when a cut is not cached

    options = subset.Options()
    options.name_IDs = ["*"]
    options.hinting = False  # screens and printers today do without it
    options.notdef_outline = True
    options.drop_tables += ["Silt", "Sill", "Glat", "Gloc", "Feat"]  # Graphite: Word ignores it
    loaded = subset.load_font(io.BytesIO(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(loaded)
    data = io.BytesIO()
    subset.save_font(loaded, data, options)
    return data.getvalue()
