"""Read a file from a project folder that someone else may have filled.

Whoever shares a project can put a named pipe where a content file belongs (a read would
wait for ever), a device such as /dev/zero (a read would never end), a huge file, or a
link to a private file elsewhere. Every content file is read here: only regular files,
of bounded size, and (where asked) only inside the folder they belong to.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path, PurePosixPath

from briefgen.errors import Problems
from briefgen.model import Location

UTF8_BOM = b"\xef\xbb\xbf"  # what Windows Notepad puts before UTF-8 text
# Far above any real brief, source text or YAML file (the largest bundled one is 16 KB),
# yet small enough that reading a file can never exhaust the memory.
MAX_CONTENT_BYTES = 10_000_000
# Open without blocking on a named pipe, without leaking into child processes, and without
# a terminal becoming ours; the flags a system lacks (Windows) are 0.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
NOT_REGULAR_HINT = "Replace it with an ordinary file, or remove it."
TOO_LARGE_HINT = (
    "Check that it is the right file: real briefs, source texts and YAML files are far smaller."
)


def read_text(
    path: Path, problems: Problems, inside: Path | None = None, limit: int = MAX_CONTENT_BYTES
) -> str | None:
    """Read a UTF-8 text file with read_bytes, reporting a file that is not UTF-8.

    A leading byte order mark is dropped, and line ends become \\n as Path.read_text makes
    them, so line numbers count the lines an editor shows.
    """
    data = read_bytes(path, problems, inside, limit)
    if data is None:
        return None
    skipped = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        text = data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        problems.add(
            Location(path, line),
            f"is not UTF-8 text: byte {skipped + error.start} (0x{error.object[error.start]:02x}) "
            "is not valid UTF-8.",
            "Save the file as UTF-8 in your editor (in Word or Notepad: Save As, Encoding: UTF-8).",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(
    path: Path, problems: Problems, inside: Path | None = None, limit: int = MAX_CONTENT_BYTES
) -> bytes | None:
    """The bytes of a file in a folder others may write to, or None with the problem reported.

    Whoever shares the project folder can put a named pipe (which blocks a read forever),
    a device such as /dev/zero (which never ends), a huge file, or a link to a private file
    where content belongs; so this reads only a regular file of at most ``limit`` bytes, and
    with ``inside`` only one that, links followed, is in that folder.
    """
    if inside is not None and not stays_inside(path, inside, problems):
        return None
    try:
        # stat first, so that a device is never opened (opening some has effects);
        # fstat again after opening, in case the file was swapped in between
        if not _regular(path, os.stat(path), problems):
            return None
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        problems.add(Location(path), "file not found.", "Check the file name and folder.")
        return None
    except OSError as error:
        problems.add(Location(path), f"cannot be read: {error.strerror}.")
        return None
    with open(descriptor, "rb", closefd=True) as file:
        status = os.fstat(descriptor)
        if not _regular(path, status, problems):
            return None
        data = b"" if status.st_size > limit else file.read(limit + 1)
    if status.st_size > limit or len(data) > limit:
        problems.add(
            Location(path),
            f"is {_shown_size(max(status.st_size, len(data)))}, "
            f"more than the {_shown_size(limit)} briefgen reads from one file.",
            TOO_LARGE_HINT,
        )
        return None
    return data


def regular_bytes(path: Path, limit: int | None, follow_links: bool = True) -> bytes | None:
    """The bytes of a regular file, at most ``limit`` + 1 of them (so that a caller can tell
    it is longer), or None if it is anything else or cannot be read: read_bytes without
    the report, for files briefgen reads on its own account (a logo, a manifest, a page).

    As read_bytes, it never opens a pipe or a device; ``follow_links=False`` refuses a link.
    """
    flags = _OPEN_FLAGS if follow_links else _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0)
    try:
        status = os.stat(path, follow_symlinks=follow_links)
        if not stat.S_ISREG(status.st_mode):
            return None
        with open(os.open(path, flags), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            return file.read(-1 if limit is None else limit + 1)
    except OSError:
        return None


def _regular(path: Path, status: os.stat_result, problems: Problems) -> bool:
    """Whether the file is a regular file; if not, the problem is reported."""
    if stat.S_ISREG(status.st_mode):
        return True
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "a special file"
    problems.add(
        Location(path),
        f"is not a regular file (it is {kind}); briefgen reads content only from ordinary files.",
        NOT_REGULAR_HINT,
    )
    return False


def _shown_size(size: int) -> str:
    """A size as a teacher reads it, rounded up: 10 MB, 10.1 MB, 340 KB."""
    if size < 1_000_000:
        return f"{math.ceil(size / 1000):,} KB"
    tenths = math.ceil(size / 100_000)
    return f"{tenths // 10:,} MB" if tenths % 10 == 0 else f"{tenths / 10:,.1f} MB"


def link_out(name: str, target: Path, outside: str, kind: str = "file") -> tuple[str, str]:
    """The message and hint for a link that leads out of where content must stay."""
    return (
        f"'{name}' is a link to {target}, outside {outside}.",
        f"Replace the link with a copy of the {kind}.",
    )


def stays_inside(path: Path, folder: Path, problems: Problems, outside: str | None = None) -> bool:
    """Whether ``path``, links followed, is in ``folder``; if not, the link is reported.

    ``outside`` names the folder in the message; by default "the project's <folder>/ folder".
    """
    try:
        target, limit = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a loop of links: opening the file reports it
        return True
    if target.is_relative_to(limit):
        return True
    kind = "folder" if target.is_dir() else "file"
    message, hint = link_out(
        path.name, target, outside or f"the project's {folder.name}/ folder", kind
    )
    problems.add(Location(path), message, hint)
    return False


MAX_NAME_BYTES = 255  # the longest file or folder name most file systems allow


def file_name_problem(name: str) -> str | None:
    """Why a file name written in content cannot name a file, checked before the disk is
    asked (which would raise on a NUL or an over-long name); None if it can."""
    if "\0" in name or any(ord(c) < 32 for c in name):
        return "contains an invisible control character"
    parts = name.replace("\\", "/").split("/")
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
        return f"has a part longer than {MAX_NAME_BYTES} bytes, which no file can be named"
    return None


def relative_file_name(name: str) -> PurePosixPath | None:
    """``name`` as a path below the folder it is read from; None if it is absolute, climbs
    out with `..`, or names a drive or a URL scheme."""
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or ":" in name:
        return None
    return relative
