"""Import WeasyPrint, the PDF engine, with its C libraries found from one reading of the
linker's cache.

WeasyPrint loads GLib, Pango, HarfBuzz and fontconfig by trying, for each, names meant
for several systems in turn. On Linux every name that is not there makes
``ctypes.util.find_library`` run ``ldconfig -p`` again and then gcc and ld: sixteen
misses, about 0.13 s of each import (0.33 s in all), paid by every build that lays out
a PDF before the first one starts. While WeasyPrint is imported here, a name is looked
up in one reading of ``ldconfig -p`` instead, as ``find_library`` itself looks first.
Where ``ldconfig`` cannot be read, or on another system, nothing is changed. A library
the linker's cache does not list is still found: WeasyPrint also tries each library's
file name (``libpango-1.0.so.0``), which the system's loader finds wherever it is.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

# the C library variant ldconfig lists for this machine's libraries, as ctypes names it
ABI_NAMES = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}
LDCONFIG_SECONDS = 10


def import_weasyprint() -> ModuleType:
    """WeasyPrint, imported now if it is not yet."""
    if "weasyprint" not in sys.modules:
        with _libraries_from_the_linker_cache():
            import weasyprint  # noqa: F401
    return sys.modules["weasyprint"]


@contextmanager
def _libraries_from_the_linker_cache() -> Iterator[None]:
    import ctypes.util  # only when WeasyPrint is imported: an HTML-only build needs none

    listing = _linker_cache() if sys.platform.startswith("linux") else None
    if listing is None:
        yield
        return
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return library_in(listing, name)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _linker_cache() -> bytes | None:
    """What ``ldconfig -p`` lists, read once; None if it cannot be run."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        done = subprocess.run(
            [ldconfig, "-p"],
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            timeout=LDCONFIG_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def library_in(listing: bytes, name: str) -> str | None:
    """The file name ``find_library(name)`` gives when the linker's cache lists it."""
    bits = "-32" if struct.calcsize("l") == 4 else "-64"
    abi = ABI_NAMES.get(os.uname().machine + bits, "libc6")
    pattern = os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}")
    found = re.search(pattern, listing)
    return os.fsdecode(found.group(1)) if found else None
