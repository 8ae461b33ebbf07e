"""Rows whose names were read in published tables and pages (tools/sources/published-names.csv): every name and alias
of such a row has a stored quote that contains it, links that row and no other entity, and is found in running text
written for the test (other words, other order), while the words around those names link nothing of theirs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.core.namespaces import ID
from kg.core.reference import load_entities
from kg.extract.gold import norm_name

SOURCES = Path(__file__).resolve().parent.parent / "tools" / "sources" / "published-names.csv"
QUOTES = list(csv.DictReader(SOURCES.open(encoding="utf-8")))
ROWS = sorted({q["row"] for q in QUOTES})


def _entities() -> dict:
    return {str(e.iri)[len(str(ID)):]: e for e in load_entities()}


def _names(entity, lang: str) -> set[str]:
    return {label for code, label in entity.labels.items() if code == lang} | {a for code, a in entity.aliases if code == lang}


def test_reference_published_sources_table_covers_its_rows():
    assert len(QUOTES) == 9 and ROWS == ["organizations/opcw", "organizations/unrwa"]


@pytest.mark.parametrize("quote", QUOTES, ids=[f"{q['row']}-{q['lang']}-{i}" for i, q in enumerate(QUOTES)])
def test_reference_published_name_is_in_its_quote_and_is_a_name_of_its_row(quote):
    entity = _entities()[quote["row"].replace("organizations/", "organization/")]
    assert quote["name"] in quote["quote"]
    assert quote["name"] in _names(entity, quote["lang"])
    assert quote["page"].startswith(("https://", "http://")) and quote["read"]


@pytest.mark.parametrize("row", ROWS)
def test_reference_published_every_name_of_the_row_has_a_quote(row):
    entity = _entities()[row.replace("organizations/", "organization/")]
    for lang in ("en", "zh"):
        quoted = {q["name"] for q in QUOTES if q["row"] == row and q["lang"] == lang}
        assert _names(entity, lang) == quoted, lang


@pytest.mark.parametrize("row", ROWS)
def test_reference_published_names_link_only_their_row(row):
    entities = _entities()
    path = row.replace("organizations/", "organization/")
    own = {norm_name(n) for lang in ("en", "zh") for n in _names(entities[path], lang)}
    for other_path, other in entities.items():
        if other_path != path:
            assert not own & {norm_name(n) for lang in ("en", "zh") for n in _names(other, lang)}, other_path


CASES = [
    ("en", "The Commissioner-General of UNRWA briefed the Director-General of the OPCW in The Hague.",
     {"organization/unrwa", "organization/opcw"}),
    ("en", "Staff of the United Nations Relief and Works Agency for Palestine Refugees in the Near East and of the "
           "Organization for the Prohibition of Chemical Weapons attended.", {"organization/unrwa", "organization/opcw"}),
    ("zh", "近东救济工程处和禁化武组织的代表出席了会议。", {"organization/unrwa", "organization/opcw"}),
    ("zh", "禁止化学武器组织与联合国近东巴勒斯坦难民救济和工程处交换了信息。", {"organization/unrwa", "organization/opcw"}),
    ("en", "Delegations from the Cook Islands and Niue took part.", {"country/COK", "country/NIU"}),
    ("zh", "纽埃和库克群岛的代表参加了讲习班。", {"country/COK", "country/NIU"}),
]
NEGATIVE = [
    ("en", "Chemical weapons were destroyed; relief and works agencies in the Near East reported on refugees."),
    ("zh", "各国应销毁化学武器，并向近东地区的难民提供救济。"),
    ("en", "Captain Cook sailed on; the islands were not named."),
]


def _linked(lang: str, text: str) -> set[str]:
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document

    known = {e.iri for e in load_entities()}
    doc = parse_document(f"published.{lang}.md", text.encode("utf-8"), lang)
    return {str(m.entity)[len(str(ID)):] for m in Extractor().extract(doc).mentions if m.entity in known}


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_reference_published_names_link_in_running_text(lang, text, expected):
    assert expected <= _linked(lang, text)


@pytest.mark.parametrize("lang,text", NEGATIVE, ids=[f"{c[0]}-{i}" for i, c in enumerate(NEGATIVE)])
def test_reference_published_generic_words_link_none_of_these_rows(lang, text):
    assert not _linked(lang, text) & {"organization/unrwa", "organization/opcw", "country/COK", "country/NIU"}
