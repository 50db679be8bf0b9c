"""The build cache's records, and reading its manifest without ever trusting it.

The manifest is JSON in the user's cache folder. Anything in it that is not exactly as
briefgen writes it (a field of the wrong type, a record filed under another key) makes the
whole cache be ignored: a cache may make a build faster, never wrong, and never fail it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_FORMAT = 2  # 2: Word documents are kept too


@dataclass(frozen=True)
class FileStamp:
    """A file as the last build left it: its hash, and the stat that lets us skip hashing."""

    sha256: str
    size: int
    mtime_ns: int


@dataclass
class PackRecord:
    inputs: str  # the pack's input key (see BuildCache.pack_key)
    files: dict[str, FileStamp]  # path in the pack folder -> stamp
    pages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class PdfRecord:
    key: str  # the key it is filed under (see BuildCache.pdf_key): checked on every use
    sha256: str  # of the PDF bytes, stored as pdf/<sha256>.pdf
    pages: int
    warnings: list[str]
    resources: dict[str, str]  # project file -> sha256 when it was laid out
    used: int  # the build number that last used it, for least-recently-used eviction


@dataclass
class WordRecord:
    key: str  # the key it is filed under (see BuildCache.word_key): checked on every use
    sha256: str  # of the document's bytes, stored as docx/<sha256>.docx
    warnings: list[str]
    used: int  # the build number that last used it, for least-recently-used eviction


@dataclass(frozen=True)
class CachedPdf:
    data: bytes
    pages: int
    warnings: tuple[str, ...]


@dataclass
class Manifest:
    build: int
    packs: dict[str, PackRecord]
    pdfs: dict[str, PdfRecord]
    words: dict[str, WordRecord]


def read_manifest_file(path: Path) -> Manifest | None:
    """The cache's manifest, None if there is none or it is another version's; raises
    UnreadableCache if it is not exactly as briefgen writes it: never trusted then."""
    try:
        raw = json.loads(path.read_bytes())
        if not isinstance(raw, dict) or raw.get("format") != CACHE_FORMAT:
            return None
        packs = {
            _text(name): PackRecord(
                inputs=_text(record["inputs"]),
                files={
                    _text(file): FileStamp(
                        _text(stamp["sha256"]), _number(stamp["size"]), _number(stamp["mtime_ns"])
                    )
                    for file, stamp in _mapping(record["files"]).items()
                },
                pages={
                    _text(file): _number(count) for file, count in _mapping(record["pages"]).items()
                },
                warnings=[_text(warning) for warning in _sequence(record["warnings"])],
            )
            for name, record in _mapping(raw["packs"]).items()
        }
        pdfs = {
            _text(key): PdfRecord(
                key=_text(record["key"]),
                sha256=_text(record["sha256"]),
                pages=_number(record["pages"]),
                warnings=[_text(warning) for warning in _sequence(record["warnings"])],
                resources={
                    _text(file): _text(digest)
                    for file, digest in _mapping(record["resources"]).items()
                },
                used=_number(record["used"]),
            )
            for key, record in _mapping(raw["pdfs"]).items()
        }
        words = {
            _text(key): WordRecord(
                key=_text(record["key"]),
                sha256=_text(record["sha256"]),
                warnings=[_text(warning) for warning in _sequence(record["warnings"])],
                used=_number(record["used"]),
            )
            for key, record in _mapping(raw["words"]).items()
        }
        return Manifest(_number(raw["build"]), packs, pdfs, words)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        raise UnreadableCache(
            str(error) if not isinstance(error, KeyError) else f"no {error}"
        ) from error


class UnreadableCache(Exception):
    """The cache's manifest is there but cannot be trusted; why, in a few words."""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _number(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, found {type(value).__name__}")
    return value


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a mapping, found {type(value).__name__}")
    return value


def _sequence(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return value
