"""Remember what each build made, so an unchanged pack is skipped and an unchanged PDF reused.

Two levels, both keyed by content hashes, never by clocks:

* A pack whose inputs are byte for byte those of its last build (content/, templates/,
  briefgen.yaml, the logo, briefgen's and WeasyPrint's own code, the build options) and
  whose files in output/ are untouched is skipped before the content is even parsed, and
  WeasyPrint is never imported.
* Otherwise the pack is rendered to HTML (milliseconds), and a PDF whose print HTML and
  project resource files are unchanged is taken from the cache instead of being laid out
  again: a changed quotation lays out only the PDFs that show it. So is a Word document
  whose page is unchanged.

The cache lives in the user's cache folder (~/.cache/briefgen, or $BRIEFGEN_CACHE_DIR),
one folder per project, never in the project itself: a project folder shared by a
colleague cannot carry PDFs or compiled templates into your packs. Deleting it costs one
full build. A cache that cannot be read is ignored, and one that cannot be written is
reported as a warning: the cache never decides whether a build succeeds.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from briefgen.model import Config
from briefgen.output.cachefile import (
    CACHE_FORMAT,
    CachedPdf,
    FileStamp,
    PackRecord,
    PdfRecord,
    UnreadableCache,
    WordRecord,
    read_manifest_file,
)
from briefgen.output.inputs import PACKAGE_DIR, code_signature, file_sha256, sha256
from briefgen.output.write import KeepRule, pack_files, read_manifest
from briefgen.places import private_folder, user_cache_dir

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
MAX_STORED_BYTES = 200_000_000  # PDFs and Word documents kept; least recently used go first
STORES = {"pdf": ".pdf", "docx": ".docx"}  # folder: the suffix of the files stored there


class BuildCache:
    """The manifest of .briefgen-cache/: pack records, PDF records, and the stored PDFs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.packs: dict[str, PackRecord] = {}
        self.pdfs: dict[str, PdfRecord] = {}
        self.words: dict[str, WordRecord] = {}
        self.build_number = 0
        self.code = code_signature()
        self._hashes: dict[Path, str] = {}
        self._pending: dict[tuple[str, str], bytes] = {}  # (store, sha256): files to store
        self._touched: set[str] = set()  # packs whose records this build changed
        self.warnings: list[str] = []  # for the build report
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

    def recorded_files(self, pack_dir: Path) -> frozenset[str] | None:
        """The files the last build recorded writing into ``pack_dir`` (for a folder written
        before pack folders had manifests); None if there is no record."""
        record = self.packs.get(_pack_name(pack_dir))
        return None if record is None else frozenset(record.files)

    def pages(self, pack_dir: Path) -> dict[str, int]:
        """The page counts of the PDFs the pack's last build wrote."""
        record = self.packs.get(_pack_name(pack_dir))
        return dict(record.pages) if record is not None else {}

    def forget_inputs(self, pack_dir: Path) -> None:
        """The pack's inputs changed during its build: its record must not match them."""
        record = self.packs.get(_pack_name(pack_dir))
        if record is not None:
            record.inputs = ""
            self._touched.add(_pack_name(pack_dir))

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
            info = path.stat()
            data = written.get(name)
            old = previous.files.get(name) if previous is not None else None
            if data is not None:
                digest = sha256(data)
            elif old is not None and (old.size, old.mtime_ns) == (info.st_size, info.st_mtime_ns):
                digest = old.sha256  # a file kept as it was (copies keep their times)
            else:
                digest = file_sha256(path)
            files[name] = FileStamp(digest, info.st_size, info.st_mtime_ns)
        pages = {
            **{name: count for name, count in kept_pages.items() if name in files},
            **pages,
        }
        self.packs[_pack_name(pack_dir)] = PackRecord(key, files, pages, warnings)
        self._touched.add(_pack_name(pack_dir))

    def _files_intact(self, pack_dir: Path, record: PackRecord) -> bool:
        """The pack folder holds what the record says, its manifest included."""
        if read_manifest(pack_dir) != frozenset(record.files):
            return False
        try:
            present = {path.relative_to(pack_dir).as_posix() for path in pack_files(pack_dir)}
            if present != set(record.files):
                return False
            for name, stamp in record.files.items():
                info = (pack_dir / name).stat()
                if info.st_size != stamp.size:
                    return False
                if (
                    info.st_mtime_ns != stamp.mtime_ns
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
        if record is None or record.key != key:
            return None
        for name, digest in record.resources.items():
            if self._current_hash(Path(name)) != digest:
                return None
        data = self._stored("pdf", record.sha256)
        if data is None:
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
        self.pdfs[key] = PdfRecord(key, digest, pages, list(warnings), tracked, self.build_number)
        self._pending["pdf", digest] = data

    # -- level 2: single Word documents ---------------------------------------------------

    def word_key(self, document_digest: str) -> str:
        return sha256(f"{self.code}\nword\n{document_digest}".encode())

    def cached_word(self, key: str) -> tuple[bytes, tuple[str, ...]] | None:
        """The Word document made from the same page, and what pandoc warned of then."""
        record = self.words.get(key)
        if record is None or record.key != key:
            return None
        data = self._stored("docx", record.sha256)
        if data is None:
            return None
        record.used = self.build_number
        return data, tuple(record.warnings)

    def store_word(self, key: str, data: bytes, warnings: Iterable[str]) -> None:
        digest = sha256(data)
        self.words[key] = WordRecord(key, digest, list(warnings), self.build_number)
        self._pending["docx", digest] = data

    def _stored(self, store: str, digest: str) -> bytes | None:
        """A stored file's bytes, if they still have the hash recorded for them."""
        try:
            data = self._stored_path(store, digest).read_bytes()
        except OSError:
            return None
        return data if sha256(data) == digest else None

    def _stored_path(self, store: str, digest: str) -> Path:
        return self.folder / store / f"{digest}{STORES[store]}"

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
            loaded = read_manifest_file(self.folder / MANIFEST_NAME)
        except UnreadableCache as error:
            self.warnings.append(
                f"the build cache in {self.folder} could not be read ({error}), so it was "
                "ignored; this build lays out every PDF again."
            )
            return
        if loaded is not None:
            self.build_number, self.packs = loaded.build, loaded.packs
            self.pdfs, self.words = loaded.pdfs, loaded.words

    def save(self) -> str | None:
        """Write the stored PDFs and the manifest; a warning to show if that failed.

        Another build of the same project (into another output folder) may have saved
        meanwhile: its records are kept, and this build's own replace them where both
        have one.
        """
        if private_folder(self.folder) is None:
            return (
                f"could not make the build cache folder {self.folder}; "
                "the next build will lay out every PDF again."
            )
        try:
            for store in STORES:
                (self.folder / store).mkdir(exist_ok=True, mode=0o700)
            for (store, digest), data in self._pending.items():
                _write_atomically(self._stored_path(store, digest), data)
            self._pending.clear()
            try:
                saved = read_manifest_file(self.folder / MANIFEST_NAME)
            except UnreadableCache:
                saved = None
            if saved is not None:
                self.build_number = max(self.build_number, saved.build)
                self.packs = {**saved.packs, **{name: self.packs[name] for name in self._touched}}
                self.pdfs = {**saved.pdfs, **self.pdfs}
                self.words = {**saved.words, **self.words}
            self._evict()
            self.packs = {
                name: record for name, record in self.packs.items() if Path(name).is_dir()
            }
            manifest: dict[str, Any] = {
                "format": CACHE_FORMAT,
                "build": self.build_number,
                "packs": {name: asdict(record) for name, record in sorted(self.packs.items())},
                "pdfs": {key: asdict(record) for key, record in sorted(self.pdfs.items())},
                "words": {key: asdict(record) for key, record in sorted(self.words.items())},
            }
            text = json.dumps(manifest, indent=1, sort_keys=True)
            _write_atomically(self.folder / MANIFEST_NAME, text.encode("utf-8"))
        except OSError as error:
            return (
                f"could not save the build cache in {self.folder} ({error.strerror or error}); "
                "the next build will lay out every PDF again."
            )
        return None

    def _evict(self) -> None:
        """Keep the most recently used PDFs and Word documents up to MAX_STORED_BYTES;
        delete the others."""
        records: list[tuple[str, str, PdfRecord | WordRecord]] = [
            *(("pdf", key, record) for key, record in self.pdfs.items()),
            *(("docx", key, record) for key, record in self.words.items()),
        ]
        kept: dict[str, dict[str, Any]] = {store: {} for store in STORES}
        total = 0
        sizes: dict[Path, int] = {}
        for store, key, record in sorted(records, key=lambda item: -item[2].used):
            path = self._stored_path(store, record.sha256)
            if path not in sizes:
                try:
                    sizes[path] = path.stat().st_size
                except OSError:
                    continue
                total += sizes[path]
            if total > MAX_STORED_BYTES:
                break
            kept[store][key] = record
        self.pdfs, self.words = kept["pdf"], kept["docx"]
        wanted = {
            self._stored_path(store, record.sha256)
            for store in STORES
            for record in kept[store].values()
        }
        for store in STORES:
            for path in (self.folder / store).iterdir():
                if path not in wanted:
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
