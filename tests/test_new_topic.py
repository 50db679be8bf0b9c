"""A pack on a new topic, from nothing: init --blank, three documents imported, three
quotations found and added, a brief written, both editions built."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Run

AGREEMENT = """<html><head><title>Agreement for Bringing Peace</title></head>
<body style="font: 11pt serif; width: 150mm"><h1>Agreement for Bringing Peace</h1>
<p>Signed in Doha on 29 February 2020.</p>
<p>1. The parties commit to a reduction in violence across the country during the talks.</p>
<p>2. Prisoners will be released in stages, up to five thousand, as a confidence-building
measure before the talks begin.</p>
<p>3. Intra-Afghan negotiations will start on 10 March 2020, with all sides represented.</p>
</body></html>"""
STATEMENT = """<html><head><title>Statement on Talks | Ministry of Peace</title>
<meta property="og:site_name" content="Ministry of Peace">
<meta property="article:published_time" content="2020-02-29">
<link rel="canonical" href="https://peace.example/statement"></head><body>
<nav><a href="/">Home</a> / <a href="/news">Latest Updates</a> / Statement</nav>
<main><article><h1>Statement on Talks</h1>
<p>The parties agreed today to begin talks on 10 March 2020 in Oslo.</p>
<p>Both sides will release prisoners as a confidence-building measure.</p>
</article></main><footer>Copyright 2020 Ministry of Peace. Privacy policy.</footer>
</body></html>"""
BRIEF = """---
title: Three Voices on Peace
short_title: Three Voices on Peace
author: Sam Teacher
author_role: Head of History
editor: Alex Editor
date: 2026-11-30
subject: Three documents on a peace process.
keywords: [peace]
lead: >-
  Three documents speak of prisoners and a ceasefire.[@statement, para. 3]
---

# The Agreement

The agreement sets out a release: {{< quote agreement-prisoners >}}

# The Statement and the Letter

The statement says both sides will {{< quote statement-prisoners >}}.

{{< quote letter-ceasefire >}}
"""
QUOTED = {
    "agreement-prisoners": "Prisoners will be released in stages",
    "statement-prisoners": "release prisoners as a confidence-building measure",
    "letter-ceasefire": "urge a lasting ceasefire in every province",
}


def _documents(folder: Path) -> list[Path]:
    """A PDF (laid out by WeasyPrint), a saved web page and a Word file, made here."""
    import docx
    from weasyprint import HTML

    HTML(string=AGREEMENT).write_pdf(folder / "agreement.pdf")
    (folder / "statement.html").write_text(STATEMENT, "utf-8")
    letter = docx.Document()
    letter.core_properties.title = "Letter to the Parties"
    letter.add_paragraph("Dear friends, we write to urge a lasting ceasefire in every province.")
    letter.add_paragraph("The people have waited long enough for peace.")
    letter.save(str(folder / "letter.docx"))
    return [folder / name for name in ("agreement.pdf", "statement.html", "letter.docx")]


@pytest.mark.pdf
@pytest.mark.slow
def test_a_pack_on_a_new_topic_from_a_blank_project(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", "--blank", str(tmp_path / "topic")).exit_code == 0
    project = tmp_path / "topic"
    monkeypatch.chdir(project)
    for document in _documents(tmp_path):
        added = run("add-source", str(document))
        assert added.exit_code == 0, added.output
    record = (project / "content/sources/statement.yaml").read_text("utf-8")
    assert 'issuer: "Ministry of Peace"' in record and "date: 2020-02-29" in record
    assert 'kind: "TO DO:' in record  # never guessed
    assert "unit: point 2" in (project / "content/sources/agreement.yaml").read_text("utf-8")
    typed = {  # as a teacher might type them: case, straight quotes, hyphens for dashes
        "agreement-prisoners": "prisoners will be released in stages",
        "statement-prisoners": "Release prisoners as a confidence building measure",
        "letter-ceasefire": "urge a lasting ceasefire in every province",
    }
    for quotation_id, words in typed.items():
        found = run("find", words, "--add", quotation_id)
        assert found.exit_code == 0, found.output
    (project / "content/briefs/my-brief.md").write_text(BRIEF, "utf-8")
    built = run("build")
    assert built.exit_code == 0, built.output
    assert "is a draft: `kind`" in built.output  # what is left to do, as warnings
    out = project / "output/my-topic"
    for edition in ("student", "teacher"):
        brief = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(out / edition / "brief.pdf").pages
        )
        for words in QUOTED.values():
            assert words in brief, (edition, words)
    handout = (out / "student/handout-agreement.html").read_text("utf-8")
    assert QUOTED["agreement-prisoners"] in handout
    checked = run("check")
    assert "3 quotations checked word for word" in checked.output


@pytest.mark.pdf
def test_a_document_briefgen_cannot_read_is_refused_and_nothing_written(
    tmp_path: Path, mini: Path, run: Run
) -> None:
    from pypdf import PdfWriter
    from weasyprint import HTML

    HTML(string='<div style="width:90mm;height:90mm;background:#333"></div>').write_pdf(
        tmp_path / "scan.pdf"
    )
    HTML(string=AGREEMENT).write_pdf(tmp_path / "open.pdf")
    locked = PdfWriter(clone_from=tmp_path / "open.pdf")
    locked.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked.write(tmp_path / "locked.pdf")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 50)
    before = sorted(p.name for p in (mini / "content/sources").iterdir())
    expected = {
        "scan.pdf": "scan.pdf has no text layer: it is probably a scan, pictures of pages.",
        "locked.pdf": "locked.pdf is encrypted, so its text cannot be read.",
        "empty.txt": "empty.txt is empty.",
        "binary.txt": "binary.txt is not a text file (it holds binary data).",
        "photo.jpg": "briefgen cannot read .jpg files",
    }
    for name, message in expected.items():
        result = run("add-source", str(tmp_path / name))
        assert result.exit_code == 1, (name, result.output)
        assert result.output.startswith("Error: ") and message in result.output, result.output
        assert "Traceback" not in result.output
    assert sorted(p.name for p in (mini / "content/sources").iterdir()) == before
