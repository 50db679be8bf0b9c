"""Load briefgen.yaml: the issuer, theme, language and packs of a project."""

from __future__ import annotations

import re
from pathlib import Path

from briefgen.errors import Problems, ProjectNotFound
from briefgen.model import FORMATS, PAPER_SIZES, Config, Issuer, Location, Pack, Theme
from briefgen.yamlfile import UNREADABLE, Record, read_yaml_file

CONFIG_NAME = "briefgen.yaml"
PACK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding briefgen.yaml (as git finds .git)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ProjectNotFound(
        f"no {CONFIG_NAME} in {start} or any folder above it.\n"
        f"Run briefgen inside a briefgen project (a folder with {CONFIG_NAME}), "
        "or pass --project DIR."
    )


def load_config(root: Path, problems: Problems) -> Config | None:
    """Read ``root/briefgen.yaml``; problems are collected, None if it cannot be used."""
    path = root / CONFIG_NAME
    data = read_yaml_file(path, problems)
    if data is UNREADABLE:
        return None
    if data is None:
        problems.add(
            Location(path),
            f"{CONFIG_NAME} is empty.",
            "It needs at least an `issuer:` block and a `packs:` block.",
        )
        return None
    record = Record.of(data, path, problems, CONFIG_NAME)
    if record is None:
        return None
    record.reject_unknown(["language", "issuer", "theme", "packs", "output"])

    language = record.text("language", required=False) or "en"
    if not LANGUAGE_TAG.match(language):
        record.report(
            "language",
            f"`language` should be a language tag such as en, en-GB or fr, not '{language}'.",
        )
        language = "en"

    issuer = _read_issuer(record)
    theme = _read_theme(record)
    packs = _read_packs(record)
    output = record.text("output", required=False) or "output"
    if issuer is None:
        return None
    return Config(
        root=root,
        path=path,
        issuer=issuer,
        packs=packs,
        language=language,
        theme=theme,
        output_dir=Path(output),
    )


def _read_issuer(config: Record) -> Issuer | None:
    record = config.mapping("issuer", required=True)
    if record is None:
        return None
    record.reject_unknown(["name", "short_name", "contact"])
    name = record.text("name")
    if name is None:
        return None
    return Issuer(
        name=name,
        short_name=record.text("short_name", required=False),
        contact=record.texts("contact"),
    )


def _read_theme(config: Record) -> Theme:
    record = config.mapping("theme")
    if record is None:
        return Theme()
    record.reject_unknown(["paper", "accent"])
    theme = Theme()
    paper = record.text("paper", required=False) or theme.paper
    matching = [size for size in PAPER_SIZES if size.lower() == paper.lower()]
    if not matching:
        record.report("paper", f"`paper` should be one of {', '.join(PAPER_SIZES)}, not '{paper}'.")
    accent = record.text("accent", required=False) or theme.accent
    if not HEX_COLOUR.match(accent):
        record.report(
            "accent",
            f"`accent` should be a colour such as \"#1d4f73\", not '{accent}'.",
            'Write it in quotes, with the #: accent: "#1d4f73"',
        )
        accent = theme.accent
    return Theme(paper=matching[0] if matching else theme.paper, accent=accent)


def _read_packs(config: Record) -> dict[str, Pack]:
    record = config.mapping("packs", required=True)
    if record is None:
        return {}
    packs: dict[str, Pack] = {}
    for pack_id in record.data:
        location = record.location_of(str(pack_id))
        if not isinstance(pack_id, str) or not PACK_ID.match(pack_id):
            record.report(
                str(pack_id),
                f"pack name '{pack_id}' cannot be used as a folder name.",
                "Use letters, digits, - and _ only, e.g. peace-process.",
            )
            continue
        pack = record.mapping(pack_id)
        if pack is None:
            continue
        pack.what = f"pack '{pack_id}'"
        pack.reject_unknown(["title", "description", "briefs", "formats", "companion"])
        formats = pack.texts("formats") or FORMATS
        for fmt in formats:
            if fmt not in FORMATS:
                pack.report(
                    "formats",
                    f"unknown format '{fmt}' in pack '{pack_id}'.",
                    f"Use {' and/or '.join(FORMATS)}.",
                )
        packs[pack_id] = Pack(
            id=pack_id,
            title=pack.text("title") or pack_id,
            description=pack.text("description", required=False) or "",
            briefs=pack.texts("briefs", required=True),
            companion=pack.flag("companion", default=True),
            formats=tuple(fmt for fmt in formats if fmt in FORMATS),
            location=location,
        )
    if not packs and not record.problems:
        record.report("packs", "`packs` lists no packs, so there is nothing to build.")
    return packs
