"""A name does not run over a line break into a field's label ("Regional Programme for Eastern Africa" and, on the next
line, "Project Duration: …") (kg.extract.mint), and a Latin abbreviation (e.g., i.e.) opens no name."""

from __future__ import annotations

import pytest

from kg.extract.ingest import parse_document


def _names(extractor, text):
    extraction = extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))
    return {label for e in extraction.new_entities for _, label in e.labels}


@pytest.mark.parametrize("text,name", [
    pytest.param("Project Title: Justice for Children - National Programme for Malawi\nStart Date: 2018\nDonor: Sweden",
                 "National Programme for Malawi", id="before-a-field-label"),
    pytest.param("Regional Initiative on Border Security for Central Asia\nCountries - Kazakhstan, Tajikistan",
                 "Regional Initiative on Border Security for Central Asia", id="before-a-dashed-label"),
    pytest.param("Several national projects followed, e.g. Police Reform Programme in Malawi.", "Police Reform Programme",
                 id="after-e-g"),
])
def test_name_ends_at_line_of_a_field(extractor, text, name):
    names = _names(extractor, text)
    assert name in names, names
    assert not any(n.startswith(name) and n != name for n in names), names


def test_name_wrapped_over_a_line_stays_whole(extractor):
    names = _names(extractor, "UNODC launched the Regional Programme for\nSouthern Caucasus Cooperation in 2020.")
    assert "Regional Programme for Southern Caucasus Cooperation" in names, names


@pytest.mark.parametrize("text,name", [
    pytest.param("Project Title: Justice for Children - National Programme for Malawi\nStart Date: 2018", "Justice for Children",
                 id="title-before-a-dash"),
    pytest.param("No. and Title: XSA/J24 - Strengthening forensic capacity in South Asia\nDuration: 3 years",
                 "Strengthening forensic capacity in South Asia", id="title-after-a-code"),
    pytest.param('Project title: "Safer Roads for Migrant Workers"\nDonor: Norway', "Safer Roads for Migrant Workers",
                 id="quoted-title"),
])
def test_field_title_names_the_project(extractor, text, name):
    assert name in _names(extractor, text)


@pytest.mark.parametrize("text,name", [
    pytest.param("Project Title: Kenya\nDonor: Norway", "Kenya", id="one-word"),
    pytest.param("Executing Agency: Ministry of Interior officials\nTitle holder: John Smith", "John Smith", id="other-fields"),
    pytest.param("The report bears the title: Drugs and Crime in Africa.", "Drugs and Crime in Africa", id="mid-line"),
])
def test_field_title_left_alone(extractor, text, name):
    assert name not in _names(extractor, text)


def test_title_line_before_a_sentence_is_a_name_of_its_own(extractor):
    names = _names(extractor, "Regional Drug Control Project\nThe Regional Initiative on Border Safety trains judges.")
    assert {"Regional Drug Control Project", "Regional Initiative on Border Safety"} <= names, names


def test_name_after_a_dash_leaves_the_article_out(extractor):
    names = _names(extractor, "The project – the Regional Programme for Southern Caucasus 2019-2022 – covers three States.")
    assert "Regional Programme for Southern Caucasus 2019-2022" in names, names


def test_programme_name_keeps_its_period(extractor):
    names = _names(extractor, "After the Regional Programme for the Andean States 2015-2019, a new programme began.")
    assert "Regional Programme for the Andean States 2015-2019" in names, names


@pytest.mark.parametrize("text,name", [
    pytest.param("NEW - Strengthening Forensic Services in West Africa (GLO/X99) The project supports laboratories.",
                 "Strengthening Forensic Services in West Africa", id="after-a-dash"),
    pytest.param("Border Liaison Network for the Andes (RAS/10/K12): a regional project.", "Border Liaison Network for the Andes",
                 id="code-with-year"),
])
def test_title_before_a_project_code_names_the_project(extractor, text, name):
    assert name in _names(extractor, text)


def test_document_symbol_in_parentheses_is_no_project_code(extractor):
    names = _names(extractor, "The Commission Report (E/CN.7/2021/12) was adopted by Member States.")
    assert "Commission Report" not in names, names


def test_quoted_field_title_without_colon_ends_at_its_quote(extractor):
    names = _names(extractor, "Project number XSA/12/K34 Project title “Safer Borders for Central Asian States” Thematic area Border Control")
    assert "Safer Borders for Central Asian States" in names, names
    assert not any(n.endswith("Project") and "K34" in n for n in names), names
