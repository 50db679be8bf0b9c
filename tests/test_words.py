"""The one wording of counts and suggestions that every message uses."""

from __future__ import annotations

from briefgen.words import closest, count, did_you_mean, sentences, suggest


def test_count_says_one_and_many() -> None:
    assert count(1, "pack") == "1 pack"
    assert count(0, "pack") == "0 packs"
    assert count(2, "quotation") == "2 quotations"
    assert count(3, "copy", "copies") == "3 copies"
    assert count(1, "copy", "copies") == "1 copy"


def test_did_you_mean_names_the_closest_choice_or_nothing() -> None:
    assert closest("minni", ["mini", "other"]) == "mini"
    assert did_you_mean("minni", ["mini", "other"]) == "Did you mean 'mini'?"
    assert did_you_mean("titel", ("title", "date"), quote="`") == "Did you mean `title`?"
    assert did_you_mean("zzz", ["mini"]) == ""
    assert closest("zzz", []) is None
    assert suggest("title", "`") == "Did you mean `title`?"
    assert suggest(None) == ""


def test_a_shortened_id_is_taken_for_the_one_it_starts() -> None:
    sources = ["kabul-2017", "isaf-backgrounder", "issi-2018"]
    assert closest("isaf", sources) is None
    assert did_you_mean("isaf", sources, shortened=True) == "Did you mean 'isaf-backgrounder'?"


def test_sentences_drop_the_parts_that_say_nothing() -> None:
    assert sentences("There is no pack 'x'.", "", "Packs: a.") == "There is no pack 'x'. Packs: a."
    assert sentences("One.", "Did you mean 'y'?", "Two.") == "One. Did you mean 'y'? Two."
