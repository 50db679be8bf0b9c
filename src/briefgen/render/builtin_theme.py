"""Where the built-in theme's files are: its templates, style sheets and fonts.

A module of its own, importing nothing, so that a layout worker can find the fonts and
style sheets without importing the renderer.
"""

from pathlib import Path

THEME_DIR = Path(__file__).parent / "theme"
