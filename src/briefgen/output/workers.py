"""Lay out a build's PDFs: in this process, or in parallel worker processes.

WeasyPrint is single-threaded, so on a machine with several cores the PDFs of a build are
shared out among worker processes. The workers are forked from a server process that has
already imported WeasyPrint, so each starts ready to work; the pool is started only when
there are at least two PDFs to lay out, and the longest documents are handed out first.
A PDF comes out byte for byte the same whichever process lays it out.
"""

from __future__ import annotations

import functools
import logging
import os
import queue
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from briefgen.errors import RenderError
from briefgen.output.pdf import Pdf, PdfJob

if TYPE_CHECKING:  # imported when a pool is started: an HTML-only build needs none of it
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

log = logging.getLogger(__name__)

Done = Callable[[PdfJob, Pdf, float], None]  # job, its PDF, seconds it took


def available_cores() -> int:
    """The cores this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class PdfLayout:
    """Takes PDF jobs as the build renders them; ``finish()`` returns every PDF by digest.

    Jobs with the same HTML (one brief in many packs) are laid out once.
    """

    def __init__(self, processes: int, done: Done) -> None:
        self.processes = max(1, processes)
        self.done = done
        self.jobs: dict[str, PdfJob] = {}  # by digest, in the order submitted
        self.pdfs: dict[str, Pdf] = {}
        self._waiting: list[PdfJob] = []  # submitted but not yet handed to the pool
        self._pool: ProcessPoolExecutor | None = None
        self._finished: queue.Queue[tuple[PdfJob, Future[tuple[Pdf, float]]]] = queue.Queue()
        self._in_pool = 0
        self._fonts: Path | None = None  # where the layouts keep fonts; removed at the end

    def __enter__(self) -> PdfLayout:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            if error is not None:  # an error or Ctrl-C: stop the other layouts now
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._fonts is not None:  # (a stopped worker cannot remove its own)
            shutil.rmtree(self._fonts, ignore_errors=True)

    def start_early(self) -> None:
        """Start the server the workers are forked from now, so that it imports WeasyPrint
        (half a second) while this process renders the pages; forking a worker from it
        then takes a moment. If no PDF needs laying out, nothing waits for it."""
        if self.processes > 1:
            _forkserver_context()

    def submit(self, jobs: Sequence[PdfJob]) -> None:
        """Queue jobs (one pack's, say), in the order their documents come in the pack."""
        for job in jobs:
            if job.digest not in self.jobs:
                if self._fonts is None:
                    self._fonts = Path(tempfile.mkdtemp(prefix="briefgen-fonts-"))
                job = replace(job, fonts_folder=self._fonts)
                self.jobs[job.digest] = job
                self._waiting.append(job)
        if self.processes > 1 and (self._pool is not None or len(self._waiting) > 1):
            self._hand_out()

    def finish(self) -> dict[str, Pdf]:
        """Lay out whatever is still waiting and return every PDF, keyed by HTML digest.

        If some fail, the error raised is that of the first in document order, however the
        workers happened to finish, so a build fails the same way every time.
        """
        if self._pool is None:
            for job in self._waiting:
                log.info("Laying out %s", job.name)
                pdf, seconds = lay_out(job)
                self._keep(job, pdf, seconds)
            self._waiting = []
        else:
            self._hand_out()
        failed: dict[str, BaseException] = {}
        if self._in_pool:  # (a pool was started, so this costs nothing more)
            from concurrent.futures.process import BrokenProcessPool
        while self._in_pool:
            job, future = self._finished.get()
            self._in_pool -= 1
            try:
                pdf, seconds = future.result()
            except BrokenProcessPool as error:
                failed[job.digest] = RenderError(
                    f"cannot make {job.name}: a layout process stopped unexpectedly "
                    "(out of memory, or killed).\n"
                    "Build again with --jobs 1 to lay out one PDF at a time."
                )
                failed[job.digest].__cause__ = error
            except Exception as error:
                failed[job.digest] = error
            else:
                self._keep(job, pdf, seconds)
        for digest in self.jobs:
            if digest in failed:
                raise failed[digest]
        return self.pdfs

    def _keep(self, job: PdfJob, pdf: Pdf, seconds: float) -> None:
        self.pdfs[job.digest] = pdf
        self.done(job, pdf, seconds)

    def _hand_out(self) -> None:
        pool = self._pool or self._start_pool()
        if pool is None:
            return  # no processes on this system: finish() lays them out here
        for job in sorted(self._waiting, key=lambda job: -len(job.html)):  # longest first
            log.info("Laying out %s", job.name)
            self._in_pool += 1
            future = pool.submit(lay_out, job)
            future.add_done_callback(functools.partial(self._report_done, job))
        self._waiting = []

    def _report_done(self, job: PdfJob, future: Future[tuple[Pdf, float]]) -> None:
        """Runs in the pool's own thread: only hands the result to finish()."""
        self._finished.put((job, future))

    def _start_pool(self) -> ProcessPoolExecutor | None:
        from concurrent.futures import ProcessPoolExecutor

        context = _forkserver_context()
        try:
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=context, initializer=_ignore_ctrl_c
            )
        except OSError as error:  # no shared memory or semaphores in some sandboxes
            log.info("Laying out in this process only: no worker processes (%s)", error)
            self.processes = 1
            return None
        return self._pool


def lay_out(job: PdfJob) -> tuple[Pdf, float]:
    """Lay out one PDF, timed (this runs in a worker process, or in the build's own)."""
    from briefgen.output.pdf import html_to_pdf  # imports WeasyPrint

    started = time.perf_counter()
    pdf = html_to_pdf(job)
    return pdf, time.perf_counter() - started


def _forkserver_context() -> BaseContext:
    """Where the workers come from: forked from a server process that has imported
    WeasyPrint, started (once per briefgen process) if it is not running yet."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    if "forkserver" in methods:
        context.set_forkserver_preload(["briefgen.output.pdf", "briefgen.output.engine_preload"])
        _start_quiet_forkserver()
    return context


def _start_quiet_forkserver() -> None:
    """Start the server the workers are forked from with its error output discarded.

    A worker forked just as the build stops (Ctrl-C, or an error elsewhere) can fail
    before it is ready, and Python prints that failure as a traceback after our own
    message. Workers report everything through their results (a layout's warnings and
    errors, a crash as a stopped process), so nothing is lost.
    """
    from multiprocessing import forkserver

    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        forkserver.ensure_running()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _ignore_ctrl_c() -> None:
    """Ctrl-C reaches every process of the terminal; the build stops its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
