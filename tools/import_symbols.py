"""Fill the `un_symbol` column of instruments.csv, bodies.csv and treaties.csv from the official texts the rows cite.

Source: the first sentence of each row's `note`, where the reference data records the resolution that
adopted an instrument or a treaty (or annexes its text) or established a body, as read in the official UN text the
note names ("General Assembly resolution 70/175.", "Established by Security Council resolution 1373
(2001).").  The symbol is written in the form of the UN Official Document System, which the UN's
permalink service resolves (https://undocs.org/<symbol>):

    General Assembly resolution 70/175        -> A/RES/70/175   (sessions from the 31st, 1976, on)
    General Assembly resolution S-20/2        -> A/RES/S-20/2   (special sessions)
    ECOSOC resolution 2005/20                 -> E/RES/2005/20  (numbered by year since 1978)
    Security Council resolution 1540 (2004)   -> S/RES/1540 (2004)

Refused (printed, column left empty): a first sentence that names no resolution of those organs, or more
than one ("resolutions 40/32 and 40/146"); the older forms ("217 A (III)"), whose symbols are not built
this way; a resolution whose year disagrees with what the row holds: the row's `year` (a General Assembly
session N spans the years 1945+N and 1946+N; an ECOSOC or Security Council resolution carries its year),
a year written after the resolution in the note, or the resolution a body's name cites ("established
pursuant to resolution 1540 (2004)").  The column is rewritten as a whole, so the same tables give the
same files byte for byte.

For treaties.csv the note is not enough: the resolution must also be stated on a stored published page listed in
tools/sources/adopting-resolutions.csv (one row a treaty: `row` as treaties/<id>, the `resolution` number as the page
writes it, the `page` address, the `title` under which the page names the treaty, the `quote` that states the
resolution, and what was `read`). A treaty's symbol is taken only when that page's resolution is the note's and its
title is the treaty's English name or an alias, or, for a protocol, its convention's name followed by "and its
(Optional) Protocol"; otherwise the row is refused (printed) and its cell left empty.

    python tools/import_symbols.py [--data ontology/data] [--sources tools/sources/adopting-resolutions.csv]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reference_tables import InputError, main as shared_main, normalise, our_names, read_table, write_table

COLUMN = "un_symbol"
FILES = ("instruments", "bodies", "treaties")
SOURCES = Path(__file__).resolve().parent / "sources" / "adopting-resolutions.csv"
SOURCE_COLUMNS = ("row", "resolution", "page", "title", "quote", "read")
SOURCED = ("treaties",)  # files whose symbols a stored page must state as well as the note
ORGANS = {
    "General Assembly": "A",
    "Economic and Social Council": "E",
    "ECOSOC": "E",
    "Security Council": "S",
}
CITATION = re.compile(
    r"\b(General Assembly|Economic and Social Council|ECOSOC|Security Council) (resolutions?) "
    r"((?:S-)?[0-9]+/[0-9]+|[0-9]+ \([0-9]{4}\)|[0-9]+ [A-Z] \([IVXL]+\))(?: \(([0-9]{4})\))?"
)
# the same resolution cited inside a name: "pursuant to resolution 1540 (2004)"
NAMED = re.compile(r"resolutions? ([0-9]+) \(([0-9]{4})\)")
FIRST_GA_ARABIC_SESSION = 31  # 1976: session number in every General Assembly symbol
FIRST_ECOSOC_YEAR = 1978  # ECOSOC resolutions numbered <year>/<n>


def first_sentence(note: str) -> str:
    """The note up to its first full stop followed by a space (or the whole note)."""
    return re.split(r"\.(?:\s|$)", note or "", maxsplit=1)[0]


def _years(organ: str, number: str) -> tuple[set, str]:
    """(years the resolution may carry, symbol) for one citation, or (set(), reason) when refused."""
    if organ == "S":
        m = re.fullmatch(r"([0-9]+) \(([0-9]{4})\)", number)
        if not m:
            return set(), f"Security Council resolution {number}: not of the form <n> (<year>)"
        return {int(m.group(2))}, f"S/RES/{m.group(1)} ({m.group(2)})"
    if organ == "E":
        m = re.fullmatch(r"([0-9]{4})/([0-9]+)", number)
        if not m or int(m.group(1)) < FIRST_ECOSOC_YEAR:
            return set(), f"ECOSOC resolution {number}: not of the form <year>/<n> (1978 on)"
        return {int(m.group(1))}, f"E/RES/{number}"
    m = re.fullmatch(r"(S-)?([0-9]+)/([0-9]+)", number)
    if not m:
        return set(), f"General Assembly resolution {number}: an older form, symbol not built"
    if m.group(1):
        return set(), f"A/RES/{number}"
    session = int(m.group(2))
    if session < FIRST_GA_ARABIC_SESSION:
        return set(), f"General Assembly resolution {number}: before the 31st session, symbol not built"
    return {1945 + session, 1946 + session}, f"A/RES/{number}"


def symbol_of(row: dict) -> tuple[str, str]:
    """(symbol, "") or ("", reason) for one row."""
    found = list(CITATION.finditer(first_sentence(row.get("note", ""))))
    if not found:
        return "", "no General Assembly, ECOSOC or Security Council resolution in the note's first sentence"
    if len(found) > 1 or found[0].group(2) == "resolutions":
        return "", "the note's first sentence cites more than one resolution"
    organ_name, _, number, written_year = found[0].groups()
    organ = ORGANS[organ_name]
    years, symbol = _years(organ, number)
    if not symbol.startswith(f"{organ}/RES/"):
        return "", symbol
    checks = [int(y) for y in (row.get("year"), written_year) if y]
    named = NAMED.search(row.get("name_en", ""))
    if organ == "S" and named:
        if f"S/RES/{named.group(1)} ({named.group(2)})" != symbol:
            return "", f"{symbol}: the name cites resolution {named.group(1)} ({named.group(2)})"
    if years and any(y not in years for y in checks):
        return "", f"{symbol}: year {checks} disagrees with the resolution ({sorted(years)})"
    return symbol, ""


def load_sources(path: Path) -> dict:
    """treaties/<id> -> the stored page that states the resolution adopting the treaty (bad input: InputError)."""
    fields, rows = read_table(path)
    if tuple(fields) != SOURCE_COLUMNS:
        raise InputError(f"{path}: not the table of adopting resolutions (columns {', '.join(SOURCE_COLUMNS)})")
    sources = {}
    for row in rows:
        number = row["resolution"]
        if not re.fullmatch(r"(?:S-)?[0-9]+/[0-9]+", number or ""):
            raise InputError(f"{path}: {row['row']}: resolution {number!r} is not of the form <session>/<n>")
        if not re.search(rf"(?:(?<![0-9/])|(?<=RES/)){re.escape(number)}(?![0-9/])", row["quote"] or ""):
            raise InputError(f"{path}: {row['row']}: the quote does not state resolution {number}")
        if not (row["page"] or "").startswith(("http://", "https://")) or not row["title"] or not row["read"]:
            raise InputError(f"{path}: {row['row']}: page address, title and what was read are required")
        if row["row"] in sources:
            raise InputError(f"{path}: {row['row']} listed twice")
        sources[row["row"]] = row
    return sources


def _named_by(source: dict, row: dict, rows: dict) -> bool:
    """The page's title is the row's name or alias, or, for a protocol, its convention's name and "its Protocol"."""
    title = normalise(source["title"])
    if title in our_names(row):
        return True
    parent = rows.get(row.get("parent", ""))
    ending = re.match(r"(.*) and its (?:optional )?protocol$", title)
    return bool(parent and ending and ending.group(1) in our_names(parent))


def sourced(stem: str, row: dict, rows: dict, sources: dict, symbol: str) -> tuple[str, str]:
    """(symbol, "") when a stored page states the note's resolution for the row, else ("", reason)."""
    source = sources.get(f"{stem}/{row['id']}")
    if source is None:
        return "", f"{symbol}: no stored page states it ({SOURCES.name})"
    if f"A/RES/{source['resolution']}" != symbol:
        return "", f"{symbol}: the stored page states resolution {source['resolution']}"
    if not _named_by(source, row, rows):
        return "", f"{symbol}: the stored page's title {source['title']!r} does not name the row"
    return symbol, ""


def run(data: Path, sources_path: Path = SOURCES) -> int:
    sources = load_sources(sources_path)
    for stem in FILES:
        path = data / f"{stem}.csv"
        fields, rows = read_table(path)
        if "id" not in fields or "note" not in fields:
            raise InputError(f"{path}: not a reference table (no id/note column)")
        if COLUMN not in fields:
            at = fields.index("note")
            fields = fields[:at] + [COLUMN] + fields[at:]
        by_id = {row["id"]: row for row in rows}
        for row in rows:
            row[COLUMN], why = symbol_of(row)
            if row[COLUMN] and stem in SOURCED:
                row[COLUMN], why = sourced(stem, row, by_id, sources, row[COLUMN])
            if why and CITATION.search(row.get("note", "")):
                print(f"{stem}/{row['id']}: {why}", file=sys.stderr)
        write_table(path, fields, rows)
        print(f"{stem}.csv {COLUMN}: {sum(1 for r in rows if r[COLUMN])} of {len(rows)} rows", file=sys.stderr)
    return 0


def _configure(parser) -> None:
    parser.add_argument("--sources", default=str(SOURCES), help="stored pages stating the treaties' adopting resolutions")


def main(argv: list[str] | None = None) -> int:
    return shared_main(lambda args: run(Path(args.data), Path(args.sources)), __doc__.splitlines()[0], _configure, argv)


if __name__ == "__main__":
    sys.exit(main())
