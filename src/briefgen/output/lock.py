"""One build at a time per output folder, so concurrent builds can never lose files.

Two builds writing one folder at once (a `briefgen serve` beside a manual build, or a
script starting four) would each copy the other's half-swapped pack: PDFs went missing.
A build holds an advisory lock on ``<output>/.briefgen.lock`` while it reads and writes the
folder; another build waits for it, saying so. The lock dies with its process, so a build
killed outright never leaves the folder locked, and the file is removed when released.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from briefgen.errors import OutputError
from briefgen.model import Location
from briefgen.output.write import cannot_write

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; builds are not serialised there
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_NAME = ".briefgen.lock"
POLL_SECONDS = 0.1


class OutputLock:
    """The lock on one output folder; ``acquire`` waits for any other build to finish."""

    def __init__(self, folder: Path, waiting: Callable[[Path, str], None]) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.waiting = waiting  # told once, with the other build's process id, if it waits
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Create the folder if need be and take the lock, waiting while another build has it."""
        if self._fd is not None or fcntl is None:
            return
        told = False
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    self.waiting(self.folder, _holder(fd))
                    told = True
                os.close(fd)
                time.sleep(POLL_SECONDS)
                continue
            except BaseException:
                os.close(fd)
                raise
            if _same_file(fd, self.path):  # not unlinked by the build that held it
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def _open(self) -> int:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise OutputError(
                    f"{Location(self.path)} is a link, and briefgen never writes through a "
                    "link.\nDelete the link and build again."
                ) from error
            raise OutputError(cannot_write(self.folder, error)) from error

    def release(self) -> None:
        """Remove the lock file, then let go: a build waiting on the old file tries again."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(fd)

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


def _holder(fd: int) -> str:
    """The process id the holding build wrote into the lock file, or "" if unknown."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""
