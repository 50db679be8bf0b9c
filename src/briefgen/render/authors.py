"""How each citation style names a source's authors, in full references and in the short
forms (in-text citations, short notes) that point to them.

APA 7 inverts every name and joins the last with "&", listing up to 20; Chicago 17
inverts only the first and lists up to 10 (then the first seven and "et al."); MLA 9
names one or two and then "et al.". Short forms give family names: APA and MLA one, two,
or the first "et al."; Chicago up to three.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.model import Person

APA_LISTED = 20  # APA 7, 9.8: up to 20 names; with more, the first 19, an ellipsis, the last
CHICAGO_LISTED = 10  # Chicago 17, 14.76: up to 10; with more, the first seven and et al.
CHICAGO_SHOWN = 7


def family_given(person: Person) -> tuple[str, str]:
    """ "Amina Khan" -> ("Khan", "Amina"): the last word is taken as the family name."""
    *given, family = person.name.split()
    return family, " ".join(given)


def initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in given.split() if part)


def inverted(person: Person) -> str:
    """ "Khan, Amina" (a one-word name stays as it is)."""
    return ", ".join(part for part in family_given(person) if part)


def apa_authors(people: Sequence[Person]) -> str:
    """ "Khan, A., Smith, B., & Lee, C." """
    names = [
        ", ".join(part for part in (family, initials(given)) if part)
        for family, given in map(family_given, people)
    ]
    if len(names) == 1:
        return names[0]
    if len(names) > APA_LISTED:
        return ", ".join(names[: APA_LISTED - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def chicago_authors(people: Sequence[Person]) -> str:
    """ "Khan, Amina, Ben Smith, and Cara Lee": only the first name inverted."""
    names = [inverted(people[0])] + [person.name for person in people[1:]]
    if len(names) > CHICAGO_LISTED:
        return ", ".join(names[:CHICAGO_SHOWN]) + ", et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def mla_authors(people: Sequence[Person]) -> str:
    """ "Khan, Amina, and Ben Smith"; with three or more, "Khan, Amina, et al." """
    if len(people) == 1:
        return inverted(people[0])
    if len(people) == 2:
        return f"{inverted(people[0])}, and {people[1].name}"
    return f"{inverted(people[0])}, et al."


def short_authors(people: Sequence[Person], style: str) -> str:
    """Family names for an in-text citation or a short note: "Khan & Smith" (APA), "Khan,
    Smith, and Lee" (Chicago), "Khan et al."."""
    families = [family_given(person)[0] for person in people]
    most = 3 if style == "chicago" else 2
    if len(families) > most:
        return f"{families[0]} et al."
    if len(families) == 1:
        return families[0]
    joiner = " & " if style == "apa" else " and "
    if len(families) == 2:
        return families[0] + joiner + families[1]
    return f"{families[0]}, {families[1]}, and {families[2]}"
