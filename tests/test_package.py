"""The built wheel carries the theme: templates, stylesheets, fonts and their licences."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # builds a wheel in a subprocess

THEME = REPO / "src" / "briefgen" / "render" / "theme"


def test_wheel_contains_every_theme_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("briefgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme_files = {
        f"briefgen/render/theme/{path.relative_to(THEME).as_posix()}"
        for path in THEME.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert theme_files <= names, sorted(theme_files - names)
    assert {
        "briefgen/render/theme/fonts/OFL-CharisSIL.txt",
        "briefgen/render/theme/fonts/OFL-NotoSans.txt",
    } <= (names)
