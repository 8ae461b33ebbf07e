"""Add outgoing identifiers, UN names in the other official languages and UNTERM formal names to countries.csv.

Source: the `data/country-codes.csv` table of the datasets/country-codes project (Open Data
Commons PDDL), which joins ISO 3166-1, UNSD M49, UNTERM names in the six official languages,
GeoNames ids and Wikidata items.  A row is taken only when its ISO alpha-2, alpha-3 and M49
codes all agree with ours; disagreements are printed and left empty.

    python tools/import_country_codes.py PATH/TO/country-codes.csv [--data ontology/data]

The imported columns are rewritten as a whole, so the same source gives the same file byte for byte
(tests/test_links.py checks this against the source when KG_COUNTRY_CODES_SOURCE names it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reference_tables import InputError, read_table, write_table, main as shared_main

CODE_COLUMNS = ("ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "ISO3166-1-numeric", "M49")
NEW_COLUMNS = ["wikidata", "geonames", "name_fr", "name_es", "name_ru", "name_ar", "formal_en", "formal_zh"]
SHORT_NAME = {"fr": "UNTERM French Short", "es": "UNTERM Spanish Short", "ru": "UNTERM Russian Short",
              "ar": "UNTERM Arabic Short"}
# UNTERM marks non-member States with one or two asterisks and writes the article in parentheses
ARTICLE = re.compile(r"(?:\s*\((?:la|le|les|l'|el|los|las|the)\))?(?:\s*\*+)?$")
STARS = re.compile(r"\s*\*+$")


def _source_rows(path: Path) -> dict:
    """ISO alpha-3 -> row of the source table (one line of error when it is not that table)."""
    fields, rows = read_table(path)
    missing = [c for c in CODE_COLUMNS if c not in fields]
    if missing:
        raise InputError(f"{path}: not the country-codes table (no {', '.join(missing)} column)")
    return {row["ISO3166-1-Alpha-3"]: row for row in rows if row.get("ISO3166-1-Alpha-3")}


def _wikidata(value: str) -> str:
    match = re.fullmatch(r"(?:https?://www\.wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)", value.strip())
    return match.group(1) if match else ""


def _fill(row: dict, src: dict | None) -> str:
    """Fill the imported columns of one of our rows from its source row; the reason when it is refused."""
    for column in NEW_COLUMNS:
        row[column] = ""
    if src is None:
        return "not in the source"
    codes = (src["ISO3166-1-Alpha-2"], src["ISO3166-1-numeric"].zfill(3), src["M49"].zfill(3))
    if codes != (row["iso2"], row["m49"] or codes[1], row["m49"] or codes[2]):
        return f"codes disagree {codes} vs {row['iso2']}/{row['m49']}"
    row["wikidata"] = _wikidata(src.get("wikidata_id", ""))
    row["geonames"] = src.get("Geoname ID", "").strip() if src.get("Geoname ID", "").strip().isdigit() else ""
    for lang, column in SHORT_NAME.items():
        row[f"name_{lang}"] = ARTICLE.sub("", src.get(column, "").strip())
    formal_en = STARS.sub("", re.sub(r"^the\s+", "", src.get("UNTERM English Formal", "").strip()))
    formal_zh = STARS.sub("", src.get("UNTERM Chinese Formal", "").strip())
    row["formal_en"] = formal_en if formal_en and formal_en != row["name_en"] else ""
    row["formal_zh"] = formal_zh if formal_zh and formal_zh != row["name_zh"] else ""
    return ""


def run(source_path: Path, data: Path) -> int:
    source = _source_rows(source_path)
    path = data / "countries.csv"
    fields, rows = read_table(path)
    if not {"iso2", "iso3", "m49", "note"} <= set(fields):
        raise InputError(f"{path}: not the countries table (no iso2/iso3/m49/note column)")
    fields = [f for f in fields if f not in NEW_COLUMNS]
    fields = fields[: fields.index("note")] + NEW_COLUMNS + ["note"]
    taken = 0
    for row in rows:
        why = _fill(row, source.get(row["iso3"]))
        if why:
            print(f"{row['id']}: {why}", file=sys.stderr)
        else:
            taken += 1
    write_table(path, fields, rows)
    print(f"{taken} of {len(rows)} countries matched", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    def configure(parser):
        parser.add_argument("source", type=Path, help="data/country-codes.csv of the datasets/country-codes project")

    return shared_main(lambda args: run(args.source, Path(args.data)), __doc__.splitlines()[0], configure, argv)


if __name__ == "__main__":
    sys.exit(main())
