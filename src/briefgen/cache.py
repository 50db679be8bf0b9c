"""Remember what each build made, so an unchanged pack is skipped and an unchanged PDF reused.

Two levels, both keyed by content hashes, never by clocks:

* A pack whose inputs are byte for byte those of its last build (content/, templates/,
  briefgen.yaml, the logo, briefgen's and WeasyPrint's own code, the build options) and
  whose files in output/ are untouched is skipped before the content is even parsed, and
  WeasyPrint is never imported.
* Otherwise the pack is rendered to HTML (milliseconds), and a PDF whose print HTML and
  project resource files are unchanged is taken from the cache instead of being laid out
  again: a changed quotation lays out only the PDFs that show it.

The cache lives in the user's cache folder (~/.cache/briefgen, or $BRIEFGEN_CACHE_DIR),
one folder per project, never in the project itself: a project folder shared by a
colleague cannot carry PDFs or compiled templates into your packs. Deleting it costs one
full build. A cache that cannot be read is ignored, and one that cannot be written is
reported as a warning: the cache never decides whether a build succeeds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from briefgen import __version__
from briefgen.model import Config
from briefgen.write import KeepRule, pack_files

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
CACHE_FORMAT = 1
MAX_STORED_BYTES = 200_000_000  # PDFs kept for reuse; least recently used go first
PACKAGE_DIR = Path(__file__).parent


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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


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
    sha256: str  # of the PDF bytes, stored as pdf/<sha256>.pdf
    pages: int
    warnings: list[str]
    resources: dict[str, str]  # project file -> sha256 when it was laid out
    used: int  # the build number that last used it, for least-recently-used eviction


@dataclass(frozen=True)
class CachedPdf:
    data: bytes
    pages: int
    warnings: tuple[str, ...]


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
    """Every file a build of this project reads, apart from briefgen's own."""
    files = [config.path]
    for folder in (config.content_dir, config.templates_dir):
        if folder.is_dir():
            files += sorted(path for path in folder.rglob("*") if path.is_file())
    logo = config.issuer.logo
    if logo is not None:
        files.append(logo.path)
    return files


def inputs_digest(config: Config) -> str:
    """One hash over the names and bytes of every input file of the project."""
    digest = hashlib.sha256()
    for path in input_files(config):
        digest.update(path.relative_to(config.root).as_posix().encode() + b"\0")
        try:
            digest.update(file_sha256(path).encode())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


class BuildCache:
    """The manifest of .briefgen-cache/: pack records, PDF records, and the stored PDFs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.packs: dict[str, PackRecord] = {}
        self.pdfs: dict[str, PdfRecord] = {}
        self.build_number = 0
        self.code = code_signature()
        self._hashes: dict[Path, str] = {}
        self._pending: dict[str, bytes] = {}  # PDFs laid out in this build, to store
        self._load()
        self.build_number += 1

    @classmethod
    def for_project(cls, config: Config) -> BuildCache:
        root = str(config.root.resolve())
        return cls(user_cache_dir() / "projects" / sha256(root.encode())[:20])

    # -- level 1: whole packs -------------------------------------------------------------

    def pack_key(
        self,
        inputs: str,
        pack_id: str,
        formats: Iterable[str],
        editions: Iterable[str],
        pdf_variant: str,
    ) -> str:
        """What a pack's build depends on, besides the files in output/."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        parts = [self.code, inputs, pack_id, ",".join(formats), ",".join(editions), epoch]
        parts.append(pdf_variant)
        return sha256("\n".join(parts).encode())

    def pack_unchanged(self, pack_dir: Path, key: str) -> PackRecord | None:
        """The pack's record if its last build had this key and its files are untouched."""
        record = self.packs.get(_pack_name(pack_dir))
        if record is None or record.inputs != key or not self._files_intact(pack_dir, record):
            return None
        return record

    def pages(self, pack_dir: Path) -> dict[str, int]:
        """The page counts of the PDFs the pack's last build wrote."""
        record = self.packs.get(_pack_name(pack_dir))
        return dict(record.pages) if record is not None else {}

    def forget_inputs(self, pack_dir: Path) -> None:
        """The pack's inputs changed during its build: its record must not match them."""
        record = self.packs.get(_pack_name(pack_dir))
        if record is not None:
            record.inputs = ""

    def files_unchanged(self, pack_dir: Path, files: Mapping[str, bytes], keep: KeepRule) -> bool:
        """Would writing these files (and keeping what ``keep`` keeps) change nothing?"""
        record = self.packs.get(_pack_name(pack_dir))
        if record is None or not self._files_intact(pack_dir, record):
            return False
        for name, data in files.items():
            stamp = record.files.get(name)
            if stamp is None or stamp.size != len(data) or stamp.sha256 != sha256(data):
                return False
        return all(name in files or keep(name) for name in record.files)

    def record_pack(
        self,
        pack_dir: Path,
        key: str,
        written: Mapping[str, bytes],
        pages: Mapping[str, int],
        warnings: list[str],
    ) -> None:
        """Note what the pack folder now holds, after it was written or found unchanged."""
        files = {}
        previous = self.packs.get(_pack_name(pack_dir))
        kept_pages = previous.pages if previous is not None else {}
        for path in pack_files(pack_dir):
            name = path.relative_to(pack_dir).as_posix()
            stat = path.stat()
            data = written.get(name)
            old = previous.files.get(name) if previous is not None else None
            if data is not None:
                digest = sha256(data)
            elif old is not None and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                digest = old.sha256  # a file kept as it was (copies keep their times)
            else:
                digest = file_sha256(path)
            files[name] = FileStamp(digest, stat.st_size, stat.st_mtime_ns)
        pages = {
            **{name: count for name, count in kept_pages.items() if name in files},
            **pages,
        }
        self.packs[_pack_name(pack_dir)] = PackRecord(key, files, pages, warnings)

    def _files_intact(self, pack_dir: Path, record: PackRecord) -> bool:
        try:
            present = {path.relative_to(pack_dir).as_posix() for path in pack_files(pack_dir)}
            if present != set(record.files):
                return False
            for name, stamp in record.files.items():
                stat = (pack_dir / name).stat()
                if stat.st_size != stamp.size:
                    return False
                if (
                    stat.st_mtime_ns != stamp.mtime_ns
                    and file_sha256(pack_dir / name) != stamp.sha256
                ):
                    return False
        except OSError:
            return False
        return True

    # -- level 2: single PDFs -------------------------------------------------------------

    def pdf_key(self, html_digest: str) -> str:
        return sha256(f"{self.code}\n{html_digest}".encode())

    def cached_pdf(self, key: str) -> CachedPdf | None:
        """The PDF laid out from the same HTML, if the files it used are unchanged."""
        record = self.pdfs.get(key)
        if record is None:
            return None
        for name, digest in record.resources.items():
            if self._current_hash(Path(name)) != digest:
                return None
        try:
            data = (self.folder / "pdf" / f"{record.sha256}.pdf").read_bytes()
        except OSError:
            return None
        if sha256(data) != record.sha256:
            return None
        record.used = self.build_number
        return CachedPdf(data, record.pages, tuple(record.warnings))

    def store_pdf(
        self, key: str, data: bytes, pages: int, warnings: Iterable[str], resources: Iterable[Path]
    ) -> None:
        """Keep a freshly laid-out PDF; theme files are covered by the code signature."""
        tracked = {}
        for path in resources:
            if not path.is_relative_to(PACKAGE_DIR):
                tracked[str(path)] = self._current_hash(path) or ""
        digest = sha256(data)
        self.pdfs[key] = PdfRecord(digest, pages, list(warnings), tracked, self.build_number)
        self._pending[digest] = data

    def _current_hash(self, path: Path) -> str | None:
        if path not in self._hashes:
            try:
                self._hashes[path] = file_sha256(path)
            except OSError:
                return None
        return self._hashes[path]

    # -- reading and writing the manifest -------------------------------------------------

    def _load(self) -> None:
        try:
            raw = json.loads((self.folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            if raw.get("format") != CACHE_FORMAT:
                return
            self.build_number = int(raw["build"])
            for name, record in raw["packs"].items():
                files = {key: FileStamp(**stamp) for key, stamp in record.pop("files").items()}
                self.packs[name] = PackRecord(files=files, **record)
            self.pdfs = {key: PdfRecord(**record) for key, record in raw["pdfs"].items()}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            log.debug("Ignoring an unreadable build cache: %s", error)
            self.packs, self.pdfs, self.build_number = {}, {}, 0

    def save(self) -> str | None:
        """Write the stored PDFs and the manifest; a warning to show if that failed."""
        if private_folder(self.folder) is None:
            return (
                f"could not make the build cache folder {self.folder}; "
                "the next build will lay out every PDF again."
            )
        try:
            store = self.folder / "pdf"
            store.mkdir(exist_ok=True, mode=0o700)
            for digest, data in self._pending.items():
                _write_atomically(store / f"{digest}.pdf", data)
            self._pending.clear()
            self._evict(store)
            self.packs = {
                name: record for name, record in self.packs.items() if Path(name).is_dir()
            }
            manifest: dict[str, Any] = {
                "format": CACHE_FORMAT,
                "build": self.build_number,
                "packs": {name: asdict(record) for name, record in sorted(self.packs.items())},
                "pdfs": {key: asdict(record) for key, record in sorted(self.pdfs.items())},
            }
            text = json.dumps(manifest, indent=1, sort_keys=True)
            _write_atomically(self.folder / MANIFEST_NAME, text.encode("utf-8"))
        except OSError as error:
            return (
                f"could not save the build cache in {self.folder} ({error.strerror or error}); "
                "the next build will lay out every PDF again."
            )
        return None

    def _evict(self, store: Path) -> None:
        """Keep the most recently used PDFs up to MAX_STORED_BYTES; delete the others."""
        kept: dict[str, PdfRecord] = {}
        total = 0
        sizes: dict[str, int] = {}
        for key, record in sorted(self.pdfs.items(), key=lambda item: -item[1].used):
            path = store / f"{record.sha256}.pdf"
            if record.sha256 not in sizes:
                try:
                    sizes[record.sha256] = path.stat().st_size
                except OSError:
                    continue
                total += sizes[record.sha256]
            if total > MAX_STORED_BYTES:
                break
            kept[key] = record
        self.pdfs = kept
        wanted = {f"{record.sha256}.pdf" for record in kept.values()}
        for path in store.iterdir():
            if path.name not in wanted:
                path.unlink(missing_ok=True)


def _pack_name(pack_dir: Path) -> str:
    return str(pack_dir.resolve())


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
