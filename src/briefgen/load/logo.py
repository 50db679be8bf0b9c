"""The issuer's logo: a small image inside the project, inlined into every page.

It comes from a project folder that may be shared, so it is checked before anything uses
it: a file inside the project, a real image of the kind its name says, small in bytes and
in pixels (a 1 MB PNG can hold 400 million blank pixels, which the PDF engine would
decode in full).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from briefgen.load.reading import file_name_problem, regular_bytes, relative_file_name
from briefgen.load.records import Record
from briefgen.model import IMAGE_MEDIA_TYPES, Logo

# What an image file starts with, by the media type it is inlined as.
LOGO_TYPES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/svg+xml": (b"<svg", b"<?xml"),
}
# the images whose first bytes are checked: every kind but WebP
LOGO_SUFFIXES = {suffix: kind for suffix, kind in IMAGE_MEDIA_TYPES.items() if kind in LOGO_TYPES}
MAX_LOGO_BYTES = 1024 * 1024
MAX_LOGO_SIDE = 8000  # pixels
MAX_LOGO_PIXELS = 25_000_000
SMALLER_LOGO = "Save a smaller version (a few hundred pixels wide is plenty)."


def read_logo(record: Record, key: str, root: Path, issuer_name: str) -> Logo | None:
    """The logo file named by ``key``, checked to be a small image inside the project."""
    image = read_image(record, key, root, LOGO)
    if image is None:
        return None
    path, media_type, data = image
    alt = record.text("logo_alt", required=False)
    if not alt or not alt.strip():
        record.report(
            key,
            "the logo has no `logo_alt`: a screen reader, and the tagged PDF, need words for it.",
            f"Add a line `logo_alt: Crest of {issuer_name}` (say what the logo shows) "
            "under `logo:`.",
        )
        return None
    return Logo(path=path, media_type=media_type, data=data, alt=alt.strip())


@dataclass(frozen=True)
class ImageKind:
    """What the messages call an image, and where they suggest keeping it."""

    noun: str  # "logo", "figure"
    folder: str  # "a branding/ folder"
    smaller: str  # how big is big enough


LOGO = ImageKind("logo", "a branding/ folder", SMALLER_LOGO)


def read_image(
    record: Record, key: str, root: Path, kind: ImageKind
) -> tuple[Path, str, bytes] | None:
    """The image file named by ``key``: inside the project, of the kind its name says, and
    small in bytes and pixels. Its path, media type and bytes; None once reported."""
    setting = record.text(key, required=False)
    if setting is None:
        return None
    noun = kind.noun
    unusable = file_name_problem(setting)
    if unusable is not None:
        record.report(key, f"the {noun}'s file name {unusable}.", "Retype the file name.")
        return None
    path = (root / setting).resolve()
    media_type = LOGO_SUFFIXES.get(path.suffix.lower())
    problem = None
    copy_in = f"Copy the image into the project (e.g. into {kind.folder}) and name it there."
    if relative_file_name(setting) is None:
        problem = f"the {noun} '{setting}' must be named by its path inside the project."
        hint = copy_in
    elif not path.is_relative_to(root.resolve()):
        problem = f"the {noun} '{setting}' is outside the project folder."
        hint = copy_in
    elif media_type is None:
        problem = f"the {noun} '{setting}' is not a PNG, JPEG, GIF or SVG file."
        hint = f"Save the {noun} as a .png (best for logos) or .svg file."
    elif not path.is_file():
        problem = f"the {noun} file '{setting}' does not exist."
        hint = f"The path is read from the project folder: {root}."
    if problem is not None:
        record.report(key, problem, hint)
        return None
    assert media_type is not None
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        record.report(
            key,
            f"the {noun} '{setting}' is {size // 1024} KB; it is inlined in every page, "
            f"so it should be under {MAX_LOGO_BYTES // 1024} KB.",
            kind.smaller,
        )
        return None
    data = regular_bytes(path, MAX_LOGO_BYTES)
    if data is None or len(data) > MAX_LOGO_BYTES:  # or grown since its size was read
        record.report(key, f"the {noun} file '{setting}' cannot be read.", "Save it again.")
        return None
    if not data.lstrip()[:8].startswith(LOGO_TYPES[media_type]):
        record.report(
            key,
            f"the {noun} '{setting}' is named like {media_type.split('/')[1].upper()} "
            "but its content is not that kind of image.",
            "Open it in an image editor and export it again in the format its name says.",
        )
        return None
    dimensions = image_size(data, media_type)
    if dimensions is not None and not _reasonable(*dimensions):
        width, height = dimensions
        record.report(
            key,
            f"the {noun} '{setting}' is {width:,} by {height:,} pixels; briefgen takes {noun}s "
            f"up to {MAX_LOGO_SIDE:,} pixels a side ({MAX_LOGO_PIXELS // 1_000_000} million in "
            "all).",
            kind.smaller,
        )
        return None
    return path, media_type, data


def _reasonable(width: int, height: int) -> bool:
    return max(width, height) <= MAX_LOGO_SIDE and width * height <= MAX_LOGO_PIXELS


def image_size(data: bytes, media_type: str) -> tuple[int, int] | None:
    """Width and height in pixels from a PNG, GIF or JPEG header; None for SVG (drawn at
    whatever size the page gives it) or a header that cannot be read."""
    if media_type == "image/png" and len(data) >= 24 and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    if media_type == "image/gif" and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if media_type == "image/jpeg":
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's start-of-frame segment (markers C0-CF but C4, C8 and CC)."""
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # padding
            at += 1
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None
