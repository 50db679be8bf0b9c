"""Write a pack's files so that output/ never holds a half-written pack.

Files are written into a staging folder beside the pack's folder, which replaces the old
folder only once every file is written. A failed build leaves the previous pack intact.
A pack folder holds one folder per edition (student/, teacher/) of PDF and HTML files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import OutputError
from briefgen.model import EDITIONS

PACK_FILE_SUFFIXES = (".pdf", ".html")
KeepRule = Callable[[str], bool]  # given a file's path in the pack folder: carry it over?


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    size: int
    pages: int | None = None


def write_pack(
    pack_dir: Path, files: Mapping[str, bytes], keep: KeepRule = lambda path: False
) -> list[WrittenFile]:
    """Replace ``pack_dir`` with ``files`` (paths such as "student/brief.pdf").

    Old files that ``keep`` accepts are carried over, so a narrower build (only HTML, or
    only the student edition) leaves the rest of the pack in place.
    """
    _refuse_foreign_folder(pack_dir)
    try:
        pack_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{pack_dir.name}-", dir=pack_dir.parent))
    except OSError as error:
        raise OutputError(_cannot_write(pack_dir.parent, error)) from error
    try:
        for old in _pack_files(pack_dir):
            name = old.relative_to(pack_dir).as_posix()
            if name not in files and keep(name):
                (staging / name).parent.mkdir(exist_ok=True)
                shutil.copy2(old, staging / name)
        for name, data in files.items():
            (staging / name).parent.mkdir(exist_ok=True)
            (staging / name).write_bytes(data)
        _swap_in(staging, pack_dir)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(_cannot_write(pack_dir, error)) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [WrittenFile(pack_dir / name, len(data)) for name, data in files.items()]


def _pack_files(pack_dir: Path) -> list[Path]:
    if not pack_dir.is_dir():
        return []
    return sorted(path for path in pack_dir.rglob("*") if path.is_file())


def _swap_in(staging: Path, pack_dir: Path) -> None:
    os.chmod(staging, 0o755)
    if not pack_dir.exists():
        staging.rename(pack_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{pack_dir.name}-old-", dir=pack_dir.parent))
    retired.rmdir()
    pack_dir.rename(retired)
    try:
        staging.rename(pack_dir)
    except OSError:
        retired.rename(pack_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _refuse_foreign_folder(pack_dir: Path) -> None:
    """Never replace a folder holding files briefgen did not make (a wrong --out, say)."""
    if pack_dir.exists() and not pack_dir.is_dir():
        raise OutputError(f"{pack_dir} is a file, so the pack cannot be written there.")
    if not pack_dir.is_dir():
        return
    foreign = sorted(
        entry.relative_to(pack_dir).as_posix()
        for entry in pack_dir.rglob("*")
        if not _made_by_briefgen(entry.relative_to(pack_dir))
    )
    if foreign:
        raise OutputError(
            f"{pack_dir} holds files briefgen did not make ({', '.join(foreign[:3])}), "
            "so it will not replace it.\n"
            "Choose another output folder with --out, or move those files away."
        )


def _made_by_briefgen(path: Path) -> bool:
    """Edition folders of PDF and HTML files; loose PDF and HTML files (older layout)."""
    if len(path.parts) == 1:
        return path.name in EDITIONS or path.suffix in PACK_FILE_SUFFIXES
    return len(path.parts) == 2 and path.parts[0] in EDITIONS and path.suffix in PACK_FILE_SUFFIXES


def _cannot_write(where: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return (
        f"cannot write to {where}: {reason}.\n"
        "Check that the folder exists, that you may write to it, and that the disk is not full."
    )
