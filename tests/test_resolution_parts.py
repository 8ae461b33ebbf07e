"""Part letters of resolution symbols (kg.extract.resolutions): "S-20/4 B" is S-20/4B, a capital after a spaced
symbol is a part only before a boundary, never the first word of the text that follows."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID
from kg.extract.ingest import parse_document


def _resolutions(extractor, text, lang):
    extraction = extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))
    short = (str(m.entity)[len(str(ID)):] for m in extraction.mentions)
    return {iri for iri in short if iri.startswith(("resolution/", "decision/"))}


@pytest.mark.parametrize("text,lang,expected", [
    pytest.param("Recalling Commission on Narcotic Drugs resolution 61/11 A new approach was then agreed.", "en",
                 {"resolution/cnd/61-11"}, id="en-capital-word-after-symbol-is-no-part"),
    pytest.param("Recalling General Assembly resolution S-20/4 B, on measures to enhance cooperation", "en",
                 {"resolution/ga/S-20-4-B"}, id="en-spaced-part-before-comma"),
    pytest.param("Recalling General Assembly resolution S-20/4B, on measures to enhance cooperation", "en",
                 {"resolution/ga/S-20-4-B"}, id="en-unspaced-part"),
    pytest.param("Recalling General Assembly resolution S-20/4 B", "en", {"resolution/ga/S-20-4-B"},
                 id="en-spaced-part-at-end-of-text"),
    pytest.param("Recalling General Assembly resolution S-20/4 B of 10 June 1998,", "en", {"resolution/ga/S-20-4-B"},
                 id="en-spaced-part-before-its-date"),
    pytest.param("Recalling General Assembly resolution 60/1 A and B", "en", {"resolution/ga/60-1-A"},
                 id="en-spaced-part-before-and"),
    pytest.param("Recalling General Assembly resolutions 60/1 A and 60/2 B.", "en",
                 {"resolution/ga/60-1-A", "resolution/ga/60-2-B"}, id="en-list-of-spaced-parts"),
    pytest.param("Recalling General Assembly resolution 60/1 A (2005)", "en", {"resolution/ga/60-1"},
                 id="en-spaced-capital-before-a-parenthesis-is-no-part"),
    pytest.param("大会第S-20/4 B号决议", "zh", {"resolution/ga/S-20-4-B"}, id="zh-spaced-part-before-hao"),
    pytest.param("大会第S-20/4B号决议", "zh", {"resolution/ga/S-20-4-B"}, id="zh-unspaced-part"),
    pytest.param("大会第60/1 A和第60/2号决议", "zh", {"resolution/ga/60-1-A", "resolution/ga/60-2"},
                 id="zh-spaced-part-before-he"),
    pytest.param("大会第60/1 A、第60/2号决议", "zh", {"resolution/ga/60-1-A", "resolution/ga/60-2"},
                 id="zh-spaced-part-before-dunhao"),
])
def test_resolution_part_letters(extractor, text, lang, expected):
    assert _resolutions(extractor, text, lang) == expected
