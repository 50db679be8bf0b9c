"""Write packs so that output/ never holds a half-written pack.

Each pack's files are first written into a staging folder beside the pack's folder. Only
when every pack of the build is staged are the staging folders swapped in, with Ctrl-C
held back for the moment of the swap. A failed or interrupted build removes its staging
folders and leaves the previous output byte for byte as it was.

A pack folder holds one folder per edition (student/, teacher/) of PDF and HTML files.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from briefgen.errors import OutputError
from briefgen.model import EDITIONS, Location

PACK_FILE_SUFFIXES = (".pdf", ".html")
KeepRule = Callable[[str], bool]  # given a file's path in the pack folder: carry it over?
STAGING_NAME = re.compile(r"^\.(?P<pack>.+)-(?:new|old)-(?P<pid>\d+)-[^-]+$")


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C came while the new output was being swapped in; the swap was completed."""


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    size: int
    pages: int | None = None


@dataclass(frozen=True)
class StagedPack:
    """A pack written in full into ``staging``, ready to replace ``pack_dir``."""

    pack_dir: Path
    staging: Path
    files: tuple[WrittenFile, ...]


def write_packs(packs: Sequence[tuple[Path, Mapping[str, bytes], KeepRule]]) -> list[WrittenFile]:
    """Write every pack (folder, files such as "student/brief.pdf", keep rule), or none.

    Old files that a pack's keep rule accepts are carried over, so a narrower build (only
    HTML, or only the student edition) leaves the rest of the pack in place.
    """
    for pack_dir, _, _ in packs:
        _refuse_foreign_folder(pack_dir)
    staged: list[StagedPack] = []
    try:
        for pack_dir, files, keep in packs:
            staged.append(stage_pack(pack_dir, files, keep))
        with signals_held():
            for pack in staged:
                _swap_in(pack)
    finally:
        for pack in staged:
            shutil.rmtree(pack.staging, ignore_errors=True)
    return [file for pack in staged for file in pack.files]


def stage_pack(pack_dir: Path, files: Mapping[str, bytes], keep: KeepRule) -> StagedPack:
    """Write the pack's files (and the old files it keeps) into a staging folder beside it."""
    try:
        pack_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_staging(pack_dir)
        staging = _staging_folder(pack_dir, "new")
    except OSError as error:
        raise OutputError(_cannot_write(pack_dir.parent, error)) from error
    try:
        for old in pack_files(pack_dir):
            name = old.relative_to(pack_dir).as_posix()
            if name not in files and keep(name):
                (staging / name).parent.mkdir(exist_ok=True)
                shutil.copy2(old, staging / name)
        for name, data in files.items():
            (staging / name).parent.mkdir(exist_ok=True)
            (staging / name).write_bytes(data)
        os.chmod(staging, 0o755)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise OutputError(_cannot_write(pack_dir, error)) from error
        raise
    written = tuple(WrittenFile(pack_dir / name, len(data)) for name, data in files.items())
    return StagedPack(pack_dir, staging, written)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM) back while output folders are swapped, then act on it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        raise InterruptedAfterWriting


def _swap_in(pack: StagedPack) -> None:
    pack_dir = pack.pack_dir
    try:
        if not pack_dir.exists():
            pack.staging.rename(pack_dir)
            return
        retired = _staging_folder(pack_dir, "old")
        retired.rmdir()  # only its unique name is wanted: the old pack is renamed to it
        pack_dir.rename(retired)
        try:
            pack.staging.rename(pack_dir)
        except OSError:
            retired.rename(pack_dir)
            raise
    except OSError as error:
        raise OutputError(_cannot_write(pack_dir, error)) from error
    shutil.rmtree(retired, ignore_errors=True)


def _staging_folder(pack_dir: Path, kind: str) -> Path:
    """A new folder beside the pack's; its name carries the build's process id, so a later
    build can tell which were abandoned."""
    prefix = f".{pack_dir.name}-{kind}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=pack_dir.parent))


def _remove_abandoned_staging(pack_dir: Path) -> None:
    """Remove staging folders left by a build that was killed outright (no chance to clean)."""
    for entry in pack_dir.parent.iterdir():
        match = STAGING_NAME.match(entry.name)
        if match and match["pack"] == pack_dir.name and not _process_alive(int(match["pid"])):
            shutil.rmtree(entry, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pack_files(pack_dir: Path) -> list[Path]:
    """Every file in a pack folder, in a stable order; none if there is no folder."""
    if not pack_dir.is_dir():
        return []
    return sorted(path for path in pack_dir.rglob("*") if path.is_file())


def _refuse_foreign_folder(pack_dir: Path) -> None:
    """Never replace a folder holding files briefgen did not make (a wrong --out, say)."""
    if pack_dir.exists() and not pack_dir.is_dir():
        raise OutputError(f"{Location(pack_dir)} is a file, so the pack cannot be written there.")
    if not pack_dir.is_dir():
        return
    foreign = sorted(
        entry.relative_to(pack_dir).as_posix()
        for entry in pack_dir.rglob("*")
        if not _made_by_briefgen(entry.relative_to(pack_dir))
    )
    if foreign:
        raise OutputError(
            f"{Location(pack_dir)} holds files briefgen did not make ({', '.join(foreign[:3])}), "
            "so it will not replace it.\n"
            "Choose another output folder with --out, or move those files away."
        )


def _made_by_briefgen(path: Path) -> bool:
    """Edition folders of PDF and HTML files; loose PDF and HTML files (older layout)."""
    if len(path.parts) == 1:
        return path.name in EDITIONS or path.suffix in PACK_FILE_SUFFIXES
    return len(path.parts) == 2 and path.parts[0] in EDITIONS and path.suffix in PACK_FILE_SUFFIXES


def _cannot_write(path: Path, error: OSError) -> str:
    """Say why writing failed in the user's terms, and what to do about it."""
    where = Location(path)  # shown relative to the current folder
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return (
            f"cannot write to {where}: the disk is full.\n"
            "Free some space (or choose another folder with --out) and build again; "
            "the previous output was left as it was."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"cannot write to {where}: you do not have permission to write there.\n"
            "Choose a folder you can write to with --out, or ask for write access; "
            "the previous output was left as it was."
        )
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return (
            f"cannot write to {where}: part of that path is a file, not a folder.\n"
            "Choose another output folder with --out."
        )
    reason = error.strerror or str(error)
    return (
        f"cannot write to {where}: {reason}.\n"
        "Check that the folder exists and that you may write to it; "
        "the previous output was left as it was."
    )
