"""WeasyPrint is imported with its C libraries found from one reading of the linker's
cache, not by running ldconfig, gcc and ld for every name it tries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefgen.output.engine import library_in

LISTING = b"""\
1234 libs found in cache `/etc/ld.so.cache'
\tlibpangoft2-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpangoft2-1.0.so.0
\tlibpango-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpango-1.0.so.0
\tlibpango-1.0.so.0 (libc6) => /lib/i386-linux-gnu/libpango-1.0.so.0
\tlibharfbuzz.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so.0
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig is Linux's")
def test_a_library_is_named_as_find_library_names_it() -> None:
    if subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip() != "x86_64":
        pytest.skip("the listing above is an x86-64 machine's")
    assert library_in(LISTING, "pango-1.0") == "libpango-1.0.so.0"
    assert library_in(LISTING, "harfbuzz") == "libharfbuzz.so.0"
    assert library_in(LISTING, "libpango-1.0-0") is None  # a Windows name: not there
    assert library_in(LISTING, "harfbuzz-vector") is None


@pytest.mark.pdf
def test_weasyprint_is_imported_with_one_reading_of_the_linker_cache() -> None:
    """Counted in a fresh process: ldconfig once, and no gcc or ld at all; ctypes is left
    as it was, and the engine works."""
    code = (
        "import ctypes.util, subprocess\n"
        "spawned = []\n"
        "real = subprocess.Popen.__init__\n"
        "def counted(self, args, *more, **named):\n"
        "    spawned.append(args[0])\n"
        "    real(self, args, *more, **named)\n"
        "subprocess.Popen.__init__ = counted\n"
        "find_library = ctypes.util.find_library\n"
        "from briefgen.output.engine import import_weasyprint\n"
        "weasyprint = import_weasyprint()\n"
        "assert ctypes.util.find_library is find_library\n"
        "assert weasyprint.HTML(string='<p>Hi</p>').write_pdf().startswith(b'%PDF')\n"
        "print(sorted(program.rpartition('/')[2] for program in spawned))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['ldconfig']"
