"""Reading and rewriting the reference-data CSV files, shared by the import scripts of tools/."""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable

DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"


def normalise(name: str) -> str:
    """An English title as compared with a source's: case, curly quotes, a leading "the", runs of spaces and
    the -isation/-ization spelling ignored."""
    text = name.replace("\u2019", "'").replace("\u2018", "'").casefold().strip()
    text = re.sub(r"isation\b", "ization", text)
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


def our_names(row: dict) -> set:
    """The normalised English name and aliases of a row."""
    items = [row.get("name_en", "")] + (row.get("alt_en") or "").split("|")
    return {normalise(i) for i in items if i.strip()}


class InputError(Exception):
    """Bad input: reported on one line, exit code 2."""


def match_titles(rows: list[dict], titles: dict, column: str, missing: str) -> list[str]:
    """Fill *column* of every treaty row with the one identifier whose source title is one of the row's names; return
    one line per row left empty, with the reason (*missing* when no title is ours), and refuse an identifier that
    would name two rows."""
    unmatched = []
    for row in rows:
        found = sorted(set().union(*(titles.get(n, set()) for n in our_names(row))))
        row[column] = found[0] if len(found) == 1 else ""
        if len(found) > 1:
            unmatched.append(f"treaties/{row['id']}: {column}: ambiguous ({', '.join(found)})")
        elif not found:
            unmatched.append(f"treaties/{row['id']}: {column}: {missing}")
    holders: dict[str, list[dict]] = {}
    for row in rows:
        if row[column]:
            holders.setdefault(row[column], []).append(row)
    for value, named in sorted(holders.items()):
        if len(named) > 1:
            unmatched.append(f"{column} {value} refused: names {', '.join(r['id'] for r in named)}")
            for row in named:
                row[column] = ""
    return unmatched


def link_treaties(data: Path, titles: dict, column: str, missing: str) -> int:
    """Fill *column* of DATA/treaties.csv from *titles* (normalised title -> identifiers), adding the column before
    `note` when it is new; each row left empty is said on standard error with its reason, then the count linked."""
    path = data / "treaties.csv"
    fields, rows = read_table(path)
    if "id" not in fields or "name_en" not in fields:
        raise InputError(f"{path}: no id or name_en column")
    if column not in fields:
        at = fields.index("note") if "note" in fields else len(fields)
        fields = fields[:at] + [column] + fields[at:]
    for line in match_titles(rows, titles, column, missing):
        print(line, file=sys.stderr)
    write_table(path, fields, rows)
    linked = sum(1 for row in rows if row[column])
    print(f"treaties.csv {column}: {linked} of {len(rows)} rows linked", file=sys.stderr)
    return 0


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


def main(
    run: Callable[[argparse.Namespace], int],
    description: str,
    configure: Callable[[argparse.ArgumentParser], None] | None = None,
    argv: list[str] | None = None,
) -> int:
    """The command line every importer shares: its own arguments (CONFIGURE), `--data`, and bad input
    (InputError) reported on one line with exit code 2."""
    parser = argparse.ArgumentParser(description=description)
    if configure is not None:
        configure(parser)
    parser.add_argument("--data", default=str(DATA), help="folder of the reference CSV files")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
