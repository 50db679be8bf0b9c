"""The preview's pages: which files it may show, the pack index, the PDF viewer, the error
banner, and the reload script added to every page on its way out (never written to disk).

The HTML is in the theme's preview/ templates (render/preview.py); this module decides what
goes in them.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from briefgen.commands.progress import file_size
from briefgen.model import EDITIONS
from briefgen.output.write import read_manifest
from briefgen.render.preview import render_preview

INTERNAL = "/_briefgen/"


EVENTS = INTERNAL + "events"  # the generation of the web pages
PDF_EVENTS = INTERNAL + "pdf-events"  # of the PDFs, laid out after the pages


PDF_VIEWER = INTERNAL + "pdf"  # + /pack/edition/file.pdf: the PDF in a page that reloads


INDEX_NAME = "index.html"  # what /<pack>/<edition>/ shows


SERVED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(?:html|pdf)")


VIEWER_POLICY = "frame-src 'self'; "  # the PDF viewer page shows the PDF in a frame


WRONG_ADDRESS = (
    "This preview only answers at the address shown where briefgen serve is running, "
    "so that other websites cannot read it. Open that address instead."
)


ERROR_PAGES: dict[int, tuple[str, str]] = {  # status: the page's title and text
    HTTPStatus.BAD_REQUEST: ("Bad request", "The preview could not understand this request."),
    HTTPStatus.REQUEST_URI_TOO_LONG: ("Address too long", "This address is too long."),
    HTTPStatus.MISDIRECTED_REQUEST: ("Wrong address", WRONG_ADDRESS),
    HTTPStatus.INTERNAL_SERVER_ERROR: (
        "Something went wrong",
        "briefgen could not show this page because of a bug. "
        "The window where briefgen serve is running says more.",
    ),
    HTTPStatus.NOT_IMPLEMENTED: ("Not supported", "The preview only shows pages."),
}


@dataclass
class PreviewState:
    """What the server shows: shared by the build (writer) and the server threads."""

    output: Path
    packs: list[tuple[str, str, str]] = field(default_factory=list)  # id, title, description
    generation: int = 0  # counts finished builds, good or bad; pages reload when it moves
    pdf_generation: int = 0  # counts builds of the PDFs; a PDF's viewer reloads when it moves
    error: str | None = None  # the last build's error, shown until a build succeeds
    changed: threading.Condition = field(default_factory=threading.Condition)

    def finished_build(self, error: str | None, pages: bool = True, pdfs: bool = True) -> None:
        """A build finished: the pages, the PDFs or both are new (an error shows on all)."""
        with self.changed:
            self.error = error
            self.generation += pages or error is not None
            self.pdf_generation += pdfs or error is not None
            self.changed.notify_all()

    def now(self, pdfs: bool) -> int:
        """The generation a page watches: the pages', or (for a PDF's viewer) the PDFs'."""
        return self.pdf_generation if pdfs else self.generation


def servable_file(state: PreviewState, path: str) -> Path | None:
    """The file a decoded URL path names, if the preview may show it, else None.

    Only the packs' own pages and PDFs: /<pack>/<edition>/<name>.html or .pdf (or
    /<pack>/<edition>/ for its index) of a listed pack, listed in the pack's manifest as
    written by its last build, and a regular file (not a link or a device) inside the
    output folder. Anything else there, or beside it when the output
    setting points somewhere odd, stays private. The one place this rule lives.
    """
    parts = path.split("/")
    if len(parts) != 4 or parts[0]:
        return None
    _, pack_id, edition, name = parts
    if edition not in EDITIONS or pack_id not in {listed[0] for listed in state.packs}:
        return None
    listed = read_manifest(state.output / pack_id) or frozenset()
    return _listed_file(state, pack_id, f"{edition}/{name or INDEX_NAME}", listed)


def _listed_file(
    state: PreviewState, pack_id: str, name: str, listed: frozenset[str]
) -> Path | None:
    """The pack's file ``name`` ("student/brief.html"), if its manifest lists it, it may be
    served, and it is a regular file (not a link or a device) inside the output folder."""
    if name not in listed or not SERVED_NAME.fullmatch(name.partition("/")[2]):
        return None  # not a file this pack's last build wrote
    file = state.output / pack_id / name
    try:
        if not stat.S_ISREG(os.lstat(file).st_mode):
            return None
        inside = file.resolve(strict=True).is_relative_to(state.output.resolve(strict=True))
    except (OSError, RuntimeError, ValueError):  # gone, a link loop, a name the OS refuses
        return None
    return file if inside else None


def page_policy(nonce: str | None = None, extra: str = "") -> str:
    """A page's Content-Security-Policy: the built pages' own, plus the reload script."""
    from briefgen.render.pages import CONTENT_SECURITY_POLICY

    return (_script_policy(nonce) if nonce else "") + extra + CONTENT_SECURITY_POLICY


def _script_policy(nonce: str) -> str:
    """What the reload script needs: to run (by its nonce alone) and to hear of rebuilds."""
    return f"script-src 'nonce-{nonce}'; connect-src 'self'; "


def with_reload(
    page: str, nonce: str, generation: int, error: str | None, events: str = EVENTS
) -> str:
    """The page with the reload script first in its head and the error banner if any.

    The script runs by its nonce, never by 'self': a page of the output that is also valid
    JavaScript could otherwise be run by another page's <script src>.
    """
    from briefgen.render.pages import CONTENT_SECURITY_POLICY

    script = render_preview("reload.html", nonce=nonce, generation=generation, events=events)
    policy_at = page.find(CONTENT_SECURITY_POLICY)
    tag_end = page.find(">", policy_at) if policy_at >= 0 else -1
    if tag_end >= 0:  # the page's own policy must let the script run too: both apply
        page = (
            page[:policy_at]
            + _script_policy(nonce)
            + page[policy_at : tag_end + 1]
            + "\n"
            + script
            + page[tag_end + 1 :]
        )
    else:
        page = page.replace("</head>", script + "</head>", 1)
    if error is not None:
        page = _after_body_tag(page, error_banner(error))
    return page


def printable(text: str, limit: int = 200) -> str:
    """Text from a request, safe to show: control characters escaped, and not too long."""
    shown = "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text[:limit])
    return shown + ("…" if len(text) > limit else "")


def pack_index(state: PreviewState) -> str:
    """The home page: every pack, its editions and their files."""
    packs = []
    for pack_id, title, description in state.packs:
        editions = []
        for edition in EDITIONS:
            files = [
                {"link": _link(pack_id, edition, name), "name": name, "size": file_size(size)}
                for name, size in _edition_files(state, pack_id, edition)
            ]
            if files:
                editions.append({"name": edition, "files": files})
        packs.append(
            {"id": pack_id, "title": title, "description": description, "editions": editions}
        )
    return render_preview("packs.html", page_policy(), title="Packs", packs=packs)


def _link(pack_id: str, edition: str, name: str) -> str:
    """Where the index links a file: a PDF opens in the viewer, so that it reloads too."""
    link = f"/{pack_id}/{edition}/{name}"
    return PDF_VIEWER + link if name.endswith(".pdf") else link


def _edition_files(state: PreviewState, pack_id: str, edition: str) -> list[tuple[str, int]]:
    """The servable files of one edition folder, with their sizes (its manifest read once)."""
    listed = read_manifest(state.output / pack_id) or frozenset()
    files = []
    for name in sorted(listed):
        folder, _, file_name = name.partition("/")
        file = _listed_file(state, pack_id, name, listed) if folder == edition else None
        try:
            if file is not None:
                files.append((file_name, file.stat().st_size))
        except OSError:
            continue  # removed since it was listed
    return files


def pdf_viewer(path: str) -> str:
    """A page showing one PDF of the output, so that it too reloads when rebuilt."""
    return render_preview("pdf.html", page_policy(extra=VIEWER_POLICY), title=path.lstrip("/"))


def message_page(title: str, text: str) -> str:
    """A short page of the preview's own: a refusal, or a file that is not there."""
    return render_preview("message.html", page_policy(), title=title, text=text)


def error_banner(message: str) -> str:
    return render_preview("banner.html", message=message)


def _after_body_tag(page: str, banner: str) -> str:
    start = page.find("<body")
    end = page.find(">", start) if start >= 0 else -1
    if end < 0:
        return banner + page
    return page[: end + 1] + banner + page[end + 1 :]
