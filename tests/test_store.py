"""The persistent on-disk store: kg build --store oxigraph:DIR, then kg query --data DIR."""

import pytest

from kg.core.errors import InputError
from kg.access.query import load_store, run_query
from kg.rdf.store import is_store, parse_spec


@pytest.mark.slow
def test_store_build_fills_a_store_that_queries_read(sample_path, tmp_path):
    from kg.build.run import build
    from kg.steps import STANDARD

    folder = tmp_path / "store"
    build([sample_path], tmp_path / "out", store=folder, steps=STANDARD)
    assert is_store(folder)
    store = load_store(folder)
    rows = run_query("programmes-serving-convention", store, {"convention": "UNTOC"}).rows
    assert len(rows) >= 1
    size = len(store)
    del store
    build([sample_path], tmp_path / "out", store=folder, steps=STANDARD)  # up to date: the store is refilled, not doubled
    assert len(load_store(folder)) == size


def test_store_refuses_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="refusing to overwrite"):
        parse_spec(f"oxigraph:{tmp_path}")


@pytest.mark.parametrize("spec", ["bogus", "sqlite:/tmp/x", "oxigraph:"])
def test_store_spec_must_name_oxigraph_and_a_folder(spec):
    with pytest.raises(InputError, match="expected oxigraph:DIR"):
        parse_spec(spec)
