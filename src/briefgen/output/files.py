"""Write a file into a project without ever writing through a link.

A shared project can hold links: `templates/brief.html` leading to a file outside the
project, or left dangling to create one there. `briefgen templates export` and `briefgen
init` write into projects, so every folder on the way and the file itself are checked not
to be links, and the file is opened with O_NOFOLLOW so none can slip in meanwhile.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.model import Location


class LinkInTheWay(BriefgenError):
    """A file briefgen was asked to write is, or lies in, a link."""

    def __init__(self, link: Path) -> None:
        super().__init__(
            f"{Location(link)} is a link (to {link.resolve()}), and briefgen never writes "
            "through a link, so nothing was written.\n"
            "Delete the link, or replace it with a real file or folder, and run the command "
            "again."
        )


def refuse_links(base: Path, path: Path) -> None:
    """Raise LinkInTheWay if ``path`` or any folder between ``base`` and it is a link."""
    current = base
    for part in path.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            raise LinkInTheWay(current)


def write_in(base: Path, path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (inside ``base``), making folders, following no link."""
    refuse_links(base, path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o644)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
    except OSError as error:
        if path.is_symlink():
            raise LinkInTheWay(path) from error
        if error.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
            reason = "part of that path is a file, not a folder (or the file is a folder)"
        else:
            reason = error.strerror or str(error)
        raise BriefgenError(
            f"cannot write {Location(path)}: {reason}.\n"
            "Move what is in the way, or check that you may write there, and try again."
        ) from error
