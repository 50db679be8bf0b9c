"""Markdown for briefs: citations, quotation shortcodes, safety, headings, line numbers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from briefgen.load import markdown
from briefgen.load.markdown import Reference, parse
from briefgen.load.markdown_syntax import Cite
from briefgen.model import Location, Prose
from briefgen.render.markdown import render


class Hooks:
    """Records what the renderer asks for and answers with visible markers."""

    def __init__(self) -> None:
        self.cites: list[tuple[Cite, ...]] = []

    def citation(self, cites: tuple[Cite, ...]) -> str:
        self.cites.append(cites)
        return f"[{len(self.cites)}]"

    def quotation(self, quotation_id: str, block: bool, after: str = "") -> str:
        return f"<BLOCK {quotation_id}>" if block else f"<INLINE {quotation_id}{after}>"


def rendered(text: str, hooks: Hooks | None = None) -> str:
    return render(parse(Prose(text, Location(Path("brief.md"), 1))), hooks or Hooks())


def test_citations_with_locators_prefixes_and_several_sources() -> None:
    hooks = Hooks()
    html = rendered("Ceasefire.[@kabul, point 3] Both.[see @isaf, point 1; @issi]", hooks)
    assert html == "<p>Ceasefire.[1] Both.[2]</p>\n"
    assert hooks.cites == [
        (Cite("kabul", "point 3"),),
        (Cite("isaf", "point 1", "see"), Cite("issi")),
    ]


def test_shortcode_alone_is_a_block_quotation_inside_a_sentence_inline() -> None:
    html = rendered("They {{< quote a >}} today.\n\n{{< quote b >}}\n\nAfter.")
    assert html == "<p>They <INLINE a> today.</p>\n<BLOCK b>\n<p>After.</p>\n"


def test_punctuation_after_an_inline_quotation_goes_before_its_note() -> None:
    html = rendered("In return, {{< quote a >}}. Then {{< quote b >}}, and {{< quote c >}} too.")
    assert html == "<p>In return, <INLINE a.> Then <INLINE b,> and <INLINE c> too.</p>\n"


def test_references_carry_their_file_lines_and_locators() -> None:
    text = "Intro.\n\nOne [@kabul, point 3]\nand two {{< quote q >}}.\n\n{{< quote r >}}\n"
    parsed = parse(Prose(text, Location(Path("brief.md"), 10)))
    assert parsed.references == [
        Reference("cite", "kabul", 12, "point 3"),
        Reference("quote", "q", 13),
        Reference("quote", "r", 15),
    ]


def test_raw_html_is_text_and_unsafe_links_are_not_links() -> None:
    html = rendered("<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.org)")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://a.org">ok</a>' in html


def test_headings_start_at_h2_and_get_ids() -> None:
    html = rendered("# One\n\n## Two\n\n# One")
    assert html == '<h2 id="one">One</h2>\n<h3 id="two">Two</h3>\n<h2 id="one-2">One</h2>\n'


def test_code_and_links_are_not_citations() -> None:
    parsed = parse(Prose("`[@x]` and [@y](https://a.org)", Location(Path("b.md"), 1)))
    assert parsed.references == []


def test_quoted_phrases_are_collected_for_checking() -> None:
    text = 'It spoke of "the insurgency"[@isaf] and\n“major insurgent groups”.'
    parsed = parse(Prose(text, Location(Path("b.md"), 5)))
    assert [(p.text, p.line) for p in parsed.quoted_phrases] == [
        ("the insurgency", 5),
        ("major insurgent groups", 6),
    ]


def test_a_citation_right_before_a_note_reference_is_read() -> None:
    """Once silently text: "[@a, p. 1][^x]" was taken for a reference link and printed."""
    parsed = parse(Prose("Said.[@kabul, point 3][^why]\n", Location(Path("b.md"), 1)))
    assert [r.kind for r in parsed.references] == ["cite", "note"]
    assert parsed.malformed == []


def test_text_that_looks_like_a_citation_but_is_not_read_is_an_error() -> None:
    parsed = parse(Prose("Intro.\n\nSaid [@kabul, point 3][ref] here.", Location(Path("b.md"), 4)))
    assert parsed.references == []
    assert [(m.line, m.text) for m in parsed.malformed] == [(6, "[@kabul, point 3]")]
    assert parsed.malformed[0].message == "this looks like a citation but is not read as one"


def test_checking_and_rendering_a_brief_parse_each_text_once(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every check that reads a brief, and the renderer, share one parse of each text: a
    brief of 10,000 citations was parsed nine times by `check` (3 s, now under 1 s)."""
    from briefgen.check.advice import content_warnings
    from briefgen.commands.build import load_project
    from briefgen.render.pages import Renderer

    markdown._parsed.cache_clear()
    parsed: Counter[str] = Counter()
    parse_text = MarkdownIt.parse

    def counted(self: MarkdownIt, text: str, env: Any = None) -> Any:
        parsed[text] += 1
        return parse_text(self, text, env)

    monkeypatch.setattr(MarkdownIt, "parse", counted)
    project = load_project(mini)
    content_warnings(project)
    for brief in project.library.briefs.values():
        Renderer(project).render_brief(brief, ("html", "pdf"))
    body = next(iter(project.library.briefs.values())).body.text
    assert any(body.strip() in text for text in parsed)
    assert max(parsed.values()) == 1
