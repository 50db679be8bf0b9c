"""The error catalogue: every kind of bad input, the exact message users see, the exit code,
and output/ left byte for byte as the last good build made it, with no temporary files.

Each case starts from the mini project with a real build already in output/, breaks one
thing, and runs `briefgen build` (or the command the case names).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Run, copy_mini, invoke, snapshot

Setup = Callable[[Path, pytest.MonkeyPatch], None]

BRIEF = "content/briefs/ceasefire.md"
QUOTES = "content/quotations/quotes.yaml"
KABUL = "content/sources/kabul.yaml"
ISSI = "content/sources/issi.yaml"
CONFIG = "briefgen.yaml"
TEMPLATE = "templates/brief.html"
YAML_HINT = (
    "      Check the indentation, that each `key: value` has a colon and a space, and put text "
    "containing ': ' or starting with a quote, [, { or # in quotes.\n"
)
TEMPLATE_FIX = (
    "Undo your last change to templates/brief.html, or start again from the built-in version "
    "with `briefgen templates export brief.html --force`.\n"
)
NOTHING_BUILT_1 = "Error: found 1 problem; nothing was built:\n"


def edit(path: str, old: str, new: str) -> Setup:
    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(path: str, content: str | bytes) -> Setup:
    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / path).write_bytes(data)

    return apply


def template(block: str, body: str) -> Setup:
    """A project template overriding one block of the built-in brief."""
    return write(
        TEMPLATE,
        f'{{% extends "builtin/brief.html" %}}\n{{% block {block} %}}\n{body}\n{{% endblock %}}\n',
    )


def environment(name: str, value: str) -> Setup:
    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(name, value)

    return apply


def fail_writes(error_number: int) -> Setup:
    """The disk refuses to write the pack's files (full disk, no permission)."""

    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        write_bytes = Path.write_bytes

        def refuse(self: Path, data: bytes) -> int:
            if self.is_relative_to(root / "output"):
                raise OSError(error_number, os.strerror(error_number))
            return write_bytes(self, data)

        monkeypatch.setattr(Path, "write_bytes", refuse)

    return apply


def copy(path: str, to: str) -> Setup:
    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        shutil.copy(root / path, root / to)

    return apply


def link(path: str, target: str) -> Setup:
    """Make ``path`` a link to ``target`` (relative to the project's parent folder)."""

    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        outside = root.parent / target
        outside.parent.mkdir(parents=True, exist_ok=True)
        if not outside.exists():
            outside.write_text("a file outside the project", encoding="utf-8")
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).unlink(missing_ok=True)
        (root / path).symlink_to(outside)

    return apply


def pipe(path: str) -> Setup:
    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        os.mkfifo(root / path)

    return apply


def huge(path: str, size: int) -> Setup:
    def apply(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        with (root / path).open("wb") as file:
            file.truncate(size)  # sparse: takes no room on disk

    return apply


ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x]"]
    + [
        f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join([f'*{chr(97 + level)}'] * 9)}]"
        for level in range(8)
    ]
    + ["boom: *i", ""]
)


def outside_the_project(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root.parent)


def fail_weasyprint(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    def crash(self: object, *args: object, **kwargs: object) -> None:
        raise AssertionError("layout went wrong")

    monkeypatch.setattr(weasyprint.HTML, "render", crash)
    monkeypatch.setenv("BRIEFGEN_JOBS", "1")  # the patch reaches this process only


@dataclass(frozen=True)
class Case:
    id: str
    setups: tuple[Setup, ...]
    exit_code: int = 1
    args: tuple[str, ...] = ("build",)


CASES = [
    # YAML the reader cannot parse
    Case(
        "yaml-syntax",
        (edit(QUOTES, "note: Stability framed regionally.", "note: Stability: framed: ["),),
    ),
    Case(
        "yaml-unclosed-bracket",
        (edit(KABUL, "kind: chairman's statement", "kind: [chairman's statement"),),
    ),
    Case("yaml-tab-indent", (edit(CONFIG, "  paper: A4", "\tpaper: A4"),)),
    Case(
        "yaml-indent",
        (edit(KABUL, "  inferred: The statement", " inferred: The statement"),),
    ),
    Case(
        "yaml-duplicate-key",
        (edit(KABUL, "kind: chairman's statement", "kind: statement\nkind: chairman's statement"),),
    ),
    Case(
        "control-character",
        (edit(KABUL, "kind: chairman's statement", "kind: chairman\x1bs statement"),),
    ),
    Case("nested-too-deeply", (write("content/glossary.yaml", "[" * 400 + "]" * 400),)),
    Case("malformed-typed-value", (edit(KABUL, "kind: chairman's statement", "kind: 0x_"),)),
    Case("file-name-too-long", (edit(KABUL, "text: kabul.txt", "text: " + "x" * 300 + ".txt"),)),
    Case("not-utf8", (write(KABUL, b"title: Caf\xe9 talks\n"),)),
    Case("empty-source-yaml", (write(KABUL, ""),)),
    # Wrong types and shapes
    Case(
        "wrong-type-text",
        (
            edit(
                KABUL,
                "short_title: Kabul statement (2017)",
                "short_title: [Kabul, Process]",
            ),
        ),
    ),
    Case("wrong-type-list", (edit(CONFIG, "briefs: [ceasefire]", "briefs: {ceasefire: yes}"),)),
    Case("quotations-not-a-list", (write(QUOTES, "id: kabul-ceasefire\nsource: kabul\n"),)),
    # Missing and unknown fields
    Case("missing-field", (edit(QUOTES, "  locator: point 2\n", ""),)),
    Case(
        "missing-source-title",
        (
            edit(
                KABUL, "title: Statement of Kabul Process for Peace and Security Cooperation\n", ""
            ),
        ),
    ),
    Case("unknown-key", (edit(CONFIG, "  paper: A4", "  papr: A4"),)),
    Case(
        "unknown-key-front-matter",
        (edit(BRIEF, "editor: Alex Editor", "edtor: Alex Editor"),),
    ),
    # Ids that name nothing, or name twice
    Case(
        "unknown-quotation-id",
        (edit(BRIEF, "{{< quote kabul-stable >}}", "{{< quote kabul-stabel >}}"),),
    ),
    Case("unknown-source-in-citation", (edit(BRIEF, "[@issi, para. 2", "[@isi, para. 2"),)),
    Case(
        "unknown-source-in-quotation",
        (edit(QUOTES, "  source: issi\n", "  source: issy\n"),),
    ),
    Case(
        "unknown-brief-in-pack",
        (edit(CONFIG, "briefs: [ceasefire]", "briefs: [ceasfire]"),),
    ),
    Case(
        "duplicate-quotation-id",
        (edit(QUOTES, "- id: kabul-stable", "- id: kabul-ceasefire"),),
    ),
    # Dates
    Case("impossible-date", (edit(BRIEF, "date: 2024-03-05", "date: 2024-02-30"),)),
    Case("date-in-words", (edit(BRIEF, "date: 2024-03-05", "date: 5 March 2024"),)),
    Case("source-date-impossible", (edit(KABUL, "date: 2017-06-06", "date: 2017-06-31"),)),
    Case(
        "title-left-blank",
        (
            edit(
                KABUL,
                "title: Statement of Kabul Process for Peace and Security Cooperation",
                'title: "  "',
            ),
        ),
    ),
    Case(
        "authors-a-number",
        (
            edit(
                ISSI,
                "authors:\n  - name: Amina Khan\n    role: Senior Research Fellow",
                "authors: 7",
            ),
        ),
    ),
    # Theme settings
    Case("bad-colour", (edit(CONFIG, 'accent: "#7a1f3d"', 'accent: "#7a1f3"'),)),
    Case("colour-too-light", (edit(CONFIG, 'accent: "#7a1f3d"', 'accent: "#f0e68c"'),)),
    Case("bad-paper", (edit(CONFIG, "paper: A4", "paper: A3"),)),
    Case("unknown-font", (edit(CONFIG, "  paper: A4", "  paper: A4\n  font: Comic Sans"),)),
    Case(
        "missing-logo",
        (
            edit(
                CONFIG,
                "  short_name: Riverside School",
                "  short_name: Riverside School\n  logo: branding/crest.png",
            ),
        ),
    ),
    Case(
        "logo-path-escapes",
        (
            edit(
                CONFIG,
                "  short_name: Riverside School",
                "  short_name: Riverside School\n  logo: ../crest.png",
            ),
        ),
    ),
    Case(
        "logo-absolute-path",
        (
            edit(
                CONFIG,
                "  short_name: Riverside School",
                "  short_name: Riverside School\n  logo: /etc/passwd",
            ),
        ),
    ),
    Case(
        "source-text-path-escapes",
        (edit(KABUL, "text: kabul.txt", "text: ../../../etc/passwd"),),
    ),
    Case(
        "source-text-missing",
        (edit(KABUL, "text: kabul.txt", "text: kabul-statement.txt"),),
    ),
    # Markdown and front matter
    Case(
        "front-matter-unclosed",
        (edit(BRIEF, "---\n\n# The 2017 call", "\n# The 2017 call"),),
    ),
    Case("front-matter-missing", (edit(BRIEF, "---\ntitle: Two", "title: Two"),)),
    Case("front-matter-yaml", (edit(BRIEF, "editor: Alex Editor", "editor: Alex: Editor"),)),
    Case(
        "unknown-shortcode",
        (edit(BRIEF, "{{< quote kabul-ceasefire >}}", "{{< quote kabul-ceasefire pull >}}"),),
    ),
    Case(
        "image-in-brief",
        (edit(BRIEF, "# The 2018 offer", "![Map](../../etc/passwd)\n\n# The 2018 offer"),),
    ),
    Case(
        "file-link-in-brief",
        (
            edit(
                BRIEF, "# The 2018 offer", "See [the list](file:///etc/passwd).\n\n# The 2018 offer"
            ),
        ),
    ),
    # Quotations that are not word for word
    Case("misquotation", (edit(QUOTES, "on all the armed groups", "on every armed group"),)),
    Case(
        "misquoted-phrase-in-prose",
        (edit(BRIEF, 'the "best offer"', 'the "finest offer"'),),
    ),
    # Templates
    Case("template-syntax", (template("colophon", "<p>{{ brief.title }</p>"),)),
    Case("template-unknown-field", (template("colophon", "<p>{{ brief.titel }}</p>"),)),
    Case("template-unknown-name", (template("colophon", "<p>{{ isuer.name }}</p>"),)),
    Case(
        "template-missing-include",
        (template("colophon", '{% include "partials/crest.html" %}'),),
    ),
    Case(
        "template-reads-a-file",
        (template("colophon", "<p>{{ brief.body.location.path.read_text() }}</p>"),),
    ),
    Case(
        "template-python-internals",
        (template("colophon", "<p>{{ brief.__class__.__mro__ }}</p>"),),
    ),
    Case(
        "template-fetches-the-network",
        (template("colophon", '<img src="https://example.org/pixel.png" alt="">'),),
    ),
    Case(
        "template-image-outside",
        (template("colophon", '<img src="file:///etc/passwd" alt="">'),),
    ),
    Case(
        "template-attachment",
        (template("colophon", '<a rel="attachment" href="briefgen.yaml">config</a>'),),
    ),
    # A shared project that reaches outside itself, or would hang or exhaust briefgen
    Case("output-setting-outside", (edit(CONFIG, "packs:", "output: ../shared\npacks:"),)),
    Case("brief-linked-outside", (link(BRIEF, "elsewhere/secret.md"),)),
    Case("content-file-is-a-pipe", (pipe("content/quotations/more.yaml"),)),
    Case("content-file-too-big", (huge("content/quotations/more.yaml", 10_000_001),)),
    Case("yaml-alias-bomb", (write("content/quotations/more.yaml", ALIAS_BOMB),)),
    Case(
        "template-runaway-loop",
        (
            template(
                "colophon",
                "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
            ),
        ),
    ),
    Case("template-includes-itself", (template("colophon", '{% include "brief.html" %}'),)),
    Case(
        "paragraph-too-long",
        (edit(BRIEF, "# The 2018 offer", "[" * 30_000 + "\n\n# The 2018 offer"),),
    ),
    Case(
        "brief-named-like-the-companion",
        (
            copy(BRIEF, "content/briefs/companion.md"),
            edit(CONFIG, "briefs: [ceasefire]", "briefs: [ceasefire, companion]"),
        ),
        args=("check",),
    ),
    Case(
        "export-through-a-link",
        (link(TEMPLATE, "elsewhere/brief.html"),),
        args=("templates", "export", "brief.html", "--force"),
    ),
    # The command line and the machine
    Case("unknown-pack", (), exit_code=2, args=("build", "minni")),
    Case("unknown-option-value", (), exit_code=2, args=("build", "--format", "odt")),
    Case(
        "bad-source-date-epoch",
        (environment("SOURCE_DATE_EPOCH", "next tuesday"),),
        exit_code=2,
        args=("build",),
    ),
    Case(
        "foreign-files-in-output",
        (write("output/mini/lesson-plan.docx", "a teacher's own file"),),
    ),
    Case("outside-a-project", (outside_the_project,), exit_code=2),
    Case("out-under-a-file", (), args=("build", "--out", "briefgen.yaml/packs")),
    Case("disk-full", (fail_writes(errno.ENOSPC),)),
    Case("no-permission", (fail_writes(errno.EACCES),)),
    Case("weasyprint-fails", (fail_weasyprint,)),
]


# What users see for each case, line by line, exactly.
EXPECTED = {
    "yaml-syntax": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/quotations/quotes.yaml:14:18: this line holds a colon and a space (': ') where YAML expects none: the line is indented more than the one above it, or a value holds ': '.\n"
        '      Line the key up with the keys above it, or put the whole value in quotes: text: "...".\n'
    ),
    "yaml-unclosed-bracket": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:4:7: a list in [square brackets] is not closed, or an item in it holds a colon or a comma.\n"
        "      Close the list with ], and put any item with a colon or comma in quotes.\n"
    ),
    "yaml-tab-indent": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:8:1: YAML syntax error: a tab is used for indentation.\n"
        "      Indent with spaces only (most editors can turn tabs into spaces).\n"
    ),
    "yaml-indent": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:7:2: this line is indented differently from the lines above it.\n"
        "      Lines of one block start at the same column, and a block inside a `key:` is indented two spaces more. Compare this line with the lines above it.\n"
    ),
    "yaml-duplicate-key": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:4: 'kind' is given twice in the same block; the second would silently win.\n"
        "      Keep one of them.\n"
    ),
    "control-character": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:3: holds an invisible control character (U+001B), which YAML does not allow.\n"
        "      Such characters often come pasted from a PDF or a word processor; retype the line.\n"
    ),
    "nested-too-deeply": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/glossary.yaml: is nested too deeply to read (hundreds of levels of [ or {).\n"
        "      Check for brackets that are never closed.\n"
    ),
    "malformed-typed-value": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:3:7: the value '0x_' cannot be read as a whole number.\n"
        "      Put the value in quotes to make it plain text.\n"
    ),
    "file-name-too-long": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:9: the file name in `text` has a part longer than 255 bytes, which no file can be named.\n"
        "      Retype the file name.\n"
    ),
    "not-utf8": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:1: is not UTF-8 text: byte 10 (0xe9) is not valid UTF-8.\n"
        "      Save the file as UTF-8 in your editor (in Word or Notepad: Save As, Encoding: UTF-8).\n"
    ),
    "empty-source-yaml": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml: source 'kabul' is empty.\n"
        "      Fill in its `key: value` lines; content/README.md shows an example.\n"
    ),
    "wrong-type-text": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:2: `short_title` should be text, not a list.\n"
        "      Write it on the same line, `short_title: your text`; put it in quotes if it has ': '.\n"
    ),
    "wrong-type-list": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:13: `briefs` should be a list of text, not a block of keys.\n"
        "      Write it as a list: `briefs: [first, second]`, or one `- item` per line.\n"
    ),
    "quotations-not-a-list": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/quotations/quotes.yaml:1: a quotations file should be a list of quotations, each starting with `- id:`.\n"
        "      Start each quotation with `- id:` at the left edge and indent its other lines by two spaces.\n"
    ),
    "missing-field": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/quotations/quotes.yaml:10: quotation 'kabul-stable' is missing `locator`.\n"
        "      Add a line `locator: ...` to this block.\n"
    ),
    "missing-source-title": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:1: source 'kabul' is missing `title`.\n"
        "      Add a line `title: ...` to this block.\n"
    ),
    "unknown-key": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:8: `theme` has an unknown key `papr`.\n"
        "      Did you mean `paper`?\n"
    ),
    "unknown-key-front-matter": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:6: brief 'ceasefire' has an unknown key `edtor`.\n"
        "      Did you mean `editor`?\n"
    ),
    "unknown-quotation-id": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:16: {{< quote kabul-stabel >}} names no quotation. Did you mean 'kabul-stable'?\n"
        "      Quotation ids are the `id:` lines in content/quotations/.\n"
    ),
    "unknown-source-in-citation": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:22: [@isi] cites no source or quotation. Did you mean 'issi'?\n"
        "      Cite a source id (a file name in content/sources/) or a quotation id.\n"
    ),
    "unknown-source-in-quotation": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/quotations/quotes.yaml:16: quotation 'issi-in-return' names source 'issy', which does not exist. Did you mean 'issi'?\n"
        "      Sources are the .yaml files in content/sources/; use a file name without .yaml.\n"
    ),
    "unknown-brief-in-pack": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:11: pack 'mini' lists brief 'ceasfire', which does not exist. Did you mean 'ceasefire'?\n"
        "      Briefs are the .md files in content/briefs/; use a file name without .md.\n"
    ),
    "duplicate-quotation-id": (
        "Error: found 2 problems; nothing was built:\n"
        "  content/briefs/ceasefire.md:16: {{< quote kabul-stable >}} names no quotation.\n"
        "      Quotation ids are the `id:` lines in content/quotations/.\n"
        "  content/quotations/quotes.yaml:10: quotation id 'kabul-ceasefire' is already used at content/quotations/quotes.yaml:1.\n"
        "      Give each quotation its own id.\n"
    ),
    "impossible-date": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:7:7: '2024-02-30' is not a real date (day is out of range for month).\n"
        "      Write dates as YYYY-MM-DD.\n"
    ),
    "date-in-words": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:7: `date` should be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '5 March 2024'.\n"
        "      For example: 2017-06-06, or 2009 if only the year is known.\n"
    ),
    "source-date-impossible": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:8:7: '2017-06-31' is not a real date (day is out of range for month).\n"
        "      Write dates as YYYY-MM-DD.\n"
    ),
    "title-left-blank": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:1: source 'kabul' has nothing after `title:`.\n"
        "      Write its text after `title:`, on the same line.\n"
    ),
    "authors-a-number": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/issi.yaml:5: `authors` should be a list of text, not a number.\n"
        "      Write it as a list: `authors: [first, second]`, or one `- item` per line.\n"
    ),
    "bad-colour": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:9: `accent` should be a colour such as \"#1d4f73\", not '#7a1f3'.\n"
        '      Write it in quotes, with the #: accent: "#1d4f73"\n'
    ),
    "colour-too-light": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:9: the accent colour #f0e68c is too light to read on white: its contrast is 1.28:1 and text needs at least 4.5:1 (WCAG AA).\n"
        "      Choose a darker colour; #7a7547 is the same hue, dark enough.\n"
    ),
    "bad-paper": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:8: `paper` should be one of A4, letter, not 'A3'.\n"
        "      Write `paper: A4` or `paper: letter`.\n"
    ),
    "unknown-font": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:9: there is no shipped font 'Comic Sans'.\n"
        "      Fonts shipped with briefgen: Charis SIL, Noto Sans, Atkinson Hyperlegible.\n"
    ),
    "missing-logo": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:5: the logo file 'branding/crest.png' does not exist.\n"
        "      The path is read from the project folder: <project>.\n"
    ),
    "logo-path-escapes": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:5: the logo '../crest.png' must be named by its path inside the project.\n"
        "      Copy the image into the project (e.g. into a branding/ folder) and name it there.\n"
    ),
    "logo-absolute-path": (
        "Error: found 1 problem; nothing was built:\n"
        "  briefgen.yaml:5: the logo '/etc/passwd' must be named by its path inside the project.\n"
        "      Copy the image into the project (e.g. into a branding/ folder) and name it there.\n"
    ),
    "source-text-path-escapes": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:9: `text` must name a file in the same folder, not '../../../etc/passwd'.\n"
        "      Copy the file into this folder and give its name only.\n"
    ),
    "source-text-missing": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/sources/kabul.yaml:9: the source text 'kabul-statement.txt' is not in content/sources/.\n"
        "      Put the plain-text copy of the source beside this file, or correct the name.\n"
    ),
    "front-matter-unclosed": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:1: the front matter is never closed.\n"
        "      Add a line `---` after the title block fields, before the text of the brief.\n"
    ),
    "front-matter-missing": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:1: a brief must start with front matter: a line `---`, the title block fields, and another `---`.\n"
        "      See content/README.md for an example.\n"
    ),
    "front-matter-yaml": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:6:13: this line holds a colon and a space (': ') where YAML expects none: the line is indented more than the one above it, or a value holds ': '.\n"
        '      Line the key up with the keys above it, or put the whole value in quotes: text: "...".\n'
    ),
    "unknown-shortcode": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:18: this shortcode is not one briefgen knows: {{< quote kabul-ceasefire pull >}}\n"
        "      The shortcodes are {{< quote ID >}}, with the id of a quotation, and "
        "{{< figure ID >}}, with the id of a figure.\n"
    ),
    "image-in-brief": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:20: a brief cannot show images: ![Map](../../etc/passwd)\n"
        "      Briefs are words only; describe the image in words or put it in a template (the issuer's logo goes in briefgen.yaml as issuer.logo).\n"
    ),
    "file-link-in-brief": (
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:20: this link goes to a 'file:' address: [the list](file:///etc/passwd)\n"
        "      Links may go to web pages (https://...), email addresses (mailto:...) or places in the same page (#...), never to files.\n"
    ),
    "misquotation": (
        "Error: found 1 problem; nothing was built:\n"
        '  content/quotations/quotes.yaml:1: quotation \'kabul-ceasefire\' is not word for word in source \'kabul\': at word 5 the quotation has "every" where the source has "all the". The source reads: "The participants called on all the armed groups to agree to a ceasefire and start peace talks with the Afghan Government immediately."\n'
        "      Copy the passage exactly from kabul.txt; mark cuts with ... and your own words in [square brackets].\n"
    ),
    "misquoted-phrase-in-prose": (
        "Error: found 1 problem; nothing was built:\n"
        '  content/briefs/ceasefire.md:22: "finest offer" is in quotation marks but is not word for word in the sources this brief cites.\n'
        "      Copy the words exactly, or use {{< quote ID >}} for a checked quotation. If the marks are not a quotation (a title, a so-called term), use italics instead.\n"
    ),
    "template-syntax": (
        "Error: templates/brief.html:3: template syntax error: unexpected '}'.\n"
        "Check that every {{ has its }}, every {% its %}, and every block, if and for its end tag.\n"
        "Undo your last change to templates/brief.html, or start again from the built-in version with `briefgen templates export brief.html --force`.\n"
    ),
    "template-unknown-field": (
        "Error: templates/brief.html:3: the template uses something that does not exist: a Brief has no field 'titel'. Did you mean 'title'?\n"
        "Undo your last change to templates/brief.html, or start again from the built-in version with `briefgen templates export brief.html --force`.\n"
    ),
    "template-unknown-name": (
        "Error: templates/brief.html:3: the template uses 'isuer', which it is not given. Did you mean 'issuer'?\n"
        "Values this template is given: body, brief, disclaimer, endnotes, fonts, issuer, language, lead, modified, sources, target, theme, withholding.\n"
        "Undo your last change to templates/brief.html, or start again from the built-in version with `briefgen templates export brief.html --force`.\n"
    ),
    "template-missing-include": (
        "Error: templates/brief.html:3: template 'partials/crest.html' was not found in templates/ or the built-ins.\n"
        "See the template names with `briefgen templates list`.\n"
        "Undo your last change to templates/brief.html, or start again from the built-in version with `briefgen templates export brief.html --force`.\n"
    ),
    "template-reads-a-file": (
        "Error: templates/brief.html:3: the template tried something templates may not do: access to attribute 'location' of 'Prose' object is unsafe.\n"
        "Templates can show the values briefgen gives them; they cannot read files or use Python internals.\n"
        "Undo your last change to templates/brief.html, or start again from the built-in version with `briefgen templates export brief.html --force`.\n"
    ),
    "template-python-internals": (
        "Error: templates/brief.html:3: the template tried something templates may not do: access to attribute '__class__' of 'Brief' object is unsafe.\n"
        "Templates can show the values briefgen gives them; they cannot read files or use Python internals.\n"
        "Undo your last change to templates/brief.html, or start again from the built-in version with `briefgen templates export brief.html --force`.\n"
    ),
    "template-fetches-the-network": (
        "Error: cannot make mini/brief.pdf: the templates or content ask for files briefgen will not use:\n"
        "  https://example.org/pixel.png: briefgen never fetches from the network; use a file in the project.\n"
    ),
    "template-image-outside": (
        "Error: cannot make mini/brief.pdf: the templates or content ask for files briefgen will not use:\n"
        "  file:///etc/passwd: it is outside the project; copy the file into the project.\n"
    ),
    "template-attachment": (
        'Error: cannot make mini/brief.pdf: the templates ask for a file to be attached to the PDF (rel="attachment"), which briefgen does not allow.\n'
        'Remove rel="attachment" from the templates; link to the file instead.\n'
    ),
    "output-setting-outside": (
        NOTHING_BUILT_1
        + "  briefgen.yaml:10: `output` must name a folder inside the project, such as `output` or `build/packs`, not '../shared'.\n"
        "      A project's settings may not write outside it; to write the packs elsewhere, use --out on the command line.\n"
    ),
    "brief-linked-outside": (
        NOTHING_BUILT_1
        + "  content/briefs/ceasefire.md: 'ceasefire.md' is a link to <folder>/elsewhere/secret.md, outside the project's content/ folder.\n"
        "      Replace the link with a copy of the file.\n"
    ),
    "content-file-is-a-pipe": (
        NOTHING_BUILT_1
        + "  content/quotations/more.yaml: is not a regular file (it is a named pipe); briefgen reads content only from ordinary files.\n"
        "      Replace it with an ordinary file, or remove it.\n"
    ),
    "content-file-too-big": (
        NOTHING_BUILT_1
        + "  content/quotations/more.yaml: is 10.1 MB, more than the 10 MB briefgen reads from one file.\n"
        "      Check that it is the right file: real briefs, source texts and YAML files are far smaller.\n"
    ),
    "yaml-alias-bomb": (
        NOTHING_BUILT_1
        + "  content/quotations/more.yaml:7: uses aliases (*f) that expand to more than 1,000,000 values.\n"
        "      Write the values out instead of repeating them with & and *.\n"
    ),
    "template-runaway-loop": (
        "Error: templates/brief.html:3: the template did more than 10,000,000 steps (loop turns and calls).\n"
        "Templates lay out the content; they need no loop of millions of turns or text of millions of characters.\n"
        "Undo your last change to templates/brief.html, or start again from the built-in version with `briefgen templates export brief.html --force`.\n"
    ),
    "template-includes-itself": (
        "Error: templates/brief.html:3: the template includes, extends or calls itself without end, so nothing was built.\n"
        "Undo your last change to templates/, or run `briefgen templates list` to see which templates the project overrides.\n"
    ),
    "paragraph-too-long": (
        NOTHING_BUILT_1
        + f"  content/briefs/ceasefire.md:20: this paragraph is 30,000 characters long; a paragraph may have 20,000: {'[' * 60}\n"
        "      Break it into paragraphs with blank lines between them; a paragraph read in class is a few hundred words.\n"
    ),
    "brief-named-like-the-companion": (
        "Error: found 1 problem:\n"
        "  briefgen.yaml:13: the brief 'companion' would be written as companion.html, a name another file of pack 'mini' has.\n"
        "      Rename content/briefs/companion.md (to companion-brief.md, say) and list it by its new name.\n"
    ),
    "export-through-a-link": (
        "Error: templates/brief.html is a link (to <folder>/elsewhere/brief.html), and briefgen never writes through a link, so nothing was written.\n"
        "Delete the link, or replace it with a real file or folder, and run the command again.\n"
    ),
    "unknown-pack": (
        "Usage: briefgen build [OPTIONS] [PACKS]...\n"
        "Try 'briefgen build --help' for help.\n"
        "\n"
        "Error: there is no pack 'minni' in briefgen.yaml. Did you mean 'mini'? Packs: mini.\n"
    ),
    "unknown-option-value": (
        "Usage: briefgen build [OPTIONS] [PACKS]...\n"
        "Try 'briefgen build --help' for help.\n"
        "\n"
        "Error: Invalid value for '--format': 'odt' is not one of 'pdf', 'html', 'docx', 'all'.\n"
    ),
    "bad-source-date-epoch": (
        "Usage: briefgen build [OPTIONS] [PACKS]...\n"
        "Try 'briefgen build --help' for help.\n"
        "\n"
        "Error: SOURCE_DATE_EPOCH is 'next tuesday', which is not a time in seconds since 1970 (such as 1709596800). Set it to a whole number, or unset it.\n"
    ),
    "foreign-files-in-output": (
        "Error: output/mini holds files briefgen did not make (lesson-plan.docx), so it will not replace it.\n"
        "Choose another output folder with --out, or move those files away.\n"
    ),
    "outside-a-project": (
        "Error: no briefgen.yaml in <folder> or any folder above it.\n"
        "Run briefgen inside a briefgen project (a folder with briefgen.yaml), or pass --project DIR; `briefgen init DIR` makes a new project.\n"
    ),
    "out-under-a-file": (
        "Error: cannot write to briefgen.yaml/packs: part of that path is a file, not a folder.\n"
        "Choose another output folder with --out.\n"
    ),
    "disk-full": (
        "Error: cannot write to output/mini: the disk is full.\n"
        "Free some space (or choose another folder with --out) and build again; the previous output was left as it was.\n"
    ),
    "no-permission": (
        "Error: cannot write to output/mini: you do not have permission to write there.\n"
        "Choose a folder you can write to with --out, or ask for write access; the previous output was left as it was.\n"
    ),
    "weasyprint-fails": (
        "Error: cannot make mini/brief.pdf: the PDF engine (WeasyPrint) failed: AssertionError: layout went wrong\n"
        "If you changed the templates or CSS, undo the last change and try again; run with --debug for details.\n"
    ),
}


@pytest.fixture(scope="session")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project's output/ from one real build, copied into each case."""
    root = copy_mini(tmp_path_factory.mktemp("first") / "mini")
    result = invoke("--project", str(root), "build")
    assert result.exit_code == 0, result.output
    return root / "output"


PROGRESS_LINE = re.compile(r"^Laid out .* \[\d+/\d+, \d+\.\d s\]\n", re.MULTILINE)


# The cases whose build lays out PDFs before it fails; the others stop at the check.
LAID_OUT = {
    "template-fetches-the-network",
    "template-image-outside",
    "template-attachment",
    "foreign-files-in-output",
    "out-under-a-file",
    "disk-full",
    "no-permission",
    "weasyprint-fails",
}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.id, marks=pytest.mark.pdf if case.id in LAID_OUT else ())
        for case in CASES
    ],
)
def test_bad_input(
    case: Case, mini: Path, run: Run, first_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(first_build, mini / "output")
    for setup in case.setups:
        setup(mini, monkeypatch)
    before = snapshot(mini / "output")
    result = run(*case.args)
    shown = PROGRESS_LINE.sub("", result.output)  # a build shows progress before it fails
    shown = shown.replace(str(mini.resolve()), "<project>")
    shown = shown.replace(str(mini.parent.resolve()), "<folder>")
    assert result.exit_code == case.exit_code, shown
    assert shown == EXPECTED[case.id]
    assert snapshot(mini / "output") == before, "a failed build changed output/"
    assert sorted(p.name for p in (mini / "output").iterdir()) == ["mini"], "temporary files left"


def test_every_case_has_its_expected_message() -> None:
    assert [case.id for case in CASES] == list(EXPECTED)
    assert len(CASES) >= 30
