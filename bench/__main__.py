"""Run the benchmark suite and print its tables: `python -m bench [--quick | --full] [--only SECTION]`.

Every figure is a median of several runs; each case runs in a fresh process so its peak memory is its own;
each table carries a baseline measured in the same run, because absolute times drift on shared machines.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import scaling, sections

SIZES = {
    # documents built end to end, triples for queries / validation / export, runs per figure
    "quick": {"docs": [1, 2], "dask_docs": 4, "doc_lang": "en", "triples": [10_000], "validate": [10_000], "runs": 2, "jobs": 2},
    "default": {"docs": [1, 10, 100], "dask_docs": 40, "doc_lang": "zh", "triples": [10_000, 100_000], "validate": [10_000, 100_000], "runs": 3, "jobs": 2},
    "full": {"docs": [1, 10, 100, 1000], "dask_docs": 200, "doc_lang": "zh", "triples": [10_000, 100_000, 1_000_000],
             "validate": [10_000, 100_000, 1_000_000], "runs": 3, "jobs": 2},
}
SECTIONS = ("extraction", "build", "dask", "query", "validate", "export", "serve")


def main(argv: list[str] | None = None) -> int:
    """Run the suite and print the tables (and write them to --out)."""
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmarks of unodc-kg: extraction, build, SPARQL, SHACL, export.",
        epilog="example:\n  python -m bench --quick            # CI smoke size (about a minute)\n"
        "  python -m bench --only build       # default sizes: 1/10/100 documents, 10^4/10^5 triples\n"
        "  python -m bench --full --out bench.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_const", dest="size", const="quick", help="smallest sizes (CI smoke test)")
    size.add_argument("--full", action="store_const", dest="size", const="full", help="up to 1,000 documents and 10^6 triples")
    p.add_argument("--only", action="append", choices=SECTIONS, help="run only these sections (repeatable)")
    p.add_argument("--runs", type=int, help="runs per figure (default: 2 quick, 3 otherwise)")
    p.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    p.add_argument("--work", type=Path, help="keep corpora and builds in this folder (default: a temporary one)")
    args = p.parse_args(argv)
    config = dict(SIZES[args.size or "default"])
    if args.runs:
        config["runs"] = args.runs
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tables = [f"# unodc-kg benchmarks ({args.size or 'default'} size, {config['runs']} runs per figure)\n"]
    try:
        state: dict = {}
        for name in SECTIONS:
            if args.only and name not in args.only:
                continue
            text = getattr(scaling if name == "dask" else sections, name)(work, config, state)
            print(text, flush=True)
            tables.append(text)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    tables.append(f"(suite took {time.perf_counter() - started:.0f} s)\n")
    if args.out:
        args.out.write_text("\n".join(tables), encoding="utf-8")
    print(tables[-1], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
