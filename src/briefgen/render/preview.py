"""The preview server's own pages (pack index, PDF viewer, status pages, error banner and
reload script), from the theme's preview/ templates with every value escaped.

They are briefgen's, not a pack's: a project cannot override them, and `briefgen templates`
neither lists nor exports them.
"""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup

from briefgen.render.builtin_theme import THEME_DIR

PREVIEW_DIR = THEME_DIR / "preview"


def render_preview(name: str, policy: str = "", **context: object) -> str:
    """The preview template ``name`` filled in; values are escaped, but not ``policy``.

    ``policy`` is briefgen's own Content-Security-Policy, never text from a request: it is
    written as is so that the server can find it in the page and add the reload script's
    nonce to it.
    """
    return _environment().get_template(name).render(policy=Markup(policy), **context)


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PREVIEW_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # files of the installed package
    )
