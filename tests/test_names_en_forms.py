"""English name forms on text nobody tuned for (issue 15): single-quoted titles on either side of a class noun, an
apostrophe that closes a quoted title or marks an owner, a form's field labels joined by colons, and Spanish, French
or Portuguese names written in English text."""

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
    ("The Procuraduría General de la República and the Policía Federal (PF) of Mexico met.",
     {"Procuraduría General de la República", "Policía Federal"}),
    ("Funds went to the Fundação Oswaldo Cruz (FIOCRUZ) and the Instituto de Medicina Legal in Lisbon.",
     {"Fundação Oswaldo Cruz", "Instituto de Medicina Legal"}),
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
    # a publication and a memorandum of understanding between two parties
    ("The course uses the new UNODC Handbook on Police Responses to Domestic Violence.",
     {"Handbook on Police Responses to Domestic Violence", "UNODC Handbook on Police Responses to Domestic Violence"}),
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
