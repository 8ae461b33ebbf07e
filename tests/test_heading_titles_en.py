"""A project's title given as a line of its own before "This project …" (kg.extract.defined_en.heading_title): a
nominal or title-case line is the project's name; a headline, a section heading or a known name is not."""

from __future__ import annotations

import pytest

from kg.extract.ingest import parse_document


def _new(extractor, text):
    extraction = extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))
    return {(e.type, label) for e in extraction.new_entities for _, label in e.labels}


@pytest.mark.parametrize("text,expected", [
    pytest.param("Enhancing forensic capacity in the Sahel region\n\nThis project supports laboratories in Mali and Niger.",
                 ("Project", "Enhancing forensic capacity in the Sahel region"), id="gerund-title-before-this-project"),
    pytest.param("Prevention of Violent Extremism through Sport\n\nThe programme works with schools in Kenya.",
                 ("Programme", "Prevention of Violent Extremism through Sport"), id="nominal-title-before-the-programme"),
    pytest.param("Safe Maritime Corridors for the Gulf States\n\nThis initiative brings coast guards together.",
                 ("Initiative", "Safe Maritime Corridors for the Gulf States"), id="title-case-before-this-initiative"),
])
def test_heading_title_found(extractor, text, expected):
    assert expected in _new(extractor, text)


@pytest.mark.parametrize("text", [
    pytest.param("UNODC trains judges in Kenya\n\nThe project supports the judiciary.", id="headline-with-a-verb"),
    pytest.param("Background and Objectives\n\nThis project supports the judiciary in Kenya.", id="section-heading"),
    pytest.param("Strengthening judicial integrity in Kenya.\n\nThis project supports the judiciary.", id="a-sentence"),
    pytest.param("Strengthening judicial integrity in Kenya\n\nJudges met in Nairobi. The project ended.", id="no-opener"),
])
def test_heading_title_left_alone(extractor, text):
    assert not {label for _, label in _new(extractor, text)} & {text.split("\n")[0], text.split("\n")[0].rstrip(".")}
