"""Benchmark cases, each run in a fresh interpreter (`python -m bench.cases NAME JSON`) so that its peak
memory is its own; each prints one JSON line of measurements."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from bench.measure import median_cpu, median_time

DOC_RE = re.compile(rb"/doc/([0-9a-f]{16})")


def reference_labels() -> list[str]:
    """Every name and alternative name in the reference data, both languages (what a dictionary scan looks for)."""
    import csv

    from kg.core.resources import data_dir

    labels = set()
    for path in sorted(data_dir().glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in ("name_en", "name_zh", "alt_en", "alt_zh"):
                    labels.update(x.strip() for x in (row.get(column) or "").split("|") if len(x.strip()) >= 2)
    return sorted(labels)


def _texts(paths: list[str]) -> list[str]:
    return [Path(p).read_text(encoding="utf-8") for p in paths]


def extraction(paths: list[str], runs: int, engine: str = "kg", cache: str | None = None) -> dict:
    """Characters per second of the extractor (kg) or of a multi-pattern scan of all reference labels (floor).

    The extractor's load is its imports and its pipeline for the documents' language: the gazetteer (automaton,
    tokenizer rules) and, for Chinese, the word lists, read from the gazetteer cache in *cache* (built there
    when it is empty: a cold start)."""
    import os

    if cache:
        os.environ["KG_CACHE_DIR"] = cache
    from kg.extract.ingest import read_document

    docs = [read_document(Path(p)) for p in paths]
    chars = sum(len(d.text) for d in docs)
    started = time.perf_counter()
    if engine == "kg":
        from kg.extract.document import Extractor
        from kg.extract.link import gazetteer, zh_dictionary

        extractor = Extractor()
        gazetteer(docs[0].lang)
        if docs[0].lang == "zh":
            zh_dictionary()
        load = time.perf_counter() - started
        extractor.extract(docs[0])  # warm lazily built tables, as any long build would
        seconds, _ = median_time(lambda: [extractor.extract(d) for d in docs], runs)
        return {"engine": "kg.extract.document", "load_s": load, "seconds": seconds, "chars": chars}
    labels = reference_labels()
    try:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for i, label in enumerate(labels):
            automaton.add_word(label, i)
        automaton.make_automaton()
        kind = "pyahocorasick"
        scan = lambda: sum(1 for d in docs for _ in automaton.iter(d.text))  # noqa: E731
    except ImportError:
        pattern = re.compile("|".join(map(re.escape, sorted(labels, key=len, reverse=True))))
        kind = "re alternation"
        scan = lambda: sum(1 for d in docs for _ in pattern.finditer(d.text))  # noqa: E731
    load = time.perf_counter() - started
    seconds, matches = median_time(scan, runs)
    return {"engine": f"{kind} ({len(labels)} labels)", "load_s": load, "seconds": seconds, "chars": chars, "matches": matches}


def make_triples(source_nq: str, target: int, out_dir: str) -> dict:
    """Replicate the document graphs of a built kg.nq (new document keys) until about *target* triples;
    write data.nq (named graphs) and data.nt (all triples)."""
    lines = [l for l in Path(source_nq).read_bytes().splitlines() if l.strip()]
    reference = [l for l in lines if not DOC_RE.search(l)]
    documents = [l for l in lines if DOC_RE.search(l)]
    keys = sorted({m.group(1) for l in documents for m in DOC_RE.finditer(l)})
    out, copy = list(reference), 0
    while len(out) < target:
        for key in keys:
            new = f"{copy:016x}".encode()
            out.extend(l.replace(key, new) for l in documents if key in l)
        copy += 1
    out = sorted(set(out[: max(target, len(reference) + 1)]))
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data.nq").write_bytes(b"\n".join(out) + b"\n")
    import pyoxigraph as ox

    quads = ox.parse(path=str(folder / "data.nq"), format=ox.RdfFormat.N_QUADS)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    (folder / "data.nt").write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    return {"quads": len(out), "triples": len(triples)}


def query(data: str, runs: int, engine: str = "oxigraph") -> dict:
    """Latency of each named query without required parameters: kg.access.query on pyoxigraph, or rdflib's default store."""
    from kg.access.query import load_spec, named_queries, run_query

    started = time.perf_counter()
    if engine == "oxigraph":
        import pyoxigraph as ox

        source = ox.Store()
        source.bulk_load(path=data, format=ox.RdfFormat.N_TRIPLES)
    else:
        from rdflib import Graph

        source = Graph().parse(data, format="nt")
    load = time.perf_counter() - started
    latencies, cpu = {}, {}
    for name in named_queries():
        spec = load_spec(name)
        if any(p.required for p in spec.params):
            continue
        cpu_times = []

        def timed():
            started_cpu = time.process_time()
            rows = run_query(name, source)
            cpu_times.append(time.process_time() - started_cpu)
            return rows

        seconds, result = median_time(timed, runs)
        latencies[name] = seconds
        cpu[name] = sorted(cpu_times)[len(cpu_times) // 2]  # CPU seconds: what a shared machine's load does not inflate
    return {"engine": engine, "load_s": load, "latencies": latencies, "cpu": cpu}


def validate(data: str, runs: int, engine: str = "kg") -> dict:
    """SHACL validation time: kg.steps.validate.validate ("kg": on pySHACL, "compiled": the compiled shapes), or
    plain pySHACL with the same shapes and data.  The kg engines also give the SHA-256 of their report."""
    import hashlib

    from rdflib import Graph

    graph = Graph().parse(data, format="nt")
    if engine in ("kg", "compiled"):
        from kg.steps.validate import validate as kg_validate

        choice = "compiled" if engine == "compiled" else "pyshacl"
        seconds, report = median_time(lambda: kg_validate(graph, engine=choice), runs)
        return {"engine": f"kg.steps.validate ({choice})", "seconds": seconds, "conforms": report.conforms,
                "triples": len(graph), "report_sha256": hashlib.sha256(report.turtle()).hexdigest()}
    import pyshacl

    from kg.steps.validate import shapes_graph

    shapes = shapes_graph()
    seconds, result = median_time(lambda: pyshacl.validate(graph, shacl_graph=shapes, advanced=False), runs)
    return {"engine": "pyshacl", "seconds": seconds, "conforms": bool(result[0]), "triples": len(graph)}


def validate_documents(paths: list[str], runs: int) -> dict:
    """CPU seconds per document of kg.steps.validate on pySHACL and compiled, alternating on the same documents
    as a build's worker validates them (the document graph with the reference data it uses, its N-Triples)."""
    from kg.build.executors import process_document
    from kg.build.run import read_documents
    from kg.build.steps import BuildStep
    from kg.steps.validate import validate as kg_validate

    views = []

    class Keep(BuildStep):
        name = "bench-keep"

        def map_document(self, view):
            views.append(view)

    for doc in read_documents([Path(p) for p in paths]):
        process_document(doc, [Keep()])
    cpu = {"pyshacl": [], "compiled": []}
    same = True
    for view in views:
        pieces = (view.ntriples, view.reference_ntriples)
        reports = {}
        for engine in cpu:
            seconds, reports[engine] = median_cpu(lambda: kg_validate(view.graph, ntriples=pieces, engine=engine), runs)
            cpu[engine].append(seconds)
        same = same and reports["pyshacl"].turtle() == reports["compiled"].turtle()
    return {"documents": len(views), "triples": sum(len(v.graph) for v in views) / len(views),
            "pyshacl_s": sum(cpu["pyshacl"]) / len(views), "compiled_s": sum(cpu["compiled"]) / len(views), "same": same}


def export(data: str, runs: int, fmt: str) -> dict:
    """Time to read the N-Quads file and write one format to a file, as `kg export --data FILE --format FMT --out
    FILE` does (kg.publish.export.export_to: streamed, Oxigraph's reader and writers and an on-disk sort; JSON-LD
    by kg.rdf.jsonld), or with pyoxigraph alone (fmt "ox-nq": bulk load into a store and dump N-Quads)."""
    if fmt == "ox-nq":
        import pyoxigraph as ox

        def dump():
            store = ox.Store()
            store.bulk_load(path=data, format=ox.RdfFormat.N_QUADS)
            return len(store.dump(format=ox.RdfFormat.N_QUADS))

        seconds, size = median_time(dump, runs)
        return {"format": fmt, "seconds": seconds, "bytes": size}
    import tempfile

    from kg.core.files import atomic_open
    from kg.publish.export import export_to

    with tempfile.TemporaryDirectory(prefix="kg-bench-export-") as folder:
        target = Path(folder) / f"out.{fmt}"

        def write():
            with atomic_open(target, "wb") as handle:
                export_to(handle, Path(data), fmt)
            return target.stat().st_size

        seconds, size = median_time(write, runs)
    return {"format": fmt, "seconds": seconds, "bytes": size}


def serve_load(data: str, clients: int, requests: int) -> dict:
    """The `kg serve` endpoint on 127.0.0.1 under *clients* concurrent kept-alive clients sending the named queries
    without required parameters, *requests* in all: throughput, p50/p99 latency, refused (503) and failed (reset) requests."""
    import http.client
    import threading
    import urllib.parse

    import subprocess
    import sys

    from kg.access.query import load_spec, named_queries

    texts = [load_spec(n).text for n in named_queries() if not any(p.required for p in load_spec(n).params)]
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--data", data, "--port", "0"],
                              stderr=subprocess.PIPE, text=True)  # its own process, as users run it
    line = server.stderr.readline()
    if " at http://" not in line:
        server.kill()
        raise RuntimeError(f"kg serve did not start: {line}")
    host, port = urllib.parse.urlsplit(line.split(" at ", 1)[1].split()[0]).netloc.split(":")
    port = int(port)
    latencies, statuses, failures, lock = [], {}, [0], threading.Lock()
    per_client = [requests // clients + (i < requests % clients) for i in range(clients)]

    def client(index: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        for k in range(per_client[index]):
            body = urllib.parse.urlencode({"query": texts[(index + k) % len(texts)]})
            started = time.perf_counter()
            try:
                connection.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                            "Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                with lock:
                    failures[0] += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    server.terminate()
    server.wait(30)
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")

    return {"clients": clients, "requests": requests, "per_s": len(latencies) / wall, "p50_s": pct(0.50), "p99_s": pct(0.99),
            "ok": statuses.get(200, 0), "refused": statuses.get(503, 0), "failed": failures[0],
            "other": sum(n for s, n in statuses.items() if s not in (200, 503))}


CASES = {"extraction": extraction, "make_triples": make_triples, "query": query, "validate": validate,
         "validate_documents": validate_documents, "export": export,
         "serve_load": serve_load}


if __name__ == "__main__":
    name, kwargs = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(CASES[name](**kwargs)))
