"""Organisations named only by an acronym, with no full form in the paragraph (issue 15, kg.extract.acronyms): a State's
body owned by the State ("Nigeria's NDLEA", "the Namibian FIC") or acting through its officers ("the DCA officers"),
an acronym listed with known organisations written by name ("UNEP, TRAFFIC and the Freeland Foundation") or with a
country office's State ("UNICEF Bangladesh and GIZ Bangladesh"), and the acronyms each rule must leave alone."""

from __future__ import annotations

import pytest


def minted(x) -> dict[str, str]:
    return {dict(e.labels).get("en"): e.type for e in x.new_entities}


FOUND = [  # (text, acronym, class)
    ("Officers of Kenya's NACADA joined the course in Mombasa.", "NACADA", "NationalBody"),
    ("UNODC trained 30 investigators of Nigeria’s NDLEA in Abuja.", "NDLEA", "NationalBody"),
    ("Financial intelligence units, such as the Namibian FIC, analyse reports.", "FIC", "NationalBody"),
    ("The Ghanaian NACOB seized 12 kg of cocaine at the airport.", "NACOB", "NationalBody"),
    ("In March the DCA officers intercepted a truck at the border.", "DCA", "Organization"),  # staff only: no State
    ("Heroin was found by PNP agents during a search in Manila.", "PNP", "Organization"),
    ("Two MRCC employees completed the course on search and rescue.", "MRCC", "Organization"),
    ("UNODC supports the Government of Kenya, in particular NACADA, in drug prevention.", "NACADA", "NationalBody"),
    ("The Guatemalan Government, particularly with PNC officials, agreed to the plan.", "PNC", "NationalBody"),
    ("Partners include UNEP, TRAFFIC and the Freeland Foundation.", "TRAFFIC", "Organization"),
    ("The project was presented to WHO Kenya and GIZ Kenya in Nairobi.", "GIZ", "Organization"),
    ("Experts of the European Union, JICA and UNODC met in Tokyo.", "JICA", "Organization"),
]


@pytest.mark.parametrize("text,acronym,etype", FOUND, ids=[c[1] for c in FOUND])
def test_bare_acronym_is_an_organisation(extract, text, acronym, etype):
    assert minted(extract(text, "en")).get(acronym) == etype


LEFT = [  # (text, acronym that names no organisation of its own)
    ("The Afghan MDT Commander briefed the delegation.", "MDT"),  # opens a longer name: a person's title
    ("Kenya's GDP grew by five per cent.", "GDP"),  # acronyms of other things
    ("Delegates met in Vientiane (Lao PDR) in March.", "PDR"),  # a State's form
    ("It worked with the Government of Ghana (GoG) and civil society. Together with the GOG, UNODC drafted a plan.", "GOG"),
    ("Together with the GOP, the UNODC has developed its second Country Programme.", "GOP"),  # a clause after a comma
    ("The officers from ATS laboratories were trained.", "ATS"),  # a substance, in acronym_not_names
    ("Pakistan's NZ$4 million grant was signed.", "NZ"),  # a currency
    ("UNODC supports the region, especially SEACOP, in maritime work.", "SEACOP"),  # singled out of no Government
    ("The SEACOP meeting was held in Lima; UNODC officers attended.", "SEACOP"),  # no State before it, no staff after it
    ("Under the ACCU framework, UNODC, WCO and the ministries agreed.", "ACCU"),  # no list: a fronted phrase
]


@pytest.mark.parametrize("text,acronym", LEFT, ids=[c[1] for c in LEFT])
def test_acronym_without_evidence_is_no_name(extract, text, acronym):
    assert acronym not in minted(extract(text, "en"))


ENGLISH_WORDS_AND_CURRENCIES = [  # all-capital ordinary words and currency codes after a State or before staff words
    ("Afghanistan's TOP priority is security.", "TOP"),
    ("Peru's NEW strategy entered into force in May.", "NEW"),
    ("MORE officers were deployed to the border.", "MORE"),
    ("ALL officials attended the workshop.", "ALL"),
    ("The Government of Kenya, especially NOW, needs support.", "NOW"),
    ("The Government of Chile, especially OCTOBER meetings, matters.", "OCTOBER"),
    ("The project cost Uganda's UGX 10 million.", "UGX"),
    ("India's INR 500 crore plan was approved.", "INR"),
    ("The Afghan AFN 2 billion programme ended.", "AFN"),
    ("Thailand's THB contribution was announced.", "THB"),  # a currency code without a number after it
    ("Ghana's XYZQ 40 million grant was signed.", "XYZQ"),  # any code before a number: an amount
]


@pytest.mark.parametrize("text,word", ENGLISH_WORDS_AND_CURRENCIES, ids=[c[1] for c in ENGLISH_WORDS_AND_CURRENCIES])
def test_capitalised_english_word_or_currency_code_is_no_acronym(extract, text, word):
    assert word not in minted(extract(text, "en"))


def test_state_acronym_bodies_of_two_states_get_two_iris(extract):
    """The same acronym owned by two States names two bodies ("India's NCB", "the Sri Lankan NCB"); one State's twice
    is one."""
    iris = [str(e.iri) for text in ("India's NCB seized heroin in Delhi.", "The Sri Lankan NCB officers arrested two couriers.",
                                     "Officers of India’s NCB met in Mumbai.")
            for e in extract(text, "en").new_entities if dict(e.labels).get("en") == "NCB"]
    assert len(iris) == 3 and iris[0] != iris[1] and iris[0] == iris[2]


STAFF_WITHOUT_STATE = [  # staff words follow acronyms of banks, armed groups, NGOs and foreign agencies too
    ("The ADB officials met the delegation in Manila.", "ADB"),
    ("FBI agents joined the operation.", "FBI"),
    ("The ICE agents arrested him in Texas.", "ICE"),
]


@pytest.mark.parametrize("text,acronym", STAFF_WITHOUT_STATE, ids=[c[1] for c in STAFF_WITHOUT_STATE])
def test_staff_words_alone_give_no_national_body(extract, text, acronym):
    assert minted(extract(text, "en")).get(acronym) != "NationalBody"


SENTENCE_END = [  # the acronym before a full stop
    ("UNODC trained 30 investigators of Nigeria's NDLEA.", "NDLEA"),
    ("The FIA officers of Pakistan met Kenya's DCI.", "DCI"),
    ("UNODC cooperates closely with the Salvadoran Government, particularly with PNC.", "PNC"),
    ("UNODC works with the Government of Ghana, especially NACOB. It met in Accra.", "NACOB"),
]


@pytest.mark.parametrize("text,acronym", SENTENCE_END, ids=[c[1] for c in SENTENCE_END])
def test_acronym_at_sentence_end_is_found(extract, text, acronym):
    assert minted(extract(text, "en")).get(acronym) == "NationalBody"


def test_acronym_inside_dotted_abbreviation_is_no_name(extract):
    assert "USA" not in minted(extract("The DEA officers met the U.S.A. delegation.", "en"))
