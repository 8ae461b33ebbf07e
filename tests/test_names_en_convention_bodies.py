"""A convention's body named by its head and "the Convention" or nothing more (issue 15, implied subjects): "the
Conference of the States Parties to the Convention" is the conference of the one convention the paragraph names;
with two conventions or another convention written after the head it is none."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


FOUND = [
    ("Ahead of the 8th Conference of the States Parties to UNCAC, the agreement was welcomed.", {"body/cosp-uncac"}),
    ("Kenya reported on its implementation of the UN Convention against Corruption to the Conference of the States "
     "Parties to the Convention in Vienna.", {"body/cosp-uncac"}),
    ("Ministers recalled the Palermo Convention; the ninth session of the Conference of the Parties was held in 2018.",
     {"body/cop-untoc"}),
]

LEFT_ALONE = [
    ("The Conference of the Parties discussed the Convention against Corruption and the Single Convention on Narcotic "
     "Drugs.", {"body/cosp-uncac", "body/cop-untoc"}),
    ("The Conference of the Parties to the Climate Convention welcomed the UN Convention against Corruption.",
     {"body/cosp-uncac"}),
    ("The Conference of the Parties met in Glasgow.", {"body/cosp-uncac", "body/cop-untoc"}),
]


@pytest.mark.parametrize("text,iris", FOUND, ids=[c[0][:40] for c in FOUND])
def test_convention_body_found(extract, text, iris):
    assert iris <= linked(extract(text, "en"))


@pytest.mark.parametrize("text,iris", LEFT_ALONE, ids=[c[0][:40] for c in LEFT_ALONE])
def test_convention_body_left_alone(extract, text, iris):
    assert not iris & linked(extract(text, "en"))
