"""The CLDR territory names imported by tools/import_cldr_names.py: reproducible, never ambiguous."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from kg.core.reference import load_entities
from kg.core.resources import data_dir
from tools_run import run_tool

REPO = Path(__file__).resolve().parent.parent
IMPORTER = REPO / "tools" / "import_cldr_names.py"
# the CLDR releases the committed aliases come from (ontology/data/README.md): Babel's names, ICU's alt forms
CLDR_VERSIONS = "babel CLDR 49, ICU 77.1 CLDR 47"


def _run(*args):
    return run_tool(IMPORTER, *args)


def _babel_cldr():
    pytest.importorskip("babel")
    pytest.importorskip("icu")
    sys.path.insert(0, str(IMPORTER.parent))
    try:
        from import_cldr_names import versions
    finally:
        sys.path.remove(str(IMPORTER.parent))
    if versions() != CLDR_VERSIONS:
        pytest.skip(f"installed {versions()}, the data came from {CLDR_VERSIONS}")


def _aliases(iri_tail):
    entity = next(e for e in load_entities() if str(e.iri).endswith(iri_tail))
    return {alias for _, alias in entity.aliases}


@pytest.mark.parametrize("iri_tail, alias", [
    ("country/LAO", "Laos"),
    ("country/PRK", "North Korea"),
    ("country/PRK", "朝鲜"),
    ("country/KOR", "South Korea"),
    ("country/MMR", "Burma"),
    ("country/VAT", "梵蒂冈"),
    ("country/COD", "刚果（金）"),
    ("country/CIV", "Ivory Coast"),  # CLDR alt="variant", from ICU
    ("country/CIV", "象牙海岸"),
    ("country/TLS", "East Timor"),
    ("country/COD", "DRC"),  # from the variant "Congo (DRC)"
    ("country/NZL", "紐西蘭"),  # zh_Hant: Taiwan and Hong Kong
    ("country/KAZ", "哈薩克"),
    ("country/AUS", "澳洲"),  # two characters, a word of the dictionary
])
def test_reference_cldr_name_is_an_alias(iri_tail, alias):
    assert alias in _aliases(iri_tail)


@pytest.mark.parametrize("iri_tail, name", [
    ("country/FSM", "Micronesia"),  # CLDR's name of the State is the name of the M49 region
    ("region/latin-america-and-the-caribbean", "Latin America"),  # CLDR 419 is our latin-america row's name
    ("country/COD", "Congo"),  # from "Congo (DRC)": the name of country/COG
    ("country/COG", "Republic"),  # "Congo (Republic)": a word of the formal name qualifies, it does not name
    ("country/MLI", "馬利"),  # two characters, no word of the dictionary: 马利基
    ("country/TON", "東加"),  # 东加里曼丹
    ("region/central-america", "中美"),  # regional locales name States only: 中美 is "China-US"
    ("country/SLE", "獅子山"),  # tools/sources/cldr-left-out-zh.csv: Lion Rock in Hong Kong
    ("country/GEO", "喬治亞"),  # the US state
    ("country/BGD", "孟加拉"),  # West Bengal, the Bay of Bengal
])
def test_reference_cldr_name_of_another_entity_is_refused(iri_tail, name):
    assert name not in _aliases(iri_tail)


def test_reference_cldr_importer_reproduces_the_tables(reference_data_copy):
    _babel_cldr()
    result = _run("--data", str(reference_data_copy))
    assert result.returncode == 0, result.stderr
    for stem in ("countries", "regions"):
        assert (reference_data_copy / f"{stem}.csv").read_bytes() == (data_dir() / f"{stem}.csv").read_bytes()


def test_reference_cldr_importer_adds_and_refuses_on_a_small_table(tmp_path):
    _babel_cldr()
    (tmp_path / "countries.csv").write_text(
        "id,type,name_en,name_zh,alt_en,alt_zh,iso2,m49,note\n"
        "FSM,Country,Micronesia (Federated States of),密克罗尼西亚联邦,,,FM,583,\n"
        "LAO,Country,Lao People's Democratic Republic,老挝人民民主共和国,Lao PDR,,LA,418,\n", encoding="utf-8")
    (tmp_path / "regions.csv").write_text(
        "id,type,name_en,name_zh,alt_en,alt_zh,m49,note\nmicronesia,Region,Micronesia,密克罗尼西亚,,,057,\n",
        encoding="utf-8")
    result = _run("--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in csv.DictReader((tmp_path / "countries.csv").open(encoding="utf-8"))}
    assert rows["LAO"]["alt_en"] == "Lao PDR | Laos" and rows["LAO"]["alt_zh"] == "老挝"
    assert "Micronesia" not in rows["FSM"]["alt_en"] and "countries/FSM: 'Micronesia'" in result.stderr


@pytest.mark.parametrize("setup, message", [
    ("missing", "countries.csv: missing"),
    ("no-id", "not a reference table"),
])
def test_reference_cldr_importer_bad_input_is_one_line_exit_2(tmp_path, setup, message):
    if setup == "no-id":
        (tmp_path / "countries.csv").write_text("code,name\nX,Y\n", encoding="utf-8")
    result = _run("--data", str(tmp_path))
    assert result.returncode == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
