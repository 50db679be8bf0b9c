"""What a build depends on, as hashes: the project's input files and briefgen's own code.

Inputs come from a folder others may fill, so a file is hashed only if the build itself
would read it: a link out of the project, a pipe or device, or a file too big for content
is known by its name and stat instead, and never opened.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

from briefgen import __version__
from briefgen.load.reading import regular_bytes
from briefgen.model import Config

MAX_HASHED_BYTES = 50_000_000  # bigger inputs (never read by a build) are known by stat
PACKAGE_DIR = Path(__file__).parents[1]  # briefgen/, not output/


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def code_signature() -> str:
    """briefgen's and WeasyPrint's own code, by version and the stat of every file.

    A stat is enough here: installed code changes only by being reinstalled or edited,
    and either changes sizes or modification times.
    """
    parts = [__version__, sys.version]
    for base in (PACKAGE_DIR, _weasyprint_dir()):
        if base is None:
            continue
        for folder, _, names in sorted(os.walk(base)):
            if "__pycache__" in folder:
                continue
            for name in sorted(names):
                stat = os.stat(os.path.join(folder, name))
                parts.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return sha256("\n".join(parts).encode())


def _weasyprint_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("weasyprint")  # finds without importing it
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def input_files(config: Config) -> list[Path]:
    """Every file a build of this project reads, apart from briefgen's own.

    Folders are walked without following links (a link is listed, not entered).
    """
    files = [config.path]
    for folder in (config.content_dir, config.templates_dir):
        if folder.is_dir() and not folder.is_symlink():
            files += sorted(path for path in folder.rglob("*") if not path.is_dir())
        elif folder.is_symlink():
            files.append(folder)
    logo = config.issuer.logo
    if logo is not None:
        files.append(logo.path)
    return files


def inputs_digest(config: Config) -> str:
    """One hash over the names and bytes of every input file of the project."""
    digest = hashlib.sha256()
    root = config.root.resolve()
    for path in input_files(config):
        digest.update(path.relative_to(config.root).as_posix().encode() + b"\0")
        digest.update(_input_digest(path, root).encode() + b"\n")
    return digest.hexdigest()


def _input_digest(path: Path, root: Path) -> str:
    """What identifies one input: its bytes, or for what the build will refuse to read (a
    link out of the project, a pipe or device, a file too big for content) only its name
    and stat, so a hostile link cannot make every build hash a huge or endless file."""
    try:
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root):
                return f"link to {target}"
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return f"not a file: {stat.S_IFMT(info.st_mode)}"
        if info.st_size > MAX_HASHED_BYTES:
            return f"large: {info.st_size}:{info.st_mtime_ns}"
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return "unreadable"
    data = regular_bytes(path, MAX_HASHED_BYTES)  # so a file swapped for a pipe cannot block
    return "unreadable" if data is None else sha256(data)
