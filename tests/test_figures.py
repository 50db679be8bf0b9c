"""Figures: a map or picture inside the project, with alt text, a caption and a credit,
inlined in the brief ({{< figure ID >}}) or at the head of the companion; tagged as a
Figure with its Alt in the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import Run, replace_in
from tests.test_accessible_pdf import structure

MAP = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<rect width="200" height="100" fill="#dde"/><circle cx="120" cy="40" r="4"/></svg>'
)
ALT = "Map of Afghanistan with Kabul marked in the east."
FIGURES = f"""- id: region
  file: content/figures/region.svg
  alt: {ALT}
  caption: Afghanistan and its neighbours.
  credit: Drawn by the editors from Natural Earth data (public domain).
  companion: true
"""


def add_figure(
    mini: Path, figures: str = FIGURES, placed: str = "\n{{< figure region >}}\n"
) -> None:
    (mini / "content" / "figures").mkdir()
    (mini / "content" / "figures" / "region.svg").write_text(MAP, encoding="utf-8")
    (mini / "content" / "figures.yaml").write_text(figures, encoding="utf-8")
    replace_in(
        mini / "content" / "briefs" / "ceasefire.md",
        "# The 2018 offer",
        f"{placed}\n# The 2018 offer",
    )


def test_a_figure_is_inlined_with_its_alt_caption_and_credit(mini: Path, run: Run) -> None:
    add_figure(mini)
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    for page in ("brief.html", "companion.html"):
        soup = BeautifulSoup(
            (mini / "output/mini/student" / page).read_text("utf-8"), "html.parser"
        )
        figure = soup.select_one("figure.figure")
        assert figure is not None, page
        image = figure.img
        assert image["alt"] == ALT
        assert image["src"].startswith("data:image/svg+xml;base64,")  # nothing fetched
        assert " ".join(figure.figcaption.get_text().split()) == (
            "Afghanistan and its neighbours. Drawn by the editors from Natural Earth data "
            "(public domain)."
        )


@pytest.mark.pdf
def test_a_figure_is_tagged_as_a_figure_with_its_alt_text(mini: Path, run: Run) -> None:
    add_figure(mini)
    assert run("build", "--format", "pdf").exit_code == 0
    for name in ("brief.pdf", "companion.pdf"):
        reader = PdfReader(mini / "output/mini/student" / name)
        figures = [element for role, element in structure(reader) if role == "/Figure"]
        assert [str(figure["/Alt"]) for figure in figures] == [ALT], name


def test_a_figure_without_alt_text_is_an_error_with_file_and_line(mini: Path, run: Run) -> None:
    add_figure(mini, FIGURES.replace(f"  alt: {ALT}\n", ""))
    result = run("build")
    assert result.exit_code == 1
    assert (
        "content/figures.yaml:1: figure 'region' has no `alt`: a screen reader, and the tagged "
        "PDF, need words for what it shows." in result.output
    )
    assert not (mini / "output").exists()


def test_a_figure_outside_the_project_is_refused(mini: Path, run: Run) -> None:
    add_figure(mini, FIGURES.replace("content/figures/region.svg", "../region.svg"))
    result = run("check")
    assert result.exit_code == 1
    assert (
        "content/figures.yaml:2: the figure '../region.svg' must be named by its path inside "
        "the project." in result.output
    )


@pytest.mark.parametrize(
    ("placed", "message"),
    [
        (
            "\n{{< figure regoin >}}\n",
            "{{< figure regoin >}} names no figure. Did you mean 'region'?",
        ),
        (
            "See {{< figure region >}} here.",
            "a figure stands in a paragraph of its own: {{< figure region >}}",
        ),
    ],
)
def test_a_figure_shortcode_must_name_a_figure_and_stand_alone(
    mini: Path, run: Run, placed: str, message: str
) -> None:
    add_figure(mini, placed=placed)
    result = run("check")
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


FONT_FOLDERS = ("weasyprint-*", "briefgen-layout-*", "briefgen-fonts-*")


@pytest.mark.pdf
def test_a_pdf_build_leaves_no_font_folders_behind(mini: Path, run: Run) -> None:
    """WeasyPrint copies fonts into temporary folders it removes only when garbage
    collected, which a layout worker never is: each build once left megabytes in /tmp.
    The fonts a worker keeps from one PDF to the next go when it stops."""
    import tempfile

    temp = Path(tempfile.gettempdir())

    def folders() -> set[Path]:
        return {path for name in FONT_FOLDERS for path in temp.glob(name)}

    before = folders()
    assert run("build", "--format", "pdf", "--force").exit_code == 0
    assert folders() - before == set()
