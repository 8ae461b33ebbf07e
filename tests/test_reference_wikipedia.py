"""The `dbpedia` column of treaties.csv and bodies.csv: English Wikipedia articles of treaties and UN bodies.

Source and rules: ontology/data/README.md ("English Wikipedia articles and DBpedia resources of treaties and
bodies"); importer tools/import_wikipedia_links.py; the articles read: tools/sources/wikipedia-articles.csv.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from tools_run import rows_by_id, run_tool

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "ontology" / "data"
IMPORTER = REPO / "tools" / "import_wikipedia_links.py"
SOURCE = REPO / "tools" / "sources" / "wikipedia-articles.csv"
STEMS = ("treaties", "bodies")
TITLE = r"[A-Za-z0-9][A-Za-z0-9_(),.'\u2019:&\u2013-]*"
HEADER = "page,title,names,read\n"


def _rows(stem):
    with (DATA / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _source():
    with SOURCE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


LINKED = [(stem, row) for stem in STEMS for row in _rows(stem) if row.get("dbpedia")]
IDS = [f"{stem}/{row['id']}" for stem, row in LINKED]


@pytest.fixture()
def data_copy(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for stem in STEMS:
        shutil.copy(DATA / f"{stem}.csv", folder / f"{stem}.csv")
    return folder


def _column(folder, stem):
    return {i: r["dbpedia"] for i, r in rows_by_id(folder / f"{stem}.csv").items()}


def _write(path, *lines):
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _article(title, names="", host="https://en.wikipedia.org/wiki/"):
    return f'{host}{title.replace(" ", "_")},{title},"{names}",test'


def test_reference_wikipedia_links_filled_and_documented():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert len(LINKED) >= 5
    assert "`dbpedia`" in readme and "tools/import_wikipedia_links.py" in readme



@pytest.mark.parametrize("article", _source(), ids=[a["title"] for a in _source()])
def test_reference_wikipedia_source_names_the_copies_the_article_was_read_in(article):
    """Each article names where its text was read (`read`): the stored copy of `page`, or, where the index holds no
    copy of `page` itself, the stored mirror or Kiwix copy actually read, which is one of `copies` (review finding
    link-1); and the other copies of the same article found in the same index, so the reading can be repeated."""
    copies = [c.strip() for c in article["copies"].split("|")]
    assert copies and all(copies), article["title"]
    assert len(set(copies)) == len(copies)
    read = article["read"]
    if not read.startswith("the stored copy of `page` in the pages index"):
        found = re.match(r"the stored copy of (\S+) in the pages index \(", read)
        assert found, read
        assert found.group(1) in copies, found.group(1)
        assert "no copy of `page` itself" in read
    for copy in copies:
        parts = urlsplit(copy)
        assert parts.scheme in ("http", "https") and parts.netloc, copy
        assert parts.netloc != "en.wikipedia.org", copy

@pytest.mark.parametrize("stem,row", LINKED, ids=IDS)
def test_reference_wikipedia_title_is_well_formed(stem, row):
    assert re.fullmatch(TITLE, row["dbpedia"]), row["dbpedia"]


def test_reference_wikipedia_no_title_names_two_rows():
    holders = {}
    for stem, row in LINKED:
        holders.setdefault(row["dbpedia"], []).append(f"{stem}/{row['id']}")
    assert {title: named for title, named in holders.items() if len(named) > 1} == {}


@pytest.mark.parametrize("stem,row", LINKED, ids=IDS)
def test_reference_wikipedia_article_names_the_row(stem, row):
    """The article read (its address, title and names) agrees with the row's English name or an alias."""
    import sys

    sys.path.insert(0, str(REPO / "tools"))
    from import_wikipedia_links import article, row_names

    records = [r for r in _source() if r["title"].replace(" ", "_") == row["dbpedia"]]
    assert len(records) == 1
    ident, names, _ = article(records[0], 2)
    assert ident == row["dbpedia"]
    assert unquote(urlsplit(records[0]["page"]).path).rsplit("/", 1)[-1].replace("_", " ") == records[0]["title"]
    assert names & row_names(row)[0]


@pytest.mark.parametrize("stem,row", LINKED, ids=IDS)
def test_reference_wikipedia_links_reach_the_rdf(stem, row):
    from kg.core.reference import entity_triples, load_entities

    kind = {"treaties": "treaty", "bodies": "body"}[stem]
    entity = next(e for e in load_entities() if e.id == row["id"] and e.kind == kind)
    triples = set(entity_triples(entity))
    assert (entity.iri, SKOS.exactMatch, URIRef(f"http://dbpedia.org/resource/{row['dbpedia']}")) in triples
    assert (entity.iri, RDFS.seeAlso, URIRef(f"https://en.wikipedia.org/wiki/{row['dbpedia']}")) in triples


def test_reference_wikipedia_importer_gives_the_files_byte_for_byte(data_copy):
    """Re-running the importer on the articles read gives treaties.csv and bodies.csv as committed."""
    result = run_tool(IMPORTER, str(SOURCE), "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    for stem in STEMS:
        assert (data_copy / f"{stem}.csv").read_bytes() == (DATA / f"{stem}.csv").read_bytes(), stem


def test_reference_wikipedia_importer_matches_names_and_refuses_ambiguity(tmp_path, data_copy):
    source = _write(
        tmp_path / "articles.csv",
        # "United Nations" before our name, serial comma: both ours
        _article("United Nations Human Rights Committee", "United Nations Human Rights Committee"),
        _article("United Nations General Assembly Third Committee", "Social, Humanitarian, and Cultural Committee"),
        # an abbreviation alone never matches
        _article("Convention on Rights", "CRC"),
        # one article naming two rows: refused for both
        _article("Two Conventions", "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or "
                 "Punishment | Convention on the Rights of the Child"),
        # two articles naming one row: refused
        _article("Committee on Enforced Disappearances"),
        _article("United Nations Committee on Enforced Disappearances"),
        # the article's abbreviation is not the row's
        _article("Commission on Narcotic Drugs", "Commission on Narcotic Drugs | UNCND"),
    )
    result = run_tool(IMPORTER, str(source), "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    bodies, treaties = _column(data_copy, "bodies"), _column(data_copy, "treaties")
    assert bodies["human-rights-committee"] == "United_Nations_Human_Rights_Committee"
    assert bodies["third-committee"] == "United_Nations_General_Assembly_Third_Committee"
    assert treaties["crc"] == "" and treaties["cat"] == ""
    assert "dbpedia Two_Conventions refused: names treaties/cat, treaties/crc" in result.stderr
    assert bodies["committee-enforced-disappearances"] == ""
    assert "bodies/committee-enforced-disappearances: dbpedia: ambiguous" in result.stderr
    assert bodies["cnd"] == "" and "abbreviation UNCND is not ours (CND)" in result.stderr
    assert bodies["committee-rights-of-the-child"] == ""  # the column is rewritten as a whole


BAD_SOURCES = {
    "missing": None,
    "no-title-column": "page,names\nhttps://en.wikipedia.org/wiki/X,X\n",
    "empty": HEADER,
    "redirect": HEADER + "https://en.wikipedia.org/wiki/UN_Human_Rights_Committee,United Nations Human Rights Committee,,x\n",
    "not-wikipedia": HEADER + "https://example.org/wiki/Third_Committee,Third Committee,,x\n",
    "http": HEADER + "http://en.wikipedia.org/wiki/Third_Committee,Third Committee,,x\n",
    "bad-title": HEADER + "https://en.wikipedia.org/wiki/%3Cx%3E,<x>,,x\n",
    "short-row": HEADER + "https://en.wikipedia.org/wiki/Third_Committee\n",
}


@pytest.mark.parametrize("name", sorted(BAD_SOURCES))
def test_reference_wikipedia_importer_refuses_bad_input_in_one_line(tmp_path, data_copy, name):
    source = tmp_path / "articles.csv"
    if BAD_SOURCES[name] is not None:
        source.write_text(BAD_SOURCES[name], encoding="utf-8")
    before = {stem: (data_copy / f"{stem}.csv").read_bytes() for stem in STEMS}
    result = run_tool(IMPORTER, str(source), "--data", str(data_copy))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert {stem: (data_copy / f"{stem}.csv").read_bytes() for stem in STEMS} == before


def test_reference_wikipedia_importer_reads_a_kiwix_copy_whose_address_spells_the_title(tmp_path, data_copy):
    kiwix = "https://kiwix.example.org/wikipedia_en_all_maxi_2024-01/A/"
    source = _write(tmp_path / "articles.csv", _article("Committee on Migrant Workers", host=kiwix))
    result = run_tool(IMPORTER, str(source), "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert _column(data_copy, "bodies")["committee-migrant-workers"] == "Committee_on_Migrant_Workers"


# ---------------------------------------------------------------- every UN body linked or documented

LINK_COLUMNS = ("wikidata", "geonames", "unbis", "untc", "bwb", "unsdg", "un_symbol", "dbpedia")
NOT_UN_BODIES = ("cop-cites", "ecdd")  # a CITES (non-UN treaty) body and a WHO committee: outside the clause
UN_BODIES_WITHOUT_OUTGOING_LINK = (  # each named in the README with the reason
    "committee-against-torture", "committee-elimination-discrimination-against-women",
    "committee-elimination-racial-discrimination", "committee-enforced-disappearances", "committee-migrant-workers",
    "cop-untoc", "cosp-crpd", "cosp-uncac", "crime-congress-1", "crime-congress-2", "crime-congress-3",
    "crime-congress-4", "crime-congress-5", "crime-congress-6", "crime-congress-7", "crime-congress-8",
    "crime-congress-9", "crime-congress-10", "crime-congress-11", "crime-congress-12", "crime-congress-13",
    "crime-congress-14", "crime-congress-15", "expert-meeting-international-cooperation-uncac", "fingov", "honlea",
    "honlea-africa", "honlea-asia-pacific", "honlea-europe", "honlea-latin-america-caribbean", "human-rights-committee",
    "irg-uncac", "irm-uncac", "review-mechanism-untoc", "subcommission-near-middle-east",
    "subcommittee-prevention-of-torture", "wg-asset-recovery", "wg-firearms", "wg-international-cooperation",
    "wg-prevention-of-corruption", "wg-smuggling-of-migrants", "wg-technical-assistance", "wg-trafficking-in-persons",
)
BODIES = _rows("bodies")


@pytest.mark.parametrize("row", BODIES, ids=[r["id"] for r in BODIES])
def test_reference_every_un_body_has_an_outgoing_link_or_a_documented_reason(row):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    linked = any(row.get(c) for c in LINK_COLUMNS)
    if row["id"] in NOT_UN_BODIES:
        assert f"`{row['id']}`" in readme
    elif row["id"] in UN_BODIES_WITHOUT_OUTGOING_LINK:
        assert not linked, "linked now: take it off the list"
        assert f"`{row['id']}`" in readme
    else:
        assert linked
