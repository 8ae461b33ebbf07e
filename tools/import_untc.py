"""Add UN Treaty Collection identifiers (MTDSG chapter-number, e.g. `IV-9`) to treaties.csv from a published table.

Source: `accommodanda/untc/data/treaties.json` of the staffanm/ferenda project, a curated list of
multilateral treaties deposited with the Secretary-General, each with its `mtdsg_no` (the identifier of
its status page at treaties.un.org, `ViewDetails.aspx?src=TREATY&mtdsg_no=<id>`) and its English
`title`.

Matching: a source entry is taken for a row when its `title` equals our `name_en` or one of our
`alt_en` after normalisation (case, curly quotes, a leading "the", runs of spaces and the
-isation/-ization spelling ignored), and only when exactly one entry fits.  An identifier that would name
two rows is refused for both.  Rows not matched are printed; the `untc` column is rewritten as a whole,
so the same source gives the same file byte for byte.

    python tools/import_untc.py PATH/TO/treaties.json [--data ontology/data]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from reference_tables import InputError, read_table, write_table

DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"
MTDSG = re.compile(r"[IVXL]+-[0-9]+(?:-[a-z])?")
COLUMN = "untc"



def normalise(name: str) -> str:
    text = name.replace("\u2019", "'").replace("\u2018", "'").casefold().strip()
    text = re.sub(r"isation\b", "ization", text)
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


def our_names(row: dict) -> set:
    items = [row.get("name_en", "")] + (row.get("alt_en") or "").split("|")
    return {normalise(i) for i in items if i.strip()}


def load_source(path: Path) -> dict:
    """Normalised English title -> set of MTDSG identifiers."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["treaties"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"{path}: not the UNTC treaties JSON ({exc.__class__.__name__})"
        ) from exc
    titles = defaultdict(set)
    for entry in entries:
        if not isinstance(entry, dict):
            raise InputError(f"{path}: a treaty entry is not an object")
        ident, title = str(entry.get("mtdsg_no") or ""), entry.get("title")
        if not MTDSG.fullmatch(ident) or not isinstance(title, str):
            raise InputError(
                f"{path}: an entry without an MTDSG number or a title ({ident!r})"
            )
        titles[normalise(title)].add(ident)
    if not titles:
        raise InputError(f"{path}: no treaty")
    return titles



def match(rows: list[dict], titles: dict) -> list[str]:
    """Fill `untc` of every row; return one line per row left empty, with the reason."""
    unmatched = []
    for row in rows:
        found = sorted(set().union(*(titles.get(n, set()) for n in our_names(row))))
        row[COLUMN] = found[0] if len(found) == 1 else ""
        if len(found) > 1:
            unmatched.append(
                f"treaties/{row['id']}: untc: ambiguous ({', '.join(found)})"
            )
        elif not found:
            unmatched.append(f"treaties/{row['id']}: untc: not in the source")
    holders = defaultdict(list)
    for row in rows:
        if row[COLUMN]:
            holders[row[COLUMN]].append(row)
    for value, named in sorted(holders.items()):
        if len(named) > 1:
            unmatched.append(
                f"untc {value} refused: names {', '.join(r['id'] for r in named)}"
            )
            for row in named:
                row[COLUMN] = ""
    return unmatched


def run(args) -> int:
    titles = load_source(Path(args.source))
    path = Path(args.data) / "treaties.csv"
    fields, rows = read_table(path)
    if "id" not in fields or "name_en" not in fields:
        raise InputError(f"{path}: no id or name_en column")
    if COLUMN not in fields:
        at = fields.index("note") if "note" in fields else len(fields)
        fields = fields[:at] + [COLUMN] + fields[at:]
    for line in match(rows, titles):
        print(line, file=sys.stderr)
    write_table(path, fields, rows)
    linked = sum(1 for row in rows if row[COLUMN])
    print(
        f"treaties.csv {COLUMN}: {linked} of {len(rows)} rows linked", file=sys.stderr
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source", help="accommodanda/untc/data/treaties.json of staffanm/ferenda"
    )
    parser.add_argument(
        "--data", default=str(DATA), help="folder of the reference CSV files"
    )
    args = parser.parse_args(argv)
    try:
        return run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
