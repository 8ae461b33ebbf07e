"""Add outgoing identifiers, UN names in the other official languages and UNTERM formal names to countries.csv.

Source: the `data/country-codes.csv` table of the datasets/country-codes project (Open Data
Commons PDDL), which joins ISO 3166-1, UNSD M49, UNTERM names in the six official languages,
GeoNames ids and Wikidata items.  A row is taken only when its ISO alpha-2, alpha-3 and M49
codes all agree with ours; disagreements are printed and left empty.

    python tools/import_country_codes.py PATH/TO/country-codes.csv [--commit SHA]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

COUNTRIES = Path(__file__).resolve().parent.parent / "ontology" / "data" / "countries.csv"
NEW_COLUMNS = ["wikidata", "geonames", "name_fr", "name_es", "name_ru", "name_ar", "formal_en", "formal_zh"]
SHORT_NAME = {"fr": "UNTERM French Short", "es": "UNTERM Spanish Short", "ru": "UNTERM Russian Short",
              "ar": "UNTERM Arabic Short"}
ARTICLE = re.compile(r"(?:\s*\((?:la|le|les|l'|el|los|las)\))?(?:\s*\*)?$")


def _source_rows(path: Path) -> dict:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["ISO3166-1-Alpha-3"]: row for row in csv.DictReader(handle) if row.get("ISO3166-1-Alpha-3")}


def _wikidata(value: str) -> str:
    match = re.fullmatch(r"(?:https?://www\.wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)", value.strip())
    return match.group(1) if match else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    args = parser.parse_args(argv)
    source = _source_rows(args.source)
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = [f for f in reader.fieldnames if f not in NEW_COLUMNS]
        rows = list(reader)
    fields = fields[: fields.index("note")] + NEW_COLUMNS + ["note"]
    taken = 0
    for row in rows:
        for column in NEW_COLUMNS:
            row[column] = ""
        src = source.get(row["iso3"])
        if src is None:
            print(f"{row['id']}: not in the source", file=sys.stderr)
            continue
        codes = (src["ISO3166-1-Alpha-2"], src["ISO3166-1-numeric"].zfill(3), src["M49"].zfill(3))
        if codes != (row["iso2"], row["m49"] or codes[1], row["m49"] or codes[2]):
            print(f"{row['id']}: codes disagree {codes} vs {row['iso2']}/{row['m49']}", file=sys.stderr)
            continue
        row["wikidata"] = _wikidata(src.get("wikidata_id", ""))
        row["geonames"] = src.get("Geoname ID", "").strip() if src.get("Geoname ID", "").strip().isdigit() else ""
        for lang, column in SHORT_NAME.items():
            row[f"name_{lang}"] = ARTICLE.sub("", src.get(column, "").strip())
        formal_en = re.sub(r"^the\s+", "", src.get("UNTERM English Formal", "").strip())
        formal_zh = src.get("UNTERM Chinese Formal", "").strip()
        row["formal_en"] = formal_en if formal_en and formal_en != row["name_en"] else ""
        row["formal_zh"] = formal_zh if formal_zh and formal_zh != row["name_zh"] else ""
        taken += 1
    with COUNTRIES.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{taken} of {len(rows)} countries matched", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
