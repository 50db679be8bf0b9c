"""The PDF engine, made quicker without changing a byte: WeasyPrint imported with its C
libraries found from one reading of the linker's cache, and the @font-face fonts kept
loaded from one PDF to the next while they are the files the next PDF would use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.output import kept_fonts
from briefgen.output.engine import library_in
from briefgen.output.pdf import PdfJob, html_to_pdf
from briefgen.render.builtin_theme import THEME_DIR

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


PAGE = """<!doctype html><html lang="en"><head><style>
@font-face { font-family: "Charis SIL"; src: url("fonts/CharisSIL-Regular.ttf"); }
@font-face { font-family: "Charis SIL"; src: url("fonts/CharisSIL-Bold.ttf"); font-weight: 700; }
body { font-family: "Charis SIL"; hyphens: auto; }
</style></head><body><h1>{title}</h1><p>The participants called on all the armed groups to
agree to a <b>ceasefire</b> and start peace talks with the Afghan Government.</p></body></html>"""


def lay_out(project: Path, title: str = "Talks", fresh: bool = False) -> tuple[bytes, set[Path]]:
    """The PDF, and the files it used; ``fresh``: with no fonts kept from before."""
    if fresh:
        kept_fonts._kept = None
    page = PAGE.replace("{title}", title)
    job = PdfJob(page, f"{title}.pdf", project, project / "templates")
    pdf = html_to_pdf(replace(job, fonts_folder=project.parent))
    return pdf.data, set(pdf.resources)


@pytest.mark.pdf
def test_kept_fonts_give_the_same_bytes_as_fonts_loaded_afresh(tmp_path: Path) -> None:
    first = lay_out(tmp_path, "First", fresh=True)
    second = lay_out(tmp_path, "Second")  # with the fonts kept from the first
    assert kept_fonts._kept is not None and len(kept_fonts._kept.faces) == 2
    assert lay_out(tmp_path, "Second", fresh=True) == second
    assert lay_out(tmp_path, "First", fresh=True) == first
    assert THEME_DIR.resolve() / "fonts" / "CharisSIL-Bold.ttf" in second[1]


@pytest.mark.pdf
def test_a_font_a_project_puts_in_the_theme_s_place_is_never_taken_for_another(
    tmp_path: Path,
) -> None:
    """Fonts are kept only while each is the file the next PDF is served, unchanged: a
    class's own font under the theme's name, then a project without it, then the class's
    font changed, all laid out by one process."""
    plain = tmp_path / "plain"
    (plain / "templates").mkdir(parents=True)
    ours = tmp_path / "ours"
    (ours / "templates" / "fonts").mkdir(parents=True)
    own_font = ours / "templates" / "fonts" / "CharisSIL-Regular.ttf"
    shutil.copy(THEME_DIR / "fonts" / "AtkinsonHyperlegible-Regular.ttf", own_font)

    ours_pdf, used = lay_out(ours, fresh=True)
    assert own_font.resolve() in used
    plain_pdf = lay_out(plain)[0]
    assert plain_pdf != ours_pdf  # not the class's font, kept from the layout before
    assert lay_out(plain, fresh=True)[0] == plain_pdf
    assert lay_out(ours) == (ours_pdf, used)
    assert lay_out(ours) == (ours_pdf, used)  # kept: and still listed as a file it used

    shutil.copy(THEME_DIR / "fonts" / "NotoSans-Regular.ttf", own_font)
    changed = lay_out(ours)[0]
    assert changed != ours_pdf
    assert lay_out(ours, fresh=True)[0] == changed
