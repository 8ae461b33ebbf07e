"""English short forms of reference names completed by their paragraph (issue 15 name variants; the twin of the
Chinese short forms): a reference label's opening, also without "United Nations", names the entity when the words it
leaves out stand around it; not when they do not, nor when two entities are so completed."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


FOUND = [
    ("Governments reviewed progress on the Global Plan of Action, which guides the fight against trafficking in persons.",
     {"instrument/global-plan-of-action-trafficking"}),
    ("The Ninth United Nations Congress met in Cairo in 1995 on the prevention of crime and the treatment of offenders.",
     {"body/crime-congress-9"}),
]

LEFT_ALONE = [
    ("The Global Plan of Action was adopted by the Ministers of the region in 2009.",
     {"instrument/global-plan-of-action-trafficking"}),
    ("The Ninth United Nations Congress was held in 1995.", {"body/crime-congress-9"}),
]


@pytest.mark.parametrize("text,iris", FOUND, ids=[c[0][:40] for c in FOUND])
def test_short_form_completed(extract, text, iris):
    assert iris <= linked(extract(text, "en"))


@pytest.mark.parametrize("text,iris", LEFT_ALONE, ids=[c[0][:40] for c in LEFT_ALONE])
def test_short_form_left_alone(extract, text, iris):
    assert not iris & linked(extract(text, "en"))


@pytest.mark.parametrize("phrases", [50, 400], ids=["phrases-50", "phrases-400"])
def test_short_forms_look_only_before_each_phrase(phrases):
    """The owner test reads a few characters before each capitalised phrase, not the paragraph from its start."""
    from kg.extract import short_forms_en

    calls = []
    real = short_forms_en.OWNED

    class Counting:
        def search(self, text, pos=0, endpos=None):
            calls.append(endpos - pos)
            return real.search(text, pos, endpos)

    short_forms_en.OWNED = Counting()
    try:
        text = ", ".join(f"Global Plan of Action {i}" for i in range(phrases)) + " against trafficking in persons."
        short_forms_en.short_forms_en(text, [], [])
    finally:
        short_forms_en.OWNED = real
    assert calls and all(n <= 16 for n in calls)
