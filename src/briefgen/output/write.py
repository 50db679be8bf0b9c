"""Write packs so that output/ never holds a half-written pack.

Each pack's files are first written into a staging folder beside the pack's folder. Only
when every pack of the build is staged are the staging folders swapped in, with Ctrl-C
held back for the moment of the swap. A failed or interrupted build removes its staging
folders and leaves the previous output byte for byte as it was.

A pack folder holds one folder per edition (student/, teacher/) of PDF and HTML files,
and a manifest (.briefgen-pack.json) listing them: a folder is replaced only when briefgen
can prove it made everything in it, so a wrong --out never deletes anybody's files.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from briefgen.errors import OutputError
from briefgen.load.reading import regular_bytes
from briefgen.model import EDITIONS, Location
from briefgen.output.inputs import sha256

KeepRule = Callable[[str], bool]  # given a file's path in the pack folder: carry it over?
STAGING_NAME = re.compile(r"^\.(?P<pack>.+)-(?:new|old)-(?P<pid>\d+)-[^-]+$")
MANIFEST_NAME = ".briefgen-pack.json"  # in each pack folder: the files briefgen wrote there
MANIFEST_FORMAT = 1
MAX_MANIFEST_BYTES = 1_000_000


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


Listing = Callable[[Path], frozenset[str] | None]  # a pack folder -> the files briefgen made


def write_packs(
    packs: Sequence[tuple[Path, Mapping[str, bytes], KeepRule]],
    recorded: Listing = lambda pack_dir: None,
) -> list[WrittenFile]:
    """Write every pack (folder, files such as "student/brief.pdf", keep rule), or none.

    Old files that a pack's keep rule accepts are carried over, so a narrower build (only
    HTML, or only the student edition) leaves the rest of the pack in place. A pack folder
    is replaced only if briefgen can prove it made every file in it: each is listed in the
    folder's manifest, or (for a folder an older briefgen wrote) in ``recorded``.
    """
    listings = [_listing_or_refuse(pack_dir, recorded) for pack_dir, _, _ in packs]
    staged: list[StagedPack] = []
    try:
        for (pack_dir, files, keep), listed in zip(packs, listings, strict=True):
            staged.append(stage_pack(pack_dir, files, keep, listed))
        with signals_held():
            for pack in staged:
                _swap_in(pack)
    finally:
        for pack in staged:
            shutil.rmtree(pack.staging, ignore_errors=True)
    return [file for pack in staged for file in pack.files]


def stage_pack(
    pack_dir: Path, files: Mapping[str, bytes], keep: KeepRule, listed: frozenset[str]
) -> StagedPack:
    """Write the pack's files (and the old files it keeps) into a staging folder beside it.

    The manifest is written first, so even a staging folder abandoned half-written by a
    killed build says it is briefgen's, and the next build may remove it.
    """
    kept = sorted(name for name in listed if name not in files and keep(name))
    try:
        pack_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = _staging_folder(pack_dir, "new")
    except OSError as error:
        raise OutputError(cannot_write(pack_dir.parent, error)) from error
    try:
        _write_manifest(staging, {name: "" for name in (*files, *kept)})
        digests = {}
        for name in kept:
            data = (pack_dir / name).read_bytes()
            _write_file(staging, name, data)
            digests[name] = sha256(data)
        for name, data in files.items():
            _write_file(staging, name, data)
            digests[name] = sha256(data)
        _write_manifest(staging, digests)
        os.chmod(staging, 0o755)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise OutputError(cannot_write(pack_dir, error)) from error
        raise
    written = tuple(WrittenFile(pack_dir / name, len(data)) for name, data in files.items())
    return StagedPack(pack_dir, staging, written)


def _write_file(folder: Path, name: str, data: bytes) -> None:
    (folder / name).parent.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)


def _write_manifest(folder: Path, digests: Mapping[str, str]) -> None:
    manifest = {
        "written by": "briefgen, which replaces this folder only if it made every file in it",
        "format": MANIFEST_FORMAT,
        "files": dict(sorted(digests.items())),
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


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
        raise OutputError(cannot_write(pack_dir, error)) from error
    shutil.rmtree(retired, ignore_errors=True)


def _staging_folder(pack_dir: Path, kind: str) -> Path:
    """A new folder beside the pack's; its name carries the build's process id."""
    prefix = f".{pack_dir.name}-{kind}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=pack_dir.parent))


def remove_abandoned_staging(output: Path, locked: bool) -> None:
    """Remove staging folders left by a build that was killed outright (no chance to clean).

    Only folders briefgen can prove are its own (they hold a manifest, or nothing) go.
    ``locked``: this build holds the output folder's lock, so no other build is writing and
    every staging folder is abandoned; without a lock, those of live processes are kept.
    """
    try:
        entries = list(output.iterdir())
    except OSError:
        return
    for entry in entries:
        match = STAGING_NAME.match(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        if not locked and _process_alive(int(match["pid"])):
            continue
        try:
            ours = (entry / MANIFEST_NAME).is_file() or not any(entry.iterdir())
        except OSError:
            continue
        if ours:
            shutil.rmtree(entry, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def pack_files(pack_dir: Path) -> list[Path]:
    """Every regular file in a pack folder but its manifest, in a stable order; links and
    anything else that is not a plain file are left out (briefgen never makes them)."""
    found = []
    for folder, folders, names in os.walk(pack_dir):
        folders.sort()
        for name in names:
            path = Path(folder) / name
            if path == pack_dir / MANIFEST_NAME:
                continue
            try:
                if stat.S_ISREG(path.lstat().st_mode):
                    found.append(path)
            except OSError:
                continue
    return sorted(found)


def read_manifest(pack_dir: Path) -> frozenset[str] | None:
    """The files a pack folder's manifest says briefgen wrote; None if it has none it can
    read (the folder may be shared, so the file is read as carefully as content)."""
    raw = regular_bytes(pack_dir / MANIFEST_NAME, MAX_MANIFEST_BYTES, follow_links=False)
    if raw is None:
        return None
    try:
        manifest = json.loads(raw)
        files = manifest["files"]
        if manifest["format"] != MANIFEST_FORMAT or not isinstance(files, dict):
            return None
    except (ValueError, TypeError, KeyError, RecursionError):  # RecursionError: [[[[...
        return None
    names = frozenset(name for name in files if isinstance(name, str) and _pack_path(name))
    return names if len(names) == len(files) else None


def _pack_path(name: str) -> bool:
    """A file name a pack can hold: edition/file, nothing that climbs or hides."""
    parts = name.split("/")
    return len(parts) == 2 and parts[0] in EDITIONS and parts[1] not in ("", ".", "..")


def _listing_or_refuse(pack_dir: Path, recorded: Listing) -> frozenset[str]:
    """The files of ``pack_dir`` briefgen made, after checking that there are no others.

    Never replace a folder holding anything briefgen did not make (a wrong --out, a pack
    named like one of your folders, a file you put there): deleting it would lose it.
    """
    if pack_dir.is_symlink():
        raise OutputError(
            f"{Location(pack_dir)} is a link, and briefgen never writes through a link.\n"
            "Delete the link (or choose another output folder with --out) and build again."
        )
    if pack_dir.exists() and not pack_dir.is_dir():
        raise OutputError(f"{Location(pack_dir)} is a file, so the pack cannot be written there.")
    if not pack_dir.is_dir():
        return frozenset()
    listed = read_manifest(pack_dir)
    if listed is None:
        listed = recorded(pack_dir) or frozenset()
    foreign = _foreign_entries(pack_dir, listed)
    if foreign:
        raise OutputError(
            f"{Location(pack_dir)} holds files briefgen did not make ({', '.join(foreign[:3])}), "
            "so it will not replace it.\n"
            "Choose another output folder with --out, or move those files away."
        )
    return frozenset(name for name in listed if (pack_dir / name).is_file())


def _foreign_entries(pack_dir: Path, listed: frozenset[str]) -> list[str]:
    """What is in the pack folder that ``listed`` does not account for, links included."""
    foreign = []
    for folder, folders, names in os.walk(pack_dir):
        here = Path(folder)
        for name in sorted(folders):
            path = here / name
            relative = path.relative_to(pack_dir).as_posix()
            if path.is_symlink():
                foreign.append(f"{relative} (a link)")
            elif here != pack_dir or name not in EDITIONS:
                foreign.append(relative + "/")
        folders[:] = [name for name in folders if here == pack_dir and name in EDITIONS]
        for name in sorted(names):
            path = here / name
            relative = path.relative_to(pack_dir).as_posix()
            if here == pack_dir and name == MANIFEST_NAME:
                continue
            if path.is_symlink():
                foreign.append(f"{relative} (a link)")
            elif relative not in listed or not path.is_file():
                foreign.append(relative)
    return sorted(foreign)


def cannot_write(path: Path, error: OSError) -> str:
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
