"""The briefgen command line: parse options, run the command, turn errors into messages.

Kept thin on purpose; each command's work happens in commands/ and the stages it calls.
Nothing heavy is imported at start-up, so `briefgen --help` is instant.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import click

from briefgen import __version__
from briefgen.cli.authoring import add_source, export, find
from briefgen.cli.settings import Settings
from briefgen.commands.listing import KINDS
from briefgen.errors import BriefgenError, unexpected_failure
from briefgen.model import EDITIONS, FORMATS, PDF_VARIANTS
from briefgen.output.write import InterruptedAfterWriting
from briefgen.render.cite import STYLES, TEXT_STYLES


class BriefgenGroup(click.Group):
    """Reports unexpected failures as a short message; --debug shows the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except InterruptedAfterWriting:
            click.echo("Interrupted just after the new output was written in full.", err=True)
            sys.exit(130)
        except KeyboardInterrupt:
            click.echo("Interrupted; output/ was left as it was.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader stopped reading (`briefgen check --reading | head`): not a failure.
            # Python would report the pipe again when it flushes stdout at exit, so point
            # stdout at nothing first, as the Python documentation advises.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)  # as a shell reports a command a closed pipe stopped: 128 + SIGPIPE
        except Exception as error:
            if ctx.params.get("debug") or (ctx.obj and ctx.obj.debug):
                raise
            raise BriefgenError(unexpected_failure(error)) from error


@click.group(cls=BriefgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The project folder (with briefgen.yaml). Default: this folder or the nearest above.",
)
@click.option("--debug", is_flag=True, help="Show full tracebacks and detailed progress.")
@click.pass_context
def cli(ctx: click.Context, project: Path | None, debug: bool) -> None:
    """Turn curated sources and verified quotations into briefing packs (PDF and HTML)."""
    ctx.obj = Settings(project, debug)
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if debug:
        logging.getLogger("weasyprint").setLevel(logging.INFO)


out_option = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write packs here instead of the project's output/ folder.",
)
format_option = click.option(
    "--format",
    "output_formats",
    type=click.Choice([*FORMATS, "all"]),
    multiple=True,
    help="Build only PDFs, only web pages or only Word documents (docx); give it twice for "
    "two (--format pdf --format html); all: every one. "
    "Default: the formats each pack lists in briefgen.yaml.",
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    envvar="BRIEFGEN_JOBS",
    show_envvar=True,
    help="Lay out this many PDFs at once, in separate processes. Default: one per core.",
)


pdf_variant_option = click.option(
    "--pdf-variant",
    type=click.Choice(list(PDF_VARIANTS)),
    default=None,
    help="The PDF standard: pdf/ua-1 (tagged for screen readers) or an archival PDF/A. "
    "Default: `pdf: variant:` in briefgen.yaml, else pdf/ua-1.",
)


def _formats(output_formats: tuple[str, ...]) -> tuple[str, ...] | None:
    """The formats asked for, in briefgen's order; None (each pack's own) if none were."""
    if not output_formats:
        return None
    return tuple(kind for kind in FORMATS if kind in output_formats or "all" in output_formats)


@cli.command()
@click.argument("packs", nargs=-1)
@out_option
@format_option
@click.option(
    "--edition",
    type=click.Choice(EDITIONS),
    default=None,
    help="Build only the student edition (questions without answers) or only the teacher "
    "edition (with answer guidance and teaching notes). Default: the editions each pack lists.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Build every pack and lay out every PDF again, even if nothing has changed.",
)
@jobs_option
@pdf_variant_option
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@click.option("--verbose", "-v", is_flag=True, help="Also print every file written.")
@click.pass_obj
def build(
    settings: Settings,
    packs: tuple[str, ...],
    out: Path | None,
    output_formats: tuple[str, ...],
    edition: str | None,
    force: bool,
    jobs: int | None,
    pdf_variant: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Check the content, then build PACKS (default: every pack) into output/<pack>/.

    Each edition is a folder to hand over whole: output/<pack>/student/ and
    output/<pack>/teacher/, each with an index.html linking its files.

    A pack whose content, templates and settings are unchanged since its last build is
    skipped, and only the PDFs whose content changed are laid out again (--force redoes all).
    """
    from briefgen.commands.build import build as run_build
    from briefgen.commands.progress import ConsoleProgress, print_report, verbosity

    if quiet and verbose:
        raise click.UsageError("choose --quiet or --verbose, not both.")
    report = run_build(
        settings.root(),
        packs,
        out,
        _formats(output_formats),
        edition,
        force=force,
        jobs=jobs,
        progress=ConsoleProgress(verbosity(quiet, verbose)),
        pdf_variant=pdf_variant,
    )
    print_report(report, quiet)


@cli.command()
@click.argument("packs", nargs=-1)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to serve on; 0 picks a free one.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to serve on. Keep the default to serve this computer only.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the pack index in a browser.")
@out_option
@format_option
@jobs_option
@pdf_variant_option
@click.pass_obj
def serve(
    settings: Settings,
    packs: tuple[str, ...],
    port: int,
    host: str,
    open_browser: bool,
    out: Path | None,
    output_formats: tuple[str, ...],
    jobs: int | None,
    pdf_variant: str | None,
) -> None:
    """Build PACKS, serve them at http://127.0.0.1:8000/, and rebuild on every change.

    Watches content/, templates/ and briefgen.yaml; after each rebuild the open page
    reloads itself. If the content has an error, the terminal and the page say so, and
    the last good output stays served until it is fixed.
    """
    from briefgen.commands.serve import BuildRequest
    from briefgen.commands.serve import serve as run_serve

    formats = _formats(output_formats)
    request = BuildRequest(settings.root(), packs, out, formats, jobs, pdf_variant)
    run_serve(request, host, port, open_browser)


@cli.command()
@click.option(
    "--reading",
    is_flag=True,
    help="Also list how hard each text a student reads is to read, hardest first.",
)
@click.pass_obj
def check(settings: Settings, reading: bool) -> None:
    """Check the content: quotations word for word, every id and citation resolvable."""
    from briefgen.commands.check import check as run_check

    run_check(settings.root(), reading)


@cli.command(name="list")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON records.")
@click.option("--source", default=None, help="Quotes: only those from this source id.")
@click.option("--tag", default=None, help="Quotes: only those with this tag.")
@click.pass_obj
def list_command(
    settings: Settings, kind: str, as_json: bool, source: str | None, tag: str | None
) -> None:
    """List the sources, quotes, briefs or packs the project holds, with their ids."""
    from briefgen.commands.listing import print_list

    if (source or tag) and kind != "quotes":
        raise click.UsageError("--source and --tag apply to `briefgen list quotes` only.")
    print_list(settings.root(), kind, source, tag, as_json)


@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--format",
    "style",
    type=click.Choice(STYLES),
    default="apa",
    show_default=True,
    help="Citation style, or a file format for reference managers (BibTeX, CSL-JSON).",
)
@click.pass_obj
def cite(settings: Settings, sources: tuple[str, ...], style: str) -> None:
    """Print citations of SOURCES (default: every source), ready to paste.

    What a source does not state but the content infers (a date, a place) is given in
    [square brackets].
    """
    from briefgen.commands.cite import cite as run_cite

    run_cite(settings.root(), sources, style)


@cli.command()
@click.option("--source", default=None, help="Only quotations from this source id.")
@click.option("--tag", default=None, help="Only quotations with this tag.")
@click.option("--grep", default=None, help="Only quotations containing these words.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Plain text, Markdown (a block quotation), or JSON records.",
)
@click.option(
    "--style",
    type=click.Choice(TEXT_STYLES),
    default="apa",
    show_default=True,
    help="The citation style.",
)
@click.pass_obj
def quotes(
    settings: Settings,
    source: str | None,
    tag: str | None,
    grep: str | None,
    output_format: str,
    style: str,
) -> None:
    """Find checked quotations and print each with its citation, ready to paste."""
    from briefgen.commands.quotes import quotes as run_quotes

    run_quotes(settings.root(), source, tag, grep, output_format, style)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--force", is_flag=True, help="Overwrite briefgen.yaml, content/ and templates/README.md."
)
@click.option("--blank", is_flag=True, help="No bundled content: for your own topic.")
def init(folder: Path, force: bool, blank: bool) -> None:
    """Create a class project in FOLDER: settings, the bundled content, templates/.

    With --blank it has none of the bundled pack: start there for your own documents."""
    from briefgen.commands.init import init as run_init

    run_init(folder, force, blank)


@cli.group()
def templates() -> None:
    """See the built-in templates and copy one into templates/ to change it."""


@templates.command(name="list")
@click.pass_obj
def templates_list(settings: Settings) -> None:
    """List the built-in templates, their blocks, and which ones templates/ overrides."""
    from briefgen.commands.templates import print_templates

    print_templates(settings.root() / "templates")


@templates.command(name="export")
@click.argument("name")
@click.option("--block", default=None, help="Export only this block, extending the built-in.")
@click.option("--force", is_flag=True, help="Replace the file in templates/ if it exists.")
@click.pass_obj
def templates_export(settings: Settings, name: str, block: str | None, force: bool) -> None:
    """Copy the built-in template NAME into templates/ to edit (see `templates list`)."""
    from briefgen.commands.templates import export

    export(name, settings.root() / "templates", block, force)


for command in (add_source, find, export):
    cli.add_command(command)


def main() -> None:
    """Entry point of the `briefgen` console script."""
    signal.signal(signal.SIGTERM, _stop)
    cli(prog_name="briefgen")


def _stop(signum: int, frame: FrameType | None) -> None:
    """A polite kill (SIGTERM) stops a build like Ctrl-C does, cleaning up as it goes."""
    raise KeyboardInterrupt
