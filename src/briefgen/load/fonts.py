"""The font families shipped with briefgen, which `theme.font` in briefgen.yaml chooses from.

PDFs embed the chosen families from the theme's fonts/ folder, so they look the same on
every machine. HTML pages fetch nothing, so they name the family first and fall back to
a similar system font when the reader's machine does not have it.
"""

from __future__ import annotations

from dataclasses import dataclass

SERIF_FALLBACK = 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif'
SANS_FALLBACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


@dataclass(frozen=True)
class FontFace:
    file: str
    weight: int = 400
    style: str = "normal"


@dataclass(frozen=True)
class FontFamily:
    name: str
    faces: tuple[FontFace, ...]
    fallback: str

    @property
    def stack(self) -> str:
        """The CSS font-family list: this family, then similar ones."""
        return f'"{self.name}", {self.fallback}'


def _four(prefix: str) -> tuple[FontFace, ...]:
    return (
        FontFace(f"{prefix}-Regular.ttf"),
        FontFace(f"{prefix}-Bold.ttf", 700),
        FontFace(f"{prefix}-Italic.ttf", 400, "italic"),
        FontFace(f"{prefix}-BoldItalic.ttf", 700, "italic"),
    )


FAMILIES = {
    family.name: family
    for family in (
        FontFamily("Charis SIL", _four("CharisSIL"), SERIF_FALLBACK),
        FontFamily(
            "Noto Sans",
            (
                FontFace("NotoSans-Regular.ttf"),
                FontFace("NotoSans-Bold.ttf", 700),
                FontFace("NotoSans-Italic.ttf", 400, "italic"),
            ),
            SANS_FALLBACK,
        ),
        FontFamily("Atkinson Hyperlegible", _four("AtkinsonHyperlegible"), SANS_FALLBACK),
    )
}


# Dari and Pashto glossary forms: Naskh is the usual book hand for both.
ARABIC_SCRIPT = FontFamily(
    "Noto Naskh Arabic",
    (FontFace("NotoNaskhArabic-Regular.ttf"), FontFace("NotoNaskhArabic-Bold.ttf", 700)),
    '"Geeza Pro", Tahoma, "Times New Roman", serif',
)


def find_family(name: str) -> FontFamily | None:
    """The shipped family a setting names, forgiving case, spaces and hyphens."""
    wanted = _key(name)
    for family in FAMILIES.values():
        if _key(family.name) == wanted or _key(family.name.split()[0]) == wanted:
            return family
    return None


def _key(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())
