"""Reading and rewriting the reference-data CSV files, shared by the import scripts of tools/."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path


class InputError(Exception):
    """Bad input: reported on one line, exit code 2."""


def read_table(path: Path) -> tuple[list, list[dict]]:
    """The header and the rows of a CSV file (one line of error when it cannot be read)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            return list(reader.fieldnames or []), list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc.__class__.__name__})") from exc


def write_table(path: Path, fields: list, rows: list[dict]) -> None:
    """Write the CSV through a temporary file and a rename: never a half-written table."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(out.getvalue())
    os.replace(tmp, path)
