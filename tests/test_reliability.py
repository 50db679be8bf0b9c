"""Output is all or nothing, even when a build is interrupted; the same content gives the
same bytes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefgen.output import write
from tests.conftest import Run, snapshot

BRIEFGEN = [sys.executable, "-m", "briefgen"]


def start_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*BRIEFGEN, "--debug", "build", *args],
        cwd=root,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.iterdir() if p.name.startswith("."))


@pytest.mark.pdf
def test_ctrl_c_while_laying_out_leaves_the_last_build(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    before = snapshot(mini / "output")
    (mini / "content/briefs/ceasefire.md").write_text(
        (mini / "content/briefs/ceasefire.md")
        .read_text(encoding="utf-8")
        .replace("Two Calls for Peace", "Two Calls for Peace, Revised"),
        encoding="utf-8",
    )
    build = start_build(mini)
    assert build.stderr is not None
    for line in build.stderr:  # wait until WeasyPrint is at work, then press Ctrl-C
        if "Laying out" in line:
            build.send_signal(signal.SIGINT)
            break
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert "Interrupted; output/ was left as it was." in stderr
    assert "Traceback" not in stderr
    assert snapshot(mini / "output") == before
    assert leftovers(mini / "output") == []


@pytest.mark.pdf
def test_sigterm_is_handled_like_ctrl_c(mini: Path) -> None:
    build = start_build(mini)
    assert build.stderr is not None
    for line in build.stderr:
        if "Laying out" in line:
            build.terminate()
            break
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert not (mini / "output").exists() or list((mini / "output").iterdir()) == []


def test_interrupt_while_staging_removes_the_staging_folder(
    mini: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", "--format", "html").exit_code == 0
    before = snapshot(mini / "output")
    write_bytes = Path.write_bytes
    calls = []

    def interrupted_on_the_third_file(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted_on_the_third_file)
    result = run("build", "--format", "html", "--force")
    assert result.exit_code == 130
    assert "Interrupted; output/ was left as it was." in result.output
    assert snapshot(mini / "output") == before
    assert leftovers(mini / "output") == []


def test_ctrl_c_during_the_swap_is_held_until_it_is_done() -> None:
    with pytest.raises(write.InterruptedAfterWriting), write.signals_held():
        os.kill(os.getpid(), signal.SIGINT)
        finished = True  # not interrupted half-way
    assert finished
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_failure_in_one_pack_leaves_every_pack_as_it_was(
    mini: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "  second:\n    title: Second pack\n    briefs: [ceasefire]\n",
        encoding="utf-8",
    )
    assert run("build", "--format", "html").exit_code == 0
    before = snapshot(mini / "output")
    import briefgen.output.assemble

    make = briefgen.output.assemble.PackAssembler.draft

    def second_fails(
        self: briefgen.output.assemble.PackAssembler, editions: tuple[str, ...], ready: Any
    ) -> object:
        if self.pack.id == "second":
            raise briefgen.errors.RenderError("simulated failure in the second pack")
        return make(self, editions, ready)

    monkeypatch.setattr(briefgen.output.assemble.PackAssembler, "draft", second_fails)
    (mini / "content/briefs/ceasefire.md").write_text(
        (mini / "content/briefs/ceasefire.md").read_text(encoding="utf-8") + "\nMore.\n",
        encoding="utf-8",
    )
    result = run("build", "--format", "html")
    assert result.exit_code == 1
    assert result.output == "Error: simulated failure in the second pack\n"
    assert snapshot(mini / "output") == before  # the first pack was not replaced either


def test_staging_left_by_a_killed_build_is_removed_next_time(mini: Path, run: Run) -> None:
    """Even by a build that finds nothing to do; and only folders that are briefgen's."""
    assert run("build", "--format", "html").exit_code == 0
    output = mini / "output"

    def left_behind(name: str, manifest: bool) -> Path:
        folder = output / name
        (folder / "student").mkdir(parents=True)
        (folder / "student" / "brief.html").write_text("half", encoding="utf-8")
        if manifest:  # a staging folder gets its manifest before any other file
            (folder / write.MANIFEST_NAME).write_text("{}", encoding="utf-8")
        return folder

    left_behind(".mini-new-999999999-abc123", manifest=True)
    left_behind(f".mini-old-{os.getppid()}-def456", manifest=True)  # its process lives on,
    # but it holds no lock on output/, so it is not building: abandoned all the same
    (output / ".mini-new-1-ghi789").mkdir()  # killed before its first file
    not_ours = left_behind(".mini-new-999999998-jkl012", manifest=False)
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "unchanged since the last build" in result.output
    assert leftovers(output) == [not_ours.name]


def build_in_a_new_process(root: Path, out: Path, **env: str) -> None:
    done = subprocess.run(
        [*BRIEFGEN, "build", "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.pdf
@pytest.mark.slow
def test_the_same_content_gives_the_same_bytes(mini: Path, tmp_path: Path) -> None:
    build_in_a_new_process(mini, tmp_path / "one", PYTHONHASHSEED="1")
    build_in_a_new_process(mini, tmp_path / "two", PYTHONHASHSEED="2")
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(one) == 25  # 24 documents and the pack's manifest
    assert one == two


@pytest.mark.pdf
@pytest.mark.slow
def test_source_date_epoch_stamps_the_modified_date(mini: Path, tmp_path: Path) -> None:
    build_in_a_new_process(mini, tmp_path / "plain")
    build_in_a_new_process(mini, tmp_path / "one", SOURCE_DATE_EPOCH="1709640000")
    build_in_a_new_process(mini, tmp_path / "two", SOURCE_DATE_EPOCH="1709640000")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    stamped = PdfReader(tmp_path / "one/mini/student/brief.pdf").metadata
    plain = PdfReader(tmp_path / "plain/mini/student/brief.pdf").metadata
    assert stamped is not None and plain is not None
    assert stamped["/ModDate"] == "D:20240305120000Z"
    assert stamped["/CreationDate"] == plain["/CreationDate"] == "D:20240305"  # the brief's date
    assert plain["/ModDate"] == "D:20240305"
    html = (tmp_path / "one/mini/student/handout-kabul.html").read_text(encoding="utf-8")
    assert '<meta name="dcterms.modified" content="2024-03-05T12:00:00Z">' in html
