"""Where briefgen keeps things of its own on this machine: the user's cache folder.

Below every stage: the render stage keeps compiled templates there, the output stage
the build cache.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def user_cache_dir() -> Path:
    """$BRIEFGEN_CACHE_DIR, else $XDG_CACHE_HOME/briefgen, else ~/.cache/briefgen."""
    if os.environ.get("BRIEFGEN_CACHE_DIR"):
        return Path(os.environ["BRIEFGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "briefgen"


def private_folder(path: Path) -> Path | None:
    """``path``, created readable by this user only; None if it cannot be made."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.mkdir(exist_ok=True, mode=0o700)
    except OSError as error:
        log.info("No cache folder at %s: %s", path, error)
        return None
    return path


def keep(path: Path, data: bytes) -> None:
    """Write a file of the cache whole or not at all, so that a process reading it at the
    same moment never sees half of it; a cache that cannot be written only costs time."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        log.info("Not kept in the cache, %s: %s", path, error)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
