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

# column -> the form of its identifiers
FORMATS = {
    "wikidata": r"Q[1-9][0-9]*",
    "geonames": r"[1-9][0-9]*",
    "unbis": r"1[0-9]{6}",
    "untc": r"[IVXL]+-[0-9]+(-[a-z])?",
    "unsdg": r"[1-9][0-9]?",
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
    assert len(linked) >= 12
    assert "`untc`" in readme and "staffanm/ferenda" in readme


def test_reference_links_untc_names_the_status_page_of_the_right_treaty():
    by_id = {r["id"]: r["untc"] for r in TABLES["treaties"]}
    # a protocol never carries its convention's number
    for row in TABLES["treaties"]:
        if row["untc"] and row["parent"]:
            assert row["untc"] != by_id.get(row["parent"]), row["id"]


# ---------------------------------------------------------------- the importer on real and made-up input


def _run(*args):
    return subprocess.run(
        [sys.executable, str(UNTC_IMPORTER), *map(str, args)],
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
    rows = {
        r["id"]: r
        for r in csv.DictReader((data_copy / "treaties.csv").open(encoding="utf-8"))
    }
    assert rows["crc"]["untc"] == "IV-11"
    assert rows["cat"]["untc"] == ""
    assert rows["refugee-convention"]["untc"] == ""
    assert "refugee-convention: untc: ambiguous" in result.stderr


@pytest.mark.parametrize(
    "content",
    ["not json", '{"treaties": [{"mtdsg_no": "4-9", "title": "x"}]}', "{}"],
    ids=["not-json", "bad-number", "no-treaties"],
)
def test_reference_links_untc_importer_refuses_bad_input_in_one_line(
    tmp_path, data_copy, content
):
    source = tmp_path / "treaties.json"
    source.write_text(content, encoding="utf-8")
    before = (data_copy / "treaties.csv").read_bytes()
    result = _run(source, "--data", data_copy)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert (data_copy / "treaties.csv").read_bytes() == before


# Agreement with the published source, when it is on disk: `git show
# f74fa59976c10339fc5e4bdb33f3ee6889008089:accommodanda/untc/data/treaties.json` in a clone of
# staffanm/ferenda, saved to the path named by KG_UNTC_SOURCE.
SOURCES = {("treaties", "untc"): "KG_UNTC_SOURCE"}


@pytest.mark.parametrize(
    "stem,column", sorted(SOURCES), ids=[f"{s}/{c}" for s, c in sorted(SOURCES)]
)
def test_reference_links_agree_with_their_source(stem, column, data_copy):
    path = os.environ.get(SOURCES[(stem, column)], "")
    if not path or not Path(path).is_file():
        pytest.skip(f"source not on disk (set {SOURCES[(stem, column)]})")
    result = _run(path, "--data", data_copy)
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
