"""The issue-21 checklist of ontology/data/README.md agrees with the reference data it describes.

The table between `<!-- checklist:start -->` and `<!-- checklist:end -->` names, for every item issue 21 lists, the
row that holds it and the status of its names.  Checked here: every row named exists; a row whose `note` marks a name
`zh-unverified` or `en-unverified` is not called plain `verified`; an item without a row says `missing`; and every
name and alias of every row named links to that row and to no other entity of its language.
"""

from __future__ import annotations

import csv
import re
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
