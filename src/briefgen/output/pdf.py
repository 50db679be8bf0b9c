"""Turn print HTML into PDF with WeasyPrint.

WeasyPrint is imported here, inside the functions that need it, so commands that make no
PDF (check, --help, --format html) start instantly. Resources are fetched by a fetcher
that serves only the theme's and the project's own files: a brief never reaches the
network or reads files outside the project.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote, urlsplit

from briefgen.errors import RenderError
from briefgen.model import DEFAULT_PDF_VARIANT, IMAGE_MEDIA_TYPES, Config
from briefgen.output.engine import import_weasyprint
from briefgen.output.kept_fonts import kept_fonts
from briefgen.output.line_fit import mend_line_fit
from briefgen.render.alarm import alarm
from briefgen.render.builtin_theme import THEME_DIR

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 5_000_000
MAX_FILE_BYTES = 20_000_000  # fonts and style sheets
MAX_LAYOUT_SECONDS = 300.0  # for one PDF; the bundled companion takes about 2 s
MAX_PAGES = 2000
MAX_WARNING_CHARACTERS = 300
RUNAWAY_HINT = (
    "The templates or style sheets probably ask for thousands of pages, page breaks or "
    "footnotes; undo your last change to templates/."
)


@dataclass(frozen=True)
class PdfJob:
    """One PDF to lay out: small and picklable, so a worker process can take it."""

    html: str  # the print HTML; it links theme files relatively
    name: str  # the document's name in messages, such as "my-pack/brief.pdf"
    project_root: Path
    templates_dir: Path
    variant: str = DEFAULT_PDF_VARIANT  # the PDF standard: pdf/ua-1, pdf/a-2a...
    fonts_folder: Path | None = None  # where a build's layouts keep fonts (kept_fonts.py)

    @classmethod
    def for_project(cls, html: str, name: str, config: Config, variant: str) -> PdfJob:
        return cls(html, name, config.root, config.templates_dir, variant)

    @cached_property
    def digest(self) -> str:
        """Identifies the HTML and the variant: together they always give the same PDF."""
        return hashlib.sha256(f"{self.variant}\0{self.html}".encode()).hexdigest()


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int
    warnings: tuple[str, ...] = field(default=())
    resources: tuple[Path, ...] = field(default=())  # the files WeasyPrint read (CSS, fonts)


def html_to_pdf(job: PdfJob) -> Pdf:
    """Lay out the job's HTML and return the PDF bytes, and which files went into it."""
    weasyprint = import_weasyprint()
    mend_line_fit()
    policy = ResourcePolicy(job.project_root, job.templates_dir)
    fetcher = _project_fetcher(policy)
    name = job.name
    with _collected_warnings() as warnings:
        try:
            with alarm(MAX_LAYOUT_SECONDS, _overran), _font_scratch():
                document = weasyprint.HTML(
                    string=job.html, base_url=THEME_DIR.as_uri() + "/", url_fetcher=fetcher
                ).render(font_config=kept_fonts(policy, job.fonts_folder))
                policy.raise_if_refused(name)
                _refuse_attachments(document, name)
                _refuse_too_many_pages(document, name)
                data = document.write_pdf(pdf_variant=job.variant)
        except LayoutOverran as error:
            raise RenderError(
                f"cannot make {name}: laying it out took more than {MAX_LAYOUT_SECONDS:.0f} "
                "seconds, so it was stopped.\n"
                f"{RUNAWAY_HINT}"
            ) from error
        except RenderError:
            raise
        except Exception as error:  # WeasyPrint raises many kinds; all mean the same to users
            raise RenderError(
                f"cannot make {name}: the PDF engine (WeasyPrint) failed: "
                f"{type(error).__name__}: {error}\n"
                "If you changed the templates or CSS, undo the last change and try again; "
                "run with --debug for details."
            ) from error
    policy.raise_if_refused(name)
    warned = tuple(dict.fromkeys(warnings))
    return Pdf(data, len(document.pages), warned, tuple(sorted(policy.served)))


@contextmanager
def _font_scratch() -> Iterator[None]:
    """A temporary folder for one layout, removed when it ends.

    WeasyPrint copies each @font-face font into a `weasyprint-*` folder of the temporary
    folder and removes it only when its font configuration is garbage collected, which in
    a layout worker never happens: each build left megabytes behind, for good.
    """
    previous = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="briefgen-layout-") as scratch:
        tempfile.tempdir = scratch
        try:
            yield
        finally:
            tempfile.tempdir = previous


class LayoutOverran(Exception):
    """Laying out one PDF passed MAX_LAYOUT_SECONDS."""


def _overran() -> NoReturn:
    raise LayoutOverran


def _refuse_too_many_pages(document: Any, name: str) -> None:
    """A runaway template can ask for tens of thousands of pages; writing them takes long."""
    if len(document.pages) > MAX_PAGES:
        raise RenderError(
            f"cannot make {name}: it came to {len(document.pages):,} pages, over the "
            f"{MAX_PAGES:,} pages briefgen makes in one document.\n{RUNAWAY_HINT}"
        )


def _refuse_attachments(document: Any, name: str) -> None:
    """PDF attachments could carry any file into a pack; templates may not ask for them."""
    attached = list(document.metadata.attachments) + [
        link for page in document.pages for link in page.links if link[0] == "attachment"
    ]
    if attached:
        raise RenderError(
            f"cannot make {name}: the templates ask for a file to be attached to the PDF "
            '(rel="attachment"), which briefgen does not allow.\n'
            'Remove rel="attachment" from the templates; link to the file instead.'
        )


class ResourcePolicy:
    """Which files a PDF may use: the theme's (a project's templates/ copy first) and the
    project's own, under a size limit. Nothing from the network or outside the project.

    WeasyPrint only logs a refused resource, so refusals are kept and raised as one error.
    """

    def __init__(self, project_root: Path, templates_dir: Path) -> None:
        self.theme = THEME_DIR.resolve()
        self.project = project_root.resolve()
        self.allowed = [self.theme, self.project]
        self.overrides = templates_dir.resolve()
        self.refused: dict[str, str] = {}
        self.served: set[Path] = set()

    def allowed_path(self, url: str) -> Path:
        """The file ``url`` may be served from; raises ValueError (and notes why) if none."""
        path, refusal = self._resolved(url)
        if path is None:
            self._refuse(url, refusal)
        self.served.add(path)
        return path

    def would_serve(self, url: str) -> Path | None:
        """The file ``url`` would be served from now, noting nothing; None if refused."""
        return self._resolved(url)[0]

    def _resolved(self, url: str) -> tuple[Path, str] | tuple[None, str]:
        parts = urlsplit(url)
        if parts.scheme != "file":
            return None, "briefgen never fetches from the network; use a file in the project"
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.allowed):
            return None, "it is outside the project; copy the file into the project"
        if path.is_relative_to(self.theme):
            override = self.overrides / path.relative_to(self.theme)
            inside = self.overrides.is_relative_to(self.project)  # config refuses it otherwise
            if inside and override.resolve().is_relative_to(self.overrides) and override.is_file():
                path = override.resolve()
            elif override.is_symlink() or override.exists():
                return None, (
                    f"templates/{path.relative_to(self.theme).as_posix()} is a link to "
                    f"{override.resolve()}, outside templates/; replace the link with a copy"
                )
        if not path.is_file():
            return None, f"{self._missing(path)}; check the name"
        size = path.stat().st_size
        limit = MAX_IMAGE_BYTES if path.suffix.lower() in IMAGE_MEDIA_TYPES else MAX_FILE_BYTES
        if size > limit:
            return None, (
                f"it is {size / 1_000_000:.1f} MB, over the {limit // 1_000_000} MB limit; "
                "save a smaller version"
            )
        return path, ""

    def _missing(self, path: Path) -> str:
        if path.is_relative_to(self.theme):
            name = path.relative_to(self.theme).as_posix()
            return f"there is no {name} in templates/ or among briefgen's built-in files"
        return f"{path.relative_to(self.project).as_posix()} does not exist in the project"

    def _refuse(self, url: str, reason: str) -> NoReturn:
        self.refused.setdefault(url, reason)
        raise ValueError(f"briefgen refused {url}: {reason}")

    def raise_if_refused(self, name: str) -> None:
        if self.refused:
            lines = [f"  {_short(url)}: {reason}." for url, reason in self.refused.items()]
            raise RenderError(
                f"cannot make {name}: the templates or content ask for files briefgen "
                "will not use:\n" + "\n".join(lines)
            )


def _project_fetcher(policy: ResourcePolicy) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFiles(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = policy.allowed_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )

    return ProjectFiles(allowed_protocols=["data", "file"], fail_on_errors=False)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


@contextmanager
def _collected_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings (a missing font, an unsupported CSS rule) for the user."""
    messages: list[str] = []
    handler = _ListHandler(messages)
    logger = logging.getLogger("weasyprint")
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _ListHandler(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(short_warning(record.getMessage()))


DATA_URL = re.compile(r"data:[^\s'\"()]{40,}")


def short_warning(message: str) -> str:
    """A warning short enough to read: an inlined image (data:...) is not printed whole."""
    message = DATA_URL.sub(lambda url: url.group(0)[:30] + "...", message)
    if len(message) > MAX_WARNING_CHARACTERS:
        message = message[: MAX_WARNING_CHARACTERS - 3] + "..."
    return message
