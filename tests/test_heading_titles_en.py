"""A project's title given as a line of its own before "This project …" (kg.extract.defined_en.heading_title): a line
that opens with a word of projects' titles ([mint.en] title_opening_words) is the project's name; section headings,
headlines, marked headings and lines before "The programme …" are not."""

from __future__ import annotations

import pytest

from kg.extract.ingest import parse_document


def _new(extractor, text, name="t.txt"):
    extraction = extractor.extract(parse_document(name, text.encode("utf-8"), "en"))
    return {(e.type, label) for e in extraction.new_entities for _, label in e.labels}


@pytest.mark.parametrize("text,expected", [
    pytest.param("Enhancing forensic capacity in the Sahel region\n\nThis project supports laboratories in Mali and Niger.",
                 ("Project", "Enhancing forensic capacity in the Sahel region"), id="gerund-title-before-this-project"),
    pytest.param("Prevention of Violent Extremism through Sport\n\nThis programme works with schools in Kenya.",
                 ("Programme", "Prevention of Violent Extremism through Sport"), id="nominal-title-before-this-programme"),
])
def test_heading_title_found(extractor, text, expected):
    assert expected in _new(extractor, text)


@pytest.mark.parametrize("text,name", [
    pytest.param("UNODC trains judges in Kenya\n\nThis project supports the judiciary.", "t.txt", id="headline-with-a-verb"),
    pytest.param("Background and Objectives\n\nThis project supports the judiciary in Kenya.", "t.txt", id="section-heading"),
    pytest.param("Strengthening judicial integrity in Kenya.\n\nThis project supports the judiciary.", "t.txt", id="a-sentence"),
    pytest.param("Strengthening judicial integrity in Kenya\n\nJudges met in Nairobi. The project ended.", "t.txt",
                 id="no-opener"),
    pytest.param("Strengthening judicial integrity in Kenya\n\nThe programme supports the judiciary.", "t.txt",
                 id="the-programme-is-no-demonstrative"),
    pytest.param("Regional Cooperation in West Africa\n\nThis programme supports cooperation.", "t.txt",
                 id="review-regional-cooperation"),
    pytest.param("Drug Demand Reduction\n\nThis project provides treatment.", "t.txt", id="review-drug-demand-reduction"),
    pytest.param("## Strengthening Results in Kenya\n\nThis programme trained judges.", "t.md", id="review-marked-heading"),
    pytest.param("Meeting of the Working Group\n\nThis programme was reviewed.", "t.txt", id="review-meeting"),
    pytest.param("Government support to the judiciary\n\nThis project trains judges.", "t.txt", id="review-government"),
    pytest.param("Beijing meeting of heads of agencies\n\nThis programme met.", "t.txt", id="review-beijing"),
    pytest.param("Strengthening West Africa\n\nThis project trains judges.", "t.txt", id="no-more-than-a-place"),
])
def test_heading_title_left_alone(extractor, text, name):
    line = text.split("\n")[0]
    assert not {label for _, label in _new(extractor, text, name)} & {line, line.rstrip("."), line.lstrip("# ")}
