"""`briefgen export PACK --lms moodle`: the questions, ready for a learning platform."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO, Run, invoke, replace_in

FILE = Path("output")


def _questions(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    return root.findall("question")


def test_moodle_export_of_each_edition(mini: Path, run: Run) -> None:
    result = run("export", "mini", "--lms", "moodle")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Wrote output/mini-student-moodle.xml: 1 discussion question and 2 exercise "
        "tasks as essay questions, without answer guidance for graders."
    )
    student = _questions(mini / FILE / "mini-student-moodle.xml")
    categories = [q.findtext("category/text") for q in student if q.get("type") == "category"]
    assert categories == [
        "$course$/top/Ceasefire calls/Discussion questions",
        "$course$/top/Ceasefire calls/Source-analysis exercises/Exercise A: Reading a "
        "chairman\u2019s statement",
    ]
    essays = [q for q in student if q.get("type") == "essay"]
    assert [q.findtext("name/text") for q in essays] == [
        "1. Recall: What does each document ask of armed groups?",
        "Exercise A, task 1: Who is speaking, and for whom?",
        "Exercise A, task 2: What is asked, and of whom?",
    ]
    first = essays[0].findtext("questiontext/text") or ""
    assert first.startswith("<p>What does each document ask of armed groups?</p><blockquote>")
    assert "called on all the armed groups to agree to a ceasefire" in first  # the quotation
    assert all(q.findtext("graderinfo/text") in ("", None) for q in essays)
    assert all(q.findtext("responseformat") == "editor" for q in essays)

    teacher = run("export", "mini", "--lms", "moodle", "--edition", "teacher")
    assert teacher.exit_code == 0, teacher.output
    essays = [
        q for q in _questions(mini / FILE / "mini-teacher-moodle.xml") if q.get("type") == "essay"
    ]
    assert essays[0].findtext("graderinfo/text") == (
        "<p>A ceasefire and talks in 2017; recognition and the rule of law in 2018.</p>"
    )
    assert all(q.findtext("graderinfo/text") for q in essays)


def test_an_existing_file_needs_force_and_the_same_content_gives_the_same_bytes(
    mini: Path, run: Run
) -> None:
    assert run("export", "mini", "--lms", "moodle").exit_code == 0
    written = (mini / FILE / "mini-student-moodle.xml").read_bytes()
    again = run("export", "mini", "--lms", "moodle")
    assert again.exit_code == 2
    assert "output/mini-student-moodle.xml already exists, so nothing was written." in (
        again.output
    )
    assert run("export", "mini", "--lms", "moodle", "--force").exit_code == 0
    assert (mini / FILE / "mini-student-moodle.xml").read_bytes() == written


def test_an_edition_without_questions_exports_what_it_has(mini: Path, run: Run) -> None:
    (mini / "content/questions.yaml").write_text("[]\n", "utf-8")
    result = run("export", "mini", "--lms", "moodle")
    assert result.exit_code == 0, result.output
    assert "This edition has no discussion questions, so there are none in the file." in (
        result.output
    )
    (mini / "content/exercises.yaml").write_text("[]\n", "utf-8")
    nothing = run("export", "mini", "--lms", "moodle", "--force")
    assert nothing.exit_code == 1
    assert "has no discussion questions and no exercises, so nothing was exported." in (
        nothing.output
    )


def test_the_bundled_pack_exports_every_question(tmp_path: Path) -> None:
    result = invoke("--project", str(REPO), "export", "afghan-peace-process", "--lms",
                    "moodle", "--edition", "teacher", "--out", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    essays = [
        q
        for q in _questions(tmp_path / "afghan-peace-process-teacher-moodle.xml")
        if q.get("type") == "essay"
    ]
    assert len(essays) == 18 + 12  # discussion questions, and the exercises' tasks
    assert all(q.findtext("name/text") and q.findtext("questiontext/text") for q in essays)
    assert len({q.findtext("idnumber") for q in essays}) == len(essays)


CC = "{http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1}"
TOPIC = "{http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3}"
CC13_TYPES = {"webcontent", "imsdt_xmlv1p3", "imswl_xmlv1p3", "imsbasiclti_xmlv1p0",
              "imsqti_xmlv1p2/imscc_xmlv1p3/assessment",
              "associatedcontent/imscc_xmlv1p3/learning-application-resource"}  # fmt: skip


@pytest.mark.pdf
def test_a_common_cartridge_holds_the_edition_as_one_module(mini: Path, run: Run) -> None:
    import zipfile

    replace_in(
        mini / "briefgen.yaml",
        "    briefs: [ceasefire]",
        "    briefs: [ceasefire]\n    formats: [pdf, html, docx]",
    )
    result = run("export", "mini", "--lms", "cc", "--edition", "teacher")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Wrote output/mini-teacher.imscc: the teacher edition as one module ("
    )
    package = mini / FILE / "mini-teacher.imscc"
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))  # well-formed
        assert manifest.findtext(f"{CC}metadata/{CC}schemaversion") == "1.3.0"
        resources = manifest.findall(f"{CC}resources/{CC}resource")
        listed = {f.get("href") for r in resources for f in r.findall(f"{CC}file")}
        assert listed == names - {"imsmanifest.xml"}  # every file listed, every listed file there
        assert {r.get("type") for r in resources} <= CC13_TYPES
        built = {
            p.name
            for p in (mini / "output/mini/teacher").iterdir()
            if p.suffix in (".html", ".pdf", ".docx")
        }
        packaged = {Path(n).name for n in listed if n.startswith("web_resources/")}
        assert packaged == built
        assert {"brief.pdf", "companion.html", "brief.docx", "worksheet.docx"} <= packaged
        module = manifest.find(f"{CC}organizations/{CC}organization/{CC}item/{CC}item")
        assert module is not None and module.findtext(f"{CC}title") == "Ceasefire calls"
        referenced = {item.get("identifierref") for item in module.findall(f"{CC}item")}
        assert referenced == {r.get("identifier") for r in resources}
        topics = [n for n in names if n.startswith("discussions/")]
        assert len(topics) == 1
        topic = ET.fromstring(archive.read(topics[0]))
        assert topic.tag == f"{TOPIC}topic"
        assert "What does each document ask of armed groups?" in (
            topic.findtext(f"{TOPIC}text") or ""
        )
    first = package.read_bytes()
    assert run("export", "mini", "--lms", "cc", "--edition", "teacher", "--force").exit_code == 0
    assert package.read_bytes() == first  # the same content gives the same bytes
