"""Outgoing links of the Sustainable Development Goals: the UN SDG knowledge organization system and Wikidata.

Source and matching rules: ontology/data/README.md ("Outgoing links of the Sustainable Development Goals");
importer: tools/import_sdg_links.py.  The agreement test runs the importer on a copy of the reference data
when the source file is on disk (path in KG_SDG_SOURCE) and is skipped otherwise.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from rdflib import SKOS, URIRef

from kg.core.reference import entity_triples, load_entities
from kg.core.resources import data_dir
from tools_run import rows_by_id, run_tool

REPO = Path(__file__).resolve().parent.parent
IMPORTER = REPO / "tools" / "import_sdg_links.py"
INSTRUMENTS = list(csv.DictReader((data_dir() / "instruments.csv").open(encoding="utf-8")))
GOALS = [r for r in INSTRUMENTS if r["type"] == "Goal"]


def test_sdg_links_all_seventeen_goals_are_linked():
    assert sorted(int(r["unsdg"]) for r in GOALS if r["unsdg"] and r["wikidata"]) == list(range(1, 18))


@pytest.mark.parametrize("row", INSTRUMENTS, ids=[r["id"] for r in INSTRUMENTS])
def test_sdg_links_goal_number_agrees_with_the_row(row):
    """A goal carries the KOS number its id and short form name; nothing else carries one."""
    if row["type"] == "Goal":
        number = row["id"].removeprefix("sdg-")
        assert row["unsdg"] == number
        assert f"SDG {number}" in [a.strip() for a in row["alt_en"].split("|")]
    else:
        assert row["unsdg"] == "" and row["wikidata"] == ""


def test_sdg_links_wikidata_items_name_one_goal_each():
    items = [r["wikidata"] for r in GOALS]
    assert len(set(items)) == len(items) == 17


@pytest.mark.parametrize("row", GOALS, ids=[r["id"] for r in GOALS])
def test_sdg_links_reach_the_rdf_as_exact_matches(row):
    entity = next(e for e in load_entities() if e.kind == "instrument" and e.id == row["id"])
    matches = {o for s, p, o in entity_triples(entity) if p == SKOS.exactMatch}
    assert matches == {URIRef(f"http://metadata.un.org/sdg/{row['unsdg']}"),
                       URIRef(f"http://www.wikidata.org/entity/{row['wikidata']}")}


# ---------------------------------------------------------------- the importer on small published-format inputs

KOS = """\
@prefix sdg: <http://metadata.un.org/sdg/> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd: <http://www.wikidata.org/entity/> .

sdg:1 a sdgo:Goal ; skos:notation "1" ; skos:prefLabel "End poverty in all its forms everywhere"@en,
    "Éliminer la pauvreté sous toutes ses formes et partout dans le monde"@fr ; skos:exactMatch wd:Q111 .
sdg:2 a sdgo:Goal ; skos:prefLabel "Another title"@en ; skos:exactMatch wd:Q222 .
sdg:3 a sdgo:Goal ; skos:prefLabel "Ensure healthy lives and promote well-being for all at all ages"@en,
    "Garantizar una vida  sana"@es, "Permettre à tous"@fr, "Permettre à tous de vivre"@fr ;
    skos:exactMatch wd:Q333, wd:Q334 .
"""


def _run(*args):
    return run_tool(IMPORTER, *args)


def _goal_rows(folder):
    return rows_by_id(folder / "instruments.csv")


def test_sdg_links_importer_needs_title_and_number_and_one_item(tmp_path, reference_data_copy):
    source = tmp_path / "kos.ttl"
    source.write_text(KOS, encoding="utf-8")
    result = _run(str(source), "--data", str(reference_data_copy))
    assert result.returncode == 0, result.stderr
    rows = _goal_rows(reference_data_copy)
    assert (rows["sdg-1"]["unsdg"], rows["sdg-1"]["wikidata"]) == ("1", "Q111")
    assert (rows["sdg-2"]["unsdg"], rows["sdg-2"]["wikidata"]) == ("", "")  # another title
    assert (rows["sdg-3"]["unsdg"], rows["sdg-3"]["wikidata"]) == ("3", "")  # two Wikidata items
    assert (rows["sdg-4"]["unsdg"], rows["sdg-4"]["wikidata"]) == ("", "")  # not in the source
    assert "instruments/sdg-2: goal 2 of the source has another title" in result.stderr
    assert rows["agenda-2030"]["unsdg"] == rows["agenda-2030"]["wikidata"] == ""


def test_sdg_links_importer_takes_one_french_and_one_spanish_title_per_goal(tmp_path, reference_data_copy):
    source = tmp_path / "kos.ttl"
    source.write_text(KOS, encoding="utf-8")
    assert _run(str(source), "--data", str(reference_data_copy)).returncode == 0
    rows = _goal_rows(reference_data_copy)
    assert (rows["sdg-1"]["name_fr"], rows["sdg-1"]["name_es"]) == (
        "Éliminer la pauvreté sous toutes ses formes et partout dans le monde", "")
    assert (rows["sdg-2"]["name_fr"], rows["sdg-2"]["name_es"]) == ("", "")  # another English title
    assert (rows["sdg-3"]["name_fr"], rows["sdg-3"]["name_es"]) == ("", "Garantizar una vida sana")  # two @fr
    assert rows["agenda-2030"]["name_fr"] == rows["agenda-2030"]["name_es"] == ""


@pytest.mark.parametrize("row", GOALS, ids=[r["id"] for r in GOALS])
def test_sdg_links_goals_carry_their_french_and_spanish_titles_as_labels(row):
    assert row["name_fr"] and row["name_es"]
    entity = next(e for e in load_entities() if e.kind == "instrument" and e.id == row["id"])
    labels = {(o.language, str(o)) for s, p, o in entity_triples(entity) if p == SKOS.prefLabel}
    assert {("fr", row["name_fr"]), ("es", row["name_es"])} <= labels


def test_sdg_links_importer_is_repeatable(tmp_path, reference_data_copy):
    source = tmp_path / "kos.ttl"
    source.write_text(KOS, encoding="utf-8")
    assert _run(str(source), "--data", str(reference_data_copy)).returncode == 0
    first = (reference_data_copy / "instruments.csv").read_bytes()
    assert _run(str(source), "--data", str(reference_data_copy)).returncode == 0
    assert (reference_data_copy / "instruments.csv").read_bytes() == first


@pytest.mark.parametrize("content", ["not turtle {{{", "@prefix ex: <http://example.org/> . ex:a ex:b ex:c ."],
                         ids=["unreadable", "no-goal"])
def test_sdg_links_importer_bad_input_is_one_line_and_exit_2(tmp_path, reference_data_copy, content):
    source = tmp_path / "kos.ttl"
    source.write_text(content, encoding="utf-8")
    before = (reference_data_copy / "instruments.csv").read_bytes()
    result = _run(str(source), "--data", str(reference_data_copy))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert (reference_data_copy / "instruments.csv").read_bytes() == before


def test_sdg_links_agree_with_their_source(reference_data_copy):
    """`git show a07eb1a71b8aa369f0679a2d0c09eced02120eca:ontology/sdg-kos-goals-targets-indicators.ttl` in a
    clone of benmomo/eiffel-ontology, saved to the path named by KG_SDG_SOURCE."""
    path = os.environ.get("KG_SDG_SOURCE", "")
    if not path or not Path(path).is_file():
        pytest.skip("source not on disk (set KG_SDG_SOURCE)")
    result = _run(path, "--data", str(reference_data_copy))
    assert result.returncode == 0, result.stderr
    assert (reference_data_copy / "instruments.csv").read_bytes() == (data_dir() / "instruments.csv").read_bytes()
