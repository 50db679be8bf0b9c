"""`briefgen list`: what the project holds, for people and (with --json) for programs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run, replace_in


def test_list_quotes_as_json_gives_the_documented_fields(mini: Path, run: Run) -> None:
    result = run("list", "quotes", "--json")
    assert result.exit_code == 0, result.output
    quotes = json.loads(result.output)
    assert [q["id"] for q in quotes] == ["issi-in-return", "kabul-ceasefire", "kabul-stable"]
    assert quotes[1] == {
        "id": "kabul-ceasefire",
        "source": "kabul",
        "text": "The participants called on all the armed groups to agree to a ceasefire and "
        "start peace talks with the Afghan Government immediately.",
        "locator": "point 3",
        "units": ["point 3"],
        "tags": ["ceasefire"],
        "note": "The one direct demand on armed groups.",
    }


def test_list_quotes_narrowed_by_source_and_tag(mini: Path, run: Run) -> None:
    result = run("list", "quotes", "--source", "kabul", "--tag", "ceasefire")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "kabul-ceasefire  (kabul, point 3)  [ceasefire]\n"
        "    The participants called on all the armed groups to agree to a ceasefire and start\n"
        "    peace talks with the Afghan Government immediately.\n"
    )


def test_list_sources_marks_what_is_inferred(mini: Path, run: Run) -> None:
    result = run("list", "sources")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "issi\n"
        "    2nd Kabul Process: Time for Taliban to Grasp the Moment\n"
        "    issue brief, Institute of Strategic Studies Islamabad, 9 March 2018; "
        "1 quotation; text in issi.txt\n"
        "kabul\n"
        "    Statement of Kabul Process for Peace and Security Cooperation\n"
        "    chairman's statement, Chairman of the first Kabul Process meeting, 6 June 2017; "
        "2 quotations; text in kabul.txt\n"
    )
    records = json.loads(run("list", "sources", "--json").output)
    assert records[1]["place"] == "Kabul"
    assert records[1]["date"] == "2017-06-06"


def test_list_briefs_and_packs(mini: Path, run: Run) -> None:
    briefs = json.loads(run("list", "briefs", "--json").output)
    assert [(b["id"], b["packs"]) for b in briefs] == [("ceasefire", ["mini"])]
    packs = run("list", "packs").output
    assert packs == (
        "mini\n    Ceasefire calls\n"
        "    briefs: ceasefire; formats: pdf, html; editions: student, teacher\n"
    )


def test_list_still_works_when_some_content_is_broken(mini: Path, run: Run) -> None:
    replace_in(mini / "content/sources/issi.yaml", "kind: issue brief", "kind: issue: brief")
    result = run("list", "sources")
    assert result.exit_code == 0
    assert result.stdout.startswith("kabul\n")
    assert "issi" not in result.stdout
    assert result.stderr == (
        "Warning: 1 problem while reading the content; what could not be read is not listed. "
        "Run `briefgen check` for details.\n"
    )


def test_list_rejects_an_unknown_kind_and_source(mini: Path, run: Run) -> None:
    result = run("list", "quotations")
    assert result.exit_code == 2
    assert "Invalid value for '{sources|quotes|briefs|packs}'" in result.output
    result = run("list", "quotes", "--source", "kabull")
    assert result.exit_code == 2
    assert "there is no source 'kabull'. Sources: issi, kabul." in result.output
