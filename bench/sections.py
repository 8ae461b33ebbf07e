"""The suite's sections: each measures one stage against a baseline and returns a table."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from bench.measure import tree_peak_mb, peak_mb, run_case, table
from bench.synth import SAMPLE, make_corpus


def _kg(*args) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *map(str, args)]


def extraction(work: Path, config: dict, state: dict) -> str:
    """Characters per second per language, pipeline load apart, against a multi-pattern scan of all labels."""
    en = make_corpus(work / "extract-en", 4, lang="en")
    rows = []
    for lang, paths in (("zh", [SAMPLE]), ("en", en)):
        paths = [str(p) for p in paths]
        cache = work / f"gazetteer-cache-{lang}"
        shutil.rmtree(cache, ignore_errors=True)
        cold = run_case("extraction", paths=paths, runs=1, engine="kg", cache=str(cache))
        ours = run_case("extraction", paths=paths, runs=config["runs"], engine="kg", cache=str(cache))
        floor = run_case("extraction", paths=paths, runs=config["runs"], engine="floor")
        for r, first in ((ours, cold), (floor, None)):
            rows.append([lang, r["engine"], r["chars"], r["load_s"], first["load_s"] if first else None, r["seconds"],
                         r["chars"] / r["seconds"], r["peak_mb"], (r["chars"] / r["seconds"]) / (floor["chars"] / floor["seconds"])])
    return table(
        "Extraction throughput",
        ["lang", "engine", "chars", "load s", "cold load s", "extract s", "chars/s", "peak MB", "× floor"],
        rows,
        "× floor: throughput relative to the plain multi-pattern scan of every reference label over the same text "
        "(the floor no linker can beat); load s is pipeline (or automaton) construction, not counted in chars/s: "
        "imports, the gazetteer and the word lists read from the gazetteer cache; cold: the first start, which "
        "builds the cache (kg.extract.compiled).",
    )


def build(work: Path, config: dict, state: dict) -> str:
    """End-to-end `kg build` time and peak memory by corpus size; growth; parallel and no-change rebuilds."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    sizes, lang = config["docs"], config["doc_lang"]
    corpus = work / f"corpus-{lang}"
    make_corpus(corpus, max(sizes), lang=lang)
    files = sorted(corpus.iterdir())
    rows, base = [], None
    jobs = config["jobs"]
    for n in sizes:
        folder = work / f"docs-{n}"
        folder.mkdir(exist_ok=True)
        for f in files[:n]:
            target = folder / f.name
            if not target.exists():
                target.write_bytes(f.read_bytes())
        # the largest corpus is built with the cache on (a clean build that writes it), for the rebuilds below
        last = n == sizes[-1]
        out = work / (f"out-{n}-inc" if last else f"out-{n}")
        seconds, peak, together, _ = tree_peak_mb(_kg("build", folder, "--out", out, "--jobs", jobs, *([] if last else ["--no-cache"])), env)
        base = base or seconds
        rows.append([n, str(jobs), "clean" + (", writes cache" if last else ""), seconds, seconds / n, peak, together,
                     seconds / base, (seconds / base) / n])
        state.setdefault("built", out)
    n = sizes[-1]
    folder, out = work / f"docs-{n}", work / f"out-{n}-inc"
    seconds, peak, together, _ = tree_peak_mb(_kg("build", folder, "--out", out, "--jobs", jobs), env)
    rows.append([n, str(jobs), "no change", seconds, seconds / n, peak, together, seconds / base, None])
    first = sorted(folder.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n999. UNODC supported Chile.\n", encoding="utf-8")
    seconds, peak, together, _ = tree_peak_mb(_kg("build", folder, "--out", out, "--jobs", jobs), env)
    rows.append([n, str(jobs), "1 doc changed", seconds, seconds / n, peak, together, seconds / base, None])
    return table(
        f"End-to-end kg build ({lang} documents{', sample size' if lang == 'zh' else ''})",
        ["docs", "jobs", "run", "s", "s/doc", "peak MB (1 process)", "peak MB (all)", "× 1 doc", "growth (× 1 doc / docs)"],
        rows,
        "Baseline: the 1-document build of the same run.  growth ≈ 1 is linear; below 1 the fixed cost "
        "(interpreter, pipeline load, after-build steps) is still amortising.  peak MB (1 process): the largest "
        "process (kg build or a worker); (all): the sum over kg build and its workers, sampled every 0.1 s.",
    )


def _triples(work: Path, state: dict, size: int) -> Path:
    """A data folder of about *size* triples replicated from a real build (built here if needed)."""
    folder = work / f"triples-{size}"
    if (folder / "data.nt").exists():
        return folder
    source = state.get("built")
    if source is None:
        source = work / "out-sample"
        if not (source / "kg.nq").exists():
            peak_mb(_kg("build", SAMPLE, "--out", source, "--no-cache"))
        state["built"] = source
    run_case("make_triples", source_nq=str(source / "kg.nq"), target=size, out_dir=str(folder))
    return folder


def query(work: Path, config: dict, state: dict) -> str:
    """Named SPARQL queries through kg.access.query on pyoxigraph against rdflib's default in-memory store."""
    rows = []
    for size in config["triples"]:
        data = str(_triples(work, state, size) / "data.nt")
        ours = run_case("query", data=data, runs=config["runs"], engine="oxigraph")
        base = run_case("query", data=data, runs=config["runs"], engine="rdflib")
        rows.append([size, "(load)", ours["load_s"], None, base["load_s"], base["load_s"] / ours["load_s"], ours["peak_mb"], base["peak_mb"]])
        for name in sorted(ours["latencies"]):
            a, b = ours["latencies"][name], base["latencies"].get(name)
            rows.append([size, name, a, ours["cpu"][name], b, (b / a) if b else None, None, None])
    return table(
        "SPARQL query latency (s)",
        ["triples", "query", "kg (oxigraph)", "kg CPU s", "rdflib default", "speed-up", "peak MB kg", "peak MB rdflib"],
        rows,
        "Queries with required parameters are skipped.  speed-up = rdflib time / kg time; kg CPU s: the process's CPU "
        "time for the query (run_query: Oxigraph's evaluation and the rows as rdflib terms), which the load of a shared "
        "machine inflates less than the wall-clock time.",
    )


def validate(work: Path, config: dict, state: dict) -> str:
    """SHACL validation: kg.steps.validate (on pySHACL, and compiled) against plain pySHACL on the same graph and shapes."""
    rows = []
    for size in config["validate"]:
        data = str(_triples(work, state, size) / "data.nt")
        ours = run_case("validate", data=data, runs=config["runs"], engine="kg")
        compiled = run_case("validate", data=data, runs=config["runs"], engine="compiled")
        base = run_case("validate", data=data, runs=config["runs"], engine="pyshacl")
        rows.append([ours["triples"], ours["seconds"], compiled["seconds"], base["seconds"], base["seconds"] / ours["seconds"],
                     ours["seconds"] / compiled["seconds"], ours["peak_mb"], compiled["peak_mb"], base["peak_mb"],
                     ours["conforms"], "yes" if compiled["report_sha256"] == ours["report_sha256"] else "NO"])
    return table(
        "SHACL validation",
        ["triples", "kg.steps.validate s", "compiled s", "pySHACL s", "speed-up", "compiled speed-up", "peak MB kg",
         "peak MB compiled", "peak MB pySHACL", "conforms", "same report"],
        rows,
        "All validate the same data against ontology/shapes.ttl without inference; kg.steps.validate adds the class "
        "hierarchy and prepared queries (speed-up = pySHACL / kg).  compiled = validate(engine=\"compiled\"), the "
        "shapes compiled into checks over an index of the data (what `kg build` runs per document); compiled "
        "speed-up = kg / compiled; same report: its SHACL report has the bytes of kg's.",
    ) + "\n" + _validate_documents(work, config)


def _validate_documents(work: Path, config: dict) -> str:
    """Validation per document as `kg build` runs it, pySHACL against compiled, in CPU seconds."""
    paths = [str(p) for p in make_corpus(work / "validate-docs", 2 if config["docs"][-1] < 10 else 4, lang=config["doc_lang"])]
    r = run_case("validate_documents", paths=paths, runs=config["runs"])
    return table(
        "SHACL validation per document (as kg build validates it)",
        ["documents", "triples per document", "pySHACL CPU s", "compiled CPU s", "speed-up", "same report"],
        [[r["documents"], r["triples"], r["pyshacl_s"], r["compiled_s"], r["pyshacl_s"] / r["compiled_s"],
          "yes" if r["same"] else "NO"]],
        "Synthetic documents of the build section's language; each document graph with the reference data it uses and "
        "its N-Triples (what a worker has), validated by kg.steps.validate on pySHACL and compiled alternately; "
        "CPU seconds of the validating process, mean over the documents of the median of the runs.",
    )


def export(work: Path, config: dict, state: dict) -> str:
    """Export time per format at the largest size, against pyoxigraph's N-Quads writer."""
    size = config["triples"][-1]
    data = str(_triples(work, state, size) / "data.nq")
    base = run_case("export", data=data, runs=config["runs"], fmt="ox-nq")
    rows = []
    for fmt in ("nt", "nq", "ttl", "trig", "jsonld"):
        r = run_case("export", data=data, runs=config["runs"], fmt=fmt)
        rows.append([size, fmt, r["seconds"], r["bytes"], r["peak_mb"], r["seconds"] / base["seconds"]])
    rows.append([size, "pyoxigraph nq (baseline)", base["seconds"], base["bytes"], base["peak_mb"], 1.0])
    return table("Export", ["triples", "format", "s", "bytes", "peak MB", "× baseline"], rows,
                 "kg.publish.export.export_to (read the N-Quads file, write sorted, deterministic output to a file, streamed: "
                 "Oxigraph's reader and writers, an on-disk merge sort, JSON-LD node by node) against pyoxigraph loading the "
                 "same file into a store and dumping N-Quads.")


def serve(work: Path, config: dict, state: dict) -> str:
    """The SPARQL endpoint under bounded load on localhost: 8 and 32 concurrent clients over the sample's graph."""
    source = state.get("built")
    if source is None:
        source = work / "out-sample"
        if not (source / "kg.nq").exists():
            peak_mb(_kg("build", SAMPLE, "--out", source, "--no-cache"))
        state["built"] = source
    rows = []
    for clients in (8, 32):
        r = run_case("serve_load", data=str(source / "kg.ttl"), clients=clients, requests=config.get("serve_requests", 20 * clients))
        rows.append([clients, r["requests"], r["per_s"], r["p50_s"] * 1000, r["p99_s"] * 1000, r["ok"], r["refused"], r["failed"],
                     r["other"]])
    return table(
        "SPARQL endpoint under load (kg serve, 127.0.0.1)",
        ["clients", "requests", "queries/s", "p50 ms", "p99 ms", "200", "503", "reset", "other"],
        rows,
        "`kg serve` in its own process with the default limits (8 query workers; a query waits up to 1 s for one, "
        "then 503); kept-alive client threads in the benchmark process POST the named queries without required "
        "parameters in turn.",
    )
