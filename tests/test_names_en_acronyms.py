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
    ("In March the DCA officers intercepted a truck at the border.", "DCA", "NationalBody"),
    ("Heroin was found by PNP agents during a search in Manila.", "PNP", "NationalBody"),
    ("Two MRCC employees completed the course on search and rescue.", "MRCC", "NationalBody"),
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
