"""Keep the @font-face fonts loaded from one PDF a process lays out to the next.

For every document, WeasyPrint reads each @font-face font, copies it into a folder and
registers it with fontconfig, which scans it: about a quarter of laying out a brief. A
layout here reuses the font configuration of the one before while every font file it
loaded is still the file the new PDF would be served (a project's templates/ may put its
own in the theme's place), with the same size and time; otherwise it starts a new one.
The PDFs are byte for byte those of a fresh configuration (tested). One layout runs at a
time in a process, so one configuration is kept, for one build: its fonts are copied into
a folder the build makes (output/workers.py) and removes when it ends, even if it had to
stop a worker.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefgen.output.pdf import ResourcePolicy

Stamp = tuple[str, str, int, int]  # a font's URL, the file served for it, size, mtime_ns


def kept_fonts(policy: ResourcePolicy, folder: Path | None) -> Any:
    """The font configuration for the next layout, whose files ``policy`` serves; fonts are
    kept in ``folder`` (None: a configuration of its own, as WeasyPrint makes)."""
    from weasyprint.text.fonts import FontConfiguration

    global _kept
    if folder is None or not hasattr(FontConfiguration, "_folder"):  # (another WeasyPrint)
        return FontConfiguration()
    if _kept is None or _kept.home != folder or not _kept.still_served(policy):
        _kept = _new_configuration(FontConfiguration, folder)
    _kept.policy = policy
    return _kept


_kept: Any = None


def _new_configuration(base: type, home: Path) -> Any:
    class KeptFonts(base):  # type: ignore[misc]
        """WeasyPrint's configuration, noting the files each @font-face rule loaded."""

        def __init__(self) -> None:
            super().__init__()
            self.home = home
            self._folder = Path(tempfile.mkdtemp(dir=home))  # WeasyPrint copies fonts here
            self.faces: dict[str, tuple[Stamp, ...]] = {}
            self.policy: ResourcePolicy | None = None

        def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> Any:
            key = str(rule_descriptors)
            if key in self.faces and self.policy is not None:  # loaded for an earlier PDF
                self.policy.served.update(Path(path) for _, path, _, _ in self.faces[key] if path)
            loaded = super().add_font_face(rule_descriptors, url_fetcher)  # once per file
            if key not in self.faces and self.policy is not None:
                self.faces[key] = _stamps(rule_descriptors, self.policy)
            return loaded

        def still_served(self, policy: ResourcePolicy) -> bool:
            """Whether every font loaded is the file ``policy`` serves, unchanged."""
            stamps = [stamp for face in self.faces.values() for stamp in face]
            return all(_stamp(stamp[0], policy) == stamp for stamp in stamps)

    return KeptFonts()


def _stamps(rule_descriptors: Any, policy: ResourcePolicy) -> tuple[Stamp, ...]:
    sources = rule_descriptors.get("src", ())
    return tuple(_stamp(url, policy) for kind, url in sources if kind == "external" and url)


def _stamp(url: str, policy: ResourcePolicy) -> Stamp:
    path = policy.would_serve(url)
    try:
        info = path.stat() if path is not None else None
    except OSError:
        info = None
    if path is None or info is None:
        return url, "", -1, -1
    return url, str(path), info.st_size, info.st_mtime_ns
