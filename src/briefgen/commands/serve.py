"""Preview packs in a browser while editing: build, serve output/, rebuild on change, reload.

The build runs in the main thread (so Ctrl-C during a rebuild leaves output/ whole, as in
`briefgen build`); the web server (preview.py) answers from its own threads. Until an error
is fixed the last good output stays served, with the error in a banner.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from briefgen.commands.build import BuildReport, build
from briefgen.commands.preview import start_server
from briefgen.commands.preview_pages import PreviewState
from briefgen.commands.progress import NORMAL, ConsoleProgress, print_warnings, shown
from briefgen.errors import Problems, terminal_safe, unexpected_failure
from briefgen.load.config import CONFIG_NAME, load_config
from briefgen.load.logo import LOGO_SUFFIXES
from briefgen.model import Config

log = logging.getLogger(__name__)


EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part")


@dataclass(frozen=True)
class BuildRequest:
    """What `briefgen serve` was asked to build, each time something changes."""

    root: Path
    packs: Sequence[str] = ()
    out: Path | None = None
    formats: Sequence[str] | None = None
    jobs: int | None = None
    pdf_variant: str | None = None


def serve(request: BuildRequest, host: str, port: int, open_browser: bool) -> None:
    """Build, serve, and rebuild on every change until Ctrl-C."""
    problems = Problems()
    config = load_config(request.root, problems)
    problems.raise_if_any("nothing can be served")
    assert config is not None
    output = request.out if request.out is not None else request.root / config.output_dir
    state = PreviewState(output, _listed_packs(config))
    server = start_server(state, host, port)
    url = f"http://{host}:{server.server_address[1]}/"
    try:
        changes = _changes(request.root, output)  # watching before the first build starts
        _rebuild(request, state, "Building")
        click.echo(f"Serving {shown(output)}/ at {url} (press Ctrl-C to stop)", color=False)
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        for changed in changes:
            _rebuild(request, state, f"Rebuilding: {changed} changed")
    except KeyboardInterrupt:
        click.echo("Stopped serving.")
    finally:
        server.shutdown()
        server.server_close()


def _rebuild(request: BuildRequest, state: PreviewState, why: str) -> BuildReport | None:
    """One build, in two steps when it makes both: the web pages first, so that open pages
    reload within a moment of a save, then the PDFs, whose viewers reload when they are
    ready. An error, even a bug, is shown in the terminal and the browser, not raised, so
    the preview keeps serving the last good output."""
    click.echo(f"{why}...")
    formats = request.formats
    pages_first = formats is None or {"html", "pdf"} <= set(formats)
    if pages_first:
        pages = _build(request, state, ("html",))
        if pages is None:
            return None
        state.finished_build(None, pdfs=False)
        click.echo(f"Web pages done in {pages.seconds:.1f} s; open pages reload. PDFs next...")
    report = _build(request, state, formats)
    if report is None:
        return None
    print_warnings(report.warnings)
    click.echo(f"Done in {report.seconds:.1f} s; open {'PDFs' if pages_first else 'pages'} reload.")
    config = load_config(request.root, Problems())  # packs may have been added or renamed
    if config is not None:
        state.packs = _listed_packs(config)
    state.finished_build(None, pages=not pages_first)
    return report


def _build(
    request: BuildRequest, state: PreviewState, formats: Sequence[str] | None
) -> BuildReport | None:
    try:
        return build(
            request.root,
            request.packs,
            request.out,
            formats,
            jobs=request.jobs,
            progress=ConsoleProgress(NORMAL),
            pdf_variant=request.pdf_variant,
        )
    except click.ClickException as error:  # content errors, and a pack renamed meanwhile
        _failed(state, error.format_message())
        return None
    except Exception as error:  # a bug, or a template that includes itself
        log.debug("the build failed unexpectedly", exc_info=True)
        _failed(state, unexpected_failure(error))
        return None


def _failed(state: PreviewState, message: str) -> None:
    """Say in the terminal and the page why the build failed; the last good output stays."""
    click.secho(f"Error: {terminal_safe(message)}", fg="red", err=True)
    built = state.output.is_dir() and any(state.output.iterdir())
    what = "the last good output" if built else "the pack index (nothing is built yet)"
    click.echo(f"Still serving {what}; fix the problem and save again.")
    state.finished_build(message)


def _listed_packs(config: Config) -> list[tuple[str, str, str]]:
    return [(pack.id, pack.title, pack.description) for pack in config.packs.values()]


def _changes(root: Path, output: Path) -> Iterator[str]:
    """Each time content/, templates/, briefgen.yaml or the logo changes: what changed.

    The watcher is running when this returns, so no change made after it is missed.
    """
    import watchfiles

    watched = _watched(root, output)
    batches = watchfiles.watch(
        root,
        watch_filter=lambda change, path: watched(Path(path)),
        step=100,
        rust_timeout=250,
        yield_on_timeout=True,  # so the first next() returns once the watcher is running
    )
    first = next(batches)

    def described() -> Iterator[str]:
        for batch in itertools.chain([first], batches):
            if not batch:
                continue
            # an editor's temporary files come and go within one save: name what remains
            names = sorted({shown(Path(path)) for _, path in batch if Path(path).exists()})
            names = names or sorted({shown(Path(path)) for _, path in batch})
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            yield ", ".join(names[:3]) + more

    return described()


def _watched(root: Path, output: Path) -> Callable[[Path], bool]:
    """Which changed paths call for a rebuild: the project's inputs, not output/ or caches."""
    root, output = root.resolve(), output.resolve()
    folders = (root / "content", root / "templates")

    def watched(path: Path) -> bool:
        if path.name.startswith((".", "#")) or path.name.endswith(EDITOR_LEFTOVERS):
            return False
        if path == root / CONFIG_NAME:
            return True
        if any(path.is_relative_to(folder) for folder in folders):
            return True
        # the logo may be anywhere in the project: any image outside output/ counts
        return path.suffix.lower() in LOGO_SUFFIXES and not (path.is_relative_to(output))

    return watched
