"""Outgoing identifiers of the reference data: form, uniqueness, agreement with their published source.

Sources and matching rules: ontology/data/README.md ("Outgoing links …"); importers under tools/.
The agreement tests run the importer on a copy of the reference data when the source file is on disk
(path in the environment variable named below) and are skipped otherwise.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "ontology" / "data"
UNTC_IMPORTER = REPO / "tools" / "import_untc.py"
BWB_IMPORTER = REPO / "tools" / "import_bwb.py"

# column -> the form of its identifiers
FORMATS = {
    "wikidata": r"Q[1-9][0-9]*",
    "geonames": r"[1-9][0-9]*",
    "unbis": r"1[0-9]{6}",
    "untc": r"[IVXL]+-[0-9]+(-[a-z])?",
    "unsdg": r"[1-9][0-9]?",
    "bwb": r"BWBV[0-9]{7}",
    "dbpedia": r"[A-Za-z0-9][A-Za-z0-9_(),.'\u2019:&\u2013-]*",
}


def _table(stem):
    with (DATA / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


STEMS = sorted(p.stem for p in DATA.glob("*.csv"))
TABLES = {stem: _table(stem) for stem in STEMS}
FILE_COLUMNS = [
    (stem, column) for stem in STEMS for column in FORMATS if column in TABLES[stem][0]
]


@pytest.mark.parametrize(
    "stem,column", FILE_COLUMNS, ids=[f"{s}/{c}" for s, c in FILE_COLUMNS]
)
def test_reference_links_are_well_formed(stem, column):
    bad = [
        (r["id"], r[column])
        for r in TABLES[stem]
        if r[column] and not re.fullmatch(FORMATS[column], r[column])
    ]
    assert bad == []


@pytest.mark.parametrize("column", sorted(FORMATS))
def test_reference_links_no_identifier_names_two_rows(column):
    holders = {}
    for stem, rows in TABLES.items():
        for row in rows:
            if row.get(column):
                holders.setdefault(row[column], []).append(f"{stem}/{row['id']}")
    assert {value: rows for value, rows in holders.items() if len(rows) > 1} == {}


def test_reference_links_untc_column_is_filled_and_documented():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    linked = [r for r in TABLES["treaties"] if r["untc"]]
    assert len(linked) >= 37
    assert "`untc`" in readme and "staffanm/ferenda" in readme and "zmjones/untreaties" in readme


def test_reference_links_untc_names_the_status_page_of_the_right_treaty():
    by_id = {r["id"]: r["untc"] for r in TABLES["treaties"]}
    # a protocol never carries its convention's number
    for row in TABLES["treaties"]:
        if row["untc"] and row["parent"]:
            assert row["untc"] != by_id.get(row["parent"]), row["id"]


# ---------------------------------------------------------------- the importer on real and made-up input


def _untc(data_copy) -> dict:
    """The `untc` column of the importer's copy of treaties.csv, by row id."""
    with (data_copy / "treaties.csv").open(encoding="utf-8", newline="") as handle:
        return {r["id"]: r["untc"] for r in csv.DictReader(handle)}


def _run(*args, importer=UNTC_IMPORTER):
    return subprocess.run(
        [sys.executable, str(importer), *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "treaties.csv", folder / "treaties.csv")
    return folder


def test_reference_links_untc_importer_takes_exact_titles_and_refuses_ambiguity(
    tmp_path, data_copy
):
    source = tmp_path / "treaties.json"
    source.write_text(
        json.dumps(
            {
                "treaties": [
                    {
                        "mtdsg_no": "IV-11",
                        "title": "convention on the rights of  the child",
                    },  # case and spaces ignored
                    {
                        "mtdsg_no": "IV-9",
                        "title": "Convention against Torture",
                    },  # not our title: not taken
                    {
                        "mtdsg_no": "V-2",
                        "title": "Convention relating to the Status of Refugees",
                    },
                    {
                        "mtdsg_no": "V-3",
                        "title": "Convention relating to the Status of Refugees",
                    },  # two numbers: refused
                ]
            }
        ),
        encoding="utf-8",
    )
    result = _run(source, "--data", data_copy)
    assert result.returncode == 0, result.stderr
    rows = _untc(data_copy)
    assert rows["crc"] == "IV-11"
    assert rows["cat"] == ""
    assert rows["refugee-convention"] == ""
    assert "refugee-convention: untc: ambiguous" in result.stderr


INDEX_HEADER = "chapter_no,treaty_no,treaty_name,url,chapter_url,chapter_name\n"
STATUS_PAGE = "http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no={}&chapter={}&lang=en"


def _index_line(chapter, number, name, mtdsg):
    return f'{chapter},{number},"{name}",{STATUS_PAGE.format(mtdsg, chapter)},,chapter\n'


def test_reference_links_untc_importer_reads_the_mtdsg_index(tmp_path, data_copy):
    source = tmp_path / "index.csv"
    source.write_text(
        INDEX_HEADER
        # the place and date after the title, and a closing remark in parentheses, are not the title
        + _index_line(1, 1, "Charter of the United Nations (deposited in the archives of the Government of "
                      "the United States of America). San Francisco, 26 June 1945", "I-1")
        + _index_line(6, 15, "Single Convention on Narcotic Drugs, 1961. New York, 30 March 1961", "VI-15")
        # the 1961 Convention as amended is another treaty, with another title: not taken
        + _index_line(6, 18, "Single Convention on Narcotic Drugs, 1961, as amended by the Protocol amending the "
                      "Single Convention on Narcotic Drugs, 1961. New York, 8 August 1975", "VI-18")
        + _index_line(4, "11.b", "Optional Protocol to the Convention on the Rights of the Child on the involvement "
                      "of children in armed conflict. New York, 25 May 2000", "IV-11-b")
        # one title under two numbers (a convention and its final protocol): refused
        + _index_line(7, "11.a", "Convention for the Suppression of the Traffic in Persons and of the Exploitation "
                      "of the Prostitution of Others. Lake Success, New York, 21 March 1950", "VII-11-a")
        + _index_line(7, "11.b", "Convention for the Suppression of the Traffic in Persons and of the Exploitation "
                      "of the Prostitution of Others. Lake Success, New York, 21 March 1950", "VII-11-b")
        # annexes numbered in another form are skipped
        + _index_line(3, "2.2a", "Revised text of Annex II. Rome, 20 November 1959", "III-2-2a"),
        encoding="utf-8",
    )
    result = _run(source, "--data", data_copy)
    assert result.returncode == 0, result.stderr
    rows = _untc(data_copy)
    assert rows["un-charter"] == "I-1"
    assert rows["single-convention"] == "VI-15"
    assert rows["crc-opac"] == "IV-11-b"
    assert rows["traffic-in-persons-convention-1949"] == ""
    assert "traffic-in-persons-convention-1949: untc: ambiguous (VII-11-a, VII-11-b)" in result.stderr


def test_reference_links_untc_importer_keeps_a_line_break_inside_a_quoted_name(tmp_path, data_copy):
    source = tmp_path / "index.csv"
    source.write_text(INDEX_HEADER + _index_line(6, 15, "Single Convention on Narcotic Drugs,\n1961. New York, "
                                                 "30 March 1961", "VI-15"), encoding="utf-8")
    result = _run(source, "--data", data_copy)
    assert result.returncode == 0, result.stderr
    assert _untc(data_copy)["single-convention"] == "VI-15"


def test_reference_links_untc_importer_joins_two_sources_and_refuses_disagreement(tmp_path, data_copy):
    index = tmp_path / "index.csv"
    index.write_text(INDEX_HEADER + _index_line(4, 11, "Convention on the Rights of the Child. New York, "
                                                "20 November 1989", "IV-11")
                     + _index_line(4, 9, "Convention against Torture and Other Cruel, Inhuman or Degrading "
                                   "Treatment or Punishment. New York, 10 December 1984", "IV-9"), encoding="utf-8")
    curated = tmp_path / "treaties.json"
    curated.write_text(json.dumps({"treaties": [
        {"mtdsg_no": "IV-11", "title": "Convention on the Rights of the Child"},  # the same number: agree
        {"mtdsg_no": "IV-10", "title": "Convention against Torture and Other Cruel, Inhuman or Degrading "
                                       "Treatment or Punishment"},  # another number: refused
    ]}), encoding="utf-8")
    result = _run(curated, index, "--data", data_copy)
    assert result.returncode == 0, result.stderr
    rows = _untc(data_copy)
    assert rows["crc"] == "IV-11"
    assert rows["cat"] == ""
    assert "cat: untc: ambiguous (IV-10, IV-9)" in result.stderr


@pytest.mark.parametrize(
    "name,content",
    [("treaties.json", "not json"),
     ("treaties.json", '{"treaties": [{"mtdsg_no": "4-9", "title": "x"}]}'),
     ("treaties.json", "{}"),
     ("index.csv", INDEX_HEADER + _index_line(5, 9, "Convention against Torture. New York, 10 December 1984", "IV-9")),
     ("index.csv", "chapter,title\n4,Convention\n")],
    ids=["not-json", "bad-number", "no-treaties", "chapter-disagrees-with-number", "other-columns"],
)
def test_reference_links_untc_importer_refuses_bad_input_in_one_line(tmp_path, data_copy, name, content):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    before = (data_copy / "treaties.csv").read_bytes()
    result = _run(source, "--data", data_copy)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert (data_copy / "treaties.csv").read_bytes() == before


def test_reference_links_untc_protocol_is_in_its_conventions_chapter():
    by_id = {r["id"]: r["untc"] for r in TABLES["treaties"]}
    pairs = [(r["untc"], by_id.get(r["parent"], "")) for r in TABLES["treaties"] if r["untc"] and r["parent"]]
    compared = [(own, parent) for own, parent in pairs if parent]  # a parent without a number has no chapter to agree with
    assert len(compared) >= 14
    assert [(own, parent) for own, parent in compared if own.split("-")[0] != parent.split("-")[0]] == []


# Agreement with the published sources, when they are on disk: `git show
# f74fa59976c10339fc5e4bdb33f3ee6889008089:accommodanda/untc/data/treaties.json` in a clone of
# staffanm/ferenda, saved to the path named by KG_UNTC_SOURCE, and `git show
# 003ce1309cc2a27a5a3909f39b7e6634550bf173:index.csv` in a clone of zmjones/untreaties, saved to the path
# named by KG_UNTC_INDEX_SOURCE.
# The BWB identifiers: the `verdrag` folder of statengeneraal/laws-markdown at
# 91556a80a25a3da4234c8039945c6aeef4108d00 (`git archive 91556a8 verdrag | tar -x`), path in KG_BWB_SOURCE.
SOURCES = {("treaties", "untc"): ("KG_UNTC_SOURCE", "KG_UNTC_INDEX_SOURCE"), ("treaties", "bwb"): ("KG_BWB_SOURCE",)}
IMPORTERS = {"untc": UNTC_IMPORTER, "bwb": BWB_IMPORTER}


@pytest.mark.parametrize(
    "stem,column", sorted(SOURCES), ids=[f"{s}/{c}" for s, c in sorted(SOURCES)]
)
def test_reference_links_agree_with_their_source(stem, column, data_copy):
    paths = [os.environ.get(name, "") for name in SOURCES[(stem, column)]]
    if not all(p and Path(p).exists() for p in paths):
        pytest.skip(f"sources not on disk (set {' and '.join(SOURCES[(stem, column)])})")
    result = _run(*paths, "--data", data_copy, importer=IMPORTERS[column])
    assert result.returncode == 0, result.stderr
    assert (data_copy / f"{stem}.csv").read_bytes() == (
        DATA / f"{stem}.csv"
    ).read_bytes()


@pytest.mark.parametrize("number, chapter", [("IV-9", 4), ("V-2", 5), ("XVIII-12", 18), ("XXIII-1", 23), ("IV-11-b", 4)])
def test_reference_links_untc_page_carries_the_chapter_number(number, chapter):
    from kg.core.reference import untc_page

    assert untc_page(number) == (f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={number}"
                                 f"&chapter={chapter}&clang=_en")


def test_reference_links_untc_numbers_reach_the_rdf():
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDFS

    from kg.core.reference import load_entities, reference_graph, untc_page

    numbered = [e for e in load_entities() if e.kind == "treaty" and e.row.get("untc")]
    assert len(numbered) >= 12
    graph = reference_graph()
    for entity in numbered:
        number = entity.row["untc"]
        assert set(graph.objects(entity.iri, DCTERMS.identifier)) == {Literal(number)}, entity.id
        assert URIRef(untc_page(number)) in set(graph.objects(entity.iri, RDFS.seeAlso)), entity.id


# Treaties with no outgoing link at all (neither `wikidata`, `untc`, `bwb` nor `dbpedia`), each named in the README
# with its reason: no MTDSG number (not deposited with the Secretary-General), no English title in the Dutch treaty
# database (the Netherlands not a party, or not in the 2017 copy), in no published Wikidata table found, no English
# Wikipedia article retrieved, or refused.
TREATIES_WITHOUT_OUTGOING_LINK = (
    "arab-anti-corruption-convention", "cppnm-amendment",
    "fixed-platforms-protocol", "fixed-platforms-protocol-2005", "inter-american-convention-against-corruption",
    "montreal-protocol-2014", "sua-protocol-2005", "traffic-in-persons-convention-1949", "un-cybercrime-convention",
)


@pytest.mark.parametrize("row", TABLES["treaties"], ids=[r["id"] for r in TABLES["treaties"]])
def test_reference_links_every_treaty_has_an_outgoing_link_or_a_documented_reason(row):
    linked = bool(row.get("wikidata") or row.get("untc") or row.get("bwb") or row.get("dbpedia"))
    if row["id"] in TREATIES_WITHOUT_OUTGOING_LINK:
        assert not linked, "linked now: take it off the list"
        assert f"`{row['id']}`" in (DATA / "README.md").read_text(encoding="utf-8")
    else:
        assert linked


# ---------------------------------------------------------------- BWB identifiers (Dutch treaty database)


def _bwb(data_copy) -> dict:
    with (data_copy / "treaties.csv").open(encoding="utf-8", newline="") as handle:
        return {r["id"]: r["bwb"] for r in csv.DictReader(handle)}


def _bwb_file(root, ident, dutch, english=None, folder="verdrag/x"):
    path = root / folder / ident / "README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n"
    body = f"##{dutch}\n\n" + (f"####{english}\n\n" if english else "") + "### Article  1  \n\nText.\n"
    path.write_text(head + body, encoding="utf-8")


def test_reference_links_bwb_importer_takes_the_english_title_after_the_dutch_one(tmp_path, data_copy):
    root = tmp_path / "verdrag"
    _bwb_file(tmp_path, "BWBV0004659", "Verdrag inzake strafbare feiten aan boord van luchtvaartuigen",
              "Convention on offences and certain other acts committed on board aircraft")  # case ignored
    _bwb_file(tmp_path, "BWBV0003833", "Overeenkomst inzake de internationale handel",
              "Convention on International Trade in Endangered Species of Wild Fauna and Flora")
    _bwb_file(tmp_path, "BWBV0003834", "Wijziging van de Overeenkomst",
              "Convention on International Trade in Endangered Species of Wild Fauna and Flora")  # two ids: refused
    _bwb_file(tmp_path, "BWBV0001839", "Verdrag inzake de bestrijding van strafbare feiten")  # Dutch only: no title
    _bwb_file(tmp_path, "BWBV0001004", "Enkelvoudig Verdrag, zoals gewijzigd",
              "Single Convention on Narcotic Drugs, 1961, as amended by the Protocol amending the Single "
              "Convention on Narcotic Drugs, 1961")  # another treaty: not the 1961 Convention
    _bwb_file(tmp_path, "not-an-id", "Verdrag", "Convention on Cybercrime")  # folder not an identifier: skipped
    _bwb_file(tmp_path, "BWBV0002152", "Protocol tot bestrijding van wederrechtelijke daden van geweld op luchthavens",
              "Protocol for the Suppression of Unlawful Acts of Violence at Airports Serving International Civil "
              "Aviation, Supplementary to the Convention for the Suppression of Unlawful Acts against the Safety of "
              "Civil Aviation, Done at Montreal on 23 September 1971")  # the date of the supplemented treaty dropped
    result = _run(root, "--data", data_copy, importer=BWB_IMPORTER)
    assert result.returncode == 0, result.stderr
    rows = _bwb(data_copy)
    assert rows["tokyo-convention"] == "BWBV0004659"
    assert rows["cites"] == ""
    assert "cites: bwb: ambiguous (BWBV0003833, BWBV0003834)" in result.stderr
    assert rows["convention-on-cybercrime"] == ""
    assert rows["single-convention"] == ""
    assert rows["airport-protocol"] == "BWBV0002152"


@pytest.mark.parametrize("make", ["missing", "empty", "file"], ids=["no-folder", "no-treaty", "not-a-folder"])
def test_reference_links_bwb_importer_refuses_bad_input_in_one_line(tmp_path, data_copy, make):
    source = tmp_path / "verdrag"
    if make == "empty":
        source.mkdir()
    elif make == "file":
        source.write_text("x", encoding="utf-8")
    before = (data_copy / "treaties.csv").read_bytes()
    result = _run(source, "--data", data_copy, importer=BWB_IMPORTER)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert (data_copy / "treaties.csv").read_bytes() == before


def test_reference_links_bwb_column_is_filled_and_documented():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert len([r for r in TABLES["treaties"] if r["bwb"]]) >= 42
    assert "`bwb`" in readme and "statengeneraal/laws-markdown" in readme


def test_reference_links_bwb_identifiers_reach_the_rdf():
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    from kg.core.reference import load_entities, reference_graph

    numbered = [e for e in load_entities() if e.kind == "treaty" and e.row.get("bwb")]
    graph = reference_graph()
    for entity in numbered:
        page = URIRef(f"https://wetten.overheid.nl/{entity.row['bwb']}")
        assert page in set(graph.objects(entity.iri, RDFS.seeAlso)), entity.id


def test_reference_links_importers_keep_pep8_blank_lines():
    """The import scripts of tools/ keep PEP 8's blank lines (E30x: two before and after a top-level definition)."""
    ruff = subprocess.run([sys.executable, "-m", "ruff", "--version"], capture_output=True)
    if ruff.returncode != 0:
        pytest.skip("ruff is not installed (pip install -e '.[test]' installs it)")
    tools = sorted(str(p) for p in (REPO / "tools").glob("*.py"))
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--preview", "--select", "E30",
         "--output-format", "concise", *tools],
        capture_output=True, text=True, cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
