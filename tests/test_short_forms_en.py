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
