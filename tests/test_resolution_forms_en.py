"""English forms of resolution lists and their bodies (kg.extract.resolutions): "res." for resolution, a short body
before it (GA, SC), a list continued after a semicolon, a body's resolutions "including" a list, a body after the
symbol and its date, and "the Assembly, in its resolution …"."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID
from kg.extract.ingest import parse_document


def _resolutions(extractor, text):
    extraction = extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))
    short = (str(m.entity)[len(str(ID)):] for m in extraction.mentions)
    return {iri for iri in short if iri.startswith(("resolution/", "decision/"))}


@pytest.mark.parametrize("text,expected", [
    pytest.param("The programme was endorsed by ECOSOC res. 2001/14 and later by GA res. 58/140.",
                 {"resolution/ecosoc/2001-14", "resolution/ga/58-140"}, id="res-abbreviation-and-short-bodies"),
    pytest.param("States recalled SC res. 1540 (2004) on weapons of mass destruction.",
                 {"resolution/security-council/1540"}, id="sc-res-with-year"),
    pytest.param("The Council recalled its resolutions 1996/17 of 24 July 1996, 1997/30 of 21 July 1997; 1998/21 of "
                 "28 July 1998 and 1999/30 of 28 July 1999,",
                 {"resolution/ecosoc/1996-17", "resolution/ecosoc/1997-30", "resolution/ecosoc/1998-21",
                  "resolution/ecosoc/1999-30"}, id="list-continued-after-semicolon"),
    pytest.param("Member States should apply the Security Council resolutions, in particular resolutions 1373 (2001) "
                 "and 2178 (2014), without delay.",
                 {"resolution/security-council/1373", "resolution/security-council/2178"},
                 id="body-resolutions-in-particular-list"),
    pytest.param("By resolution 55/25, of 15 November 2000, the General Assembly adopted the Convention.",
                 {"resolution/ga/55-25"}, id="body-after-symbol-and-date"),
    pytest.param("The General Assembly met in June. The Assembly, in its resolution 70/1, adopted the Agenda.",
                 {"resolution/ga/70-1"}, id="the-assembly-in-its-resolution"),
])
def test_resolution_forms_en(extractor, text, expected):
    assert _resolutions(extractor, text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("The meeting had 25 res. 12/3 items.", id="no-body-no-resolution"),
    pytest.param("The Security Council resolutions were debated; 1373 (2001) was cited.", id="year-symbol-without-kind"),
    pytest.param("In line with resolution 55/25, of 15 November 2000, the Commission on Narcotic Drugs held a debate.",
                 id="dated-symbol-then-another-body"),
    pytest.param("Recalling resolution 55/25 of 15 November 2000, the Commission on Narcotic Drugs decided.",
                 id="recalling-dated-symbol-then-the-acting-body"),
    pytest.param("Pursuant to resolution 55/25 of 15 November 2000, the Commission on Narcotic Drugs met.",
                 id="pursuant-to-dated-symbol-then-the-acting-body"),
])
def test_resolution_forms_en_left_alone(extractor, text):
    assert _resolutions(extractor, text) == set()
