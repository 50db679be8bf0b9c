"""One date style across a pack, chosen in briefgen.yaml (`date_style:`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefgen.model import NBSP, SourceDate, written_date
from tests.conftest import Run


@pytest.mark.parametrize(
    ("style", "day", "event"),
    [
        ("day-month", "9 March 2018", "6 June 2017"),
        ("month-day", "March 9, 2018", "June 6, 2017"),
        ("issue-brief", "March 09, 2018", "June 06, 2017"),
    ],
)
def test_each_style_writes_days_its_way(style: str, day: str, event: str) -> None:
    assert written_date(dt.date(2018, 3, 9), style).replace(NBSP, " ") == day
    assert SourceDate(2017, 6, 6).written(style).replace(NBSP, " ") == event
    assert SourceDate(2009, qualifier="late").written(style).replace(NBSP, " ") == "late 2009"


def dates_of(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [" ".join(time.get_text().split()) for time in soup.select("time")]


def test_a_pack_writes_every_date_in_the_chosen_style(mini: Path, run: Run) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(config.read_text("utf-8") + "date_style: month-day\n", encoding="utf-8")
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    pack = mini / "output" / "mini" / "teacher"
    assert dates_of(pack / "brief.html")[0] == "March 5, 2024"
    timeline = dates_of(pack / "companion.html")
    assert timeline[0] == "March 5, 2024"
    assert all("," in date or date[-4:].isdigit() for date in timeline)
    assert not any(date[0].isdigit() for date in timeline), timeline


def test_an_unknown_date_style_is_refused(mini: Path, run: Run) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(config.read_text("utf-8") + "date_style: US\n", encoding="utf-8")
    result = run("check")
    assert result.exit_code != 0
    assert (
        "briefgen.yaml:14: `date_style` should be one of day-month, month-day, issue-brief, "
        "not 'US'." in " ".join(result.output.split())
    )
