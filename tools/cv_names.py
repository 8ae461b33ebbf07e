"""Grouped cross-validation of the learned name-span model on the dev annotations: rules alone vs rules + model.

    python tools/cv_names.py [--folds K] [--scores 0.5,0.7,0.9] [--work DIR] [--train-only FOLD:LANG]

Folds are built by kg.extract.learned_names_cv (files sharing a document in one fold); with --work the fold models are
kept there (retrained when their training files change) and --train-only trains one fold's model of one language (to
train folds in parallel processes).  Prints the table of entities and relations per language and class.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from kg.core.errors import InputError
    from kg.extract.learned_names_cv import run, table, train_fold

    parser = argparse.ArgumentParser(prog="python tools/cv_names.py", description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--scores", default="0.5,0.7,0.9", help="minimum model scores to compare (comma-separated)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the fold models (default: a temp folder)")
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--train-only", metavar="FOLD:LANG", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        scores = [float(s) for s in args.scores.split(",") if s.strip()]
    except ValueError:
        print(f"error: --scores {args.scores!r}: not numbers", file=sys.stderr)
        return 2
    if args.folds < 2:
        print("error: --folds must be 2 or more", file=sys.stderr)
        return 2
    try:
        if args.train_only:
            fold, _, lang = args.train_only.partition(":")
            if args.work is None or lang not in ("zh", "en") or not fold.isdigit():
                print("error: --train-only FOLD:LANG (lang zh or en) needs --work", file=sys.stderr)
                return 2
            train_fold(args.folds, int(fold), lang, args.work, args.epochs)
            return 0
        with tempfile.TemporaryDirectory(prefix="names-cv.") as tmp:
            print(table(run(args.folds, scores, args.work or Path(tmp), args.epochs)), end="")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
