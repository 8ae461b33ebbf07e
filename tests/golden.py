"""Golden query results: tests/golden/<case>.csv, one per case of tests/data/query/cases.json (a named query, its
data — a hand-built file under tests/ or the sample build — and its parameters).

After changing a query, a hand-built graph or the extractor, regenerate them from the repository root and review
the diff before committing:

    python -m tests.golden
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.access.query import load_graph, run_query, to_csv
from kg.build.run import build
from kg.core.files import write_text
from kg.core.resources import ontology_graph
from kg.steps import STANDARD


def golden_cases() -> tuple[Path, list]:
    """tests/ and the cases of tests/data/query/cases.json: name, query, data (a file under tests/ or "sample"), params."""
    tests = Path(__file__).resolve().parent
    return tests, json.loads((tests / "data" / "query" / "cases.json").read_text(encoding="utf-8"))


def golden_graph(data: str, tests: Path, sample_ttl: Path | None = None) -> Graph:
    """The graph a golden case runs on: a hand-built file with the ontology only (it carries its own reference
    entities), or the sample build with the ontology and reference data."""
    if data == "sample":
        return load_graph(sample_ttl)
    graph = load_graph(tests / data, extras=False)
    graph += ontology_graph()
    return graph


def regenerate_golden() -> list[Path]:
    """Rewrite tests/golden/<case>.csv for every case (rdflib engine); review the diff before committing."""
    tests, cases = golden_cases()
    graphs: dict = {}
    written = []
    for case in cases:
        if case["data"] not in graphs:
            sample_ttl = None
            if case["data"] == "sample":
                out = Path(tempfile.mkdtemp(prefix="kg-golden-"))
                sample_ttl = build([tests.parent / "corpus" / "unodc-ed-report-2022.zh.md"], out, steps=STANDARD).out_dir / "kg.ttl"
            graphs[case["data"]] = golden_graph(case["data"], tests, sample_ttl)
        result = run_query(case["query"], graphs[case["data"]], case.get("params", {}))
        written.append(write_text(tests / "golden" / f"{case['name']}.csv", to_csv(result)))
    return written


def main(argv: list[str]) -> int:
    if argv not in ([], ["--regenerate-golden"]):
        print("usage: python -m tests.golden", file=sys.stderr)
        return 2
    for written in regenerate_golden():
        print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
