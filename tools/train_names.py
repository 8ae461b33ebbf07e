"""Train the learned name-span models (kg/extract/learned_names.py) from the dev annotations.

    python tools/train_names.py [--lang zh|en] [--out ontology/models] [--epochs N] [--gold tests/data/annotations]

Reads only tests/data/annotations/dev/*.toml and sample/*.toml (never the held-out test half, nor rules.toml
[learned_names] unseen_sets) and writes ontology/models/names-<lang>/ (a temp folder renamed into place).  Same
annotations and settings, same model bytes.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"  # one thread: the same sums in the same order (set before numpy loads)

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from kg.core.errors import InputError
    from kg.core.resources import ontology_dir
    from kg.extract.learned_names_data import passages, training_files
    from kg.extract.learned_names_train import model_folder, save, train

    parser = argparse.ArgumentParser(prog="python tools/train_names.py", description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("zh", "en"), action="append", help="language (default: both)")
    parser.add_argument("--out", type=Path, default=None, help="models folder (default: ontology/models)")
    parser.add_argument("--epochs", type=int, default=None, help="default: rules.toml [learned_names.training] epochs")
    parser.add_argument("--gold", type=Path, default=None, help="annotations folder (its dev/ and sample/ are read)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = args.out or ontology_dir() / "models"
    try:
        files = training_files(args.gold)
        if not files:
            raise InputError("no dev annotation files found")
        for lang in args.lang or ["en", "zh"]:
            data = passages(files, lang)
            save(train(data, lang, args.epochs), model_folder(out, lang))
            size = sum(p.stat().st_size for p in model_folder(out, lang).rglob("*") if p.is_file())
            print(f"{lang}: {len(data)} passages, {sum(len(s) for _, s, _ in data)} spans -> {model_folder(out, lang)} "
                  f"({size / 1e6:.1f} MB)")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
