"""Shared fixtures: project copies on tmp_path, the CLI runner, a shared real build."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefgen.cli import cli
from tests.browser import browser  # noqa: F401  (the shared chromium; loads Playwright when used)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SOURCE_TEXTS = {
    "kabul.txt": "kabul-process-2017-statement.txt",
    "issi.txt": "issi-kabul-process-2018-brief.txt",
}

Run = Callable[..., Result]

# Builds in tests keep their cache (reused PDFs, compiled templates) apart from the user's,
# and start the test session from an empty one, removed when the session ends.
TEST_CACHE = tempfile.mkdtemp(prefix="briefgen-test-cache-")
os.environ["BRIEFGEN_CACHE_DIR"] = TEST_CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(TEST_CACHE, ignore_errors=True)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, prog_name="briefgen")


@pytest.fixture
def run() -> Run:
    """Run the CLI in the current folder: run("build", "--format", "html")."""
    return invoke


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small, stable project (two real sources, three quotations, one brief); cwd is its root.

    Error tests use it so their exact messages do not change when the bundled content does.
    """
    root = copy_mini(tmp_path / "mini")
    monkeypatch.chdir(root)
    return root


def copy_mini(root: Path) -> Path:
    """Make the mini project at ``root``, with its two real source texts."""
    shutil.copytree(FIXTURES / "mini", root)
    for name, original in SOURCE_TEXTS.items():
        shutil.copy(REPO / "content" / "sources" / original, root / "content" / "sources" / name)
    return root


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled project (briefgen.yaml and content/); cwd is its root."""
    root = tmp_path / "bundled"
    root.mkdir()
    shutil.copy(REPO / "briefgen.yaml", root)
    shutil.copytree(REPO / "content", root / "content")
    monkeypatch.chdir(root)
    return root


@pytest.fixture(scope="session")
def built_pack_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project built once for real (PDF and HTML, both editions)."""
    out = tmp_path_factory.mktemp("built")
    result = invoke("--project", str(REPO), "build", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out / "afghan-peace-process"


@pytest.fixture(scope="session")
def built_pack(built_pack_folder: Path) -> Path:
    """The teacher edition of the bundled pack: every document, for read-only tests."""
    return built_pack_folder / "teacher"


@pytest.fixture(scope="session")
def student_pack(built_pack_folder: Path) -> Path:
    """The student edition of the bundled pack."""
    return built_pack_folder / "student"


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a content file in a test, failing loudly if the text to change is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, to prove a failed build changed nothing."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(autouse=True)
def ctrl_c_left_alone(request: pytest.FixtureRequest) -> Iterator[None]:
    """No build, worker pool or server may leave Ctrl-C ignored or rerouted (the child
    processes of later tests would inherit an ignored Ctrl-C)."""
    yield
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        raise AssertionError(f"{request.node.nodeid} left the Ctrl-C handler changed")


# Tiers ----------------------------------------------------------------------------------
# pyproject.toml declares the markers; the fast tier is -m "not pdf and not browser and not slow".

TIER_OF_FIXTURE = {"browser": "browser", "built_pack_folder": "pdf"}
BROWSER_MODULES = ("playwright", "axe_playwright_python")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that opens chromium or reads the built bundled pack says so by its marker, so
    that the fast tier never waits for either."""
    unmarked = [
        f"{item.nodeid} uses {fixture} but is not marked @pytest.mark.{tier}"
        for item in items
        for fixture, tier in TIER_OF_FIXTURE.items()
        if fixture in getattr(item, "fixturenames", ()) and not item.get_closest_marker(tier)
    ]
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Only the browser tests may load Playwright: a run without them fails if it did."""
    if any(item.get_closest_marker("browser") for item in session.items):
        return
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in BROWSER_MODULES)
    if loaded:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write("\n")  # after the progress line
            reporter.write_line(
                f"No browser test ran, yet Playwright was imported ({', '.join(loaded[:3])}): "
                "import it only inside tests/browser.py's fixture and helpers.",
                red=True,
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
