"""English names of States' bodies (issue 15): an office a person's title owns (the Prosecutor General's Office), an
Office or Division with its State before its head, people of a body before "of" (Staff of …), and two bodies of States
joined by "and"; with the cases each rule must leave alone (field offices, UN divisions)."""

from __future__ import annotations

import pytest


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


FOUND = [
    # an office owned by a person's title is a body
    ("Judges met the Attorney-General's Office and the Auditor General's Office of Ghana.", {"Attorney-General's Office"}),
    ("Cases went to the Prosecutor General's Office, which charged ten people.", {"Prosecutor General's Office"}),
    # an Office or a Division with its State before its head
    ("Funding came from the Swiss Federal Office of Police.", {"Swiss Federal Office of Police"}),
    ("The Bangladesh Anti-Trafficking Division seized documents.", {"Bangladesh Anti-Trafficking Division"}),
    ("The United Kingdom Home Office and Kenya Immigration Service signed the agreement.", {"United Kingdom Home Office"}),
    # people of a body before "of" are no words of its name
    ("Officials of Uganda Revenue Authority were trained.", {"Uganda Revenue Authority"}),
    ("Experts of the Ministry of Health and Representatives of the Ghana Police Service met.",
     {"Ministry of Health", "Ghana Police Service"}),
    # two bodies of States joined by "and"
    ("Officers of Kenya Wildlife Service and Tanzania Wildlife Authority patrolled the border.",
     {"Kenya Wildlife Service", "Tanzania Wildlife Authority"}),
]

LEFT_ALONE = [
    # field offices of an organisation, with or without their acronym
    ("UNODC opened the Regional Office for Eastern Africa (ROEA) in Nairobi.", {"Regional Office for Eastern Africa"}),
    ("Staff of the Afghanistan Country Office and the Myanmar Liaison Office travelled.",
     {"Afghanistan Country Office", "Myanmar Liaison Office"}),
    # a division or an office without a State before its head
    ("The Division for Treaty Affairs and the Office of Technical Assistance (OTA) met.",
     {"Division for Treaty Affairs", "Office of Technical Assistance"}),
    ("Initiatives by the Central Asian Office on border control continued.", {"Central Asian Office"}),
    # people of a body are not part of its name
    ("Staff of Kenya Prisons Service attended.", {"Staff of Kenya Prisons Service"}),
    # "and" inside one name, a State before no capitalised word
    ("The Ministry of Foreign Affairs and Trade of Hungary and the Bureau of Alcohol, Tobacco and Firearms met.",
     {"Ministry of Foreign Affairs", "Bureau of Alcohol, Tobacco"}),
]


@pytest.mark.parametrize("text,names", FOUND, ids=[c[0][:40] for c in FOUND])
def test_names_en_bodies_found(extract, text, names):
    x = extract(text, "en")
    assert names <= new_names(x), new_names(x)


@pytest.mark.parametrize("text,names", LEFT_ALONE, ids=[c[0][:40] for c in LEFT_ALONE])
def test_names_en_bodies_left_alone(extract, text, names):
    x = extract(text, "en")
    assert not names & new_names(x), new_names(x)


@pytest.mark.parametrize("text,name", [
    ("Training was held with the Malian National Commission for the Control of small arms (CNCPAL) in May.",
     "Malian National Commission for the Control of small arms"),
    ("The talks included the Guinean Interministerial Committee against trafficking in human beings (CILTEH).",
     "Guinean Interministerial Committee against trafficking in human beings"),
])
def test_names_en_tail_closed_by_its_acronym(extract, text, name):
    assert name in new_names(extract(text, "en"))


def test_names_en_description_before_an_acronym_stays_out(extract):
    assert "Ministry of Interior of the country" not in new_names(extract("The Ministry of Interior of the country (MOIC) signed.", "en"))


@pytest.mark.parametrize("text,names", [
    ("UNODC signed an agreement with the Ministry of Interior and Anti Narcotics Force (ANF) of the country.",
     {"Ministry of Interior", "Anti Narcotics Force"}),
    ("The Director of the Drug Control Agency under the President of the Republic of Tajikistan spoke.",
     {"Drug Control Agency under the President of the Republic of Tajikistan"}),
], ids=["two-bodies-joined-before-an-acronym", "agency-under-the-president-of-a-state"])
def test_names_en_bodies_joined_and_owned(extract, text, names):
    assert names <= new_names(extract(text, "en"))


def test_names_en_one_department_of_two_subjects(extract):
    assert "Federal Department of Justice and Police" in new_names(extract("The Federal Department of Justice and Police (FDJP) met.", "en"))
