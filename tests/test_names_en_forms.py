"""English name forms on text nobody tuned for (issue 15): single-quoted titles on either side of a class noun, an
apostrophe that closes a quoted title or marks an owner, a form's field labels joined by colons, Spanish, French
or Portuguese names written in English text, names of a list joined by "and" before a head and "of", and a head that
only ends a name."""

from __future__ import annotations

import pytest


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


FOUND = [
    # a single-quoted title after a class noun, with an apostrophe inside a word
    ("UNODC runs the project 'Better Border Controls in Mali and Niger' with IOM.", {"Better Border Controls in Mali and Niger"}),
    ("The initiative ‘Women's Access to Justice in Kenya’ ended in 2020.", {"Women's Access to Justice in Kenya"}),
    # a single-quoted title before a class noun
    ("The 'Safer Courts for Children in Ghana' project was funded by Canada.", {"Safer Courts for Children in Ghana"}),
    # the owner of a project named by its possessive is a name of its own
    ("The Ghana Police Service's project trained officers.", {"Ghana Police Service"}),
    # a name in another language: its own head word, connectors and acronym
    ("Training was given by the Agence Nationale de Lutte contre la Drogue (ANLD) in Dakar.",
     {"Agence Nationale de Lutte contre la Drogue"}),
    ("The Procuraduría General de la República and the Policía Federal de Caminos of Mexico met.",
     {"Procuraduría General de la República", "Policía Federal de Caminos"}),
    ("Funds went to the Fundação Nacional do Índio (FUNAI) and the Instituto de Medicina Legal in Lisbon.",
     {"Fundação Nacional do Índio", "Instituto de Medicina Legal"}),
    # "and" before a head and "of" opens the second name of a list
    ("Officials of the Ministry of Health and Ministry of Finance of Ghana attended.",
     {"Ministry of Health", "Ministry of Finance of Ghana"}),
    ("The Department of Commerce and Department of Energy of the United States funded it.",
     {"Department of Commerce", "Department of Energy of the United States"}),
    # UNODC before a head that opens the name is its owner, no word of it
    ("The UNODC Global Programme against Illicit Financial Flows helped Peru.", {"Global Programme against Illicit Financial Flows"}),
    # a plural possessive ends a name before lower-case words and stays inside one before a capital
    ("It helps the Kenya Ministry of Internal Affairs' regional offices.", {"Kenya Ministry of Internal Affairs"}),
    ("Officers trained at the Ghana Prosecutors' Academy in Accra.", {"Ghana Prosecutors' Academy"}),
    # "towards" inside a title; an assembly's name
    ("The plan follows the Regional Strategy towards the Elimination of Child Labour in the Andes.",
     {"Regional Strategy towards the Elimination of Child Labour in the Andes"}),
    ("The Pan-African Parliamentary Assembly endorsed the plan.", {"Pan-African Parliamentary Assembly"}),
    # groups and expert groups; a word of a longer head is no generic word ("Migration" of "Migration Service")
    ("The Inter-Agency Migration Group met in Geneva.", {"Inter-Agency Migration Group"}),
    ("The Intergovernmental Expert Group on Drug Statistics reported.", {"Intergovernmental Expert Group on Drug Statistics"}),
    # a State's office named by a possessive head alone
    ("Prosecutors from the Public Prosecutor's Office and judges met in Male.", {"Public Prosecutor's Office"}),
    # a part of a body named before the body's own name
    ("Staff of the Drug Control Department of the Ministry of Interior of Chad attended.",
     {"Drug Control Department", "Ministry of Interior of Chad"}),
    ("UNDP supports Juvenile Justice Department of Ministry of Social Welfare to train judges.",
     {"Juvenile Justice Department", "Ministry of Social Welfare"}),
    ("The Siberian Law Institute of the Ministry of Internal Affairs of the Russian Federation hosted it.",
     {"Siberian Law Institute of the Ministry of Internal Affairs of the Russian Federation"}),
    # plans and roadmaps
    ("The Ministry implements the National Drug Control Master Plan 2021-2025 of Ghana.", {"National Drug Control Master Plan 2021-2025"}),
    ("Partners endorsed 'The Kathmandu Roadmap' in March.", {"Kathmandu Roadmap"}),
    # a State's school of generic words after "the"; a space after an opening quote
    ("Cadets of the National Police Academy in Hanoi took part.", {"National Police Academy"}),
    ('It belongs to the project entitled " Safer Roads for Rural Women in Nepal", funded by Japan.',
     {"Safer Roads for Rural Women in Nepal"}),
    # a head that ends a name
    ("Agents of the Drug Enforcement Administration trained the officers.", {"Drug Enforcement Administration"}),
]

LEFT_ALONE = [
    # the closing quote of a title is no part of a name before the class noun
    ("The 'Safer Courts for Children in Ghana' project was funded by Canada.", {"Courts for Children in Ghana' project"}),
    ("The Ghana Police Service's project trained officers.", {"Ghana Police Service's project"}),
    # a form's field labels: a head word before a colon, a second colon
    ("Executing Agency: UNODC Associate Executing Agency: none", {"Executing Agency: UNODC Associate Executing Agency",
                                                               "Associate Executing Agency"}),
    ("Lead Agency: Ministry of Health of Peru", {"Lead Agency: Ministry of Health of Peru"}),
    # a foreign head word in an English phrase without a word of its language or an acronym
    ("The Office Supplies Budget and the Direction Générale were reviewed.", {"Office Supplies Budget"}),
    # an acronym after an English head is no evidence of another language
    ("Participants from the Programme Office Pakistan (POP) attended.", {"Office Pakistan"}),
    # a government named by its leader; groups of a study
    ("The Biden Administration announced new sanctions.", {"Biden Administration"}),
    ("A Focus Group of young people met, and the Control Group received no intervention.", {"Focus Group", "Control Group"}),
    ("The UNODC Global Programme against Illicit Financial Flows helped Peru.",
     {"UNODC Global Programme against Illicit Financial Flows"}),
    # a word cut by a line-end hyphen ends a name before it
    ("Parties to the Convention on Interna- tional Trade in Endangered Species met.", {"Convention on Interna-", "Convention on Interna"}),
    ("It helps the Kenya Ministry of Internal Affairs' regional offices.", {"Kenya Ministry of Internal Affairs'"}),
    # generic qualifiers before a head name nothing
    ("The Core Group and the Ad Hoc Committee met.", {"Core Group", "Ad Hoc Committee"}),
    ("Staff of the Drug Control Department of the Ministry of Interior of Chad attended.",
     {"Drug Control Department of the Ministry of Interior of Chad"}),
    ("The Joint Plan and the Work Plan were adopted.", {"Joint Plan", "Work Plan"}),
    ("UNDP supports Juvenile Justice Department of Ministry of Social Welfare to train judges.",
     {"Juvenile Justice Department of Ministry of Social Welfare"}),
    # two names of a list are no one name; a head that only ends a name opens none
    ("Officials of the Ministry of Health and Ministry of Finance of Ghana attended.",
     {"Ministry of Health and Ministry of Finance of Ghana"}),
    ("Courts improved the Administration of Justice in Peru.", {"Administration of Justice"}),
    # an internal unit of a UN entity, named before it
    ("The study was written by the Research and Trend Analysis Branch of UNODC in 2021.", {"Research and Trend Analysis Branch"}),
    ("It was prepared by the Treaty Implementation Section, Division for Treaty Affairs, United Nations Office on Drugs and Crime.",
     {"Treaty Implementation Section"}),
    # a publication
    ("The course uses the new UNODC Handbook on Police Responses to Domestic Violence.",
     {"Handbook on Police Responses to Domestic Violence", "UNODC Handbook on Police Responses to Domestic Violence"}),
    # a memorandum of understanding named by its topic only
    ("ECOWAS and UNODC signed a Memorandum of Understanding on Cooperation in Border Control in May.",
     {"Memorandum of Understanding on Cooperation in Border Control"}),
]


@pytest.mark.parametrize("text,names", FOUND, ids=[c[0][:40] for c in FOUND])
def test_forms_en_found(extract, text, names):
    x = extract(text, "en")
    assert names <= new_names(x), new_names(x)


@pytest.mark.parametrize("text,names", LEFT_ALONE, ids=[c[0][:40] for c in LEFT_ALONE])
def test_forms_en_left_alone(extract, text, names):
    x = extract(text, "en")
    assert not names & new_names(x), new_names(x)


CLASSES = [
    # an assembly of a State, of States
    ("The National Assembly of Kenya adopted the law.", "National Assembly of Kenya", "NationalBody"),
    ("The Pan-African Parliamentary Assembly endorsed the plan.", "Pan-African Parliamentary Assembly", "IntergovernmentalBody"),
    # a committee or council of a programme is a body
    ("Members of the Technical Council of the Safe Seas Initiative met.", "Technical Council of the Safe Seas Initiative",
     "IntergovernmentalBody"),
    # a State's department before "of" and its State stays a name
    ("The Department of Justice of the United States funded it.", "Department of Justice of the United States", "Organization"),
    # a memorandum of understanding with a place in its name
    ("Six States signed the Memorandum of Understanding on Drug Control in the Andean Region.",
     "Memorandum of Understanding on Drug Control in the Andean Region", "Instrument"),
    ("The Inter-Agency Migration Group met in Geneva.", "Inter-Agency Migration Group", "Network"),
    ("The Intergovernmental Expert Group on Drug Statistics reported.", "Intergovernmental Expert Group on Drug Statistics",
     "ExpertBody"),
    ("The Group of Governmental Experts on Firearms Marking reported.", "Group of Governmental Experts on Firearms Marking",
     "ExpertBody"),
]


@pytest.mark.parametrize("text,name,etype", CLASSES, ids=[c[1][:40] for c in CLASSES])
def test_forms_en_class(extract, text, name, etype):
    x = extract(text, "en")
    assert {(e.type, label) for e in x.new_entities for _, label in e.labels} >= {(etype, name)}
