"""Add UN Treaty Collection identifiers (MTDSG chapter-number, e.g. `IV-9`) to treaties.csv from published tables.

Sources (one or more, each recognised by its content):
  `accommodanda/untc/data/treaties.json` of the staffanm/ferenda project, a curated list of multilateral
    treaties deposited with the Secretary-General, each with its `mtdsg_no` (the identifier of its status
    page at treaties.un.org, `ViewDetails.aspx?src=TREATY&mtdsg_no=<id>`) and its English `title`;
  `index.csv` of the zmjones/untreaties project, the index of the whole MTDSG as scraped from
    treaties.un.org: `chapter_no`, `treaty_no`, `treaty_name` ("Title. Place, date") and the `url` of the
    status page, whose `mtdsg_no` is taken when its chapter agrees with `chapter_no`.

Matching: a source entry is taken for a row when its title (for the index: the name without its closing
". Place, date" and a closing parenthetical remark) equals our `name_en` or one of our `alt_en` after
normalisation (case, curly quotes, a leading "the", runs of spaces and the -isation/-ization spelling
ignored), and only when exactly one identifier fits (two sources that give the same identifier agree).
An identifier that would name two rows is refused for both.  Rows not matched are printed; the `untc`
column is rewritten as a whole, so the same sources give the same file byte for byte.

    python tools/import_untc.py PATH/TO/treaties.json [PATH/TO/index.csv] [--data ontology/data]
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from reference_tables import InputError, link_treaties, main as shared_main, normalise

MTDSG = re.compile(r"[IVXL]+-[0-9]+(?:-[a-z])?")
COLUMN = "untc"


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
INDEX_COLUMNS = {"chapter_no", "treaty_name", "url"}
PLACE_AND_DATE = re.compile(r"^(.*)\.\s+[^.]*\b[0-9]{4}\s*$", re.S)
CLOSING_REMARK = re.compile(r"\s*\([^()]*\)\s*$")


def roman(numeral: str) -> int:
    """The value of a Roman numeral of I, V, X and L (the MTDSG chapter of `XVIII-12`: 18; `IV`: 4)."""
    values = [ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def index_title(name: str) -> str:
    """"Title (remark). Place, date" -> "Title"."""
    match = PLACE_AND_DATE.match(name.strip())
    title = (match.group(1) if match else name).rstrip(" .*")
    return CLOSING_REMARK.sub("", title).rstrip(" .*")


def load_index(path: Path, text: str) -> dict:
    """Titles of the zmjones/untreaties `index.csv` -> MTDSG identifiers (entries of another form skipped)."""
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not INDEX_COLUMNS <= set(reader.fieldnames or []):
            raise InputError(f"{path}: not the UNTC index CSV (columns {', '.join(sorted(INDEX_COLUMNS))})")
        entries = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc.__class__.__name__})") from exc
    titles = defaultdict(set)
    for entry in entries:
        found = re.search(r"[?&]mtdsg_no=([^&]+)", entry.get("url") or "")
        ident = found.group(1) if found else ""
        if not MTDSG.fullmatch(ident):
            continue  # annexes and revised texts numbered III-2-2a and the like: no row of ours
        if str(roman(ident.split("-")[0])) != (entry.get("chapter_no") or "").strip():
            raise InputError(f"{path}: {ident} listed under chapter {entry.get('chapter_no')!r}")
        titles[normalise(index_title(entry.get("treaty_name") or ""))].add(ident)
    if not titles:
        raise InputError(f"{path}: no treaty")
    return titles


def load_sources(paths: list[Path]) -> dict:
    """Normalised English title -> set of MTDSG identifiers, over every source."""
    titles = defaultdict(set)
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: not a readable file ({exc.__class__.__name__})") from exc
        loaded = load_source(path) if text.lstrip().startswith("{") else load_index(path, text)
        for title, idents in loaded.items():
            titles[title] |= idents
    return titles


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


def run(args) -> int:
    return link_treaties(Path(args.data), load_sources([Path(p) for p in args.source]), COLUMN, "not in the source")


def main(argv: list[str] | None = None) -> int:
    def configure(parser):
        parser.add_argument(
            "source", nargs="+",
            help="accommodanda/untc/data/treaties.json of staffanm/ferenda and/or index.csv of zmjones/untreaties",
        )

    return shared_main(run, __doc__.splitlines()[0], configure, argv)


if __name__ == "__main__":
    sys.exit(main())
