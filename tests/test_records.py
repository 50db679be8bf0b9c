"""Each record's fields are declared once: the descriptors, the forms, and their dataclasses."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import briefgen.load
from briefgen.errors import Problems
from briefgen.load.fields import (
    EXTRA,
    FIRST,
    THEN,
    Block,
    Custom,
    Flag,
    Form,
    Id,
    Markdown,
    Name,
    Part,
    Records,
    Text,
    Texts,
    Values,
)
from briefgen.load.records import Record
from briefgen.load.yamlfile import parse_yaml
from briefgen.model import Location, Prose

PATH = Path("thing.yaml")


def all_forms() -> dict[str, Form[Any]]:
    """Every form declared in briefgen.load, by module and name."""
    forms = {}
    for module_info in pkgutil.iter_modules(briefgen.load.__path__, "briefgen.load."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, Form) and value not in forms.values():
                forms[f"{module_info.name}.{name}"] = value
    return forms


FORMS = all_forms()


def test_every_record_of_the_content_and_settings_has_a_form() -> None:
    built = {form.build.__name__ for form in FORMS.values()}  # type: ignore[attr-defined]
    assert built >= {
        *("Source", "Quotation", "Brief", "Fact", "Person", "TextGap", "KeyPoint", "SourceDate"),
        *("GlossaryEntry", "TimelineEntry", "Question", "Exercise", "TeachingNote"),
        *("Comparison", "ComparisonRow", "ComparisonCell"),
        *("Config", "Issuer", "Theme", "Pack"),
    }


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_forms_fields_fill_its_dataclass_exactly(name: str) -> None:
    """The declared fields and the values the caller gives cover the dataclass: they cannot
    drift apart, as a *_KEYS tuple, a dataclass and a reader once could."""
    form = FORMS[name]
    filled = [attr for field in form.fields for attr in field.attrs] + list(form.given)
    assert len(filled) == len(set(filled)), f"{name} fills a field twice"
    assert set(filled) == {field.name for field in dataclasses.fields(form.build)}  # type: ignore[arg-type]
    assert len(form.keys) == len(set(form.keys)), f"{name} declares a key twice"


# The descriptors, one by one --------------------------------------------------------------


def record_of(text: str, what: str = "a thing") -> tuple[Record, Problems]:
    problems = Problems()
    data = parse_yaml(text, PATH, problems)
    record = Record.of(data, PATH, problems, what)
    assert record is not None
    return record, problems


def messages(problems: Problems) -> list[str]:
    return [f"{problem.location.line}: {problem.message}" for problem in problems]


@dataclass(frozen=True)
class Thing:
    title: str
    short_title: str
    tags: tuple[str, ...]
    shown: bool


THING = Form(
    Thing,
    Text("title", required=True),
    Text("short_title", default_from="title"),
    Texts("tags"),
    Flag("shown", default=True),
)


def test_a_form_reads_a_record_into_its_dataclass_with_the_defaults() -> None:
    record, problems = record_of("title: A title\ntags: one\n")
    assert THING.read(record) == Thing("A title", "A title", ("one",), True)
    assert not problems


def test_a_form_allows_only_its_keys_and_says_which_was_meant() -> None:
    record, problems = record_of("titel: A title\nsize: 3\n")
    assert THING.read(record) is None
    assert [str(problem).replace(str(PATH), "F") for problem in problems] == [
        "F:1: a thing has an unknown key `titel`.\n    Did you mean `title`?",
        "F:2: a thing has an unknown key `size`.\n    Known keys: title, short_title, tags, shown.",
    ]  # the misspelt `title` is reported once, as misspelt, not also as missing


def test_text_reports_a_wrong_type_and_a_missing_required_key() -> None:
    record, problems = record_of("short_title: [a, b]\n")
    assert THING.read(record) is None
    assert messages(problems) == [
        "1: a thing is missing `title`.",
        "1: `short_title` should be text, not a list.",
    ]


def test_a_default_replaces_a_value_left_blank_and_blank_is_no_value() -> None:
    @dataclass(frozen=True)
    class Named:
        name: str
        note: str | None

    form = Form(Named, Text("name", default="anon"), Text("note"))
    record, _ = record_of("name: '  '\nnote: '  '\n")
    assert form.read(record) == Named("anon", None)


def test_markdown_keeps_where_its_text_starts() -> None:
    @dataclass(frozen=True)
    class Note:
        text: Prose | None

    form = Form(Note, Markdown("text"))
    record, _ = record_of("text: |\n  Some *words*.\n")
    note = form.read(record)
    assert note == Note(Prose("Some *words*.", Location(PATH, 2)))
    record, _ = record_of("text: '  '\n")
    assert form.read(record) == Note(None)  # blank text is no text


def test_a_name_names_the_record_in_the_messages_that_follow() -> None:
    @dataclass(frozen=True)
    class Entry:
        id: str
        size: str

    form = Form(Entry, Id("id", "entry"), Text("size", required=True))
    record, problems = record_of("size: [1]\nid: e1\nsise: 2\n")
    assert form.read(record) is None
    assert messages(problems) == [
        "3: entry 'e1' has an unknown key `sise`.",
        "1: `size` should be text, not a list.",
    ]
    record, problems = record_of("id: not an id\nsize: 1\n")
    assert form.read(record) is None
    assert messages(problems) == ["1: entry id 'not an id' may use letters, digits, - and _ only."]


def test_a_name_is_read_before_unknown_keys_are_reported() -> None:
    @dataclass(frozen=True)
    class Term:
        term: str

    form = Form(Term, Name("term", "glossary term"))
    record, problems = record_of("terms: x\n")
    assert form.read(record) is None
    assert messages(problems) == [
        "1: a thing is missing `term`.",  # read first: no misspelling is known yet
        "1: a thing has an unknown key `terms`.",
    ]


def test_steps_set_the_order_fields_are_read_in_whatever_their_declared_order() -> None:
    @dataclass(frozen=True)
    class Three:
        a: str
        b: str
        c: str

    form = Form(
        Three,
        Text("a", required=True),
        Text("b", required=True, step=THEN),
        Text("c", required=True, step=FIRST),
    )
    record, problems = record_of("{}\n")
    assert form.read(record) is None
    assert messages(problems) == [f"1: a thing is missing `{key}`." for key in "cab"]
    assert form.keys == ("a", "b", "c")  # as declared: the order users see them listed in


def test_extras_are_read_only_once_the_record_is_whole() -> None:
    @dataclass(frozen=True)
    class Two:
        name: str
        note: str | None

    form = Form(Two, Text("name", required=True), Text("note", step=EXTRA))
    record, problems = record_of("note: [1]\n")
    assert form.read(record) is None
    assert messages(problems) == ["1: a thing is missing `name`."]  # not the note's type
    record, problems = record_of("name: n\nnote: [1]\n")
    assert form.read(record) == Two("n", None)
    assert messages(problems) == ["2: `note` should be text, not a list."]


def test_a_blank_required_value_is_reported_as_missing() -> None:
    """Spaces in quotes are no title: a pack must never show an empty one."""

    @dataclass(frozen=True)
    class One:
        name: str

    record, problems = record_of("name: '  '\n")
    assert Form(One, Text("name", required=True)).read(record) is None
    assert [str(problem) for problem in problems] == [
        "thing.yaml:1: a thing has nothing after `name:`.\n"
        "    Write its text after `name:`, on the same line."
    ]


def test_an_empty_required_list_spoils_the_record_unless_blank_is_ok() -> None:
    @dataclass(frozen=True)
    class Tagged:
        tags: tuple[str, ...]

    record, problems = record_of("tags: []\n")
    assert Form(Tagged, Texts("tags", required=True)).read(record) is None
    assert Form(Tagged, Texts("tags", required=True), blank_ok=True).read(record) == Tagged(())
    assert not problems


def test_a_check_across_fields_can_reject_the_record() -> None:
    @dataclass(frozen=True)
    class Span:
        start: str
        end: str

    def ordered(record: Record, values: Values) -> bool:
        if values["start"] > values["end"]:
            record.report("end", "`end` comes before `start`.")
            return False
        return True

    form = Form(Span, Text("start"), Text("end"), check=ordered)
    record, problems = record_of("start: b\nend: a\n")
    assert form.read(record) is None
    assert messages(problems) == ["2: `end` comes before `start`."]


def test_required_may_depend_on_the_values_read_before() -> None:
    @dataclass(frozen=True)
    class Cited:
        context: str
        source: str | None

    form = Form(
        Cited,
        Text("context", default=""),
        Text("source", required=lambda values: not values["context"], step=THEN),
    )
    record, problems = record_of("context: From elsewhere.\n")
    assert form.read(record) == Cited("From elsewhere.", None)
    record, problems = record_of("{}\n")
    assert form.read(record) is None
    assert messages(problems) == ["1: a thing is missing `source`."]


def test_custom_block_records_and_parts() -> None:
    @dataclass(frozen=True)
    class Inner:
        size: str
        location: Location

    @dataclass(frozen=True)
    class Outer:
        name: str
        upper: str
        inner: Inner | None
        items: tuple[Inner, ...]

    inner = Form(Inner, Text("size", required=True), given=("location",))

    def upper(record: Record, key: str, name: str) -> str:
        return f"{name}:{record.text(key)}".upper()

    form = Form(
        Outer,
        Text("name", required=True),
        Custom("upper", upper, needs=("name",)),
        Part("upper_note", of="upper"),
        Block("inner", inner),
        Records("items", inner, "an item"),
    )
    record, problems = record_of(
        "name: n\nupper: u\nupper_note: x\ninner:\n  size: 1\nitems:\n  - size: 2\n  - {}\n"
    )
    assert form.read(record) == Outer(
        "n",
        "N:U",
        Inner("1", Location(PATH, 5)),
        (Inner("2", Location(PATH, 7)),),
    )
    assert messages(problems) == ["8: an item is missing `size`."]


def test_a_field_may_fill_several_dataclass_fields() -> None:
    @dataclass(frozen=True)
    class Pair:
        first: str | None
        second: str | None

    def halves(record: Record, key: str) -> tuple[str, str] | None:
        text = record.text(key, required=False)
        return None if text is None else (text[:1], text[1:])

    form = Form(Pair, Custom("both", halves, attr=("first", "second")))
    assert form.read(record_of("both: ab\n")[0]) == Pair("a", "b")
    assert form.read(record_of("{}\n")[0]) == Pair(None, None)
