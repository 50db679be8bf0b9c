"""Load briefgen.yaml: the issuer, theme, language and packs of a project."""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import partial
from pathlib import Path

from briefgen.errors import Problems, ProjectNotFound, UsageError
from briefgen.load.colours import MIN_CONTRAST, contrast_with_white, darken_to_contrast
from briefgen.load.fields import (
    EXTRA,
    FIRST,
    ID,
    Block,
    Custom,
    Flag,
    Form,
    Part,
    Text,
    Texts,
    Values,
)
from briefgen.load.fonts import FAMILIES, find_family
from briefgen.load.levels import read_reading_level
from briefgen.load.logo import read_logo
from briefgen.load.reading import file_name_problem, relative_file_name, stays_inside
from briefgen.load.records import Record
from briefgen.load.yamlfile import UNREADABLE, read_yaml_file
from briefgen.model import (
    COMPANION_SECTIONS,
    DATE_STYLES,
    DEFAULT_FORMATS,
    DEFAULT_PDF_VARIANT,
    EDITIONS,
    FORMATS,
    PAPER_SIZES,
    PDF_VARIANTS,
    Config,
    Issuer,
    Location,
    Pack,
    Theme,
)
from briefgen.words import did_you_mean

CONFIG_NAME = "briefgen.yaml"
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
        "or pass --project DIR; `briefgen init DIR` makes a new project."
    )


def load_config(root: Path, problems: Problems) -> Config | None:
    """Read ``root/briefgen.yaml``; problems are collected, None if it cannot be used."""
    path = root / CONFIG_NAME
    if not stays_inside(path, root, problems, outside="the project folder"):
        return None
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
    return CONFIG.read(record, root=root, path=path)


def read_language(config: Record, key: str) -> str:
    """`language: en-GB`: the language the packs are written in, as a BCP 47 tag."""
    language = config.text(key, required=False) or "en"
    if not LANGUAGE_TAG.match(language):
        config.report(
            key,
            f"`language` should be a language tag such as en, en-GB or fr, not '{language}'.",
        )
        language = "en"
    return language


def read_date_style(config: Record, key: str) -> str:
    """`date_style: day-month`: how every date of a pack is written, one style throughout."""
    style = config.text(key, required=False) or "day-month"
    if style not in DATE_STYLES:
        config.report(
            key,
            f"`date_style` should be one of {', '.join(DATE_STYLES)}, not '{style}'.",
            'day-month writes "9 March 2018", month-day "March 9, 2018" and issue-brief '
            '"March 09, 2018", as the ISSI Issue Brief does.',
        )
        return "day-month"
    return style


def read_output(config: Record, key: str, root: Path) -> Path:
    """`output: DIR`: where packs are written, a folder inside the project.

    A shared project's settings must never send output (which replaces folders) outside
    it, nor into the folders it is built from; `--out` on the command line may go anywhere.
    """
    setting = config.text(key, required=False) or "output"
    relative = relative_file_name(setting) if file_name_problem(setting) is None else None
    project = root.resolve()
    resolved = (project / relative).resolve() if relative is not None else None
    sources = [(project / name).resolve() for name in ("content", "templates")]
    if resolved is None or not resolved.is_relative_to(project) or resolved == project:
        config.report(
            key,
            f"`output` must name a folder inside the project, such as `output` or "
            f"`build/packs`, not '{setting}'.",
            "A project's settings may not write outside it; to write the packs elsewhere, "
            "use --out on the command line.",
        )
        return Path("output")
    if any(resolved.is_relative_to(folder) for folder in sources):
        config.report(
            key,
            f"`output` cannot be '{setting}': the packs would be written among the content "
            "and templates they are built from.",
            "Use a folder of its own, such as `output`.",
        )
        return Path("output")
    return Path(setting)


def _templates_stay_inside(config: Record, values: Values) -> bool:
    """templates/ may hold links between its own files, but may not itself lead outside."""
    root = values["root"]
    stays_inside(root / "templates", root, config.problems, outside="the project folder")
    return True


CITATION_STYLES = ("apa", "chicago", "mla")


def read_citation_style(config: Record, key: str) -> str:
    """`citations: {style: apa}`: the style of each brief's list of sources."""
    record = config.mapping(key)
    if record is None:
        return "apa"
    record.reject_unknown(["style"])
    style = (record.text("style", required=False) or "apa").lower()
    if style not in CITATION_STYLES:
        record.report(
            "style",
            f"`style` should be one of {', '.join(CITATION_STYLES)}, not '{style}'.",
            "apa is APA 7; chicago is the Chicago bibliography; mla is MLA 9.",
        )
        return "apa"
    return style


def read_pdf_variant(config: Record, key: str) -> str:
    """`pdf: {variant: pdf/ua-1}`: which standard the PDFs follow."""
    record = config.mapping(key)
    if record is None:
        return DEFAULT_PDF_VARIANT
    record.reject_unknown(["variant"])
    variant = record.text("variant", required=False) or DEFAULT_PDF_VARIANT
    if variant.lower() not in PDF_VARIANTS:
        hint = did_you_mean(variant.lower(), PDF_VARIANTS)
        record.report(
            "variant",
            f"`variant` should be one of {', '.join(PDF_VARIANTS)}, not '{variant}'."
            + (f" {hint}" if hint else ""),
            "pdf/ua-1 makes PDFs screen readers can follow; pdf/a-2a also suits archiving.",
        )
        return DEFAULT_PDF_VARIANT
    return variant.lower()


def read_paper(theme: Record, key: str) -> str:
    paper = theme.text(key, required=False) or DEFAULT_THEME.paper
    matching = [size for size in PAPER_SIZES if size.lower() == paper.lower()]
    if not matching:
        theme.report(
            key,
            f"`paper` should be one of {', '.join(PAPER_SIZES)}, not '{paper}'.",
            "Write `paper: A4` or `paper: letter`.",
        )
    return matching[0] if matching else DEFAULT_THEME.paper


def read_accent(theme: Record, key: str) -> str:
    accent = theme.text(key, required=False) or DEFAULT_THEME.accent
    if not HEX_COLOUR.match(accent):
        theme.report(
            key,
            f"`accent` should be a colour such as \"#1d4f73\", not '{accent}'.",
            'Write it in quotes, with the #: accent: "#1d4f73"',
        )
        return DEFAULT_THEME.accent
    if (ratio := contrast_with_white(accent)) < MIN_CONTRAST:
        theme.report(
            key,
            f"the accent colour {accent} is too light to read on white: its contrast is "
            f"{ratio:.2f}:1 and text needs at least {MIN_CONTRAST}:1 (WCAG AA).",
            f"Choose a darker colour; {darken_to_contrast(accent)} is the same hue, dark enough.",
        )
        return DEFAULT_THEME.accent
    return accent


def read_fonts(theme: Record, key: str) -> tuple[str, str]:
    """`font: Name` sets the body text; `font: {body: Name, headings: Name}` sets both."""
    choices = f"Fonts shipped with briefgen: {', '.join(FAMILIES)}."
    default = DEFAULT_THEME.body_font, DEFAULT_THEME.heading_font
    value = theme.data.get(key)
    if value is None:
        return default
    if isinstance(value, str):
        wanted = {"body": value}
        where = theme
    else:
        record = theme.mapping(key)
        if record is None:
            return default
        record.what = "`font`"
        record.reject_unknown(["body", "headings"])
        wanted = {role: text for role in ("body", "headings") if (text := record.text(role, False))}
        where = record
    chosen = {"body": default[0], "headings": default[1]}
    for role, name in wanted.items():
        family = find_family(name)
        if family is None:
            where.report(
                key if where is theme else role, f"there is no shipped font '{name}'.", choices
            )
        else:
            chosen[role] = family.name
    return chosen["body"], chosen["headings"]


def read_choices(
    pack: Record, key: str, allowed: tuple[str, ...], default: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """A list setting whose items come from ``allowed``; when it is not given, ``default``
    (all of them unless told)."""
    given = pack.texts(key)
    for item in given:
        if item not in allowed:
            hint = did_you_mean(item, allowed)
            pack.report(
                key,
                f"unknown {key[:-1]} '{item}' in {pack.what}.",
                f"{hint + ' ' if hint else ''}Use {', '.join(allowed)}.",
            )
    chosen = tuple(item for item in allowed if item in given)  # in the canonical order
    if key in pack.data and not given and pack.data[key] is not None:
        pack.report(key, f"`{key}` lists nothing.", f"List some of: {', '.join(allowed)}.")
    return chosen or (allowed if default is None else default)


def read_handouts(pack: Record, key: str) -> tuple[str, ...] | None:
    """`handouts`: source ids; `all` (the default) for every source; `none` for no handouts."""
    value = pack.data.get(key)
    if value is None or value == "all":
        return None
    if value is False or value == "none" or value == []:
        return ()
    return pack.texts(key)


def read_packs(config: Record, key: str) -> dict[str, Pack]:
    """`packs`: a block for each pack, under the name of the folder it is written to."""
    record = config.mapping(key, required=True)
    if record is None:
        return {}
    packs: dict[str, Pack] = {}
    for pack_id in record.data:
        location = record.location_of(str(pack_id))
        if not isinstance(pack_id, str) or not ID.match(pack_id):
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
        found = PACK.read(pack, id=pack_id, location=location)
        if found is not None:  # always: a pack's settings all have defaults
            packs[pack_id] = found
    if not packs and not record.problems:
        record.report(key, "`packs` lists no packs, so there is nothing to build.")
    return packs


# What the files of an edition are called besides the briefs after the first, which are
# written under their own ids: a brief with one of these ids would overwrite that file.
OUTPUT_NAMES = ("brief", "companion", "worksheet", "index")
HANDOUT_PREFIX = "handout-"


def read_pack_briefs(pack: Record, key: str) -> tuple[str, ...]:
    """The pack's briefs, each once, with ids that give each its own output files."""
    briefs = pack.texts(key, required=True)
    for brief_id in {brief for brief in briefs if briefs.count(brief) > 1}:
        pack.report(key, f"{pack.what} lists the brief '{brief_id}' twice.", "List it once.")
    for brief_id in briefs[1:]:
        if brief_id in OUTPUT_NAMES or brief_id.startswith(HANDOUT_PREFIX):
            pack.report(
                key,
                f"the brief '{brief_id}' would be written as {brief_id}.html, a name another "
                f"file of {pack.what} has.",
                f"Rename content/briefs/{brief_id}.md (to {brief_id}-brief.md, say) and list "
                "it by its new name.",
            )
    return tuple(dict.fromkeys(briefs))


DEFAULT_THEME = Theme()
THEME = Form(
    Theme,
    Custom("paper", read_paper),
    Custom("accent", read_accent),
    Custom("font", read_fonts, attr=("body_font", "heading_font")),
)
ISSUER = Form(
    Issuer,
    Text("name", required=True),
    Text("short_name", step=EXTRA),
    Texts("contact", step=EXTRA),
    Custom("logo", read_logo, needs=("root", "name"), step=EXTRA),
    Part("logo_alt", of="logo"),
    blank_ok=True,
)
# The keys of a pack in the order content/README.md gives them; `formats` is read first,
# the order its problems are reported in.
PACK = Form(
    Pack,
    Text("title", required=True, default_from="id"),
    Text("description", default=""),
    Custom("briefs", read_pack_briefs, required=True),
    Custom("formats", partial(read_choices, allowed=FORMATS, default=DEFAULT_FORMATS), step=FIRST),
    Flag("companion", default=True),
    Custom("editions", partial(read_choices, allowed=EDITIONS)),
    Custom("sections", partial(read_choices, allowed=COMPANION_SECTIONS)),
    Custom("handouts", read_handouts),
    given=("id", "location"),
    blank_ok=True,
)
CONFIG = Form(
    Config,
    Custom("language", read_language),
    Block("issuer", ISSUER, required=True, needs=("root",)),
    Block("theme", THEME, default=DEFAULT_THEME),
    Custom("pdf", read_pdf_variant, attr="pdf_variant"),
    Custom("citations", read_citation_style, attr="citation_style"),
    Custom("reading_level", read_reading_level),
    Custom("date_style", read_date_style),
    Custom("packs", read_packs, required=True),
    Custom("output", read_output, attr="output_dir", needs=("root",)),
    given=("root", "path"),
    blank_ok=True,
    check=_templates_stay_inside,
)


def source_date_epoch() -> str | None:
    """SOURCE_DATE_EPOCH (the Reproducible Builds convention) as a W3C date-time, if set.

    briefgen never writes the clock into a pack, so the same content always gives the same
    bytes; this lets a packager stamp a fixed build time as the documents' modified date.
    """
    setting = os.environ.get("SOURCE_DATE_EPOCH")
    if setting is None or not setting.strip():
        return None
    try:
        moment = dt.datetime.fromtimestamp(int(setting), dt.UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise UsageError(
            f"SOURCE_DATE_EPOCH is '{setting}', which is not a time in seconds since 1970 "
            "(such as 1709596800). Set it to a whole number, or unset it."
        ) from error
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
