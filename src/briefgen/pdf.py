"""Turn print HTML into PDF with WeasyPrint.

WeasyPrint is imported here, inside the functions that need it, so commands that make no
PDF (check, --help, --format html) start instantly. Resources are fetched by a fetcher
that serves only the theme's and the project's own files: a brief never reaches the
network or reads files outside the project.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.errors import RenderError
from briefgen.model import Config
from briefgen.render import THEME_DIR

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int
    warnings: tuple[str, ...] = field(default=())


def html_to_pdf(html: str, config: Config) -> Pdf:
    """Lay out ``html`` (which links theme files relatively) and return the PDF bytes."""
    import weasyprint

    fetcher = _project_fetcher(config)
    with _collected_warnings() as warnings:
        try:
            document = weasyprint.HTML(
                string=html, base_url=THEME_DIR.as_uri() + "/", url_fetcher=fetcher
            ).render()
            data = document.write_pdf()
        except Exception as error:  # WeasyPrint raises many kinds; all mean the same to users
            raise RenderError(
                f"the PDF engine (WeasyPrint) failed: {type(error).__name__}: {error}\n"
                "If you changed the templates or CSS, undo the last change and try again; "
                "run with --debug for details."
            ) from error
    return Pdf(data, len(document.pages), tuple(dict.fromkeys(warnings)))


def _project_fetcher(config: Config) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [THEME_DIR.resolve(), config.root.resolve()]
    overrides = config.templates_dir.resolve()

    class ProjectFiles(URLFetcher):  # type: ignore[misc]
        """Serves theme files (a project's templates/ copy first) and project files only."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise ValueError(f"briefgen does not fetch {url}: use files in the project")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in allowed):
                raise ValueError(f"briefgen does not read files outside the project: {path}")
            if path.is_relative_to(THEME_DIR.resolve()):
                override = overrides / path.relative_to(THEME_DIR.resolve())
                if override.is_file():
                    path = override
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )

    return ProjectFiles(fail_on_errors=False)


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
        self.messages.append(record.getMessage())
