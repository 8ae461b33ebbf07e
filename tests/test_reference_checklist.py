"""The issue-21 checklist of ontology/data/README.md agrees with the reference data it describes.

The table between `<!-- checklist:start -->` and `<!-- checklist:end -->` names, for every item issue 21 lists, the
row that holds it and the status of its names.  Checked here: every row named exists; a row whose `note` marks a name
`zh-unverified` or `en-unverified` is not called plain `verified`; an item without a row says `missing`; and every
name and alias of every row named links to that row and to no other entity of its language.
"""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

import pytest

from kg.core.namespaces import ID
from kg.core.reference import load_entities
from kg.extract.nlp import normalize_label

DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"
README = (DATA / "README.md").read_text(encoding="utf-8")
KIND = {"treaties": None, "instruments": "instrument", "bodies": "body", "organizations": "organization"}


def _table() -> list[dict]:
    block = README.split("<!-- checklist:start -->", 1)[1].split("<!-- checklist:end -->", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.startswith("|")][2:]  # header and rule
    items = []
    for line in lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == 5, line
        item, rows, _en, _zh, status = cells
        named = re.findall(r"`(treaties|instruments|bodies|organizations)/([a-z0-9-]+)`", rows)
        if "…" in rows:  # a numbered series written `file/x-1` … `file/x-n`
            (stem, first), (_, last) = named
            prefix, start, end = first.rsplit("-", 1)[0], int(first.rsplit("-", 1)[1]), int(last.rsplit("-", 1)[1])
            named = [(stem, f"{prefix}-{n}") for n in range(start, end + 1)]
        items.append({"item": item, "rows": named, "status": status})
    return items


ITEMS = _table()
ROWS = {}
for stem in KIND:
    with (DATA / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        ROWS.update({(stem, r["id"]): r for r in csv.DictReader(handle)})
NAMED = sorted({key for entry in ITEMS for key in entry["rows"]})


def test_reference_checklist_covers_the_issue():
    assert len(ITEMS) >= 90
    items = " ".join(entry["item"] for entry in ITEMS)
    for named in ("Charter", "ICCPR", "CEDAW", "CRPD", "CED", "Rome Statute", "Nelson Mandela Rules", "Bangkok Rules",
                  "2030 Agenda", "Security Council", "Human Rights Council", "Commission on the Status of Women",
                  "Counter-Terrorism Committee", "Doha Declaration", "Kyoto Declaration", "Salvador Declaration"):
        assert named in items, named


@pytest.mark.parametrize("entry", ITEMS, ids=[e["item"][:60] for e in ITEMS])
def test_reference_checklist_row_exists_and_status_agrees_with_its_note(entry):
    if not entry["rows"]:
        assert entry["status"] == "missing"
        return
    assert entry["status"] != "missing"
    for key in entry["rows"]:
        assert key in ROWS, key
        note = ROWS[key]["note"]
        for mark in ("zh-unverified", "en-unverified"):
            if mark in note:
                assert mark in entry["status"], (key, mark)


def _iri(stem: str, ident: str):
    entity = next(e for e in load_entities() if e.id == ident and (KIND[stem] is None or e.kind == KIND[stem]))
    return entity


NAME_CASES = [
    pytest.param(stem, ident, lang, name, id=f"{ident}-{lang}-{n}")
    for stem, ident in NAMED
    for n, (lang, name) in enumerate(sorted(_iri(stem, ident).labels.items()) + list(_iri(stem, ident).aliases))
]


@pytest.mark.parametrize("stem,ident,lang,name", NAME_CASES)
def test_reference_checklist_name_links_to_its_row_only(stem, ident, lang, name):
    from kg.extract.link import gazetteer

    entity = _iri(stem, ident)
    gaz = gazetteer(lang)
    text = normalize_label(name)
    whole = [str(m.iri) for m in gaz.match(gaz.nlp.make_doc(text)) if (m.start, m.end) == (0, len(text))]
    assert whole == [str(entity.iri)]
    assert str(entity.iri).startswith(str(ID))


OFFICIAL_TEXTS = DATA.parent.parent / "tests" / "data" / "reference_checklist" / "official_texts.toml"
OFFICIAL_CASES = tomllib.loads(OFFICIAL_TEXTS.read_text(encoding="utf-8"))["case"]


def _linked(lang: str, text: str) -> set[str]:
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document

    known = {e.iri for e in load_entities()}
    doc = parse_document(f"checklist.{lang}.md", text.encode("utf-8"), lang)
    return {str(m.entity)[len(str(ID)):] for m in Extractor().extract(doc).mentions if m.entity in known}


@pytest.mark.parametrize("case", OFFICIAL_CASES, ids=[c["id"] for c in OFFICIAL_CASES])
def test_reference_checklist_official_text_links_the_verified_names(case):
    """A sentence of the official text a name was verified in links to the row that holds the name."""
    assert set(case["expected"]) <= _linked(case["lang"], case["text"])


RESOLUTIONS = sorted({c["resolution"] for c in OFFICIAL_CASES if "resolution" in c})


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_reference_checklist_both_editions_of_a_resolution_give_the_same_iris(resolution):
    """The English and the Chinese edition of the same resolution (or of the same recurring paragraph) link the
    checklist's rows by the same IRIs."""
    cases = [c for c in OFFICIAL_CASES if c.get("resolution") == resolution]
    assert {c["lang"] for c in cases} == {"en", "zh"}
    rows = {c["lang"]: _linked(c["lang"], c["text"]) & set(c["expected"]) for c in cases}
    assert rows["en"] == rows["zh"]


def _verified(status: str) -> bool:
    """`verified`, possibly with a remark on an alias: every later part that is unverified speaks of an alias."""
    first, *rest = [part.strip() for part in status.split(";")]
    return (first.startswith("verified") and "unverified" not in first
            and all("alias" in part for part in rest if "unverified" in part))


def test_reference_checklist_status_line_counts_the_table():
    """The status line above the table states the counts the table holds."""
    statuses = [entry["status"] for entry in ITEMS]
    verified = sum(1 for s in statuses if _verified(s))
    missing = statuses.count("missing")
    unrecorded = sum(1 for s in statuses if "source not recorded" in s)
    line = README.split("Status on", 1)[1].split("<!-- checklist:start -->", 1)[0]
    assert f"{len(ITEMS)} items" in line
    assert f"{missing} missing" in line
    assert (unrecorded == 0 and "none whose sources are unrecorded" in line) or f"{unrecorded} whose" in line
    assert f"{verified} verified" in line


MIRROR = " (alias, read only through an unofficial mirror)"
MIRRORED = [
    pytest.param(stem, ident, note.split(MIRROR, 1)[0].rsplit(" ", 1)[-1].rsplit(",", 1)[-1], id=f"{ident}-{n}")
    for (stem, ident), row in sorted(ROWS.items())
    for n, note in enumerate(row["note"].split(MIRROR)[:-1])
    for note in [note + MIRROR]
]


def test_reference_checklist_some_name_is_marked_as_read_through_a_mirror():
    assert MIRRORED


@pytest.mark.parametrize("stem,ident,name", MIRRORED)
def test_reference_checklist_a_name_read_only_through_a_mirror_is_an_alias_not_the_name(stem, ident, name):
    """A form seen only in an unofficial copy of a UN page may be matched (alias) but is never the preferred label."""
    row = ROWS[(stem, ident)]
    assert name not in (row["name_en"], row["name_zh"])
    aliases = [a.strip() for column in ("alt_en", "alt_zh") for a in row[column].split("|")]
    assert name in aliases
