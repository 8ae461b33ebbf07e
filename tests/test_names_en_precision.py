"""Precision of English names (issue 15): longer titles, indefinite and owned plans, datelines and donors, country
offices, generic partnerships, subjects after "in", field titles of project sheets, and lists of treaties that share a
plural head: what the extractor must (not) give for each."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID
from kg.extract.ingest import parse_document


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


NOT_LINKED = [  # (case id, text, IRIs that must not be linked)
    ("a-compass-adverb-after-a-verb", "The drugs moved north and east Africa received them.", {"region/northern-africa"}),
    ("a-longer-title-is-no-protocol-short-name", "Kenya ratified the Firearms Trafficking Protocol in 2005.", {"protocol/trafficking-in-persons-protocol"}),
    ("an-indefinite-plan-is-no-un-plan", "The Government adopted a Plan of Action to Combat Trafficking; it covers trafficking in persons.",
     {"instrument/global-plan-of-action-trafficking"}),
    ("a-states-plan-is-no-un-plan", "Kenya's Plan of Action covers trafficking in persons.", {"instrument/global-plan-of-action-trafficking"}),
]

LINKED = [  # (case id, text, IRIs that must be linked)
    ("a-short-name-inside-a-shared-head-list", "States parties to the trafficking, migrant smuggling and firearms protocols met.",
     {"protocol/trafficking-in-persons-protocol", "protocol/smuggling-of-migrants-protocol", "protocol/firearms-protocol"}),
    ("a-shared-head-list-opening-a-sentence", "The trafficking, migrant smuggling and firearms protocols were discussed.",
     {"protocol/trafficking-in-persons-protocol", "protocol/smuggling-of-migrants-protocol", "protocol/firearms-protocol"}),
    ("a-state-before-a-date-and-verb-is-no-dateline", "Kenya, 16 June 2004, ratified the Convention.", {"country/KEN"}),
    ("a-donor-before-an-amount-stays", "The grant of Canada $ 430,040 and Japan $100,000 funded the work.", {"country/CAN", "country/JPN"}),
    ("a-name-without-its-possessive", "Schools received kits from the UN Children Fund in 2019.", {"organization/unicef"}),
]

NOT_MINTED = [  # (case id, text, names that must not be minted)
    ("partners-before-a-project-code", "The project is implemented by UNODC and the Government of the Lao PDR (XSP/K26).",
     {"UNODC and the Government of the Lao PDR", "Government of the Lao PDR"}),
    ("donors-before-a-project-code", "Funding came from Japan and Sweden (GLO/I44).", {"Japan and Sweden"}),
    ("a-two-word-partnership-is-no-name", "The Strategic Partnership between China and UNODC was renewed.", {"Strategic Partnership"}),
    ("a-plural-head-phrase-is-no-name", "The Indonesian Departments of Customs, Immigration and Police signed.",
     {"Indonesian Departments of Customs, Immigration and Police"}),
    ("a-subject-after-in-stays-research", "Researchers of the Institute for Research in Criminology met.", {"Institute for Research"}),
    ("a-subject-after-in-stays-excellence", "The Centre of Excellence in Cybercrime trained judges.", {"Centre of Excellence"}),
    ("a-subject-after-in-stays-agroforestry", "The International Centre for Research in Agroforestry helped.", {"International Centre for Research"}),
    ("country-offices-are-no-state-bodies", "UNODC opened the Myanmar Office in 2000 and the Lao PDR Office in 1997.", {"Myanmar Office", "Lao PDR Office"}),
    ("its-country-office-is-no-state-body", "UNODC, through its Afghanistan Office, delivered training.", {"Afghanistan Office"}),
    ("a-country-office-before-a-noun", "Kenya Office staff visited Mombasa.", {"Kenya Office"}),
    ("a-country-office-of-unodc", "The UNODC Nigeria Office and the Kenya Office of UNODC organised a workshop.",
     {"Nigeria Office", "Kenya Office", "Kenya Office of", "Kenya Office of UNODC"}),
]


@pytest.mark.parametrize("text,iris", [c[1:] for c in NOT_LINKED], ids=[c[0] for c in NOT_LINKED])
def test_names_en_precision_not_linked(extract, text, iris):
    assert not iris & linked(extract(text, "en"))


@pytest.mark.parametrize("text,iris", [c[1:] for c in LINKED], ids=[c[0] for c in LINKED])
def test_names_en_precision_linked(extract, text, iris):
    assert iris <= linked(extract(text, "en"))


@pytest.mark.parametrize("text,names", [c[1:] for c in NOT_MINTED], ids=[c[0] for c in NOT_MINTED])
def test_names_en_precision_not_minted(extract, text, names):
    assert not names & new_names(extract(text, "en"))


def test_names_en_precision_short_form_span_leaves_the_article_out(extract):
    x = extract("The Global Plan of Action was discussed with experts on trafficking in persons.", "en")
    texts = {m.text for m in x.mentions if str(m.entity).endswith("global-plan-of-action-trafficking")}
    assert texts == {"Global Plan of Action"}


@pytest.mark.parametrize("text,name", [
    ("Project Title: , Strengthening Border Control in Central Asia\nDonor: Japan", "Strengthening Border Control in Central Asia"),
    ('Project Title: "Safe Harbours for Fishing Communities".\nDonor: Norway', "Safe Harbours for Fishing Communities"),
], ids=["a-field-title-after-a-comma", "a-quoted-field-title"])
def test_names_en_precision_field_title_span_is_its_name(extractor, text, name):
    x = extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))
    spans = {m.text for m in x.mentions if m.method == "minted"}
    assert name in spans, spans


@pytest.mark.parametrize("text,name", [
    ("Project Title: Support to Counter-Terrorism Legal Assistance in the Sahel\nBudget: US$ 2,000,000",
     "Support to Counter-Terrorism Legal Assistance in the Sahel"),
    ("Programme Title: Enhancing Maritime Law Enforcement in the Gulf of Guinea\nStart: 2019",
     "Enhancing Maritime Law Enforcement in the Gulf of Guinea"),
    ("Project Name: Youth Crime Prevention through Sport\nPartners: UNICEF", "Youth Crime Prevention through Sport"),
], ids=["sheet-without-a-dash", "programme-title-field", "project-name-field"])
def test_names_en_precision_field_titles_of_other_sheet_layouts(extractor, text, name):
    x = extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))
    assert name in {label for e in x.new_entities for _, label in e.labels}


def test_names_en_precision_minted_convention_has_no_reference_body():
    from kg.extract.english_forms import convention_bodies
    from kg.extract.link import Match
    from kg.core.namespaces import ID as NS

    text = "States parties to the Nairobi Convention met at the Conference of the Parties."
    found = [Match(22, 40, NS["convention/nairobi-convention"], "Convention", "minted")]
    assert convention_bodies(text, found, lambda _: [], None) == []


@pytest.mark.parametrize("text,names", [
    ("The Indonesian Departments of Customs, Immigration and Police signed.",
     {"Department of Customs", "Department of Immigration", "Department of Police"}),
    ("Researchers of the Institute for Research in Criminology met.", {"Institute for Research in Criminology"}),
    ("The Global Partnership on Alternative Development helped farmers.", {"Global Partnership on Alternative Development"}),
], ids=["each-body-of-a-plural-head", "a-subject-after-in-stays-in-the-name", "a-long-partnership-name"])
def test_names_en_precision_minted(extract, text, names):
    assert names <= new_names(extract(text, "en"))
