"""English treaties named by short names that share one plural head (issue 15, collective references): "the migrant
smuggling and firearms protocols" names each protocol; a list whose names are not all treaties' labels names none."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


FOUND = [
    ("Ghana became party to the migrant smuggling and firearms protocols in 2012.",
     {"protocol/smuggling-of-migrants-protocol", "protocol/firearms-protocol"}),
    ("Kenya ratified the Trafficking in Persons and Smuggling of Migrants Protocols in 2005.",
     {"protocol/trafficking-in-persons-protocol", "protocol/smuggling-of-migrants-protocol"}),
]

LEFT_ALONE = [  # one name of the list is no treaty's label: the phrase names no treaty by it
    ("Delegates discussed the maritime and firearms protocols of the region.", {"protocol/firearms-protocol"}),
    ("The Optional and Additional Protocols were discussed.", {"protocol/firearms-protocol"}),
]


@pytest.mark.parametrize("text,iris", FOUND, ids=[c[0][:40] for c in FOUND])
def test_shared_heads_name_each_treaty(extract, text, iris):
    assert iris <= linked(extract(text, "en"))


@pytest.mark.parametrize("text,iris", LEFT_ALONE, ids=[c[0][:40] for c in LEFT_ALONE])
def test_shared_heads_left_alone(extract, text, iris):
    assert not iris & linked(extract(text, "en"))


@pytest.mark.parametrize("items", [200, 2000], ids=["list-of-200", "list-of-2000"])
def test_shared_heads_read_a_bounded_window(items):
    """A long comma list before the plural head is read back over a bounded window only (the lookups do not
    grow with the list), and a paragraph without the head is not searched at all."""
    from kg.extract.english_forms import shared_heads

    calls = []

    def lookup(text):
        calls.append(text)
        return []

    shared_heads("Alpha Beta Gamma, " * items + "and Delta protocols.", [], lookup, None)
    assert 0 < len(calls) <= 60
    calls.clear()
    shared_heads("Ministry of Finance, " * items + "and others.", [], lookup, None)
    assert calls == []
