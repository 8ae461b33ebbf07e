"""Cases of the review of en7's English names (findings en7-2 … en7-12 of the session's review): each a sentence the
finding gave or a paraphrase, with what the extractor must (not) give."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID
from kg.extract.ingest import parse_document


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


NOT_LINKED = [  # (finding id, text, IRIs that must not be linked)
    ("en7-2", "Kenya ratified the Firearms Trafficking Protocol in 2005.", {"protocol/trafficking-in-persons-protocol"}),
    ("en7-12b", "The Government adopted a Plan of Action to Combat Trafficking; it covers trafficking in persons.",
     {"instrument/global-plan-of-action-trafficking"}),
    ("en7-12c", "Kenya's Plan of Action covers trafficking in persons.", {"instrument/global-plan-of-action-trafficking"}),
]

LINKED = [  # (finding id, text, IRIs that must be linked)
    ("en7-10a", "Kenya, 16 June 2004, ratified the Convention.", {"country/KEN"}),
    ("en7-10b", "The grant of Canada $ 430,040 and Japan $100,000 funded the work.", {"country/CAN", "country/JPN"}),
    ("en7-7", "Schools received kits from the UN Children Fund in 2019.", {"organization/unicef"}),
]

NOT_MINTED = [  # (finding id, text, names that must not be minted)
    ("en7-14a", "The Strategic Partnership between China and UNODC was renewed.", {"Strategic Partnership"}),
    ("en7-14b", "The Indonesian Departments of Customs, Immigration and Police signed.",
     {"Indonesian Departments of Customs, Immigration and Police"}),
    ("en7-15a", "Researchers of the Institute for Research in Criminology met.", {"Institute for Research"}),
    ("en7-15b", "The Centre of Excellence in Cybercrime trained judges.", {"Centre of Excellence"}),
    ("en7-15c", "The International Centre for Research in Agroforestry helped.", {"International Centre for Research"}),
    ("en7-4a", "UNODC opened the Myanmar Office in 2000 and the Lao PDR Office in 1997.", {"Myanmar Office", "Lao PDR Office"}),
    ("en7-4b", "UNODC, through its Afghanistan Office, delivered training.", {"Afghanistan Office"}),
    ("en7-4c", "Kenya Office staff visited Mombasa.", {"Kenya Office"}),
    ("en7-4d", "The UNODC Nigeria Office and the Kenya Office of UNODC organised a workshop.",
     {"Nigeria Office", "Kenya Office", "Kenya Office of", "Kenya Office of UNODC"}),
]


@pytest.mark.parametrize("text,iris", [c[1:] for c in NOT_LINKED], ids=[c[0] for c in NOT_LINKED])
def test_review_not_linked(extract, text, iris):
    assert not iris & linked(extract(text, "en"))


@pytest.mark.parametrize("text,iris", [c[1:] for c in LINKED], ids=[c[0] for c in LINKED])
def test_review_linked(extract, text, iris):
    assert iris <= linked(extract(text, "en"))


@pytest.mark.parametrize("text,names", [c[1:] for c in NOT_MINTED], ids=[c[0] for c in NOT_MINTED])
def test_review_not_minted(extract, text, names):
    assert not names & new_names(extract(text, "en"))


def test_review_en7_12a_short_form_span_leaves_the_article_out(extract):
    x = extract("The Global Plan of Action was discussed with experts on trafficking in persons.", "en")
    texts = {m.text for m in x.mentions if str(m.entity).endswith("global-plan-of-action-trafficking")}
    assert texts == {"Global Plan of Action"}


@pytest.mark.parametrize("text,name", [
    ("Project Title: , Strengthening Border Control in Central Asia\nDonor: Japan", "Strengthening Border Control in Central Asia"),
    ('Project Title: "Safe Harbours for Fishing Communities".\nDonor: Norway', "Safe Harbours for Fishing Communities"),
], ids=["en7-3a", "en7-3b"])
def test_review_field_title_span_is_its_name(extractor, text, name):
    x = extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))
    spans = {m.text for m in x.mentions if m.method == "minted"}
    assert name in spans, spans


@pytest.mark.parametrize("text,name", [
    ("Project Title: Support to Counter-Terrorism Legal Assistance in the Sahel\nBudget: US$ 2,000,000",
     "Support to Counter-Terrorism Legal Assistance in the Sahel"),
    ("Programme Title: Enhancing Maritime Law Enforcement in the Gulf of Guinea\nStart: 2019",
     "Enhancing Maritime Law Enforcement in the Gulf of Guinea"),
    ("Project Name: Youth Crime Prevention through Sport\nPartners: UNICEF", "Youth Crime Prevention through Sport"),
], ids=["en7-5a", "en7-5b", "en7-5c"])
def test_review_field_titles_of_other_sheet_layouts(extractor, text, name):
    x = extractor.extract(parse_document("t.md", text.encode("utf-8"), "en"))
    assert name in {label for e in x.new_entities for _, label in e.labels}


def test_review_en7_9_minted_convention_has_no_reference_body():
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
], ids=["en7-14c", "en7-15d", "en7-14d"])
def test_review_minted(extract, text, names):
    assert names <= new_names(extract(text, "en"))
