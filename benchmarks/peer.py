"""Figure 13: briefgen against the tool a teacher would use instead, side by side.

That tool is pandoc with WeasyPrint as its PDF engine (`pandoc --pdf-engine=weasyprint`),
given the same text. Five copies of the bundled brief are made into PDFs:

- briefgen: one pack of the five briefs, PDF only, one edition, no companion, from a cold
  cache, with `--jobs 2` and with `--jobs 1`;
- pandoc (the pypandoc-binary wheel's, with this venv's WeasyPrint): the brief's web page
  turned into Markdown once (so its quotations and citations are spelled out), then each
  of the five made into a PDF with pandoc's own HTML and a small print stylesheet, one
  after another and two at a time.

Rounds are interleaved, so a burst of other work on the machine hits every side alike.
Then, per PDF, where WeasyPrint's time goes on each of the bundled pack's documents.

    .venv/bin/python benchmarks/peer.py [--repeat N]     # this figure alone
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BRIEF = "peace-process-framings"
COPIES = 5
PACK = "five-briefs"
PRINT_CSS = """\
@page { size: A4; margin: 2cm; }
body { font-family: serif; font-size: 11pt; line-height: 1.4; max-width: none; }
img { max-width: 100%; }
blockquote { margin-left: 1.5em; }
"""


@dataclass
class Peer:
    """The two sides' inputs, in a temporary folder."""

    folder: Path
    project: Path  # a briefgen project with one pack of the five briefs
    markdown: list[Path] = field(default_factory=list)  # the same five, for pandoc
    css: Path = Path()

    @property
    def pandoc(self) -> str:
        import pypandoc

        return str(pypandoc.get_pandoc_path())

    @property
    def weasyprint(self) -> str:
        return str(Path(sys.executable).with_name("weasyprint"))


def as_installed() -> None:
    """Let the Python processes measured keep their compiled bytecode, as an installed
    briefgen and WeasyPrint do: with PYTHONDONTWRITEBYTECODE set (some sandboxes set it),
    every briefgen run compiled its own modules again, about 0.06 s of each."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def make_peer(folder: Path) -> Peer:
    """Five copies of the bundled brief, as a briefgen pack and as Markdown for pandoc."""
    project = folder / "project"
    project.mkdir(parents=True)
    shutil.copy2(REPO / "briefgen.yaml", project / "briefgen.yaml")
    shutil.copytree(REPO / "content", project / "content")
    briefs = project / "content" / "briefs"
    names = [f"framings-{number}" for number in range(1, COPIES + 1)]
    original = (briefs / f"{BRIEF}.md").read_text(encoding="utf-8")
    for number, name in enumerate(names, start=1):  # each its own title: five layouts, not one
        copy = original.replace('title: "From', f'title: "{number}. From', 1)
        (briefs / f"{name}.md").write_text(copy, encoding="utf-8")
    settings = yaml.safe_load((project / "briefgen.yaml").read_text(encoding="utf-8"))
    settings["packs"]["five-briefs"] = {
        "title": "Five briefs",
        "briefs": names,
        "formats": ["pdf"],
        "editions": ["student"],
        "companion": False,
        "handouts": "none",
    }
    (project / "briefgen.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    peer = Peer(folder, project)
    peer.css = folder / "print.css"
    peer.css.write_text(PRINT_CSS, encoding="utf-8")
    page = _brief_web_page(project)
    markdown = subprocess.run(
        [peer.pandoc, "--from=html", "--to=markdown-raw_html-native_divs-native_spans"],
        input=page.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout
    for name in names:
        path = folder / f"{name}.md"
        path.write_bytes(markdown)
        peer.markdown.append(path)
    return peer


def _brief_web_page(project: Path) -> str:
    """The brief's web page, rendered by briefgen: its text with everything spelled out."""
    from briefgen.commands.build import load_project
    from briefgen.render.pages import Renderer

    loaded = load_project(project)
    brief = loaded.library.briefs[BRIEF]
    page = Renderer(loaded).render_brief(brief, ("html",)).pages["html"]
    start, end = page.index("<article"), page.index("</article>") + len("</article>")
    return f"<html><body>{page[start:end]}</body></html>"


@dataclass
class Side:
    label: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"peer: {' '.join(command)} failed:\n{done.stdout.decode()}{done.stderr.decode()}")


def _timed(work: Callable[[], None]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def briefgen_build(peer: Peer, jobs: int) -> float:
    cache = tempfile.mkdtemp(prefix="cache-", dir=peer.folder)
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": cache}
    env.pop("BRIEFGEN_JOBS", None)
    command = [sys.executable, "-m", "briefgen", "build", PACK, "--force", "--jobs", str(jobs)]
    return _timed(lambda: _run(command, peer.project, env))


def pandoc_builds(peer: Peer, at_once: int) -> float:
    def one(markdown: Path) -> None:
        command = [peer.pandoc, str(markdown), "--standalone", f"--css={peer.css}"]
        command += ["--metadata=title:Brief", f"--pdf-engine={peer.weasyprint}"]
        _run([*command, f"--output={markdown.with_suffix('.pdf')}"], peer.folder)

    def all_of_them() -> None:
        with ThreadPoolExecutor(at_once) as pool:
            list(pool.map(one, peer.markdown))

    return _timed(all_of_them)


def side_by_side(
    peer: Peer, repeat: int, show: Callable[[str, list[float]], float]
) -> dict[str, float]:
    """Every side, ``repeat`` interleaved rounds after one untimed round: the medians."""
    sides = {
        "briefgen --jobs 2": lambda: briefgen_build(peer, 2),
        "briefgen --jobs 1": lambda: briefgen_build(peer, 1),
        "pandoc, one after another": lambda: pandoc_builds(peer, 1),
        "pandoc, two at a time": lambda: pandoc_builds(peer, 2),
    }
    measured = {label: Side(label) for label in sides}
    for measure in sides.values():
        measure()  # warm the operating system's caches
    for _ in range(repeat):
        for label, measure in sides.items():
            measured[label].seconds.append(measure())
    medians = {
        label: show(f"{COPIES} briefs, {label}", side.seconds) for label, side in measured.items()
    }
    pages = _pages(peer)
    print(
        f"  pages: briefgen {pages[0]} (the five briefs, and the sources in full it adds), "
        f"pandoc {pages[1]}"
    )
    ours = medians["briefgen --jobs 2"]
    for label in ("pandoc, one after another", "pandoc, two at a time"):
        print(f"  briefgen --jobs 2 / {label}: {ours / medians[label]:.2f}x")
    return medians


def _pages(peer: Peer) -> tuple[int, int]:
    from pypdf import PdfReader

    ours = sorted((peer.project / "output" / PACK / "student").glob("*.pdf"))
    theirs = [path.with_suffix(".pdf") for path in peer.markdown]
    count = lambda paths: sum(len(PdfReader(path).pages) for path in paths)  # noqa: E731
    return count(ours), count(theirs)


# --- where each PDF's time goes ------------------------------------------------------------

PHASES = ("parse", "style", "boxes", "layout", "draw", "fonts", "tags")


@contextmanager
def _phase_timers() -> Iterator[dict[str, float]]:
    """Time WeasyPrint's steps by wrapping the functions that do them."""
    import weasyprint.document as document
    import weasyprint.pdf as pdf

    spent: dict[str, float] = {}
    wrapped = [
        (document, "get_all_computed_styles", "style"),
        (document, "build_formatting_structure", "boxes"),
        (pdf, "build_fonts_dictionary", "fonts"),
        (pdf, "add_tags", "tags"),
    ]
    originals = [(module, name, getattr(module, name)) for module, name, _ in wrapped]
    for module, name, phase in wrapped:
        setattr(module, name, _timer(getattr(module, name), phase, spent))
    try:
        yield spent
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def _timer(
    function: Callable[..., object], phase: str, spent: dict[str, float]
) -> Callable[..., object]:
    @functools.wraps(function)
    def timed(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] = spent.get(phase, 0.0) + time.perf_counter() - started

    return timed


def phases_of(
    html: str, base_url: str, variant: str, fetcher: object = None, fonts: object = None
) -> tuple[int, dict[str, float]]:
    """One layout of ``html``: its pages, and the seconds of each phase. Layout is what
    render() spends beyond styling and boxes; draw is what write_pdf() spends beyond fonts
    and tags (painting the pages and writing the file). ``fonts``: a font configuration
    kept from layout to layout, as a build's layouts keep theirs (output/kept_fonts.py)."""
    import weasyprint

    with _phase_timers() as spent:
        started = time.perf_counter()
        options = {"url_fetcher": fetcher} if fetcher else {}
        document = weasyprint.HTML(string=html, base_url=base_url, **options)
        parsed = time.perf_counter()
        rendering = document.render(font_config=fonts)
        rendered = time.perf_counter()
        rendering.write_pdf(pdf_variant=variant)
        written = time.perf_counter()
    phases = dict(spent)
    phases["parse"] = parsed - started
    phases["layout"] = rendered - parsed - phases.get("style", 0) - phases.get("boxes", 0)
    phases["draw"] = written - rendered - phases.get("fonts", 0) - phases.get("tags", 0)
    return len(rendering.pages), phases


def per_pdf(html_files: list[Path], base_url: str, variant: str, repeat: int) -> None:
    """Each PDF of the bundled pack, laid out warm in this process: pages, seconds a page,
    and the median of each phase."""
    from weasyprint.text.fonts import FontConfiguration

    from briefgen.output.line_fit import mend_line_fit

    mend_line_fit()  # as a build lays out, keeping the fonts from one PDF to the next
    fonts = FontConfiguration()
    for path in html_files:
        html = path.read_text(encoding="utf-8")
        phases_of(html, base_url, variant, fonts=fonts)  # warm
        runs = [phases_of(html, base_url, variant, fonts=fonts) for _ in range(repeat)]
        pages = runs[0][0]
        median = {phase: statistics.median(run[1][phase] for run in runs) for phase in PHASES}
        total = sum(median.values())
        split = "  ".join(f"{phase} {median[phase]:.3f}" for phase in PHASES)
        name = path.stem.replace("__", "/")
        print(f"  {name}: {pages} pages, {total:.2f} s, {total / pages:.3f} s/page   {split}")


def _print_html(folder: Path) -> list[Path]:
    """The print HTML of each distinct PDF of the bundled pack, as a build lays them out."""
    from briefgen.commands.build import load_project
    from briefgen.output.assemble import PackAssembler
    from briefgen.render.pages import Renderer

    project = load_project(REPO)
    renderer = Renderer(project)
    files = []
    for pack in project.config.packs.values():
        draft = PackAssembler(project, renderer, pack, ("pdf",)).draft(pack.editions)
        for job in draft.pdf_jobs:
            path = folder / (job.name.replace("/", "__") + ".html")
            path.write_text(job.html, encoding="utf-8")
            files.append(path)
    return files


def main() -> None:
    from briefgen.render.builtin_theme import THEME_DIR

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    as_installed()
    folder = Path(tempfile.mkdtemp(prefix="briefgen-peer-"))
    try:
        peer = make_peer(folder)

        def show(label: str, values: list[float]) -> float:
            median = statistics.median(values)
            print(
                f"{label:<46} median {median:.2f} s  min {min(values):.2f}  max {max(values):.2f}"
            )
            return median

        side_by_side(peer, options.repeat, show)
        print("where each PDF's time goes (WeasyPrint, warm, in this process; seconds)")
        html_files = _print_html(folder)
        per_pdf(html_files, THEME_DIR.as_uri() + "/", "pdf/ua-1", options.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
