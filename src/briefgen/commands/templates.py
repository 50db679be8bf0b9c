"""The project's template overrides: which built-ins exist, and copying one out to edit.

A class changes the look by putting a file in its templates/ folder with the name of a
built-in; `briefgen templates export` writes that file for it, whole or as one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click
import jinja2
from jinja2 import nodes

from briefgen.commands.progress import shown
from briefgen.errors import BriefgenError
from briefgen.output.files import refuse_links, write_in
from briefgen.render.builtin_theme import THEME_DIR
from briefgen.render.preview import PREVIEW_DIR
from briefgen.words import count, did_you_mean, sentences

DESCRIPTIONS = {
    "base.html": "the page skeleton every document extends",
    "brief.html": "the issue brief (PDF and web page)",
    "companion.html": "the teaching companion (PDF and web page)",
    "handout.html": "a source's one-page handout (web page)",
    "worksheet.html": "the worksheet; the teacher's is its mark scheme (PDF and web page)",
    "index.html": "the index page of an edition folder",
    "partials/macros.html": "masthead, note references, citations, quotations",
    "partials/theme.css": "the theme settings as CSS variables and fonts",
    "css/pdf.css": "the PDF layout: pages, running header, type",
    "css/html.css": "the web pages' layout, screen and print",
    "css/companion.css": "the companion's extra styles",
    "css/handout.css": "the handouts' extra styles, screen and print",
    "css/worksheet.css": "the worksheet's extra styles: ruled answer space, the grid",
    "css/index.css": "the index page's extra styles",
}
BLOCK_TAG = re.compile(r"\{%-?\s*(block\s+(\w+)|endblock(?:\s+\w+)?)\s*-?%\}")


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    blocks: tuple[str, ...]
    override: Path | None  # the project's file replacing it, if any


def print_templates(templates_dir: Path) -> None:
    """Print each built-in template, its blocks, and whether ``templates_dir`` overrides it."""
    listed = list_templates(templates_dir)
    width = max(len(template.name) for template in listed)
    for template in listed:
        click.echo(f"{template.name:<{width}}  {template.description}")
        if template.blocks:
            click.echo(f"{'':<{width}}  blocks: {', '.join(template.blocks)}")
        if template.override:
            click.secho(f"{'':<{width}}  overridden by {shown(template.override)}", fg="yellow")
    overridden = sum(1 for template in listed if template.override)
    click.echo(
        f"\n{count(len(listed), 'built-in template')}, {overridden} overridden in templates/."
    )


def export(name: str, templates_dir: Path, block: str | None, force: bool) -> None:
    """Export the built-in ``name`` (or one block of it) and say where it went."""
    target = export_template(name, templates_dir, block, force)
    what = f"the block '{block}' of {name}" if block else name
    click.echo(f"Wrote {shown(target)}: {what}, ready to edit. Run briefgen build to see it.")


def builtin_names() -> list[str]:
    """Every built-in template and stylesheet of a pack (fonts are not templates, and the
    preview server's own pages are not part of a pack)."""
    return sorted(
        path.relative_to(THEME_DIR).as_posix()
        for path in THEME_DIR.rglob("*")
        if path.suffix in (".html", ".css") and not path.is_relative_to(PREVIEW_DIR)
    )


def list_templates(templates_dir: Path) -> list[Template]:
    env = jinja2.Environment()
    listed = []
    for name in builtin_names():
        source = (THEME_DIR / name).read_text(encoding="utf-8")
        blocks = tuple(block.name for block in env.parse(source).find_all(nodes.Block))
        override = templates_dir / name
        listed.append(
            Template(
                name=name,
                description=DESCRIPTIONS.get(name, ""),
                blocks=blocks,
                override=override if override.is_file() else None,
            )
        )
    return listed


def export_template(
    name: str, templates_dir: Path, block: str | None = None, force: bool = False
) -> Path:
    """Copy built-in ``name`` into ``templates_dir``; with ``block``, only that block.

    A one-block export extends the built-in, so the rest keeps following briefgen's
    updates.
    """
    name = _builtin(name)
    target = templates_dir / name
    refuse_links(templates_dir.parent, target)
    if target.exists() and not force:
        raise BriefgenError(
            f"{target} already exists, so it was left as it is.\n"
            "Edit that file, or add --force to replace it with a fresh copy of the built-in."
        )
    source = (THEME_DIR / name).read_text(encoding="utf-8")
    if block is None:
        text = source
    else:
        text = (
            f'{{% extends "builtin/{name}" %}}\n'
            f"{{#- Your version of the block '{block}' of the built-in {name}; "
            "the rest of the page is the built-in's. -#}\n"
            f"{_block_source(source, name, block)}\n"
        )
    write_in(templates_dir.parent, target, text.encode("utf-8"))
    return target


def _builtin(name: str) -> str:
    names = builtin_names()
    if name in names:
        return name
    by_file = [n for n in names if n.rsplit("/", 1)[-1] == name]
    if len(by_file) == 1:
        return by_file[0]
    raise BriefgenError(
        sentences(f"there is no built-in template '{name}'.", did_you_mean(name, names))
        + "\nRun `briefgen templates list` to see them."
    )


def _block_source(source: str, name: str, block: str) -> str:
    """The text of ``{% block NAME %}...{% endblock %}`` in ``source``, nesting respected."""
    depth, start = 0, None
    for tag in BLOCK_TAG.finditer(source):
        if tag.group(2) is not None:
            if start is None and tag.group(2) == block:
                start, depth = tag.start(), 0
            depth += 1
        else:
            depth -= 1
            if start is not None and depth == 0:
                return source[start : tag.end()]
    blocks = [tag.group(2) for tag in BLOCK_TAG.finditer(source) if tag.group(2)]
    raise BriefgenError(
        sentences(f"{name} has no block '{block}'.", did_you_mean(block, blocks))
        + f"\nIts blocks: {', '.join(blocks) or 'none'}."
    )
