"""Other forms an English text writes a new name in are its alternative labels (issue 15: keep every form): the known
organisation that owns it right before it, the name without the period it ends with, and without the State it ends
with after "of" (kg.extract.written_en)."""

from __future__ import annotations

import pytest

CASES = [  # (text, preferred label, alternative labels expected)
    ("The draft UNODC Integrated Country Programme for the Republic of Moldova was discussed in Chisinau.",
     "Integrated Country Programme for the Republic of Moldova",
     {"UNODC Integrated Country Programme for the Republic of Moldova"}),
    ("Officials reviewed the UNODC Regional Programme for Southern Africa 2013-2016 with SADC. The Regional Programme for "
     "Southern Africa ended in 2016.",
     "Regional Programme for Southern Africa 2013-2016",
     {"Regional Programme for Southern Africa", "UNODC Regional Programme for Southern Africa"}),
    ("UNODC met the Ministry of Home Affairs of the Republic of Indonesia in Jakarta; the Ministry of Home Affairs hosted it.",
     "Ministry of Home Affairs of the Republic of Indonesia", {"Ministry of Home Affairs"}),
    # an abbreviation written before the head word: the name without it, and the abbreviation
    ("Norway signed an agreement with the Caribbean Regional Anti-Money Laundering (CRAML) Project in Kingston.",
     "Caribbean Regional Anti-Money Laundering (CRAML) Project",
     {"Caribbean Regional Anti-Money Laundering Project", "CRAML"}),
    ("The West Africa Border Security (WA-BS) Programme trained 40 officers in Accra.",
     "West Africa Border Security (WA-BS) Programme", {"West Africa Border Security Programme", "WA-BS"}),
    # an abbreviation and a programme's head word: the abbreviation
    ("The CRAML Project is a joint initiative of UNODC and UNDP in the Caribbean.", "CRAML Project", {"CRAML"}),
    ("Funding from Japan will assist the SEA-BORD Programme to equip border posts.", "SEA-BORD Programme", {"SEA-BORD"}),
]


@pytest.mark.parametrize("text,label,forms", CASES, ids=[c[1][:40] for c in CASES])
def test_written_forms_are_alternative_labels(extract, text, label, forms):
    x = extract(text, "en")
    entity = next(e for e in x.new_entities if dict(e.labels).get("en") == label)
    assert forms <= {a for _, a in entity.aliases}, entity.aliases


def test_a_form_the_text_does_not_write_is_no_label(extract):
    x = extract("UNODC met the Ministry of Home Affairs of the Republic of Indonesia in Jakarta.", "en")
    assert all("Ministry of Home Affairs" not in {a for _, a in e.aliases} for e in x.new_entities)


def test_a_name_alone_has_no_other_form(extract):
    x = extract("The Pacific Islands Law Enforcement Forum met in Suva.", "en")
    entity = next(e for e in x.new_entities if dict(e.labels).get("en") == "Pacific Islands Law Enforcement Forum")
    assert entity.aliases == ()


def test_abbreviation_inside_a_name_gives_the_iri_of_the_name_without_it(extract):
    one = extract("Norway funds the Caribbean Regional Anti-Money Laundering (CRAML) Project in Kingston.", "en")
    two = extract("Norway funds the Caribbean Regional Anti-Money Laundering Project in Kingston.", "en")
    assert {e.iri for e in one.new_entities} == {e.iri for e in two.new_entities} != set()


def test_head_word_with_a_capitalised_word_keeps_no_short_form(extract):
    x = extract("The Container Project is a joint initiative of UNODC and WCO in Panama.", "en")
    assert all("Container" not in {a for _, a in e.aliases} for e in x.new_entities)


HEADED_AND_DEFINED = [  # the full name writes the abbreviation; "ACRONYM Head" later in the paragraph is the same entity
    "The Coastal Anti-Smuggling (CAS) Project began in Accra. The CAS Project trained 40 officers.",
    "UNODC launched the Eastern Africa Maritime Security (EAMS) Programme in 2020; later the EAMS Programme grew.",
    "The Regional Anti-Trafficking (RAT) Project started in 2019. The RAT Project trained 40 officers.",  # RAT is a word
]


@pytest.mark.parametrize("text", HEADED_AND_DEFINED)
def test_headed_abbreviation_and_defined_full_name_are_one_entity(extract, text):
    x = extract(text, "en")
    assert len({m.entity for m in x.mentions if "Pro" in m.text}) == 1


def test_headed_abbreviation_without_its_full_name_keeps_its_own_iri(extract):
    x = extract("The Coastal Anti-Smuggling (CAS) Project began in Accra. The TOC Project trained 40 officers.", "en")
    assert len({m.entity for m in x.mentions if "Pro" in m.text}) == 2


@pytest.mark.parametrize("text,word", [("The MORE Programme ended in 2019.", "MORE"), ("The BEST Project works with UNODC.", "BEST")])
def test_headed_english_word_is_no_short_form(extract, text, word):
    assert all(word not in {a for _, a in e.aliases} for e in extract(text, "en").new_entities)
