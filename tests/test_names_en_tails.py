"""English names and what they leave out (issue 15): a town after a body's own of-phrase ("the Ministry of Health in
Kabul"), an acronym in parentheses between a name and its class noun in lower case ("the … (KCGC) programme"), the
known organisation owning a name before a lower-case class noun ("the UNDP Safe Schools initiative"), and a quoted
title after "project of/for"; each with the forms the rule must leave alone."""

from __future__ import annotations

import pytest


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


CASES = [  # (text, names found, names never found)
    # a town of one or two words after the head's own of-phrase says where the body sits
    ("Officials of the Ministry of Health in Kabul on Monday signed the plan with UNODC.",
     {"Ministry of Health"}, {"Ministry of Health in Kabul"}),
    ("The meeting was hosted by the Institute of Strategic Studies and Research in Addis Ababa last week.",
     {"Institute of Strategic Studies and Research"}, {"Institute of Strategic Studies and Research in Addis Ababa"}),
    ("UNODC trained officers from the National Institute of Forensic Science in Lusaka last year.",
     {"National Institute of Forensic Science"}, {"National Institute of Forensic Science in Lusaka"}),
    # a field after "in" stays in a name whose head is no seat of a body
    ("The Centre of Excellence in Maritime Security trained officers.", {"Centre of Excellence in Maritime Security"}, set()),
    ("Officers of the Drug Enforcement Department in Sindh, Balochistan and Punjab were trained.",
     {"Drug Enforcement Department"}, {"Drug Enforcement Department in Sindh"}),
    # a list of partners after a comma (no "and" inside the list before a known name) ends the name at its first comma
    ("Experts from UNODC, Brazil's Ministry of Justice, Ameripol, Spain and Italy shared practices.",
     {"Ministry of Justice"}, {"Ministry of Justice, Ameripol"}),
    # "& the" opens a second name; an "&" inside a name stays; a comma item ending with a head is another name
    ("Field officers from Nepal Police & the Department of Customs attended.", {"Nepal Police"},
     {"Nepal Police & the Department of Customs"}),
    ("Officers of Sri Lanka Customs, Excise & Revenue Department, and Police Narcotic Bureau in Colombo, Kandy, and Galle met.",
     {"Excise & Revenue Department"}, {"Sri Lanka Customs, Excise & Revenue Department"}),
    # a field after "in" and the words that go on after a field are no town
    ("The Department of Cooperation in Criminal Matters received the request.", {"Department of Cooperation in Criminal Matters"},
     {"Department of Cooperation"}),
    ("The Institute of Research in Drug Abuse published its study.", {"Institute of Research in Drug Abuse"},
     {"Institute of Research"}),
    ("The Department of Cooperation in Criminal Matters.", set(), {"Department of Cooperation"}),
    # an activity's object after "in" stays in the name; a known place after "in" is handled by the place rules
    ("The National Agency for the Prohibition of Trafficking in Persons (NAPTIP) met UNODC.",
     {"National Agency for the Prohibition of Trafficking in Persons"}, set()),
    # an acronym in parentheses between the name and its class noun in lower case
    ("The Northern Border Livelihoods (NBL) project will support farmers in three provinces.",
     {"Northern Border Livelihoods"}, {"Northern Border Livelihoods (NBL) project"}),
    ("The Coastal Fisheries Law Enforcement (CFLE) programme trained 40 officers.",
     {"Coastal Fisheries Law Enforcement"}, set()),
    # the known organisation that owns a name before a lower-case class noun is no word of it
    ("UNODC works with the UNDP Safe Schools initiative in the region.", {"Safe Schools initiative"},
     {"UNDP Safe Schools initiative"}),
    # a State's service and a society are names of their own; an organisation's own service is no entity
    ("UNODC trained officers of the Drug Enforcement Service (DES) of the Ministry of Interior.", {"Drug Enforcement Service"}, set()),
    ("The agency reports to the State Service on Narcotics Control, the lead body.", {"State Service on Narcotics Control"}, set()),
    ("UNODC supports the Kerala State AIDS Control Society (KSACS) and prisons.", {"Kerala State AIDS Control Society"}, set()),
    ("UNODC's Language Training Service organised the course.", set(), {"Language Training Service"}),
    # an office head that a State owns names that State's body, not an organisation's own office
    ("Officers from Canada's Department of Fisheries and Oceans joined the patrol.", {"Department of Fisheries and Oceans"},
     set()),
    ("UNODC's Division for Operations and the UNODC Regional Centre in Bangkok led the work.", set(),
     {"Division for Operations", "Regional Centre"}),
    # a tail that a connector opens and an acronym with dots or an inner space closes
    ("UNODC joined the UN Regional Network to counter Wildlife Smuggling ( UN.RNWS) in 2015.",
     {"UN Regional Network to counter Wildlife Smuggling"}, {"UN Regional Network"}),
    # a known name after a comma opens the next clause; the list inside the title stays
    ("Implementing the Regional Strategy to Counter Illicit Trafficking, Organized Crime and Corruption in Central Asia, "
     "UNODC trained judges.", {"Regional Strategy to Counter Illicit Trafficking, Organized Crime and Corruption in Central Asia"},
     {"Regional Strategy to Counter Illicit Trafficking"}),
    # a programme's component: a quoted title before "component", a capitalised name ending with Component; the
    # component of another body after "of" is no name of its own
    ('UNODC offers training under the "Securing Ports in East Africa" component launched in 2018.',
     {"Securing Ports in East Africa"}, set()),
    # a capitalised component of one topic word is any programme's part, no name of its own
    ("The Gender Component supported women police officers in Mali.", set(), {"Gender Component"}),
    ("The project has a Research Component and a Training Component.", set(), {"Research Component", "Training Component"}),
    ("Its Criminal Justice Component trained 40 judges.", set(), {"Its Criminal Justice Component", "Criminal Justice Component"}),
    ("UNODC supports the Police Component of the Multinational Joint Task Force and others.", set(),
     {"Police Component of the Multinational Joint Task Force"}),
    # a plan's or strategy's period with a two-digit end year is part of its name
    ("The Network adopted the Andean Drug Control Work Plan 2016-19 at the meeting.", {"Andean Drug Control Work Plan 2016-19"},
     {"Andean Drug Control Work Plan"}),
    ("Member States welcomed the UNODC Strategy (2021–25) last year.", {"UNODC Strategy (2021–25)"}, set()),
    # a secretariat of a known body after "of" or "for" is that body's organ, no entity; of an unknown one, a name
    ("The Secretariat of the Conference of the Parties to UNTOC serves the Review Mechanism.", set(),
     {"Secretariat of the Conference of the Parties to UNTOC"}),
    ("The Secretariat of the Pacific Community met in Noumea.", {"Secretariat of the Pacific Community"}, set()),
    # a quoted title after "project of" or "project for"
    ("The Ministry signed a joint project of 'Prison Health Services and Drug Treatment Reform' with UNODC.",
     {"Prison Health Services and Drug Treatment Reform"}, set()),
    ("Japan funded a project for “Enhancing Maritime Border Control in the Gulf of Guinea” in 2019.",
     {"Enhancing Maritime Border Control in the Gulf of Guinea"}, set()),
]


@pytest.mark.parametrize("text,found,absent", CASES, ids=[c[0][:40] for c in CASES])
def test_names_en_tails(extract, text, found, absent):
    names = new_names(extract(text, "en"))
    assert found <= names, names
    assert not absent & names, names


def linked(x) -> set[str]:
    from kg.core.namespaces import ID

    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


JOINT_AREAS = [  # (text, places linked, places never linked, names found)
    # a region that "and the Pacific" goes on with is the first half of a joint area, no mention of the region alone
    ("The workshop gathered judges from Asia and the Pacific in Bangkok.", set(), {"region/asia"}, set()),
    ("UNODC and the Economic Commission for Asia and Pacific signed a note.", set(), {"region/asia"}, set()),
    ("The Regional Forum on Wildlife Crime for Asia and the Pacific met in Hanoi.", set(), {"region/asia"},
     {"Regional Forum on Wildlife Crime for Asia and the Pacific"}),
    # a known joint area is matched whole; a region alone stays
    ("The Regional Programme covers East Asia and the Pacific.", {"region/east-asia-and-the-pacific"}, {"region/asia"}, set()),
    ("Seizures rose in Asia and fell in Europe.", {"region/asia", "region/europe"}, set(), set()),
    # a place that a known organisation's English short form writes is named (Sahel in the G5 Sahel), as in its label
    ("Mali and Niger joined the G5 Sahel in 2014.", {"region/sahel"}, set(), set()),
    ("ECOWAS adopted the plan.", set(), {"region/western-africa"}, set()),
    # the Near and Middle East is one area (the Subcommission's), not the Middle East alone
    ("Trafficking routes through the Near and Middle East changed in 2020.", set(), {"region/middle-east"}, set()),
    # another region before "and the Pacific" is named as itself
    ("UNODC supports small island developing States in the Caribbean and the Pacific.", {"region/caribbean"}, set(), set()),
    ("The programme covers Africa and the Pacific.", {"region/africa"}, set(), set()),
]


@pytest.mark.parametrize("text,places,not_places,names", JOINT_AREAS, ids=[c[0][:40] for c in JOINT_AREAS])
def test_joint_areas_en(extract, text, places, not_places, names):
    x = extract(text, "en")
    assert places <= linked(x), linked(x)
    assert not not_places & linked(x), linked(x)
    assert names <= new_names(x), new_names(x)


SHEETS = [  # (text of a project sheet or a paragraph, names found, names never found)
    ("Strengthening Forensic Services in Southern Africa\nProject Duration: 2015 - 2019\nDonor: Sweden", 
     {"Strengthening Forensic Services in Southern Africa"}, set()),
    ("Improving prison health care and drug treatment in Central Asia PROJECT DURATION: March 2014 - March 2018 LOCATION: Almaty",
     {"Improving prison health care and drug treatment in Central Asia"}, set()),
    ("XAC/RAS/11/K55 - Border Management Cooperation in South Asia 1. Project Code and Sector No. and Title: XAC/RAS/11/K55 "
     "Duration: 3 years",
     {"Border Management Cooperation in South Asia"}, set()),
    ("Coastal Policing for Island States (COPIS) Project Code and Sector Project Number and Title: COPIS Duration: 3 Years",
     {"Coastal Policing for Island States"}, {"Coastal Policing for Island States (COPIS)"}),
    # a headline with one label, a label inside a word, and a title ending with a function word are no sheet's title
    ("Assistance for the Relocation of Witnesses and Victims: a new approach in West Africa", set(),
     {"Assistance for the Re", "Assistance for the Relocation of Witnesses and Victims"}),
    ("New Guidance on Child Victims and Donor Coordination Mechanisms: lessons from Kenya", set(),
     {"New Guidance on Child Victims and"}),
    ("Building Capacity of Prosecutors in Southeast Asia Total budget: USD 2 million", set(),
     {"Building Capacity of Prosecutors in Southeast Asia"}),
    # a sentence before a field's label is no title
    ("UNODC met the Minister in Kabul. Location: Kabul Duration: 2 years", set(), {"UNODC met the Minister in Kabul"}),
    ("The project trained officers in three provinces Duration: two years Donor: Japan", set(),
     {"The project trained officers in three provinces"}),
]


@pytest.mark.parametrize("text,found,absent", SHEETS, ids=[c[0][:40] for c in SHEETS])
def test_sheet_headings_en(extract, text, found, absent):
    names = new_names(extract(text, "en"))
    assert found <= names, names
    assert not absent & names, names


PROTOCOLS = [  # (text, treaties linked): the protocols of the convention named right before, in lower case too
    ("Kenya ratified the United Nations Convention against Transnational Organized Crime and its protocols in 2005.",
     {"convention/untoc", "protocol/trafficking-in-persons-protocol", "protocol/smuggling-of-migrants-protocol",
      "protocol/firearms-protocol"}),
    ("UNODC promotes the Organized Crime Convention (Palermo Convention) and its supplementary protocols in the region.",
     {"convention/untoc", "protocol/trafficking-in-persons-protocol", "protocol/smuggling-of-migrants-protocol",
      "protocol/firearms-protocol"}),
    ("States parties to the Convention on the Rights of the Child and its two optional protocols reported.",
     {"convention/crc", "protocol/crc-opac", "protocol/crc-opsc"}),
]


@pytest.mark.parametrize("text,treaties", PROTOCOLS, ids=[c[0][:40] for c in PROTOCOLS])
def test_protocols_of_a_convention_en(extract, text, treaties):
    assert treaties <= linked(extract(text, "en")), linked(extract(text, "en"))


DRUG_CONVENTIONS = {"convention/single-convention", "convention/psychotropic-convention", "convention/illicit-traffic-convention"}
COLLECTIVES = [  # (text, members linked, members never linked)
    ("The Board monitors compliance with the international drug control treaties by Governments.", DRUG_CONVENTIONS, set()),
    ("Parties to the three drug control treaties met in Vienna.", DRUG_CONVENTIONS, set()),
    ("UNODC assists States with the nineteen universal legal instruments against terrorism.", {"convention/tokyo-convention"}, set()),
    # other sets of drug treaties are no collective of the three conventions
    ("Myanmar and Thailand signed bilateral drug control treaties in 2015.", set(), DRUG_CONVENTIONS),
    ("Regional drug control conventions of the Council of Europe were discussed.", set(), DRUG_CONVENTIONS),
    # an open set without a count names no members
    ("The Branch promotes the international legal instruments against terrorism.", set(), {"convention/tokyo-convention"}),
]


@pytest.mark.parametrize("text,members,absent", COLLECTIVES, ids=[c[0][:40] for c in COLLECTIVES])
def test_collective_treaties_en(extract, text, members, absent):
    found = linked(extract(text, "en"))
    assert members <= found, found
    assert not absent & found, found


CODES = [  # (text, project names found, their other forms, names never found)
    ('Training took place under the project XAM/K31 on "Strengthening port controls in West Africa" in 2014.',
     {"XAM/K31"}, {"Strengthening port controls in West Africa"}, set()),
    ("UNODC signed the NGAV15 project, which supports the judiciary.", {"NGAV15"}, set(), set()),
    ("Project number RAS/12/T04 Project title “Better Borders in East Asia”", set(), set(), {"RAS/12/T04"}),
    # a programme's part named by its head and number, a quoted title after it
    ('The workshop was held under Sub-Programme 3 "Criminal justice reform" of the Regional Programme.', {"Sub-Programme 3"},
     {"Criminal justice reform"}, set()),
    ("The team leads Sub-programme II of the Global Maritime Crime Programme.", {"Sub-programme II"}, set(), set()),
    ("It falls under sub-programme 2 on prevention.", set(), set(), {"sub-programme 2"}),
]


@pytest.mark.parametrize("text,names,forms,absent", CODES, ids=[c[0][:40] for c in CODES])
def test_project_codes_en(extract, text, names, forms, absent):
    x = extract(text, "en")
    found = {label for e in x.new_entities for _, label in e.labels}
    aliases = {a for e in x.new_entities for _, a in e.aliases}
    assert names <= found, found
    assert forms <= aliases, aliases
    assert not absent & found, found


@pytest.mark.parametrize("text,iri", [
    ("Tajikistan cooperates within the UNODC Program for Central Asia 2015-2019 on border control.", "programme/programme-central-asia"),
    ("The Container Control Program (2018-2021) trained port officers.", "programme/container-control-programme"),
    # an acronym written with or without its inner dot is one name
    ("The GLOACT project trained prosecutors in Nepal.", "programme/glo-act"),
])
def test_known_programme_in_a_period_en(extract, text, iri):
    assert iri in linked(extract(text, "en"))


def test_numbered_parts_are_keyed_by_their_programme(extract):
    first = extract("Under the Global Maritime Crime Programme, Sub-Programme 1 supports coast guards.", "en")
    second = extract("Under the Container Control Programme, Sub-Programme 1 supports port units.", "en")
    iris = [{str(e.iri) for e in x.new_entities if dict(e.labels).get("en") == "Sub-Programme 1"} for x in (first, second)]
    assert all(len(i) == 1 for i in iris) and iris[0] != iris[1], iris
    both = extract("Under the Regional Programme for Afghanistan and Neighbouring Countries, Sub-Programme 1 supports law "
                   "enforcement cooperation and Sub-Programme 2 supports legal cooperation.", "en")
    parts = {str(e.iri) for e in both.new_entities if dict(e.labels).get("en", "").startswith("Sub-Programme")}
    assert len(parts) == 2 and not any("https-" in iri for iri in parts), parts
    alone = extract("The Regional Programme for Eastern Africa has four parts; Sub-Programme 1 covers maritime crime.", "en")
    assert "Sub-Programme 1" not in new_names(alone)


def test_two_states_ministries_share_no_label(extract):
    x = extract("The Ministry of Public Security of Viet Nam and the Ministry of Public Security of Cambodia signed it.", "en")
    labels = [{a for _, a in e.aliases} | {label for _, label in e.labels} for e in x.new_entities]
    assert len(labels) == 2 and not labels[0] & labels[1], labels


@pytest.mark.parametrize("text,absent", [
    # a State's three-letter code joined to an organisation's acronym is the State's short form, no organisation
    ("The EU-PNG Partnership for Good Governance funds the project.", {"PNG"}),
    ("The UNODC-KEN programme office in Kenya opened.", {"KEN"}),
])
def test_state_codes_are_no_acronyms_en(extract, text, absent):
    assert not absent & new_names(extract(text, "en"))


def test_an_organisation_acronym_equal_to_a_state_code_stays_where_the_state_is_not_named(extract):
    assert "CAN" in new_names(extract("The CAN-UNODC dialogue on drugs met in Lima.", "en"))
