"""The layout ARCHITECTURE.md draws: stages as folders, small modules, each saying why.

The layers' import direction is checked by import-linter (`lint-imports`, run by .ci/run).
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

REPO = Path(__file__).parents[1]
PACKAGE = REPO / "src" / "briefgen"
MAX_LINES = 400
STAGES = ["commands", "output", "render", "check", "load"]  # top to bottom


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_package_shows_the_pipeline_stages() -> None:
    found = {path.name for path in PACKAGE.iterdir() if not path.name.startswith("__pycache__")}
    assert found == {
        *STAGES,
        "model",
        "__init__.py",
        "__main__.py",
        "cli",
        "errors.py",
        "places.py",
        "words.py",
        "py.typed",
    }


def test_every_module_is_at_most_400_lines() -> None:
    lengths = {
        str(path.relative_to(PACKAGE)): len(path.read_text("utf-8").splitlines())
        for path in modules()
    }
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}


def test_every_module_says_what_it_is_for() -> None:
    missing = [
        str(path.relative_to(PACKAGE))
        for path in modules()
        if not ast.get_docstring(ast.parse(path.read_text("utf-8")))
    ]
    assert missing == []


def test_the_import_contract_layers_the_stages_in_pipeline_order() -> None:
    settings = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    (contract,) = settings["tool"]["importlinter"]["contracts"]
    assert contract["type"] == "layers"
    layers = [layer.replace("briefgen.", "") for layer in contract["layers"]]
    assert layers[0] == "cli"
    assert layers[1 : 1 + len(STAGES)] == STAGES
    assert layers[-2:] == ["errors | places", "model | words"]


def test_architecture_md_says_what_each_folder_owns() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text("utf-8")
    for folder in [*STAGES, "model"]:
        assert f"`{folder}/`" in text, folder
