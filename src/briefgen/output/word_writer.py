"""Write a pack's Word documents in the background, and reuse those whose page is unchanged.

Pandoc runs as a process of its own, so a thread for each document at a time is enough
while the PDFs are laid out. A document is filed in the build cache by everything it is
made from: its page, the theme, and the versions of the tools that write it. A rebuild
after a change that leaves a page as it was takes its document from the cache.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import metadata
from typing import Protocol

from briefgen.model import Theme
from briefgen.output.docx import WordDocument, html_to_docx

# what else a document depends on: pandoc (in pypandoc-binary) and the libraries that
# restyle, draw and embed for it
TOOLS = ("pypandoc-binary", "python-docx", "lxml", "fonttools", "cairosvg")


class WordStore(Protocol):
    """Where made documents are kept between builds (output/cache.py's BuildCache)."""

    def word_key(self, document_digest: str) -> str: ...

    def cached_word(self, key: str) -> tuple[bytes, tuple[str, ...]] | None: ...

    def store_word(self, key: str, data: bytes, warnings: Iterable[str]) -> None: ...


class WordWriter:
    """Writes each page handed to it as a Word document, or takes it from ``store``.

    With ``reuse`` False (build --force) every document is written again, and kept.
    """

    def __init__(
        self, theme: Theme, store: WordStore | None = None, reuse: bool = True, workers: int = 2
    ) -> None:
        self.theme = theme
        self.store = store
        self.reuse = reuse
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._written: dict[str, Future[WordDocument]] = {}  # by key: to keep, or to share

    def submit(self, html: str, name: str) -> Future[WordDocument]:
        key = self.store.word_key(document_digest(html, self.theme)) if self.store else None
        if key in self._written:  # the same page twice (a brief alike in both editions)
            return self._written[key]
        cached = self.store.cached_word(key) if self.store and key and self.reuse else None
        if cached is not None:
            done: Future[WordDocument] = Future()
            done.set_result(WordDocument(*cached))
            return done
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="briefgen-docx")
        future = self._pool.submit(html_to_docx, html, self.theme, name)
        if key is not None:
            self._written[key] = future
        return future

    def close(self) -> None:
        """Wait for the documents still being written, and keep those that were."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        for key, future in self._written.items():
            finished = future.done() and not future.cancelled() and future.exception() is None
            if self.store is not None and finished:
                document = future.result()
                self.store.store_word(key, document.data, document.warnings)
        self._written = {}


def document_digest(html: str, theme: Theme) -> str:
    """Identifies everything a Word document is made from; the same digest, the same bytes."""
    made_from = "\n".join([*_tool_versions(), repr(theme), html])
    return hashlib.sha256(made_from.encode("utf-8")).hexdigest()


@functools.cache
def _tool_versions() -> tuple[str, ...]:
    versions = []
    for tool in TOOLS:
        try:
            versions.append(f"{tool} {metadata.version(tool)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{tool} none")
    return tuple(versions)
