"""One large generated document, and where a build of it spends time and memory.

    python -m bench.bigdoc OUT.md --mb 10 [--lang en|zh]      # write a document of about 10 MB
    python -m bench.bigdoc OUT.md --profile [--out DIR]          # build it once, time and peak memory per stage

The document is the synthetic reports of bench.synth (English or Chinese) run together, numbered paragraphs
renumbered to run on (1, 2, … n), each report's countries drawn anew: real prose, dense in entities, and no
paragraph repeated word for word.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import re
import resource
import sys
import time
from pathlib import Path

from .synth import chinese_document, english_document

NUMBERED = re.compile(r"^(\d+)\.", re.MULTILINE)


def large_document(size: int, lang: str = "en", seed: int = 0) -> str:
    """About *size* bytes (UTF-8) of generated report text in one document, paragraph numbers running on."""
    make = english_document if lang == "en" else chinese_document
    pieces, total, number, index = [], 0, 0, 0
    while total < size:
        text = make(index, seed)
        if index:  # the first report keeps its title and front matter; the others add their bodies
            text = text[NUMBERED.search(text).start():]

        def renumber(match: re.Match) -> str:
            nonlocal number
            number += 1
            return f"{number}."

        text = NUMBERED.sub(renumber, text)
        pieces.append(text)
        total += len(text.encode("utf-8")) + 1
        index += 1
    return "\n".join(pieces)


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# stage name -> "module:function" wrapped to time it (inclusive of the stages it calls)
STAGES = {
    "segment": "kg.extract.ingest:complete",
    "extract": "kg.extract.document:Extractor.extract",
    "N-Triples from records": "kg.extract.to_ntriples:document_ntriples",
    "part (split, turtle, steps)": "kg.build.merge:split_part",
    "  graph (if a step asks)": "kg.extract.to_rdf:document_graph",
    "  turtle": "kg.build.merge:turtle_body",
    "  reference N-Triples": "kg.extract.to_ntriples:reference_ntriples",
    "  step network": "kg.steps.network.step:NetworkStep.map_document",
    "  step describe": "kg.steps.describe:DescribeStep.map_document",
    "  step validate": "kg.steps.validate.step:ValidateStep.map_document",
    "  step editions": "kg.steps.editions:EditionsStep.map_document",
    "store part": "kg.build.cache:store_part",
    "merge: kg.ttl": "kg.build.merge:write_turtle",
    "merge: network": "kg.steps.network.step:NetworkStep.run",
    "merge: describe (nq, void)": "kg.steps.describe:DescribeStep.run",
    "merge: validate": "kg.steps.validate.step:ValidateStep.run",
}


def _wrap(spec: str, name: str, table: dict) -> None:
    module_name, _, attr = spec.partition(":")
    owner = importlib.import_module(module_name)
    *path, last = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    fn = getattr(owner, last)

    @functools.wraps(fn)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            row = table.setdefault(name, [0.0, 0.0])
            row[0] += time.perf_counter() - start
            row[1] = peak_mb()

    setattr(owner, last, timed)
    for other in list(sys.modules.values()):  # names imported with "from module import fn"
        if getattr(other, "__name__", "").startswith("kg.") and getattr(other, last, None) is fn and other is not owner:
            setattr(other, last, timed)


def profile(path: Path, out: Path) -> None:
    """Build *path* alone (one process, no cache) and print time and peak memory after each stage."""
    import kg.build.run
    from kg.steps import STANDARD

    table: dict = {}
    for name, spec in STAGES.items():
        _wrap(spec, name, table)
    start = time.perf_counter()
    result = kg.build.run.build([path], out, incremental=False, steps=STANDARD)
    total = time.perf_counter() - start
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {result.paragraphs} paragraphs, {result.triples:,} triples")
    print("| stage | seconds | peak MB after |")
    print("|---|---|---|")
    for name in STAGES:
        if name in table:
            print(f"| {name} | {table[name][0]:.1f} | {table[name][1]:.0f} |")
    print(f"| whole build | {total:.1f} | {peak_mb():.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bigdoc", description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--mb", type=float, help="write a generated document of this many MB to PATH")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--profile", action="store_true", help="build PATH and print each stage's time and peak memory")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-bigdoc-out"))
    args = parser.parse_args(argv)
    if args.mb:
        args.path.write_text(large_document(int(args.mb * 1e6), args.lang), encoding="utf-8")
    if args.profile:
        profile(args.path, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
