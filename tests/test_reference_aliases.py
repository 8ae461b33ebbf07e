"""Aliases added to reference rows from published texts link their row, and the generic words of those names do not.

Data: tests/data/reference_aliases/cases.toml (a sentence of the text each alias was read in, with its source, and
paraphrases written for the test); the rows' `note` cells name the sources (ontology/data/README.md, sixth round).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.core.namespaces import ID
from kg.core.reference import load_entities

CASES = tomllib.loads((Path(__file__).parent / "data" / "reference_aliases" / "cases.toml")
                      .read_text(encoding="utf-8"))["case"]


def _linked(lang: str, text: str) -> set[str]:
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document

    known = {e.iri for e in load_entities()}
    doc = parse_document(f"alias.{lang}.md", text.encode("utf-8"), lang)
    return {str(m.entity)[len(str(ID)):] for m in Extractor().extract(doc).mentions if m.entity in known}


def test_reference_alias_cases_say_what_they_check():
    assert CASES and all(c.get("expected") or c.get("not_expected") for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reference_alias_links_its_row_and_generic_words_do_not(case):
    linked = _linked(case["lang"], case["text"])
    assert set(case.get("expected", [])) <= linked
    assert not set(case.get("not_expected", [])) & linked
