"""Quantities written the way unseen UN and UNODC texts write them (kg.extract.quantities): unit spellings, decimal
commas, words of selection, counts broken down in parentheses, counts of the things named before them, labels of
sub-programmes and counts of members referred to again.  Conventions: tests/data/annotations/CONVENTIONS.md section 5.
Every case is written for this test, not copied from an annotated passage."""

import pytest

from kg.extract.nlp import normalize
from kg.extract.quantities import find_quantities, format_decimal, written


def found(text: str, lang: str) -> set:
    norm = normalize(text)
    return {(format_decimal(q.value), written(q, norm, text)[0]) for q in find_quantities(norm.text, lang)}


@pytest.mark.parametrize("text,expected", [
    # British spellings of kilogram and gram, and the short "kilo"
    ("Police seized some 300 kilogrammes of heroin at the port.", {("300", "kilogram")}),
    ("A courier carried one kilogramme of cocaine and 2 kilo of opium.", {("1", "kilogram"), ("2", "kilogram")}),
    ("The laboratory held 450 grammes of fentanyl.", {("450", "grammes")}),
    # a decimal comma before a scale word, as European writers put it
    ("Donors pledged 3,2 million EUR for the programme.", {("3200000", "EUR")}),
    ("projects worth more than 12,75 billion USD were approved", {("12750000000", "USD")}),
    # words of selection are no part of the counted noun; an adverb before them goes with them
    ("The project works in nine selected provinces.", {("9", "provinces")}),
    ("Assistance went to 7 targeted municipalities.", {("7", "municipalities")}),
    ("Mentors visited 14 different prisons last year.", {("14", "prisons")}),
    ("It is delivered in 11 carefully selected districts across the region.", {("11", "districts")}),
    # a count broken down in parentheses right after it: each part counts the same thing
    ("The courses trained 60 judges (35 in Lima & 25 in Cusco).", {("60", "judges"), ("35", "judges"), ("25", "judges")}),
    ("Some 40 prosecutors (20 in each session) took part.", {("40", "prosecutors"), ("20", "prosecutors")}),
    # a bare count after "Of those X," counts X
    ("Of those countries, 12 have ratified the Protocol.", {("12", "countries")}),
    ("Of the victims identified, 40 were children.", set()),
    ("Of the victims, 40 were children.", {("40", "victims")}),
    # a count that "remained at" or "stands at" a figure
    ("The number of States parties to the Convention remained at 191.", {("191", "States parties")}),
    ("The number of focal points now stands at 64.", {("64", "focal points")}),
    # "the following N" counts the things that follow: no ordinal
    ("The Office will work through the following four sub-programmes:", {("4", "sub-programmes")}),
])
def test_quantities_en_unseen_forms(text, expected):
    assert found(text, "en") == expected


@pytest.mark.parametrize("text", [
    # a number labelling a sub-programme or a component, and the verb after it
    "Sub-Programme 3 aims at promoting integrity in public institutions.",
    "Under Sub-Programme 4 supports the region in preventing terrorism.",
    "Component 2 covers forensic services.",
    # "the same N" refers back to members named before
    "A second course will involve the same three countries in May.",
])
def test_quantities_en_unseen_not_quantities(text):
    assert found(text, "en") == set()
