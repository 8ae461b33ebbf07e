"""A reference to one of a convention's protocols after the convention (kg.extract.protocol_refs): "and the Optional
Protocol thereto" is its only protocol, or the one whose title goes on with the subject written after it; no new
"Optional Protocol" is minted."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID
from kg.extract.ingest import parse_document


def _extract(extractor, text):
    return extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))


def _ids(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions}


@pytest.mark.parametrize("text,expected", [
    pytest.param("States parties to the Convention on the Elimination of All Forms of Discrimination against Women and "
                 "the Optional Protocol thereto reported.", {"protocol/cedaw-optional-protocol"}, id="the-only-protocol"),
    pytest.param("Recalling the Convention on the Rights of the Child and the Optional Protocol thereto on the involvement "
                 "of children in armed conflict,", {"protocol/crc-opac"}, id="the-protocol-on-its-subject"),
    pytest.param("States applied the Convention on the Physical Protection of Nuclear Material (CPPNM) and the Amendment "
                 "thereto.", {"protocol/cppnm-amendment"}, id="the-amendment-after-an-acronym"),
])
def test_protocol_thereto(extractor, text, expected):
    x = _extract(extractor, text)
    assert expected <= _ids(x)
    assert not any(label == "Optional Protocol" for e in x.new_entities for _, label in e.labels)


def test_protocol_thereto_of_several_without_subject(extractor):
    x = _extract(extractor, "Recalling the Convention on the Rights of the Child and the Optional Protocol thereto,")
    assert not {i for i in _ids(x) if i.startswith("protocol/")}
