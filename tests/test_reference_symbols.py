"""Official document symbols of instruments and bodies (`un_symbol`): form, agreement with the row, RDF link.

Source and rules: ontology/data/README.md ("Official document symbols of instruments and bodies");
importer: tools/import_symbols.py, which reads the resolution each row's note cites from the official text.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
from rdflib import RDFS, URIRef

from kg.core.reference import entity_triples, load_entities
from kg.core.resources import data_dir
from tools_run import rows_by_id, run_tool

REPO = Path(__file__).resolve().parent.parent
IMPORTER = REPO / "tools" / "import_symbols.py"
SOURCES = REPO / "tools" / "sources" / "adopting-resolutions.csv"
FILES = ("instruments", "bodies", "treaties")
TABLES = {stem: list(csv.DictReader((data_dir() / f"{stem}.csv").open(encoding="utf-8"))) for stem in FILES}
LINKED = [(stem, row) for stem in FILES for row in TABLES[stem] if row["un_symbol"]]
IDS = [f"{stem}/{row['id']}" for stem, row in LINKED]
FORM = re.compile(
    r"A/RES/(?P<session>[1-9][0-9]*)/[1-9][0-9]*"
    r"|A/RES/S-[1-9][0-9]*/[1-9][0-9]*"
    r"|E/RES/(?P<ecosoc>(?:19[789]|20[0-9])[0-9])/[1-9][0-9]*"
    r"|S/RES/[1-9][0-9]* \((?P<sc>(?:19|20)[0-9]{2})\)"
)
ORGAN_NAMES = {"A": "General Assembly", "E": "(?:ECOSOC|Economic and Social Council)", "S": "Security Council"}


def test_reference_symbols_fill_most_instruments_and_the_bodies_resolutions_establish():
    counts = {stem: sum(1 for row in TABLES[stem] if row["un_symbol"]) for stem in FILES}
    assert counts["instruments"] >= 50 and counts["bodies"] >= 6 and counts["treaties"] >= 10


@pytest.mark.parametrize("stem,row", LINKED, ids=IDS)
def test_reference_symbols_are_well_formed(stem, row):
    assert FORM.fullmatch(row["un_symbol"]), row["un_symbol"]


@pytest.mark.parametrize("stem,row", LINKED, ids=IDS)
def test_reference_symbols_agree_with_the_year_the_row_holds(stem, row):
    m = FORM.fullmatch(row["un_symbol"])
    if not m or not row.get("year"):
        pytest.skip("no year to compare (a body, or a special session)")
    year = int(row["year"])
    if m.group("session"):
        assert year - 1945 in (int(m.group("session")), int(m.group("session")) + 1)
    elif m.group("ecosoc") or m.group("sc"):
        assert year == int(m.group("ecosoc") or m.group("sc"))


@pytest.mark.parametrize("stem,row", LINKED, ids=IDS)
def test_reference_symbols_are_the_resolution_the_note_cites(stem, row):
    symbol = row["un_symbol"]
    organ, number = symbol[0], symbol.split("/RES/", 1)[1]
    first = re.split(r"\.(?:\s|$)", row["note"], maxsplit=1)[0]
    assert re.search(rf"{ORGAN_NAMES[organ]} resolution {re.escape(number)}(?![0-9/])", first), first


def test_reference_symbols_of_a_body_agree_with_the_resolution_its_name_cites():
    named = [(r["id"], m) for r in TABLES["bodies"] if (m := re.search(r"resolution ([0-9]+) \(([0-9]{4})\)", r["name_en"]))]
    assert named, "a body named after its resolution"
    for ident, m in named:
        row = next(r for r in TABLES["bodies"] if r["id"] == ident)
        assert row["un_symbol"] in ("", f"S/RES/{m.group(1)} ({m.group(2)})")


@pytest.mark.parametrize("stem,row", LINKED, ids=IDS)
def test_reference_symbols_reach_the_rdf_as_see_also_to_the_un_permalink(stem, row):
    kind = {"instruments": "instrument", "bodies": "body", "treaties": "treaty"}[stem]
    entity = next(e for e in load_entities() if e.kind == kind and e.row is not None
                  and e.id == row["id"] and e.row.get("un_symbol") == row["un_symbol"])
    expected = URIRef("https://undocs.org/" + row["un_symbol"].replace(" ", "%20"))
    assert (entity.iri, RDFS.seeAlso, expected) in set(entity_triples(entity))


NOTES = {
    "one": "General Assembly resolution 70/175.",
    "two": "Adopted by a congress and endorsed by General Assembly resolutions 40/32 and 40/146.",
    "old": "General Assembly resolution 217 A (III).",
    "late": "Endorsed by ECOSOC resolution 2006/23.",
    "special": "Annex to General Assembly resolution S-20/2 (10 June 1998).",
    "second-sentence": "Adopted by a world conference. Cited in General Assembly resolution 60/147.",
    "council": "Established by Security Council resolution 1373 (2001).",
    "other-organ": "COSP resolution 3/1 (2009).",
}
YEARS = {"one": "2015", "late": "2002", "special": "1998"}


def _tables(folder: Path) -> None:
    fields = ["id", "type", "name_en", "name_zh", "alt_en", "alt_zh", "parent", "year", "note"]
    with (folder / "instruments.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for ident, note in NOTES.items():
            writer.writerow({"id": ident, "type": "Rules", "name_en": ident, "year": YEARS.get(ident, ""), "note": note})
    fields = ["id", "type", "name_en", "name_zh", "alt_en", "alt_zh", "parent", "symbol_prefix", "note"]
    with (folder / "bodies.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerow({"id": "named", "type": "Committee", "note": "Established by Security Council resolution 1373 (2001).",
                         "name_en": "Security Council Committee established pursuant to resolution 1540 (2004)"})
        writer.writerow({"id": "ctc", "type": "Committee", "name_en": "Counter-Terrorism Committee",
                         "note": "Established by Security Council resolution 1373 (2001)."})
    fields = ["id", "type", "name_en", "name_zh", "alt_en", "alt_zh", "parent", "year", "untc", "note"]
    with (folder / "treaties.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerow({"id": "adopted", "type": "Convention", "name_en": "Convention on Things", "year": "2024",
                         "note": "zh-unverified: General Assembly resolution 79/243 (24 December 2024); short title only."})
        writer.writerow({"id": "its-protocol", "type": "Protocol", "name_en": "Optional Protocol on Things",
                         "parent": "adopted", "year": "2024", "note": "General Assembly resolution 79/243."})
        writer.writerow({"id": "unsourced", "type": "Convention", "name_en": "Convention on Stones", "year": "2024",
                         "note": "General Assembly resolution 79/244."})
        writer.writerow({"id": "other-resolution", "type": "Convention", "name_en": "Convention on Trees",
                         "year": "2024", "note": "General Assembly resolution 79/245."})
        writer.writerow({"id": "other-title", "type": "Convention", "name_en": "Convention on Rivers",
                         "year": "2024", "note": "General Assembly resolution 79/246."})
        writer.writerow({"id": "charter", "type": "Treaty", "name_en": "charter", "year": "1945",
                         "note": "Cited in General Assembly resolution 60/147. Signed at San Francisco."})
        writer.writerow({"id": "covenant", "type": "Convention", "name_en": "covenant", "year": "1966",
                         "note": "General Assembly resolution 2200 A (XXI)."})


SOURCE_HEADER = "row,resolution,page,title,quote,read\n"
SOURCE_ROWS = [
    "treaties/adopted,79/243,https://example.org/a,Convention on Things,Adopted by resolution 79/243 of 24 December 2024.,test",
    "treaties/its-protocol,79/243,https://example.org/a,Convention on Things and its Optional Protocol,"
    "The Convention and its Optional Protocol (A/RES/79/243) were adopted.,test",
    "treaties/other-resolution,79/247,https://example.org/b,Convention on Trees,Adopted by resolution 79/247.,test",
    "treaties/other-title,79/246,https://example.org/c,Convention on Lakes,Adopted by resolution 79/246.,test",
]


def _sources(folder: Path, rows=None) -> Path:
    path = folder / "adopting-resolutions.csv"
    path.write_text(SOURCE_HEADER + "".join(r + "\n" for r in (SOURCE_ROWS if rows is None else rows)), encoding="utf-8")
    return path


def test_reference_symbols_importer_takes_one_cited_resolution_and_refuses_the_rest(tmp_path):
    _tables(tmp_path)
    result = run_tool(IMPORTER, "--data", str(tmp_path), "--sources", str(_sources(tmp_path)))
    assert result.returncode == 0, result.stderr
    got = {ident: row["un_symbol"] for ident, row in rows_by_id(tmp_path / "instruments.csv").items()}
    assert got == {"one": "A/RES/70/175", "two": "", "old": "", "late": "", "special": "A/RES/S-20/2",
                   "second-sentence": "", "council": "S/RES/1373 (2001)", "other-organ": ""}
    bodies = rows_by_id(tmp_path / "bodies.csv")
    assert (bodies["named"]["un_symbol"], bodies["ctc"]["un_symbol"]) == ("", "S/RES/1373 (2001)")
    assert "instruments/late: E/RES/2006/23: year [2002] disagrees" in result.stderr
    assert "bodies/named: S/RES/1373 (2001): the name cites resolution 1540 (2004)" in result.stderr
    treaties = rows_by_id(tmp_path / "treaties.csv")
    assert {ident: row["un_symbol"] for ident, row in treaties.items()} == {
        "adopted": "A/RES/79/243", "its-protocol": "A/RES/79/243", "unsourced": "", "other-resolution": "",
        "other-title": "", "charter": "", "covenant": ""}
    assert list(treaties["adopted"]).index("un_symbol") == list(treaties["adopted"]).index("note") - 1
    assert "treaties/charter: A/RES/60/147: year [1945] disagrees" in result.stderr
    assert "treaties/unsourced: A/RES/79/244: no stored page states it" in result.stderr
    assert "treaties/other-resolution: A/RES/79/245: the stored page states resolution 79/247" in result.stderr
    assert "treaties/other-title: A/RES/79/246: the stored page's title 'Convention on Lakes' does not name" in result.stderr


@pytest.mark.parametrize("rows,message", [
    (["treaties/x,79/243,https://example.org/a,Convention on Things,Adopted in 2024.,test"], "does not state resolution"),
    (["treaties/x,79-243,https://example.org/a,Convention on Things,Resolution 79-243.,test"], "is not of the form"),
    (["treaties/x,79/243,example.org/a,Convention on Things,Resolution 79/243.,test"], "page address"),
    (["treaties/x,79/243,https://example.org/a,Convention on Things,Resolution 79/243.,test"] * 2, "listed twice"),
], ids=["quote-without-resolution", "bad-number", "no-address", "twice"])
def test_reference_symbols_importer_refuses_a_bad_sources_table(tmp_path, rows, message):
    _tables(tmp_path)
    before = (tmp_path / "treaties.csv").read_bytes()
    result = run_tool(IMPORTER, "--data", str(tmp_path), "--sources", str(_sources(tmp_path, rows)))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert (tmp_path / "treaties.csv").read_bytes() == before


def test_reference_symbols_of_treaties_are_stated_on_a_stored_page():
    """Every treaty's symbol has its row in tools/sources/adopting-resolutions.csv (review finding ref7-1)."""
    with SOURCES.open(encoding="utf-8", newline="") as handle:
        sources = {row["row"]: row for row in csv.DictReader(handle)}
    for row in TABLES["treaties"]:
        if row["un_symbol"]:
            assert row["un_symbol"] == "A/RES/" + sources[f"treaties/{row['id']}"]["resolution"], row["id"]


def test_reference_symbols_importer_gives_the_committed_tables_byte_for_byte(reference_data_copy):
    result = run_tool(IMPORTER, "--data", str(reference_data_copy))
    assert result.returncode == 0, result.stderr
    for stem in FILES:
        assert (reference_data_copy / f"{stem}.csv").read_bytes() == (data_dir() / f"{stem}.csv").read_bytes()


def test_reference_symbols_importer_bad_input_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "instruments.csv").write_text("id,type\nx,Rules\n", encoding="utf-8")
    before = (tmp_path / "instruments.csv").read_bytes()
    result = run_tool(IMPORTER, "--data", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert (tmp_path / "instruments.csv").read_bytes() == before


def _library_series(path: Path) -> dict:
    """Body name -> document symbol series (191__b) in the Dag Hammarskjöld Library's body table (Body.pm)."""
    text = path.read_text(encoding="utf-8")
    table = text.split("<<'EOF'", 1)[1].split("\nEOF", 1)[0]
    series = {}
    for line in table.splitlines():
        cells = line.split("\t")
        if len(cells) >= 4 and any(cells[:3]):
            name = [c for c in cells[:3] if c][-1]
            series.setdefault(name, []).extend(re.findall(r'191__b:"([^"*]+)\*"', cells[3]))
    return series


def test_reference_symbols_prefixes_agree_with_the_un_library_body_table():
    """`git show b359169fc61a9f14a8fddf531318d9fcaf2ea585:lib/Hzn/Export/Util/Map/Bib/DLX/Body.pm` in a clone of
    dag-hammarskjold-library/hzn (the UN library's table of bodies and their document symbol series), saved to the
    path named by KG_HZN_SOURCE: every body it names by our name or alias has a `symbol_prefix` in its series."""
    path = os.environ.get("KG_HZN_SOURCE", "")
    if not path or not Path(path).is_file():
        pytest.skip("source not on disk (set KG_HZN_SOURCE)")
    library = _library_series(Path(path))
    checked, disagree = [], []
    for row in csv.DictReader((data_dir() / "bodies.csv").open(encoding="utf-8")):
        names = {row["name_en"], *(a.strip() for a in row["alt_en"].split("|") if a.strip())}
        for series in (library[n] for n in names if n in library):
            if row["symbol_prefix"]:
                checked.append(row["id"])
                if not any((row["symbol_prefix"] + "/").startswith(s) for s in series):
                    disagree.append((row["id"], row["symbol_prefix"], series))
    assert disagree == [] and len(checked) >= 10
