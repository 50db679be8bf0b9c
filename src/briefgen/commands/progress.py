"""Tell the user what a build is doing while it does it, and what it did in the end.

On a terminal, one status line is redrawn in place (pack, file, elapsed time) and only
results stay on screen; when output goes to a file or a CI log, each step is a plain line.
``--quiet`` leaves only warnings and errors; ``--verbose`` adds every file and cache hit.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from briefgen.errors import terminal_safe
from briefgen.words import count

if TYPE_CHECKING:
    from briefgen.commands.build import BuildReport

QUIET, NORMAL, VERBOSE = 0, 1, 2


class Progress:
    """What build() reports to; this base class shows nothing (tests, library use)."""

    def started(self, packs: int) -> None:
        """The build begins, with this many packs to consider."""

    def rendering(self, pack_id: str, index: int, total: int) -> None:
        """A pack's documents are being rendered to HTML."""

    def laying_out(self, count: int) -> None:
        """``count`` PDFs (in all) need laying out; the rest come from the cache."""

    def laid_out(self, name: str, pages: int, seconds: float) -> None:
        """One PDF was laid out."""

    def reused(self, name: str) -> None:
        """One PDF was taken from the cache, its HTML unchanged."""

    def wrote(self, path: Path, size: int, pages: int | None) -> None:
        """One file was written."""

    def pack_done(self, pack_id: str, folder: Path, files: int, laid_out: int, reused: int) -> None:
        """A pack's files were written; of its PDFs, so many laid out and so many reused."""

    def pack_unchanged(self, pack_id: str) -> None:
        """A pack's inputs or outputs were unchanged; nothing was written."""

    def waiting(self, folder: Path, holder: str) -> None:
        """Another build (process ``holder``, if known) is writing ``folder``; this one waits."""

    def finished(self) -> None:
        """The build ended, well or not: clear any status line."""


class ConsoleProgress(Progress):
    """Progress for a person: a live status line on a terminal, plain lines elsewhere."""

    def __init__(
        self, verbosity: int = NORMAL, stream: TextIO | None = None, live: bool | None = None
    ) -> None:
        self.stream = stream or sys.stdout
        self.verbosity = verbosity
        self.live = (self.stream.isatty() if live is None else live) and verbosity > QUIET
        self.started_at = time.perf_counter()
        self.status = ""
        self.pdfs_total = 0
        self.pdfs_done = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def started(self, packs: int) -> None:
        self.started_at = time.perf_counter()
        if self.live:
            self._ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._ticker.start()

    def rendering(self, pack_id: str, index: int, total: int) -> None:
        self._set_status(f"Rendering {pack_id} [{index}/{total}]")
        if self.verbosity >= VERBOSE:
            self._line(f"Rendering {pack_id} [{index}/{total}]")

    def laying_out(self, pdfs: int) -> None:
        self.pdfs_total = pdfs
        if pdfs:
            self._set_status(f"Laying out {count(pdfs, 'PDF')}")

    def laid_out(self, name: str, pages: int, seconds: float) -> None:
        self.pdfs_done += 1
        done = f"{self.pdfs_done}/{self.pdfs_total}"
        self._set_status(f"Laying out PDFs [{done}]: {name} done")
        if (self.verbosity == NORMAL and not self.live) or self.verbosity >= VERBOSE:
            self._line(
                f"Laid out {name}: {count(pages, 'page')} in {seconds:.1f} s "
                f"[{done}, {self._elapsed():.1f} s]"
            )

    def reused(self, name: str) -> None:
        if self.verbosity >= VERBOSE:
            self._line(f"Reused {name}: unchanged since the last build")

    def wrote(self, path: Path, size: int, pages: int | None) -> None:
        if self.verbosity >= VERBOSE:
            shown_pages = f", {count(pages, 'page')}" if pages else ""
            self._line(f"Wrote {shown(path)} ({file_size(size)}{shown_pages})")

    def pack_done(self, pack_id: str, folder: Path, files: int, laid_out: int, reused: int) -> None:
        if self.verbosity >= NORMAL:
            pdfs = []
            if laid_out:
                pdfs.append(f"{count(laid_out, 'PDF')} laid out")
            if reused:
                pdfs.append(f"{count(reused, 'PDF')} unchanged")
            detail = f" ({', '.join(pdfs)})" if pdfs else ""
            self._line(f"{pack_id}: wrote {count(files, 'file')} to {shown(folder)}/{detail}")

    def pack_unchanged(self, pack_id: str) -> None:
        if self.verbosity >= NORMAL:
            self._line(f"{pack_id}: unchanged since the last build")

    def waiting(self, folder: Path, holder: str) -> None:
        if self.verbosity >= NORMAL:
            process = f" (process {holder})" if holder else ""
            self._line(
                f"Waiting for another briefgen build{process} to finish writing to {shown(folder)}/"
            )

    def finished(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        with self._lock:
            self._clear()
            self.status = ""

    def _elapsed(self) -> float:
        return time.perf_counter() - self.started_at

    def _set_status(self, status: str) -> None:
        with self._lock:
            self.status = status
            self._draw()

    def _line(self, text: str) -> None:
        """A line that stays; the status line is redrawn below it."""
        with self._lock:
            self._clear()
            self.stream.write(text + "\n")
            self.stream.flush()  # a CI log shows each step as it happens, not at the end
            self._draw()

    def _tick(self) -> None:
        while not self._stop.wait(0.2):
            with self._lock:
                self._draw()

    def _draw(self) -> None:
        if not self.live or not self.status:
            return
        text = f"{self.status} · {self._elapsed():.1f} s"
        width = shutil.get_terminal_size((80, 24)).columns - 1
        if len(text) > width:
            text = text[: width - 1] + "…"
        self.stream.write(f"\r\x1b[K{text}")
        self.stream.flush()

    def _clear(self) -> None:
        if self.live and self.status:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def verbosity(quiet: bool, verbose: bool) -> int:
    return QUIET if quiet else VERBOSE if verbose else NORMAL


def print_report(report: BuildReport, quiet: bool) -> None:
    """What `briefgen build` says when done: its warnings, then (unless quiet) the summary."""
    print_warnings(report.warnings)
    if not quiet:
        click.echo(summary(report))


def print_warnings(warnings: list[str]) -> None:
    """A build's warnings, on stderr: they stay on screen whatever the verbosity."""
    for warning in warnings:
        click.secho(f"Warning: {terminal_safe(warning)}", fg="yellow", err=True)


def summary(report: BuildReport) -> str:
    """The one line a finished build ends with: what was built, what was not, how long."""
    seconds = f"{report.seconds:.1f} s"
    if not report.packs:
        unchanged = count(len(report.unchanged), "pack")
        return (
            f"Nothing to build: {unchanged} unchanged since the last build ({seconds}). "
            "Use --force to build again anyway."
        )
    built = f"Built {count(len(report.packs), 'pack')} in {seconds}."
    if report.unchanged:
        built += f" {count(len(report.unchanged), 'pack')} unchanged."
    return built


def shown(path: Path) -> str:
    """A path as the user typed it: relative to the current folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def file_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
